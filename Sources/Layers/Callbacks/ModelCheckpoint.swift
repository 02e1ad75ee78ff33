import Foundation

/// Saves the model after each epoch (Keras `ModelCheckpoint`), with `saveBestOnly` only when
/// `monitor` improves. Files are written whole or not at all. `filepath` may hold Keras
/// placeholders: `{epoch}` or `{epoch:02d}` (counted from 1, as Keras names files) and any log
/// key such as `{val_loss:.2f}`.
public final class ModelCheckpoint: Callback {
    public let filepath: String
    public let monitor: String
    public let saveBestOnly: Bool
    public let mode: MonitorMode
    /// The best monitored value saved so far (with `saveBestOnly`).
    public private(set) var best: Double?
    /// The files written, in order.
    public private(set) var saved: [String] = []

    private let template: PathTemplate
    private var direction = MonitorMode.min
    private var model: Sequential?

    /// Throws when `filepath` has a malformed placeholder.
    public init(filepath: String, monitor: String = "val_loss", saveBestOnly: Bool = false, mode: MonitorMode = .auto) throws {
        self.filepath = filepath
        self.monitor = monitor
        self.saveBestOnly = saveBestOnly
        self.mode = mode
        self.template = try PathTemplate(filepath)
    }

    public func onTrainBegin(model: Sequential, parameters: TrainingParameters) throws {
        self.model = model
        direction = mode.resolved(for: monitor)
        best = nil
        saved = []
    }

    public func onEpochEnd(_ epoch: Int, logs: inout Logs) throws {
        guard let model else { return }
        if saveBestOnly {
            let current = try monitoredValue(monitor, in: logs, by: "ModelCheckpoint")
            guard direction.improves(current, on: best, minDelta: 0) else { return }
            best = current
        }
        let path = try template.path(epoch: epoch + 1, logs: logs)
        try AtomicFile.write(model.serialized(), to: path)
        saved.append(path)
    }

    public func onTrainEnd(logs: Logs) throws { model = nil }
}

/// A file path with Python-format placeholders: `{epoch}`, `{epoch:02d}`, `{val_loss:.4f}`.
struct PathTemplate {
    enum Part { case text(String), field(name: String, spec: String) }
    let parts: [Part]
    let source: String

    init(_ source: String) throws {
        self.source = source
        var parts = [Part](), text = "", rest = Substring(source)
        while let c = rest.first {
            rest = rest.dropFirst()
            if c == "{" {
                guard let close = rest.firstIndex(of: "}") else {
                    throw LayerError.invalidData("checkpoint path '\(source)': '{' without a closing '}'")
                }
                let field = rest[..<close]
                rest = rest[rest.index(after: close)...]
                let pieces = field.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                let name = String(pieces[0]), spec = pieces.count > 1 ? String(pieces[1]) : ""
                guard !name.isEmpty, Self.isValid(spec: spec) else {
                    throw LayerError.invalidData("checkpoint path '\(source)': placeholder '{\(field)}' is not {key}, {key:02d} or {key:.4f}")
                }
                parts.append(.text(text))
                text = ""
                parts.append(.field(name: name, spec: spec))
            } else {
                text.append(c)
            }
        }
        parts.append(.text(text))
        self.parts = parts
    }

    /// `d`, `02d`, `.4f`, `f`, `e`, `.3e`, or nothing.
    private static func isValid(spec: String) -> Bool {
        guard !spec.isEmpty else { return true }
        guard let last = spec.last, "dfeg".contains(last) else { return false }
        let body = spec.dropLast()
        return body.allSatisfy { $0.isNumber || $0 == "." } && body.filter { $0 == "." }.count <= 1 && body.count <= 4
    }

    func path(epoch: Int, logs: Logs) throws -> String {
        var out = ""
        for part in parts {
            switch part {
            case let .text(t): out += t
            case let .field(name, spec):
                let value: Double
                if name == "epoch" { value = Double(epoch) } else if let v = logs[name] { value = v } else {
                    throw LayerError.invalidData("checkpoint path '\(source)': no value for '{\(name)}'; expected epoch or one of \(logs.keys.sorted().joined(separator: ", "))")
                }
                if spec.isEmpty {
                    out += name == "epoch" ? String(epoch) : "\(value)"
                } else if spec.hasSuffix("d") {
                    out += String(format: "%\(spec.dropLast())lld", Int64(value))
                } else {
                    out += String(format: "%\(spec)", value)
                }
            }
        }
        return out
    }
}
