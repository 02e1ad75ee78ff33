import Activations

/// Row-wise functions that take their columns in groups (GLU halves, maxout's pieces), so a row
/// width the group does not divide would stop at their precondition. The benchmark asks here first.
/// Kept beside the command until the activations can say it themselves.
protocol ColumnGrouped {
    /// Row widths must be multiples of this.
    var columnGroup: Int { get }
}

extension GLU: ColumnGrouped {
    var columnGroup: Int { 2 }
}

extension MaxoutActivation: ColumnGrouped {
    var columnGroup: Int { pieces }
}

/// Why `f` cannot take rows of `columns`, or nil when it can.
func columnProblem(_ f: any ActivationFunction, columns: Int) -> String? {
    guard !f.isElementwise, let grouped = f as? ColumnGrouped, columns % grouped.columnGroup != 0 else { return nil }
    return "needs --columns to be a multiple of \(grouped.columnGroup), got \(columns)"
}
