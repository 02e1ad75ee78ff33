/// A height and width, written as Keras writes `kernel_size`, `strides` or `pool_size`: one
/// number for both (`3`) or a pair (`[3, 5]`). Model files store the pair.
public struct Size2D: Codable, Sendable, Equatable, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral,
    CustomStringConvertible {
    /// As given; `plan` rejects anything but two positive values, naming the layer.
    public let values: [Int]

    public init(_ both: Int) { values = [both, both] }
    public init(_ height: Int, _ width: Int) { values = [height, width] }
    public init(integerLiteral value: Int) { self.init(value) }
    private init(values: [Int]) { self.values = values.count == 1 ? [values[0], values[0]] : values }
    public init(arrayLiteral elements: Int...) { self.init(values: elements) }

    public var height: Int { values.count == 2 ? values[0] : 0 }
    public var width: Int { values.count == 2 ? values[1] : 0 }

    /// Throws unless the size is two values of at least `minimum`, naming the layer and the field.
    func validated(_ field: String, layer: String, minimum: Int = 1) throws -> Size2D {
        guard values.count == 2, values.allSatisfy({ $0 >= minimum }) else {
            throw LayerError.invalidArgument(layer: layer, message: "\(field) must be one or two integers >= \(minimum), got \(values)")
        }
        return self
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let n = try? container.decode(Int.self) { self.init(n) } else { self.init(values: try container.decode([Int].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }

    public var description: String { "(\(values.map(String.init).joined(separator: ", ")))" }
}

/// Keras `padding`: `valid` keeps only windows inside the input; `same` pads so the output has
/// ceil(input / stride) positions, with the odd padding value after (at the bottom and right).
public enum Padding: String, Codable, Sendable {
    case valid, same
}
