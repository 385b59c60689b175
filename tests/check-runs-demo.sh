#!/bin/sh
# check-runs-demo.sh — plans the transport of demo organisations with the
# dagritme binary and has check-runs.py check the stored runs from the
# exported organisation file: a tight and a normal fleet of 300
# participants, three weekdays of the demo month each.
#
# Usage: check-runs-demo.sh DAGRITME PYTHON3 CHECK-RUNS.PY
# Exit status: 0 all runs keep every rule, 1 a violation or a failed step.

set -u

dagritme=$1
python3=$2
checker=$3
dir=$(mktemp -d "${TMPDIR:-/tmp}/check-runs-demo.XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT INT TERM

status=0
for fleet in tight normal; do
  db="$dir/$fleet.db"
  json="$dir/$fleet.json"
  if ! "$dagritme" --database "$db" demo --participants 300 --month 2026-10 --fleet "$fleet" >/dev/null; then
    echo "not ok: dagritme demo --fleet $fleet failed"
    exit 1
  fi
  # Monday, Wednesday and Friday of one week of the demo month.
  for date in 2026-10-12 2026-10-14 2026-10-16; do
    if ! "$dagritme" --database "$db" transport --date "$date" --time-limit 1 >"$dir/transport.txt"; then
      echo "not ok: dagritme transport --date $date ($fleet fleet) failed"
      status=1
      continue
    fi
    echo "# $fleet fleet, $date: $(grep -E '^(Trips|Totals)' "$dir/transport.txt" | tr '\n' ' ')"
  done
  if ! "$dagritme" --database "$db" export organisation --output "$json"; then
    echo "not ok: dagritme export organisation ($fleet fleet) failed"
    exit 1
  fi
  for date in 2026-10-12 2026-10-14 2026-10-16; do
    if "$python3" "$checker" "$json" "$date"; then
      echo "ok: $fleet fleet, $date"
    else
      echo "not ok: $fleet fleet, $date: check-runs.py found violations"
      status=1
    fi
  done
done
exit $status
