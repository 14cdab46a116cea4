#!/usr/bin/env bash
# The research issue's targets against SciPy, on the same generated inputs:
#   rank:  `orgsim rank` of a 10k- and a 100k-role model (YAML, then CSV tables) vs n
#          separate SciPy solves (bench/rank_peer.py), numbers checked against its CSV;
#   batch: `orgsim batch --jobs 2` of 10,000 scenarios x 100 steps on a 1,000-role
#          model vs a SciPy step loop (bench/batch_peer.py), rows checked.
# Usage: bench/run_research_peer.sh [BUILD_DIR]   (`make bench-research`)
# Needs BUILD_DIR/orgsim and BUILD_DIR/bench/orgsim_rank_time; installs python3-scipy
# and python3-yaml with apt if missing. Settings (environment):
#   PEER_WORK        keep inputs, outputs and the parsed-model cache here (default: a
#                    temporary folder, removed at the end)
#   PEER_CAP         seconds per SciPy phase (default 180)
#   PEER_RANK_ROLES  model sizes for rank (default "10000 100000")
#   PEER_PERMC       SuperLU column orderings (default "NATURAL,COLAMD"; COLAMD is
#                    spsolve's default)
#   PEER_SCENARIOS   scenarios for batch (default 10000)
set -euo pipefail
build=${1:-build}
bench=$(cd "$(dirname "$0")" && pwd)
python=/usr/bin/python3

need=()
[ -x "$python" ] || need+=(python3)
"$python" -c 'import scipy' 2>/dev/null || need+=(python3-scipy)
"$python" -c 'import yaml' 2>/dev/null || need+=(python3-yaml)
if [ ${#need[@]} -gt 0 ]; then
  echo "bench: installing ${need[*]}" >&2
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${need[@]}"
fi
for exe in "$build/orgsim" "$build/bench/orgsim_rank_time"; do
  [ -x "$exe" ] || { echo "bench: $exe is missing; build first (make build)" >&2; exit 2; }
done
orgsim=$(cd "$build" && pwd)/orgsim
rank_time=$(cd "$build" && pwd)/bench/orgsim_rank_time

if [ -n "${PEER_WORK:-}" ]; then
  work=$PEER_WORK
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
cap=${PEER_CAP:-180}

echo "== machine"
uname -r
lscpu | grep -E '^(Model name|CPU\(s\)|Thread|L2|L3)' || true
echo "$("$orgsim" --version), $(uptime)"

for roles in ${PEER_RANK_ROLES:-10000 100000}; do
  # The same model twice: as one YAML file, then as CSV tables (loads much faster);
  # generate is deterministic for its options, so both hold the same numbers.
  for format in yaml csv; do
    dir=$work/rank-$roles-$format
    echo
    echo "== rank, $roles roles, $format model"
    "$orgsim" generate --roles "$roles" --departments $((roles >= 100000 ? 40 : 20)) --seed 1 \
      --scenarios 0 --format "$format" -o "$dir" --force
    permc=${PEER_PERMC:-NATURAL,COLAMD}
    [ "$format" = yaml ] || permc=NATURAL  # the SciPy side is the same as for YAML
    "$python" "$bench/rank_peer.py" "$dir/model.yaml" --orgsim "$orgsim" \
      --rank-time "$rank_time" --work "$dir" --cap "$cap" --permc "$permc"
  done
done

scenarios=${PEER_SCENARIOS:-10000}
dir=$work/batch-$scenarios
echo
echo "== batch, $scenarios scenarios x 100 steps, 1,000 roles"
if [ ! -f "$dir/generated" ]; then
  rm -rf "$dir"
  "$orgsim" generate --roles 1000 --departments 12 --seed 1 --scenarios "$scenarios" -o "$dir"
  # generate writes 40 steps; the target is 100.
  find "$dir/scenarios" -name '*.yaml' -exec sed -i 's/^steps: 40$/steps: 100/' {} +
  touch "$dir/generated"
fi
with_100=$(grep -rl '^steps: 100$' "$dir/scenarios" | wc -l)
[ "$with_100" -eq "$scenarios" ] || { echo "bench: $with_100 of $scenarios have 100 steps" >&2; exit 1; }
rm -f "$dir/results.csv" "$dir/results.csv.partial"
"$python" "$bench/batch_peer.py" "$dir/scenarios" --orgsim "$orgsim" --jobs 2 --work "$dir"
