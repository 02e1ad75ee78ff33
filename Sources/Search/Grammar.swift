import Activations

/// The search space in the paper's form: a core unit b(u1(x), u2(x)), and two units
/// b2(u3(core), u4(x)) where the core is itself a one-unit candidate. Candidates are addressed
/// by index (one-unit ones first), so enumeration and seeded sampling need no lists.
public struct Grammar: Sendable {
    public let unaries: [SearchUnary]
    public let binaries: [SearchBinary]

    public init(unaries: [SearchUnary] = SearchUnary.paperSet, binaries: [SearchBinary] = SearchBinary.paperSet) {
        precondition(!unaries.isEmpty && !binaries.isEmpty, "a grammar needs at least one unary and one binary unit")
        self.unaries = unaries
        self.binaries = binaries
    }

    /// Expressions with one core unit: |U|^2 |B|.
    public var oneUnitCount: Int { unaries.count * unaries.count * binaries.count }
    /// Expressions with two units: (|U|^2 |B|)^2, the core times the outer unit's choices.
    public var twoUnitCount: Int { oneUnitCount * oneUnitCount }
    public var count: Int { oneUnitCount + twoUnitCount }

    /// The unit choices behind candidate `index` (in 0..<count).
    public func structure(at index: Int) -> CandidateStructure {
        precondition(index >= 0 && index < count, "candidate index out of range")
        if index < oneUnitCount { return core(index) }
        let j = index - oneUnitCount
        let outer = core(j / oneUnitCount)
        return CandidateStructure(binary: outer.binary, left: outer.left, right: outer.right, inner: core(j % oneUnitCount))
    }

    public func tree(at index: Int) -> ExpressionTree { structure(at: index).tree }

    private func core(_ i: Int) -> CandidateStructure {
        let b = binaries[i % binaries.count]
        let u1 = unaries[(i / binaries.count) % unaries.count]
        let u2 = unaries[i / (binaries.count * unaries.count)]
        return CandidateStructure(binary: b, left: u1, right: u2, inner: nil)
    }
}

/// Which units make a candidate: b(left(x), right(x)), or with `inner`, b(left(inner), right(x)).
public struct CandidateStructure: Sendable, Equatable {
    public let binary: SearchBinary
    public let left: SearchUnary
    public let right: SearchUnary
    // An array holds the core because a struct cannot contain an optional of itself.
    private let core: [CandidateStructure]
    public var inner: CandidateStructure? { core.first }

    public init(binary: SearchBinary, left: SearchUnary, right: SearchUnary, inner: CandidateStructure?) {
        precondition(inner?.inner == nil, "only two units deep")
        self.binary = binary
        self.left = left
        self.right = right
        core = inner.map { [$0] } ?? []
    }

    public var tree: ExpressionTree {
        binary(left(inner?.tree ?? .variable), right(.variable))
    }

    public var units: Int { inner == nil ? 1 : 2 }

    /// b(x, g(x)) or b(g(x), x): the outer unit takes x itself as one operand.
    public var takesXDirectly: Bool { right.isIdentity || (inner == nil && left.isIdentity) }

    /// The unit choices spelt out: "x1*x2(x, sigmoid)", or "max(relu∘x1+x2(x, x), x)" for two units.
    public var description: String {
        guard let inner else { return "\(binary.name)(\(left.name), \(right.name))" }
        let first = left.isIdentity ? inner.description : "\(left.name)∘\(inner.description)"
        return "\(binary.name)(\(first), \(right.name))"
    }
}
