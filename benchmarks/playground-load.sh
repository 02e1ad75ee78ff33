#!/usr/bin/env bash
# Bounded load test of the browser playground on loopback: starts `actlab serve` (release build)
# allowing as many trainings as pages, runs benchmarks/playground_load.py (CLIENTS pages, default 20,
# for SECONDS, default 60) and prints its JSON; the server is stopped however the script ends.
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${CLIENTS:-20}
seconds=${SECONDS_RUN:-60}
if ! .venv-e2e/bin/python -c "import websocket" 2>/dev/null; then
    python3 -m venv .venv-e2e
    .venv-e2e/bin/pip install -q "websocket-client>=1.6,<2"
fi
# The release build scripts/actlab.sh makes, so that the two do not rebuild each other's.
swift build -c release -Xswiftc -target-cpu -Xswiftc native -Xswiftc -DACTLAB_FMA 2>&1 | grep -E "error|Build" >&2 || true
log=$(mktemp)
.build/release/actlab serve --port 0 --max-trainings "$clients" >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -f "$log"' EXIT
url=""
for _ in $(seq 200); do
    url=$(grep -o 'http://[^ ]*' "$log" || true)
    [ -n "$url" ] && break
    sleep 0.1
done
[ -n "$url" ] || { cat "$log" >&2; exit 1; }
.venv-e2e/bin/python benchmarks/playground_load.py "$url" "$server" --clients "$clients" --seconds "$seconds"
