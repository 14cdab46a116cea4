#!/usr/bin/env bash
# Issue 15's YAML targets, measured in one run (docs/performance.md, "YAML models"):
# loading + validating a generated 100,000-role model (44 MB) against a bare libyaml
# event scan of the same file (CPU time ratio, target <= 2), and the peak memory of
# `orgsim validate` on it above the process's baseline (`orgsim validate` on the demo
# model), as a multiple of the file's size (target <= 5).
# Usage: bash bench/yaml_load.sh [BUILD_DIR=build] [WORK_DIR=/tmp/orgsim-yaml-load]
set -euo pipefail
build=${1:-build}
work=${2:-/tmp/orgsim-yaml-load}
orgsim=$build/orgsim
bench=$build/bench/orgsim_yaml_load_bench
model=$work/model.yaml
if [ ! -f "$model" ]; then
  "$orgsim" generate --roles 100000 --dependencies-per-role 5 --scenarios 0 -o "$work" >/dev/null
fi
bytes=$(stat -c %s "$model")
echo "$(nproc) cores,$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "model: $model ($bytes bytes)"
"$bench" "$model" 3
peak_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
base=$(peak_kb "$orgsim" validate scenarios/contact-center/model.yaml)
peak=$(peak_kb "$orgsim" validate "$model")
wall=$( { /usr/bin/time -f %e "$orgsim" validate "$model" >/dev/null; } 2>&1 | tail -1)
echo "orgsim validate: ${wall} s wall, peak ${peak} KB, baseline ${base} KB"
awk -v p="$peak" -v b="$base" -v s="$bytes" \
  'BEGIN { printf "memory above baseline: %.0f MB = %.2f x the file\n", (p-b)/1024, (p-b)*1024/s }'
