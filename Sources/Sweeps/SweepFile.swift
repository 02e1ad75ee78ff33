import Foundation
import Layers

/// A sweep file, read and checked: the task, its model, the activations, the seeds and the grid.
///
/// ```json
/// {"name": "lr", "task": "synthetic", "activations": ["relu", "tanh", {"name": "leaky_relu", "parameters": {"alpha": 0.1}}],
///  "baseline": "relu", "seeds": 3, "grid": {"learning_rate": [0.001, 0.01], "epochs": 5}}
/// ```
/// `seeds` is a count (seeds 0, 1, ...) or a list; a grid entry is one value or a list. Every
/// mistake is one line naming the file and the field.
public struct SweepFile: Sendable {
    public var path: String
    public var name: String
    public var task: String
    public var model: String
    public var activations: [SweepActivation]
    /// What the others are compared with; the first activation unless the file names one.
    public var baseline: SweepActivation
    public var seeds: [UInt64]
    /// The grid's parameters sorted by name, each with its values in the file's order.
    public var grid: [(name: String, values: [SweepValue])]

    /// Larger files are refused unread: no sweep needs a megabyte to describe.
    public static let maximumBytes = 1 << 20
    /// Deeper nesting is refused before parsing (the deepest valid file nests 4 levels).
    public static let maximumNesting = 16
    public static let maximumSeeds = 10_000
    public static let fields = ["name", "task", "model", "activations", "baseline", "seeds", "grid"]

    /// Reads and checks the file at `path`.
    public static func load(path: String) throws -> SweepFile {
        var info = stat()
        guard stat(path, &info) == 0 else { throw SweepError("\(path): cannot read the sweep file (\(String(cString: strerror(errno))))") }
        guard info.st_mode & S_IFMT == S_IFREG else { throw SweepError("\(path): not a regular file; expected a JSON sweep file") }
        guard Int(info.st_size) <= maximumBytes else {
            throw SweepError("\(path): \(info.st_size) bytes; a sweep file may hold at most \(maximumBytes) bytes")
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw SweepError("\(path): cannot read the sweep file (\(error.localizedDescription))")
        }
        return try parse(data, path: path)
    }

    /// Checks `data` as the contents of a sweep file called `path` (used in messages).
    public static func parse(_ data: Data, path: String) throws -> SweepFile {
        guard data.count <= maximumBytes else { throw SweepError("\(path): \(data.count) bytes; a sweep file may hold at most \(maximumBytes) bytes") }
        try checkNesting(data, path: path)
        let root: JSONValue
        do { root = try JSONDecoder().decode(JSONValue.self, from: data) } catch {
            throw SweepError("\(path): not valid JSON (\(jsonProblem(error)))")
        }
        let reader = Reader(path: path)
        return try reader.file(root)
    }

