import Tensors

/// Two Gaussian blobs in the plane, centred at (-1.5, -1.5) and (1.5, 1.5) with unit spread.
struct Blobs {
    let x: Tensor
    let labels: [Int]

    init(count: Int, seed: UInt64) {
        var rng = RandomGenerator(seed: seed)
        labels = (0..<count).map { $0 % 2 }
        x = Tensor(shape: [count, 2], scalars: labels.flatMap { c in
            let centre: Float = c == 0 ? -1.5 : 1.5
            return [centre + rng.normal(), centre + rng.normal()]
        })
    }

    var binaryTargets: Tensor { Tensor(shape: [labels.count, 1], scalars: labels.map(Float.init)) }
    var oneHotTargets: Tensor { Tensor(shape: [labels.count, 2], scalars: labels.flatMap { $0 == 0 ? [1, 0] : [0, 1] }) }
}
