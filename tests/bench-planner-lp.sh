#!/usr/bin/env bash
# bench-planner-lp.sh — compares the week planner with an exact solver on
# the full problem, staffing included.  For each demo week of a family
# (slack: the demo's usual staff; tight: staff 0.5 × the positions needed;
# scarce: 0.7, 20 % HBO, 60 % of participants at level 3–4) it writes the
# exact model (model/planner/dag-planner-mip.c) with bench-planner, which
# also runs our planner with its default options, solves the model with
# cbc (to optimality or for MIP_SECONDS wall-clock seconds, then the best
# plan and the bound), checks cbc's plan with the rules (bench-planner
# --check-sol: a plan the rules reject would make the reference worthless),
# and prints per week: our placed dagdelen and time, cbc's optimum (or best
# and bound) and time, and ours / cbc in per cent.
#
#   bench-planner-lp.sh [path/to/bench-planner]
#
# Environment: MIP_SECONDS (600), FAMILIES ("slack tight scarce"),
# SIZES ("30 60 100 150"; empty for none), SEEDS ("1"), LARGE ("1000"; empty to skip the
# large week, solved under the same time limit).
# coinor-cbc is installed here when missing; it is not a build dependency.
set -euo pipefail

bench=${1:-$(dirname "$0")/../_build/tests/bench-planner}
mip_seconds=${MIP_SECONDS:-600}
families=${FAMILIES-slack tight scarce}
sizes=${SIZES-30 60 100 150}
seeds=${SEEDS:-1}
large=${LARGE-1000}

if ! command -v cbc >/dev/null; then
  echo "installing coinor-cbc"
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y coinor-cbc >/dev/null
  else
    sudo -n apt-get install -y coinor-cbc >/dev/null
  fi
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pct() {  # a / b in per cent
  awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b * 100; else print "-" }'
}

printf '%-7s %5s %4s | %9s %8s | %-8s %6s %7s %8s | %8s %8s | %s\n' \
  family n seed "ours" "ours s" "cbc" "best" "bound" "cbc s" "ours/cbc" "ours/bnd" "cbc plan"
run() {  # family n seed
  local family=$1 n=$2 seed=$3 placed indicated secs cols rows start end status best bound check
  read -r placed indicated secs cols rows < <("$bench" --mip "$tmp/m.lp" --family "$family" --seed "$seed" "$n")
  start=$(date +%s.%N)
  (cd "$tmp" && cbc m.lp timeMode elapsed sec "$mip_seconds" solve solu m.sol >m.log 2>&1) || true
  end=$(date +%s.%N)
  status=$(head -1 "$tmp/m.sol" | sed 's/ - objective value.*//; s/Stopped on time/time/; s/ /_/g')
  best=$(head -1 "$tmp/m.sol" | sed 's/.*objective value *//' | awk '{ printf "%d", $1 + 0.5 }')
  bound=$(sed -n 's/^Upper bound: *//p; s/^Lower bound: *//p' "$tmp/m.log" | tail -1 | awk '{ printf "%d", $1 + 1e-6 }')
  [ -n "$bound" ] && [ "$status" != Optimal ] || bound=$best
  if check=$("$bench" --check-sol "$tmp/m.sol" --family "$family" --seed "$seed" "$n" 2>"$tmp/check.err"); then
    check="ok ($cols cols, $rows rows)"
  else
    check="REJECTED: $(head -3 "$tmp/check.err" | tr '\n' ' ')"
  fi
  printf '%-7s %5d %4d | %4d/%-4d %8.3f | %-8s %6d %7d %8.1f | %7s%% %7s%% | %s\n' \
    "$family" "$n" "$seed" "$placed" "$indicated" "$secs" "$status" "$best" "$bound" \
    "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" \
    "$(pct "$placed" "$best")" "$(pct "$placed" "$bound")" "$check"
}

for family in $families; do
  for n in $sizes; do
    for seed in $seeds; do
      run "$family" "$n" "$seed"
    done
  done
done
for family in $families; do
  for n in $large; do
    run "$family" "$n" 1
  done
done