    /// Refuses nesting deeper than `maximumNesting`, so that no parser recurses without bound.
    private static func checkNesting(_ data: Data, path: String) throws {
        var depth = 0, inString = false, escaped = false, line = 1
        for byte in data {
            if byte == UInt8(ascii: "\n") { line += 1 }
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                guard depth <= maximumNesting else {
                    throw SweepError("\(path): line \(line): nested more than \(maximumNesting) levels deep; a sweep file needs at most 4")
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
    }

    private static func jsonProblem(_ error: any Error) -> String {
        if case let DecodingError.dataCorrupted(context) = error {
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return underlying ?? context.debugDescription
        }
        return "\(error)"
    }
}

/// Walks the parsed document, keeping the path of the field being read for messages.
private struct Reader {
    let path: String

    func fail(_ field: String, _ what: String) -> SweepError { SweepError("\(path): field '\(field)': \(what)") }

    func show(_ v: JSONValue) -> String {
        switch v {
        case .null: "null"
        case let .bool(b): "\(b)"
        case let .int(i): "\(i)"
        case let .unsigned(u): "\(u)"
        case let .number(d): "\(d)"
        case let .string(s): "'\(s.count > 60 ? String(s.prefix(60)) + "..." : s)'"
        case .array: "a list"
        case .object: "an object"
        }
    }

    func string(_ v: JSONValue?, _ field: String) throws -> String {
        guard let v else { throw fail(field, "missing") }
        guard case let .string(s) = v else { throw fail(field, "expected a text, got \(show(v))") }
        return s
    }

    func number(_ v: JSONValue) -> Double? {
        switch v {
        case let .int(i): Double(i)
        case let .unsigned(u): Double(u)
        case let .number(d): d
        default: nil
        }
    }

    func file(_ root: JSONValue) throws -> SweepFile {
        guard case let .object(fields) = root else { throw SweepError("\(path): expected a JSON object with fields task, activations, seeds, grid; got \(show(root))") }
        for key in fields.keys.sorted() where !SweepFile.fields.contains(key) {
            throw SweepError("\(path): unknown field '\(key)'; expected \(SweepFile.fields.joined(separator: ", "))")
        }
        let taskName = try string(fields["task"], "task")
        guard let task = SweepTasks.named(taskName) else {
            throw fail("task", "unknown task '\(taskName)'; expected one of \(SweepTasks.all.map { $0.id }.joined(separator: ", "))")
        }
        var model = task.models[0]
        if let m = fields["model"] { model = try string(m, "model") }
        guard task.models.contains(model) else {
            throw fail("model", "task \(task.id) trains \(task.models.joined(separator: " or ")), not '\(model)'")
        }
        var name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        if let n = fields["name"] { name = try string(n, "name") }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw fail("name", "contains a control character")
        }
        let activations = try self.activations(fields["activations"])
        let baseline: SweepActivation
        if let b = fields["baseline"] {
            let given = try activation(b, "baseline")
            guard let found = activations.first(where: { $0 == given }) else {
                throw fail("baseline", "\(given) is not among the activations (\(activations.map(\.description).joined(separator: ", ")))")
            }
            baseline = found
        } else {
            baseline = activations[0]
        }
        let seeds = try self.seeds(fields["seeds"])
        let grid = try self.grid(fields["grid"], task: task)
        return SweepFile(path: path, name: name, task: task.id, model: model, activations: activations,
                         baseline: baseline, seeds: seeds, grid: grid)
    }

    func activations(_ v: JSONValue?) throws -> [SweepActivation] {
        guard let v else { throw fail("activations", "missing; expected a list of activation ids or expressions of x") }
        guard case let .array(items) = v else { throw fail("activations", "expected a list, got \(show(v))") }
        guard !items.isEmpty else { throw fail("activations", "empty; name at least one activation") }
        var seen = Set<SweepActivation>(), list = [SweepActivation]()
        for (i, item) in items.enumerated() {
            let a = try activation(item, "activations[\(i)]")
            guard seen.insert(a).inserted else { throw fail("activations[\(i)]", "\(a) is listed twice") }
            list.append(a)
        }
        return list
    }

    func activation(_ v: JSONValue, _ field: String) throws -> SweepActivation {
        let name: String
        var parameters = [String: Double]()
        switch v {
        case let .string(s): name = s
        case let .object(o):
            for key in o.keys.sorted() where key != "name" && key != "parameters" {
                throw fail(field, "unknown field '\(key)'; expected name and parameters")
            }
            name = try string(o["name"], field + ".name")
            if let p = o["parameters"] {
                guard case let .object(values) = p else { throw fail(field + ".parameters", "expected an object of numbers, got \(show(p))") }
                for (key, value) in values {
                    guard let x = number(value) else { throw fail(field + ".parameters." + key, "expected a number, got \(show(value))") }
                    parameters[key] = x
                }
            }
        default: throw fail(field, "expected an activation id, an expression of x or {\"name\": ..., \"parameters\": {...}}, got \(show(v))")
        }
        do { return try SweepActivation(name: name, parameters: parameters) } catch { throw fail(field, "\(error)") }
    }

    func seeds(_ v: JSONValue?) throws -> [UInt64] {
        guard let v else { return [0] }
        func seed(_ item: JSONValue, _ field: String) throws -> UInt64 {
            switch item {
            case let .int(i) where i >= 0: return UInt64(i)
            case let .unsigned(u): return u
            case let .number(d) where d >= 0 && d == d.rounded() && d < 9.0e15: return UInt64(d)
            default: throw fail(field, "expected a whole number from 0 to 18446744073709551615, got \(show(item))")
            }
        }
        switch v {
        case let .array(items):
            guard !items.isEmpty else { throw fail("seeds", "empty; give at least one seed") }
            guard items.count <= SweepFile.maximumSeeds else { throw fail("seeds", "\(items.count) seeds; at most \(SweepFile.maximumSeeds)") }
            var seen = Set<UInt64>(), list = [UInt64]()
            for (i, item) in items.enumerated() {
                let s = try seed(item, "seeds[\(i)]")
                guard seen.insert(s).inserted else { throw fail("seeds[\(i)]", "seed \(s) is listed twice") }
                list.append(s)
            }
            return list
        case .int, .unsigned, .number:
            let n = try seed(v, "seeds")
            guard n >= 1, n <= UInt64(SweepFile.maximumSeeds) else {
                throw fail("seeds", "a count must be from 1 to \(SweepFile.maximumSeeds), got \(n)")
            }
            return Array(0..<n)
        default: throw fail("seeds", "expected a count or a list of whole numbers, got \(show(v))")
        }
    }

    func grid(_ v: JSONValue?, task: any SweepTask.Type) throws -> [(name: String, values: [SweepValue])] {
        guard let v else { return [] }
        guard case let .object(entries) = v else { throw fail("grid", "expected an object of parameter lists, got \(show(v))") }
        var grid = [(name: String, values: [SweepValue])]()
        for key in entries.keys.sorted() {
            let field = "grid." + key
            guard let parameter = task.parameters.first(where: { $0.name == key }) else {
                throw fail(field, "task \(task.id) has no parameter '\(key)'; it takes \(task.parameters.map(\.name).joined(separator: ", "))")
            }
            let items: [JSONValue]
            if case let .array(list) = entries[key]! { items = list } else { items = [entries[key]!] }
            guard !items.isEmpty else { throw fail(field, "empty; give at least one value (or leave it out for \(parameter.defaultValue))") }
            var values = [SweepValue]()
            for (i, item) in items.enumerated() {
                let itemField = items.count == 1 && !isArray(entries[key]!) ? field : "\(field)[\(i)]"
                let raw: SweepValue
                if let x = number(item) { raw = .number(x) } else if case let .string(s) = item { raw = .text(s) } else {
                    throw fail(itemField, "expected a number or a text, got \(show(item))")
                }
                switch parameter.check(raw) {
                case let .success(value):
                    guard !values.contains(value) else { throw fail(itemField, "\(value) is listed twice") }
                    values.append(value)
                case let .failure(error): throw fail(itemField, error.description)
                }
            }
            grid.append((key, values))
        }
        return grid
    }

    func isArray(_ v: JSONValue) -> Bool { if case .array = v { true } else { false } }
}
