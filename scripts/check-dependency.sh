#!/usr/bin/env bash
# Uses ActivationLab the way another project would: as a versioned package dependency.
# Copies the working tree (uncommitted changes included) into a throwaway git repository tagged
# 9.9.9, makes a package that depends on it with `from: "9.9.9"`, builds it from nothing and runs a
# program that trains a tiny model; fails unless the build works and the loss went down.
# SwiftPM refuses a versioned dependency whose manifest uses unsafeFlags, so this also guards that.
# Nothing is reused from .build or the shared package cache; everything stays in one temp folder.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/actlab-dependency.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# The repository as it stands: tracked and new files, not ignored ones (.build, runs, ...).
mkdir "$work/ActivationLab"
(cd "$root" && git ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
    tar --null -T - -cf -) | tar -xf - -C "$work/ActivationLab"
git -C "$work/ActivationLab" init -q
git -C "$work/ActivationLab" add -A
git -C "$work/ActivationLab" -c user.name=check -c user.email=check@localhost commit -q -m "snapshot"
git -C "$work/ActivationLab" tag 9.9.9

mkdir -p "$work/Consumer/Sources/Consumer"
cat > "$work/Consumer/Package.swift" <<MANIFEST
// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Consumer",
    platforms: [.macOS(.v14)],
    dependencies: [.package(url: "file://$work/ActivationLab", from: "9.9.9")],
    targets: [
        .executableTarget(name: "Consumer", dependencies: [.product(name: "ActivationLab", package: "ActivationLab")]),
    ]
)
MANIFEST
cat > "$work/Consumer/Sources/Consumer/main.swift" <<'PROGRAM'
import Foundation
import Layers
import Tensors

// y = 2x - 1 on eight points, learnt by one Dense unit.
let xs: [Float] = [-1, -0.75, -0.5, -0.25, 0.25, 0.5, 0.75, 1]
let x = Tensor(shape: [xs.count, 1], scalars: xs)
let y = Tensor(shape: [xs.count, 1], scalars: xs.map { 2 * $0 - 1 })
let model = Sequential(seed: 7) {
    Dense(1, inputShape: [1])
}
try model.compile(optimizer: SGD(learningRate: 0.1), loss: MeanSquaredError())
let losses = try model.fit(x: x, y: y, epochs: 20, batchSize: 4)["loss"]
guard let first = losses.first, let last = losses.last, last.isFinite, last < first / 2 else {
    print("loss did not decrease: \(losses)")
    exit(1)
}
print("loss \(first) -> \(last)")
PROGRAM

echo "Building a package that depends on ActivationLab 9.9.9 (from $work) ..."
if ! swift build --package-path "$work/Consumer" --cache-path "$work/cache" >"$work/build.log" 2>&1; then
    tail -n 30 "$work/build.log" >&2
    echo "check-dependency: the dependent package did not build (log above)" >&2
    exit 1
fi
"$work/Consumer/.build/debug/Consumer" || { echo "check-dependency: the tiny model did not train" >&2; exit 1; }
echo "check-dependency: ActivationLab works as a versioned dependency"
