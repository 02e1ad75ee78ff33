import FuzzDriver
import Activations

/// Expression text: `Activation.named` parses, differentiates and checks it or throws; what it
/// accepts is then evaluated, with its derivative, at a few points.
let fuzzExpression: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32 = { data, size in
    // Expressions are typed on a command line: keep them to command-line lengths.
    guard size <= 1 << 17 else { return 0 }
    let text = String(decoding: fuzzInput(data, size), as: UTF8.self)
    guard let activation = try? Activation.named(text) else { return 0 }
    for x in [-3.0, -0.5, 0, 0.5, 3, 1e6, -.infinity, .nan] {
        _ = activation.value(x)
        _ = activation.derivative(x)
    }
    _ = activation.description
    return 0
}

runFuzzer(fuzzExpression)
