#!/usr/bin/env bash
# Round trip: every stack the project's stackgen emits, converted back into a
# C++ program by `stackgen convert`, built against the installed package
# (find_package, stackgen_add_stack) and emitted again, must give
# main.tf.json byte for byte. The converted programs are built as one CMake
# project (one configure, both cores).
#
# With STACKGEN_6X (the stackgen built against the AWS 6.x line), also the
# stack only that line can express, keencho-native (ECS-native blue/green),
# converted against the 6.66.0 bindings.
#
# usage: roundtrip.sh STACKGEN BUILD_DIR SCRATCH_DIR [CMAKE_GENERATOR [STACKGEN_6X]]
set -euo pipefail
stackgen=$1 build=$2 scratch=$3 generator=${4:-} stackgen6=${5:-}
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$scratch" && mkdir -p "$scratch"
gen=()
if [[ -n $generator ]]; then gen=(-G "$generator"); elif command -v ninja >/dev/null; then gen=(-G Ninja); fi

cmake --install "$build" --prefix "$scratch/prefix" >"$scratch/install.log" 2>&1 || { cat "$scratch/install.log"; fail install; }
(cd "$scratch" && "$stackgen" emit --out out >emit.log 2>&1) || { cat "$scratch/emit.log"; fail "emit"; }
mapfile -t stacks < <(cd "$scratch/out" && find . -mindepth 2 -maxdepth 2 -name main.tf.json | sort | cut -d/ -f2)
((${#stacks[@]} >= 5)) || fail "expected the project's stacks in out/, found: ${stacks[*]}"

# Convert with the installed stackgen's schemas only (a new user's view).
mkdir -p "$scratch/programs"
echo "cmake_minimum_required(VERSION 3.25)
project(roundtrip LANGUAGES CXX)" >"$scratch/programs/CMakeLists.txt"
declare -A line
for s in "${stacks[@]}"; do line[$s]=5.100.0; done
if [[ -n $stackgen6 ]]; then
  (cd "$scratch" && "$stackgen6" emit --stack keencho-native --out out6 >emit6.log 2>&1) || { cat "$scratch/emit6.log"; fail "emit keencho-native"; }
  mkdir -p "$scratch/out/keencho-native" && cp "$scratch/out6/keencho-native/main.tf.json" "$scratch/out/keencho-native/"
  stacks+=(keencho-native)
  line[keencho-native]=6.66.0
fi
for s in "${stacks[@]}"; do
  STACKGEN_SCHEMA_DIR="$scratch/prefix/share/stackgen/schema" \
    "$stackgen" convert "$scratch/out/$s/main.tf.json" --out "$scratch/programs/$s" --name "$s" \
    --aws-provider "${line[$s]}" 2>"$scratch/convert-$s.log" || { cat "$scratch/convert-$s.log"; fail "convert $s"; }
  grep -q "not converted" "$scratch/convert-$s.log" || fail "convert $s printed no summary"
  grep -q " 0 not converted" "$scratch/convert-$s.log" || { cat "$scratch/convert-$s.log"; fail "convert $s left constructs unconverted"; }
  echo "add_subdirectory($s)" >>"$scratch/programs/CMakeLists.txt"
done
cmake -S "$scratch/programs" -B "$scratch/programs/build" "${gen[@]}" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$scratch/prefix" >"$scratch/configure.log" 2>&1 || { cat "$scratch/configure.log"; fail configure; }
cmake --build "$scratch/programs/build" -j 2 >"$scratch/build.log" 2>&1 || { tail -50 "$scratch/build.log"; fail "build the converted programs"; }

for s in "${stacks[@]}"; do
  exe="$scratch/programs/build/$s/$s"
  (cd "$scratch" && "$exe" emit --out "again-$s" >"emit-$s.log" 2>&1) || { cat "$scratch/emit-$s.log"; fail "emit converted $s"; }
  cmp "$scratch/out/$s/main.tf.json" "$scratch/again-$s/$s/main.tf.json" ||
    { diff <(jq -S . "$scratch/out/$s/main.tf.json") <(jq -S . "$scratch/again-$s/$s/main.tf.json") | head -40; fail "$s: the converted program emits other JSON"; }
  echo "ok: $s round-trips byte for byte ($(tail -1 "$scratch/convert-$s.log" | sed 's/^stackgen convert: //'))"
done

# Converting is deterministic: a second run writes the same files.
s=${stacks[0]}
STACKGEN_SCHEMA_DIR="$scratch/prefix/share/stackgen/schema" \
  "$stackgen" convert "$scratch/out/$s/main.tf.json" --out "$scratch/again-convert" --name "$s" --aws-provider 5.100.0 2>/dev/null
diff -r -x build "$scratch/programs/$s" "$scratch/again-convert" >/dev/null || fail "a second convert of $s wrote other files"
echo "PASS: ${#stacks[@]} stacks round-trip"
