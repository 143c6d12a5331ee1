#!/usr/bin/env bash
# tools/bench-convert.sh — issue 13's speed budgets for `stackgen convert`:
#
#   convert time   a generated 1,000-resource HCL configuration (VPCs,
#                  subnets, security groups with blocks, buckets; references,
#                  templates, functions) converted to C++: under 1 s (median of 5,
#                  whole process).
#   compile time   the converted keencho program (converted from keencho's own
#                  main.tf.json) against the hand-written seed stack sources of
#                  the same infrastructure (stacks/keencho), both out of tree,
#                  find_package + stackgen_add_stack, Release, cold build, one job:
#                  CPU time (user + system) within 1.5x (median of 3, alternated).
#
#   tools/bench-convert.sh [BUILD_DIR]     (default ./build; installed into a scratch prefix)
#
# Prints `convert.<key> <value>` lines and the verdicts (PASS/FAIL, never an
# exit status: timings are for bench/README.md, not for tests).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
runs=${STACKGEN_CONVERT_RUNS:-3}
work=$(mktemp -d "${TMPDIR:-/tmp}/stackgen-bench-convert.XXXXXX")
trap 'rm -rf "$work"' EXIT
say() { echo "bench-convert: $*" >&2; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
stackgen=$build/stackgen

cmake --build "$build" >/dev/null
cmake --install "$build" --prefix "$work/prefix" >/dev/null
export STACKGEN_SCHEMA_DIR=$work/prefix/share/stackgen/schema

# --- convert time ---------------------------------------------------------
mkdir -p "$work/big"
python3 - "$work/big/main.tf" <<'PY'
import sys
out = ['variable "prefix" {\n  type    = string\n  default = "big"\n}\n']
for i in range(250):
    out.append(f'''
resource "aws_vpc" "v{i}" {{
  cidr_block = "10.{i % 250}.0.0/16"
  tags       = {{ Name = "${{var.prefix}}-{i}" }}
}}
resource "aws_subnet" "s{i}" {{
  vpc_id     = aws_vpc.v{i}.id
  cidr_block = cidrsubnet(aws_vpc.v{i}.cidr_block, 8, 1)
}}
resource "aws_security_group" "g{i}" {{
  name   = "g{i}"
  vpc_id = aws_vpc.v{i}.id
  ingress {{
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }}
}}
resource "aws_s3_bucket" "b{i}" {{
  bucket = "${{var.prefix}}-b{i}"
}}
''')
open(sys.argv[1], "w").write("".join(out))
PY
convert_s=$(python3 - "$stackgen" "$work" <<'PY'
import statistics, subprocess, sys, time
runs = []
for i in range(6):
    t = time.perf_counter()
    subprocess.run([sys.argv[1], "convert", f"{sys.argv[2]}/big", "--out", f"{sys.argv[2]}/big-out",
                    "--aws-provider", "5.100.0"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    if i: runs.append(time.perf_counter() - t)   # the first run warms the page cache
print(f"{statistics.median(runs):.3f}")
PY
)
echo "convert.convert_1000_resources_s $convert_s"
awk -v t="$convert_s" 'BEGIN { exit !(t < 1.0) }' && v=PASS || v=FAIL
echo "convert.verdict_convert_under_1s $v"

# --- compile time -----------------------------------------------------------
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
(cd "$work" && "$stackgen" emit --stack keencho --out out >/dev/null 2>&1)
"$stackgen" convert "$work/out/keencho/main.tf.json" --out "$work/converted" --name keencho \
  --aws-provider 5.100.0 2>"$work/convert.log"
lines() { cat "$@" | wc -l; }
echo "convert.handwritten_lines $(lines "$work"/seed/src/keencho/*.cpp "$work"/seed/src/keencho/*.hpp)"
echo "convert.converted_lines $(lines "$work"/converted/*.cpp "$work"/converted/*.hpp)"
# cold_cpu DIR: configure, build with one job; user + system seconds of the build.
cold_cpu() {
  rm -rf "$1/build"
  cmake -S "$1" -B "$1/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
  /usr/bin/time -f "%U %S" -o "$work/time" cmake --build "$1/build" -j 1 >/dev/null
  awk '{ printf "%.2f\n", $1 + $2 }' "$work/time"
}
hand=() conv=()
for _ in $(seq "$runs"); do
  hand+=("$(cold_cpu "$work/seed")")
  conv+=("$(cold_cpu "$work/converted")")
done
h=$(printf '%s\n' "${hand[@]}" | median) c=$(printf '%s\n' "${conv[@]}" | median)
echo "convert.compile_cpu_handwritten_s $h"
echo "convert.compile_cpu_converted_s $c"
ratio=$(awk -v h="$h" -v c="$c" 'BEGIN { printf "%.2f", c / h }')
echo "convert.compile_ratio $ratio"
awk -v r="$ratio" 'BEGIN { exit !(r <= 1.5) }' && v=PASS || v=FAIL
echo "convert.verdict_compile_within_1_5x $v"
