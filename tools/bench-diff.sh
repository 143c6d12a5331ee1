#!/usr/bin/env bash
# tools/bench-diff.sh [BUILD_DIR] [UNITS] — the reviewer's commands at scale:
# `emit`, `diff` (one change among everything unchanged, and a whole
# stack added) and `graph` of the synthetic stack with UNITS service units
# (default 10000: 150k resources), wall time and peak memory of each whole
# process (GNU time). Needs a build with STACKGEN_BUILD_BENCH=ON
# (target stackgen_synthetic). Prints `diff.<key> <value>` lines.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
units=${2:-10000}
exe=$build/bench/stackgen_synthetic
[[ -x $exe ]] || { echo "bench-diff: no $exe (configure with -DSTACKGEN_BUILD_BENCH=ON)" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/stackgen-bench-diff.XXXXXX")
trap 'rm -rf "$work"' EXIT

# measure KEY COMMAND...: prints diff.KEY_s and diff.KEY_mb
measure() {
  local key=$1
  shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/$key.out" 2>"$work/$key.err" || [[ $? -eq 1 ]]
  read -r seconds kb <"$work/time"
  echo "diff.${key}_s $seconds"
  echo "diff.${key}_mb $((kb / 1024))"
}

echo "diff.resources $((units * 15))"
measure emit "$exe" emit -c "units=$units" --out "$work/out"
measure diff_unchanged "$exe" diff -c "units=$units" --out "$work/out"
measure diff_one_change "$exe" diff -c "units=$units" -c variant=1 --out "$work/out"
grep -q "output.variant" "$work/diff_one_change.out" || { echo "bench-diff: the change was not reported" >&2; exit 1; }
measure diff_all_new "$exe" diff -c "units=$units" --out "$work/empty"
measure graph_dot "$exe" graph -c "units=$units" --stack synthetic --format dot
echo "diff.summary_one_change $(tail -1 "$work/diff_one_change.out")"
