#!/usr/bin/env bash
# End-to-end check of `actlab sweep` on a real one-node Slurm cluster (scripts/slurm-one-node.sh):
#  1. the 20-run example sweep locally, timed, and collected;
#  2. a local sweep killed with SIGKILL part-way, then resumed: finished runs are skipped;
#  3. the same sweep as a job array, timed from submit to the last result;
#  4. again with one array task cancelled before it starts: status reports it missing, a second
#     submit sends only that run, and the collected table equals the local one byte for byte;
#  5. `actlab search --quick --backend slurm`: its evaluations as job arrays, the same leaderboard.
# Needs root (it installs and starts Slurm). Outside CI, without root, it says so and skips.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" != 0 ]; then
    if [ -n "${CI:-}" ]; then echo "test-slurm: must run as root in CI" >&2; exit 1; fi
    echo "test-slurm: skipped (needs root to start a Slurm cluster; run as root or in CI)"
    exit 0
fi
if ! build=$(swift build --product actlab 2>&1); then echo "$build" | tail -n 20 >&2; echo "test-slurm: build failed" >&2; exit 1; fi
ACTLAB="$PWD/.build/debug/actlab"
SWEEP="$PWD/sweeps/synthetic-small.json"
WORK=$(mktemp -d /tmp/actlab-slurm-test.XXXXXX)
started_cluster=0
[ -f /run/slurm-one-node.pids ] || started_cluster=1
cleanup() {
    [ "$started_cluster" = 1 ] && bash scripts/slurm-one-node.sh stop >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "test-slurm: FAILED: $*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
wait_job() {  # polls squeue: sbatch --wait's exit status is not trustworthy
    local i
    for i in $(seq 1 600); do squeue -h -j "$1" 2>/dev/null | grep -q . || return 0; sleep 0.2; done
    fail "job $1 still queued after 120 s"
}

bash scripts/slurm-one-node.sh >/dev/null || fail "could not start the one-node cluster"
runs=$("$ACTLAB" sweep plan "$SWEEP" | tail -n1 | awk '{print $1}')
[ "$runs" = 20 ] || fail "expected 20 runs in $SWEEP, got $runs"

# 1. Locally.
t=$(now)
"$ACTLAB" sweep run "$SWEEP" --out "$WORK/local" >/dev/null
echo "test-slurm: local: $runs runs in $(since "$t") s"
"$ACTLAB" sweep collect "$WORK/local" >/dev/null

# 2. Killed part-way, then resumed.
"$ACTLAB" sweep run "$SWEEP" --out "$WORK/resume" --workers 1 >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 400); do
    [ "$(find "$WORK/resume/runs" -name '*.json' 2>/dev/null | wc -l)" -ge 3 ] && break
    sleep 0.01
done
# (bash reports the killed job on stderr; that line is expected, so it is hidden)
exec 3>&2 2>/dev/null
kill -KILL "$pid" || true
wait "$pid" || true
exec 2>&3 3>&-
before=$(find "$WORK/resume/runs" -name '*.json' | wc -l)
[ "$before" -lt "$runs" ] || fail "the sweep finished before it could be killed"
printf '{"format": "actlab-sweep-result-1", "id": "trunc' >"$WORK/resume/runs/$(ls "$WORK/resume/runs" | head -n1)"
out=$("$ACTLAB" sweep run "$SWEEP" --out "$WORK/resume")
echo "$out" | tail -n1 | grep -q "$((runs - before + 1)) ran, $((before - 1)) already finished, 0 failed" \
    || fail "resume after kill: expected $((before - 1)) skipped and $((runs - before + 1)) run; got: $(echo "$out" | tail -n1)"
echo "$out" | grep -q "running it again" || fail "resume did not re-run the corrupted result file"
"$ACTLAB" sweep collect "$WORK/resume" >/dev/null
cmp -s "$WORK/local/summary/summary.md" "$WORK/resume/summary/summary.md" || fail "resumed sweep's table differs from the local one"
echo "test-slurm: killed after $before results (one then corrupted); the resume ran $((runs - before + 1)) and skipped $((before - 1)); same table"

# 3. The whole sweep as a job array.
t=$(now)
"$ACTLAB" sweep run "$SWEEP" --out "$WORK/slurm-full" --backend slurm --wait >/dev/null
echo "test-slurm: slurm: $runs runs as a job array in $(since "$t") s (submit to last result)"
"$ACTLAB" sweep collect "$WORK/slurm-full" >/dev/null
cmp -s "$WORK/local/summary/summary.md" "$WORK/slurm-full/summary/summary.md" || fail "the job array's table differs from the local one"

# 4. One array task cancelled: missing, resubmitted alone, same table.
job=$("$ACTLAB" sweep run "$SWEEP" --out "$WORK/slurm" --backend slurm | sed -n 's/^submitted job \([0-9]*\):.*/\1/p')
[ -n "$job" ] || fail "no job id from the submission"
scancel "${job}_$((runs - 1))"
wait_job "$job"
if "$ACTLAB" sweep status "$WORK/slurm" >"$WORK/status.txt" 2>&1; then fail "status says complete after a task was cancelled"; fi
grep -q "| *$((runs - 1)) | .* | missing |" "$WORK/status.txt" || fail "status does not list run $((runs - 1)) as missing: $(cat "$WORK/status.txt")"
out=$("$ACTLAB" sweep run "$SWEEP" --out "$WORK/slurm" --backend slurm --wait)
echo "$out" | grep -q "submitted job [0-9]*: 1 of $runs runs (array $((runs - 1)))" || fail "resubmission did not send only the missing run: $out"
"$ACTLAB" sweep status "$WORK/slurm" >/dev/null || fail "status after resubmission: $("$ACTLAB" sweep status "$WORK/slurm" 2>&1 | tail -n2)"
"$ACTLAB" sweep collect "$WORK/slurm" >/dev/null
cmp -s "$WORK/local/summary/summary.md" "$WORK/slurm/summary/summary.md" || fail "the resubmitted sweep's table differs from the local one"
echo "test-slurm: cancelled array task $((runs - 1)) reported missing, resubmitted alone, table equal to the local run's"

# 5. A quick activation search whose evaluations run as job arrays: the same leaderboard as in-process.
"$ACTLAB" search --quick --quiet --out "$WORK/search-local" >/dev/null
t=$(now)
"$ACTLAB" search --quick --quiet --backend slurm --out "$WORK/search-slurm" >/dev/null || fail "search --backend slurm failed"
arrays=$(find "$WORK/search-slurm/sweeps" -name sweep.sbatch | wc -l)
echo "test-slurm: search --quick --backend slurm: $arrays job arrays in $(since "$t") s"
diff <(grep -v '^- Time:' "$WORK/search-local/results.md") <(grep -v '^- Time:' "$WORK/search-slurm/results.md") >/dev/null \
    || fail "search --backend slurm ranks differently from the in-process search"
echo "test-slurm: the Slurm search's leaderboard equals the in-process one"
echo "test-slurm: passed"
