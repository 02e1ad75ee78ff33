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

    /// f(x) in Double precision (for row-wise functions, on a one-element row).
    func value(_ x: Double) -> Double
    /// f'(x) in Double precision.
    func derivative(_ x: Double) -> Double
}

extension ActivationFunction {
    public var parameters: [String: Double] { [:] }
    public var isElementwise: Bool { true }
    public var description: String {
        let p = parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        return p.isEmpty ? id : "\(id)(\(p))"
    }

    /// Applies the function to a whole tensor, returning a new tensor.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        let y = Tensor(zeros: x.shape)
        forward(x.pointer, y.pointer, rows: x.rows, columns: x.rowLength)
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
