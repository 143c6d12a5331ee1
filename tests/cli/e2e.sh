#!/usr/bin/env bash
# End-to-end tests of the stackgen CLI on the fixture stack programs.
#
# usage: e2e.sh FIXTURE FIXTURE_SMALL FIXTURE_NONE FIXTURE_DUP SCRATCH_DIR
#   FIXTURE        stacks alpha, beta, breakable, gamma
#   FIXTURE_SMALL  the same program without gamma
#   FIXTURE_NONE   the CLI with no stacks at all
#   FIXTURE_DUP    the fixture plus a second "alpha", and "Beta"
set -uo pipefail
full=$1 small=$2 none=$3 dup=$4 scratch=$5
here=$(cd "$(dirname "$0")" && pwd)
fixture_src="$here/fixture_stacks.cpp"

rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch" || exit 1

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

# run NAME EXPECTED_EXIT CMD...: runs CMD with stdout/stderr in NAME.out /
# NAME.err and checks its exit status.
run() {
  local name=$1 want=$2
  shift 2
  "$@" >"$name.out" 2>"$name.err"
  local got=$?
  if [[ $got -ne $want ]]; then
    fail "$name: exit $got, expected $want ($*)"
    sed 's/^/  | /' "$name.out" "$name.err" >&2
    return 1
  fi
  ok "$name (exit $got)"
}
# has NAME FILE PATTERN: FILE (a path) contains the fixed string PATTERN.
has() {
  grep -qF -- "$3" "$2" || { fail "$1: '$3' not in $2"; sed 's/^/  | /' "$2" >&2; }
}
hasnt() {
  if grep -qF -- "$3" "$2"; then fail "$1: unexpected '$3' in $2"; fi
}
# pyjson NAME FILE PYTHON_EXPR: FILE parses as JSON and EXPR (over `j`) holds.
pyjson() {
  python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)' \
    "$2" "$3" || fail "$1: JSON check failed: $3"
}
line_of() { grep -n "e2e:$1" "$fixture_src" | cut -d: -f1; }
sums() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }

# --- usage -------------------------------------------------------------------
run version 0 "$full" --version && has version version.out "stackgen 0.1.0"
run help 0 "$full" --help && { has help help.out "Examples:"; has help help.out "emit"; has help help.out "Exit codes"; }
run no-subcommand 2 "$full"
run unknown-subcommand 2 "$full" frobnicate
run unknown-option 2 "$full" emit --bogus
run bad-format 2 "$full" validate --format yaml
run unknown-stack 2 "$full" emit --stack nope --out "$scratch/never"
has unknown-stack unknown-stack.err "no stack named 'nope' (stacks: alpha, beta, breakable, gamma)"
[[ ! -e "$scratch/never" ]] || fail "unknown-stack wrote $scratch/never"
run bad-context 2 "$full" validate -c novalue

# --- list, validate, graph -----------------------------------------------------
run list 0 "$full" list
has list list.out "STACK"
has list list.out "alpha                            5     0         5       4  tests/cli/fixture_stacks.cpp:"
has list list.out "gamma                            0     0         1       1  tests/cli/fixture_extra.cpp:"
run list-json 0 "$full" list --format json
pyjson list-json list-json.out '[s["name"] for s in j] == ["alpha", "beta", "breakable", "gamma"]'
pyjson list-json list-json.out 'j[1]["data_sources"] == 1 and j[1]["resources"] == 1 and j[0]["variables"] == 5'
pyjson list-json list-json.out 'j[0]["file"] == "tests/cli/fixture_stacks.cpp" and j[0]["line"] > 0'
run list-one 0 "$full" list --stack beta --format json
pyjson list-one list-one.out '[s["name"] for s in j] == ["beta"]'

run validate 0 "$full" validate
[[ ! -s validate.err && ! -s validate.out ]] || fail "validate of clean stacks printed something"
run validate-json 0 "$full" validate --format json
pyjson validate-json validate-json.out 'j == {"diagnostics": [], "errors": 0, "warnings": 0}'

run graph 0 "$full" graph --stack alpha
has graph graph.out "digraph stackgen {"
has graph graph.out '"alpha/terraform_data.guarded" -> "alpha/terraform_data.per_zone";'
has graph graph.out '"alpha/terraform_data.trigger" -> "alpha/local.name";'
hasnt graph graph.out "beta/"
tail -n 1 graph.out | grep -qx "}" || fail "graph: DOT does not end with }"
# References written as text (ref<T>("...")) are edges too.
run graph-beta 0 "$full" graph --stack beta
has graph-beta graph-beta.out '"beta/output.consumer_id" -> "beta/terraform_data.consumer";'

