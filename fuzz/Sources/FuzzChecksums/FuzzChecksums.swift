import Datasets

/// SHA256SUMS text: parses or throws DatasetError naming a line; what parses is well formed.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzChecksums(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
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
