import FuzzDriver
import Datasets

/// Kaggle digit-recognizer CSV bytes, as train.csv and as test.csv: parses or throws a
/// DatasetError naming the file (and line and column), one line long.
let fuzzKaggleCSV: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32 = { data, size in
    let bytes = fuzzInput(data, size)
    for labelled in [true, false] {
        do {
            _ = try KaggleDigits.parse(bytes, file: "digits.csv", labelled: labelled)
        } catch let error as DatasetError {
            precondition(error.file.hasPrefix("digits.csv") && !error.description.contains("\n"), "\(error)")
        } catch {
            fatalError("unexpected error type: \(error)")
        }
    }
    return 0
}

runFuzzer(fuzzKaggleCSV)
