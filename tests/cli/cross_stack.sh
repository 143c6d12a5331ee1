#!/usr/bin/env bash
# Cross-stack references (stackgen/core/cross_stack.hpp), end to end: the
# program of tests/cli/cross_stack.cpp lists its apply order, emits outputs
# in `network` and a terraform_remote_state in `service`, and real terraform
# applies network, then service, which reads network's values from its state
# (terraform_data only: no provider, no network access). Then the mistakes:
# each an error at its C++ line, nothing written.
#
# usage: cross_stack.sh STACK_PROGRAM SCRATCH
set -euo pipefail
program=$1 scratch=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$scratch" && mkdir -p "$scratch"
cd "$scratch"

# The apply order: stacks without dependencies by name, then their users.
"$program" list --order >order.txt
[ "$(tr '\n' ' ' <order.txt)" = "audit network service " ] || { cat order.txt; fail "list --order"; }

"$program" emit --out out --strict >emit.log 2>&1 || { cat emit.log; fail "emit"; }
python3 - out <<'PY' || fail "the emitted files"
import json, sys
out = sys.argv[1]
order = json.load(open(f"{out}/stackgen.order.json"))
assert order == {"format_version": 1, "stacks": [
    {"name": "audit", "directory": "audit", "depends_on": []},
    {"name": "network", "directory": "network", "depends_on": []},
    {"name": "service", "directory": "service", "depends_on": ["network"]}]}, order
net = json.load(open(f"{out}/network/main.tf.json"))
outputs = net["output"]
assert outputs["terraform_data_vpc_output"]["value"] == "${terraform_data.vpc.output}", outputs
assert outputs["terraform_data_zone_0_output"]["value"] == "${terraform_data.zone[0].output}", outputs
assert outputs["terraform_data_zone_output"]["value"] == "${[for v in terraform_data.zone : v.output]}", outputs
# A sensitive variable crosses as a sensitive output.
assert outputs["var_token"] == {"description": outputs["var_token"]["description"], "sensitive": True,
                                "value": "${var.token}"}, outputs["var_token"]
assert outputs["terraform_data_tier_each_output"]["value"] == "${{for k, v in terraform_data.tier : k => v.output}}", outputs
svc = json.load(open(f"{out}/service/main.tf.json"))
state = svc["data"]["terraform_remote_state"]["network"]
assert state == {"backend": "local", "config": {"path": "../network/terraform.tfstate"}}, state
app = svc["resource"]["terraform_data"]["app"]["input"]
assert app == {"first_zone": "${data.terraform_remote_state.network.outputs.terraform_data_zone_0_output}",
               "vpc": "${data.terraform_remote_state.network.outputs.terraform_data_vpc_output}"}, app
per_zone = svc["resource"]["terraform_data"]["per_zone"]["input"]
assert per_zone == "${data.terraform_remote_state.network.outputs.terraform_data_zone_output[count.index]}", per_zone
per_tier = svc["resource"]["terraform_data"]["per_tier"]["input"]
assert per_tier == "${data.terraform_remote_state.network.outputs.terraform_data_tier_each_output[each.key]}", per_tier
# Nothing of network's blocks is named in service any more.
text = open(f"{out}/service/main.tf.json").read()
assert "terraform_data.vpc" not in text and "var.token" not in text, text

PY

# Emitting one stack leaves the order file alone; emitting twice changes nothing.
cp out/stackgen.order.json order.before
"$program" emit --out out --stack service >/dev/null 2>&1 || fail "emit --stack service"
cmp -s out/stackgen.order.json order.before || fail "the order file changed by a partial emit"
"$program" emit --out out 2>&1 | grep -q "0 written" || fail "a second emit rewrote files"

# The mistakes: an error at the line, nothing written.
check_mistake() {
  local mistake=$1 pattern=$2
  rm -rf "bad-$mistake"
  if "$program" emit --out "bad-$mistake" -c mistake="$mistake" >"$mistake.log" 2>&1; then
    cat "$mistake.log"; fail "mistake=$mistake was accepted"
  fi
  grep -Eq "$pattern" "$mistake.log" || { cat "$mistake.log"; fail "mistake=$mistake: no '$pattern'"; }
  [ ! -e "bad-$mistake/network" ] || fail "mistake=$mistake wrote files"
}
check_mistake undeclared "cross_stack.cpp:[0-9]+: error: terraform_data.app: reference to terraform_data.vpc.output .in input.: .*'service' does not depend on 'network'"
check_mistake undeclared "hint: declare the dependency where the stacks are built: service.depends_on\(network\)"
check_mistake cycle "cross_stack.cpp:[0-9]+: error: stack 'network' depends on itself: network -> service -> network"
check_mistake whole "cross_stack.cpp:[0-9]+: error: .*only attributes, variables and locals cross stacks"
check_mistake self "cross_stack.cpp:[0-9]+: error: .*stack 'service' cannot depend on itself"

if ! command -v terraform >/dev/null; then echo "SKIP: no terraform to apply the stacks"; exit 77; fi
# In the order of the order file, as CI would; the secret given at apply time.
export TF_VAR_token=s3cr3t-token
eval "$("$root/tools/tf-env.sh" "$scratch/tf" 2>/dev/null)" || export CHECKPOINT_DISABLE=1
for stack in $(python3 -c 'import json; print(" ".join(s["directory"] for s in json.load(open("out/stackgen.order.json"))["stacks"]))'); do
  terraform -chdir="out/$stack" init -input=false -no-color >"$stack.init.log" 2>&1 || { cat "$stack.init.log"; fail "init $stack"; }
  terraform -chdir="out/$stack" apply -auto-approve -input=false -no-color >"$stack.apply.log" 2>&1 || { cat "$stack.apply.log"; fail "apply $stack"; }
done
terraform -chdir=out/service output -json >service.outputs.json
terraform -chdir=out/service show -json >service.state.json
python3 - <<'PY' || fail "service's values read from network's state"
import json
state = json.load(open("service.state.json"))
inputs = {r["address"]: r["values"]["output"] for r in state["values"]["root_module"]["resources"]
          if r["type"] == "terraform_data"}
assert inputs["terraform_data.app"] == {"first_zone": "zone-0", "vpc": "10.0.0.0/16"}, inputs
assert inputs['terraform_data.per_tier["web"]'] == "tier-web", inputs
assert inputs["terraform_data.per_zone[0]"] == "zone-0" and inputs["terraform_data.per_zone[1]"] == "zone-1", inputs
PY
# A second plan of service: nothing to change.
terraform -chdir=out/service plan -detailed-exitcode -input=false -no-color >service.plan.log 2>&1 || { cat service.plan.log; fail "service is not up to date after apply"; }
echo "cross-stack: network -> service through outputs and remote state, applied in order: ok"
