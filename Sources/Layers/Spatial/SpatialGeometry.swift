/// Where the windows of a 2-D convolution or pooling fall on an NHWC input: output size and
/// the padding before each axis, by Keras's (TensorFlow's) rules.
struct SpatialGeometry: Equatable, Sendable {
    var inputHeight = 0, inputWidth = 0, channels = 0
    var kernelHeight = 1, kernelWidth = 1
    var strideHeight = 1, strideWidth = 1
    var dilationHeight = 1, dilationWidth = 1
    var outputHeight = 0, outputWidth = 0
    /// Rows and columns of padding before the first input row and column.
    var padTop = 0, padLeft = 0

    /// Throws, naming `layer`, for an input that is not [height, width, channels] or a window
    /// that does not fit a `valid` input.
    init(layer: String, inputShape: [Int], kernel: Size2D, strides: Size2D, dilation: Size2D = 1, padding: Padding) throws {
        guard inputShape.count == 3, inputShape.allSatisfy({ $0 > 0 }) else {
            throw LayerError.shapeMismatch(layer: layer, expected: "an image input (height, width, channels) of positive sizes", got: inputShape)
        }
        (inputHeight, inputWidth, channels) = (inputShape[0], inputShape[1], inputShape[2])
        (kernelHeight, kernelWidth) = (kernel.height, kernel.width)
        (strideHeight, strideWidth) = (strides.height, strides.width)
        (dilationHeight, dilationWidth) = (dilation.height, dilation.width)
        // Overflow-checked: sizes come from files and command lines.
        func span(_ k: Int, _ d: Int) throws -> Int {
            let (a, o1) = (k - 1).multipliedReportingOverflow(by: d)
            let (s, o2) = a.addingReportingOverflow(1)
            guard !o1, !o2 else { throw LayerError.invalidArgument(layer: layer, message: "kernel size \(k) with dilation \(d) overflows") }
            return s
        }
        let spanH = try span(kernelHeight, dilationHeight), spanW = try span(kernelWidth, dilationWidth)
        switch padding {
        case .valid:
            guard spanH <= inputHeight, spanW <= inputWidth else {
                throw LayerError.shapeMismatch(layer: layer, expected: "an input at least as large as the window \(spanH)x\(spanW) ('valid' padding)", got: inputShape)
            }
            outputHeight = (inputHeight - spanH) / strideHeight + 1
            outputWidth = (inputWidth - spanW) / strideWidth + 1
        case .same:
            outputHeight = (inputHeight + strideHeight - 1) / strideHeight
            outputWidth = (inputWidth + strideWidth - 1) / strideWidth
            // (out - 1) * stride + span - in, at most span + in: no overflow once span fits.
            padTop = max((outputHeight - 1) * strideHeight + spanH - inputHeight, 0) / 2
            padLeft = max((outputWidth - 1) * strideWidth + spanW - inputWidth, 0) / 2
        }
    }

    var inputPixels: Int { inputHeight * inputWidth }
    var outputPixels: Int { outputHeight * outputWidth }
    var windowSize: Int { kernelHeight * kernelWidth }
}
