#!/usr/bin/env python3
"""tools/values/probe.py: ask the real hashicorp/aws provider which values its
validators accept, attribute by attribute.

    tools/values/probe.py --schema /tmp/aws-all.json --work /tmp/values-work \
        [--jobs 2] [--chunk 2500] [--only TYPE,...]

For every settable (optional or required) attribute of type string or
list/set of string, in every resource and data source of the schema (also
string fields of object-typed attributes), one probe block is written: the
type's required attributes and blocks filled with dummies, the enclosing
blocks of the attribute, and the attribute set to the sentinel `zzqprobe`
(`["zzqprobe"]` for collections).  Each distinct skeleton (type + enclosing
path) also gets a baseline block without the probed attribute.  All blocks are
checked with `terraform validate -json` against the provider from the local
offline mirror (tools/tf-env.sh); the provider runs its ValidateFunc /
ValidateDiagFunc / framework validators exactly as `terraform plan` would.
The errors of a probe block minus the errors of its baseline block are the
errors the attribute's own validators raised for the sentinel.

Round 2 (same run, after round 1): for every attribute whose sentinel error is
a single "one of [...]" list, three more probes:
  * `valid`: each listed value, one block per value (collections: a
    one-element list): must raise no error, else the set is not trusted;
  * `case`: a case-swapped listed value (not itself listed): no error means the
    validator ignores case;

Output: WORK/round1.json and WORK/round2.json, one row a probe {kind, type,
path, element, round, value, errors: [str]}, and WORK/meta.json (versions).
`--round 1` / `--round 2` run one round (2 reads round1.json), so a parser fix
in common.py needs only round 2 re-run.
Stdlib only; needs terraform and the mirror that tools/update-schema.sh uses.
"""
import argparse
import concurrent.futures as cf
import json
import os
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import SENTINEL, normalize, own_errors, parse_one_of, strip_element_keys  # noqa: E402

RW = re.compile(r"all of `([^`]+)` must be specified|Attribute \"([^\"]+)\" must be specified when")

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ADDR = "registry.terraform.io/hashicorp/aws"


def q(s):
    return json.dumps(s)


def is_settable(a):
    return bool(a.get("optional") or a.get("required"))


def str_kind(t):
    """'scalar' for string, 'element' for list/set of string, else None."""
    if t == "string":
        return "scalar"
    if isinstance(t, list) and len(t) == 2 and t[0] in ("list", "set") and t[1] == "string":
        return "element"
    return None


def dummy(t):
    """An HCL literal of cty type t (json encoding); required object fields only."""
    if t == "string" or t == "dynamic":
        return '"x"'
    if t == "number":
        return "1"
    if t == "bool":
        return "false"
    if isinstance(t, list):
        if t[0] in ("list", "set"):
            return "[]"
        if t[0] == "map":
            return "{}"
        if t[0] == "object":
            return obj_literal(t, None, None)
        if t[0] == "tuple":
            return "[" + ", ".join(dummy(x) for x in t[1]) + "]"
    raise ValueError("unknown type %r" % (t,))


def obj_literal(t, sub, leaf):
    """Object literal for object type t; sub = remaining path inside it, leaf = HCL of leaf."""
    fields = t[1]
    optional = set(t[2]) if len(t) > 2 else set()
    parts = []
    for name in sorted(fields):
        ft = fields[name]
        if sub and name == sub[0]:
            parts.append("%s = %s" % (name, value_at(ft, sub[1:], leaf)))
        elif name not in optional:
            parts.append("%s = %s" % (name, dummy(ft)))
    return "{ " + ", ".join(parts) + " }"


def object_typed(t):
    while isinstance(t, list) and t[0] in ("list", "set"):
        t = t[1]
    return isinstance(t, list) and t[0] == "object"


def dummy_elem(t):
    """Like dummy(), but a list/set of objects gets one dummy element."""
    if isinstance(t, list) and t[0] in ("list", "set"):
        return "[" + dummy_elem(t[1]) + "]"
    return dummy(t)


