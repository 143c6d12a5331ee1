#!/usr/bin/env python3
"""Summarise what changed between two provider schema files.

usage: schema-diff.py [--totals] [--type NAME ...] OLD.json NEW.json

Prints totals first, then the types added and removed, then per changed type
the attributes and blocks added (+), removed (-) and changed (~: type, flags
required / optional / computed / sensitive / deprecated / write_only, block
vs attribute, nesting mode, min / max items), at every nesting level. What
is inside an added or removed block is counted in the totals as part of
it, not listed again.

Facts a derived file (tools/cdk-schema/derive.py) marks unknown are not
compared: `stackgen_unknown` items (e.g. max_items), `sensitive` / `deprecated`
of paths marked `stackgen_uncarried`, a schema `version` missing on either
side, and the contents of `stackgen_opaque` blocks. Their counts are shown as
"not compared". Descriptions are never compared.

--totals   print the totals only
--type     restrict the listing to these types (the totals stay whole)

Both files are loaded with tools/schema_format.py (any JSON layout works).
Stdlib only.
"""
import argparse
import collections
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import schema_format  # noqa: E402

ATTR_FLAGS = ("required", "optional", "computed", "sensitive", "deprecated", "write_only")
UNCARRIED_FLAGS = ("sensitive", "deprecated")


def tshort(t):
    if isinstance(t, str):
        return t
    if t[0] == "object":
        return "object{" + ",".join(sorted(t[1])) + "}"
    return f"{t[0]}({tshort(t[1])})"


def attr_type(a):
    if "type" in a:
        return a["type"]
    nt = a.get("nested_type", {})
    obj = ["object", {n: attr_type(x) for n, x in nt.get("attributes", {}).items()}]
    return obj if nt.get("nesting_mode") == "single" else [nt.get("nesting_mode"), obj]


def flagstr(a):
    return " ".join(k for k in ATTR_FLAGS if a.get(k)) or "-"


def describe_attr(a):
    return f"{tshort(attr_type(a))} [{flagstr(a)}]"


def describe_block(bt):
    parts = [bt.get("nesting_mode", "?")]
    unknown = set(bt.get("stackgen_unknown", []))
    for k in ("min_items", "max_items"):
        if k in unknown:
            parts.append(f"{k.split('_')[0]} ?")
        elif bt.get(k):
            parts.append(f"{k.split('_')[0]} {bt[k]}")
    if bt.get("stackgen_opaque"):
        parts.append("contents unknown")
    if bt.get("block", {}).get("deprecated"):
        parts.append("deprecated")
    return ", ".join(parts)


def count_tree(b):
    na = len(b.get("attributes", {}))
    nb = len(b.get("block_types", {}))
    for bt in b.get("block_types", {}).values():
        x, y = count_tree(bt.get("block", {}))
        na, nb = na + x, nb + y
    return na, nb


