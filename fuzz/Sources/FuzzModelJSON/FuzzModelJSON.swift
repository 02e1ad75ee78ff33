import Foundation
import Layers

/// Model files: `Sequential.deserialize` either rebuilds a model or throws.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModelJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Data(bytes: data, count: size)
    if let model = try? Sequential.deserialize(bytes, source: "fuzz.json") {
        _ = try? model.serialized()
    }
    return 0
}
