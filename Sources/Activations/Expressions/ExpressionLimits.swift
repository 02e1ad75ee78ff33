/// The size limits on an expression and its derivative. Every walk over a tree (evaluate,
/// differentiate, print, compare, free) recurses once per level, so a bounded depth keeps them
/// within any thread's stack; a bounded node count keeps the derivative, whose chain rule
/// repeats inner subtrees, from growing quadratically into minutes of work and megabytes of text.
public enum ExpressionLimits {
    /// Characters of expression text.
    public static let maxLength = 10_000
    /// Levels of nesting: parentheses, calls, signs, and operators chained one after another
    /// (`x + x + x` is two levels deep, as its tree is). Far more than a formula needs; a debug
    /// build's parser takes up to 5 KB of stack per level, and 64 levels stay well inside the
    /// 512 KiB a secondary thread gets on macOS.
    public static let maxDepth = 64
    /// Nodes in a tree counted as printed, a subtree shared in several places counting each time.
    public static let maxNodes = 20_000
    /// Levels of a derivative tree: each rule adds at most a few levels per level of its input.
    public static let maxDerivativeDepth = 6 * maxDepth + 8

    /// The node count and depth of `tree`, stopping early once either passes its limit (so the
    /// count costs at most about `maxNodes` steps). Uses an explicit stack: it is the walk
    /// that decides whether recursive walks are safe, so it must not recurse itself.
    static func measure(_ tree: ExpressionTree, nodeLimit: Int = maxNodes,
                        depthLimit: Int = maxDerivativeDepth) -> (nodes: Int, depth: Int) {
        var pending: [(ExpressionTree, Int)] = [(tree, 1)]
        var (nodes, depth) = (0, 0)
        while let (node, level) = pending.popLast() {
            nodes += 1
            depth = max(depth, level)
            if nodes > nodeLimit || depth > depthLimit { break }
            switch node {
            case .number, .constant, .variable: break
            case let .negate(a): pending.append((a, level + 1))
            case let .binary(_, a, b): pending.append((a, level + 1)); pending.append((b, level + 1))
            case let .call(_, args): for a in args { pending.append((a, level + 1)) }
            }
        }
        return (nodes, depth)
    }

    /// Throws when `tree` is deeper or larger than the limits; `what` names it in the message
    /// ("the expression", "its derivative").
    static func check(_ tree: ExpressionTree, _ what: String, depthLimit: Int, source: String) throws {
        let (nodes, depth) = measure(tree, depthLimit: depthLimit)
        if depth > depthLimit {
            throw ExpressionError("\(what) is too deep to use: more than \(depthLimit) levels", in: source)
        }
        if nodes > maxNodes {
            throw ExpressionError("\(what) is too large to use: more than \(maxNodes) nodes", in: source)
        }
    }
}
