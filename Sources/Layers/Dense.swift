import Activations
import Tensors

/// Fully connected layer: y = activation(x · W + b), W of shape [inputs, units] (Keras layout),
/// initial weights from `kernelInitializer` (Glorot-uniform by default, as in Keras) and zero bias.
public final class Dense: RegisteredLayer, LearnedActivationReporting {
    public static let typeName = "Dense"
    public var name: String
    public let units: Int
    public let activation: any ActivationFunction
    public let kernelInitializer: any KernelInitializer
    public let declaredInputShape: [Int]?
    public private(set) var kernel: Parameter!
    public private(set) var bias: Parameter!
    public private(set) var outputShape: [Int] = []
    public var parameters: [Parameter] { kernel.map { [$0, bias] + (learned?.parameters ?? []) } ?? [] }

    private var inputs = 0
    private var lastInput: Tensor?
    private(set) var preActivation: Tensor?
    private var output: Tensor?
    private var gradPreActivation: Tensor?
    private var gradInput: Tensor?
    /// The activation's training noise (RReLU's slopes), seeded from the model's generator when built.
    private var randomSlopes = RandomSlopes(noise: nil, seed: 0)
    private var ones: Tensor?
    /// The activation's trainable tensors (snake's alpha per unit, pau's coefficients), when it has any.
    private var learned: LearnedActivationWeights?

    public init(_ units: Int, activation: any ActivationFunction = Linear(),
                kernelInitializer: any KernelInitializer = VarianceScaling.glorotUniform,
                inputShape: [Int]? = nil, name: String = "") {
        self.units = units
        self.activation = activation
        self.kernelInitializer = kernelInitializer
        self.declaredInputShape = inputShape
        self.name = name
    }

    /// `Dense(512, activation: "selu", kernelInitializer: "lecun_normal")`, by registry ids; throws on an unknown id.
    public convenience init(_ units: Int, activation: String, kernelInitializer: String = "glorot_uniform",
                            inputShape: [Int]? = nil, name: String = "") throws {
        self.init(units, activation: try Activation.named(activation),
                  kernelInitializer: try KernelInitializers.named(kernelInitializer), inputShape: inputShape, name: name)
    }

    /// Keras `get_config`: units, activation, the kernel initializer and the declared input shape.
    public struct Configuration: Codable, Sendable {
        public var units: Int
        public var activation: ActivationRecord
        /// Written only when not the default, so files from before it existed read as glorot_uniform.
        public var kernelInitializer: String?
        public var inputShape: [Int]?
        enum CodingKeys: String, CodingKey { case units, activation, kernelInitializer = "kernel_initializer", inputShape = "input_shape" }
    }

    public var configuration: Configuration {
        Configuration(units: units, activation: ActivationRecord(activation),
                      kernelInitializer: kernelInitializer.id == VarianceScaling.glorotUniform.id ? nil : kernelInitializer.id,
                      inputShape: declaredInputShape)
    }

    public convenience init(configuration c: Configuration, name: String) throws {
        let initializer: VarianceScaling
        do { initializer = try KernelInitializers.named(c.kernelInitializer ?? VarianceScaling.glorotUniform.id) } catch {
            throw LayerError.invalidArgument(layer: name, message: "\(error)")
        }
        self.init(c.units, activation: try c.activation.make(), kernelInitializer: initializer, inputShape: c.inputShape, name: name)
    }

    public func plan(inputShape: [Int]) throws -> LayerPlan {
        guard units > 0 else { throw LayerError.invalidArgument(layer: name, message: "units must be positive, got \(units)") }
        guard inputShape.count == 1, inputShape[0] > 0 else {
            throw LayerError.shapeMismatch(layer: name, expected: "a flat input (features,)", got: inputShape)
        }
        // GLU halves the width and maxout divides it: the layer's output is what the activation leaves.
        do { try activation.validateColumns(units) } catch {
            throw LayerError.invalidArgument(layer: name, message: "\(error)")
        }
        let width = activation.outputColumns(forInputColumns: units)
        guard width > 0 else {
            throw LayerError.invalidArgument(layer: name, message: "activation \(activation.id) cannot take \(units) units")
        }
        let extra = activation.learnable.map { LearnedActivationWeights.shapes($0, columns: units) } ?? []
        return try LayerPlan(layer: name, outputShape: [width], trainable: [[inputShape[0], units], [units]] + extra)
    }

