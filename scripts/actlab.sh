#!/usr/bin/env bash
# Any actlab command, built in release mode for this CPU: scripts/actlab.sh list, scripts/actlab.sh bench mlp, ...
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release -Xswiftc -target-cpu -Xswiftc native -Xswiftc -DACTLAB_FMA >&2
exec .build/release/actlab "$@"
