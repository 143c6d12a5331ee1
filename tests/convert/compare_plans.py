#!/usr/bin/env python3
"""Compare two `terraform show -json` plans: the original configuration's and
the converted program's. Equal means: the same planned addresses, and for
each the same actions, planned values (`after`), `after_unknown` and
`after_sensitive`; the same outputs with the same values, unknown and
sensitive marks.

  compare_plans.py ORIGINAL.json CONVERTED.json   -> exit 0, or the differences and exit 1
"""
import json
import sys


def changes(plan):
    out = {}
    for rc in plan.get("resource_changes", []):
        c = rc["change"]
        out[rc["address"]] = {
            "actions": c.get("actions"),
            "after": c.get("after"),
            "after_unknown": c.get("after_unknown"),
            "after_sensitive": c.get("after_sensitive"),
        }
    return out


def outputs(plan):
    out = {}
    for name, c in plan.get("output_changes", {}).items():
        out[name] = {k: c.get(k) for k in ("actions", "after", "after_unknown", "after_sensitive")}
    return out


def diff(path, a, b, found):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            diff(f"{path}.{k}", a.get(k, "<absent>"), b.get(k, "<absent>"), found)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            diff(f"{path}[{i}]", x, y, found)
    elif a != b:
        found.append(f"{path}: {json.dumps(a)[:200]} != {json.dumps(b)[:200]}")


def main():
    a, b = (json.load(open(p)) for p in sys.argv[1:3])
    found = []
    ca, cb = changes(a), changes(b)
    for addr in sorted(set(ca) - set(cb)):
        found.append(f"{addr}: planned by the original only")
    for addr in sorted(set(cb) - set(ca)):
        found.append(f"{addr}: planned by the converted program only")
    for addr in sorted(set(ca) & set(cb)):
        diff(addr, ca[addr], cb[addr], found)
    diff("output", outputs(a), outputs(b), found)
    if found:
        print("\n".join(found[:60]))
        if len(found) > 60:
            print(f"... and {len(found) - 60} more")
        return 1
    print(f"same plan: {len(ca)} resource changes, {len(outputs(a))} outputs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
