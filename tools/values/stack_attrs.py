#!/usr/bin/env python3
"""tools/values/stack_attrs.py: which value-checked attributes the stacks use.

    build/stackgen emit --out /tmp/stack-out
    tools/values/stack_attrs.py --emitted /tmp/stack-out [--values schema/aws-5.100.0.values.json]
        [--schema schema/aws-5.100.0.json] [--json]

Walks every emitted `*/main.tf.json`, finds each literal string (no `${`) set
on a string or list/set-of-string attribute of a resource or data source,
and prints one line per distinct (kind, type, path): the literals used, and
the matching entry of the values file (its values, or `open`/`none`).
Exit status 1 if a literal is not among a closed entry's values: the stack
would then not compile once setters check values (or terraform would reject
it).
"""
import argparse
import glob
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ADDR = "registry.terraform.io/hashicorp/aws"


def walk(block, body, path, out):
    attrs = block.get("attributes", {})
    blocks = block.get("block_types", {})
    for k, v in body.items():
        if k in blocks:
            for item in (v if isinstance(v, list) else [v]):
                if isinstance(item, dict):
                    walk(blocks[k]["block"], item, path + [k], out)
        elif k in attrs:
            value(attrs[k]["type"], v, path + [k], out)


def value(t, v, path, out):
    """Literal strings of value v of cty type t (descending into object types)."""
    p = ".".join(path)
    if t == "string" and isinstance(v, str) and "${" not in v:
        out.setdefault(p, set()).add(v)
    elif isinstance(t, list) and t[0] in ("list", "set") and t[1] == "string" and isinstance(v, list):
        for e in v:
            if isinstance(e, str) and "${" not in e:
                out.setdefault(p, set()).add(e)
    elif isinstance(t, list) and t[0] in ("list", "set") and isinstance(v, list):
        for e in v:
            value(t[1], e, path, out)
    elif isinstance(t, list) and t[0] == "object" and isinstance(v, dict):
        for f, fv in v.items():
            if f in t[1]:
                value(t[1][f], fv, path + [f], out)


def collect(emitted, ps):
    used = {}
    for f in sorted(glob.glob(os.path.join(emitted, "*", "*.tf.json"))):
        doc = json.load(open(f))
        for kind, key, skey in (("resource", "resource", "resource_schemas"), ("data", "data", "data_source_schemas")):
            for tname, insts in doc.get(key, {}).items():
                if tname not in ps.get(skey, {}):
                    continue
                for body in insts.values():
                    out = {}
                    walk(ps[skey][tname]["block"], body, [], out)
                    for p, vals in out.items():
                        used.setdefault((kind, tname, p), set()).update(vals)
    return used


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--emitted", required=True)
    ap.add_argument("--values", default=os.path.join(ROOT, "schema", "aws-5.100.0.values.json"))
    ap.add_argument("--schema", default=os.path.join(ROOT, "schema", "aws-5.100.0.json"))
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    ps = json.load(open(a.schema))["provider_schemas"][ADDR]
    used = collect(a.emitted, ps)
    entries = {}
    if os.path.exists(a.values):
        for e in json.load(open(a.values))["values"]:
            entries[(e["kind"], e["type"], e["path"])] = e
    bad = 0
    rows = []
    for key in sorted(used):
        e = entries.get(key)
        lits = sorted(used[key])
        if e is None:
            state = "none"
        elif e.get("open"):
            state = "open"
        else:
            state = "closed"
            vals = e["values"]
            if e.get("case_insensitive"):
                miss = [x for x in lits if x.lower() not in {v.lower() for v in vals}]
            else:
                miss = [x for x in lits if x not in vals]
            if miss:
                bad += 1
                state = "VIOLATION " + json.dumps(miss)
        rows.append({"kind": key[0], "type": key[1], "path": key[2], "used": lits, "state": state,
                     "values": e["values"] if e else None, "source": e["source"] if e else None})
    if a.json:
        json.dump(rows, sys.stdout, indent=1)
        print()
    else:
        for r in rows:
            if r["state"] == "none":
                continue
            print("%s %s.%s used=%s %s %s" % (r["kind"], r["type"], r["path"], json.dumps(r["used"]),
                                              r["state"], json.dumps(r["values"])))
        n = sum(1 for r in rows if r["state"] != "none")
        print("stack_attrs: %d literal-carrying attributes, %d with a values entry, %d violations"
              % (len(rows), n, bad), file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
