#!/bin/sh
# A 1M-role, 5M-dependency model as CSV tables, from files to the static fixed point:
# generates it (once), then measures
#   1. bench/orgsim_csv_load_bench: load, validate and static solve, each in wall and
#      CPU seconds (CPU is the figure to compare on a busy machine), peak RSS;
#   2. `orgsim run --static --paths 0` under /usr/bin/time -v: the whole command.
# Usage: bench/csv_million.sh [BUILD_DIR] [WORK_DIR]   (defaults: build, /tmp/orgsim-csv-million)
# Targets (issue 4): load + validate + one static solve under 5 s, peak memory under 2 GB.
set -eu

build=${1:-build}
work=${2:-/tmp/orgsim-csv-million}
orgsim="$build/orgsim"
bench="$build/bench/orgsim_csv_load_bench"
for exe in "$orgsim" "$bench"; do
  if [ ! -x "$exe" ]; then
    echo "csv_million.sh: $exe is missing; build the orgsim and orgsim_csv_load_bench targets" >&2
    exit 2
  fi
done
if [ ! -f /usr/bin/time ]; then
  echo "csv_million.sh: /usr/bin/time is missing (apt-get install time)" >&2
  exit 2
fi

if [ ! -f "$work/model.yaml" ]; then
  "$orgsim" generate --roles 1000000 --departments 100 --dependencies-per-role 5 \
    --scenarios 1 --seed 1 --format csv -o "$work"
fi
ls -l "$work"/*.csv

echo "== stages (bench/csv_load_bench.cpp)"
"$bench" "$work/scenarios/s0001.yaml"

echo "== orgsim run --static --paths 0 (the whole command)"
/usr/bin/time -v "$orgsim" run --static --paths 0 --top 3 "$work/scenarios/s0001.yaml" 2> "$work/time.txt"
grep -E "Elapsed|User time|System time|Maximum resident" "$work/time.txt"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