def value_at(t, sub, leaf):
    """HCL value of type t carrying `leaf` at object path `sub` (leaf None: all dummies)."""
    if not sub:
        return leaf if leaf is not None else dummy(t)
    if t[0] in ("list", "set"):
        return "[" + value_at(t[1], sub, leaf) + "]"
    if t[0] == "object":
        return obj_literal(t, sub, leaf)
    raise ValueError("cannot descend %r" % (t,))


def render_body(block, path, leaf, ind, extras=()):
    """Lines of a block body: required attributes/blocks, plus path -> leaf.

    path: list of names; the last one (or the object attribute's chain) ends at
    the leaf.  leaf None renders the baseline (the path's blocks are present,
    the final attribute is dummy if required, absent otherwise; an object
    attribute on the path is rendered with dummies).  extras: names of
    attributes of the leaf's own block to set to dummies as well (partners of
    a RequiredWith rule, see round "1b")."""
    out = []
    here = extras if len(path) <= 1 else ()
    pad = "  " * ind
    attrs = block.get("attributes", {})
    blocks = block.get("block_types", {})
    head = path[0] if path else None
    for name in sorted(attrs):
        a = attrs[name]
        if name == head:
            rest = path[1:]
            if rest or leaf is not None:
                out.append("%s%s = %s" % (pad, name, value_at(a["type"], rest, leaf)))
            elif object_typed(a["type"]):
                # baseline of a field inside an object-typed attribute: one
                # element with dummy fields, as the probe has
                out.append("%s%s = %s" % (pad, name, dummy_elem(a["type"])))
            elif a.get("required"):
                out.append("%s%s = %s" % (pad, name, dummy(a["type"])))
            continue
        if a.get("required"):
            out.append("%s%s = %s" % (pad, name, dummy(a["type"])))
        elif name in here:
            out.append("%s%s = %s" % (pad, name, "true" if a["type"] == "bool" else dummy(a["type"])))
    for name in sorted(blocks):
        bt = blocks[name]
        n = bt.get("min_items", 0)
        if bt.get("nesting_mode") == "single" and bt.get("min_items"):
            n = 1
        if name == head:
            out.append("%s%s {" % (pad, name))
            out.extend(render_body(bt["block"], path[1:], leaf, ind + 1, extras))
            out.append("%s}" % pad)
            n -= 1
        for _ in range(max(n, 0)):
            out.append("%s%s {" % (pad, name))
            out.extend(render_body(bt["block"], [], None, ind + 1))
            out.append("%s}" % pad)
    return out


def enum_probes(kind, tname, block):
    """Yield (path list, element bool, container path tuple, required bool)."""

    def walk_obj(prefix, container, t, required):
        # t: cty type of an object-typed attribute (possibly list/set of object)
        while isinstance(t, list) and t[0] in ("list", "set"):
            t = t[1]
        if not (isinstance(t, list) and t[0] == "object"):
            return
        optional = set(t[2]) if len(t) > 2 else set()
        for f in sorted(t[1]):
            ft = t[1][f]
            sk = str_kind(ft)
            p = prefix + [f]
            if sk:
                yield p, sk == "element", container, required and f not in optional
            elif isinstance(ft, list) and ft[0] in ("list", "set", "object"):
                yield from walk_obj(p, tuple(p), ft, False)

    def walk(prefix, b):
        for name in sorted(b.get("attributes", {})):
            a = b["attributes"][name]
            if not is_settable(a) or "nested_type" in a:
                continue
            if not prefix and name == "id":
                continue  # SDKv2's optional+computed "id": never settable
            sk = str_kind(a["type"])
            if sk:
                yield prefix + [name], sk == "element", tuple(prefix), bool(a.get("required"))
            elif isinstance(a["type"], list) and a["type"][0] in ("list", "set", "object"):
                yield from walk_obj(prefix + [name], tuple(prefix + [name]), a["type"], False)
        for name in sorted(b.get("block_types", {})):
            bt = b["block_types"][name]
            if bt.get("nesting_mode") not in ("list", "set", "single", "group"):
                continue
            yield from walk(prefix + [name], bt["block"])

    yield from walk([], block)


def hcl_leaf(value, element):
    if element:
        if isinstance(value, list):
            return "[" + ", ".join(q(v) for v in value) + "]"
        return "[" + q(value) + "]"
    return q(value)


