import FuzzDriver
import Datasets

/// SHA256SUMS text: parses or throws DatasetError naming a line; what parses is well formed.
let fuzzChecksums: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32 = { data, size in
    let bytes = fuzzInput(data, size)
    do {
        let list = try ChecksumList.parse(bytes, file: "SUMS")
        for e in list.entries {
            precondition(e.digest.utf8.count == 64 && !e.name.isEmpty && !e.name.contains(0))
            _ = DataPath.display(e.name)
        }
    } catch let error as DatasetError {
        precondition(error.file.hasPrefix("SUMS:") && !error.description.contains("\n"), "\(error)")
    } catch {
        fatalError("unexpected error type: \(error)")
    }
    return 0
}

runFuzzer(fuzzChecksums)
