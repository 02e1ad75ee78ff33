import ArgumentParser
import Activations
import Experiments
import Layers
import Tensors

/// `actlab summary`: the Keras-style summary of the experiment-A network.
struct Summary: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the Keras-style summary of the MNIST MLP.")

    @Option(help: "Network: mlp (shaped by the options below) or \(DigitsCNN.id).") var model = "mlp"
    @Option(help: "Hidden activation.") var activation = "relu"
    @Option(parsing: .unconditional, help: "Number of hidden layers.") var depth = "1"
    @Option(parsing: .unconditional, help: "Units per hidden layer.") var units = "512"

    func run() throws {
        guard model != DigitsCNN.id else { return try Console.print(try DigitsCNN.make().summary()) }
        guard model == "mlp" else { throw CommandError("--model must be mlp or \(DigitsCNN.id), got '\(model)'") }
        let depth = try OptionValue.whole(depth, "--depth", in: 1...OptionLimits.depth)
        let units = try OptionValue.whole(units, "--units", in: 1...Int.max)
        let function = try Activation.named(OptionValue.activation(activation, "--activation"))
        // A summary reads layer plans and allocates no weights, so only a count past 64 bits is refused.
        guard MLP.parameterCount(hiddenUnits: units, depth: depth) != nil else {
            throw CommandError("--units \(units) --depth \(depth): the parameter count overflows a 64-bit count")
        }
        let model = try MLP.make(hiddenUnits: units, depth: depth, activation: function)
        try Console.print(try model.summary())
    }
}
