import ArgumentParser
import Foundation
import Testing
@testable import ActLabCLI

/// A fresh temporary folder per test, removed afterwards.
private final class TemporaryFolder {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("actlab-\(UUID().uuidString)").path
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func files() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: path).sorted() }
}

@Suite struct ShowPlotTests {
    func show(_ arguments: [String]) throws -> Show {
        try #require(try ActLab.parseAsRoot(["show"] + arguments) as? Show)
    }

    func plot(_ arguments: [String]) throws -> Plot {
        try #require(try ActLab.parseAsRoot(["plot"] + arguments) as? Plot)
    }

    /// What the user sees for a failing command line, and whether it exits non-zero.
    func failure(_ arguments: [String]) -> (message: String, failed: Bool)? {
        do {
            var command = try ActLab.parseAsRoot(arguments)
            try command.run()
            return nil
        } catch {
            return (ActLab.message(for: error), ActLab.exitCode(for: error) != .success)
        }
    }

    @Test func showDescribesARegisteredFunctionAndChartsIt() throws {
        let folder = TemporaryFolder()
        let (text, written) = try show(["sigmoid", "--out", folder.path]).execute()
        #expect(text.hasPrefix("sigmoid\n"))
        for row in ["formula", "parameters   none", "range        (0, 1)", "monotonic    yes", "max |f′|     0.25"] {
            #expect(text.contains(row), "\(row) in\n\(text)")
        }
        #expect(written.first == folder.path + "/sigmoid.svg")
        #expect(try folder.files() == written.map { ($0 as NSString).lastPathComponent }.sorted())
        let svg = try String(contentsOfFile: folder.path + "/sigmoid.svg", encoding: .utf8)
        #expect(svg.contains("data-label=\"f(x)\""))
        #expect(svg.contains("data-label=\"f′(x)\" fill=\"none\" stroke=\"#d62728\" stroke-width=\"2\" stroke-linejoin=\"round\" stroke-dasharray"))
    }

    @Test func showTakesParametersAndNamesTheFileAfterThem() throws {
        let folder = TemporaryFolder()
        let (text, written) = try show(["relu", "--param", "negative_slope=0.1", "--param", "max_value=6", "--out", folder.path]).execute()
        #expect(text.contains("negative_slope = 0.1"))
        #expect(text.contains("max_value = 6"))
        #expect(written.first == folder.path + "/relu_max_value_6_negative_slope_0_1_threshold_0.svg")
    }

    @Test func showAcceptsAnExpression() throws {
        let folder = TemporaryFolder()
        let (text, written) = try show(["x * sigmoid(1.5*x)", "--out", folder.path]).execute()
        #expect(text.contains("formula      x * sigmoid(1.5 * x)"))
        #expect(text.contains("derivative   sigmoid(1.5 * x) + x * (sigmoid(1.5 * x) * (1 - sigmoid(1.5 * x)) * 1.5)"))
        #expect(written.first == folder.path + "/x_sigmoid_1_5_x.svg")
    }

    @Test func plotDrawsEveryFunctionOrDerivativeOnOneChart() throws {
        let folder = TemporaryFolder()
        let out = folder.path + "/d.svg"
        let written = try plot(["relu", "tanh", "x * tanh(softplus(x))", "--derivative", "--range", "-3,3", "--out", out]).execute()
        #expect(written.first == out)
        let svg = try String(contentsOfFile: out, encoding: .utf8)
        #expect(svg.components(separatedBy: "<path class=\"series\"").count - 1 == 3)
        #expect(svg.components(separatedBy: "stroke-dasharray").count - 1 == 6, "three dashed lines and three dashed legend samples")
        for label in ["relu′", "tanh′", "x * tanh(softplus(x))′"] { #expect(svg.contains("data-label=\"\(label)\"")) }
        let functions = try plot(["relu", "x ^ 2", "--range=-2,2", "--out", folder.path + "/f.svg"])
        #expect(try parseRange(functions.range) == -2...2)
        _ = try functions.execute()
        #expect(!(try String(contentsOfFile: folder.path + "/f.svg", encoding: .utf8)).contains("stroke-dasharray"))
    }

    @Test func badInputIsOneLineAndExitsNonZero() throws {
        let folder = TemporaryFolder()
        let cases: [([String], String)] = [
            (["show", "sigmod", "--out", folder.path], "unknown activation 'sigmod' (did you mean 'sigmoid'?)"),
            (["show", "x * (1 +)", "--out", folder.path], "unexpected ')' at column 9"),
            (["show", "x * y", "--out", folder.path], "unknown variable 'y' at column 5"),
            (["show", "relu", "--param", "alpha0.1", "--out", folder.path], "--param 'alpha0.1' should be name=value, e.g. --param alpha=0.1"),
            (["show", "relu", "--param", "alpha=0.1", "--out", folder.path], "activation 'relu' has no parameter 'alpha'"),
            (["show", "relu", "--param", "negative_slope=-1", "--out", folder.path], "activation 'relu': negative_slope = -1.0 is out of range"),
            (["show", "relu", "--param", "negative_slope=abc", "--out", folder.path], "--param 'negative_slope=abc': 'abc' is not a number"),
            (["show", "x * 2", "--param", "beta=1", "--out", folder.path], "has no parameter 'beta'"),
            (["plot", "relu", "--range", "5,-5", "--out", folder.path + "/p.svg"], "--range '5,-5' should be two numbers lo,hi with lo < hi"),
            (["plot", "relu", "--range", "-5", "--out", folder.path + "/p.svg"], "--range '-5' should be two numbers"),
            (["plot", "relu", "tanhh", "--out", folder.path + "/p.svg"], "unknown activation 'tanhh' (did you mean 'tanh'?)"),
            (["plot", "relu", "--out", folder.path + "/p.png"], "--out '\(folder.path)/p.png' should name an .svg file"),
        ]
        for (arguments, message) in cases {
            let result = try #require(failure(arguments), "\(arguments) should fail")
            #expect(result.failed)
            #expect(result.message.hasPrefix(message) || result.message.contains(message), "\(arguments): \(result.message)")
            let firstLine = result.message.split(separator: "\n").first.map(String.init) ?? ""
            #expect(firstLine.count > 10 && (firstLine.contains(message) || message.contains(firstLine) || message.hasPrefix(firstLine.prefix(20))))
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path), "nothing is written for bad input")
    }

    @Test func expressionErrorsShowTheExpressionWithACaret() throws {
        let result = try #require(failure(["show", "x * (1 +)"]))
        #expect(result.message.split(separator: "\n", omittingEmptySubsequences: false).dropFirst() == ["  x * (1 +)", "          ^"])
    }
}
