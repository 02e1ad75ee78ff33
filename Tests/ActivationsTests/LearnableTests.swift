import Activations
import Foundation
import Testing

/// The learnable functions with per-channel values, as a layer holds them: forward, input
/// gradient and every parameter gradient against the Double forms and finite differences.
struct LearnableTests {
    static var cases: [Case] { Case.all.filter { $0.function.learnable != nil } }

    /// Values for each tensor: per-channel ones spread around the initial value, so that a wrong
    /// channel index shows; shared ones as given.
    static func values(_ f: any LearnableActivation, columns: Int) -> [[Float]] {
        f.learnableTensors.map { t in
            t.perChannel ? (0..<columns).map { j in t.initial[0] * (1 + 0.1 * Float(j)) + (t.name.hasPrefix("t_right") ? 0.3 * Float(j) : 0) } : t.initial
        }
    }

    /// The Double form of column j's function under `values`.
    static func function(_ f: any LearnableActivation, _ values: [[Float]], column j: Int) throws -> any ActivationFunction {
        var dict = [String: [Float]]()
        for (t, v) in zip(f.learnableTensors, values) { dict[t.name] = t.perChannel ? [v[j]] : v }
        return try f.learned(dict)
    }

    static func withPointers<R>(_ arrays: inout [[Float]], strides: Int, _ body: (LearnedValues) -> R) -> R {
        let flat = arrays.flatMap { $0 }
        let storage = UnsafeMutablePointer<Float>.allocate(capacity: flat.count)
        defer { storage.deallocate() }
        storage.initialize(from: flat, count: flat.count)
        var pointers = [UnsafeMutablePointer<Float>](), offset = 0
        for a in arrays { pointers.append(storage + offset); offset += a.count }
        let result = body(LearnedValues(pointers: pointers, strides: arrays.map { _ in strides }))
        offset = 0
        for k in arrays.indices { for i in arrays[k].indices { arrays[k][i] = storage[offset + i] }; offset += arrays[k].count }
        return result
    }

    @Test(arguments: LearnableTests.cases)
    func perChannelKernelsMatchDoubleFormsAndFiniteDifferences(_ c: Case) throws {
        let f = try #require(c.function.learnable)
        let rows = 5, columns = 4
        var g = SystemRandomNumberGeneratorStandIn(seed: 21)
        let x = (0..<rows * columns).map { _ in Float(g.normal() * 2.5) }
        let dy = (0..<rows * columns).map { _ in Float(g.normal()) }
        var values = Self.values(f, columns: columns)
        let perColumn = try (0..<columns).map { try Self.function(f, values, column: $0) }
        var y = [Float](repeating: 0, count: x.count), dx = y
        var gradients = f.learnableTensors.map { [Float](repeating: 0, count: $0.perChannel ? columns : $0.initial.count) }
        Self.withPointers(&values, strides: 1) { v in
            x.withUnsafeBufferPointer { xp in
                y.withUnsafeMutableBufferPointer { f.forward(xp.baseAddress!, $0.baseAddress!, rows: rows, columns: columns, values: v) }
                dy.withUnsafeBufferPointer { dyp in
                    dx.withUnsafeMutableBufferPointer { dxp in
                        Self.withPointers(&gradients, strides: 1) { gv in
                            f.backward(x: xp.baseAddress!, dy: dyp.baseAddress!, dx: dxp.baseAddress!, rows: rows, columns: columns,
                                       values: v, gradients: gv)
                        }
                    }
                }
            }
        }
        for i in x.indices {
            let fj = perColumn[i % columns], xi = Double(x[i])
            #expect(close(Double(y[i]), fj.value(xi), relative: 2e-6, absolute: 3e-7 * max(1, abs(xi))), "\(c.testDescription): y[\(i)]")
            if fj.kinks.allSatisfy({ abs($0 - xi) > 1e-3 }) {
                let want = Double(dy[i]) * centralDifference(fj.value, at: xi)
                #expect(close(Double(dx[i]), want, relative: 2e-5, absolute: 2e-6), "\(c.testDescription): dx[\(i)] = \(dx[i]), want \(want)")
            }
        }
        // Every parameter entry: d/dw sum dy f_j(x) by a central difference of the Double forms.
        for (k, tensor) in f.learnableTensors.enumerated() {
            for entry in values[k].indices {
                // Small entries get a step that does not cross 0, where |b| (pau's denominator) has a kink.
                let w = values[k][entry], h = w == 0 ? Float(1e-3) : min(Float(1e-3) * max(1, abs(w)), abs(w) / 2)
                func loss(_ value: Float) throws -> Double {
                    var changed = values
                    changed[k][entry] = value
                    var sum = 0.0
                    for i in x.indices where !tensor.perChannel || i % columns == entry {
                        sum += Double(dy[i]) * (try Self.function(f, changed, column: i % columns).value(Double(x[i])))
                    }
                    return sum
                }
                let fd = (try loss(w + h) - loss(w - h)) / (Double(w + h) - Double(w - h))
                #expect(close(Double(gradients[k][entry]), fd, relative: 2e-3, absolute: 2e-4),
                        "\(c.testDescription): d/d\(tensor.name)[\(entry)] = \(gradients[k][entry]), finite difference \(fd)")
            }
        }
    }

    @Test(arguments: LearnableTests.cases)
    func learnedWithTheInitialValuesIsTheSameFunction(_ c: Case) throws {
        let f = try #require(c.function.learnable)
        var dict = [String: [Float]]()
        for t in f.learnableTensors { dict[t.name] = t.initial }
        #expect(try f.learned(dict).parameters == f.parameters)
        #expect(f.layerTypeName != "Activation", "\(c.testDescription) needs its own layer class name")
    }

    /// SIREN's w0 = 30 (outside Case.all, whose sampled smoothness check cannot follow sin(30 x)).
    @Test func sineAtSirensFrequency() throws {
        let f = try Activation.named("sine")
        #expect(f.parameters["w0"] == 30)
        let xs = stride(from: -3.0, through: 3.0, by: 0.0071).map { Float($0) }
        let y = Run.forward(f, xs, rows: 1, columns: xs.count)
        let dx = Run.backward(f, xs, xs.map { _ in 1 }, rows: 1, columns: xs.count)
        for (i, x) in xs.enumerated() {
            #expect(close(Double(y[i]), Foundation.sin(30 * Double(x)), relative: 1e-6, absolute: 1e-7))
            let fd = centralDifference(f.value, at: Double(x))
            #expect(close(Double(dx[i]), fd, relative: 1e-5, absolute: 1e-5))
            #expect(close(f.derivative(Double(x)), fd, relative: 1e-6, absolute: 1e-6))
        }
        #expect(f.characterSheet.maxDerivative == 30 && f.characterSheet.zeroCentred)
    }
}
