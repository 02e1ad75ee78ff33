import Foundation
import Tensors

/// A run of consecutive layers that one kernel executes in place of calling each in turn, so
/// that the values between them never make a round trip through memory. It reads and updates
/// the layers' own weights, gradients and state: the model, its files and its summary are the same.
public protocol FusedLayers: AnyObject {
    /// The layers it stands for, in model order.
    var layers: [any Layer] { get }
    /// What the layers' forward passes would return in turn, within rounding.
    func forward(_ input: Tensor, training: Bool) -> Tensor
    /// What the layers' backward passes would return in turn; stores their parameter gradients.
    func backward(_ gradOutput: Tensor, needInputGradient: Bool) -> Tensor?
}

/// A pattern of built layers that a `FusedLayers` can execute as one.
public protocol LayerFusion {
    /// The fused form of the run of layers that starts `layers`, or nil when the run does not match.
    static func fuse(_ layers: ArraySlice<any Layer>) -> (any FusedLayers)?
}

/// The fusions `Sequential` tries, in order, at each layer. A new fusion is a new file
/// conforming to `LayerFusion` and, outside this module, one `LayerFusions.register` call.
public enum LayerFusions {
    nonisolated(unsafe) public static let builtIn: [any LayerFusion.Type] = [ConvolutionBlockFusion.self]

    private final class Store: @unchecked Sendable {
        let lock = NSLock()
        var types: [any LayerFusion.Type] = LayerFusions.builtIn
    }
    private static let store = Store()

    /// The built-in fusions, then the registered ones.
    public static var all: [any LayerFusion.Type] {
        store.lock.lock()
        defer { store.lock.unlock() }
        return store.types
    }

    /// Makes `fusion` one that models try (after those already known).
    public static func register(_ fusion: any LayerFusion.Type) {
        store.lock.lock()
        defer { store.lock.unlock() }
        if !store.types.contains(where: { $0 == fusion }) { store.types.append(fusion) }
    }
}
