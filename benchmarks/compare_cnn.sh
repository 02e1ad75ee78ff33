#!/usr/bin/env bash
# Times `actlab bench cnn` and benchmarks/pytorch_cnn.py alternately (the machine may be shared,
# so alternating keeps both under the same load), then prints each run and the medians.
# Usage: benchmarks/compare_cnn.sh [rounds] [limit] [epochs]   (needs .venv-bench with torch)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3} limit=${2:-35000} epochs=${3:-2}
swift build -c release -Xswiftc -target-cpu -Xswiftc native -Xswiftc -DACTLAB_FMA >&2
python=${PYTHON:-.venv-bench/bin/python}
ours=() theirs=()
for r in $(seq "$rounds"); do
    load=$(cut -d' ' -f1 /proc/loadavg)
    a=$(.build/release/actlab bench cnn --limit "$limit" --epochs "$epochs" --profile-batches 0 | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["seconds_per_epoch"])')
    b=$("$python" benchmarks/pytorch_cnn.py --limit "$limit" --epochs "$epochs" | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["seconds_per_epoch"])')
    echo "round $r (load $load): actlab $a s/epoch, pytorch $b s/epoch"
    ours+=("$a") theirs+=("$b")
done
python3 - "${ours[*]}" "${theirs[*]}" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import statistics, sys
a = [float(v) for v in sys.argv[1].split()]; b = [float(v) for v in sys.argv[2].split()]
print(f"median actlab {statistics.median(a):.3f} s/epoch, pytorch {statistics.median(b):.3f} s/epoch, "
      f"ratio {statistics.median(b) / statistics.median(a):.2f}x (load average now {sys.argv[3]})")
PY
