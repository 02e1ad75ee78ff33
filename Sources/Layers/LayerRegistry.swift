import Foundation

/// A layer that model files can save and rebuild: a Keras-style configuration (`get_config`)
/// under a registered type name. A new layer type is a new file conforming to this and, when it
/// lives outside this module, one `LayerRegistry.register(MyLayer.self)` call.
public protocol RegisteredLayer: Layer {
    associatedtype Configuration: Codable
    /// The name under which model files store this type (the Keras class name).
    static var typeName: String { get }
    /// Other names that load as this type (names older files used).
    static var aliases: [String] { get }
    /// Everything needed to make the layer again, weights aside.
    var configuration: Configuration { get }
    /// Makes the layer from a configuration read from a file; throws on values it cannot take.
    init(configuration: Configuration, name: String) throws
    /// Renames the fields of a version-1 record (`units`, `pieces`, `activation`, `input_shape`,
    /// `initial_value`) into this type's configuration keys.
    static func upgradeVersion1(_ fields: [String: JSONValue]) -> [String: JSONValue]
}

extension RegisteredLayer {
    public static var aliases: [String] { [] }
    public var typeName: String { Self.typeName }
    public static func upgradeVersion1(_ fields: [String: JSONValue]) -> [String: JSONValue] { fields }

    /// The configuration in its JSON form, as model files hold it.
    public func encodedConfiguration() throws -> JSONValue { try JSONValue(encoding: configuration) }

    /// A layer of this type from a configuration in JSON form.
    public static func make(configuration: JSONValue, name: String) throws -> any Layer {
        try Self(configuration: configuration.decode(Configuration.self), name: name)
    }
}

/// The one list of layer types that model files can name.
public enum LayerRegistry {
    /// The types this module defines, in catalogue order.
    nonisolated(unsafe) public static let builtIn: [any RegisteredLayer.Type] = [
        Dense.self, Maxout.self, PReLU.self, Swish.self, ActivationLayer.self, LearnableActivationLayer.self,
        Input.self, Conv2D.self, MaxPooling2D.self, AveragePooling2D.self, GlobalAveragePooling2D.self,
        BatchNormalization.self, Dropout.self, Flatten.self, Reshape.self,
    ]

    private final class Store: @unchecked Sendable {
        let lock = NSLock()
        var types: [any RegisteredLayer.Type] = LayerRegistry.builtIn
    }
    private static let store = Store()

    /// Every known type: the built-in ones, then those registered, in order.
    public static var all: [any RegisteredLayer.Type] {
        store.lock.lock()
        defer { store.lock.unlock() }
        return store.types
    }

    /// The type names model files may use.
    public static var names: [String] { all.map { $0.typeName } }

    /// Makes `type` loadable from model files; a type of the same name is replaced.
    public static func register(_ type: any RegisteredLayer.Type) {
        store.lock.lock()
        defer { store.lock.unlock() }
        store.types.removeAll { $0.typeName == type.typeName }
        store.types.append(type)
    }

    /// The registered type for a name or alias, if any.
    public static func type(named name: String) -> (any RegisteredLayer.Type)? {
        all.first { $0.typeName == name || $0.aliases.contains(name) }
    }
}
