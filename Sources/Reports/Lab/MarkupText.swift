/// Escaping for the report's HTML and Markdown, so that names and expressions (`x<0`, `a|b`,
/// `*bold*`, `</table>`) are shown as typed and never become markup.
enum MarkupText {
    /// Text for HTML element content or a quoted attribute value.
    static func html(_ text: String) -> String { SVG.escape(text) }

    /// Text for a Markdown paragraph or table cell: every character that starts emphasis, code, a
    /// link, an image or a table cell is backslash-escaped, `<` and `&` become entities (no raw
    /// HTML), line breaks become spaces (a cell or heading is one line), and a leading `-`, `+` or
    /// `1.` cannot start a list (`lineStart: false` for table cells, where they cannot, so that
    /// numbers stay as typed).
    static func markdown(_ text: String, lineStart: Bool = true) -> String {
        var out = ""
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        if lineStart, text.first == "-" || text.first == "+" || (!digits.isEmpty && text.dropFirst(digits.count).first == ".") {
            out = digits.isEmpty ? "\\" : digits + "\\"
        }
        for c in text.dropFirst(out.isEmpty ? 0 : digits.count) {
            switch c {
            case "\\", "`", "*", "_", "[", "]", "#", "!", "|", "~", ">":
                out.append("\\")
                out.append(c)
            case "<": out += "&lt;"
            case "&": out += "&amp;"
            case "\n", "\r", "\r\n": out.append(" ")
            default: out.append(c)
            }
        }
        return out
    }

    /// An HTML id or file-name stem: lowercase letters, digits and `-` only.
    static func identifier(_ text: String) -> String {
        var out = ""
        for c in text.lowercased() {
            if c.isASCII && (c.isLetter || c.isNumber) { out.append(c) } else if out.last != "-", !out.isEmpty { out.append("-") }
        }
        while out.last == "-" { out.removeLast() }
        return out.isEmpty ? "section" : String(out.prefix(60))
    }
}
