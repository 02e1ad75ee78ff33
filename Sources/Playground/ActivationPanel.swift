import Activations

/// An activation as the page's panel shows it: f and f' sampled over [-5, 5], and the
/// character sheet `actlab show` prints (range, monotonic, zero-centred, saturating, max f').
public struct ActivationPanel: Codable, Sendable, Equatable {
    public var name: String
    public var formula: String
    public var parameters: [String: Double]
    public var x: [Double]
    public var f: [Double]
    public var derivative: [Double]
    public var range: String
    public var zeroCentred: Bool
    public var monotonic: Bool
    public var smooth: Bool
    public var saturating: Bool
    public var usesExp: Bool
    public var maxDerivative: Double
    public var elementwise: Bool

    public static let samples = 201

    public init(_ choice: ActivationChoice) throws(PlaygroundError) {
        let f = try choice.resolve()
        name = f.id
        formula = f.formula
        parameters = f.parameters
        x = (0..<Self.samples).map { -5 + 10 * Double($0) / Double(Self.samples - 1) }
        // A value beyond what a chart can show (exp at 5 is fine; an expression may not be) is left out as nil in JSON.
        self.f = x.map { f.value($0) }
        derivative = x.map { f.derivative($0) }
        let sheet = f.characterSheet
        range = f.rangeText
        zeroCentred = sheet.zeroCentred
        monotonic = sheet.monotonic
        smooth = sheet.smooth
        saturating = sheet.saturating
        usesExp = sheet.usesExp
        maxDerivative = sheet.maxDerivative
        elementwise = f.isElementwise
    }
}

extension ActivationPanel {
    /// Every registered activation id, in catalogue order.
    public static var catalogue: [String] { Activation.ids }
}
