import Activations
import Tensors

/// Keras `Conv2D` on NHWC images: y = activation(conv(x, K) + b) with a kernel K of shape
/// [kernelHeight, kernelWidth, inChannels, filters] (Keras layout), Glorot-uniform initial
/// kernel and zero bias. Runs as im2col + one matrix product; backward as two products and col2im.
/// Thin windows (few input channels) run as a direct convolution instead, and 3x3 stride-1
/// kernels over many channels by Winograd's F(2x2, 3x3).
public final class Conv2D: RegisteredLayer {
    public static let typeName = "Conv2D"
    public var name: String
    public let filters: Int
    public let kernelSize: Size2D
    public let strides: Size2D
    public let padding: Padding
    public let dilationRate: Size2D
    public let activation: any ActivationFunction
    public let useBias: Bool
    public let declaredInputShape: [Int]?
    public private(set) var kernel: Parameter!
    public private(set) var bias: Parameter?
    public private(set) var outputShape: [Int] = []
    public var parameters: [Parameter] { kernel.map { [$0] + (bias.map { [$0] } ?? []) } ?? [] }

    private var geometry: SpatialGeometry?
    private var lastInput: Tensor?
    private var columns: Tensor?
    private var preActivation: Tensor?
    private var output: Tensor?
    private var gradPreActivation: Tensor?
    private var gradColumns: Tensor?
    private var gradInput: Tensor?
    private var ones: Tensor?
    private var randomSlopes = RandomSlopes(noise: nil, seed: 0)

    /// 3x3 stride-1 kernels over at least this many input channels run by Winograd's F(2x2, 3x3):
    /// forward and input gradient with 16 multiplies per 4 outputs instead of 36. Fewer channels
    /// make its products too thin to pay (measured on the digits CNN's first layer).
    public static let winogradMinimumChannels = 16
    /// Off: always im2col (tests compare the two).
    var winogradAllowed = true
    /// Whether `build` chose Winograd for this geometry.
    var usesWinograd: Bool { winograd != nil }
    /// Kernels of more than one tap (or strided) whose unfolded depth (kernelHeight * kernelWidth
    /// * inChannels) is at most this run as a direct convolution: im2col's copy and a product that
    /// thin cost more than the arithmetic. Measured on 28x28 inputs, batch 64, 32 filters: the direct
    /// forward pass about 2x faster over 1 channel and still ahead at depth 108; its kernel
    /// gradient ahead up to depth 72 and level beyond, where the product's register blocking pays.
    /// Built without `-D ACTLAB_FMA` (and so, by the build scripts' convention, without
    /// `-target-cpu native`) the vectors are SSE pairs and im2col wins from two channels on.
    #if ACTLAB_FMA
    public static let directMaximumDepth = 72
    #else
    public static let directMaximumDepth = 9
    #endif
    /// The depth up to which this layer goes direct: 0 never (tests compare it with im2col).
    var directMaximumDepth = Conv2D.directMaximumDepth
    /// Whether `build` chose the direct convolution for this geometry.
    private(set) var usesDirect = false
    /// Per-part kernel and bias gradient sums of the direct convolution.
    private var gradientPartials: Tensor?
    /// The forward plan and that of the input gradient (the adjoint: flipped kernel, channels exchanged).
    private var winograd: (forward: Winograd.Plan, backward: Winograd.Plan)?
    private var transformedKernel: Tensor?, transformedInput: Tensor?, products: Tensor?, scratch: Tensor?
    /// The backward pass's own transformed input (dz), so that the forward pass's survives for the kernel gradient.
    private var transformedGradient: Tensor?, kernelProducts: Tensor?

    public init(_ filters: Int, _ kernelSize: Size2D, strides: Size2D = 1, padding: Padding = .valid,
                dilationRate: Size2D = 1, activation: any ActivationFunction = Linear(), useBias: Bool = true,
                inputShape: [Int]? = nil, name: String = "") {
        self.filters = filters
        self.kernelSize = kernelSize
        self.strides = strides
        self.padding = padding
        self.dilationRate = dilationRate
        self.activation = activation
        self.useBias = useBias
        self.declaredInputShape = inputShape
        self.name = name
    }