class Job:
    __slots__ = ("kind", "type", "path", "element", "container", "round", "value", "label", "base",
                 "errors", "extras")

    def __init__(self, kind, tname, path, element, container, rnd, value):
        self.kind, self.type, self.path, self.element = kind, tname, path, element
        self.container, self.round, self.value = container, rnd, value
        self.label = None
        self.errors = None
        self.extras = ()


def schema_block(ps, kind, tname):
    key = "resource_schemas" if kind == "resource" else "data_source_schemas"
    return ps[key][tname]["block"]


def block_text(ps, kind, tname, label, path, leaf, extras=()):
    body = render_body(schema_block(ps, kind, tname), path, leaf, 1, extras)
    word = "resource" if kind == "resource" else "data"
    return "%s %s %s {\n%s\n}\n" % (word, q(tname), q(label), "\n".join(body))


def run_chunk(args, template, idx, blocks):
    """blocks: list of (label, kind, type, text). Returns {address: [messages]}."""
    d = os.path.join(args.work, "chunks", "c%05d" % idx)
    if os.path.isdir(d):
        shutil.rmtree(d)
    os.makedirs(d)
    for f in (".terraform", ".terraform.lock.hcl"):
        os.symlink(os.path.join(template, f), os.path.join(d, f))
    shutil.copy(os.path.join(template, "main.tf"), os.path.join(d, "main.tf"))
    # one file per block: `validate -json` renders a snippet for every
    # diagnostic by scanning its file, so one big file makes the run quadratic
    for label, _, _, text in blocks:
        with open(os.path.join(d, label + ".tf"), "w") as fh:
            fh.write(text)
    p = subprocess.run(["terraform", "-chdir=" + d, "validate", "-json", "-no-color"],
                       capture_output=True, text=True, env=args.env)
    try:
        res = json.loads(p.stdout)
    except ValueError:
        raise SystemExit("probe: terraform validate gave no JSON in %s:\n%s" % (d, p.stderr[-3000:]))
    by = {}
    unaddressed = []
    for dg in res.get("diagnostics", []):
        if dg.get("severity") != "error":
            continue
        msg = dg.get("summary", "")
        if dg.get("detail"):
            msg += " | " + dg["detail"]
        addr = dg.get("address")
        if not addr:
            # fall back to the source line: find the block whose range holds it
            # fall back to the file: one block per file, named by its label
            fn = os.path.basename(dg.get("range", {}).get("filename", "?"))
            unaddressed.append(("@" + fn[:-3] if fn.endswith(".tf") else "?", msg))
            continue
        by.setdefault(addr, []).append(msg)
    for line_file, msg in unaddressed:
        by.setdefault(line_file, []).append(msg)
    if not args.keep:
        shutil.rmtree(d)
    return by


def address(kind, tname, label):
    return ("data." if kind == "data" else "") + tname + "." + label


def save(path, jobs):
    save_rows(path, [row(j) for j in jobs])


def row(j):
    r = {"kind": j.kind, "type": j.type, "path": ".".join(j.path), "element": j.element,
         "round": j.round, "value": j.value, "errors": j.errors}
    if j.extras:
        r["extras"] = list(j.extras)
    return r


