#!/usr/bin/env bash
# `stackgen diff` and `emit --moved` end to end: attribute-level changes,
# renames, the security report, sensitive values, formats, and real
# terraform proving that a rename written with --moved plans as a move
# (0 to add, 0 to destroy) with local state.
#
# usage: diff.sh FIXTURE SCRATCH
set -uo pipefail
fixture=$1 scratch=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch" || exit 1
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
has() { grep -qF -- "$3" "$2" || { fail "$1: '$3' not in $2"; sed 's/^/  | /' "$2" >&2; }; }
hasnt() { if grep -qF -- "$3" "$2"; then fail "$1: unexpected '$3' in $2"; fi; }
run() {
  local name=$1 want=$2
  shift 2
  "$@" >"$name.out" 2>"$name.err"
  local got=$?
  [[ $got -eq $want ]] || { fail "$name: exit $got, expected $want ($*)"; sed 's/^/  | /' "$name.out" "$name.err" >&2; }
}

run emit 0 "$fixture" emit --out out
run clean 0 "$fixture" diff --out out --exit-code
has clean clean.out "no changes"

# A check block added is a change a reviewer sees, with what it asserts.
run check 1 "$fixture" diff --out out --stack moves -c check=1 --exit-code --color never
has check check.out "+ check.state_kept"

# Security: a widened security group and an added IAM action are flagged;
# the secret never appears, in any format.
run widen 1 "$fixture" diff --out out --stack security -c widen=1 -c secret=2 --exit-code --color never
has widen widen.out "~ aws_security_group.web"
has widen widen.out "[security] aws_security_group.web: ingress tcp 22 from 0.0.0.0/0 added"
has widen widen.out "[security] aws_iam_role_policy.reader: Allow s3:DeleteObject on arn:aws:s3:::bucket/* added"
has widen widen.out "policy.Statement[0].Action"
has widen widen.out "password: (sensitive value changed)"
hasnt widen widen.out "first-secret-value"
hasnt widen widen.out "second-secret-value"
run widen-json 1 "$fixture" diff --out out --stack security -c widen=1 -c secret=2 --exit-code --format json
python3 - "$scratch/widen-json.out" <<'PY' || fail "widen-json: JSON checks"
import json, sys
j = json.load(open(sys.argv[1]))
sec = [n["change"] for s in j["stacks"] for n in s["security"]]
assert any("ingress tcp 22 from 0.0.0.0/0" in c for c in sec), sec
assert any("s3:DeleteObject" in c for c in sec), sec
changes = [c for s in j["stacks"] for e in s["entries"] for c in e["changes"]]
pw = [c for c in changes if c["path"] == "password"]
assert pw and pw[0]["sensitive"] and "before" not in pw[0], pw
assert j["totals"]["security"] >= 2
PY
hasnt widen-json widen-json.out "secret-value"
# Connection secrets: the change is shown, the values never.
run key 1 "$fixture" diff --out out --stack security -c key=2 --exit-code --color never
has key key.out "connection.private_key: (sensitive value changed)"
has key key.out "provisioner[0].remote-exec.connection.password: (sensitive value changed)"
hasnt key key.out "key-value"
hasnt key key.out "pw-value"
run widen-md 0 "$fixture" diff --out out --stack security -c widen=1 -c secret=2 --format markdown
has widen-md widen-md.out "> [!WARNING]"
has widen-md widen-md.out "| ~ | \`aws_security_group.web\` |"
hasnt widen-md widen-md.out "secret-value"

# Renames: reported as a move, and emit --moved writes the moved block.
run rename-diff 0 "$fixture" diff --out out --stack moves -c rename=1 --color never
has rename-diff rename-diff.out "> terraform_data.renamed (moved from terraform_data.old)"
hasnt rename-diff rename-diff.out "~ terraform_data.referrer"
hasnt rename-diff rename-diff.out "+ terraform_data.renamed"

# Against a git revision.
git init -q repo && cp -r out repo/out && git -C repo add out && git -C repo -c user.email=t@t -c user.name=t commit -qm base
(cd repo && "$fixture" diff --out out --against HEAD --stack moves -c rename=1 --color never) >git.out 2>git.err ||
  fail "diff --against HEAD"
has git git.out "moved from terraform_data.old"
run bad-ref 2 bash -c "cd repo && \"$fixture\" diff --out out --against=--output=/tmp/x"

# Real terraform: apply, rename with --moved, plan moves without replacing.
if command -v terraform >/dev/null 2>&1; then
  eval "$("$root/tools/tf-env.sh" "$scratch/tf" 2>/dev/null)" || export CHECKPOINT_DISABLE=1
  tf() { terraform -chdir=out/moves "$@" -no-color; }
  tf init -input=false >init.log 2>&1 || { cat init.log; fail "terraform init"; }
  tf apply -auto-approve -input=false >apply.log 2>&1 || { tail apply.log; fail "terraform apply"; }
  run moved 0 "$fixture" emit --out out --stack moves -c rename=1 --moved
  has moved moved.err "moves: moved terraform_data.old -> terraform_data.renamed"
  python3 -c 'import json,sys; j=json.load(open("out/moves/main.tf.json")); assert j["moved"] == [{"from": "terraform_data.old", "to": "terraform_data.renamed"}], j.get("moved")' ||
    fail "emit --moved did not write the moved block"
  tf plan -input=false -detailed-exitcode >plan.log 2>&1
  has plan plan.log "terraform_data.old has moved to terraform_data.renamed"
  has plan plan.log "0 to add, 0 to change, 0 to destroy"
  tf apply -auto-approve -input=false >apply2.log 2>&1 || fail "terraform apply of the move"
  tf output -raw id >id.out 2>/dev/null || fail "terraform output after the move"
else
  echo "SKIPPED (partly): terraform not on PATH, so the --moved plan was not checked"
fi

if [[ $failures -ne 0 ]]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "all diff checks passed"
