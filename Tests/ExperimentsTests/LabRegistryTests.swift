import Foundation
import Testing
@testable import Experiments

/// A stand-in experiment: its section says how it was called.
enum EchoLab: LabExperiment {
    static let id = "echo-test"
    static let title = "Echo"
    static let order = 15
    static func run(_ context: LabContext) throws -> LabSection {
        LabSection(id: id, title: title, paragraphs: ["quick \(context.quick), seeds \(context.seeds)"], figures: ["echo-test/seeds": Double(context.seeds)])
    }
}

/// An experiment that runs only when asked for, as the CNN does.
enum LongLab: LabExperiment {
    static let id = "long-test"
    static let title = "Long"
    static let order = 5
    static let optIn: String? = "--with-long"
    static func run(_ context: LabContext) throws -> LabSection { LabSection(id: id, title: title) }
}

@Suite(.serialized) struct LabRegistryTests {
    @Test func builtInExperimentsComeInTheStatedOrder() {
        let ids = LabRegistry.all.map { $0.id }
        #expect(ids.firstIndex(of: "plots")! < ids.firstIndex(of: "mnist-mlp")!)
        #expect(LabRegistry.all.map { $0.order } == LabRegistry.all.map { $0.order }.sorted())
    }

    @Test func aRegisteredExperimentIsRunInItsPlace() throws {
        LabRegistry.register(EchoLab.self)
        defer { LabRegistry.unregister(id: EchoLab.id) }
        let plan = LabRegistry.plan(optIns: [])
        #expect(plan.run.map { $0.id }.prefix(3) == ["plots", "echo-test", "mnist-mlp"])
        let section = try plan.run[1].run(LabContext(quick: true, seeds: 3))
        #expect(section.paragraphs == ["quick true, seeds 3"])
        #expect(section.figures["echo-test/seeds"] == 3)
    }

    @Test func optInExperimentsAreSkippedWithTheFlagNamed() {
        LabRegistry.register(LongLab.self)
        defer { LabRegistry.unregister(id: LongLab.id) }
        let without = LabRegistry.plan(optIns: [])
        #expect(!without.run.contains { $0.id == "long-test" })
        #expect(without.skipped.map(\.id) == ["long-test"])
        #expect(without.skipped[0].reason.contains("--with-long"))
        let with = LabRegistry.plan(optIns: ["--with-long"])
        #expect(with.run.first?.id == "long-test")
        #expect(with.skipped.isEmpty)
    }

    @Test func registeringTheSameIdReplaces() {
        LabRegistry.register(EchoLab.self)
        LabRegistry.register(EchoLab.self)
        defer { LabRegistry.unregister(id: EchoLab.id) }
        #expect(LabRegistry.all.filter { $0.id == EchoLab.id }.count == 1)
    }
}
