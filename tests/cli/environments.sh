#!/usr/bin/env bash
# One stack definition, two environments (stackgen/core/environments.hpp):
# `shop-test` and `shop-prod` are listed, emitted to their own directories
# with their own settings and state keys, and plan with real terraform.
#
# usage: environments.sh STACK_PROGRAM SCRATCH
set -euo pipefail
program=$1 scratch=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$scratch" && mkdir -p "$scratch"
"$program" list >"$scratch/list.txt"
for env in test prod; do
  grep -q "^shop-$env " "$scratch/list.txt" || { cat "$scratch/list.txt"; fail "shop-$env is not listed"; }
  grep "^shop-$env " "$scratch/list.txt" | grep -q "tests/cli/state_stack.cpp" || fail "shop-$env's location"
done
"$program" emit --out "$scratch/out" >/dev/null
python3 - "$scratch/out" <<'PY' || fail "the environments' files"
import json, sys
out = sys.argv[1]
for env, sizes in {"test": {"instance_class": "db.t3.micro", "min_tasks": 1},
                   "prod": {"instance_class": "db.r6g.large", "min_tasks": 2}}.items():
    doc = json.load(open(f"{out}/shop-{env}/main.tf.json"))
    assert doc["resource"]["terraform_data"]["sizes"]["input"] == sizes, (env, doc)
    assert doc["terraform"]["backend"]["s3"]["key"] == f"shop-{env}/terraform.tfstate", doc["terraform"]
PY
if ! command -v terraform >/dev/null; then echo "SKIP: no terraform for the plans"; exit 77; fi
for env in test prod; do
  work="$scratch/out/shop-$env"
  terraform -chdir="$work" init -backend=false -input=false -no-color >"$work.init.log" 2>&1 || { cat "$work.init.log"; fail "init $env"; }
  terraform -chdir="$work" validate -no-color >"$work.validate.log" 2>&1 || { cat "$work.validate.log"; fail "validate $env"; }
done
echo "environments: shop-test and shop-prod from one definition: ok"
