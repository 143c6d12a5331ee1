#!/usr/bin/env bash
# Real terraform on what the fixture program emits: `terraform init` (offline)
# and `terraform validate` for every stack, then `terraform console` on alpha
# to check that templates and escapes evaluate to what the C++ said.
#
# usage: terraform_validate.sh FIXTURE_BINARY SCRATCH_DIR
# Exits 77 (ctest: skipped) with a loud SKIPPED line when terraform or the
# provider mirror is missing.
set -euo pipefail
fixture=$1 scratch=$2
root=$(cd "$(dirname "$0")/../.." && pwd)

rm -rf "$scratch" && mkdir -p "$scratch"
if ! exports=$("$root/tools/tf-env.sh" "$scratch/tf" 2>"$scratch/tf-env.err"); then
  echo "SKIPPED: terraform validate of the fixture stacks: $(cat "$scratch/tf-env.err")"
  exit 77
fi
eval "$exports"

"$fixture" emit --out "$scratch/out"

stacks=()
for dir in "$scratch"/out/*/; do stacks+=("$(basename "$dir")"); done
[[ ${stacks[*]} == "alpha beta breakable gamma" ]] || { echo "unexpected stacks: ${stacks[*]}" >&2; exit 1; }

for stack in "${stacks[@]}"; do
  work="$scratch/tf-$stack"
  cp -r "$scratch/out/$stack" "$work"
  if ! terraform -chdir="$work" init -input=false -backend=false -no-color >"$work.init.log" 2>&1; then
    cat "$work.init.log"
    echo "FAIL: terraform init $stack" >&2
    exit 1
  fi
  terraform -chdir="$work" validate -no-color || { echo "FAIL: terraform validate $stack" >&2; exit 1; }
done

# Evaluate alpha's locals (local backend, no providers: offline).
work="$scratch/console-alpha"
cp -r "$scratch/out/alpha" "$work"
terraform -chdir="$work" init -input=false -no-color >"$work.init.log" 2>&1 || { cat "$work.init.log"; exit 1; }
failures=0
expect() {
  local got
  got=$(echo "$1" | terraform -chdir="$work" console -no-color)
  if [[ $got != "$2" ]]; then
    echo "FAIL: $1 evaluates to $got, expected $2" >&2
    failures=$((failures + 1))
  else
    echo "ok: $1 = $got"
  fi
}
expect 'local.name' '"demo-vpc"'
expect 'local.price_text' '"US$5"'
expect 'local.literal' '"${aws:username} %{x}"'
expect 'local.policy' '"{\"Resource\":\"arn:${aws:username}/demo\"}"'
expect 'jsonencode(local.lengths)' '"{\"A\":1,\"B\":1}"'
expect 'var.app_name' '"demo"'
[[ $failures -eq 0 ]] || exit 1
echo "terraform validate: ${#stacks[@]} stacks valid"