# --- emit ------------------------------------------------------------------------
out="$scratch/out"
run emit 0 "$full" emit --out "$out"
has emit emit.err "5 written, 0 unchanged, 0 removed"
for s in alpha beta breakable gamma; do
  [[ -f "$out/$s/main.tf.json" ]] || fail "emit: $out/$s/main.tf.json missing"
  python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$out/$s/main.tf.json" || fail "emit: $s is not JSON"
done
[[ -f "$out/.stackgen-manifest" ]] || fail "emit: no manifest"
pyjson emit "$out/alpha/main.tf.json" 'j["locals"]["name"] == "${var.app_name}-vpc"'
pyjson emit "$out/alpha/main.tf.json" 'j["locals"]["literal"] == "$${aws:username} %%{x}"'
leftovers=$(find "$out" -name '*stackgen-tmp*')
[[ -z $leftovers ]] || fail "emit left temporary files: $leftovers"

# Deterministic: a second emit elsewhere is byte-identical; again in place
# rewrites nothing.
run emit-again 0 "$full" emit --out "$scratch/out2"
for s in alpha beta breakable gamma; do
  cmp -s "$out/$s/main.tf.json" "$scratch/out2/$s/main.tf.json" || fail "emit is not deterministic: $s"
done
before=$(sums "$out")
run emit-in-place 0 "$full" emit --out "$out"
has emit-in-place emit-in-place.err "0 written, 5 unchanged, 0 removed"
[[ $(sums "$out") == "$before" ]] || fail "emit in place changed files"

# --- emit --check and diff -----------------------------------------------------
run check-clean 0 "$full" emit --check --out "$out"
has check-clean check-clean.err "5 file(s) up to date"
run diff-clean 0 "$full" diff --out "$out"
has diff-clean diff-clean.out "no changes"
hasnt diff-clean diff-clean.out "~ "

sed -i 's/"demo"/"edited"/' "$out/alpha/main.tf.json"
edited=$(sums "$out")
run check-drift 1 "$full" emit --check --out "$out"
has check-drift check-drift.err "out of date: $out/alpha/main.tf.json"
hasnt check-drift check-drift.err "beta/main.tf.json"
[[ $(sums "$out") == "$edited" ]] || fail "emit --check wrote files"
run diff-drift 0 "$full" diff --out "$out"
# The semantic diff: which block, which attribute, old -> new (the direction
# emit would take the file in).
has diff-drift diff-drift.out "stack alpha (alpha/main.tf.json)"
has diff-drift diff-drift.out "~ var.app_name"
has diff-drift diff-drift.out 'default: "edited" -> "demo"'
has diff-drift diff-drift.out "0 to add, 1 to change, 0 to remove"
hasnt diff-drift diff-drift.out "beta"
run repair 0 "$full" emit --out "$out"
has repair repair.err "1 written, 4 unchanged, 0 removed"
[[ $(sums "$out") == "$before" ]] || fail "emit did not restore the edited file"

# --- broken stacks: located diagnostics, output untouched -------------------------
dangling=$(line_of dangling)
duplicate=$(line_of duplicate)
[[ -n $dangling && -n $duplicate ]] || fail "fixture markers not found"
run broken-dangling 1 "$full" emit --out "$out" -c break=dangling
has broken-dangling broken-dangling.err "tests/cli/fixture_stacks.cpp:$dangling: error: terraform_data.broken: reference to terraform_data.missing"
has broken-dangling broken-dangling.err "[core.dangling-reference]"
has broken-dangling broken-dangling.err "nothing written to $out/"
[[ $(sums "$out") == "$before" ]] || fail "a failed emit changed the output"

run broken-duplicate 1 "$full" emit --out "$out" -c break=duplicate
has broken-duplicate broken-duplicate.err "tests/cli/fixture_stacks.cpp:$duplicate: error: terraform_data.base: duplicate address (first declared at tests/cli/fixture_stacks.cpp:"
[[ $(sums "$out") == "$before" ]] || fail "a failed emit changed the output"

run broken-throw 1 "$full" validate -c break=bogus
has broken-throw broken-throw.err "stack 'breakable' failed to build: unknown break mode 'bogus'"

run broken-json 1 "$full" emit --out "$out" -c break=dangling --diagnostics json
pyjson broken-json broken-json.out 'j["errors"] == 1 and len(j["diagnostics"]) == 1'
pyjson broken-json broken-json.out "j['diagnostics'][0]['rule'] == 'core.dangling-reference' and j['diagnostics'][0]['line'] == $dangling"
pyjson broken-json broken-json.out 'j["diagnostics"][0]["file"] == "tests/cli/fixture_stacks.cpp" and j["diagnostics"][0]["stack"] == "breakable"'
pyjson broken-json broken-json.out 'j["diagnostics"][0]["address"] == "terraform_data.broken" and j["diagnostics"][0]["severity"] == "error"'

