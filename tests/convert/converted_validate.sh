#!/usr/bin/env bash
# A converted program, end to end: tests/convert/fixtures/provisioners/main.tf
# was converted by `stackgen convert` at build time and built like any stack
# (convert_fixture_provisioners); what it emits, JSON and HCL, must be valid
# for real terraform, with the provisioners, connections, self references
# and the nested dynamic block of the original in it.
#
# usage: converted_validate.sh PROGRAM CONVERT_LOG SCRATCH
# Exits 77 (ctest: skipped) with a loud SKIPPED line when terraform or the
# provider mirror is missing.
set -euo pipefail
program=$1 convert_log=$2 scratch=$3
root=$(cd "$(dirname "$0")/../.." && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }

grep -q " 0 not converted" "$convert_log" || { cat "$convert_log"; fail "convert left constructs unconverted"; }

rm -rf "$scratch" && mkdir -p "$scratch"
"$program" emit --out "$scratch/json" >"$scratch/emit.log" 2>&1 || { cat "$scratch/emit.log"; fail "emit"; }
"$program" emit --format hcl --out "$scratch/hcl" >"$scratch/emit-hcl.log" 2>&1 ||
  { cat "$scratch/emit-hcl.log"; fail "emit --format hcl"; }
json=$scratch/json/provisioners/main.tf.json
python3 - "$json" <<'PY' || fail "the emitted JSON lacks what the fixture declares"
import json, sys
r = json.load(open(sys.argv[1]))["resource"]
web = r["aws_instance"]["web"]
assert web["connection"]["host"] == "${self.public_ip}", web["connection"]
assert [list(p)[0] for p in web["provisioner"]] == ["remote-exec", "file"], web["provisioner"]
assert web["provisioner"][1]["file"]["connection"]["type"] == "winrm"
assert web["provisioner"][1]["file"]["on_failure"] == "continue"
marker = r["terraform_data"]["marker"]["provisioner"]
assert marker[1]["local-exec"] == {"command": "echo ${self.id} gone", "when": "destroy"}, marker
forward = r["aws_lb_listener"]["front"]["default_action"][0]["forward"][0]
assert forward["dynamic"]["target_group"]["iterator"] == "tg", forward
PY

if ! exports=$("$root/tools/tf-env.sh" "$scratch/tf" 2>"$scratch/tf-env.err"); then
  echo "SKIPPED: terraform validate of the converted program: $(cat "$scratch/tf-env.err")"
  exit 77
fi
eval "$exports"
for syntax in json hcl; do
  work=$scratch/$syntax/provisioners
  terraform -chdir="$work" init -input=false -backend=false -no-color >"$scratch/init-$syntax.log" 2>&1 ||
    { cat "$scratch/init-$syntax.log"; fail "terraform init ($syntax)"; }
  terraform -chdir="$work" validate -no-color || fail "terraform validate ($syntax)"
done
terraform fmt -check -no-color "$scratch/hcl/provisioners" || fail "the HCL output is not terraform fmt-clean"
echo "ok: the converted program emits valid provisioners, connections and a nested dynamic block (JSON and HCL)"
