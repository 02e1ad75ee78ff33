// swift-tools-version:6.0
import PackageDescription

// Targets are layers: each depends only on the ones listed before it.
let package = Package(
    name: "ActivationLab",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "actlab", targets: ["actlab"]),
        .library(name: "ActivationLab", targets: ["Tensors", "Activations", "Layers", "Datasets", "Experiments", "Reports", "Sweeps", "Search"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        // Only for `swift package generate-documentation` (scripts/docs.sh); nothing links it.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        // Only the playground server (`actlab serve`) links these.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
    ],
    targets: [
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Square roots that vectorise (Swift's own calls sqrtf per element; see vector_math.h).
        .target(name: "CVectorMath"),
        .target(name: "Tensors", dependencies: ["COpenBLAS"]),
        .target(name: "Activations", dependencies: ["Tensors", "CVectorMath", .product(name: "RealModule", package: "swift-numerics")]),
        .target(name: "Layers", dependencies: ["Tensors", "Activations", "CVectorMath"]),
        .target(name: "Datasets", dependencies: ["Tensors", "CZlib"]),
        .target(name: "Experiments", dependencies: ["Layers", "Datasets"]),
        .target(name: "Reports", dependencies: ["Experiments"]),
        // Many runs of one experiment from a sweep file, on this machine or as a Slurm job array.
        .target(name: "Sweeps", dependencies: ["Experiments", "Reports"]),
        // A search over activation expressions: grammar, proxies, successive halving, leaderboard;
        // its evaluations can run as sweeps (a Sweeps task), so it comes after Sweeps.
        .target(name: "Search", dependencies: ["Experiments", "Reports", "Sweeps"]),
        // The browser playground: requests, task data, training sessions and their snapshots.
        .target(name: "Playground", dependencies: ["Experiments"]),
        // `actlab serve`: the playground's page and WebSocket on Hummingbird.
        .target(name: "PlaygroundServer", dependencies: [
            "Playground",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
        ]),
        .target(name: "ActLabCLI", dependencies: ["Reports", "Sweeps", "Search", "PlaygroundServer", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(name: "actlab", dependencies: ["ActLabCLI"]),
        .testTarget(name: "TensorsTests", dependencies: ["Tensors"]),
        .testTarget(name: "ActivationsTests", dependencies: ["Activations", .product(name: "PropertyBased", package: "swift-property-based")], resources: [.copy("Fixtures")]),
        .testTarget(name: "LayersTests", dependencies: ["Layers"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports"]),
        .testTarget(name: "SweepsTests", dependencies: ["Sweeps", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "SearchTests", dependencies: ["Search"]),
        .testTarget(name: "PlaygroundTests", dependencies: ["Playground"]),
        .testTarget(name: "PlaygroundServerTests", dependencies: [
            "PlaygroundServer", "Playground",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HummingbirdWSTesting", package: "hummingbird-websocket"),
            .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
        ]),
        .testTarget(name: "ActLabCLITests", dependencies: ["ActLabCLI"]),
    ],
    swiftLanguageModes: [.v6]
)
