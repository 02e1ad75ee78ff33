#!/usr/bin/env bash
# The unit tests of the numeric core (Tensors, Activations, Layers: the worker pool, the split GEMM,
# the kernels and the training step) under AddressSanitizer and then ThreadSanitizer.
# Usage: scripts/sanitize.sh [address|thread ...]  (default: both). Each sanitizer builds into its
# own folder (.build-address, .build-thread) so the ordinary build is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
sanitizers=("$@")
[ ${#sanitizers[@]} -eq 0 ] && sanitizers=(address thread)
filter='^(TensorsTests|ActivationsTests|LayersTests)\.'
# Any report ends the run with an error instead of being printed and ignored.
export ASAN_OPTIONS="${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=0}"
export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}"
for s in "${sanitizers[@]}"; do
    case "$s" in
        address|thread) ;;
        *) echo "scripts/sanitize.sh: unknown sanitizer '$s'; expected address or thread" >&2; exit 2 ;;
    esac
    echo "== swift test --sanitize=$s ($filter)"
    swift test --sanitize="$s" --scratch-path ".build-$s" --filter "$filter"
done
