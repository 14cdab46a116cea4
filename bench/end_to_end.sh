#!/usr/bin/env bash
# Issue 15's end-to-end target: `orgsim run SCENARIO --static --paths 0` on a 10k-role
# YAML model, as a whole process, against
#   - SciPy doing the same from the same files (read + parse + spsolve,
#     bench/end_to_end_peer.py), and
#   - 10 x (the engine's static solve + a bare libyaml event scan of the model file),
#     both timed by build/bench/orgsim_static_time in the same run.
# Prints each figure and the ratios. Usage: bench/end_to_end.sh [BUILD_DIR]
# Settings (environment): E2E_ROLES (default 10000), E2E_DEPS (dependencies per role,
# default 5), E2E_REPEATS (default 5), E2E_WORK (keep the files there).
set -euo pipefail
build=${1:-build}
bench=$(cd "$(dirname "$0")" && pwd)
python=/usr/bin/python3
roles=${E2E_ROLES:-10000}
deps=${E2E_DEPS:-5}
repeats=${E2E_REPEATS:-5}

need=()
"$python" -c 'import scipy' 2>/dev/null || need+=(python3-scipy)
"$python" -c 'import yaml' 2>/dev/null || need+=(python3-yaml)
if [ ${#need[@]} -gt 0 ]; then
  echo "bench: installing ${need[*]}" >&2
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${need[@]}"
fi
for exe in "$build/orgsim" "$build/bench/orgsim_static_time"; do
  [ -x "$exe" ] || { echo "bench: $exe is missing; build first (make build)" >&2; exit 2; }
done
orgsim=$(cd "$build" && pwd)/orgsim
static_time=$(cd "$build" && pwd)/bench/orgsim_static_time

if [ -n "${E2E_WORK:-}" ]; then
  work=$E2E_WORK
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
dir=$work/e2e-$roles
"$orgsim" generate --roles "$roles" --departments 20 --dependencies-per-role "$deps" --seed 1 \
  --scenarios 1 -o "$dir" --force >/dev/null
model=$dir/model.yaml
scenario=$dir/scenarios/s0001.yaml
echo "== end to end: $scenario ($(stat -c %s "$model") bytes of model.yaml), $(uptime)"

# The whole process, best of `repeats` wall times (and its user + sys CPU, peak RSS).
best=""
for _ in $(seq "$repeats"); do
  line=$(/usr/bin/time -f '%e %U %S %M' "$orgsim" run "$scenario" --static --paths 0 \
    2>&1 >/dev/null | tail -1)
  wall=${line%% *}
  if [ -z "$best" ] || awk -v a="$wall" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then
    best=$line
  fi
done
read -r run_wall run_user run_sys run_kb <<<"$best"
"$orgsim" run "$scenario" --static --paths 0 --json "$dir/out.json" >/dev/null

# shellcheck disable=SC2046
set -- $("$static_time" "$model" "$scenario" "$repeats")
declare -A stage
while [ $# -ge 2 ]; do stage[$1]=$2; shift 2; done
peer=$(cd "$bench" && "$python" end_to_end_peer.py "$scenario" --check "$dir/out.json" \
  --repeats 3)
scipy_s=$(awk '{print $2}' <<<"$peer")
diff=$(awk '{print $4}' <<<"$peer")

awk -v run="$run_wall" -v user="$run_user" -v sys="$run_sys" -v kb="$run_kb" \
  -v scan="${stage[scan]}" -v load="${stage[load]}" -v validate="${stage[validate]}" \
  -v solve="${stage[solve]}" -v prepared="${stage[prepared]}" -v events="${stage[events]}" \
  -v residual="${stage[residual]}" -v scipy="$scipy_s" -v diff="$diff" 'BEGIN {
  printf "orgsim run --static --paths 0 (whole process)  %8.1f ms wall (%.1f ms CPU, %.0f MB peak)\n", run * 1e3, (user + sys) * 1e3, kb / 1024
  printf "  of which: load %.1f ms, validate %.1f ms, static solve %.2f ms (prepared: %.2f ms), residual %s\n", load * 1e3, validate * 1e3, solve * 1e3, prepared * 1e3, residual
  printf "bare libyaml event scan of model.yaml             %8.1f ms (%d events)\n", scan * 1e3, events
  printf "target: 10 x (solve + scan)                        %8.1f ms -> whole process / (solve + scan) = %.1fx (target: under 10x)\n", 10 * (solve + scan) * 1e3, run / (solve + scan)
  printf "SciPy: read + parse + spsolve (in process)         %8.1f ms -> SciPy / orgsim = %.1fx; max |q difference| %s\n", scipy * 1e3, scipy / run, diff
}'
