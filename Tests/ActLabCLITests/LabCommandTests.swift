import Foundation
import Testing
@testable import ActLabCLI
import Experiments
import Reports

/// A registered stand-in experiment with a chart and a figure the advice reads.
enum StandInLab: LabExperiment {
    static let id = "stand-in"
    static let title = "A stand-in <experiment>"
    static let order = 25
    static func run(_ context: LabContext) throws -> LabSection {
        LabSection(id: id, title: title, paragraphs: ["seeds \(context.seeds)"],
                   charts: [LabChart(name: "line", title: "A line", series: [LabSeries("y = x", x: [0, 1], y: [0, 1])])],
                   figures: ["stand-in/test_accuracy/relu": 0.9, "stand-in/test_accuracy/tanh": 0.8])
    }
}

extension CommandOutputTests {
    @Suite struct LabCommandTests {
        /// `actlab report --only plots` writes the whole report for one experiment and lists the rest as not run.
        @Test func reportWritesAFolderAdviseCanRead() throws {
            let scratch = NSTemporaryDirectory() + "actlab-lab-" + UUID().uuidString
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            let out = scratch + "/report"
            let printed = try CommandRunner.run(["report", "--quick", "--quiet", "--only", "plots", "--out", out])
            #expect(printed.contains("Report written to \(out)/"))
            for name in ["report.html", "report.md", "results.json", "charts/plots-functions-1.svg"] {
                #expect(FileManager.default.fileExists(atPath: out + "/" + name), "\(name) missing")
            }
            if PNGRenderer.converter != nil {
                #expect(FileManager.default.fileExists(atPath: out + "/charts/plots-functions-1.png"))
                #expect(try String(contentsOfFile: out + "/report.md", encoding: .utf8).contains("](charts/plots-functions-1.png)"))
            }
            let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
            #expect(html.contains("not selected (--only plots)"))
            let advice = try CommandRunner.run(["advise", "--task", "binary", "--depth", "8", "--from", out])
            #expect(advice.contains("[no measurement] output-activation: Binary classification: one sigmoid output unit"))
            #expect(advice.contains("[no measurement] relu-default:") && advice.contains("no measurement in \(out)"))
            #expect(advice.contains("elu-cost:") && advice.contains("forward cost per element: elu"))
            #expect(advice.contains("deep-network: With 8 hidden layers"))
            #expect(advice.contains("statements checked against \(out):"))
        }

        /// The report runs whatever is registered, in its place, and its figures reach the advice.
        @Test func aRegisteredExperimentIsInTheReport() throws {
            LabRegistry.register(StandInLab.self)
            defer { LabRegistry.unregister(id: StandInLab.id) }
            let scratch = NSTemporaryDirectory() + "actlab-lab-" + UUID().uuidString
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            let out = scratch + "/report"
            _ = try CommandRunner.run(["report", "--quick", "--quiet", "--seeds", "2", "--only", "plots,stand-in", "--out", out])
            let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
            #expect(html.contains("<h2>A stand-in &lt;experiment&gt;</h2>") && html.contains("<p>seeds 2</p>"))
            #expect(html.contains("Experiments, in registry order: plots, stand-in; not run: mnist-mlp, synthetic, curve-fit, depth"))
            #expect(FileManager.default.fileExists(atPath: out + "/charts/stand-in-line.svg"))
            let advice = try CommandRunner.run(["advise", "--task", "regression", "--from", out])
            #expect(advice.contains("[no measurement] relu-default:"))
            #expect(advice.contains("best per experiment: stand-in: relu"), "\(advice)")
        }

        /// A compare folder: experiment A's accuracies back or contradict the statements.
        @Test func adviseReadsACompareFolder() throws {
            let folder = NSTemporaryDirectory() + "actlab-advise-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let json = """
                {"configuration": {"activations": ["relu", "sigmoid"], "depths": [1], "hiddenUnits": 512, "epochs": 5, "batchSize": 128,
                  "optimizer": "rmsprop", "rmspropEpsilon": "outside", "seed": 0},
                 "runs": [
                  {"activation": "relu", "depth": 1, "parameters": 407050, "testAccuracy": 0.9797, "testLoss": 0.07, "secondsPerEpoch": 3,
                   "history": {"history": {"val_accuracy": [0.96, 0.9797]}, "seconds": [3, 3]}},
                  {"activation": "sigmoid", "depth": 1, "parameters": 407050, "testAccuracy": 0.9683, "testLoss": 0.1, "secondsPerEpoch": 3,
                   "history": {"history": {"val_accuracy": [0.93, 0.9683]}, "seconds": [3, 3]}}]}
                """
            try Data(json.utf8).write(to: URL(fileURLWithPath: folder + "/results.json"))
            let advice = try CommandRunner.run(["advise", "--task", "multiclass", "--from", folder])
            #expect(advice.contains("[backed] relu-default:"), "\(advice)")
            #expect(advice.contains("relu 0.9797 vs sigmoid 0.9683 after 2 epochs"), "\(advice)")
            #expect(advice.contains("softmax"))
        }
    }
}
