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
# spsolve (SuperLU) fills in badly on one giant random loop: 10k roles is already
# tens of seconds there, so the random shape stops at 10k.
cases="hierarchical:10000 hierarchical:100000 hierarchical:1000000 random:1000 random:10000"
for c in $cases; do
  shape=${c%%:*}
  roles=${c##*:}
  echo "== $shape, $roles roles"
  "$build/bench/orgsim_bench_export" "$roles" "$shape" "$work/case"
  /usr/bin/python3 bench/scipy_peer.py "$work/case"
done
