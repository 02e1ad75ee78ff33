import Activations
import Foundation
import Layers
import Reports

/// `actlab show <layer> --model file.model.json`: what a saved layer's learnable activation
/// learned, its learned function drawn next to its initial form. Per-channel parameters are
/// summarised by their mean over the channels (the learned curve is that average channel's).
struct LearnedLayerView {
    let modelPath: String
    let layerName: String

    func execute(out: String) throws -> (text: String, written: [String]) {
        let model = try ModelStore.load(from: modelPath)
        guard let layer = model.layer(named: layerName) else {
            throw CommandError("\(modelPath): no layer '\(layerName)'; its layers: \(model.layers.map(\.name).joined(separator: ", "))")
        }
        guard let (initial, values) = (layer as? any LearnedActivationReporting)?.learnedActivation else {
            throw CommandError("\(modelPath): layer '\(layerName)' (\(layer.typeName)) has no learnable activation")
        }
        var averaged = [String: [Float]]()
        var lines = ["\(layerName) (\(layer.typeName)) in \(modelPath): \(initial.id) learned"]
        for t in initial.learnableTensors {
            let v = values[t.name] ?? []
            if t.perChannel {
                let mean = v.reduce(0, +) / Float(max(v.count, 1))
                averaged[t.name] = [mean]
                lines.append("  \(t.name): initial \(shortNumber(Double(t.initial[0]))), learned mean \(shortNumber(Double(mean)))"
                             + " over \(v.count) channels (min \(shortNumber(Double(v.min() ?? 0))), max \(shortNumber(Double(v.max() ?? 0))))")
            } else {
                averaged[t.name] = v
                lines.append("  \(t.name): initial \(t.initial.map { shortNumber(Double($0)) }.joined(separator: " ")), learned \(v.map { shortNumber(Double($0)) }.joined(separator: " "))")
            }
        }
        let learned: any ActivationFunction
        do { learned = try initial.learned(averaged) } catch {
            throw CommandError("\(modelPath): layer '\(layerName)' learned values outside the function's valid range (\(error))")
        }
        let chart = LineChart(title: "\(layerName): \(initial.id) learned vs initial", xLabel: "x", series: [
            ChartSeries("learned f(x)", sampling: learned.value, over: -5...5),
            ChartSeries("initial f(x)", sampling: initial.value, over: -5...5, dashed: true),
            ChartSeries("learned f′(x)", sampling: learned.derivative, over: -5...5, dashed: true),
        ], xRange: -5...5)
        let path = (out as NSString).appendingPathComponent(fileStem("\(layerName)-\(initial.id)-learned") + ".svg")
        return (lines.joined(separator: "\n"), try chart.write(to: path))
    }
}
