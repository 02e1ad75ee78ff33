import Activations
import ArgumentParser

/// `actlab list`: every registered activation with its character sheet.
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List every activation with its character sheet.")

    func run() throws {
        func yes(_ b: Bool) -> String { b ? "yes" : "no" }
        var rows = [["id", "aliases", "range", "zero-centred", "monotonic", "smooth", "saturating", "exp/erf", "max f'", "parameters"]]
        for type in Activation.all {
            let f = try type.init(parameters: [:])
            let s = f.characterSheet
            let params = type.parameterSpecs.map { spec in
                "\(spec.name)=\(spec.defaultValue.map(format) ?? "none")"
            }.joined(separator: " ")
            rows.append([type.id, type.aliases.joined(separator: ","), f.rangeText, yes(s.zeroCentred), yes(s.monotonic),
                         yes(s.smooth), yes(s.saturating), yes(s.usesExp), format(s.maxDerivative), params])
        }
        let widths = rows[0].indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
        for (i, row) in rows.enumerated() {
            try Console.print(zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  "))
            if i == 0 { try Console.print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
        try Console.print("\nmaxout is also the Maxout(units, pieces:) layer; prelu and swish have learnable layers (PReLU, Swish);"
              + " star_relu, snake, srelu, acon_c and pau learn their parameters inside Dense and as stand-alone layers.")
    }

    private func format(_ v: Double) -> String {
        if v.isInfinite { return v > 0 ? "inf" : "-inf" }
        if v == v.rounded(), abs(v) < 1e6 { return String(Int(v)) }
        return String((v * 10_000).rounded() / 10_000)
    }
}
