import Experiments
import Layers

extension Compare {
    /// The experiment as the options describe it, every number checked and named when wrong.
    func experimentConfiguration() throws -> ActivationComparison.Configuration {
        var c = ActivationComparison.Configuration()
        c.activations = try commaList(activations ?? "linear,sigmoid,tanh,relu").map { try OptionValue.activation($0, "--activations") }
        guard !c.activations.isEmpty else { throw CommandError("--activations must name at least one activation, got '\(activations ?? "")'") }
        c.depths = try commaList(depth ?? "1,6").map { try OptionValue.whole($0, "--depth", in: 1...OptionLimits.depth) }
        guard !c.depths.isEmpty else { throw CommandError("--depth must list at least one number of hidden layers, got '\(depth ?? "")'") }
        c.deepActivations = deepAll ? nil : ["linear", "sigmoid"]
        if c.depths.allSatisfy({ $0 > 1 }) || deepAll { c.deepActivations = nil }
        c.hiddenUnits = try OptionValue.whole(units ?? "512", "--units", in: 1...Int.max)
        c.epochs = try OptionValue.whole(epochs ?? "5", "--epochs", in: 1...OptionLimits.epochs)
        c.batchSize = try OptionValue.whole(batchSize ?? "128", "--batch-size", in: 1...Int.max)
        let optimizer = self.optimizer ?? "rmsprop"
        c.optimizer = optimizer
        guard Optimizers.ids.contains(optimizer.lowercased()) else {
            throw CommandError("--optimizer must be one of \(Optimizers.ids.joined(separator: ", ")), got '\(optimizer)'")
        }
        if let learningRate {
            let value = try OptionValue.positive(learningRate, "--learning-rate")
            do { _ = try Optimizers.validatedLearningRate(value) } catch { throw CommandError("--learning-rate: \(error)") }
            c.learningRate = value
        }
        c.seed = try OptionValue.seed(seed, "--seed")
        guard let placement = RMSprop.EpsilonPlacement(rawValue: rmspropEpsilon) else {
            throw CommandError("--rmsprop-epsilon must be 'outside' or 'inside', got '\(rmspropEpsilon)'")
        }
        c.rmspropEpsilon = placement
        return c
    }
}
