#!/usr/bin/env bash
# Consumer tests: stackgen used as a new user would, out of tree.
#
#  1. install the main build into a temporary prefix;
#  2. with find_package(stackgen), build every project under examples/:
#     hello (stackgen::main), pipeline (types beyond the reference stacks,
#     aws_alb* aliases, a data source; against the default line 6.66.0 and
#     against 5.100.0), policies (rule sets of one's own, NO_MAIN) and
#     custom_provider (stackgen_add_provider on a schema stackgen does not
#     ship), and check what each emits or reports;
#  3. plan the pipeline with real terraform (5.100.0 from the mirror; its
#     data source answered by moto_server), when both are on this machine;
#  4. with --add-subdirectory, the same hello program built with stackgen as
#     a subdirectory of the consumer's tree.
#
# usage: consumer.sh BUILD_DIR SCRATCH_DIR [CMAKE_GENERATOR [--add-subdirectory]]
# STACKGEN_AWS_LINES: the AWS lines the build made, oldest first (default
# "5.100.0 6.66.0"); the newest is the examples' default.
set -euo pipefail
build=$1 scratch=$2 generator=${3:-} mode=${4:-}
read -r -a lines <<<"${STACKGEN_AWS_LINES:-5.100.0 6.66.0}"
newest=${lines[-1]}
constraint() { local v=$1; echo "~> ${v%.*}"; }
root=$(cd "$(dirname "$0")/../.." && pwd)

rm -rf "$scratch" && mkdir -p "$scratch"
prefix="$scratch/prefix"
fail() { echo "FAIL: $*" >&2; exit 1; }
gen=()
if [[ -n $generator ]]; then gen=(-G "$generator"); elif command -v ninja >/dev/null; then gen=(-G Ninja); fi

# configure_and_build NAME SOURCE_DIR [cmake args...]
configure_and_build() {
  local name=$1 src=$2
  shift 2
  cmake -S "$src" -B "$scratch/$name" "${gen[@]}" -DCMAKE_BUILD_TYPE="${build_type:-Release}" "$@" \
    >"$scratch/$name.configure.log" 2>&1 || { cat "$scratch/$name.configure.log"; fail "configure $name"; }
  cmake --build "$scratch/$name" >"$scratch/$name.build.log" 2>&1 || { cat "$scratch/$name.build.log"; fail "build $name"; }
}

check_hello() {
  local exe=$1 out=$2
  "$exe" emit --out "$out"
  local file="$out/hello/main.tf.json"
  [[ -f $file ]] || fail "$file not written"
  python3 - "$file" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
assert j["resource"]["terraform_data"]["greeting"]["input"] == "hello, ${var.name}", j
assert j["variable"]["name"] == {"default": "world", "description": "Who to greet", "type": "string"}, j
assert j["output"]["greeting"]["value"] == "${terraform_data.greeting.output}", j
PY
  "$exe" emit --check --out "$out"
}

if [[ $mode == --add-subdirectory ]]; then
  mkdir -p "$scratch/sub"
  cat >"$scratch/sub/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.25)
project(consumer_add_subdirectory LANGUAGES CXX)
set(STACKGEN_AWS_LINES 5.100.0 CACHE STRING "" FORCE)
add_subdirectory("$root" stackgen)
stackgen_add_stack(hello SOURCES "$root/examples/hello/main.cpp" AWS_PROVIDER NONE)
CMAKE
  # Debug: this builds stackgen's libraries again, and -O0 halves that.
  build_type=Debug configure_and_build sub-build "$scratch/sub"
  # Not the top-level project: none of stackgen's stacks, tests or install rules.
  [[ ! -e $scratch/sub-build/stackgen/stackgen ]] || fail "add_subdirectory built stackgen's own executable"
  [[ ! -e $scratch/sub-build/stackgen/tests ]] || fail "add_subdirectory built stackgen's tests"
  ! grep -q "cmake_install" "$scratch/sub-build/stackgen/cmake_install.cmake" 2>/dev/null ||
    ! grep -q "stackgenTargets" "$scratch/sub-build/stackgen/cmake_install.cmake" || fail "add_subdirectory installs stackgen"
  check_hello "$scratch/sub-build/hello" "$scratch/sub-out"
  echo "consumer: hello built with add_subdirectory(stackgen)"
  exit 0
