#!/usr/bin/env bash
# tools/bench-scale-cdktf.sh — issue 16's ratio at scale: the whole
# `stackgen_bench --run 1000` process (15,012 resources: model, validation
# with every lint rule, render, write) against CDKTF's precompiled synth of
# the same synthetic stack at 671 units (`node dist/scale.js 671`, 10,077
# resources; bench/cdktf/src/scale.ts), alternated in one run so both see
# the same load. Compared per resource: the budget is stackgen at least 100x
# faster per resource.
#
#   tools/bench-scale-cdktf.sh [STACKGEN_BENCH]   (default: build-bench/bench/stackgen_bench,
#                                                  configured and built as tools/bench.sh does)
#   STACKGEN_SCALE_RUNS=N   rounds (default 3; CDKTF takes 10-30 s a round)
#
# Prints `scale.<key> <value>` lines (seconds, medians; ns per resource) and
# the verdict. Without node/npm the CDKTF side is skipped loudly (exit 0, a
# `scale.cdktf_skipped` line): the ratio is then not measured.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
runs=${STACKGEN_SCALE_RUNS:-3}
units=1000
work=$(mktemp -d "${TMPDIR:-/tmp}/stackgen-scale.XXXXXX")
trap 'rm -rf "$work"' EXIT
say() { echo "bench-scale-cdktf: $*" >&2; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

bench=${1:-}
if [[ -z $bench ]]; then
  cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DSTACKGEN_BUILD_BENCH=ON \
    -DSTACKGEN_BUILD_TESTS=OFF >/dev/null
  say "building build-bench (stackgen_bench)"
  cmake --build build-bench --target stackgen_bench >/dev/null
  bench=build-bench/bench/stackgen_bench
fi
[[ -x $bench ]] || { say "no stackgen_bench at $bench"; exit 2; }

cdktf=1
if ! setup=$(tools/bench-cdktf.sh --setup 2>"$work/cdktf-setup.err"); then
  say "CDKTF setup failed: $(tail -3 "$work/cdktf-setup.err")"
  cdktf=0
elif grep -q '^cdktf.skipped' <<<"$setup"; then
  echo "scale.cdktf_skipped $(grep '^cdktf.skipped' <<<"$setup" | cut -d' ' -f2-)"
  cdktf=0
fi
cdktf_json=${STACKGEN_CDKTF_CACHE:-${HOME:-/root}/.cache/stackgen-cdktf}/work/out/scale/stacks/synthetic/cdk.tf.json

# One whole stackgen_bench child process, timed from Python (no shell around
# it); prints "seconds resources".
stackgen_once() {
  python3 - "$bench" "$units" "$work/out" <<'PY'
import re, subprocess, sys, time
t = time.perf_counter()
r = subprocess.run([sys.argv[1], "--run", sys.argv[2], "--reps", "1", "--out-dir", sys.argv[3]],
                   capture_output=True, text=True, check=True)
wall = time.perf_counter() - t
m = re.search(r"\bresources=(\d+)", r.stdout)
if not m:
    sys.exit("stackgen_bench --run printed no resources= field")
print(f"{wall:.4f} {m.group(1)}")
PY
}

sg=() cd_=()
sg_resources=0 cd_resources=0
for i in $(seq "$runs"); do
  say "round $i/$runs: stackgen_bench --run $units"
  read -r wall sg_resources < <(stackgen_once)
  sg+=("$wall")
  if [[ $cdktf == 1 ]]; then
    say "round $i/$runs: node dist/scale.js 671"
    out=$(tools/bench-cdktf.sh --once scale_synth)
    cd_+=("$(awk '$1 == "cdktf.scale_synth" { print $2 }' <<<"$out")")
    cd_resources=$(node -e 'const d = require(process.argv[1]); let n = 0; for (const t of Object.values(d.resource || {})) n += Object.keys(t).length; console.log(n)' "$cdktf_json")
  fi
done

sg_wall=$(printf '%s\n' "${sg[@]}" | median)
sg_ns=$(awk -v w="$sg_wall" -v n="$sg_resources" 'BEGIN { printf "%.0f", w * 1e9 / n }')
echo "scale.stackgen_run_${units} $sg_wall"
echo "scale.stackgen_resources $sg_resources"
echo "scale.stackgen_ns_per_resource $sg_ns"
if [[ $cdktf == 1 ]]; then
  cd_wall=$(printf '%s\n' "${cd_[@]}" | median)
  cd_ns=$(awk -v w="$cd_wall" -v n="$cd_resources" 'BEGIN { printf "%.0f", w * 1e9 / n }')
  ratio=$(awk -v a="$cd_ns" -v b="$sg_ns" 'BEGIN { printf "%.1f", a / b }')
  echo "scale.cdktf_scale_synth $cd_wall"
  echo "scale.cdktf_resources $cd_resources"
  echo "scale.cdktf_ns_per_resource $cd_ns"
  echo "scale.ratio_per_resource $ratio"
  echo "scale.verdict_100x $(awk -v r="$ratio" 'BEGIN { print (r >= 100 ? "PASS" : "FAIL") }')"
fi
