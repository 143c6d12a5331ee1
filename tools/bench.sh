#!/usr/bin/env bash
# The benchmarks (bench/README.md): emit throughput and scaling of synthetic
# stacks, the reference stack's whole `stackgen emit`, and build times, each
# against its budget. Rewrites the results section of bench/README.md.
#
#   tools/bench.sh                 everything (1-3 minutes on 2 cores)
#   STACKGEN_BENCH_SKIP_CLEAN=1    skip the clean-build measurement
#   STACKGEN_BENCH_SIZES=1,1000    only these N (default 1,10,100,1000,10000)
#
# Budgets are reported PASS / FAIL; the script fails only when a measurement
# itself fails. Timings are wall clock: run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
build=build-bench
jobs=2  # the budgets are for a 2-core machine
readme=bench/README.md
results=$build/bench-results.md
edit_budget_s=3

say() { echo "bench.sh: $*" >&2; }
now() { date +%s.%N; }
# median of the numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSTACKGEN_BUILD_BENCH=ON -DSTACKGEN_BUILD_TESTS=OFF >/dev/null
say "building $build (stackgen_bench, stackgen)"
cmake --build "$build" --target stackgen_bench -- -j "$jobs" >/dev/null

load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# --- 1. runtime: synthetic stacks and the reference emit
bench_args=(--markdown "$results" --stackgen "$root/$build/stackgen")
[ -n "${STACKGEN_BENCH_SIZES:-}" ] && bench_args+=(--sizes "$STACKGEN_BENCH_SIZES")
say "running stackgen_bench"
"$build/bench/stackgen_bench" "${bench_args[@]}"

# --- 2. build time
# Clean build of library + bindings + reference stack (+ CLI): target
# stackgen_cli in a fresh build directory.
clean_s="(skipped)"
if [ "${STACKGEN_BENCH_SKIP_CLEAN:-0}" != 1 ]; then
  clean_dir=$build/clean-build
  rm -rf "$clean_dir"
  cmake -S . -B "$clean_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSTACKGEN_BUILD_TESTS=OFF >/dev/null
  say "clean build of stackgen_cli with -j$jobs"
  t0=$(now)
  cmake --build "$clean_dir" --target stackgen_cli -- -j "$jobs" >/dev/null
  clean_s=$(elapsed "$t0" "$(now)")
  rm -rf "$clean_dir"
fi

# The edit loop: touch the reference stack's back end, rebuild, emit.
# Three rounds, median; the compile and link steps are read from ninja's log.
say "edit loop: touch stacks/keencho/backend.cpp, rebuild, emit"
out_dir=$build/bench-emit
edit_runs=()
compile_runs=()
link_runs=()
for _ in 1 2 3; do
  touch stacks/keencho/backend.cpp
  t0=$(now)
  cmake --build "$build" --target stackgen_cli -- -j "$jobs" >/dev/null
  "$build/stackgen" emit --out "$out_dir" --stack keencho >/dev/null 2>&1
  edit_runs+=("$(elapsed "$t0" "$(now)")")
  # .ninja_log: start_ms end_ms mtime output hash; the last entries are this build's.
  compile_runs+=("$(awk '$4 ~ /keencho\/backend\.cpp\.o$/ { d = ($2 - $1) / 1000 } END { printf "%.2f", d }' "$build/.ninja_log")")
  link_runs+=("$(awk '$4 == "stackgen" { d = ($2 - $1) / 1000 } END { printf "%.2f", d }' "$build/.ninja_log")")
done
edit_s=$(printf '%s\n' "${edit_runs[@]}" | median)
compile_s=$(printf '%s\n' "${compile_runs[@]}" | median)
link_s=$(printf '%s\n' "${link_runs[@]}" | median)

# What including headers costs one translation unit (compile only, -O3).
say "include probes"
declare -A probe_s
for probe in core per_type; do
  runs=()
  for _ in 1 2 3; do
    touch "bench/compile/include_$probe.cpp"
    t0=$(now)
    cmake --build "$build" --target "bench_include_$probe" -- -j 1 >/dev/null
    runs+=("$(elapsed "$t0" "$(now)")")
  done
  probe_s[$probe]=$(printf '%s\n' "${runs[@]}" | median)
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

