/// An activation that the registry can build by Keras id from a parameter dictionary.
public protocol RegisteredActivation: ActivationFunction {
    static var id: String { get }
    /// Other ids that mean the same function (`swish` for `silu`).
    static var aliases: [String] { get }
    /// The parameter names `init(parameters:)` accepts.
    static var parameterNames: [String] { get }
    /// Each parameter with its default, valid range and PyTorch default (for `actlab show`).
    static var parameterSpecs: [ParameterSpec] { get }
    /// Where PyTorch's version differs from this (Keras 3) one, or nil when they agree.
    static var pytorchDifference: String? { get }
    /// Builds from named parameters, defaulting the missing ones; rejects out-of-range values.
    init(parameters: [String: Double]) throws
}

extension RegisteredActivation {
    public static var aliases: [String] { [] }
    public static var parameterNames: [String] { parameterSpecs.flatMap { [$0.name] + $0.aliases } }
    public static var parameterSpecs: [ParameterSpec] { [] }
    public static var pytorchDifference: String? { nil }
    public var id: String { Self.id }
}

/// The one registry of activation functions: lookup by id or alias drives the CLI, the reports
/// and model files.
public enum Activation {
    /// Every registered function, in catalogue order.
    public static let all: [any RegisteredActivation.Type] = [
        Linear.self, Sigmoid.self, HardSigmoid.self, LogSigmoid.self, SparseSigmoid.self,
        Tanh.self, HardTanh.self, TanhShrink.self, Softsign.self,
        ReLU.self, ReLU6.self, LeakyReLU.self, PReLUActivation.self, RReLU.self, Threshold.self,
        ELU.self, SELU.self, CELU.self, GELU.self, SiLU.self, HardSiLU.self, Mish.self,
        Softplus.self, Squareplus.self, SparsePlus.self, SoftShrink.self, HardShrink.self, Exponential.self,
        Softmax.self, LogSoftmax.self, Softmin.self, Sparsemax.self, GLU.self, MaxoutActivation.self,
        SwiGLU.self, GEGLU.self, ReGLU.self, Bilinear.self, SquaredReLU.self, QuickGELU.self, XIELU.self,
        ISRU.self, ISRLU.self, BentIdentity.self, Sine.self,
        StarReLU.self, Snake.self, SReLU.self, ACONC.self, PAU.self,
    ]

    /// The canonical ids, in catalogue order.
    public static var ids: [String] { all.map { $0.id } }

    /// The registered type for an id or alias, if any.
    public static func type(named name: String) -> (any RegisteredActivation.Type)? {
        let key = name.lowercased()
        return all.first { $0.id == key || $0.aliases.contains(key) }
    }

    /// Builds the function named `name` (an id or alias) with `parameters`, e.g.
    /// `Activation.named("leaky_relu", parameters: ["alpha": 0.1])`.
    public static func named(_ name: String, parameters: [String: Double] = [:]) throws -> any ActivationFunction {
        guard let type = type(named: name) else {
            if let expression = try expressionFallback(name, parameters: parameters) { return expression }
            throw ActivationError.unknownName(name, suggestions: suggestions(for: name), valid: ids)
        }
        for key in parameters.keys where !type.parameterNames.contains(key) {
            throw ActivationError.unknownParameter(activation: type.id, parameter: key, valid: type.parameterNames)
        }
        return try type.init(parameters: parameters)
    }

    /// The valid ids closest to a misspelt name (edit distance at most 2, or a shared prefix).
    public static func suggestions(for name: String) -> [String] {
        let key = name.lowercased()
        // No id is longer than 20 characters; comparing a long text with each is quadratic work for nothing.
        guard key.count <= 40 else { return [] }
        let candidates = all.flatMap { [$0.id] + $0.aliases }
        let scored = candidates.map { ($0, editDistance(key, $0)) }
            .filter { $0.1 <= 2 || ($0.0.hasPrefix(key) && key.count >= 3) }
            .sorted { $0.1 < $1.1 }
        var seen = Set<String>()
        return scored.map(\.0).filter { seen.insert($0).inserted }.prefix(3).map { $0 }
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}

extension Dictionary where Key == String, Value == Double {
    /// The value of a parameter, its default when absent.
    func value(_ name: String, default fallback: Double) -> Double { self[name] ?? fallback }
}
