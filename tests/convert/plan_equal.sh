#!/usr/bin/env bash
# Plan equality of real-world configurations (issue 13): for each entry of
# corpus.json whose files are present under CORPUS_DIR/<name>/ (fetched by
# tools/fetch-convert-corpus.sh; their licences are recorded there), and for
# each small configuration of this repository's tests/convert/fixtures/<name>/
# (constructs convert types, each of which must convert with no expression
# kept as HCL: a raw<T>() fallback would plan the same trivially), real
# terraform plans the original HCL and the program `stackgen convert` wrote
# from it (built against the installed package, emitted); the two plans must
# be the same: every planned address, action, value, after_unknown and
# after_sensitive, and every output (compare_plans.py).
#
# The AWS provider gets mock credentials in a test-only file; data sources
# that call AWS are answered by moto_server on 127.0.0.1. Skipped loudly
# (exit 77) without terraform and its mirror, without moto_server, or when no
# configuration is present.
#
# usage: plan_equal.sh STACKGEN BUILD_DIR SCRATCH CORPUS_DIR [CMAKE_GENERATOR]
set -euo pipefail
stackgen=$1 build=$2 scratch=$3 corpus=$4 generator=${5:-}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$scratch" && mkdir -p "$scratch"
gen=()
if [[ -n $generator ]]; then gen=(-G "$generator"); elif command -v ninja >/dev/null; then gen=(-G Ninja); fi

if ! exports=$("$root/tools/tf-env.sh" "$scratch/tf" 2>"$scratch/tf-env.err"); then
  echo "SKIPPED: plan equality of converted configurations: $(cat "$scratch/tf-env.err")"
  exit 77
fi
eval "$exports"
if ! command -v moto_server >/dev/null; then
  echo "SKIPPED: plan equality of converted configurations: no moto_server for their data sources"
  exit 77
fi

mapfile -t names < <(python3 -c 'import json,sys; [print(c["name"]) for c in json.load(open(sys.argv[1]))["configurations"]]' "$here/corpus.json")
present=()
declare -A source_dir
for f in "$here"/fixtures/*/; do
  f=${f%/}
  present+=("fixture-${f##*/}")
  source_dir[fixture-${f##*/}]=$f
done
fixtures=${#present[@]}
for n in "${names[@]}"; do
  if compgen -G "$corpus/$n/*.tf" >/dev/null || compgen -G "$corpus/$n/*.tf.json" >/dev/null; then
    present+=("$n")
    source_dir[$n]=$corpus/$n
  else
    echo "SKIPPED: $n: not in $corpus (run tools/fetch-convert-corpus.sh $corpus)"
  fi
done

. "$root/tools/moto.sh"
start_moto "$scratch/moto.log"
port=$moto_port

cmake --install "$build" --prefix "$scratch/prefix" >"$scratch/install.log" 2>&1 || { cat "$scratch/install.log"; fail install; }
export STACKGEN_SCHEMA_DIR="$scratch/prefix/share/stackgen/schema"

# Convert every present configuration; build the programs as one project.
mkdir -p "$scratch/programs"
printf 'cmake_minimum_required(VERSION 3.25)\nproject(plan_equal LANGUAGES CXX)\n' >"$scratch/programs/CMakeLists.txt"
for n in "${present[@]}"; do
  "$stackgen" convert "${source_dir[$n]}" --out "$scratch/programs/$n" --name "$n" --aws-provider 5.100.0 \
    2>"$scratch/convert-$n.log" || { cat "$scratch/convert-$n.log"; fail "convert $n"; }
  if [[ $n == fixture-* ]] && ! grep -q " 0 expressions kept as HCL" "$scratch/convert-$n.log"; then
    grep -h 'raw<' "$scratch/programs/$n"/*.cpp; fail "$n: convert kept expressions as HCL"
  fi
  echo "add_subdirectory($n)" >>"$scratch/programs/CMakeLists.txt"
done
cmake -S "$scratch/programs" -B "$scratch/programs/build" "${gen[@]}" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$scratch/prefix" >"$scratch/configure.log" 2>&1 || { cat "$scratch/configure.log"; fail configure; }
cmake --build "$scratch/programs/build" -j 2 >"$scratch/build.log" 2>&1 || { grep -m 20 -A3 "error" "$scratch/build.log"; fail "build the converted programs"; }

# plan DIR NAME: init, plan, show -json into DIR.plan.json.
plan() {
  local dir=$1 n=$2 vars=()
  mapfile -t vars < <(python3 -c '
import json, sys
c = next((c for c in json.load(open(sys.argv[1]))["configurations"] if c["name"] == sys.argv[2]), {})
for k, v in c.get("variables", {}).items(): print(f"-var={k}={v}")' "$here/corpus.json" "$n")
  python3 "$here/mock_provider.py" "$dir" "$port"
  terraform -chdir="$dir" init -input=false -no-color >"$dir.init.log" 2>&1 || { cat "$dir.init.log"; fail "init $dir"; }
  terraform -chdir="$dir" plan -input=false -no-color -lock=false -refresh=false "${vars[@]}" -out="$dir.tfplan" \
    >"$dir.plan.log" 2>&1 || { tail -30 "$dir.plan.log"; fail "plan $dir"; }
  terraform -chdir="$dir" show -json "$dir.tfplan" >"$dir.plan.json"
}

# Both are planned in a directory named after the configuration (some read
# basename(path.root)), with the files it reads (corpus.json "data").
mkdir -p "$scratch/original" "$scratch/emitted"
for n in "${present[@]}"; do
  cp -r "${source_dir[$n]}" "$scratch/original/$n"
  plan "$scratch/original/$n" "$n"
  (cd "$scratch" && "$scratch/programs/build/$n/$n" emit --out emitted >"emit-$n.log" 2>&1) ||
    { cat "$scratch/emit-$n.log"; fail "emit the converted $n"; }
  (cd "${source_dir[$n]}" && find . -type f ! -name '*.tf' ! -name '*.tf.json' -exec cp --parents {} "$scratch/emitted/$n/" \;)
  plan "$scratch/emitted/$n" "$n"
  python3 "$here/compare_plans.py" "$scratch/original/$n.plan.json" "$scratch/emitted/$n.plan.json" \
    >"$scratch/compare-$n.log" || { cat "$scratch/compare-$n.log"; fail "$n: the converted program plans differently"; }
  echo "ok: $n: $(cat "$scratch/compare-$n.log"); convert: $(tail -1 "$scratch/convert-$n.log" | sed 's/^stackgen convert: //')"
done
echo "PASS: $((${#present[@]} - fixtures)) of ${#names[@]} configurations and $fixtures fixtures plan identically after conversion"
