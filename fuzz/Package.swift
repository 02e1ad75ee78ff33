// swift-tools-version:6.0
import PackageDescription

// One libFuzzer executable per reader of user-supplied input, built by fuzz/run.sh with
// `-sanitize=fuzzer,address` (libFuzzer supplies `main`, hence `-parse-as-library`).
let fuzzer: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "ActivationLabFuzz",
    dependencies: [.package(name: "ActivationLab", path: "..")],
    targets: [
        .executableTarget(name: "FuzzIDX", dependencies: [.product(name: "ActivationLab", package: "ActivationLab")], swiftSettings: fuzzer),
        .executableTarget(name: "FuzzChecksums", dependencies: [.product(name: "ActivationLab", package: "ActivationLab")], swiftSettings: fuzzer),
        .executableTarget(name: "FuzzModelJSON", dependencies: [.product(name: "ActivationLab", package: "ActivationLab")], swiftSettings: fuzzer),
        .executableTarget(name: "FuzzExpression", dependencies: [.product(name: "ActivationLab", package: "ActivationLab")], swiftSettings: fuzzer),
    ],
    swiftLanguageModes: [.v6]
)