fi

cmake --install "$build" --prefix "$prefix" >"$scratch/install.log" || { cat "$scratch/install.log"; exit 1; }
[[ -f "$prefix/include/stackgen/stackgen.hpp" ]] || fail "headers not installed"
[[ -x "$prefix/bin/stackgen_bindgen" ]] || fail "bindgen not installed"
for line in "${lines[@]}"; do
  [[ -f "$prefix/include/stackgen-aws-$line/stackgen/aws/codepipeline.hpp" ]] || fail "aws $line bindings not installed"
done
echo "consumer: installed $(du -sh "$prefix" | cut -f1) into $prefix"

# --- hello -----------------------------------------------------------------------
configure_and_build hello "$root/examples/hello" -DCMAKE_PREFIX_PATH="$prefix"
check_hello "$scratch/hello/hello" "$scratch/out-hello"

# --- pipeline, both lines -------------------------------------------------------------
configure_and_build pipeline-default "$root/examples/pipeline" -DCMAKE_PREFIX_PATH="$prefix"
configure_and_build pipeline-5 "$root/examples/pipeline" -DCMAKE_PREFIX_PATH="$prefix" -DPIPELINE_AWS_PROVIDER=5.100.0
"$scratch/pipeline-default/pipeline" emit --out "$scratch/out-pipeline-default"
"$scratch/pipeline-5/pipeline" emit --out "$scratch/out-pipeline-5"
python3 - "$scratch/out-pipeline-default/pipeline/main.tf.json" "$scratch/out-pipeline-5/pipeline/main.tf.json" \
  "$(constraint "$newest")" <<'PY'
import json, sys
six, five = (json.load(open(p)) for p in sys.argv[1:3])
for j, constraint in ((six, sys.argv[3]), (five, "~> 5.100")):
    assert j["terraform"]["required_providers"]["aws"] == {"source": "hashicorp/aws", "version": constraint}, j["terraform"]
    r = j["resource"]
    for t in ("aws_codebuild_project", "aws_codecommit_repository", "aws_codepipeline", "aws_cloudwatch_event_rule",
              "aws_cloudwatch_event_target", "aws_alb", "aws_alb_listener", "aws_alb_target_group"):
        assert t in r, t
    assert j["data"]["aws_iam_policy"]["ecr-power-user"]["arn"].endswith(":policy/AmazonEC2ContainerRegistryPowerUser")
    assert r["aws_alb_listener"]["http"]["default_action"][0]["target_group_arn"] == "${aws_alb_target_group.app.arn}"
    assert len(r["aws_codepipeline"]["delivery"]["stage"]) == 2
# The same source, two lines: the resources are the same.
assert six["resource"] == five["resource"] and six["data"] == five["data"]
PY
echo "consumer: examples/pipeline builds against $newest (default) and 5.100.0 and emits the same resources"
# Its tests, as its author runs them: ctest in the consumer's build.
ctest --test-dir "$scratch/pipeline-5" --output-on-failure >"$scratch/pipeline-test.log" 2>&1 ||
  { cat "$scratch/pipeline-test.log"; fail "examples/pipeline tests"; }
grep -q "100% tests passed" "$scratch/pipeline-test.log" || { cat "$scratch/pipeline-test.log"; fail "pipeline tests did not run"; }
echo "consumer: examples/pipeline's own tests (stackgen/testing.hpp, Catch2) pass"

# --- policies: rule sets of one's own -------------------------------------------------
configure_and_build policies "$root/examples/policies" -DCMAKE_PREFIX_PATH="$prefix"
if "$scratch/policies/policies" validate --diagnostics json >"$scratch/policies.json" 2>"$scratch/policies.err"; then
  fail "policies: validate passed a stack with an oversized instance"
fi
python3 - "$scratch/policies.json" <<'PY'
import json, sys
findings = json.load(open(sys.argv[1]))
if isinstance(findings, dict):
    findings = findings.get("diagnostics", findings.get("findings", []))