    /// `Conv2D(32, 3, padding: .same, activation: "relu")`, the activation by registry id; throws on an unknown id.
    public convenience init(_ filters: Int, _ kernelSize: Size2D, strides: Size2D = 1, padding: Padding = .valid,
                            dilationRate: Size2D = 1, activation: String, useBias: Bool = true,
                            inputShape: [Int]? = nil, name: String = "") throws {
        self.init(filters, kernelSize, strides: strides, padding: padding, dilationRate: dilationRate,
                  activation: try Activation.named(activation), useBias: useBias, inputShape: inputShape, name: name)
    }

    /// Keras `get_config` (channels-last only, one group).
    public struct Configuration: Codable, Sendable {
        public var filters: Int
        public var kernelSize: Size2D
        public var strides: Size2D?
        public var padding: Padding?
        public var dilationRate: Size2D?
        public var activation: ActivationRecord?
        public var useBias: Bool?
        public var inputShape: [Int]?
        enum CodingKeys: String, CodingKey {
            case filters, kernelSize = "kernel_size", strides, padding, dilationRate = "dilation_rate", activation
            case useBias = "use_bias", inputShape = "input_shape"
        }
    }

    public var configuration: Configuration {
        Configuration(filters: filters, kernelSize: kernelSize, strides: strides, padding: padding, dilationRate: dilationRate,
                      activation: ActivationRecord(activation), useBias: useBias, inputShape: declaredInputShape)
    }

    public convenience init(configuration c: Configuration, name: String) throws {
        self.init(c.filters, c.kernelSize, strides: c.strides ?? 1, padding: c.padding ?? .valid, dilationRate: c.dilationRate ?? 1,
                  activation: try c.activation?.make() ?? Linear(), useBias: c.useBias ?? true, inputShape: c.inputShape, name: name)
    }

    func geometry(inputShape: [Int]) throws -> SpatialGeometry {
        guard filters > 0 else { throw LayerError.invalidArgument(layer: name, message: "filters must be positive, got \(filters)") }
        let k = try kernelSize.validated("kernel_size", layer: name)
        let s = try strides.validated("strides", layer: name)
        let d = try dilationRate.validated("dilation_rate", layer: name)
        // Keras refuses the combination too.
        guard s.values.allSatisfy({ $0 == 1 }) || d.values.allSatisfy({ $0 == 1 }) else {
            throw LayerError.invalidArgument(layer: name, message: "strides \(s) with dilation_rate \(d): strides > 1 cannot be combined with dilation_rate > 1")
        }
        return try SpatialGeometry(layer: name, inputShape: inputShape, kernel: k, strides: s, dilation: d, padding: padding)
    }

    public func plan(inputShape: [Int]) throws -> LayerPlan {
        let g = try geometry(inputShape: inputShape)
        do { try activation.validateColumns(filters) } catch {
            throw LayerError.invalidArgument(layer: name, message: "\(error)")
        }
        let channels = activation.outputColumns(forInputColumns: filters)
        guard channels > 0 else { throw LayerError.invalidArgument(layer: name, message: "activation \(activation.id) cannot take \(filters) filters") }
        let kernelShape = [g.kernelHeight, g.kernelWidth, g.channels, filters]
        return try LayerPlan(layer: name, outputShape: [g.outputHeight, g.outputWidth, channels],
                             trainable: useBias ? [kernelShape, [filters]] : [kernelShape])
    }