run broken-sarif 1 "$full" validate -c break=duplicate --format sarif
pyjson broken-sarif broken-sarif.out 'j["version"] == "2.1.0" and j["runs"][0]["tool"]["driver"]["name"] == "stackgen"'
pyjson broken-sarif broken-sarif.out "[r['ruleId'] for r in j['runs'][0]['results']] == ['core.duplicate-address']"
pyjson broken-sarif broken-sarif.out "j['runs'][0]['results'][0]['locations'][0]['physicalLocation']['region']['startLine'] == $duplicate"
pyjson broken-sarif broken-sarif.out 'j["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "tests/cli/fixture_stacks.cpp"'
[[ $(sums "$out") == "$before" ]] || fail "broken runs changed the output"

# --- foreign files are never overwritten --------------------------------------------
foreign="$scratch/foreign"
mkdir -p "$foreign/alpha" && echo '{"mine": true}' >"$foreign/alpha/main.tf.json"
run foreign 1 "$full" emit --out "$foreign"
has foreign foreign.err "exists and was not written by stackgen"
[[ $(cat "$foreign/alpha/main.tf.json") == '{"mine": true}' ]] || fail "foreign file overwritten"
[[ ! -e "$foreign/beta" && ! -e "$foreign/.stackgen-manifest" ]] || fail "a refused emit wrote other files"
# The order file (the one file at the top of OUT) is no exception: a file
# or link stackgen did not write there is refused, its target untouched.
python3 - "$out/stackgen.order.json" <<'PY' || fail "emit: the order file"
import json, sys
doc = json.load(open(sys.argv[1]))
assert [s["name"] for s in doc["stacks"]] == ["alpha", "beta", "breakable", "gamma"], doc
PY
mkdir -p "$scratch/foreign-order" && echo keep >"$scratch/order-target"
ln -s "$scratch/order-target" "$scratch/foreign-order/stackgen.order.json"
run foreign-order 1 "$full" emit --out "$scratch/foreign-order"
has foreign-order foreign-order.err "stackgen.order.json is a symbolic link"
[[ $(cat "$scratch/order-target") == keep && ! -e "$scratch/foreign-order/alpha" ]] || fail "emit wrote through a planted order file"

# --- stacks leave: another program never removes what it does not define ----------
run small-scoped 0 "$small" emit --out "$out" --stack alpha --stack beta
has small-scoped small-scoped.err "0 written, 2 unchanged, 0 removed"
[[ -f "$out/gamma/main.tf.json" ]] || fail "a --stack run removed another stack's files"
# The order file lists the program's stacks: without gamma it is out of date.
run small-check 1 "$small" emit --check --out "$out"
has small-check small-check.err "kept $out/gamma/: stack 'gamma' is not defined by this program (emit --prune removes it)"
has small-check small-check.err "out of date: $out/stackgen.order.json"
run small-check-prune 1 "$small" emit --check --prune --out "$out"
has small-check-prune small-check-prune.err "stale: $out/gamma/main.tf.json"
[[ -f "$out/gamma/main.tf.json" ]] || fail "emit --check removed a file"
run small-diff-prune 0 "$small" diff --prune --out "$out"
has small-diff-prune small-diff-prune.out "stack gamma (gamma/main.tf.json)"
has small-diff-prune small-diff-prune.out "- var.replicas"
has small-diff-prune small-diff-prune.out "2 to remove"
run small-full 0 "$small" emit --out "$out"
has small-full small-full.err "1 written, 3 unchanged, 0 removed"
has small-full small-full.err "kept $out/gamma/"
[[ -f "$out/gamma/main.tf.json" ]] || fail "a program without gamma removed gamma's files without --prune"
has small-full "$out/.stackgen-manifest" "gamma/main.tf.json"
run small-prune 0 "$small" emit --prune --out "$out"
has small-prune small-prune.err "0 written, 4 unchanged, 1 removed"
[[ ! -e "$out/gamma" ]] || fail "the pruned stack's directory is still there"
hasnt small-prune "$out/.stackgen-manifest" "gamma/"
has small-prune "$out/.stackgen-manifest" "alpha/main.tf.json"

# --- programs whose registry is wrong stop before anything runs -------------------------
run none 1 "$none" emit --out "$scratch/none-out"
has none none.err "this program registers no stacks"
has none none.err "stackgen_add_stack"
[[ ! -e "$scratch/none-out" ]] || fail "a program without stacks created its output directory"
run dup 1 "$dup" emit --out "$scratch/dup-out"
has dup dup.err "stack 'alpha' is registered twice (first at tests/cli/fixture_"
has dup dup.err "stacks 'Beta' and 'beta' differ only in case"
has dup dup.err "[core.stack-registration]"
[[ ! -e "$scratch/dup-out" ]] || fail "a program with a broken registry wrote output"

