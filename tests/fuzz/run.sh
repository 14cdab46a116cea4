#!/usr/bin/env bash
# Runs the libFuzzer targets of a build configured with -DORGSIM_FUZZ=ON.
#   tests/fuzz/run.sh BUILD runs N         each target for exactly N inputs from a fresh
#                                          corpus, seed FUZZ_SEED (make test: the same
#                                          inputs on every machine, fast or slow)
#   tests/fuzz/run.sh BUILD fuzz SECONDS   each target for SECONDS, growing
#                                          BUILD/fuzz-corpus (make fuzz: longer searches)
#   tests/fuzz/run.sh BUILD replay         each corpus and regression input once (make fuzz-replay)
# The targets are the folders of tests/fuzz/corpus/. New inputs the fuzzer finds go to
# BUILD/fuzz-corpus/<target> (BUILD/fuzz-runs/<target> for `runs`), crashes and hangs to
# BUILD/artifacts/, logs to BUILD/fuzz-logs/: nothing is written into the source tree.
# Exits 1 if any target crashed, hung (10 s per input) or went over 2 GB.
set -uo pipefail

build=${1:?usage: run.sh BUILD runs N | run.sh BUILD fuzz SECONDS | run.sh BUILD replay}
mode=${2:?usage: run.sh BUILD runs N | run.sh BUILD fuzz SECONDS | run.sh BUILD replay}
amount=${3:-60}
src=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$build/artifacts" "$build/fuzz-logs"
export LSAN_OPTIONS="suppressions=$src/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

failed=()
for dir in "$src"/corpus/*/; do
  target=$(basename "$dir")
  bin="$build/tests/fuzz/$target"
  if [ ! -x "$bin" ]; then
    echo "fuzz: $bin is missing (build the fuzz_targets target first)" >&2
    exit 1
  fi
  inputs=("$src/corpus/$target")
  [ -d "$src/regressions/$target" ] && inputs+=("$src/regressions/$target")
  case $target in
    fuzz_csv*) dict="$src/csv.dict" ;;
    fuzz_json*) dict="$src/json.dict" ;;
    *) dict="$src/yaml.dict" ;;
  esac
  common=(-timeout=10 -rss_limit_mb=2048 -artifact_prefix="$build/artifacts/$target-")
  log="$build/fuzz-logs/$target.log"
  if [ "$mode" = replay ]; then
    "$bin" "${common[@]}" -runs=0 "${inputs[@]}" >"$log" 2>&1
  elif [ "$mode" = runs ]; then
    # A fresh output corpus each time: what earlier runs found must not change which
    # inputs this one tries, or CI would not be reproducible.
    rm -rf "$build/fuzz-runs/$target"
    mkdir -p "$build/fuzz-runs/$target"
    "$bin" "${common[@]}" -runs="$amount" -seed="${FUZZ_SEED:-1}" -dict="$dict" -print_final_stats=1 \
      "$build/fuzz-runs/$target" "${inputs[@]}" >"$log" 2>&1
  else
    mkdir -p "$build/fuzz-corpus/$target"
    # The first folder is where libFuzzer writes new inputs; the checked-in ones only seed it.
    "$bin" "${common[@]}" -max_total_time="$amount" -seed="${FUZZ_SEED:-1}" -dict="$dict" -print_final_stats=1 \
      "$build/fuzz-corpus/$target" "${inputs[@]}" >"$log" 2>&1
  fi
  status=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
  speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$')
  if [ "$status" -ne 0 ]; then
    failed+=("$target")
    echo "fuzz: $target FAILED (exit $status); log: $log"
    grep -E '^(==[0-9]+==ERROR|SUMMARY|fuzz: |artifact_prefix|Test unit written)' "$log" | head -n 8
  elif [ "$mode" = replay ]; then
    echo "fuzz: $target replayed its corpus and regressions ($(grep -o "Done [0-9]* runs" "$log" | grep -o "[0-9]*") runs), no crash"
  elif [ "$mode" = runs ]; then
    echo "fuzz: $target ${runs:-?} runs (seed ${FUZZ_SEED:-1}, ${speed:-?}/s), no crash"
  else
    echo "fuzz: $target ${runs:-?} runs in ${amount} s (${speed:-?}/s), no crash"
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: failed: ${failed[*]} (inputs in $build/artifacts/; see docs/reliability.md)" >&2
  exit 1
fi
