#!/usr/bin/env bash
# The S3 backend with real terraform against moto_server's S3 on 127.0.0.1:
# a partial configuration completed by `init -backend-config` (the bucket
# and the endpoint, as CI would), the state at the key derived from the
# stack's name, encrypted, and locked by a `.tflock` object (use_lockfile):
# while a lock object exists, a second apply is refused.
#
# usage: s3_backend.sh STACK_PROGRAM SCRATCH
set -euo pipefail
program=$1 scratch=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$scratch" && mkdir -p "$scratch"
command -v terraform >/dev/null || { echo "SKIP: no terraform on PATH"; exit 77; }
command -v moto_server >/dev/null || { echo "SKIP: no moto_server (python3 -m pip install 'moto[server]')"; exit 77; }
python3 -c 'import boto3' 2>/dev/null || { echo "SKIP: no boto3"; exit 77; }
# No provider is needed (terraform_data is built in); the CLI config only
# keeps terraform off the network.
eval "$("$root/tools/tf-env.sh" "$scratch" 2>/dev/null)" || true

"$program" emit --out "$scratch/out" >/dev/null
work="$scratch/out/state-demo"
python3 - "$work/main.tf.json" <<'PY' || fail "the emitted backend block"
import json, sys
backend = json.load(open(sys.argv[1]))["terraform"]["backend"]["s3"]
assert backend == {"key": "shop/state-demo/terraform.tfstate", "encrypt": True, "use_lockfile": True}, backend
PY

. "$root/tools/moto.sh"
start_moto "$scratch/moto.log"
port=$moto_port
export AWS_ACCESS_KEY_ID=mock AWS_SECRET_ACCESS_KEY=mock AWS_REGION=eu-west-1
s3() { python3 -c "
import boto3, sys
s3 = boto3.client('s3', endpoint_url='http://127.0.0.1:$port', region_name='eu-west-1')
$1"; }
s3 "s3.create_bucket(Bucket='shop-state', CreateBucketConfiguration={'LocationConstraint': 'eu-west-1'})"

# What CI passes at init: the bucket, and (test only) the mock endpoint.
cat >"$scratch/ci.s3.tfbackend" <<HCL
bucket                      = "shop-state"
region                      = "eu-west-1"
endpoints                   = { s3 = "http://127.0.0.1:$port" }
use_path_style              = true
skip_credentials_validation = true
skip_requesting_account_id  = true
skip_metadata_api_check     = true
skip_region_validation      = true
HCL
terraform -chdir="$work" init -input=false -no-color -backend-config="$scratch/ci.s3.tfbackend" \
  >"$scratch/init.log" 2>&1 || { cat "$scratch/init.log"; fail "init with the partial backend configuration"; }
terraform -chdir="$work" apply -input=false -no-color -auto-approve >"$scratch/apply.log" 2>&1 ||
  { cat "$scratch/apply.log"; fail "apply"; }

s3 "
keys = [o['Key'] for o in s3.list_objects_v2(Bucket='shop-state').get('Contents', [])]
assert keys == ['shop/state-demo/terraform.tfstate'], keys   # no lock object left behind
head = s3.head_object(Bucket='shop-state', Key=keys[0])
assert head.get('ServerSideEncryption'), head                # encrypt = true
" || fail "the state object"

# A lock held elsewhere: the next apply must not write the state.
s3 "s3.put_object(Bucket='shop-state', Key='shop/state-demo/terraform.tfstate.tflock', Body=b'{\"ID\": \"other-run\"}')"
if terraform -chdir="$work" apply -input=false -no-color -auto-approve -lock-timeout=0s -var release=2.0.0 \
    >"$scratch/locked.log" 2>&1; then
  cat "$scratch/locked.log"; fail "apply went ahead while another run held the lock"
fi
grep -q "Error acquiring the state lock" "$scratch/locked.log" || { cat "$scratch/locked.log"; fail "lock error"; }
echo "s3 backend: partial configuration, derived key, encrypted state, lock file: ok"
