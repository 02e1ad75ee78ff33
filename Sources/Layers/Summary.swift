import Foundation

/// Keras's model summary table: layer (type), output shape and parameter count, with totals.
extension Sequential {
    public func summary() throws -> String {
        try build()
        let widths = (33, 24, 15)
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
        for (i, layer) in layers.enumerated() {
            let shape = "(None, " + layer.outputShape.map(String.init).joined(separator: ", ") + ")"
            lines.append("│" + pad("\(layer.name) (\(layer.typeName))", widths.0) + "│" + pad(shape, widths.1) + "│"
                         + pad(layer.parameterCount.formattedWithCommas, widths.2, right: true) + "│")
            lines.append(i == layers.count - 1 ? rule("└", "┴", "┘", "─") : rule("├", "┼", "┤", "─"))
        }
        let total = parameterCount
        lines.append(" Total params: \(total.formattedWithCommas) (\(byteSize(total * 4)))")
        lines.append(" Trainable params: \(total.formattedWithCommas) (\(byteSize(total * 4)))")
        lines.append(" Non-trainable params: 0 (0.00 B)")
        return lines.joined(separator: "\n")
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

func byteSize(_ bytes: Int) -> String {
    let units = ["B", "KB", "MB", "GB"]
    var v = Double(bytes), u = 0
    while v >= 1024, u < units.count - 1 { v /= 1024; u += 1 }
    let rounded = (v * 100).rounded() / 100
    let text = String(rounded)
    let parts = text.split(separator: ".")
    let frac = parts.count > 1 ? String(parts[1]).padding(toLength: 2, withPad: "0", startingAt: 0) : "00"
    return "\(parts[0]).\(frac) \(units[u])"
}
