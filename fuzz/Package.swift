// swift-tools-version:6.0
import PackageDescription

// One libFuzzer executable per reader of user-supplied input, built by fuzz/run.sh with
// `-sanitize=fuzzer,address`. SwiftPM names each executable's entry point itself, so the
// entry (main.swift) hands control to libFuzzer through `LLVMFuzzerRunDriver` (FuzzDriver).
let library: [Target.Dependency] = [.product(name: "ActivationLab", package: "ActivationLab"), "FuzzDriver"]

let package = Package(
    name: "ActivationLabFuzz",
    dependencies: [.package(name: "ActivationLab", path: "..")],
    targets: [
        .target(name: "FuzzDriver"),
        .executableTarget(name: "FuzzIDX", dependencies: library),
        .executableTarget(name: "FuzzChecksums", dependencies: library),
        .executableTarget(name: "FuzzModelJSON", dependencies: library),
        .executableTarget(name: "FuzzExpression", dependencies: library),
        .executableTarget(name: "FuzzKaggleCSV", dependencies: library),
        .executableTarget(name: "FuzzSafetensors", dependencies: library),
        .executableTarget(name: "FuzzSweepFile", dependencies: library),
    ],
    swiftLanguageModes: [.v6]
)
