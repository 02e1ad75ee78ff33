#!/usr/bin/env bash
# End-to-end check of the browser playground: starts `actlab serve` on a free port, drives the
# page in headless Chromium (Selenium) through tests/e2e/playground.py, saves screenshots under
# docs/ (SCREENSHOTS=dir to put them elsewhere), and stops the server however the script ends.
# Installs chromium, chromium-driver and python3-venv (apt-get) and Selenium (in .venv-e2e) only when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
needed=()
for pkg in chromium chromium-driver python3-venv; do
    dpkg -s "$pkg" >/dev/null 2>&1 || needed+=("$pkg")
done
if [ ${#needed[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "Installing ${needed[*]} ..."
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${needed[@]}" >/dev/null
fi
if ! .venv-e2e/bin/python -c "import selenium" 2>/dev/null; then
    python3 -m venv .venv-e2e
    .venv-e2e/bin/pip install -q "selenium>=4.20,<5"
fi
swift build --product actlab 2>&1 | grep -E "error|Build" || true
log=$(mktemp)
.build/debug/actlab serve --port 0 >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -f "$log"' EXIT
url=""
for _ in $(seq 200); do
    url=$(grep -o 'http://[^ ]*' "$log" || true)
    [ -n "$url" ] && break
    kill -0 "$server" 2>/dev/null || { cat "$log"; echo "e2e: actlab serve exited" >&2; exit 1; }
    sleep 0.1
done
[ -n "$url" ] || { cat "$log"; echo "e2e: actlab serve did not print its URL" >&2; exit 1; }
.venv-e2e/bin/python tests/e2e/playground.py "$url" --screenshots "${SCREENSHOTS:-docs}"
