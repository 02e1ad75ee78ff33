import FuzzDriver
import Datasets

/// IDX bytes, raw or gzip-compressed, through the same path `IDXFile.read` takes after reading a file.
let fuzzIDX: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32 = { data, size in
    let bytes = fuzzInput(data, size)
    do {
        if Gzip.isGzip(bytes) {
            let head = try Gzip.decompress(bytes, file: "fuzz.gz", limit: 20)
            _ = try? IDXFile.parse(head, file: "fuzz.gz")
            // Bounded as IDXFile.read bounds it: a fuzzer's tiny input may still claim gigabytes.
            let inflated = try Gzip.decompress(bytes, file: "fuzz.gz", limit: 1 << 22)
            _ = try IDXFile.parse(inflated, file: "fuzz.gz")
        } else {
            let parsed = try IDXFile.parse(bytes, file: "fuzz")
            precondition(parsed.dimensions.contains(0) ? parsed.bytes.isEmpty : parsed.bytes.count == parsed.dimensions.reduce(1, *))
        }
    } catch is DatasetError {
    } catch {
        fatalError("unexpected error type: \(error)")
    }
    return 0
}

runFuzzer(fuzzIDX)
