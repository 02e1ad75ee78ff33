#!/usr/bin/env bash
# The test suite: set up, then `swift test` (extra arguments pass through, e.g. --filter LayersTests).
# With no arguments it also runs the numerics suites again in the release build the other scripts
# use (this CPU, fused multiply-adds), whose exp/log/erf round differently and must meet the same bounds,
# checks that another package can depend on this one by version (scripts/check-dependency.sh),
# runs a sweep on a one-node Slurm cluster against the same sweep run locally (scripts/test-slurm.sh;
# needs root, which CI has; elsewhere without root it is skipped with a message), and drives the
# browser playground end to end in headless Chromium (scripts/e2e-playground.sh; its screenshots go
# to a temporary folder so that a test run leaves docs/ alone).
# FUZZ_SECONDS=10 bash scripts/test.sh adds a short fuzzing run of every input reader (fuzz/run.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift test "$@"
if [ $# -eq 0 ]; then
    swift test -c release -Xswiftc -target-cpu -Xswiftc native -Xswiftc -DACTLAB_FMA \
        --scratch-path .build-native --filter 'TensorsTests|ActivationsTests'
    bash scripts/check-dependency.sh
    bash scripts/test-slurm.sh
    shots=$(mktemp -d)
    SCREENSHOTS="$shots" bash scripts/e2e-playground.sh
    rm -rf "$shots"
fi
if [ -n "${FUZZ_SECONDS:-}" ]; then
    bash fuzz/run.sh "$FUZZ_SECONDS"
fi
