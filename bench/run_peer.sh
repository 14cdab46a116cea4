#!/usr/bin/env bash
# Runs orgsim and the SciPy peer on the same generated cases and prints the ratios.
# Usage: bench/run_peer.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
if ! /usr/bin/python3 -c 'import scipy' 2>/dev/null; then
  echo "bench: installing python3-scipy" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-scipy
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# spsolve (SuperLU with its default COLAMD ordering) fills in badly: on the layered
# org at 100k roles it ran over 5 minutes and 2.7 GB before we stopped it, and on one
# giant random loop 10k roles already takes tens of seconds. Each case gets at most
# PEER_TIMEOUT seconds (default 300).
cases=${PEER_CASES:-"hierarchical:10000 hierarchical:100000 random:1000 random:10000"}
for c in $cases; do
  shape=${c%%:*}
  roles=${c##*:}
  echo "== $shape, $roles roles"
  "$build/bench/orgsim_bench_export" "$roles" "$shape" "$work/case"
  timeout "${PEER_TIMEOUT:-300}" /usr/bin/python3 bench/scipy_peer.py "$work/case" ||
    echo "scipy: no answer within ${PEER_TIMEOUT:-300} s (or it failed)"
done