class Diff:
    def __init__(self):
        self.t = collections.Counter()

    def attrs(self, old, new, where, out):
        """Compare two attributes; returns True if anything changed."""
        unknown = set(new.get("stackgen_unknown", []))
        to, tn = attr_type(old), attr_type(new)
        if "type" in unknown:
            self.t["not compared (unknown in NEW)"] += 1
        elif to != tn:
            if "inner_collection" in unknown and \
                    tshort(to).replace("set(", "list(") == tshort(tn).replace("set(", "list("):
                self.t["not compared (unknown in NEW)"] += 1
            else:
                out.append(f"~ attribute {where}: type {tshort(to)} -> {tshort(tn)}")
                self.t["attributes changed: type"] += 1
                return True
        skip = set(UNCARRIED_FLAGS) if new.get("stackgen_uncarried") else set()
        self.t["not compared (unknown in NEW)"] += len(skip)
        fo = {k for k in ATTR_FLAGS if old.get(k) and k not in skip}
        fn = {k for k in ATTR_FLAGS if new.get(k) and k not in skip}
        if fo != fn:
            gone = " ".join("-" + k for k in ATTR_FLAGS if k in fo - fn)
            got = " ".join("+" + k for k in ATTR_FLAGS if k in fn - fo)
            out.append(f"~ attribute {where}: {' '.join(x for x in (gone, got) if x)}")
            self.t["attributes changed: flags"] += 1
            return True
        return False

    def block(self, old, new, where, out):
        """Compare two blocks; returns True if anything changed."""
        changed = False
        oa, na = old.get("attributes", {}), new.get("attributes", {})
        ob, nb = old.get("block_types", {}), new.get("block_types", {})
        pre = where + "." if where else ""
        for n in sorted(set(oa) | set(na) | set(ob) | set(nb)):
            w = pre + n
            if n in oa and n in nb or n in ob and n in na:
                was, now = ("attribute", "block") if n in oa else ("block", "attribute")
                out.append(f"~ {w}: {was} -> {now}")
                self.t["attributes/blocks changed: attribute <-> block"] += 1
                changed = True
                continue
            if n in oa and n not in na:
                out.append(f"- attribute {w}: {describe_attr(oa[n])}")
                self.t["attributes removed"] += 1
                changed = True
            elif n in na and n not in oa:
                out.append(f"+ attribute {w}: {describe_attr(na[n])}")
                self.t["attributes added"] += 1
                changed = True
            elif n in oa:
                self.t["attributes on both sides"] += 1
                changed |= self.attrs(oa[n], na[n], w, out)
            elif n in ob and n not in nb:
                x, y = count_tree(ob[n].get("block", {}))
                out.append(f"- block {w} ({describe_block(ob[n])}; {x} attributes, {y} blocks inside)")
                self.t["blocks removed"] += 1
                self.t["attributes inside removed blocks"] += x
                self.t["blocks inside removed blocks"] += y
                changed = True
            elif n in nb and n not in ob:
                x, y = count_tree(nb[n].get("block", {}))
                out.append(f"+ block {w} ({describe_block(nb[n])}; {x} attributes, {y} blocks inside)")
                self.t["blocks added"] += 1
                self.t["attributes inside added blocks"] += x
                self.t["blocks inside added blocks"] += y
                changed = True
            else:
                self.t["blocks on both sides"] += 1
                changed |= self.block_type(ob[n], nb[n], w, out)
        return changed

    def block_type(self, old, new, where, out):
        unknown = set(new.get("stackgen_unknown", []))
        diffs = []
        if old.get("nesting_mode") != new.get("nesting_mode"):
            if "nesting_mode" in unknown:
                self.t["not compared (unknown in NEW)"] += 1
            else:
                diffs.append(f"nesting {old.get('nesting_mode')} -> {new.get('nesting_mode')}")
        for k in ("min_items", "max_items"):
            if k in unknown:
                self.t["not compared (unknown in NEW)"] += 1
            elif old.get(k, 0) != new.get(k, 0):
                diffs.append(f"{k} {old.get(k, 0)} -> {new.get(k, 0)}")
        ob, nb = old.get("block", {}), new.get("block", {})
        if not new.get("stackgen_uncarried") and bool(ob.get("deprecated")) != bool(nb.get("deprecated")):
            diffs.append(("+" if nb.get("deprecated") else "-") + "deprecated")
        changed = False
        if diffs:
            out.append(f"~ block {where}: " + ", ".join(diffs))
            self.t["blocks changed"] += 1
            changed = True
        if new.get("stackgen_opaque"):
            x, y = count_tree(ob)
            self.t["not compared (inside opaque blocks of NEW)"] += x + y
            return changed
        changed |= self.block(ob, nb, where, out)
        return changed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--totals", action="store_true", help="print the totals only")
    ap.add_argument("--type", action="append", default=[], help="list only these types")
    ap.add_argument("old")
    ap.add_argument("new")
    args = ap.parse_args()

    old, new = schema_format.load(args.old), schema_format.load(args.new)
    oaddr, op = schema_format.provider_entry(old)
    naddr, np = schema_format.provider_entry(new)
    ov = old.get("provider_versions", {}).get(oaddr, "?")
    nv = new.get("provider_versions", {}).get(naddr, "?")
    d = Diff()
    listing = []
    summary = []
    for label, key in (("resources", "resource_schemas"), ("data sources", "data_source_schemas"),
                       ("ephemeral resources", "ephemeral_resource_schemas")):
        os_, ns = op.get(key, {}), np.get(key, {})
        added = sorted(set(ns) - set(os_))
        removed = sorted(set(os_) - set(ns))
        changed = []
        for n in sorted(set(os_) & set(ns)):
            out = []
            ob, nb = os_[n].get("block", {}), ns[n].get("block", {})
            vo, vn = os_[n].get("version"), ns[n].get("version")
            if vo is None or vn is None:
                d.t["not compared (unknown in NEW)"] += 1
            elif vo != vn:
                out.append(f"~ schema version {vo} -> {vn}")
            if ns[n].get("stackgen_uncarried"):
                d.t["not compared (unknown in NEW)"] += 1
            elif bool(ob.get("deprecated")) != bool(nb.get("deprecated")):
                out.append(("+" if nb.get("deprecated") else "-") + "deprecated (the whole type)")
            d.block(ob, nb, "", out)
            if out:
                changed.append((n, out))
        both = len(set(os_) & set(ns))
        summary.append(f"{label}: {len(os_)} -> {len(ns)}: +{len(added)} added, -{len(removed)} removed, "
                       f"{len(changed)} changed, {both - len(changed)} unchanged")
        keep = (lambda n: n in args.type) if args.type else (lambda n: True)
        listing.append(f"\n{label} added ({len(added)}):")
        listing += [f"  + {n}" for n in added if keep(n)]
        listing.append(f"\n{label} removed ({len(removed)}):")
        listing += [f"  - {n}" for n in removed if keep(n)]
        listing.append(f"\n{label} changed ({len(changed)}):")
        for n, out in changed:
            if keep(n):
                listing.append(f"  {n}")
                listing += [f"    {line}" for line in out]
    pout = []
    pchanged = d.block(op.get("provider", {}).get("block", {}), np.get("provider", {}).get("block", {}), "", pout)
    summary.append(f"provider configuration: {'changed' if pchanged else 'unchanged'}")
    if pchanged and (not args.type or "provider" in args.type):
        listing.append("\nprovider configuration changed:")
        listing += [f"    {line}" for line in pout]
    t = d.t
    summary.append(f"attributes (in types on both sides): +{t['attributes added']} added, "
                   f"-{t['attributes removed']} removed, "
                   f"~{t['attributes changed: type'] + t['attributes changed: flags']} changed "
                   f"({t['attributes changed: type']} type, {t['attributes changed: flags']} flags), "
                   f"{t['attributes/blocks changed: attribute <-> block']} attribute <-> block; "
                   f"{t['attributes on both sides']} on both sides")
    summary.append(f"blocks (in types on both sides): +{t['blocks added']} added "
                   f"({t['attributes inside added blocks']} attributes, {t['blocks inside added blocks']} blocks inside), "
                   f"-{t['blocks removed']} removed "
                   f"({t['attributes inside removed blocks']} attributes, {t['blocks inside removed blocks']} blocks inside), "
                   f"~{t['blocks changed']} changed; {t['blocks on both sides']} on both sides")
    summary.append(f"not compared: {t['not compared (unknown in NEW)']} facts unknown in NEW, "
                   f"{t['not compared (inside opaque blocks of NEW)']} attributes/blocks inside opaque blocks of NEW")
    print(f"schema-diff: {args.old} ({oaddr} {ov}) -> {args.new} ({naddr} {nv})")
    print("totals:")
    for line in summary:
        print("  " + line)
    if not args.totals:
        print("\n".join(listing))


if __name__ == "__main__":
    main()
