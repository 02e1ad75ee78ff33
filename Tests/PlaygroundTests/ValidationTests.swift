import Foundation
import Testing
@testable import Playground

@Suite struct ValidationTests {
    func decode(_ json: String) throws -> TrainingConfig {
        try JSONDecoder().decode(TrainingConfig.self, from: Data(json.utf8))
    }

    func message(_ config: TrainingConfig) -> String? {
        do { try config.validate(); return nil } catch { return error.message }
    }

    @Test func emptyRequestIsTheArticlesCosFit() throws {
        let c = try decode("{}")
        #expect(c == TrainingConfig())
        #expect(c.task == "cos" && c.hidden.count == 1 && c.hidden[0].units == 2 && c.learningRate == 0.04)
        #expect(message(c) == nil)
    }

    @Test func eachBoundIsNamedInOneLine() throws {
        var c = TrainingConfig()
        c.task = "moons"
        #expect(message(c)?.hasPrefix("task: expected one of cos, sin") == true)
        c = TrainingConfig()
        c.hidden = []
        #expect(message(c) == "hidden layers: expected 1 to 4, got 0")
        c = TrainingConfig()
        c.hidden[0].units = 1_000_000
        #expect(message(c) == "layer 1 units: expected 1 to 64, got 1000000")
        c = TrainingConfig()
        c.epochs = 0
        #expect(message(c) == "epochs: expected 1 to 5000, got 0")
        c = TrainingConfig()
        c.learningRate = 100
        #expect(message(c)?.hasPrefix("learning rate: expected a number from") == true)
        c = TrainingConfig()
        c.optimizer = "lbfgs"
        #expect(message(c) == "optimizer: expected sgd, adam or rmsprop, got 'lbfgs'")
        c = TrainingConfig()
        c.points = 5
        #expect(message(c) == "points: expected 10 to 2000, got 5")
        c.task = "mnist"
        c.points = 50_000
        #expect(message(c) == "images: expected 100 to 5000, got 50000")
        c = TrainingConfig()
        c.task = "expression"
        #expect(message(c)?.hasPrefix("expression: the expression task needs a target") == true)
        for m in [message(TrainingConfig())].compactMap({ $0 }) { #expect(!m.contains("\n")) }
    }

    @Test func unknownActivationSuggestsAndMalformedExpressionHasACaret() throws {
        do {
            _ = try ActivationChoice("reluu").resolve()
            Issue.record("reluu resolved")
        } catch {
            #expect(error.message.contains("relu"))
            #expect(!error.message.contains("\n"))
        }
        do {
            _ = try ActivationChoice("x * sigmoid(1.5 * x").resolve()
            Issue.record("a malformed expression resolved")
        } catch {
            #expect(!error.message.contains("\n"))
            let detail = try #require(error.detail)
            #expect(detail.contains("^"))
            #expect(detail.contains("x * sigmoid(1.5 * x"))
        }
        do {
            _ = try ActivationChoice("leaky_relu", parameters: ["alpha": .infinity]).resolve()
            Issue.record("an infinite parameter was accepted")
        } catch {
            #expect(error.message.contains("alpha"))
        }
    }

    @Test func expressionTaskErrorCarriesTheCaret() throws {
        var c = TrainingConfig()
        c.task = "expression"
        c.expression = "sin(2*x +"
        try c.validate()
        do {
            _ = try PlaygroundTask(config: c)
            Issue.record("a malformed target was accepted")
        } catch {
            #expect(error.message.hasPrefix("target: "))
            #expect(error.detail?.contains("^") == true)
        }
    }

    @Test func theLargestAllowedNetworkBuilds() throws {
        var c = TrainingConfig()
        c.task = "mnist"
        c.hidden = Array(repeating: TrainingConfig.Hidden(units: 64, activation: ActivationChoice("relu")), count: 4)
        try c.validate()
        let task = try PlaygroundTask(config: c, mnist: SharedMNIST.load)
        let model = try PlaygroundModel.build(config: c, task: task)
        #expect(model.parameterCount == (784 + 1) * 64 + 3 * 65 * 64 + 65 * 10)
        #expect(model.parameterCount <= PlaygroundModel.maximumParameters)
    }
}
