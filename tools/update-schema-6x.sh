#!/usr/bin/env bash
# tools/update-schema-6x.sh [--package SPEC] [--from FILE|DIR] [--out FILE] [--carry-from FILE]
#
# Makes schema/aws-<version>.json for the hashicorp/aws 6.x line, which has no
# provider binary here, by deriving it from a prebuilt CDK provider package
# (default @cdktn/provider-aws@25.7.0, generated from hashicorp/aws 6.66.0)
# with tools/cdk-schema/derive.py, carrying sensitive / deprecated over from the
# real schema/aws-5.100.0.json. See tools/cdk-schema/README.md.
#
#   --package SPEC     npm package spec to `npm pack` (needs the npm registry)
#   --from FILE|DIR    use this tarball / unpacked package instead (offline)
#   --out FILE         default: schema/aws-<provider version>.json
#   --carry-from FILE  default: schema/aws-5.100.0.json
#
# How faithful the derivation is: tools/cdk-schema/measure.sh.
#
# Packages are fetched into a scratch directory under $TMPDIR, never into the
# repository.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
package=@cdktn/provider-aws@25.7.0
from=
out=
carry=$root/schema/aws-5.100.0.json

while [[ $# -gt 0 ]]; do
  case $1 in
    --package) package=${2:?--package needs a value}; shift 2 ;;
    --from) from=${2:?--from needs a value}; shift 2 ;;
    --out) out=${2:?--out needs a value}; shift 2 ;;
    --carry-from) carry=${2:?--carry-from needs a value}; shift 2 ;;
    -h|--help) awk 'NR>1 && /^#/ {sub(/^# ?/, ""); print; next} NR>1 {exit}' "$0"; exit 0 ;;
    *) echo "update-schema-6x: unknown argument: $1" >&2; exit 2 ;;
  esac
done

work=$(mktemp -d "${TMPDIR:-/tmp}/stackgen-cdk-schema.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [[ -n $from ]]; then
  input=$(cd "$(dirname "$from")" && pwd)/$(basename "$from")
else
  command -v npm >/dev/null 2>&1 || { echo "update-schema-6x: npm not found (or pass --from)" >&2; exit 3; }
  echo "update-schema-6x: npm pack $package" >&2
  tgz=$(cd "$work" && npm pack --silent --pack-destination "$work" "$package" | tail -n 1)
  input=$work/$tgz
fi

derive=$root/tools/cdk-schema/derive.py
read -r pkg version addr < <(python3 "$derive" --print-provider "$input")
[[ -n $out ]] || out=$root/schema/aws-$version.json
carry_rel=${carry#"$root/"}
# The note that says exactly how the file was made; derive.py writes it in.
source="tools/update-schema-6x.sh: derived by tools/cdk-schema/derive.py from npm $pkg \
(the CDK bindings generated from $addr $version; TypeScript read from the inline source maps \
of lib/*/index.js), not from a provider binary; sensitive, deprecated and deprecation \
descriptions carried from $carry_rel where the attribute / block path matches; \
see stackgen_derived for what is derived, carried and unknown"
python3 "$derive" --carry-from "$carry" --source "$source" "$input" "$out"
