extension KaggleDigits {
    /// Writes images as Kaggle CSV text in chunks handed to `sink`: the header, then one row per
    /// image of `pixelCount` grey levels, led by its label when `labels` is given (train.csv) and
    /// without one when it is nil (test.csv).
    public static func writeCSV(pixels: UnsafeBufferPointer<UInt8>, labels: [Int]?,
                                to sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        precondition(pixels.count % pixelCount == 0, "\(pixels.count) grey levels are not whole \(pixelCount)-pixel images")
        let rows = pixels.count / pixelCount
        precondition(labels.map { $0.count == rows && $0.allSatisfy { (0..<classCount).contains($0) } } ?? true,
                     "labels must be one digit 0...9 per image")
        // Text for every grey level, built once: formatting numbers per cell is what would cost.
        let digits: [[UInt8]] = (0...255).map { Array(String($0).utf8) }
        var out = [UInt8]()
        let flushAt = 1 << 20
        out.reserveCapacity(flushAt + 4 * (pixelCount + 2))
        func flush() throws {
            try out.withUnsafeBytes { try sink($0) }
            out.removeAll(keepingCapacity: true)
        }
        out.append(contentsOf: header(labelled: labels != nil).utf8)
        out.append(0x0A)
        for r in 0..<rows {
            if let labels { out.append(UInt8(0x30 + labels[r])); out.append(UInt8(ascii: ",")) }
            let row = pixels.baseAddress! + r * pixelCount
            for p in 0..<pixelCount {
                out.append(contentsOf: digits[Int(row[p])])
                out.append(p == pixelCount - 1 ? 0x0A : UInt8(ascii: ","))
            }
            if out.count >= flushAt { try flush() }
        }
        try flush()
    }
}
