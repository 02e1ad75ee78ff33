#!/usr/bin/env bash
# Builds the DocC documentation of the Activations and Layers modules (articles: getting started,
# the activation catalogue, callbacks) and prints where it is. Warnings fail the build.
# Output folder: the first argument, or .build/docs. Open <folder>/<Module>.doccarchive in Xcode,
# or serve it as a static site (it is built for static hosting).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-.build/docs}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
bash scripts/setup.sh
swift package --allow-writing-to-directory "$out" generate-documentation \
    --target Activations --target Layers --output-path "$out" \
    --transform-for-static-hosting --warnings-as-errors >&2
echo "$out"
