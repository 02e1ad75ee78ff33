#!/usr/bin/env bash
# The main job: set up, build in release mode for this CPU, run `actlab compare` (extra arguments pass through).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# -target-cpu native lets the element-wise loops use this machine's widest vectors (AVX-512 here);
# the binary then runs only on CPUs like this one, so it is built where it runs. ACTLAB_FMA fuses
# the polynomial steps of exp/log/erf into FMA instructions, which such a CPU has.
swift build -c release -Xswiftc -target-cpu -Xswiftc native -Xswiftc -DACTLAB_FMA >&2
exec .build/release/actlab compare "$@"