    public func build(inputShape: [Int], rng: inout RandomGenerator) throws {
        let plan = try plan(inputShape: inputShape)
        let g = try geometry(inputShape: inputShape)
        // Each step unfolds every sample into windows: one sample's share must fit, at least.
        try MemoryBudget.check(shape: [g.outputPixels, g.windowSize * g.channels + 1],
                               for: "layer '\(name)' (Conv2D): the unfolded windows of one sample")
        let fanIn = g.windowSize * g.channels, fanOut = g.windowSize * filters
        let limit = (6 / Float(fanIn + fanOut)).squareRoot()
        let w = Tensor(zeros: plan.trainableShapes[0])
        w.fillUniform(-limit, limit, using: &rng)
        kernel = Parameter(name: "kernel", value: w)
        bias = useBias ? Parameter(name: "bias", value: Tensor(zeros: [filters])) : nil
        geometry = g
        outputShape = plan.outputShape
        winograd = nil
        if g.kernelHeight == 3, g.kernelWidth == 3, g.strideHeight == 1, g.strideWidth == 1, g.dilationHeight == 1,
           g.dilationWidth == 1, g.channels >= Self.winogradMinimumChannels, winogradAllowed {
            let forward = Winograd.Plan(inputHeight: g.inputHeight, inputWidth: g.inputWidth, inChannels: g.channels,
                                        outputHeight: g.outputHeight, outputWidth: g.outputWidth, outChannels: filters,
                                        padTop: g.padTop, padLeft: g.padLeft)
            let backward = Winograd.Plan(inputHeight: g.outputHeight, inputWidth: g.outputWidth, inChannels: filters,
                                         outputHeight: g.inputHeight, outputWidth: g.inputWidth, outChannels: g.channels,
                                         padTop: 2 - g.padTop, padLeft: 2 - g.padLeft)
            winograd = (forward, backward)
        }
        usesDirect = winograd == nil && !(g.windowSize == 1 && g.strideHeight == 1 && g.strideWidth == 1)
            && g.windowSize * g.channels <= directMaximumDepth
        if let noise = activation.trainingNoise { randomSlopes = RandomSlopes(noise: noise, seed: rng.next()) }
    }

    /// A 1x1 kernel with stride 1 reads the input as it lies: no unfolding needed.
    private var isPointwise: Bool { geometry.map { $0.windowSize == 1 && $0.strideHeight == 1 && $0.strideWidth == 1 } ?? false }

