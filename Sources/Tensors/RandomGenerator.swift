import Foundation

/// A seeded xoshiro256** generator: the same seed gives the same stream on every machine.
public struct RandomGenerator: RandomNumberGenerator, Sendable {
    @usableFromInline var s: (UInt64, UInt64, UInt64, UInt64)

    public init(seed: UInt64) {
        // SplitMix64 spreads a small seed over the whole state, as the xoshiro authors advise.
        var x = seed
        func next() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s = (next(), next(), next(), next())
    }

    /// The four state words, to save the generator and continue its stream with `init(state:)`.
    public var state: [UInt64] { [s.0, s.1, s.2, s.3] }

    /// The generator `state` was taken from; nil unless it is four words, not all zero (the one
    /// state xoshiro never leaves).
    public init?(state: [UInt64]) {
        guard state.count == 4, state.contains(where: { $0 != 0 }) else { return nil }
        s = (state[0], state[1], state[2], state[3])
    }

    /// Inlinable, so that per-element draws (dropout masks) do not pay a call each.
    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotl(s.1 &* 5, 7) &* 9
        let t = s.1 << 17
        s.2 ^= s.0
        s.3 ^= s.1
        s.1 ^= s.2
        s.0 ^= s.3
        s.2 ^= t
        s.3 = rotl(s.3, 45)
        return result
    }

    @inlinable @inline(__always) func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Uniform in [0, 1) with 24 random bits.
    public mutating func nextUnitFloat() -> Float { Float(next() >> 40) * 0x1p-24 }

    /// Uniform in [low, high).
    public mutating func uniform(_ low: Float, _ high: Float) -> Float {
        // low + (high - low) * u can round up to high when u is just below 1.
        let v = low + (high - low) * nextUnitFloat()
        return v < high ? v : Swift.max(low, high.nextDown)
    }

    /// Standard normal via Box-Muller (Double inside, so the tails are right).
    public mutating func normal() -> Float {
        let u1 = Double(next() >> 11) * 0x1p-53
        let u2 = Double(next() >> 11) * 0x1p-53
        let r = (-2 * log(Swift.max(u1, .leastNormalMagnitude))).squareRoot()
        return Float(r * cos(2 * Double.pi * u2))
    }

    /// A uniformly random permutation of 0..<n (Fisher-Yates).
    public mutating func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<n)
        shuffle(&p)
        return p
    }

    /// Shuffles `array` in place, reproducibly for a given generator state. Inlinable so that
    /// the caller's module specialises it: unspecialised, the generic swaps cost more than a
    /// tiny network's whole training step.
    @inlinable
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            let j = Int(next() % UInt64(i + 1))
            array.swapAt(i, j)
        }
    }
}

extension Tensor {
    /// Fills with uniform values in [low, high).
    public func fillUniform(_ low: Float, _ high: Float, using rng: inout RandomGenerator) {
        for i in 0..<count { pointer[i] = rng.uniform(low, high) }
    }

    /// Fills with normal values of the given mean and standard deviation.
    public func fillNormal(mean: Float = 0, std: Float = 1, using rng: inout RandomGenerator) {
        for i in 0..<count { pointer[i] = mean + std * rng.normal() }
    }
}
