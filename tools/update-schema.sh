#!/usr/bin/env bash
# tools/update-schema.sh [--provider-version X] [--out FILE]
#
# Regenerates a schema file of the whole provider: a scratch terraform module
# pinned to hashicorp/aws X (default 5.100.0) is initialised, its schema
# dumped with `terraform providers schema -json` and written by
# tools/trim-schema.py --all (one type per line, see schema/README.md) to
# FILE (default schema/aws-X.json). When FILE existed, a summary of what
# changed (types and attributes added, removed, changed; tools/schema-diff.py)
# is printed for the review of the bump. The build generates the bindings
# from it (docs/bindings.md).
#
# Offline (default): providers come from the local filesystem mirror found by
# tools/tf-env.sh, so X must be a version present in the mirror.
# Online: on a machine with internet, STACKGEN_TF_ONLINE=1 skips the mirror
# config and lets terraform download X from the registry, e.g.
#   STACKGEN_TF_ONLINE=1 tools/update-schema.sh --provider-version 6.0.0
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=5.100.0
all=(--all)
out=
addr=registry.terraform.io/hashicorp/aws

while [[ $# -gt 0 ]]; do
  case $1 in
    --all) shift ;;  # the default now; kept for old scripts
    --provider-version) version=${2:?--provider-version needs a value}; shift 2 ;;
    --out) out=${2:?--out needs a value}; shift 2 ;;
    -h|--help) awk 'NR>1 && /^#/ {sub(/^# ?/, ""); print; next} NR>1 {exit}' "$0"; exit 0 ;;
    *) echo "update-schema: unknown argument: $1" >&2; exit 2 ;;
  esac
done

[[ -n $out ]] || out=$root/schema/aws-$version.json
work=$(mktemp -d "${TMPDIR:-/tmp}/stackgen-schema.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [[ ${STACKGEN_TF_ONLINE:-0} == 1 ]]; then
  echo "update-schema: online mode, terraform downloads hashicorp/aws $version" >&2
  export TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
else
  env_out=$("$root/tools/tf-env.sh" "$work/cli") || {
    rc=$?
    echo "update-schema: no offline provider mirror (with internet, set STACKGEN_TF_ONLINE=1)" >&2
    exit "$rc"
  }
  eval "$env_out"
  echo "update-schema: offline via mirror $STACKGEN_TF_MIRROR" >&2
fi

mkdir -p "$work/mod"
cat >"$work/mod/main.tf" <<EOF
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "= $version" }
  }
}
EOF

# Keep init's chatter out of stdout; show it only if init fails.
terraform -chdir="$work/mod" init -input=false -backend=false -no-color \
  >"$work/init.log" 2>&1 || { cat "$work/init.log" >&2; exit 1; }
terraform -chdir="$work/mod" providers schema -json >"$work/full.json"

# Record the version terraform actually selected, not just the one asked for.
selected=$(terraform -chdir="$work/mod" version -json | python3 -c \
  'import json,sys; print(json.load(sys.stdin)["provider_selections"]["'"$addr"'"])')
[[ $selected == "$version" ]] || { echo "update-schema: asked for $version, got $selected" >&2; exit 1; }
tf_version=$(terraform version -json | python3 -c 'import json,sys; print(json.load(sys.stdin)["terraform_version"])')

python3 "$root/tools/trim-schema.py" "${all[@]}" \
  --source "tools/update-schema.sh: terraform $tf_version providers schema -json, trimmed by tools/trim-schema.py" \
  "$work/full.json" /dev/null "$work/new.json" "$addr" "$selected"
if [[ -f $out ]]; then
  python3 "$root/tools/schema-diff.py" "$out" "$work/new.json" || true
fi
mv "$work/new.json" "$out"
echo "update-schema: wrote $out" >&2