edit_verdict=$(awk -v e="$edit_s" -v b="$edit_budget_s" 'BEGIN { print (e < b) ? "PASS" : "FAIL" }')
echo
echo "$edit_verdict  rebuild + emit after touching stacks/keencho/backend.cpp: ${edit_s} s (budget < ${edit_budget_s} s)"
echo "      clean build (library + bindings + reference stack + CLI, -j$jobs): ${clean_s} s"
echo "      include probes: core ${probe_s[core]} s, per-type ${probe_s[per_type]} s"

# --- 2b. out of tree, against CDKTF, alternated (tools/bench-edit-loop.sh)
say "out-of-tree edit loop and seed emit, alternated with CDKTF"
edit_out=$("$root/tools/bench-edit-loop.sh" "$root/$build")
echo "$edit_out"
ev() { awk -v k="edit.$1" '$1 == k { print $2 }' <<<"$edit_out"; }

# --- 3. bench/README.md
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git status --porcelain -- src include stacks bench 2>/dev/null)" ]; then
  commit="$commit (+ uncommitted changes)"
fi
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
gxx=$(g++ --version | head -1)
section=$(mktemp)
{
  echo "Measured $(date -u +%Y-%m-%d) on commit \`$commit\`: $(nproc) cores, $cpu, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM,"
  echo "$gxx, Linux $(uname -r), load average $load_before before and $load_after after."
  echo
  echo "### Emit: synthetic stacks of N service units"
  echo
  cat "$results"
  echo
  echo "### Build time (Release, -j$jobs)"
  echo
  echo "| what | seconds |"
  echo "|---|--:|"
  echo "| clean build: library + bindings + reference stack + CLI (\`stackgen_cli\` target) | $clean_s |"
  echo "| **edit loop**: touch \`stacks/keencho/backend.cpp\`, rebuild, \`stackgen emit --stack keencho\` (median of 3) | **$edit_s** |"
  echo "| &nbsp;&nbsp;of which compiling backend.cpp | $compile_s |"
  echo "| &nbsp;&nbsp;of which linking \`stackgen\` | $link_s |"
  echo "| one TU including the core API only (\`stackgen/stackgen.hpp\`) | ${probe_s[core]} |"
  echo "| one TU including the 28 per-type headers backend.cpp uses | ${probe_s[per_type]} |"
  echo
  echo "- **$edit_verdict** in-tree edit loop ${edit_s} s (budget < ${edit_budget_s} s)"
  echo
  echo "### Out of tree, against CDKTF (alternated in one run, medians)"
  echo
  echo "| what | stackgen | CDKTF | ratio |"
  echo "|---|--:|--:|--:|"
  echo "| edit loop: touch backend, rebuild (Release consumer, \`stackgen_add_stack\`), emit / \`tsc && node dist/main.js\` | $(ev stackgen_out_of_tree) | $(ev cdktf_edit_loop) | $(ev ratio_edit_loop)x |"
  echo "| &nbsp;&nbsp;of which compiling backend.cpp / linking | $(ev stackgen_compile_backend) / $(ev stackgen_link) | | |"
  echo "| seed emit, whole process / precompiled \`node dist/main.js\` | $(ev stackgen_seed_emit) | $(ev cdktf_seed_synth) | $(ev ratio_seed_emit)x |"
  echo
  echo "- **$(ev verdict_under_1_5s)** out-of-tree edit loop under 1.5 s"
  echo "- **$(ev verdict_edit_2x)** out-of-tree edit loop at least 2x faster than CDKTF's"
  echo "- **$(ev verdict_emit_100x)** seed emit at least 100x faster than CDKTF's synth"
} >"$section"
python3 - "$readme" "$section" <<'EOF'
import sys
readme, section = sys.argv[1], open(sys.argv[2]).read()
text = open(readme).read()
begin, end = "<!-- bench:results:begin -->", "<!-- bench:results:end -->"
a, b = text.index(begin) + len(begin), text.index(end)
open(readme, "w").write(text[:a] + "\n" + section + text[b:])
EOF
rm -f "$section"
say "results written to $readme"
