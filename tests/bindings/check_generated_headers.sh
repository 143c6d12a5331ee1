#!/usr/bin/env bash
# tests/bindings/check_generated_headers.sh ROOT PROVIDER [options] [-- EXTRA_HEADER...]
#
# Compiles generated binding headers, each on its own in one TU
# (`#include <stackgen/PROVIDER/x.hpp>`, -fsyntax-only), against the include
# root ROOT (what `stackgen_bindgen SCHEMA --out ROOT` wrote) and the
# project's include/. Prints failures with the compiler's first lines, then
# a summary; exits 1 if any header failed.
#
#   --sample N     every Nth header of the sorted list (a fixed sample), plus
#                  the EXTRA headers; default: every header
#   --uses         also every stackgen/PROVIDER/... header that stacks/*/*.cpp,
#                  stacks/*/*.hpp and bench/*.cpp include
#   --jobs J       parallel compilers (default 2)
#   --cxx CXX      compiler (default g++)
#   --pch          precompile the core headers every binding header includes
#                  (block_body, resource, schema_spec) and -include them:
#                  2.5x faster per header; what is checked is that each
#                  header brings the other bindings and types it needs
#   --flags "..."  extra flags (default: -Wall -Wextra -Wpedantic)
#
# Example (the sample of docs/bindings.md, "Cost"):
#   stackgen_bindgen schema/aws-5.100.0.json --out /tmp/gen
#   tests/bindings/check_generated_headers.sh /tmp/gen aws --sample 7 --uses
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [[ $# -lt 2 || $1 == -h || $1 == --help ]]; then
  awk 'NR>1 && /^#/ {sub(/^# ?/, ""); print; next} NR>1 {exit}' "$0"
  exit 2
fi
gen=$(cd "$1" && pwd)
provider=$2
shift 2
sample=1 uses=0 pch=0 jobs=2 cxx=g++ flags="-Wall -Wextra -Wpedantic"
extra=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --sample) sample=$2; shift 2 ;;
    --uses) uses=1; shift ;;
    --pch) pch=1; shift ;;
    --jobs) jobs=$2; shift 2 ;;
    --cxx) cxx=$2; shift 2 ;;
    --flags) flags=$2; shift 2 ;;
    --) shift; extra+=("$@"); break ;;
    *) echo "check_generated_headers: unknown option $1" >&2; exit 2 ;;
  esac
done
[[ -d $gen/stackgen/$provider ]] || { echo "no $gen/stackgen/$provider" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$gen" && find "stackgen/$provider" -name '*.hpp' | LC_ALL=C sort) > "$work/all"
awk -v n="$sample" '(NR - 1) % n == 0' "$work/all" > "$work/list"
for h in "${extra[@]}"; do echo "$h" >> "$work/list"; done
if [[ $uses -eq 1 ]]; then
  grep -ho "#include <stackgen/$provider/[^>]*>" "$root"/stacks/*/*.cpp "$root"/stacks/*/*.hpp \
      "$root"/bench/*.cpp 2>/dev/null | sed 's/#include <\(.*\)>/\1/' >> "$work/list" || true
fi
LC_ALL=C sort -u "$work/list" | while read -r h; do
  [[ -f $gen/$h ]] && echo "$h" || echo "check_generated_headers: $h is not generated" >&2
done > "$work/headers"
total=$(wc -l < "$work/headers")

pch_flags=
if [[ $pch -eq 1 ]]; then
  printf '#include <stackgen/core/block_body.hpp>\n#include <stackgen/core/resource.hpp>\n#include <stackgen/core/schema_spec.hpp>\n' \
    > "$work/core_pch.hpp"
  # shellcheck disable=SC2086
  $cxx -std=c++20 $flags -I"$root/include" -x c++-header "$work/core_pch.hpp" -o "$work/core_pch.hpp.gch"
  pch_flags="-include $work/core_pch.hpp -Winvalid-pch"
fi
export gen root cxx flags work pch_flags
check() {
  local h=$1 id
  id=$(echo "$h" | tr '/.' '__')
  local start end
  start=$(date +%s.%N)
  if ! echo "#include <$h>" | $cxx -std=c++20 -fsyntax-only $flags $pch_flags -I"$gen" -I"$root/include" \
        -x c++ - > "$work/$id.log" 2>&1; then
    echo "FAIL $h" > "$work/$id.fail"
  elif [[ -s $work/$id.log ]]; then
    echo "WARN $h" > "$work/$id.fail"
  fi
  end=$(date +%s.%N)
  echo "$h $(echo "$end - $start" | bc)" > "$work/$id.time"
}
export -f check

start=$(date +%s)
xargs -P "$jobs" -I{} bash -c 'check {}' < "$work/headers"
wall=$(( $(date +%s) - start ))

failed=0
for f in "$work"/*.fail; do
  [[ -e $f ]] || continue
  read -r what h < "$f"
  id=$(echo "$h" | tr '/.' '__')
  echo "== $what: $h"
  head -20 "$work/$id.log"
  [[ $what == FAIL ]] && failed=$((failed + 1))
done
# awk, not head: head exits after three lines, and sort, still writing a
# list longer than one pipe buffer, then dies of SIGPIPE (pipefail: exit).
slowest=$(cat "$work"/*.time | sort -k2 -rn | awk 'NR <= 3 {printf "%s%s (%.1f s)", (NR > 1 ? ", " : ""), $1, $2}')
sum=$(cat "$work"/*.time | awk '{s += $2} END {printf "%.0f", s}')
echo "checked $total headers of $gen/stackgen/$provider ($(wc -l < "$work/all") in all):" \
     "$failed failed; ${wall} s wall with $jobs jobs, ${sum} s summed per-header wall; slowest: $slowest"
[[ $failed -eq 0 ]]
