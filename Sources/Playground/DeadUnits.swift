import Activations

/// Dead units as `Diagnostics` defines them: a unit whose activation derivative is exactly 0
/// on every row (a relu unit that never fires can never learn again).
public enum DeadUnits {
    /// For pre-activations z (rows x units, row-major), whether each unit's f'(z) is 0 on every row.
    /// Nil for activations that are not element-wise (their slope is not per unit).
    public static func find(preActivations z: [Float], rows: Int, units: Int, activation: any ActivationFunction) -> [Bool]? {
        guard activation.isElementwise, rows > 0, z.count == rows * units else { return nil }
        var y = [Float](repeating: 0, count: z.count), slopes = y
        let ones = [Float](repeating: 1, count: z.count)
        activation.forward(z, &y, rows: rows, columns: units)
        // dy = 1 turns the backward rule into f'(z) element by element.
        activation.backward(x: z, y: y, dy: ones, dx: &slopes, rows: rows, columns: units)
        var alive = [Bool](repeating: false, count: units)
        for r in 0..<rows {
            for u in 0..<units where slopes[r * units + u] != 0 { alive[u] = true }
        }
        return alive.map { !$0 }
    }
}