got = sorted((f["rule"], f["address"]) for f in findings if f["rule"].startswith("acme."))
assert got == [("acme.bucket-owner", "aws_s3_bucket.orphan"), ("acme.instance-size", "aws_instance.big")], got
big = [f for f in findings if f["rule"] == "acme.instance-size"][0]
assert big["severity"] == "error" and big["file"].endswith("stack.cpp"), big
PY
echo "consumer: examples/policies reports acme.* findings like built-in rules"

# --- custom provider ------------------------------------------------------------------
configure_and_build custom "$root/examples/custom_provider" -DCMAKE_PREFIX_PATH="$prefix"
[[ -f $scratch/custom/stackgen-bindings/cloudlab/stackgen/cloudlab/server.hpp ]] || fail "cloudlab bindings not generated"
"$scratch/custom/cloudlab" emit --out "$scratch/out-custom"
python3 - "$scratch/out-custom/lab/main.tf.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
assert j["terraform"]["required_providers"] == {"cloudlab": {"source": "acme/cloudlab", "version": "~> 2.4"}}, j
assert j["resource"]["cloudlab_server"]["web"] == {
    "disk": [{"encrypted": True, "size_gb": 40}], "image_id": "${data.cloudlab_image.base.id}",
    "name": "web-1", "size": "small", "tags": {"team": "platform"}}, j["resource"]
p = j["provider"]["cloudlab"]
assert (p[0] if isinstance(p, list) else p)["token"] == "${var.cloudlab_token}", j["provider"]
PY
echo "consumer: examples/custom_provider generated and used bindings of acme/cloudlab"

# --- the pipeline, planned by real terraform ------------------------------------------
if ! exports=$("$root/tools/tf-env.sh" "$scratch/tf" 2>"$scratch/tf-env.err"); then
  echo "SKIPPED: terraform plan of examples/pipeline: $(cat "$scratch/tf-env.err")"
  exit 0
fi
eval "$exports"
if ! command -v moto_server >/dev/null; then
  echo "SKIPPED: terraform plan of examples/pipeline: no moto_server for its data source"
  exit 0
fi
. "$root/tools/moto.sh"
start_moto "$scratch/moto.log" MOTO_IAM_LOAD_MANAGED_POLICIES=true
port=$moto_port
work="$scratch/plan-pipeline"
cp -r "$scratch/out-pipeline-5/pipeline" "$work"
cat >"$work/test_override.tf.json" <<JSON
{"provider": {"aws": [{"region": "eu-central-1", "access_key": "mock", "secret_key": "mock",
  "skip_credentials_validation": true, "skip_requesting_account_id": true, "skip_metadata_api_check": true,
  "endpoints": [{"iam": "http://127.0.0.1:$port", "sts": "http://127.0.0.1:$port"}]}]}}
JSON
terraform -chdir="$work" init -input=false -backend=false -no-color >"$work.init.log" 2>&1 || { cat "$work.init.log"; fail "init"; }
terraform -chdir="$work" validate -no-color >"$work.validate.log" 2>&1 || { cat "$work.validate.log"; fail "validate"; }
# One more topic through the variable: the notification rule's dynamic
# "target" block expands next to its static one.
extra_topic="arn:aws:sns:eu-central-1:123456789012:ops"
terraform -chdir="$work" plan -input=false -no-color -lock=false -var "also_notify=[\"$extra_topic\"]" \
  -out="$work.tfplan" >"$work.plan.log" 2>&1 || { cat "$work.plan.log"; fail "plan"; }
summary=$(grep -o 'Plan: [0-9]* to add, 0 to change, 0 to destroy' "$work.plan.log") || { cat "$work.plan.log"; fail "plan summary"; }
targets=$(terraform -chdir="$work" show -json "$work.tfplan" | python3 -c '
import json, sys
plan = json.load(sys.stdin)
rule = next(r for r in plan["resource_changes"] if r["address"] == "aws_codestarnotifications_notification_rule.failed-runs")
print(len(rule["change"]["after"]["target"]))')
[ "$targets" = 2 ] || fail "the dynamic target block: expected 2 targets in the plan, got $targets"
echo "consumer: terraform plan of examples/pipeline (5.100.0): $summary; the dynamic block gave 2 notification targets"
