import ArgumentParser
import Activations
import Experiments
import Layers

/// `actlab summary`: the Keras-style summary of the experiment-A network.
struct Summary: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the Keras-style summary of the MNIST MLP.")

    @Option(help: "Hidden activation.") var activation = "relu"
    @Option(help: "Number of hidden layers.") var depth = 1
    @Option(help: "Units per hidden layer.") var units = 512

    func run() throws {
        let model = try MLP.make(hiddenUnits: units, depth: depth, activation: Activation.named(activation))
        Console.print(try model.summary())
    }
}
