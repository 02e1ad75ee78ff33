// swift-tools-version:6.0
import PackageDescription

// Swift's square root goes through a C shim that clang builds with errno semantics, which keeps
// every loop with a sqrt from vectorising; errno is never read here, so turn it off.
let vectorisable: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-fno-math-errno"])]

// Targets are layers: each depends only on the ones listed before it.
let package = Package(
    name: "ActivationLab",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "actlab", targets: ["actlab"]),
        .library(name: "ActivationLab", targets: ["Tensors", "Activations", "Layers", "Datasets", "Experiments", "Reports"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "Tensors", dependencies: ["COpenBLAS"], swiftSettings: vectorisable),
        .target(name: "Activations", dependencies: ["Tensors", .product(name: "RealModule", package: "swift-numerics")], swiftSettings: vectorisable),
        .target(name: "Layers", dependencies: ["Tensors", "Activations"], swiftSettings: vectorisable),
        .target(name: "Datasets", dependencies: ["Tensors", "CZlib"], swiftSettings: vectorisable),
        .target(name: "Experiments", dependencies: ["Layers", "Datasets"], swiftSettings: vectorisable),
        .target(name: "Reports", dependencies: ["Experiments"], swiftSettings: vectorisable),
        .target(name: "ActLabCLI", dependencies: ["Reports", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(name: "actlab", dependencies: ["ActLabCLI"]),
        .testTarget(name: "TensorsTests", dependencies: ["Tensors"]),
        .testTarget(name: "ActivationsTests", dependencies: ["Activations"], resources: [.copy("Fixtures")]),
        .testTarget(name: "LayersTests", dependencies: ["Layers"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports"]),
        .testTarget(name: "ActLabCLITests", dependencies: ["ActLabCLI"]),
    ],
    swiftLanguageModes: [.v6]
)
