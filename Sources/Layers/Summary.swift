import Foundation

/// Keras's model summary table: layer (type), output shape and parameter count, with totals.
/// Read from the layers' plans, so a model too large to build can still be summarised.
extension Sequential {
    public func summary() throws -> String {
        let plans = try plans()
        func sum(_ counts: [Int]) throws -> Int {
            try counts.reduce(0) {
                let (s, overflow) = $0.addingReportingOverflow($1)
                guard !overflow else { throw LayerError.invalidData("model '\(name)': the parameter count overflows a 64-bit count") }
                return s
            }
        }
        let shown = zip(layers, plans).filter { !$0.0.isInputDeclaration }
        let rows = try shown.map { layer, plan in
            ("\(layer.name) (\(layer.typeName))",
             "(None, " + plan.outputShape.map(String.init).joined(separator: ", ") + ")",
             try sum([plan.trainableCount, plan.nonTrainableCount]).formattedWithCommas)
        }
        // Keras's widths, widened (as its table does) for cells that would not fit.
        let widths = (max(33, rows.map { $0.0.count + 2 }.max() ?? 0), max(24, rows.map { $0.1.count + 2 }.max() ?? 0),
                      max(15, rows.map { $0.2.count + 2 }.max() ?? 0))
        func pad(_ s: String, _ w: Int, right: Bool = false) -> String {
            let fill = String(repeating: " ", count: max(0, w - 2 - s.count))
            return " " + (right ? fill + s : s + fill) + " "
        }
        func rule(_ l: String, _ m: String, _ r: String, _ h: String) -> String {
            l + String(repeating: h, count: widths.0) + m + String(repeating: h, count: widths.1) + m
                + String(repeating: h, count: widths.2) + r
        }
        var lines = ["Model: \"\(name)\""]
        lines.append(rule("┏", "┳", "┓", "━"))
        lines.append("┃" + pad("Layer (type)", widths.0) + "┃" + pad("Output Shape", widths.1) + "┃" + pad("Param #", widths.2, right: true) + "┃")
        lines.append(rule("┡", "╇", "┩", "━"))
        for (i, row) in rows.enumerated() {
            lines.append("│" + pad(row.0, widths.0) + "│" + pad(row.1, widths.1) + "│" + pad(row.2, widths.2, right: true) + "│")
            lines.append(i == rows.count - 1 ? rule("└", "┴", "┘", "─") : rule("├", "┼", "┤", "─"))
        }
        let (trainable, nonTrainable) = try parameterCounts()
        let total = try sum([trainable, nonTrainable])
        func line(_ label: String, _ n: Int) -> String { " \(label): \(n.formattedWithCommas) (\(byteSize(Double(n) * 4)))" }
        lines.append(line("Total params", total))
        lines.append(line("Trainable params", trainable))
        lines.append(line("Non-trainable params", nonTrainable))
        return lines.joined(separator: "\n")
    }
}

extension Sequential {
    /// Trainable and non-trainable value counts from the plans, without building: a model too
    /// large to allocate can still be counted. Throws when a count overflows.
    public func parameterCounts() throws -> (trainable: Int, nonTrainable: Int) {
        let plans = try plans()
        func sum(_ counts: [Int]) throws -> Int {
            try counts.reduce(0) {
                let (s, overflow) = $0.addingReportingOverflow($1)
                guard !overflow else { throw LayerError.invalidData("model '\(name)': the parameter count overflows a 64-bit count") }
                return s
            }
        }
        return (try sum(plans.map(\.trainableCount)), try sum(plans.map(\.nonTrainableCount)))
    }
}

extension Int {
    /// 407050 -> "407,050".
    public var formattedWithCommas: String {
        let digits = String(abs(self))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (self < 0 ? "-" : "") + out
    }
}

/// 1628200 -> "1.55 MB"; a Double so that counts near `Int.max` times 4 bytes still print.
func byteSize(_ bytes: Double) -> String {
    let units = ["B", "KB", "MB", "GB", "TB", "PB", "EB"]
    var v = bytes, u = 0
    while v >= 1024, u < units.count - 1 { v /= 1024; u += 1 }
    let rounded = (v * 100).rounded() / 100
    let text = String(rounded)
    let parts = text.split(separator: ".")
    let frac = parts.count > 1 ? String(parts[1]).padding(toLength: 2, withPad: "0", startingAt: 0) : "00"
    return "\(parts[0]).\(frac) \(units[u])"
}
