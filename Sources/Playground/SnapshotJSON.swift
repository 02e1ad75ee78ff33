/// A snapshot message written as JSON text directly: thousands of chart values a message,
/// fifteen messages a second per page, cost a millisecond or more through `JSONEncoder` on
/// the training thread. In the release build's load test, writing them here cut the
/// snapshots' share of training time from 61% to 15% at the same rate (before the CPU budget). The text decodes as
/// `ServerMessage` with the same values (the floats are already rounded to what a chart shows).
enum SnapshotJSON {
    static func message(_ s: Snapshot) -> String {
        var out = ""
        out.reserveCapacity(64 + 8 * (s.prediction.count + s.units.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } }))
        out += #"{"type":"snapshot","snapshot":{"state":""#
        out += s.state.rawValue
        out += #"","epoch":"#
        out += String(s.epoch)
        out += #","epochs":["#
        for (i, p) in s.epochs.enumerated() {
            if i > 0 { out += "," }
            out += #"{"epoch":"#
            out += String(p.epoch)
            field("loss", p.loss, &out)
            if let v = p.valLoss { field("valLoss", v, &out) }
            if let v = p.accuracy { field("accuracy", v, &out) }
            if let v = p.valAccuracy { field("valAccuracy", v, &out) }
            out += "}"
        }
        out += #"],"prediction":"#
        floats(s.prediction, &out)
        out += #","units":["#
        for (l, layer) in s.units.enumerated() {
            if l > 0 { out += "," }
            out += "["
            for (u, unit) in layer.enumerated() {
                if u > 0 { out += "," }
                floats(unit, &out)
            }
            out += "]"
        }
        out += #"],"dead":["#
        for (l, layer) in s.dead.enumerated() {
            if l > 0 { out += "," }
            out += "[" + layer.map { $0 ? "true" : "false" }.joined(separator: ",") + "]"
        }
        out += #"],"deadCount":"#
        out += String(s.deadCount)
        out += #","gradientNorms":["#
        for (i, g) in s.gradientNorms.enumerated() {
            if i > 0 { out += "," }
            number(g, &out)
        }
        out += "]"
        field("epochsPerSecond", s.epochsPerSecond, &out)
        field("snapshotShare", s.snapshotShare, &out)
        out += "}}"
        return out
    }

    private static func field(_ name: String, _ value: Double, _ out: inout String) {
        out += ",\"" + name + "\":"
        number(value, &out)
    }

    /// A Double as JSON: its shortest round-trip digits, or the strings `JSONEncoder` writes
    /// for values JSON has no number for.
    static func number(_ v: Double, _ out: inout String) {
        if v.isNaN { out += #""NaN""# } else if v.isInfinite { out += v > 0 ? #""Infinity""# : #""-Infinity""# } else { out += "\(v)" }
    }

    /// Floats already rounded to thousandths are written from an integer count of thousandths
    /// (no general float formatting); others by their shortest round-trip digits.
    static func floats(_ values: [Float], _ out: inout String) {
        out += "["
        for (i, v) in values.enumerated() {
            if i > 0 { out += "," }
            let scaled = (v * 1000).rounded()
            if v.isFinite, abs(v) < 1e6, scaled / 1000 == v {
                let n = Int(scaled), whole = abs(n) / 1000, frac = abs(n) % 1000
                if n < 0 { out += "-" }
                out += String(whole)
                if frac != 0 {
                    var digits = String(frac)
                    digits = String(repeating: "0", count: 3 - digits.count) + digits
                    while digits.last == "0" { digits.removeLast() }
                    out += "." + digits
                }
            } else if v.isNaN {
                out += #""NaN""#
            } else if v.isInfinite {
                out += v > 0 ? #""Infinity""# : #""-Infinity""#
            } else {
                out += "\(v)"
            }
        }
        out += "]"
    }
}
