#!/usr/bin/env bash
# bench-planner-lp.sh — compares the week planner with an exact solver:
# small demo organisations (30–60 participants) solved to optimality as a
# MIP with cbc, and the LP relaxation of the 1,000-participant organisation
# (barrier, cbc) as an upper bound.  The model has the planner's objective
# and candidate groups (dag_planner_write_lp); staff are not in it.
# glpk-utils and coinor-cbc are installed here when missing; they are not
# build dependencies.
#
#   bench-planner-lp.sh [path/to/bench-planner]
set -euo pipefail

bench=${1:-$(dirname "$0")/../_build/tests/bench-planner}
mip_seconds=${MIP_SECONDS:-60}

if ! command -v cbc >/dev/null || ! command -v glpsol >/dev/null; then
  echo "installing glpk-utils and coinor-cbc"
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y glpk-utils coinor-cbc >/dev/null
  else
    sudo -n apt-get install -y glpk-utils coinor-cbc >/dev/null
  fi
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

gap() {  # (reference - ours) / reference, in per cent
  awk -v r="$1" -v o="$2" 'BEGIN { printf "%.4f", (r - o) / r * 100 }'
}

worst=0
for spec in "30 1" "36 2" "42 3" "48 4" "54 5" "60 6"; do
  set -- $spec
  n=$1 seed=$2
  read -r ours placed indicated _ < <("$bench" --lp "$tmp/small.lp" --seed "$seed" "$n")
  (cd "$tmp" && cbc small.lp sec "$mip_seconds" ratio 0.000001 solve solu small.sol >small.log 2>&1) || true
  status=$(head -1 "$tmp/small.sol" | sed 's/ - objective value.*//')
  best=$(head -1 "$tmp/small.sol" | sed 's/.*objective value *//')
  bound=$(sed -n 's/^Upper bound: *//p' "$tmp/small.log" | tail -1)
  [ -n "$bound" ] || bound=$best
  g=$(gap "$best" "$ours")
  gb=$(gap "$bound" "$ours")
  # The objective is 1,000,000 per placed dagdeel plus objectives (2)–(6).
  rest=$(awk -v o="$ours" -v b="$best" 'BEGIN { printf "%d vs %d", o - 1e6 * int(o / 1e6 + 0.5), b - 1e6 * int(b / 1e6 + 0.5) }')
  echo "small n=$n seed=$seed: ours $ours ($placed/$indicated placed); cbc $status $best, bound $bound; gap to optimum $g %, to bound $gb %; objectives (2)-(6) ours vs cbc: $rest"
  worst=$(awk -v a="$worst" -v b="$gb" 'BEGIN { print (b > a ? b : a) }')
done
echo "small instances: worst gap to the exact optimum (bound) $worst % (target 0.5 %)"

read -r ours placed indicated _ < <("$bench" --lp "$tmp/large.lp" --relax 1000)
start=$(date +%s)
(cd "$tmp" && cbc large.lp cross off barrier solu large.sol >large.log 2>&1) || true
end=$(date +%s)
bound=$(head -1 "$tmp/large.sol" | sed 's/.*objective value *//')
echo "n=1000 LP relaxation: ours $ours ($placed/$indicated placed); LP bound $bound ($((end - start)) s); gap $(gap "$bound" "$ours") % (target 1 %)"
