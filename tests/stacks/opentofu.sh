#!/usr/bin/env bash
# OpenTofu reads the same JSON configuration syntax (docs/opentofu.md):
# `tofu init` + `tofu validate` of the reference stack where an OpenTofu
# binary is on PATH. This machine image has none (not in Debian 12, not on
# npm), so the test then says SKIPPED, with why, and ctest reports it as
# skipped: never a silent pass.
#
# usage: opentofu.sh STACKGEN SCRATCH
set -euo pipefail
stackgen=$1 scratch=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
if ! command -v tofu >/dev/null; then
  echo "SKIPPED: no OpenTofu binary on PATH (Debian 12 and the npm registry have none; see docs/opentofu.md)" >&2
  exit 77
fi
rm -rf "$scratch" && mkdir -p "$scratch"
eval "$("$root/tools/tf-env.sh" "$scratch")" || { echo "SKIPPED: no provider mirror for tofu init" >&2; exit 77; }
"$stackgen" emit --stack keencho -c ssh_public_key="ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEx stackgen" \
  --out "$scratch/out" >/dev/null 2>&1
work="$scratch/out/keencho"
# The mirror holds registry.terraform.io/...; OpenTofu's default registry is
# registry.opentofu.org, so the test names the provider's full source.
python3 - "$work/main.tf.json" <<'PY'
import json, sys
p = sys.argv[1]; d = json.load(open(p))
d["terraform"]["required_providers"]["aws"]["source"] = "registry.terraform.io/hashicorp/aws"
json.dump(d, open(p, "w"))  # the scratch copy only
PY
tofu -chdir="$work" init -backend=false -input=false -no-color >"$scratch/init.log" 2>&1 || { cat "$scratch/init.log"; exit 1; }
tofu -chdir="$work" validate -no-color