# --- hostile output directories ---------------------------------------------------------
run restore 0 "$full" emit --out "$out"
run empty-out 2 "$full" emit --out ''
has empty-out empty-out.err "--out must not be empty"
victim="$scratch/victim"
mkdir -p "$victim" && echo "precious" >"$victim/keep.txt"
# A manifest that names files outside OUT is corrupt: nothing is removed or written.
evil="$scratch/evil"
mkdir -p "$evil"
printf '# stackgen manifest v2\n../victim/keep.txt\n' >"$evil/.stackgen-manifest"
run evil-manifest 1 "$full" emit --out "$evil"
has evil-manifest evil-manifest.err ".stackgen-manifest is corrupt (line 2:"
[[ -f "$victim/keep.txt" ]] || fail "a crafted manifest made emit delete a file outside OUT"
[[ ! -e "$evil/alpha" ]] || fail "emit wrote despite a corrupt manifest"
# A stack directory that is a link elsewhere is refused.
linked="$scratch/linked"
mkdir -p "$linked" && ln -s "$victim" "$linked/alpha"
run linked-dir 1 "$full" emit --out "$linked"
has linked-dir linked-dir.err "is a symbolic link, not a directory stackgen made"
[[ ! -e "$victim/main.tf.json" ]] || fail "emit wrote through a planted link"
# OUT itself a link.
ln -s "$victim" "$scratch/out-link"
run out-link 1 "$full" emit --out "$scratch/out-link"
has out-link out-link.err "is a symbolic link; stackgen does not write through links"
# main.tf.json replaced by a link (or a FIFO): emit and diff refuse, and diff
# never prints the link's target.
cp -r "$out" "$scratch/planted"
rm "$scratch/planted/alpha/main.tf.json" && ln -s "$victim/keep.txt" "$scratch/planted/alpha/main.tf.json"
run planted-emit 1 "$full" emit --out "$scratch/planted"
has planted-emit planted-emit.err "alpha/main.tf.json is a symbolic link"
run planted-diff 1 "$full" diff --out "$scratch/planted"
hasnt planted-diff planted-diff.out "precious"
[[ $(cat "$victim/keep.txt") == precious ]] || fail "a planted link changed its target"
rm "$scratch/planted/alpha/main.tf.json" && mkfifo "$scratch/planted/alpha/main.tf.json"
run planted-fifo 1 timeout 10 "$full" emit --out "$scratch/planted"
has planted-fifo planted-fifo.err "alpha/main.tf.json is a FIFO"
rm "$scratch/planted/alpha/main.tf.json"
rm "$scratch/planted/.stackgen-manifest" && ln -s /dev/zero "$scratch/planted/.stackgen-manifest"
run planted-zero 1 timeout 10 "$full" emit --out "$scratch/planted"
has planted-zero planted-zero.err ".stackgen-manifest is a symbolic link"
# CRLF line ends in the manifest (git autocrlf) work.
cp -r "$out" "$scratch/crlf"
sed -i 's/$/\r/' "$scratch/crlf/.stackgen-manifest"
run crlf 0 "$full" emit --out "$scratch/crlf"
has crlf crlf.err "0 written, 5 unchanged, 0 removed"
# The mode of an emitted file survives a re-emit that changes it.
chmod 600 "$scratch/crlf/alpha/main.tf.json"
sed -i 's/"demo"/"edited"/' "$scratch/crlf/alpha/main.tf.json"
run chmod-kept 0 "$full" emit --out "$scratch/crlf"
[[ $(stat -c %a "$scratch/crlf/alpha/main.tf.json") == 600 ]] || fail "re-emit lost the file's mode 600"
# Temporaries of a killed run are cleaned up by the next one.
echo junk >"$scratch/crlf/alpha/.main.tf.json.stackgen-tmp.abcd1234"
run temporaries 0 "$full" emit --out "$scratch/crlf"
has temporaries temporaries.err "removed 1 temporary file(s) left by an interrupted emit"
[[ ! -e "$scratch/crlf/alpha/.main.tf.json.stackgen-tmp.abcd1234" ]] || fail "a stale temporary was left"
# A failing write (here: the file size limit, as ENOSPC would) says why and
# leaves no temporary behind.
cp -r "$out" "$scratch/full-disk" && sed -i 's/"demo"/"edited"/' "$scratch/full-disk/alpha/main.tf.json"
run write-fails 1 bash -c "trap '' XFSZ; ulimit -f 1; exec \"\$0\" emit --out \"\$1\"" "$full" "$scratch/full-disk"
has write-fails write-fails.err "File too large"
[[ -z $(find "$scratch/full-disk" -name '.*stackgen-tmp*') ]] || fail "a failed write left a temporary file"
run after-failure 0 "$full" emit --out "$scratch/full-disk"
has after-failure after-failure.err "1 written, 4 unchanged, 0 removed"

if [[ $failures -ne 0 ]]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "all e2e checks passed"
