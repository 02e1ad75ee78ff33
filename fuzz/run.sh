#!/usr/bin/env bash
# Fuzzes the readers of user-supplied input with libFuzzer and AddressSanitizer.
# Usage: fuzz/run.sh [seconds-per-target] [target...]
#   targets: idx (IDX + gzip), checksums (SHA256SUMS), model-json (Sequential.deserialize),
#            expression (Activation.named + derivative), kaggle-csv (KaggleDigits.parse),
#            safetensors (Safetensors.parse), sweep-file (SweepFile.parse + SweepPlan);
#            default: all, 60 seconds each.
# Each target starts from its committed seeds in fuzz/corpus/<target>; inputs it discovers go
# to fuzz/.work/<target> (not committed), and a crashing input to fuzz/.work/crashes/<target>-*.
# Exits non-zero when any target found a crash.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(idx checksums model-json expression kaggle-csv safetensors sweep-file)
bash ../scripts/setup.sh

declare -A product=([idx]=FuzzIDX [checksums]=FuzzChecksums [model-json]=FuzzModelJSON [expression]=FuzzExpression [kaggle-csv]=FuzzKaggleCSV [safetensors]=FuzzSafetensors [sweep-file]=FuzzSweepFile)
for t in "${targets[@]}"; do
    [ -n "${product[$t]:-}" ] || { echo "fuzz/run.sh: unknown target '$t'; expected one of: ${!product[*]}" >&2; exit 2; }
done

# Release code with coverage and AddressSanitizer; the library's own modules are instrumented too.
# lld, because gold fails with an internal error on these objects.
flags=(-c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld)
swift build "${flags[@]}" >&2
bin="$(swift build "${flags[@]}" --show-bin-path)"

# Swift's runtime keeps metadata caches for the life of the process, which LeakSanitizer reports.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
# Swift's own crash backtracer reads the dead process's memory, which AddressSanitizer then
# reports instead of the real failure; libFuzzer prints the stack itself.
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}"
mkdir -p .work/crashes
failed=()
for t in "${targets[@]}"; do
    mkdir -p ".work/$t"
    log=".work/$t.log"
    echo "== $t: ${seconds}s"
    # -rss_limit_mb/-malloc_limit_mb turn an unbounded allocation into a reported crash.
    if "$bin/${product[$t]}" ".work/$t" "corpus/$t" -max_total_time="$seconds" -rss_limit_mb=2048 \
        -malloc_limit_mb=1024 -timeout=10 -max_len=8192 -print_final_stats=1 \
        -artifact_prefix=".work/crashes/$t-" >"$log" 2>&1; then
        :
    else
        failed+=("$t")
    fi
    grep -E "^(Done|stat::number_of_executed_units|stat::average_exec_per_sec)|^#[0-9]+ +DONE" "$log" || true
    grep -E "ERROR: |SUMMARY: |Test unit written|Fatal error|out-of-memory|timeout" "$log" | head -5 || true
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "crashes in: ${failed[*]} (inputs under fuzz/.work/crashes, logs under fuzz/.work)" >&2
    exit 1
fi
