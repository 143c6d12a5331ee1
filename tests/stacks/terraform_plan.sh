#!/usr/bin/env bash
# Real terraform as the consumer: emit the reference stack, add a test-only
# override giving every aws provider configuration mock credentials and the
# skip_* flags, then `terraform init` (offline, from the provider mirror),
# `validate` and `plan`, and check the number of resources to add.
#
# usage: terraform_plan.sh STACKGEN_BINARY SCRATCH_DIR STACK EXPECTED_TO_ADD
# Exits 77 (ctest: skipped) with a loud SKIPPED line when terraform or the
# provider mirror is missing.
set -euo pipefail
stackgen=$1 scratch=$2 stack=$3 expected=$4
root=$(cd "$(dirname "$0")/../.." && pwd)

rm -rf "$scratch" && mkdir -p "$scratch"
if ! exports=$("$root/tools/tf-env.sh" "$scratch/tf" 2>"$scratch/tf-env.err"); then
  echo "SKIPPED: terraform plan of stack $stack: $(cat "$scratch/tf-env.err")"
  exit 77
fi
eval "$exports"

# The mirror has no hashicorp/tls: switch the generated key off (documented
# stack context) and pass a public key instead. Unplanned: tls_private_key.pk
# and the private_key output.
pubkey="ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7stackgentestkeyonly stackgen-test"
"$stackgen" emit --out "$scratch/out" --stack "$stack" -c "ssh_public_key=$pubkey"
echo "NOTE: emitted with -c ssh_public_key=...: a stack that would generate its key with tls_private_key"
echo "      (keencho: tls_private_key.pk and output private_key) is planned without it (no tls provider in the mirror)"

work="$scratch/out/$stack"
creds='"access_key": "mock-access-key", "secret_key": "mock-secret-key",
  "skip_credentials_validation": true, "skip_requesting_account_id": true,
  "skip_metadata_api_check": true, "skip_region_validation": true'
cat >"$work/test_provider_override.tf.json" <<JSON
{"provider": {"aws": [{$creds}, {"alias": "us-east-1", $creds}]}}
JSON

cd "$work"
terraform init -input=false -backend=false -no-color >"$scratch/init.log" || { cat "$scratch/init.log"; exit 1; }
terraform validate -no-color
# Sensitive variables have no defaults; give them on the command line.
vars=()
if grep -q '"db-password"' main.tf.json; then vars=(-var db-username=stackgen -var db-password=not-a-real-secret); fi
terraform plan -input=false -refresh=false -lock=false -no-color "${vars[@]}" >"$scratch/plan.log" 2>&1 \
  || { tail -50 "$scratch/plan.log"; exit 1; }
summary=$(grep -E '^Plan: ' "$scratch/plan.log")
echo "$summary"
if [[ $summary != "Plan: $expected to add, 0 to change, 0 to destroy." ]]; then
  echo "expected $expected resources to add" >&2
  exit 1
fi
# The secret given on the command line must not be in any emitted file.
if grep -rq "not-a-real-secret" "$scratch/out"; then
  echo "secret leaked into emitted files" >&2
  exit 1
fi
