import Activations
import Tensors

/// Conv2D -> BatchNormalization -> optional Activation -> MaxPooling2D whose windows tile the
/// image (pool size = strides), as in the digits CNN's blocks, run as one step. Layer by layer,
/// the full-resolution tensor between the convolution and the pooling is written and read again
/// by each of the four; fused, it is read twice forward (the batch statistics, then the
/// normalised, activated and pooled output) and twice backward (the batch-norm gradient sums,
/// then the convolution's pre-activation gradient), everything between computed in cache.
public enum ConvolutionBlockFusion: LayerFusion {
    public static func fuse(_ layers: ArraySlice<any Layer>) -> (any FusedLayers)? {
        var i = layers.startIndex
        guard let conv = layers[i] as? Conv2D, conv.outputShape.count == 3, keepsChannels(conv.activation, conv.filters)
        else { return nil }
        // The kernels work on vectors of 16 channels.
        let channels = conv.outputShape[2]
        guard channels.isMultiple(of: 16) else { return nil }
        i += 1
        guard i < layers.endIndex, let norm = layers[i] as? BatchNormalization, norm.channels == channels,
              norm.outputShape == conv.outputShape else { return nil }
        i += 1
        var after: ActivationLayer?
        // Element-wise, so that a pooling window's gradient stays on its winner.
        if i < layers.endIndex, let a = layers[i] as? ActivationLayer, keepsChannels(a.activation, channels),
           a.activation.isElementwise {
            after = a
            i += 1
        }
        guard i < layers.endIndex, let pool = layers[i] as? MaxPooling2D, let g = pool.geometry,
              g.inputHeight == conv.outputShape[0], g.inputWidth == conv.outputShape[1], g.channels == channels,
              g.strideHeight == g.kernelHeight, g.strideWidth == g.kernelWidth,
              g.outputHeight * g.kernelHeight - g.padTop >= g.inputHeight,
              g.outputWidth * g.kernelWidth - g.padLeft >= g.inputWidth else { return nil }
        return ConvolutionBlock(conv: conv, norm: norm, after: after, pool: pool, geometry: g)
    }

    /// A deterministic function that maps each pixel's channels to as many channels.
    static func keepsChannels(_ f: any ActivationFunction, _ channels: Int) -> Bool {
        f.trainingNoise == nil && f.outputColumns(forInputColumns: channels) == channels
    }
}
