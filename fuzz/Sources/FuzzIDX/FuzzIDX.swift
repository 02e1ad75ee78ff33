import Datasets

/// IDX bytes, raw or gzip-compressed, through the same path `IDXFile.read` takes after reading a file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIDX(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        if Gzip.isGzip(bytes) {
            let head = try Gzip.decompress(bytes, file: "fuzz.gz", limit: 20)
            _ = try? IDXFile.parse(head, file: "fuzz.gz")
            // Bounded as IDXFile.read bounds it: a fuzzer's tiny input may still claim gigabytes.
            let inflated = try Gzip.decompress(bytes, file: "fuzz.gz", limit: 1 << 22)
            _ = try IDXFile.parse(inflated, file: "fuzz.gz")
        } else {
            let parsed = try IDXFile.parse(bytes, file: "fuzz")
            precondition(parsed.bytes.count == parsed.dimensions.reduce(1, *) || parsed.dimensions.contains(0))
        }
    } catch is DatasetError {
    } catch {
        fatalError("unexpected error type: \(error)")
    }
    return 0
}
