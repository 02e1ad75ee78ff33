import Foundation
import Testing
import Tensors

/// VectorMath against Foundation's Double functions over dense sweeps.
@Suite struct VectorMathTests {
    /// Largest |f - reference| / |reference| over `samples` evenly spaced points of [low, high].
    static func worstRelativeError(_ low: Double, _ high: Double, samples: Int = 200_001,
                                   _ f: (Float) -> Float, _ reference: (Double) -> Double) -> (error: Double, at: Float) {
        var worst = (error: 0.0, at: Float(0))
        for i in 0..<samples {
            let x = Float(low + (high - low) * Double(i) / Double(samples - 1))
            let r = reference(Double(x))
            let e = abs(Double(f(x)) - r) / abs(r)
            if e > worst.error { worst = (e, x) }
        }
        return worst
    }

    /// Over the normal range [-87.3, 88.72] the relative error is below 2.5e-7 (2 ulp, as documented;
    /// measured: 7.9e-8).
    @Test func expRelativeErrorOverTheNormalRange() {
        let worst = Self.worstRelativeError(-87.3, 88.72, VectorMath.exp, Foundation.exp)
        #expect(worst.error < 2.5e-7, "relative error \(worst.error) at x = \(worst.at)")
    }

    @Test func expIsExactWhereItShouldBe() {
        #expect(VectorMath.exp(0) == 1)
        #expect(VectorMath.exp(-0.0) == 1)
        #expect(VectorMath.exp(1) == Float(M_E))
    }

    /// Results below the normal range stay within one denormal step (2^-149) of the true value.
    @Test func expIntoDenormals() {
        for i in 0...2000 {
            let x = Float(-87.4 - 16.5 * Double(i) / 2000)
            let reference = Foundation.exp(Double(x))
            let got = Double(VectorMath.exp(x))
            #expect(abs(got - reference) <= 0x1p-149, "exp(\(x)) = \(got), expected \(reference)")
        }
    }

    @Test func expSpecialValues() {
        #expect(VectorMath.exp(.nan).isNaN)
        #expect(VectorMath.exp(.infinity) == .infinity)
        #expect(VectorMath.exp(-.infinity) == 0)
        #expect(VectorMath.exp(89) == .infinity)
        #expect(VectorMath.exp(1000) == .infinity)
        #expect(VectorMath.exp(-104) == 0)
        #expect(VectorMath.exp(-1000) == 0)
        let top: Float = 88.72
        #expect(abs(Double(VectorMath.exp(top)) / Foundation.exp(Double(top)) - 1) < 2.5e-7)
    }

    /// Relative error below 3.5e-7 (3 ulp) for x in [-87, 80] (below -87 e^x leaves the normal range;
    /// measured: 1.7e-7).
    @Test func sigmoidRelativeError() {
        let worst = Self.worstRelativeError(-87, 80, VectorMath.sigmoid) { 1 / (1 + Foundation.exp(-$0)) }
        #expect(worst.error < 3.5e-7, "relative error \(worst.error) at x = \(worst.at)")
    }

    @Test func sigmoidSpecialValues() {
        #expect(VectorMath.sigmoid(0) == 0.5)
        #expect(VectorMath.sigmoid(.nan).isNaN)
        #expect(VectorMath.sigmoid(.infinity) == 1)
        #expect(VectorMath.sigmoid(-.infinity) == 0)
        #expect(VectorMath.sigmoid(200) == 1)
        #expect(VectorMath.sigmoid(-200) == 0)
        #expect(VectorMath.sigmoid(-30) > 0)
        // Symmetry: sigmoid(-x) = 1 - sigmoid(x), to Float rounding.
        for x: Float in [0.1, 1, 2.5, 7] {
            #expect(abs(VectorMath.sigmoid(-x) - (1 - VectorMath.sigmoid(x))) <= 1e-7)
        }
    }

    /// Relative error below 3.5e-7 (3 ulp) for x in [-20, 20] and near 0, where small-argument forms take over
    /// (measured: 1.2e-7).
    @Test func tanhRelativeError() {
        let worst = Self.worstRelativeError(-20, 20, samples: 200_000, VectorMath.tanh, Foundation.tanh)
        #expect(worst.error < 3.5e-7, "relative error \(worst.error) at x = \(worst.at)")
        let nearZero = Self.worstRelativeError(1e-6, 0.2, VectorMath.tanh, Foundation.tanh)
        #expect(nearZero.error < 3.5e-7, "relative error \(nearZero.error) at x = \(nearZero.at)")
    }

    @Test func tanhSpecialValues() {
        #expect(VectorMath.tanh(0) == 0)
        #expect(VectorMath.tanh(1e-30) == 1e-30)
        #expect(VectorMath.tanh(.nan).isNaN)
        #expect(VectorMath.tanh(.infinity) == 1)
        #expect(VectorMath.tanh(-.infinity) == -1)
        #expect(VectorMath.tanh(50) == 1)
        #expect(VectorMath.tanh(-50) == -1)
        #expect(VectorMath.tanh(-0.5) == -VectorMath.tanh(0.5))
    }
}

/// The non-positive exp is the full exp with its overflow branches dropped: same bits wherever it applies.
@Suite struct ExpNonPositiveTests {
    /// Every 4099th float from -0 down to -inf.
    static let nonPositiveFloats: [Float] = stride(from: UInt32(0x8000_0000), to: 0xFF80_0000, by: 4_099).map { Float(bitPattern: $0) }

    @Test func matchesExpBitForBitOnNonPositiveFloats() {
        for x in Self.nonPositiveFloats {
            #expect(VectorMath.expNonPositive(x).bitPattern == VectorMath.exp(x).bitPattern, "x = \(x)")
        }
        #expect(VectorMath.expNonPositive(-.infinity) == 0)
        #expect(VectorMath.expNonPositive(.nan).isNaN)
        #expect(VectorMath.expNonPositive(-104) == 0)
    }

    @Test func expm1MatchesBitForBitOnNonPositiveFloats() {
        for x in Self.nonPositiveFloats {
            #expect(VectorMath.expm1NonPositive(x).bitPattern == VectorMath.expm1(x).bitPattern, "x = \(x)")
        }
        #expect(VectorMath.expm1NonPositive(-.infinity) == -1)
        #expect(VectorMath.expm1NonPositive(-0.0) == 0)
        for payload: UInt32 in [0, 1, 0x1FF] { #expect(VectorMath.expm1NonPositive(Float(nan: payload, signaling: false)).isNaN) }
    }

    /// The scaling is an integer add on the bits, which must not turn a NaN with a payload into a number.
    @Test func nanPayloadsStayNan() {
        for payload: UInt32 in [0, 1, 0x1FF, 0x1F_FFFF] {
            for nan in [Float(nan: payload, signaling: false), -Float(nan: payload, signaling: false)] {
                #expect(VectorMath.expNonPositive(nan).isNaN, "payload \(payload)")
                #expect(VectorMath.exp(nan).isNaN && VectorMath.sigmoid(nan).isNaN, "payload \(payload)")
            }
        }
    }
}
