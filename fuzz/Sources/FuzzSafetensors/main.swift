import FuzzDriver
import Layers

/// safetensors bytes: parse or throw a one-line SafetensorsError naming the file; what parses
/// holds tensors whose element counts match their shapes.
let fuzzSafetensors: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32 = { data, size in
    let bytes = fuzzInput(data, size)
    bytes.withUnsafeBytes { raw in
        do {
            let file = try Safetensors.parse(raw, file: "weights.safetensors")
            for (_, value) in file.tensors { precondition(value.count == value.shape.reduce(1, *)) }
        } catch let error as SafetensorsError {
            precondition(error.file == "weights.safetensors" && !error.description.contains("\n"), "\(error)")
        } catch {
            fatalError("unexpected error type: \(error)")
        }
    }
    return 0
}

runFuzzer(fuzzSafetensors)
