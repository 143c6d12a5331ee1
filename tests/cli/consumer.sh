#!/usr/bin/env bash
# Consumer test: install the main build into a temporary prefix, build
# examples/hello out of tree against it with find_package(stackgen), run it.
#
# usage: consumer.sh BUILD_DIR SCRATCH_DIR [CMAKE_GENERATOR [CXX_AND_LINK_FLAGS]]
set -euo pipefail
build=$1 scratch=$2 generator=${3:-} flags=${4:-}
root=$(cd "$(dirname "$0")/../.." && pwd)

rm -rf "$scratch" && mkdir -p "$scratch"
prefix="$scratch/prefix"
cmake --install "$build" --prefix "$prefix" >"$scratch/install.log" || { cat "$scratch/install.log"; exit 1; }
[[ -f "$prefix/include/stackgen/stackgen.hpp" ]] || { echo "FAIL: headers not installed" >&2; exit 1; }

gen=()
if [[ -n $generator ]]; then gen=(-G "$generator"); elif command -v ninja >/dev/null; then gen=(-G Ninja); fi
cmake -S "$root/examples/hello" -B "$scratch/hello" "${gen[@]}" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" \
  >"$scratch/configure.log" || { cat "$scratch/configure.log"; exit 1; }
cmake --build "$scratch/hello" >"$scratch/build.log" 2>&1 || { cat "$scratch/build.log"; exit 1; }

"$scratch/hello/hello" emit --out "$scratch/out"
file="$scratch/out/hello/main.tf.json"
[[ -f $file ]] || { echo "FAIL: $file not written" >&2; exit 1; }
python3 - "$file" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
assert j["resource"]["terraform_data"]["greeting"]["input"] == "hello, ${var.name}", j
assert j["variable"]["name"] == {"default": "world", "description": "Who to greet", "type": "string"}, j
assert j["output"]["greeting"]["value"] == "${terraform_data.greeting.output}", j
PY
"$scratch/hello/hello" emit --check --out "$scratch/out"
echo "consumer: examples/hello built against $prefix and emitted $file"