    public func build(inputShape: [Int], rng: inout RandomGenerator) throws {
        let plan = try plan(inputShape: inputShape)
        inputs = inputShape[0]
        // Units can come from a model file or a command line: an absurd count is an error, not a trap.
        do { try MemoryBudget.check(shape: [inputs, units], for: "the kernel") } catch {
            throw LayerError.invalidArgument(layer: name, message: "\(error)")
        }
        let w = Tensor(zeros: [inputs, units])
        kernelInitializer.fill(w, fanIn: inputs, fanOut: units, rng: &rng)
        kernel = Parameter(name: "kernel", value: w)
        bias = Parameter(name: "bias", value: Tensor(zeros: [units]))
        outputShape = plan.outputShape
        if let noise = activation.trainingNoise { randomSlopes = RandomSlopes(noise: noise, seed: rng.next()) }
        learned = activation.learnable.map { LearnedActivationWeights($0, columns: units, prefix: "activation_") }
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        let n = input.rows
        let z = ensure(&preActivation, rows: n, rowShape: [units])
        for r in 0..<n { (z.pointer + r * units).update(from: bias.value.pointer, count: units) }
        BLAS.gemm(m: n, n: units, k: inputs, a: input.pointer, lda: inputs,
                  b: kernel.value.pointer, ldb: units, beta: 1, c: z.pointer, ldc: units)
        lastInput = input
        if activation.isIdentity { return z }
        let y = ensure(&output, rows: n, rowShape: outputShape)
        if randomSlopes.forward(training: training, x: z, y: y) { return y }
        if let learned {
            learned.function.forward(z.pointer, y.pointer, rows: n, columns: units, values: learned.values)
            return y
        }
        activation.forward(z.pointer, y.pointer, rows: n, columns: units)
        return y
    }

    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) -> Tensor? {
        if activation.isIdentity { return backward(preActivationGradient: gradOutput, needInputGradient: needInputGradient) }
        let n = gradOutput.rows
        let dz = ensure(&gradPreActivation, rows: n, rowShape: [units])
        if randomSlopes.backward(x: preActivation!, dy: gradOutput, dx: dz) {
            return backward(preActivationGradient: dz, needInputGradient: needInputGradient)
        }
        if let learned {
            learned.function.backward(x: preActivation!.pointer, dy: gradOutput.pointer, dx: dz.pointer, rows: n, columns: units,
                                      values: learned.values, gradients: learned.gradients)
        } else {
            activation.backward(x: preActivation!.pointer, y: output!.pointer, dy: gradOutput.pointer,
                                dx: dz.pointer, rows: n, columns: units)
        }
        return backward(preActivationGradient: dz, needInputGradient: needInputGradient)
    }

    public var learnedActivation: (function: any LearnableActivation, values: [String: [Float]])? {
        learned.map { ($0.function, $0.current) }
    }

    public var outputFusion: ProbabilityOutput? { activation.probabilityOutput }

    public func backward(fusedGradient: Tensor, needInputGradient: Bool) -> Tensor? {
        backward(preActivationGradient: fusedGradient, needInputGradient: needInputGradient)
    }

    /// Backward from dL/dz (z = x · W + b), skipping the activation: the fused
    /// softmax + cross-entropy gradient enters here.
    public func backward(preActivationGradient dz: Tensor, needInputGradient: Bool) -> Tensor? {
        guard let x = lastInput else { preconditionFailure("Dense.backward before forward") }
        let n = dz.rows
        BLAS.gemm(transposeA: true, m: inputs, n: units, k: n, a: x.pointer, lda: inputs,
                  b: dz.pointer, ldb: units, c: kernel.gradient.pointer, ldc: units)
        let one = ensure(&ones, rows: n, rowShape: [])
        if one[0] != 1 || one[n - 1] != 1 { one.fill(1) }
        BLAS.columnSums(rows: n, columns: units, a: dz.pointer, into: bias.gradient.pointer, ones: one.pointer)
        guard needInputGradient else { return nil }
        let dx = ensure(&gradInput, rows: n, rowShape: [inputs])
        BLAS.gemm(transposeB: true, m: n, n: inputs, k: units, a: dz.pointer, lda: units,
                  b: kernel.value.pointer, ldb: units, c: dx.pointer, ldc: inputs)
        return dx
    }
}
