#!/usr/bin/env bash
# Property test (issue 9): random strings survive the trip through stackgen's
# escaping and real Terraform byte for byte. roundtrip.py generates strings
# rich in what Terraform's JSON and template syntax treat specially ($, %, {,
# }, quotes, backslashes, CR/LF, tabs, control characters, multi-byte UTF-8,
# runs of '$' before interpolations); the fixture emits them as outputs in a
# template context, a variable default and an HCL literal; terraform apply
# (local state, no provider) and `terraform output -json` must give them back,
# from the JSON output and from the HCL output alike.
#
# usage: roundtrip.sh FIXTURE SCRATCH [SEED]
set -euo pipefail
fixture=$1 scratch=$2 seed=${3:-20261201}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

rm -rf "$scratch" && mkdir -p "$scratch"
if ! command -v terraform >/dev/null 2>&1; then
  echo "SKIPPED: round trip through terraform: terraform not found on PATH"
  exit 77
fi
# No provider is involved; the CLI config only keeps terraform offline.
eval "$("$root/tools/tf-env.sh" "$scratch/tf" 2>/dev/null)" || export CHECKPOINT_DISABLE=1

python3 "$here/roundtrip.py" generate "$seed" 300 "$scratch/strings.json"
# Both syntaxes: the JSON output, and the HCL of `emit --format hcl`.
for syntax in json hcl; do
  "$fixture" emit --stack roundtrip --out "$scratch/$syntax" --format "$syntax" -c "strings=$scratch/strings.json" >/dev/null
  work="$scratch/$syntax/roundtrip"
  if [ "$syntax" = hcl ]; then
    terraform fmt -check -diff -no-color "$work" >"$scratch/fmt.log" 2>&1 ||
      { echo "FAIL: emit --format hcl is not terraform fmt-clean"; head -40 "$scratch/fmt.log"; exit 1; }
  fi
  terraform -chdir="$work" init -input=false -no-color >"$scratch/init.log" 2>&1 || { cat "$scratch/init.log"; exit 1; }
  terraform -chdir="$work" apply -auto-approve -input=false -no-color >"$scratch/apply.log" 2>&1 ||
    { tail -40 "$scratch/apply.log"; exit 1; }
  terraform -chdir="$work" output -json >"$scratch/outputs-$syntax.json"
  echo "$syntax:"
  python3 "$here/roundtrip.py" compare "$scratch/strings.json" "$scratch/outputs-$syntax.json"
done
