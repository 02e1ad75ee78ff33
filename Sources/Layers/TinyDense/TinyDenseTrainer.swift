import Activations
import CVectorMath
import Foundation
import Tensors

/// `Sequential { Dense(...); ... }` compiled with Adam and mean squared error, trained the way
/// `fit` trains it, for networks so small that the engine's per-step costs (callbacks, logs,
/// tensors, layer dispatch) would be most of the time: a 1-2-1 curve fit in well under a millisecond.
///
/// Same seed, same result as `Sequential.fit`: Glorot-uniform kernels and zero biases drawn
/// from the model's generator in layer order, Keras's per-epoch shuffle from the same generator,
/// the products summed in `BLAS.gemm`'s plain-loop order (what `Dense` gets at these sizes), each activation's own
/// `forward`/`backward`, MSE's gradient and Adam's update written as `MeanSquaredError` and
/// `Adam` write them. One instance trains on one thread; run seeds side by side on separate instances.
public final class TinyDenseTrainer {
    /// One dense layer: its width and activation.
    public struct LayerSpec: Sendable {
        public var units: Int
        public var activation: any ActivationFunction
        public init(units: Int, activation: any ActivationFunction = Linear()) {
            self.units = units
            self.activation = activation
        }
    }

    public let inputs: Int
    public let layers: [LayerSpec]
    /// Per layer, [inputs, units] row-major (Keras layout), as `Dense.kernel`.
    public private(set) var kernels: [[Float]]
    public private(set) var biases: [[Float]]
    /// The epoch means of the batch losses, as `History["loss"]`.
    public private(set) var lossHistory: [Double] = []
    private var rng: RandomGenerator

    /// Whether the trainer computes `activation` as `Dense` does: element-wise, without
    /// training-time noise (RReLU draws from the generator per batch; that model needs `fit`).
    /// A sigmoid output is not fused here: the loss is always MSE, which `fit` never fuses.
    public static func supports(_ activation: any ActivationFunction) -> Bool {
        activation.isElementwise && activation.trainingNoise == nil
            && activation.outputColumns(forInputColumns: 3) == 3
    }

    /// The largest network this trainer is meant for; a bigger one belongs to `Sequential`.
    public static let maximumParameters = 1 << 16

    /// Builds the weights as `Sequential(seed:).build()` does for the same layers.
    public init(inputs: Int, layers: [LayerSpec], seed: UInt64) throws {
        guard inputs > 0 else { throw LayerError.invalidData("a tiny dense network needs at least one input, got \(inputs)") }
        guard !layers.isEmpty else { throw LayerError.emptyModel }
        var count = 0, width = inputs
        for (i, layer) in layers.enumerated() {
            guard layer.units > 0, layer.units <= Self.maximumParameters else {
                throw LayerError.invalidArgument(layer: "dense_\(i)", message: "units must be from 1 to \(Self.maximumParameters), got \(layer.units)")
            }
            guard Self.supports(layer.activation) else {
                throw LayerError.invalidArgument(layer: "dense_\(i)", message: "activation \(layer.activation.id) is not element-wise and noise-free; train it with Sequential.fit")
            }
            count += (width + 1) * layer.units
            width = layer.units
        }
        guard count <= Self.maximumParameters else {
            throw LayerError.invalidData("\(count) parameters is not a tiny network (at most \(Self.maximumParameters)); use Sequential")
        }
        self.inputs = inputs
        self.layers = layers
        rng = RandomGenerator(seed: seed)
        kernels = []
        biases = []
        width = inputs
        for layer in layers {
            let limit = (6 / Float(width + layer.units)).squareRoot()
            kernels.append((0..<(width * layer.units)).map { _ in rng.uniform(-limit, limit) })
            biases.append(Array(repeating: 0, count: layer.units))
            width = layer.units
        }
    }

    public var outputs: Int { layers.last!.units }

