/// A file name from a function's display name: `leaky_relu(alpha=0.1)` becomes `leaky_relu_alpha_0_1`.
public func fileStem(_ text: String) -> String {
    var stem = ""
    for c in text.lowercased() {
        let keep = c.isASCII && (c.isLetter || c.isNumber)
        if keep { stem.append(c) } else if !stem.isEmpty, stem.last != "_" { stem.append("_") }
    }
    while stem.last == "_" { stem.removeLast() }
    return stem.isEmpty ? "activation" : String(stem.prefix(60))
}
