#!/usr/bin/env bash
# Installs the system libraries ActivationLab links against (Debian/Ubuntu), only when missing.
set -euo pipefail
needed=()
for pkg in libopenblas-dev zlib1g-dev librsvg2-bin pkg-config; do
    dpkg -s "$pkg" >/dev/null 2>&1 || needed+=("$pkg")
done
if [ ${#needed[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "Installing ${needed[*]} ..."
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${needed[@]}" >/dev/null
fi
