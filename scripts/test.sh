#!/usr/bin/env bash
# The test suite: set up, then `swift test` (extra arguments pass through, e.g. --filter LayersTests).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift test "$@"