    /// Keras `fit(x, y, epochs, batch_size, shuffle)` with Adam and MSE, no validation; x is
    /// rows x inputs and y rows x outputs, row-major. Returns the epoch losses.
    @discardableResult
    public func fit(x: [Float], y: [Float], epochs: Int, batchSize: Int = 32, optimizer: Adam,
                    shuffle: Bool = true) throws -> [Double] {
        let rows = x.count / inputs
        guard rows > 0, x.count == rows * inputs, y.count == rows * outputs else {
            throw LayerError.invalidData("x must hold rows x \(inputs) and y rows x \(outputs) values, got \(x.count) and \(y.count)")
        }
        guard epochs > 0, batchSize > 0 else {
            throw LayerError.invalidData("epochs and batch size must be positive, got \(epochs) and \(batchSize)")
        }
        let batch = min(batchSize, rows)
        let w = TinyWorkspace(inputs: inputs, units: layers.map(\.units), batch: batch)
        w.load(kernels: kernels, biases: biases)
        let steps = (rows + batch - 1) / batch
        var order = Array(0..<rows)
        var t = 0
        lossHistory = []
        lossHistory.reserveCapacity(epochs)
        x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                for _ in 0..<epochs {
                    if shuffle { rng.shuffle(&order) }
                    var lossSum = 0.0, seen = 0
                    for step in 0..<steps {
                        let start = step * batch, n = min(batch, rows - start)
                        let xb = w.activation[0], yb = w.target, outputs = outputs
                        for r in 0..<n {
                            let i = order[start + r]
                            // Rows of one or two values: a memmove call each would cost more than the copy.
                            for c in 0..<inputs { xb[r * inputs + c] = x[i * inputs + c] }
                            for c in 0..<outputs { yb[r * outputs + c] = y[i * outputs + c] }
                        }
                        forward(rows: n, w)
                        let loss = meanSquaredError(rows: n, w)
                        backward(rows: n, w)
                        t += 1
                        adamStep(optimizer, t: t, w)
                        lossSum += Double(loss) * Double(n)
                        seen += n
                    }
                    lossHistory.append(lossSum / Double(seen))
                }
            }
        }
        (kernels, biases) = w.store()
        return lossHistory
    }

    /// The network's outputs for every row of x (rows x inputs), row-major.
    public func predict(_ x: [Float]) -> [Float] {
        layerOutputs(x).last!
    }

    /// Every layer's activation output for every row of x, input first: index 1 is the
    /// first hidden layer (rows x units), the last is the prediction.
    public func layerOutputs(_ x: [Float]) -> [[Float]] { inference(x).outputs }

    /// Every layer's pre-activations (x · W + b) for every row of x, first layer first.
    public func preActivations(_ x: [Float]) -> [[Float]] { inference(x).preActivations }

    private func inference(_ x: [Float]) -> (outputs: [[Float]], preActivations: [[Float]]) {
        let rows = x.count / inputs
        guard rows > 0 else { return (Array(repeating: [], count: layers.count + 1), Array(repeating: [], count: layers.count)) }
        let w = TinyWorkspace(inputs: inputs, units: layers.map(\.units), batch: rows)
        w.load(kernels: kernels, biases: biases)
        x.withUnsafeBufferPointer { w.activation[0].update(from: $0.baseAddress!, count: rows * inputs) }
        forward(rows: rows, w)
        let widths = [inputs] + layers.map(\.units)
        let outputs = widths.indices.map { Array(UnsafeBufferPointer(start: w.activation[$0], count: rows * widths[$0])) }
        let pre = layers.indices.map { Array(UnsafeBufferPointer(start: w.preActivation[$0], count: rows * widths[$0 + 1])) }
        return (outputs, pre)
    }

    // MARK: - One step, as Dense, MeanSquaredError and Adam compute it
    // Indices use wrapping arithmetic: they are bounded by the buffers' sizes, checked when the
    // workspace was laid out, and overflow checks were a fifth of the step.

    private func forward(rows n: Int, _ w: TinyWorkspace) {
        var width = inputs
        for l in layers.indices {
            let units = layers[l].units, activation = layers[l].activation
            let z = w.preActivation[l], bias = w.bias[l], x = w.activation[l], kernel = w.kernel[l]
            // BLAS.gemm's plain-loop arithmetic with the bias as C (beta 1): the sum from zero
            // in order of k, then the bias added, so that both trainers round alike.
            for r in 0..<n {
                for j in 0..<units {
                    var s: Float = 0
                    for p in 0..<width { s += x[r &* width &+ p] * kernel[p &* units &+ j] }
                    z[r &* units &+ j] = s + bias[j]
                }
            }
            if activation.isIdentity {
                w.activation[l + 1].update(from: z, count: n * units)
            } else {
                activation.forward(z, w.activation[l + 1], rows: n, columns: units)
            }
            width = units
        }
    }

    private func meanSquaredError(rows: Int, _ w: TinyWorkspace) -> Float {
        let n = rows * outputs
        let p = w.activation[layers.count], t = w.target, g = w.gradient[layers.count]
        var sum: Double = 0
        for i in 0..<n {
            let d = p[i] - t[i]
            sum += Double(d * d)
            g[i] = 2 * d / Float(n)
        }
        return Float(sum / Double(n))
    }

    private func backward(rows n: Int, _ w: TinyWorkspace) {
        for l in layers.indices.reversed() {
            let units = layers[l].units, activation = layers[l].activation
            let width = l == 0 ? inputs : layers[l - 1].units
            let dy = w.gradient[l + 1], dz = w.preActivationGradient[l]
            if activation.isIdentity {
                dz.update(from: dy, count: n * units)
            } else {
                activation.backward(x: w.preActivation[l], y: w.activation[l + 1], dy: dy, dx: dz, rows: n, columns: units)
            }
            // As BLAS.gemm's plain loops (beta 0): every sum from zero, in order of k.
            let x = w.activation[l], kernelGradient = w.kernelGradient[l], biasGradient = w.biasGradient[l]
            for j in 0..<units {
                for p in 0..<width {
                    var s: Float = 0
                    for r in 0..<n { s += x[r &* width &+ p] * dz[r &* units &+ j] }
                    kernelGradient[p &* units &+ j] = s
                }
                var s: Float = 0
                for r in 0..<n { s += dz[r &* units &+ j] }
                biasGradient[j] = s
            }
            if l > 0 {
                let kernel = w.kernel[l], dx = w.gradient[l]
                for r in 0..<n {
                    for p in 0..<width {
                        var s: Float = 0
                        for j in 0..<units { s += dz[r &* units &+ j] * kernel[p &* units &+ j] }
                        dx[r &* width &+ p] = s
                    }
                }
            }
        }
    }

    private func adamStep(_ adam: Adam, t: Int, _ w: TinyWorkspace) {
        let td = Double(t)
        let alpha = Float(Double(adam.learningRate) * (1 - pow(Double(adam.beta2), td)).squareRoot() / (1 - pow(Double(adam.beta1), td)))
        let (b1, b2, eps) = (adam.beta1, adam.beta2, adam.epsilon)
        for p in w.parameters {
            let (v, g, m, s) = (p.value, p.gradient, p.first, p.second)
            for i in 0..<p.count {
                let gi = g[i]
                let mi = m[i] + (gi - m[i]) * (1 - b1)
                let vi = s[i] + (gi * gi - s[i]) * (1 - b2)
                m[i] = mi
                s[i] = vi
                v[i] -= alpha * mi / (actlab_sqrtf(vi) + eps)
            }
        }
    }
}
