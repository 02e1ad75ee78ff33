import Activations
import Layers
import Tensors

/// The article's digits CNN (experiment D), on 28x28x1 images: three blocks of
/// Conv2D(3x3, relu, same) -> BatchNormalization -> LeakyReLU(0.1) -> MaxPooling2D(2x2, same) ->
/// Dropout, then Dense(120) and Dense(40) blocks and a softmax over 10 classes:
/// 345,338 parameters, 768 of them non-trainable (the moving statistics).
public enum DigitsCNN {
    /// The name `actlab summary --model` knows it by.
    public static let id = "digits-cnn"
    public static let imageShape = [28, 28, 1]
    public static let classes = 10

    public static func make(seed: UInt64 = 0) -> Sequential {
        Sequential(name: "digits_cnn", seed: seed) {
            Input(shape: imageShape)
            for (filters, rate) in [(32, Float(0.3)), (64, 0.3), (128, 0.4)] {
                Conv2D(filters, 3, padding: .same, activation: .relu)
                BatchNormalization()
                LeakyReLU(alpha: 0.1)
                MaxPooling2D(poolSize: 2, padding: .same)
                Dropout(rate)
            }
            Flatten()
            for (units, rate) in [(120, Float(0.3)), (40, 0.2)] {
                Dense(units, activation: .relu)
                BatchNormalization()
                LeakyReLU(alpha: 0.1)
                Dropout(rate)
            }
            Dense(classes, activation: .softmax)
        }
    }

    /// Floating-point operations of one training step per sample: forward, weight gradients,
    /// and input gradients for every layer but the first convolution (which none needs), counting
    /// only the matrix products (2 per multiply-add) of Conv2D and Dense layers.
    public static func trainingFlopsPerSample(_ model: Sequential) -> Double {
        var flops = 0.0, first = true
        for layer in model.layers {
            let macs: Double
            if let conv = layer as? Conv2D {
                macs = Double(conv.kernel.value.count) * Double(conv.outputShape[0] * conv.outputShape[1])
            } else if let dense = layer as? Dense {
                macs = Double(dense.kernel.value.count)
            } else { continue }
            flops += 2 * macs * (first ? 2 : 3)
            first = false
        }
        return flops
    }
}
