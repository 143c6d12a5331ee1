#!/usr/bin/env bash
# tools/fetch-convert-corpus.sh [DIR] [--mirror ROOT] [--cdktf]
#
# Fetches the real-world configurations of tests/convert/corpus.json into
# DIR/<name>/ (default .cache/convert-corpus): each folder's .tf files (and
# the data files the entry lists) at the recorded commit, then the recorded
# patches, each with its reason. They are not kept in the repository; the
# plan-equality test (convert_plan_equal) uses whatever is present.
#
# Sources: git over the network (https://github.com/<repository>), or with
# --mirror ROOT, local bare mirrors ROOT/<owner>+<name>/repo (how machines
# without network get them). With --cdktf, also the CDKTF entry: the seed
# stack's CDKTF port (bench/cdktf, set up from npm by tools/bench-cdktf.sh)
# synthesized, then trimmed as the entry says (no hashicorp/tls here).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/.cache/convert-corpus" mirror="" cdktf=0
while (($#)); do
  case $1 in
    --mirror) mirror=$2; shift 2 ;;
    --cdktf) cdktf=1; shift ;;
    *) dir=$1; shift ;;
  esac
done
mkdir -p "$dir"
python3 - "$root/tests/convert/corpus.json" "$dir" "$mirror" <<'PY'
import json, os, shutil, subprocess, sys, tempfile
manifest, out, mirror = sys.argv[1], sys.argv[2], sys.argv[3]
for c in json.load(open(manifest))["configurations"]:
    if "repository" not in c:
        continue  # generated entries (--cdktf)
    repo, commit, path = c["repository"], c["commit"], c["path"]
    with tempfile.TemporaryDirectory() as tmp:
        if mirror:
            git_dir = os.path.join(mirror, repo.replace("/", "+"), "repo")
        else:
            git_dir = os.path.join(tmp, "repo.git")
            subprocess.run(["git", "clone", "--quiet", "--bare", "--filter=blob:none",
                            f"https://github.com/{repo}", git_dir], check=True)
        archive = subprocess.run(["git", "--git-dir", git_dir, "archive", commit, path],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        src = os.path.join(tmp, path)
        dst = os.path.join(out, c["name"])
        shutil.rmtree(dst, ignore_errors=True)
        os.makedirs(dst)
        keep = set(c.get("data", []))
        for base, _, files in os.walk(src):
            for f in files:
                rel = os.path.relpath(os.path.join(base, f), src)
                if (f.endswith(".tf") and base == src) or rel in keep:
                    os.makedirs(os.path.dirname(os.path.join(dst, rel)), exist_ok=True)
                    shutil.copy(os.path.join(base, f), os.path.join(dst, rel))
    for p in c.get("patches", []):
        target = os.path.join(dst, p["file"])
        text = open(target, encoding="utf-8").read()
        if p["from"] not in text:
            sys.exit(f"{c['name']}: patch of {p['file']} no longer applies ({p['why']})")
        open(target, "w", encoding="utf-8").write(text.replace(p["from"], p["to"]))
    print(f"{c['name']}: {repo}@{commit[:12]} {path} -> {dst}")
PY

if ((cdktf)); then
  "$root/tools/bench-cdktf.sh" --setup >/dev/null
  work=${STACKGEN_CDKTF_CACHE:-${HOME:-/root}/.cache/stackgen-cdktf}/work
  node "$work/dist/main.js" "$work/out/seed" >/dev/null
  mkdir -p "$dir/cdktf-keencho"
  node "$root/tools/cdktf-seed-without-tls.cjs" "$work/out/seed/stacks/keencho/cdk.tf.json" "$dir/cdktf-keencho/cdk.tf.json"
  echo "cdktf-keencho: CDKTF synth of bench/cdktf -> $dir/cdktf-keencho"
fi
