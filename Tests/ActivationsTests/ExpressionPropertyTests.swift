import PropertyBased
import Testing
@testable import Activations

/// A tree read off a stream of choices, so that the property library shrinks a failing tree by
/// shrinking the stream (fewer and smaller choices give smaller trees).
struct ChoiceTree {
    static let numbers: [Double] = [0, 1, 2, 0.5, 3, 0.1, 1.0 / 3, 1e-3, 0.044715, 1e14, 1e-300, 1e300, 123456.789, 2.5e-7]

    private let choices: [Int]
    private var next = 0

    static func build(_ choices: [Int], depth: Int = 6) -> ExpressionTree {
        var reader = ChoiceTree(choices: choices)
        return reader.tree(depth: depth)
    }

    private init(choices: [Int]) { self.choices = choices }

    /// The next choice among `n`, 0 once the stream runs out (0 always picks a leaf or x).
    private mutating func pick(_ n: Int) -> Int {
        defer { next += 1 }
        return next < choices.count ? choices[next] % n : 0
    }

    private mutating func tree(depth: Int) -> ExpressionTree {
        let kind = depth == 0 ? pick(3) : pick(7)
        switch kind {
        case 0: return .variable
        case 1: return .number(Self.numbers[pick(Self.numbers.count)])
        case 2: return .constant(ExpressionConstant.allCases[pick(ExpressionConstant.allCases.count)])
        case 3: return .negate(tree(depth: depth - 1))
        case 4, 5: return .binary(ExpressionOperator.allCases[pick(ExpressionOperator.allCases.count)], tree(depth: depth - 1), tree(depth: depth - 1))
        default:
            let f = ExpressionFunction.allCases[pick(ExpressionFunction.allCases.count)]
            return .call(f, (0..<f.arity).map { _ in tree(depth: depth - 1) })
        }
    }
}

/// Properties of the expression language over random trees and random text.
@Suite struct ExpressionPropertyTests {
    static let grid: [Double] = [-7.3, -2.5, -1, -0.7, -1e-3, 0, 0.3, 1, 1.9, 4.2, 30]
    static let choices = Gen.int(in: 0...1000).array(of: 1...60)

    /// Fragments of expression text, valid and not, for random strings.
    static let fragments = ["x", "x", "x", "1", "2.5", ".5", "1e3", "1e-3", "0", "pi", "e", "(", ")", "(", ")", "+", "-", "*", "/", "^",
                            "**", ",", " ", "exp(", "log(", "sqrt(", "abs(", "sin(", "tanh(", "sigmoid(", "softplus(", "erf(",
                            "relu(", "max(", "min(", "pow(", "1e", "e5", ".", "$", "é", "y", "relu"]

    @Test func printedTreesParseBackToTheSameValues() async {
        await propertyCheck(count: 300, input: Self.choices) { choices in
            let tree = ChoiceTree.build(choices)
            let text = tree.description
            guard let again = try? ExpressionTree.parse(text) else {
                Issue.record("the printed form \(text) does not parse")
                return
            }
            #expect(again.description == text)
            for x in Self.grid {
                #expect(sameValue(tree.evaluate(at: x), again.evaluate(at: x)), "\(text) at \(x)")
                #expect(sameValue(Double(tree.evaluate(at: Float(x))), Double(again.evaluate(at: Float(x)))), "\(text) at \(x) in Float")
            }
        }
    }

    @Test func randomTextParsesOrFailsWithAColumn() async {
        await propertyCheck(count: 400, input: Gen.element(of: Self.fragments).array(of: 0...40)) { pieces in
            let text = pieces.compactMap { $0 }.joined()
            do {
                let tree = try ExpressionTree.parse(text)
                let again = try ExpressionTree.parse(tree.description)
                for x in Self.grid { #expect(sameValue(tree.evaluate(at: x), again.evaluate(at: x)), "\(text) at \(x)") }
            } catch let error as ExpressionError {
                let column = try #require(error.column, "\(text): \(error.message)")
                #expect((1...text.count + 1).contains(column), "\(text): \(error.message)")
                #expect(!error.message.contains("\n"))
            } catch {
                Issue.record("\(text): \(error)")
            }
        }
    }

    @Test func randomTextThroughTheRegistryBuildsOrFailsCleanly() async {
        await propertyCheck(count: 300, input: Gen.element(of: Self.fragments).array(of: 1...30)) { pieces in
            let text = pieces.compactMap { $0 }.joined()
            do {
                let f = try Activation.named(text)
                // Whatever is built reads back from its id, as a model file would.
                let again = try Activation.named(f.id)
                for x in Self.grid { #expect(sameValue(f.value(x), again.value(x)), "\(text) at \(x)") }
            } catch is ActivationError {
            } catch is ExpressionError {
            } catch {
                Issue.record("\(text): \(error)")
            }
        }
    }

    @Test func randomTreesBuildOrFailCleanlyAndDifferentiateCorrectly() async {
        await propertyCheck(count: 150, input: Self.choices) { choices in
            let tree = ChoiceTree.build(choices)
            do {
                // Construction checks the symbolic derivative against finite differences.
                let f = try ExpressionActivation(tree: tree)
                #expect(f.derivativeTree == tree.derivative)
                #expect(try ExpressionTree.parse(f.derivativeTree.description).description == f.derivativeTree.description)
            } catch let error as ExpressionError {
                #expect(!error.message.hasPrefix("internal error"), "\(tree): \(error.message)")
            } catch {
                Issue.record("\(tree): \(error)")
            }
        }
    }

    @Test func depthIsMeasuredAsTheTreeIsDeep() async {
        // The iterative measure agrees with the recursive definition on ordinary trees.
        func depth(_ t: ExpressionTree) -> Int {
            switch t {
            case .number, .constant, .variable: 1
            case let .negate(a): 1 + depth(a)
            case let .binary(_, a, b): 1 + max(depth(a), depth(b))
            case let .call(_, args): 1 + args.map(depth).max()!
            }
        }
        func count(_ t: ExpressionTree) -> Int {
            switch t {
            case .number, .constant, .variable: 1
            case let .negate(a): 1 + count(a)
            case let .binary(_, a, b): 1 + count(a) + count(b)
            case let .call(_, args): 1 + args.map(count).reduce(0, +)
            }
        }
        await propertyCheck(count: 300, input: Self.choices) { choices in
            let tree = ChoiceTree.build(choices, depth: 12)
            let measured = ExpressionLimits.measure(tree)
            #expect(measured.depth == depth(tree) && measured.nodes == count(tree))
        }
    }
}
