/// Small helpers for writing SVG by hand: escaping, coordinates, and element text.
enum SVG {
    /// Escapes text for element content and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A coordinate with two decimals: sub-pixel enough, and keeps files small.
    static func number(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        return r == r.rounded() ? String(Int(r)) : "\(r)"
    }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ attributes: String = "") -> String {
        "<line x1=\"\(number(x1))\" y1=\"\(number(y1))\" x2=\"\(number(x2))\" y2=\"\(number(y2))\"\(attributes.isEmpty ? "" : " " + attributes)/>"
    }

    static func text(_ content: String, x: Double, y: Double, _ attributes: String = "") -> String {
        "<text x=\"\(number(x))\" y=\"\(number(y))\"\(attributes.isEmpty ? "" : " " + attributes)>\(escape(content))</text>"
    }
}
