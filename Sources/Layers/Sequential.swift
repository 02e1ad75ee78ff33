import Activations
import Tensors

/// A linear stack of layers with Keras's workflow: `compile`, `fit`, `evaluate`, `predict`, `summary`.
public final class Sequential {
    public let name: String
    public private(set) var layers: [any Layer] = []
    /// Seeds weight initialisation and the per-epoch shuffles: the same seed trains the same model.
    public let seed: UInt64
    public internal(set) var isBuilt = false
    var optimizer: (any Optimizer)?
    var loss: (any Loss)?
    var rng: RandomGenerator
    var training = TrainingState()
    /// `executionSteps` of the built model, made on first use.
    var fusedSteps: [ExecutionStep]?
    /// Whether training and inference run registered fusions of consecutive layers (see
    /// `LayerFusions`) as one step; off, every layer runs on its own. Results agree within rounding.
    public var fusesLayers = true { didSet { fusedSteps = nil } }

    /// An empty model to fill with `add`.
    public init(name: String = "sequential", seed: UInt64 = 0) {
        self.name = name
        self.seed = seed
        self.rng = RandomGenerator(seed: seed)
    }

    /// A model from a list of layers, as Keras's `Sequential([...])`.
    public convenience init(name: String = "sequential", seed: UInt64 = 0, @LayerBuilder _ layers: () throws -> [any Layer]) rethrows {
        self.init(name: name, seed: seed)
        for layer in try layers() { add(layer) }
    }

    /// Appends a layer; it gets a Keras-style unique name (`dense`, `dense_1`, ...) if it has none.
    public func add(_ layer: any Layer) {
        if layer.name.isEmpty {
            let base = layer.typeName.snakeCased
            let taken = Set(layers.map(\.name))
            var candidate = base, k = 0
            while taken.contains(candidate) { k += 1; candidate = "\(base)_\(k)" }
            layer.name = candidate
        }
        layers.append(layer)
        isBuilt = false
        fusedSteps = nil
    }

    /// Appends a stand-alone activation (Keras `model.add(LeakyReLU(alpha=0.1))`).
    public func add(_ activation: any ActivationFunction) { add(LayerBuilder.buildExpression(activation)[0]) }

    /// The per-sample input shape declared on the first layer.
    public var inputShape: [Int]? { layers.first?.declaredInputShape }
    public var outputShape: [Int] { layers.last?.outputShape ?? [] }

    /// Every layer's plan, in order, from the first layer's input shape: output shapes and
    /// weight counts without allocating anything.
    public func plans() throws -> [LayerPlan] {
        guard !layers.isEmpty else { throw LayerError.emptyModel }
        guard var shape = inputShape else { throw LayerError.noInputShape }
        var plans: [LayerPlan] = []
        for layer in layers {
            let plan = try layer.plan(inputShape: shape)
            plans.append(plan)
            shape = plan.outputShape
        }
        return plans
    }

    /// Creates every layer's weights, in order, from the first layer's input shape, once the
    /// plans show that they fit in memory.
    public func build() throws {
        guard !isBuilt else { return }
        let plans = try plans()
        // Trainable values come with a gradient of the same size.
        var total = 0
        for (layer, plan) in zip(layers, plans) {
            let what = "layer '\(layer.name)' (\(layer.typeName)) weights and gradients"
            let (twice, o1) = plan.trainableCount.multipliedReportingOverflow(by: 2)
            let (elements, o2) = twice.addingReportingOverflow(plan.nonTrainableCount)
            let (sum, o3) = total.addingReportingOverflow(elements)
            try MemoryBudget.check(elements: o1 || o2 ? -1 : elements, for: what)
            try MemoryBudget.check(elements: o3 ? -1 : sum, for: what + " with the layers before it")
            total = sum
        }
        rng = RandomGenerator(seed: seed)
        var shape = inputShape ?? []
        for layer in layers {
            try layer.build(inputShape: shape, rng: &rng)
            shape = layer.outputShape
        }
        isBuilt = true
        fusedSteps = nil
    }

    /// Keras `get_layer(name)`.
    public func layer(named name: String) -> (any Layer)? { layers.first { $0.name == name } }

    /// Every trainable tensor in layer order: what optimizers update.
    public var parameters: [Parameter] { layers.flatMap(\.parameters) }
    /// Every non-trainable tensor in layer order: saved and loaded, never given to an optimizer.
    public var state: [Parameter] { layers.flatMap(\.state) }
    /// Keras `get_weights()` order, as live tensors: per layer, trainable then non-trainable.
    public var weights: [Tensor] { layers.flatMap { ($0.parameters + $0.state).map(\.value) } }
    /// Trainable and non-trainable values of the built layers (Keras `count_params`).
    public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }
}

extension String {
    /// `MaxPooling2D` -> `max_pooling2d`, the way Keras derives default layer names.
    var snakeCased: String {
        var out = ""
        for (i, c) in enumerated() {
            if c.isUppercase, i > 0, let prev = out.last, prev.isLowercase { out.append("_") }
            out.append(contentsOf: c.lowercased())
        }
        return out
    }
}
