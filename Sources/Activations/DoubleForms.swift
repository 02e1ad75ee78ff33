import Foundation

/// Stable Double forms shared by the reference implementations.
enum DoubleForms {
    /// 1 / (1 + e^-x), evaluated by sign so e^-x never overflows.
    static func sigmoid(_ x: Double) -> Double {
        x >= 0 ? 1 / (1 + Foundation.exp(-x)) : Foundation.exp(x) / (1 + Foundation.exp(x))
    }

    /// log(1 + e^x) = max(x, 0) + log1p(e^-|x|).
    static func softplus(_ x: Double) -> Double {
        x.isNaN ? x : Swift.max(x, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(x)))
    }
}
