/// Every buffer one `TinyDenseTrainer` run touches, in one allocation made before the first
/// step, so that training allocates nothing.
final class TinyWorkspace {
    /// A trainable array with its gradient and Adam's two moment arrays.
    struct Slot {
        let value: UnsafeMutablePointer<Float>
        let gradient: UnsafeMutablePointer<Float>
        let first: UnsafeMutablePointer<Float>
        let second: UnsafeMutablePointer<Float>
        let count: Int
    }

    private let block: UnsafeMutablePointer<Float>
    private let units: [Int]
    let kernel: [UnsafeMutablePointer<Float>]
    let bias: [UnsafeMutablePointer<Float>]
    let kernelGradient: [UnsafeMutablePointer<Float>]
    let biasGradient: [UnsafeMutablePointer<Float>]
    /// Kernels then biases, layer by layer.
    let parameters: [Slot]
    /// Index 0 is the input batch; l + 1 is layer l's output.
    let activation: [UnsafeMutablePointer<Float>]
    let preActivation: [UnsafeMutablePointer<Float>]
    /// dL/d(activation[i]), same indexing as `activation`.
    let gradient: [UnsafeMutablePointer<Float>]
    let preActivationGradient: [UnsafeMutablePointer<Float>]
    let target: UnsafeMutablePointer<Float>

    init(inputs: Int, units: [Int], batch: Int) {
        self.units = units
        let widths = [inputs] + units
        let weights = units.indices.map { widths[$0] * units[$0] }
        var sizes: [Int] = []
        sizes += weights.map { $0 * 4 } + units.map { $0 * 4 }
        sizes += widths.map { $0 * batch } + units.map { $0 * batch } + widths.map { $0 * batch } + units.map { $0 * batch }
        sizes += [units.last! * batch]
        let total = sizes.reduce(0, +)
        block = .allocate(capacity: total)
        block.initialize(repeating: 0, count: total)
        var next = block
        func take(_ n: Int) -> UnsafeMutablePointer<Float> { defer { next += n }; return next }
        var slots: [Slot] = []
        var k: [UnsafeMutablePointer<Float>] = [], kg: [UnsafeMutablePointer<Float>] = []
        for n in weights {
            let s = Slot(value: take(n), gradient: take(n), first: take(n), second: take(n), count: n)
            slots.append(s); k.append(s.value); kg.append(s.gradient)
        }
        var b: [UnsafeMutablePointer<Float>] = [], bg: [UnsafeMutablePointer<Float>] = []
        for n in units {
            let s = Slot(value: take(n), gradient: take(n), first: take(n), second: take(n), count: n)
            slots.append(s); b.append(s.value); bg.append(s.gradient)
        }
        (kernel, kernelGradient, bias, biasGradient, parameters) = (k, kg, b, bg, slots)
        activation = widths.map { take($0 * batch) }
        preActivation = units.map { take($0 * batch) }
        gradient = widths.map { take($0 * batch) }
        preActivationGradient = units.map { take($0 * batch) }
        target = take(units.last! * batch)
    }

    deinit { block.deallocate() }

    func load(kernels: [[Float]], biases: [[Float]]) {
        for (p, k) in zip(kernel, kernels) { k.withUnsafeBufferPointer { p.update(from: $0.baseAddress!, count: k.count) } }
        for (p, b) in zip(bias, biases) { b.withUnsafeBufferPointer { p.update(from: $0.baseAddress!, count: b.count) } }
    }

    func store() -> (kernels: [[Float]], biases: [[Float]]) {
        let k = parameters.prefix(units.count).map { Array(UnsafeBufferPointer(start: $0.value, count: $0.count)) }
        let b = parameters.suffix(units.count).map { Array(UnsafeBufferPointer(start: $0.value, count: $0.count)) }
        return (k, b)
    }
}
