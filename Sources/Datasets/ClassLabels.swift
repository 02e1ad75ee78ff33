/// Decides how many classes a data set has from its label files, refusing labels that would
/// silently change the problem: one stray 255 must not turn ten digits into 256 classes.
enum ClassLabels {
    /// The class count k when the labels of all `files` together are 0..<k with every class
    /// present and k >= 2; otherwise an error naming the file, the offending label and its index.
    static func classCount(_ files: [(file: String, labels: [UInt8])]) throws -> Int {
        var present = [Bool](repeating: false, count: 256)
        for f in files { for label in f.labels { present[Int(label)] = true } }
        guard let highest = present.lastIndex(of: true) else {
            throw DatasetError(file: files.first?.file ?? "", "holds no labels; expected at least two classes")
        }
        let missing = (0..<highest).filter { !present[$0] }
        guard !missing.isEmpty else {
            guard highest >= 1 else {
                throw DatasetError(file: files[0].file, "every label is 0; expected labels 0..<k for k >= 2 classes")
            }
            return highest + 1
        }
        // The highest label sets k, so it is the one a stray value (255 among digits) shows up as.
        let shown = missing.prefix(5).map(String.init).joined(separator: ", ") + (missing.count > 5 ? ", ..." : "")
        for f in files {
            if let index = f.labels.firstIndex(of: UInt8(highest)) {
                throw DatasetError(file: f.file, "label \(highest) at index \(index) implies \(highest + 1) classes, but \(missing.count) of them "
                                       + "have no example (\(shown)); expected labels 0..<k with every class present")
            }
        }
        preconditionFailure("a label marked present was not found")
    }
}