    /// Kernel rows then the bias row, [depth + 1, filters], when the bias rides on the im2col product.
    private var augmentedKernel: Tensor?
    private var augmentedGradient: Tensor?
    private var biasInProduct: Bool { bias != nil && !isPointwise }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        // The direct convolution applies the activation to each output row as it is made,
        // unless it draws noise (RReLU).
        if usesDirect, !activation.isIdentity, activation.trainingNoise == nil {
            let y = ensure(&output, rows: input.rows, rowShape: outputShape)
            _ = forwardPreActivation(input, activatingInto: y)
            return y
        }
        let z = forwardPreActivation(input)
        if activation.isIdentity { return z }
        let y = ensure(&output, rows: input.rows, rowShape: outputShape)
        if randomSlopes.forward(training: training, x: z, y: y) { return y }
        activation.forward(z.pointer, y.pointer, rows: z.count / filters, columns: filters)
        return y
    }

    /// z = conv(x, K) + b, the activation left to the caller (a fused block applies it itself),
    /// or also y = activation(z) into `output` where the direct convolution runs.
    func forwardPreActivation(_ input: Tensor, activatingInto output: Tensor? = nil) -> Tensor {
        guard let g = geometry else { preconditionFailure("Conv2D.forward before build") }
        let n = input.rows, positions = n * g.outputPixels, depth = g.windowSize * g.channels
        let z = ensure(&preActivation, rows: n, rowShape: [g.outputHeight, g.outputWidth, filters])
        if usesDirect {
            DirectConvolution.forward(input.pointer, samples: n, g, filters: filters, kernel: kernel.value.pointer,
                                      bias: bias?.value.pointer, into: z.pointer, activation: output == nil ? nil : activation,
                                      output: output?.pointer, outputColumns: outputShape[2])
        } else if let plan = winograd?.forward {
            runWinograd(plan, input: input.pointer, samples: n, forward: true, bias: bias?.value.pointer, into: z.pointer)
        } else if isPointwise {
            if let bias {
                nonisolated(unsafe) let (zp, bp) = (z.pointer, bias.value.pointer)
                let f = filters
                let parts = positions * f >= Parallel.minimumElementsPerThread ? 4 * Parallel.coreCount : 1
                Parallel.run(parts: parts) { p in
                    for r in (positions * p / parts)..<(positions * (p + 1) / parts) { (zp + r * f).update(from: bp, count: f) }
                }
            }
            BLAS.gemm(m: positions, n: filters, k: depth, a: input.pointer, lda: depth, b: kernel.value.pointer, ldb: filters,
                      beta: bias == nil ? 0 : 1, c: z.pointer, ldc: filters)
        } else {
            let width = biasInProduct ? depth + 1 : depth
            let col = ensure(&columns, rows: n, rowShape: [g.outputPixels * width])
            Im2col.unfold(input.pointer, into: col.pointer, rowLength: width, samples: n, g)
            var weights = kernel.value.pointer
            if let bias {
                let k = ensure(&augmentedKernel, rows: depth + 1, rowShape: [filters])
                k.pointer.update(from: kernel.value.pointer, count: depth * filters)
                (k.pointer + depth * filters).update(from: bias.value.pointer, count: filters)
                weights = k.pointer
            }
            BLAS.gemm(m: positions, n: filters, k: width, a: col.pointer, lda: width, b: weights, ldb: filters,
                      c: z.pointer, ldc: filters)
        }
        lastInput = input
        return z
    }

    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) -> Tensor? {
        if activation.isIdentity { return backward(preActivationGradient: gradOutput, needInputGradient: needInputGradient) }
        let n = gradOutput.rows, positions = n * outputShape[0] * outputShape[1]
        let dz = ensure(&gradPreActivation, rows: n, rowShape: [outputShape[0], outputShape[1], filters])
        if usesDirect, !randomSlopes.active {
            // The direct kernel gradient makes each row of dz as it reaches it.
            let step = DirectConvolution.ActivationStep(activation: activation, z: preActivation!.pointer, y: output!.pointer,
                                                        dy: gradOutput.pointer, outputColumns: outputShape[2])
            return backward(preActivationGradient: dz, through: step, needInputGradient: needInputGradient)
        }
        if !randomSlopes.backward(x: preActivation!, dy: gradOutput, dx: dz) {
            activation.backward(x: preActivation!.pointer, y: output!.pointer, dy: gradOutput.pointer,
                                dx: dz.pointer, rows: positions, columns: filters)
        }
        return backward(preActivationGradient: dz, needInputGradient: needInputGradient)
    }

    public var outputFusion: ProbabilityOutput? { activation.probabilityOutput }

    public func backward(fusedGradient: Tensor, needInputGradient: Bool) -> Tensor? {
        backward(preActivationGradient: fusedGradient, needInputGradient: needInputGradient)
    }

    /// Backward from dL/dz, z the convolution plus bias: kernel gradient colᵀ · dz, bias
    /// gradient the column sums of dz, input gradient col2im(dz · Kᵀ).
    public func backward(preActivationGradient dz: Tensor, needInputGradient: Bool) -> Tensor? {
        backward(preActivationGradient: dz, through: nil, needInputGradient: needInputGradient)
    }

    /// With `step` (direct convolution only), dz is written from dL/dy on the way.
    private func backward(preActivationGradient dz: Tensor, through step: DirectConvolution.ActivationStep?,
                          needInputGradient: Bool) -> Tensor? {
        guard let g = geometry, let x = lastInput else { preconditionFailure("Conv2D.backward before forward") }
        let n = dz.rows, positions = n * g.outputPixels, depth = g.windowSize * g.channels
        if usesDirect {
            let sums = ensure(&gradientPartials, rows: DirectConvolution.partialsCount(g, filters: filters), rowShape: [])
            DirectConvolution.kernelGradient(x.pointer, dz.pointer, samples: n, g, filters: filters, partials: sums.pointer,
                                             into: kernel.gradient.pointer, biasGradient: bias?.gradient.pointer, activation: step,
                                             keepingPreActivationGradient: needInputGradient)
        } else if let plan = winograd?.forward {
            // The forward pass left the transformed input in `transformedInput`.
            let tiles = n * plan.tilesPerSample
            let dm = ensure(&products, rows: 16 * tiles * max(plan.inChannels, plan.outChannels), rowShape: [])
            let du = ensure(&kernelProducts, rows: Winograd.kernelGradientCount(plan), rowShape: [])
            let w = ensure(&scratch, rows: Winograd.scratchCount(plan), rowShape: [])
            Winograd.kernelGradient(dz.pointer, samples: n, plan, v: transformedInput!.pointer, dm: dm.pointer, du: du.pointer,
                                    scratch: w.pointer, biasGradient: bias?.gradient.pointer, into: kernel.gradient.pointer)
        } else if biasInProduct {
            // One product gives both: the column of ones makes the last row Σ dz, the bias gradient.
            let width = depth + 1
            let grad = ensure(&augmentedGradient, rows: width, rowShape: [filters])
            BLAS.gemm(transposeA: true, m: width, n: filters, k: positions, a: columns!.pointer, lda: width,
                      b: dz.pointer, ldb: filters, c: grad.pointer, ldc: filters)
            kernel.gradient.pointer.update(from: grad.pointer, count: depth * filters)
            bias!.gradient.pointer.update(from: grad.pointer + depth * filters, count: filters)
        } else {
            let col = isPointwise ? x.pointer : columns!.pointer
            BLAS.gemm(transposeA: true, m: depth, n: filters, k: positions, a: col, lda: depth,
                      b: dz.pointer, ldb: filters, c: kernel.gradient.pointer, ldc: filters)
            if let bias {
                let one = ensure(&ones, rows: positions, rowShape: [])
                if one[0] != 1 || one[positions - 1] != 1 { one.fill(1) }
                BLAS.columnSums(rows: positions, columns: filters, a: dz.pointer, into: bias.gradient.pointer, ones: one.pointer)
            }
        }
        guard needInputGradient else { return nil }
        let dx = ensure(&gradInput, rows: n, rowShape: [g.inputHeight, g.inputWidth, g.channels])
        if let plan = winograd?.backward {
            runWinograd(plan, input: dz.pointer, samples: n, forward: false, bias: nil, into: dx.pointer)
            return dx
        }
        if isPointwise {
            BLAS.gemm(transposeB: true, m: positions, n: depth, k: filters, a: dz.pointer, lda: filters,
                      b: kernel.value.pointer, ldb: filters, c: dx.pointer, ldc: depth)
            return dx
        }
        let dcol = ensure(&gradColumns, rows: n, rowShape: [g.outputPixels * depth])
        BLAS.gemm(transposeB: true, m: positions, n: depth, k: filters, a: dz.pointer, lda: filters,
                  b: kernel.value.pointer, ldb: filters, c: dcol.pointer, ldc: depth)
        Im2col.fold(dcol.pointer, into: dx.pointer, samples: n, g)
        return dx
    }

    /// The convolution by `plan` with the kernel (`forward`) or its adjoint (the input gradient).
    private func runWinograd(_ plan: Winograd.Plan, input: UnsafePointer<Float>, samples n: Int, forward: Bool,
                             bias: UnsafePointer<Float>?, into y: UnsafeMutablePointer<Float>) {
        let tiles = n * plan.tilesPerSample
        // The backward pass reads the forward pass's transform (the kernel has not changed since).
        let u = ensure(&transformedKernel, rows: 16, rowShape: [plan.inChannels * plan.outChannels])
        if forward {
            Winograd.transformKernel(kernel.value.pointer, into: u.pointer, inChannels: plan.inChannels,
                                     outChannels: plan.outChannels)
        }
        // Sized for the wider of the two directions, so forward and backward share the products.
        let widest = max(plan.inChannels, plan.outChannels)
        let v = forward ? ensure(&transformedInput, rows: 16 * tiles * plan.inChannels, rowShape: [])
                        : ensure(&transformedGradient, rows: 16 * tiles * plan.inChannels, rowShape: [])
        let m = ensure(&products, rows: 16 * tiles * widest, rowShape: [])
        let w = ensure(&scratch, rows: Winograd.scratchCount(plan), rowShape: [])
        Winograd.convolve(input, samples: n, plan, u: u.pointer, adjoint: !forward, bias: bias, v: v.pointer, m: m.pointer,
                          scratch: w.pointer, into: y)
    }
}
