/// Whether a monitored value improves by going down or up (Keras `mode`).
public enum MonitorMode: String, Sendable {
    case min, max
    /// `max` for accuracy-like keys (`accuracy`, `val_auc`, ...), `min` for losses and errors.
    case auto

    /// The direction for `monitor`, `auto` resolved as Keras does.
    func resolved(for monitor: String) -> MonitorMode {
        guard self == .auto else { return self }
        let name = monitor.hasPrefix("val_") ? String(monitor.dropFirst(4)) : monitor
        if name == "loss" { return .min }
        return name.contains("acc") || name.contains("auc") || name.hasPrefix("precision") || name.hasPrefix("recall")
            || name.hasPrefix("fmeasure") ? .max : .min
    }

    /// Whether `value` beats `reference` by more than `minDelta` in this (resolved) direction.
    func improves(_ value: Double, on reference: Double?, minDelta: Double) -> Bool {
        guard let reference else { return true }
        return self == .max ? value - abs(minDelta) > reference : value + abs(minDelta) < reference
    }
}

/// The value of `monitor` in `logs`, or a one-line error naming the callback and the keys present.
func monitoredValue(_ monitor: String, in logs: Logs, by callback: String) throws -> Double {
    guard let value = logs[monitor] else {
        let hint = monitor.hasPrefix("val_") ? " (fit needs validationData or validationSplit for val_ keys)" : ""
        throw LayerError.invalidData("\(callback): monitor '\(monitor)' is not in the logs; expected one of \(logs.keys.sorted().joined(separator: ", "))\(hint)")
    }
    return value
}
