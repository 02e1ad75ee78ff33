import Tensors

/// A function applied to a layer's pre-activations: forward value, backward rule, and a
/// Double-precision reference form for tests and plots.
///
/// Array methods take row-major `rows x columns` blocks so that row-wise functions (softmax)
/// and element-wise ones share one interface. `x` and `y` may alias in `forward`; `dy` and
/// `dx` may alias in `backward`.
public protocol ActivationFunction: Sendable, CustomStringConvertible {
    /// The Keras-style identifier, e.g. `"relu"`.
    var id: String { get }
    /// The parameters and their current values, by Keras name (empty for parameter-free functions).
    var parameters: [String: Double] { get }
    /// Whether each output depends only on the input at the same position.
    var isElementwise: Bool { get }

    func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, columns: Int)
    /// dx = dy · ∂f/∂x (a vector-Jacobian product), from the saved input `x` and output `y`.
    func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                  dx: UnsafeMutablePointer<Float>, rows: Int, columns: Int)

    /// f(x) in Double precision. Row-wise functions document a 1-D slice instead (softmax: the
    /// first output of the row [x, 0]), so that they can be plotted and characterised too.
    func value(_ x: Double) -> Double
    /// f'(x) in Double precision.
    func derivative(_ x: Double) -> Double

    /// Output range, zero-centring, monotonicity, smoothness, saturation, cost, max slope.
    var characterSheet: CharacterSheet { get }
    /// The formula in plain text, e.g. `x if x > 0 else alpha * (e^x - 1)`.
    var formula: String { get }
    /// The paper that introduced or named the function.
    var reference: String { get }
    /// Where f is not differentiable (kinks and jumps); empty for smooth functions.
    var kinks: [Double] { get }
    /// Output columns per row for `columns` input columns (GLU halves them, maxout divides by k).
    func outputColumns(forInputColumns columns: Int) -> Int
    /// Throws, saying what the function needs, when it cannot take `columns` input columns per
    /// row; `outputColumns` may assume this passed.
    func validateColumns(_ columns: Int) throws
    /// Whether f(x) = x, so that a layer may skip applying it.
    var isIdentity: Bool { get }
    /// The training-time randomness (RReLU's slopes), or nil when training computes f itself.
    var trainingNoise: (any TrainingNoise)? { get }
    /// The probability function this is, when a cross-entropy loss may fuse with it.
    var probabilityOutput: ProbabilityOutput? { get }
    /// The Keras layer class that applies this function on its own.
    var layerTypeName: String { get }
    /// The function's trainable form, when a layer may learn its parameters (nil: nothing to learn).
    var learnable: (any LearnableActivation)? { get }
}

extension ActivationFunction {
    public var parameters: [String: Double] { [:] }
    public var isElementwise: Bool { true }
    public var formula: String { "" }
    public var kinks: [Double] { [] }
    public var reference: String { "" }
    public var characterSheet: CharacterSheet { CharacterSheet.estimated(value) }
    public func outputColumns(forInputColumns columns: Int) -> Int { columns }
    public func validateColumns(_ columns: Int) throws {}
    public var isIdentity: Bool { false }
    public var trainingNoise: (any TrainingNoise)? { nil }
    public var probabilityOutput: ProbabilityOutput? { nil }
    public var layerTypeName: String { "Activation" }
    public var learnable: (any LearnableActivation)? { nil }
    public var description: String {
        let p = parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        return p.isEmpty ? id : "\(id)(\(p))"
    }

    /// Applies the function to a whole tensor, returning a new tensor.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        // A vector is one row, so row-wise functions see all of it.
        let (rows, columns) = x.rank <= 1 ? (1, x.count) : (x.rows, x.rowLength)
        let out = outputColumns(forInputColumns: columns)
        let y = Tensor(zeros: out == columns ? x.shape : (x.rank <= 1 ? [out] : [rows, out]))
        forward(x.pointer, y.pointer, rows: rows, columns: columns)
        return y
    }
}

/// An activation computed element by element, with its derivative written from the saved
/// input and output side by side with the value.
public protocol ElementwiseActivation: ActivationFunction {
    func value(_ x: Float) -> Float
    /// f'(x), given x and the already computed y = f(x) (often cheaper from y).
    func derivative(x: Float, y: Float) -> Float
}

extension ElementwiseActivation {
    @inlinable
    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        nonisolated(unsafe) let (x, y) = (x, y)
        Parallel.forEachChunk(rows * columns) { range in
            for i in range { y[i] = self.value(x[i]) }
        }
    }

    @inlinable
    public func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                         dx: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        nonisolated(unsafe) let (x, y, dy, dx) = (x, y, dy, dx)
        Parallel.forEachChunk(rows * columns) { range in
            for i in range { dx[i] = dy[i] * self.derivative(x: x[i], y: y[i]) }
        }
    }
}