def save_rows(path, rows):
    with open(path + ".tmp", "w") as fh:
        fh.write("[\n" + ",\n".join(json.dumps(r, sort_keys=True) for r in rows) + "\n]\n")
    os.replace(path + ".tmp", path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--schema", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--chunk", type=int, default=2500)
    ap.add_argument("--only", default="", help="comma-separated types (resource or data names)")
    ap.add_argument("--exclude", default="aws_quicksight_analysis,aws_quicksight_dashboard,aws_quicksight_template,"
                                         "aws_wafv2_rule_group,aws_wafv2_web_acl",
                    help="comma-separated type names or name prefixes ending in _ to skip (default: the "
                         "QuickSight and WAFv2 giants, 49k of the 67k probes, probed separately with "
                         "--only ... --max-depth; pass '' to include them)")
    ap.add_argument("--round", choices=("1", "2", "all"), default="all",
                    help="1: sentinel probes; 2: value/case probes (needs round1.json); all: both")
    ap.add_argument("--round-1b", action="store_true",
                    help="with --round 2: first redo round 1b (RequiredWith partners) on round1.json")
    ap.add_argument("--missing-only", action="store_true",
                    help="with --round 2: keep round2.json and probe only attributes it lacks")
    ap.add_argument("--max-depth", type=int, default=0,
                    help="probe only attribute paths of at most this many segments (0: all); for the "
                         "QuickSight and WAFv2 giants, whose deep recursive statements cost hours")
    ap.add_argument("--keep", action="store_true", help="keep chunk dirs")
    args = ap.parse_args()

    sch = json.load(open(args.schema))
    ps = sch["provider_schemas"][ADDR]
    version = sch.get("provider_versions", {}).get(ADDR, "?")
    only = set(x for x in args.only.split(",") if x)
    excl = [x for x in args.exclude.split(",") if x]

    def excluded(t):
        return any(t == x or (x.endswith("_") and t.startswith(x)) for x in excl)

    os.makedirs(args.work, exist_ok=True)
    template = os.path.join(args.work, "template")
    os.makedirs(template, exist_ok=True)
    env_out = subprocess.run([os.path.join(ROOT, "tools", "tf-env.sh"), os.path.join(args.work, "cli")],
                             capture_output=True, text=True, check=True).stdout
    env = dict(os.environ)
    for m in re.finditer(r"^export (\w+)=(.*)$", env_out, re.M):
        v = m.group(2)
        if v[:1] in "'\"":
            v = v[1:-1]
        env[m.group(1)] = v
    env["TF_IN_AUTOMATION"] = "1"
    env["CHECKPOINT_DISABLE"] = "1"
    args.env = env
    with open(os.path.join(template, "main.tf"), "w") as fh:
        fh.write('terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws", version = "= %s" }\n  }\n}\n'
                 'provider "aws" {\n  region = "us-east-1"\n}\n' % version)
    subprocess.run(["terraform", "-chdir=" + template, "init", "-input=false", "-backend=false", "-no-color"],
                   capture_output=True, text=True, check=True, env=env)
    tfv = subprocess.run(["terraform", "version", "-json"], capture_output=True, text=True, env=env).stdout

    jobs = []
    for kind, key in (("resource", "resource_schemas"), ("data", "data_source_schemas")):
        for tname in sorted(ps[key]):
            if only and tname not in only:
                continue
            if excluded(tname) and tname not in only:
                continue
            for path, element, container, required in enum_probes(kind, tname, ps[key][tname]["block"]):
                if args.max_depth and len(path) > args.max_depth:
                    continue
                jobs.append(Job(kind, tname, path, element, container, 1, SENTINEL))

    def run_round(round_jobs):
        # chunks of --chunk probes; each chunk carries the baselines its probes
        # need (terraform validate's time grows with the square of the block
        # count, so small chunks are cheaper)
        chunks = []
        for k in range(0, len(round_jobs), args.chunk):
            baselines = {}
            blocks = []
            for i, j in enumerate(round_jobs[k:k + args.chunk], k):
                j.label = "p%d" % i
                bkey = (j.kind, j.type, j.container, tuple(j.extras))
                if bkey not in baselines:
                    lbl = "b%d_%d" % (k, len(baselines))
                    baselines[bkey] = lbl
                    blocks.append((lbl, j.kind, j.type,
                                   block_text(ps, j.kind, j.type, lbl, list(j.container), None, j.extras)))
                j.base = baselines[bkey]
                blocks.append((j.label, j.kind, j.type,
                               block_text(ps, j.kind, j.type, j.label, j.path, hcl_leaf(j.value, j.element),
                                          j.extras)))
            chunks.append(blocks)
        results = {}
        t0 = time.time()
        # labels are unique within a round, so results of all chunks can merge
        with cf.ThreadPoolExecutor(max_workers=args.jobs) as ex:
            futs = {ex.submit(run_chunk, args, template, k, c): k for k, c in enumerate(chunks)}
            done = 0
            for f in cf.as_completed(futs):
                results.update(f.result())
                done += 1
                print("probe: round chunk %d/%d done (%.0fs)" % (done, len(chunks), time.time() - t0),
                      file=sys.stderr)
        for j in round_jobs:
            base = results.get(address(j.kind, j.type, j.base), []) + results.get("@" + j.base, [])
            mine = results.get(address(j.kind, j.type, j.label), []) + results.get("@" + j.label, [])
            bs = [normalize(m) for m in base]
            extra = []
            for m in mine:
                if normalize(m) in bs:
                    bs.remove(normalize(m))
                else:
                    extra.append(m)
            j.errors = sorted(extra)

    r1 = os.path.join(args.work, "round1.json")
    if args.round in ("1", "all"):
        print("probe: round 1: %d probes" % len(jobs), file=sys.stderr)
        run_round(jobs)
        save(r1, jobs)
    else:
        prev = {(p["kind"], p["type"], p["path"]): p for p in json.load(open(r1))}
        for j in jobs:
            p = prev[(j.kind, j.type, ".".join(j.path))]
            j.errors, j.extras = p["errors"], tuple(p.get("extras", ()))
    if args.round in ("1", "all") or args.round_1b:
        # round 1b: SDKv2 skips an attribute's validator while a RequiredWith
        # partner is unset ("all of `a,b` must be specified"): probe again
        # with the partners (attributes of the same block) set to dummies
        retry = []
        for j in jobs:
            if j.extras:
                continue
            for e in j.errors:
                m = RW.search(e)
                if m:
                    names = sorted({strip_element_keys(x).split(".")[-1]
                                    for x in re.split(r"[,`]", m.group(1) or m.group(2) or "") if x.strip()}
                                   - {j.path[-1]})
                    if names:
                        j.extras = tuple(names)
                        retry.append(j)
                    break
        if retry:
            print("probe: round 1b: %d probes with RequiredWith partners set" % len(retry), file=sys.stderr)
            run_round(retry)
            save(r1, jobs)
    round2 = []
    r2path = os.path.join(args.work, "round2.json")
    have = []
    if args.round == "2" and args.missing_only and os.path.exists(r2path):
        have = json.load(open(r2path))
    done2 = {(p["kind"], p["type"], p["path"]) for p in have}
    if args.round in ("2", "all"):
        for j in jobs:
            if (j.kind, j.type, ".".join(j.path)) in done2:
                continue
            # same filter as build.py: errors naming another attribute are not ours
            errs = own_errors(j.errors, j.path[-1], j.value)
            parsed = [parse_one_of(e) for e in errs]
            # one "one of" list (the same list reported twice counts once)
            if not parsed or not all(parsed) or len({tuple(sorted(x[1])) for x in parsed}) != 1:
                continue
            p = parsed[0]
            if not p[1]:
                continue
            vals = p[1]
            # one value a probe (collections: a one-element list), so MaxItems
            # or "only one of these" rules of a collection do not interfere
            new = [Job(j.kind, j.type, j.path, j.element, j.container, "valid", v) for v in vals]
            swapped = [v.swapcase() for v in vals if v.swapcase() != v and v.swapcase() not in vals]
            if swapped:
                new.append(Job(j.kind, j.type, j.path, j.element, j.container, "case", swapped[0]))
            for n in new:
                n.extras = j.extras
            round2 += new
        print("probe: round 2: %d probes" % len(round2), file=sys.stderr)
        run_round(round2)
        rows = have + [row(j) for j in round2]
        rows.sort(key=lambda r: (r["kind"], r["type"], r["path"], str(r["round"]), json.dumps(r["value"])))
        save_rows(r2path, rows)

    meta = {
        "provider": ADDR, "provider_version": version,
        "schema": os.path.abspath(args.schema),
        "terraform": json.loads(tfv).get("terraform_version") if tfv else None,
        "sentinel": SENTINEL,
        "only": sorted(only), "exclude": excl, "max_depth": args.max_depth,
    }
    with open(os.path.join(args.work, "meta.json"), "w") as fh:
        json.dump(meta, fh, indent=1, sort_keys=True)
        fh.write("\n")
    print("probe: done, results in %s/round1.json, round2.json" % args.work, file=sys.stderr)

if __name__ == "__main__":
    main()
