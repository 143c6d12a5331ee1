#!/usr/bin/env bash
# tools/bench-edit-loop.sh — the stack author's loop as a new user has it, out
# of tree, against CDKTF's, alternated in one run (issue 17's budgets):
#
#   edit loop   the seed stack's sources (stacks/keencho) in a project of its
#               own that does only find_package(stackgen) and
#               stackgen_add_stack, built Release as most users build; touch
#               backend.cpp, rebuild, `emit --stack keencho`. CDKTF: edit
#               src/keencho/backend.ts, `tsc` (incremental), `node dist/main.js`
#               (tools/bench-cdktf.sh --once edit_loop).
#   seed emit   the whole `emit --stack keencho` process against CDKTF's
#               precompiled `node dist/main.js` synth of the same stack.
#   in tree     the project's own loop: touch stacks/keencho/backend.cpp,
#               rebuild the `stackgen` target of BUILD_DIR, emit (issue 17:
#               no worse than the 1.37 s measured when the issue was filed).
#
#   tools/bench-edit-loop.sh [BUILD_DIR]     (default ./build; it is installed
#                                             into a scratch prefix first)
#
# Prints `edit.<key> <value>` lines (seconds; medians) and the verdicts; the
# CDKTF side is skipped loudly when node/npm are missing.
# STACKGEN_EDIT_RUNS (default 5) rounds, each stackgen then CDKTF.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
runs=${STACKGEN_EDIT_RUNS:-5}
work=$(mktemp -d "${TMPDIR:-/tmp}/stackgen-edit-loop.XXXXXX")
trap 'rm -rf "$work"' EXIT
say() { echo "bench-edit-loop: $*" >&2; }
now() { date +%s.%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

say "building and installing $build into $work/prefix"
cmake --build "$build" >/dev/null
cmake --install "$build" --prefix "$work/prefix" >/dev/null

mkdir -p "$work/seed/src/keencho"
cp "$root"/stacks/keencho/*.cpp "$root"/stacks/keencho/*.hpp "$work/seed/src/keencho/"
cat >"$work/seed/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.25)
project(seed LANGUAGES CXX)
find_package(stackgen REQUIRED)
file(GLOB sources src/keencho/*.cpp)
stackgen_add_stack(seed SOURCES ${sources} AWS_PROVIDER 5.100.0 PROVIDERS tls)
target_include_directories(seed PRIVATE src)
CMAKE
cmake -S "$work/seed" -B "$work/seed/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
say "first build of the out-of-tree seed project"
cmake --build "$work/seed/build" >/dev/null
exe=$work/seed/build/seed
"$exe" emit --stack keencho --out "$work/out" >/dev/null 2>&1

cdktf=1
if ! out=$("$root/tools/bench-cdktf.sh" --setup 2>"$work/cdktf-setup.err"); then
  say "CDKTF setup failed: $(tail -3 "$work/cdktf-setup.err")"
  cdktf=0
elif grep -q '^cdktf.skipped' <<<"$out"; then
  echo "edit.cdktf_skipped $(grep '^cdktf.skipped' <<<"$out" | cut -d' ' -f2-)"
  cdktf=0
fi

# The whole emit process, timed without a `date` process around it (that
# costs more than the emit): the median of 21 runs, from Python.
emit_time() {
  python3 - "$exe" "$work/out" <<'PY'
import statistics, subprocess, sys, time
runs = []
for _ in range(21):
    t = time.perf_counter()
    subprocess.run([sys.argv[1], "emit", "--stack", "keencho", "--out", sys.argv[2]],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    runs.append(time.perf_counter() - t)
print(f"{statistics.median(runs):.4f}")
PY
}
stackgen_edit=() cdktf_edit=() stackgen_emit=() cdktf_synth=() in_tree=()
for i in $(seq "$runs"); do
  say "round $i/$runs"
  touch "$work/seed/src/keencho/backend.cpp"
  t0=$(now)
  cmake --build "$work/seed/build" >/dev/null
  "$exe" emit --stack keencho --out "$work/out" >/dev/null 2>&1
  stackgen_edit+=("$(elapsed "$t0" "$(now)")")
  stackgen_emit+=("$(emit_time)")
  touch "$root/stacks/keencho/backend.cpp"
  t0=$(now)
  cmake --build "$build" --target stackgen >/dev/null
  "$build/stackgen" emit --stack keencho --out "$work/in-tree-out" >/dev/null 2>&1
  in_tree+=("$(elapsed "$t0" "$(now)")")
  if [[ $cdktf == 1 ]]; then
    cdktf_edit+=("$("$root/tools/bench-cdktf.sh" --once edit_loop 2>/dev/null | awk '$1 == "cdktf.edit_loop" { print $2 }')")
    cdktf_synth+=("$("$root/tools/bench-cdktf.sh" --once seed_synth 2>/dev/null | awk '$1 == "cdktf.seed_synth" { print $2 }')")
  fi
done
# The emit is milliseconds: more samples (each emit_time is a median of 21).
for _ in $(seq 4); do stackgen_emit+=("$(emit_time)"); done

edit=$(printf '%s\n' "${stackgen_edit[@]}" | median)
emit=$(printf '%s\n' "${stackgen_emit[@]}" | median)
compile=$(awk '$4 ~ /backend\.cpp\.o$/ { d = ($2 - $1) / 1000 } END { printf "%.2f", d }' "$work/seed/build/.ninja_log")
link=$(awk '$4 == "seed" { d = ($2 - $1) / 1000 } END { printf "%.2f", d }' "$work/seed/build/.ninja_log")
echo "edit.stackgen_out_of_tree $edit"
echo "edit.stackgen_compile_backend $compile"
echo "edit.stackgen_link $link"
echo "edit.stackgen_seed_emit $emit"
in_tree_edit=$(printf '%s\n' "${in_tree[@]}" | median)
echo "edit.stackgen_in_tree $in_tree_edit"
verdict() { awk -v ok="$1" 'BEGIN { print (ok ? "PASS" : "FAIL") }'; }
echo "edit.verdict_under_1_5s $(verdict "$(awk -v e="$edit" 'BEGIN { print (e < 1.5) }')")"
echo "edit.verdict_in_tree_1_37s $(verdict "$(awk -v e="$in_tree_edit" 'BEGIN { print (e <= 1.37) }')")"
if [[ $cdktf == 1 ]]; then
  cedit=$(printf '%s\n' "${cdktf_edit[@]}" | median)
  csynth=$(printf '%s\n' "${cdktf_synth[@]}" | median)
  echo "edit.cdktf_edit_loop $cedit"
  echo "edit.cdktf_seed_synth $csynth"
  ratio_edit=$(awk -v a="$cedit" -v b="$edit" 'BEGIN { printf "%.2f", a / b }')
  ratio_emit=$(awk -v a="$csynth" -v b="$emit" 'BEGIN { printf "%.0f", a / b }')
  echo "edit.ratio_edit_loop $ratio_edit"
  echo "edit.ratio_seed_emit $ratio_emit"
  echo "edit.verdict_edit_2x $(verdict "$(awk -v r="$ratio_edit" 'BEGIN { print (r >= 2) }')")"
  echo "edit.verdict_emit_100x $(verdict "$(awk -v r="$ratio_emit" 'BEGIN { print (r >= 100) }')")"
fi
