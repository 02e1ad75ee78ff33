import FuzzDriver
import Foundation
import Layers

/// Model files: `Sequential.deserialize` either rebuilds a model or throws.
let fuzzModelJSON: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32 = { data, size in
    let bytes = Data(fuzzInput(data, size))
    if let model = try? Sequential.deserialize(bytes, source: "fuzz.json") {
        _ = try? model.serialized()
    }
    return 0
}

runFuzzer(fuzzModelJSON)
