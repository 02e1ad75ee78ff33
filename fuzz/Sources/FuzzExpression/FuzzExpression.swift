import Activations

/// Expression text: `Activation.named` parses, differentiates and checks it or throws; what it
/// accepts is then evaluated, with its derivative, at a few points.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExpression(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    // Expressions are typed on a command line: keep them to command-line lengths.
    guard size <= 4096 else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let activation = try? Activation.named(text) else { return 0 }
    for x in [-3.0, -0.5, 0, 0.5, 3, 1e6, -.infinity, .nan] {
        _ = activation.value(x)
        _ = activation.derivative(x)
    }
    _ = activation.description
    return 0
}
