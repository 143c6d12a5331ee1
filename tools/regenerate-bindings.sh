#!/usr/bin/env bash
# tools/regenerate-bindings.sh [BINDGEN]
#
# Regenerates the committed bindings of every provider in schema/ (aws, tls,
# random): include/stackgen/<p>/** and src/bindings/<p>/specs*.cpp. Run it
# after editing a schema file or tools/bindgen, and commit the result; the
# test bindings.up_to_date fails until you do (docs/bindings.md).
#
# BINDGEN: a stackgen_bindgen executable to use (e.g. build/tools/bindgen/
# stackgen_bindgen). Without it, the generator is built on its own in
# build/bindgen (it needs only fmt, nlohmann-json and CLI11).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

if [[ $# -gt 1 || ${1:-} == -h || ${1:-} == --help ]]; then
  awk 'NR>1 && /^#/ {sub(/^# ?/, ""); print; next} NR>1 {exit}' "$0"
  exit $(( $# > 1 ? 2 : 0 ))
fi

if [[ $# -eq 1 ]]; then
  bindgen=$1
  [[ -x $bindgen ]] || { echo "regenerate-bindings: $bindgen is not executable" >&2; exit 2; }
else
  cmake -S tools/bindgen -B build/bindgen -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/bindgen --target stackgen_bindgen >/dev/null
  bindgen=build/bindgen/stackgen_bindgen
fi

# Relative schema paths: the generated banners name the schema as given.
for provider in aws tls random; do
  "$bindgen" "schema/$provider.json" --out .
done
