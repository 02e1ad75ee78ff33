/// One trainable tensor of a learnable activation: per channel (one value for each column of
/// the layer) or shared (a fixed number of values for the whole layer).
public struct LearnableTensor: Sendable, Equatable {
    /// The weight name in model files and reports, e.g. `alpha`.
    public let name: String
    public let perChannel: Bool
    /// Shared: the initial values. Per channel: one value, given to every channel.
    public let initial: [Float]

    public init(name: String, perChannel: Bool, initial: [Float]) {
        precondition(!initial.isEmpty && (!perChannel || initial.count == 1), "\(name): per-channel tensors start from one value")
        self.name = name
        self.perChannel = perChannel
        self.initial = initial
    }

    /// The tensor's shape for a layer of `columns` columns.
    public func shape(columns: Int) -> [Int] { [perChannel ? columns : initial.count] }
}

/// Where a learnable activation's tensors are, in `learnableTensors` order. A per-channel tensor
/// is read at column j as `pointers[k][j * strides[k]]`: stride 1 for a layer's tensor, 0 for the
/// single value of the function's own parameters.
public struct LearnedValues: @unchecked Sendable {
    public let pointers: [UnsafeMutablePointer<Float>]
    public let strides: [Int]
    public init(pointers: [UnsafeMutablePointer<Float>], strides: [Int]) {
        precondition(pointers.count == strides.count)
        self.pointers = pointers
        self.strides = strides
    }
}

/// An activation whose parameters a layer can train (Dense, `LearnableActivationLayer`): it
/// names its tensors and computes f, f' and the parameter gradients from their current values.
/// Its `parameters` are the initial (or, rebuilt with `learned(_:)`, the learned) values.
public protocol LearnableActivation: ActivationFunction {
    var learnableTensors: [LearnableTensor] { get }
    /// y = f(x; w), rows x columns, w read through `values`.
    func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, columns: Int, values: LearnedValues)
    /// dx = dy f'(x; w) (skipped when `dx` is nil), and `gradients` overwritten with
    /// sum over rows of dy df/dw, laid out as `values` (strides 1).
    func backward(x: UnsafePointer<Float>, dy: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>?, rows: Int, columns: Int,
                  values: LearnedValues, gradients: LearnedValues)
    /// The function with the parameters of one channel set to `values` (tensor name -> values):
    /// what a layer has learned, for `show` and the reports.
    func learned(_ values: [String: [Float]]) throws -> any ActivationFunction
}

extension LearnableActivation {
    public var learnable: (any LearnableActivation)? { self }

    /// Runs `body` with this function's own parameters as `LearnedValues` (per-channel ones at stride 0).
    public func withOwnValues<R>(_ body: (LearnedValues) -> R) -> R {
        let tensors = learnableTensors
        let flat = tensors.flatMap(\.initial)
        let storage = UnsafeMutablePointer<Float>.allocate(capacity: flat.count)
        defer { storage.deallocate() }
        storage.initialize(from: flat, count: flat.count)
        var pointers = [UnsafeMutablePointer<Float>](), offset = 0
        for t in tensors { pointers.append(storage + offset); offset += t.initial.count }
        return body(LearnedValues(pointers: pointers, strides: tensors.map { _ in 0 }))
    }

    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        withOwnValues { forward(x, y, rows: rows, columns: columns, values: $0) }
    }

    public func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                         dx: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        withOwnValues { own in
            // The parameter gradients are computed and dropped: a plain function has nothing to train.
            let sizes = learnableTensors.map { $0.perChannel ? columns : $0.initial.count }
            let scratch = UnsafeMutablePointer<Float>.allocate(capacity: sizes.reduce(0, +))
            defer { scratch.deallocate() }
            var pointers = [UnsafeMutablePointer<Float>](), offset = 0
            for n in sizes { pointers.append(scratch + offset); offset += n }
            backward(x: x, dy: dy, dx: dx, rows: rows, columns: columns, values: own,
                     gradients: LearnedValues(pointers: pointers, strides: sizes.map { _ in 1 }))
        }
    }
}
