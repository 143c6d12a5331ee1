#!/usr/bin/env bash
# keencho's test and production environments from one definition
# (stacks/keencho_environments): keencho-dns comes first in the apply order;
# keencho-test and keencho-prod are the same configuration but for the
# fields of hardened::Environment (names, hosts, capacities: proven by
# normalising those and comparing the rest); the zone and certificates live
# only in keencho-dns and reach the environments through its remote state;
# each stack passes terraform validate.
#
# usage: keencho_environments.sh STACKGEN SCRATCH
set -euo pipefail
stackgen=$1 scratch=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$scratch" && mkdir -p "$scratch"

"$stackgen" list --order >"$scratch/order.txt"
dns=$(grep -n '^keencho-dns$' "$scratch/order.txt" | cut -d: -f1)
for env in test prod; do
  line=$(grep -n "^keencho-$env\$" "$scratch/order.txt" | cut -d: -f1) || fail "keencho-$env is not listed"
  [ "$dns" -lt "$line" ] || fail "keencho-dns must come before keencho-$env: $(cat "$scratch/order.txt")"
done
"$stackgen" list >"$scratch/list.txt"
grep "^keencho-test " "$scratch/list.txt" | grep -q "stacks/keencho_environments/environments.cpp" ||
  fail "keencho-test is not listed at its definition: $(cat "$scratch/list.txt")"

"$stackgen" emit --stack keencho-dns --stack keencho-test --stack keencho-prod --out "$scratch/out" >/dev/null 2>&1 ||
  fail "emit"
python3 - "$scratch/out" <<'PY' || fail "the environments' configurations"
import json, re, sys
out = sys.argv[1]
docs = {e: json.load(open(f"{out}/keencho-{e}/main.tf.json")) for e in ("dns", "test", "prod")}
for e in ("test", "prod"):
    r = docs[e]["resource"]
    assert "aws_route53_zone" not in r and "aws_acm_certificate" not in r, f"keencho-{e} declares DNS itself"
    assert list(docs[e]["data"]["terraform_remote_state"]) == ["keencho_dns"], docs[e]["data"]
    text = json.dumps(r)
    assert "data.terraform_remote_state.keencho_dns.outputs.aws_route53_zone_keencho_zone_id" in text
    assert "data.terraform_remote_state.keencho_dns.outputs.aws_acm_certificate_ssl_certificate_virginia_arn" in text
    assert "app-test-ec2" not in text, "the environments have no test instance: the test environment replaces it"
assert "aws_route53_zone" in docs["dns"]["resource"]
outputs = docs["dns"]["output"]
for name in ("aws_route53_zone_keencho_zone_id", "aws_acm_certificate_ssl_certificate_arn",
             "aws_acm_certificate_ssl_certificate_virginia_arn"):
    assert name in outputs, outputs

# Only hardened::Environment's fields differ: undo them on the test
# environment and the two configurations are equal.
test = json.dumps(docs["test"], sort_keys=True)
# (and its own name, where a text names the stack)
test = test.replace("keencho-test", "keencho-prod").replace("app-test", "app").replace("-test.${var.domain}", ".${var.domain}")
test = json.loads(test)
prod = docs["prod"]
assert test["variable"]["app_name"]["default"] == "app"  # was app-test
def capacities(d):
    r = d["resource"]
    t = next(iter(r["aws_appautoscaling_target"].values()))
    s = next(iter(r["aws_ecs_service"].values()))
    return (t["min_capacity"], t["max_capacity"], s["desired_count"])
assert capacities(docs["test"]) == (1, 2, 1) and capacities(prod) == (2, 8, 2), (capacities(docs["test"]), capacities(prod))
for k in ("aws_appautoscaling_target", "aws_ecs_service"):
    for name, block in test["resource"][k].items():
        for f in ("min_capacity", "max_capacity", "desired_count"):
            if f in block:
                block[f] = prod["resource"][k][name][f]
if test != prod:
    a, b = json.dumps(test, indent=1, sort_keys=True).splitlines(), json.dumps(prod, indent=1, sort_keys=True).splitlines()
    import difflib
    print("\n".join(list(difflib.unified_diff(a, b, "test (normalised)", "prod", lineterm=""))[:40]))
    sys.exit(1)
print("keencho-test and keencho-prod differ only in their Environment settings")
PY

if ! eval "$("$root/tools/tf-env.sh" "$scratch")" 2>"$scratch/tf-env.err"; then
  echo "SKIPPED: terraform validate of the environments: $(cat "$scratch/tf-env.err")" >&2
  exit 77
fi
for st in keencho-dns keencho-test keencho-prod; do
  work="$scratch/out/$st"
  terraform -chdir="$work" init -backend=false -input=false -no-color >"$work.init.log" 2>&1 || { cat "$work.init.log"; fail "init $st"; }
  terraform -chdir="$work" validate -no-color >"$work.validate.log" 2>&1 || { cat "$work.validate.log"; fail "validate $st"; }
done
echo "keencho environments: keencho-dns, keencho-test, keencho-prod from one definition: ok"
