import Foundation

/// One unit of search work: train `proxy` with the activation `expression` from `seed`.
public struct EvaluationRequest: Codable, Sendable, Hashable {
    public var expression: String
    public var proxy: String
    public var seed: UInt64

    public init(expression: String, proxy: String, seed: UInt64) {
        (self.expression, self.proxy, self.seed) = (expression, proxy, seed)
    }

    /// A stable name for the request (FNV-1a of its three fields): the file it is stored under.
    public var id: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(proxy)\n\(seed)\n\(expression)".utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return String(hash, radix: 16).leftPadded(to: 16)
    }
}

/// A request's outcome: its metrics, or why it could not train (`failure`, metrics at zero).
public struct EvaluationResult: Codable, Sendable, Equatable {
    public var request: EvaluationRequest
    public var metrics: ProxyMetrics
    public var failure: String?
    public var seconds: Double

    public init(request: EvaluationRequest, metrics: ProxyMetrics, failure: String? = nil, seconds: Double) {
        (self.request, self.metrics, self.failure, self.seconds) = (request, metrics, failure, seconds)
    }

    // JSON holds no NaN: a diverged run's loss is stored as null.
    enum CodingKeys: String, CodingKey { case request, validationAccuracy, testAccuracy, trainingLoss, failure, seconds }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        request = try c.decode(EvaluationRequest.self, forKey: .request)
        metrics = ProxyMetrics(validationAccuracy: try c.decode(Double.self, forKey: .validationAccuracy),
                               testAccuracy: try c.decode(Double.self, forKey: .testAccuracy),
                               trainingLoss: try c.decodeIfPresent(Double.self, forKey: .trainingLoss) ?? .nan)
        failure = try c.decodeIfPresent(String.self, forKey: .failure)
        seconds = try c.decode(Double.self, forKey: .seconds)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(request, forKey: .request)
        try c.encode(metrics.validationAccuracy, forKey: .validationAccuracy)
        try c.encode(metrics.testAccuracy, forKey: .testAccuracy)
        if metrics.trainingLoss.isFinite { try c.encode(metrics.trainingLoss, forKey: .trainingLoss) }
        try c.encodeIfPresent(failure, forKey: .failure)
        try c.encode(seconds, forKey: .seconds)
    }

    public static func == (a: EvaluationResult, b: EvaluationResult) -> Bool {
        a.request == b.request && a.metrics.validationAccuracy == b.metrics.validationAccuracy
            && a.metrics.testAccuracy == b.metrics.testAccuracy && a.failure == b.failure
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
