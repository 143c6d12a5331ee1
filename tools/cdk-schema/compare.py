#!/usr/bin/env python3
"""Measure how faithfully a derived schema (tools/cdk-schema/derive.py)
matches a real one (`terraform providers schema -json`, trimmed).

usage: compare.py [--examples N] [--json OUT.json] REAL.json DERIVED.json

Both files must describe the same provider, ideally the same version (e.g.
the real schema/aws-5.100.0.json against a schema derived from
@cdktf/provider-aws@20.1.0, which was generated from hashicorp/aws 5.100.0):
then every disagreement is a derivation (or generator) error, not a change of
the provider.

Facts compared, type by type, at every nesting level (attributes and blocks
are compared only inside blocks present on both sides):

  types        the set of resource / data source types (and the provider)
  attributes   the set of attribute names
  blocks       the set of block type names
  kind         block vs attribute, for names present on both sides
  type         attribute type (exact JSON equality, object fields included)
  flags        required / optional / computed (all three equal)
  write_only   the write_only flag
  nesting      block nesting_mode
  min_items    exact min_items (0 when absent)
  max_items    exact max_items (0 when absent)

For min_items / max_items / type the figures also say how many values the
derived file marks unknown (`stackgen_unknown`) and how many of the values it
does state are right. Prints a Markdown report on stdout. Stdlib only.
"""
import argparse
import collections
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import schema_format  # noqa: E402

FACTS = ["types", "attributes", "blocks", "kind", "type", "flags", "write_only",
         "nesting", "min_items", "max_items"]


def short(t):
    """A type's shape: objects shown as `object`."""
    if isinstance(t, str):
        return t
    if t[0] == "object":
        return "object"
    return f"{t[0]}({short(t[1])})"


def attr_type(a):
    if "type" in a:
        return a["type"]
    nt = a.get("nested_type", {})
    fields = {n: attr_type(x) for n, x in nt.get("attributes", {}).items()}
    obj = ["object", fields]
    return obj if nt.get("nesting_mode") == "single" else [nt.get("nesting_mode"), obj]


def flags(a):
    return "".join(c for c, k in (("R", "required"), ("O", "optional"), ("C", "computed")) if a.get(k)) or "-"


class Tally:
    def __init__(self, examples):
        self.n = collections.Counter()       # fact -> compared
        self.ok = collections.Counter()      # fact -> agreeing
        self.unknown = collections.Counter()  # fact -> marked unknown by the derived file
        self.unknown_ok = collections.Counter()
        self.kinds = collections.defaultdict(collections.Counter)   # fact -> disagreement kind -> count
        self.ex = collections.defaultdict(lambda: collections.defaultdict(list))
        self.max_ex = examples
        self.extra = collections.Counter()
        self.cur_type = None
        self.bad_types = set()   # types with a disagreement on a fact the derived file states

    def check(self, fact, agree, kind=None, where=None, unknown=False):
        self.n[fact] += 1
        if unknown:
            self.unknown[fact] += 1
            if agree:
                self.unknown_ok[fact] += 1
        if agree:
            self.ok[fact] += 1
            return
        if not unknown:
            self.bad_types.add(self.cur_type)
        self.kinds[fact][kind] += 1
        if where and len(self.ex[fact][kind]) < self.max_ex:
            self.ex[fact][kind].append(where)


def compare_block(rb, db, where, t):
    ra, da = rb.get("attributes", {}), db.get("attributes", {})
    rbt, dbt = rb.get("block_types", {}), db.get("block_types", {})
    for n in sorted(set(ra) | set(da) | set(rbt) | set(dbt)):
        w = f"{where}.{n}"
        rk = "attribute" if n in ra else "block" if n in rbt else None
        dk = "attribute" if n in da else "block" if n in dbt else None
        if rk and dk:
            t.check("kind", rk == dk, f"real {rk}, derived {dk}", w)
        if rk == "attribute":
            t.check("attributes", dk == "attribute",
                    "missing" if dk is None else "derived as a block", w)
        if rk == "block":
            t.check("blocks", dk == "block", "missing" if dk is None else "derived as an attribute", w)
        if rk is None:
            t.extra["attributes" if dk == "attribute" else "blocks"] += 1
            t.kinds["extra " + dk][w.split(".", 2)[0]] += 1
            if len(t.ex["extra " + dk][w.split(".", 2)[0]]) < t.max_ex:
                t.ex["extra " + dk][w.split(".", 2)[0]].append(w)
        if rk == dk == "attribute":
            r, d = ra[n], da[n]
            rt, dt = attr_type(r), d.get("type")
            unk = bool({"type", "inner_collection"} & set(d.get("stackgen_unknown", [])))
            if rt == dt:
                t.check("type", True, unknown=unk)
            else:
                if short(rt) == short(dt):
                    kind = f"{short(rt)}: object fields differ"
                else:
                    kind = f"real {short(rt)}, derived {short(dt)}"
                t.check("type", False, kind, w, unknown=unk)
            t.check("flags", flags(r) == flags(d), f"real {flags(r)}, derived {flags(d)}", w)
            t.check("write_only", bool(r.get("write_only")) == bool(d.get("write_only")),
                    f"real {bool(r.get('write_only'))}, derived {bool(d.get('write_only'))}"
                    + (" (marked unknown)" if t.wo_unknown else ""), w, unknown=t.wo_unknown)
        if rk == dk == "block":
            r, d = rbt[n], dbt[n]
            unk = set(d.get("stackgen_unknown", []))
            opaque = bool(d.get("stackgen_opaque"))
            t.check("nesting", r["nesting_mode"] == d["nesting_mode"],
                    f"real {r['nesting_mode']}, derived {d['nesting_mode']}", w, unknown="nesting_mode" in unk)
            for k in ("min_items", "max_items"):
                rv, dv = r.get(k, 0), d.get(k, 0)
                t.check(k, rv == dv, f"{r['nesting_mode']}: real {rv}, derived {dv}"
                        + (" (marked unknown)" if k in unk else ""), w, unknown=k in unk)
            if opaque:
                t.extra["opaque blocks"] += 1
                na, nb = count_tree(r.get("block", {}))
                t.extra["attributes hidden in opaque blocks"] += na
                t.extra["blocks hidden in opaque blocks"] += nb
                if len(t.ex["opaque"]["opaque"]) < t.max_ex:
                    t.ex["opaque"]["opaque"].append(w)
            else:
                compare_block(r.get("block", {}), d.get("block", {}), w, t)


def count_tree(b):
    na, nb = len(b.get("attributes", {})), len(b.get("block_types", {}))
    for bt in b.get("block_types", {}).values():
        x, y = count_tree(bt.get("block", {}))
        na, nb = na + x, nb + y
    return na, nb


def pct(a, b):
    return f"{100.0 * a / b:.2f}%" if b else "n/a"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--examples", type=int, default=3, help="examples per kind of disagreement")
    ap.add_argument("--top", type=int, default=8, help="kinds of disagreement listed per fact")
    ap.add_argument("--json", help="also write the figures as JSON here")
    ap.add_argument("real")
    ap.add_argument("derived")
    args = ap.parse_args()

    real, der = schema_format.load(args.real), schema_format.load(args.derived)
    raddr, rp = schema_format.provider_entry(real)
    daddr, dp = schema_format.provider_entry(der)
    t = Tally(args.examples)
    # derive.py says so when the package marks no write-only argument at all
    t.wo_unknown = der.get("stackgen_derived", {}).get("write_only_marking", "").startswith("the package marks no")
    for kind, key in (("resource", "resource_schemas"), ("data", "data_source_schemas")):
        rs, ds = rp.get(key, {}), dp.get(key, {})
        for n in sorted(set(rs) | set(ds)):
            if n in rs:
                t.check("types", n in ds, f"{kind}: missing in derived", f"{kind} {n}")
            else:
                t.extra["types"] += 1
                t.kinds["extra types"][kind] += 1
                if len(t.ex["extra types"][kind]) < t.max_ex:
                    t.ex["extra types"][kind].append(f"{kind} {n}")
            if n in rs and n in ds:
                t.cur_type = f"{kind} {n}"
                t.extra["types compared"] += 1
                compare_block(rs[n].get("block", {}), ds[n].get("block", {}), f"{kind}.{n}", t)
    t.cur_type = "provider"
    t.extra["types compared"] += 1
    compare_block(rp.get("provider", {}).get("block", {}), dp.get("provider", {}).get("block", {}), "provider", t)

    rv = real.get("provider_versions", {}).get(raddr, "?")
    dv = der.get("provider_versions", {}).get(daddr, "?")
    out = [f"# {os.path.basename(args.derived)} ({daddr} {dv}, derived) vs "
           f"{os.path.basename(args.real)} ({raddr} {rv}, real)", "",
           "| fact | compared | agree | % | marked unknown | of those right | stated | stated right | % of stated |",
           "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    figures = {}
    for f in FACTS:
        n, ok, u, uok = t.n[f], t.ok[f], t.unknown[f], t.unknown_ok[f]
        st, stok = n - u, ok - uok
        figures[f] = {"compared": n, "agree": ok, "unknown": u, "unknown_agree": uok}
        out.append(f"| {f} | {n} | {ok} | {pct(ok, n)} | {u} | {uok} | {st} | {stok} | {pct(stok, st)} |")
    out.append("")
    out.append(f"Only in the derived file: {t.extra['types']} types, {t.extra['attributes']} attributes, "
               f"{t.extra['blocks']} blocks. Opaque (`any`) blocks: {t.extra['opaque blocks']}"
               + (f" (e.g. {', '.join(t.ex['opaque']['opaque'])})" if t.extra['opaque blocks'] else "")
               + f", hiding {t.extra['attributes hidden in opaque blocks']} attributes and "
               f"{t.extra['blocks hidden in opaque blocks']} blocks of the real schema (not compared).")
    good = t.extra["types compared"] - len(t.bad_types)
    out.append("")
    out.append(f"Types (and the provider block) with no wrong stated fact: {good} of "
               f"{t.extra['types compared']} ({pct(good, t.extra['types compared'])})"
               + (f"; with one: {', '.join(sorted(t.bad_types)[:args.examples * 4])}"
                  + (" ..." if len(t.bad_types) > args.examples * 4 else "") if t.bad_types else "") + ".")
    figures["extra"] = dict(t.extra)
    figures["types_without_wrong_stated_fact"] = good
    out.append("")
    out.append("## Disagreements, most common kinds first")
    for f in FACTS + ["extra types", "extra attribute", "extra block"]:
        if not t.kinds[f]:
            continue
        out.append("")
        out.append(f"### {f}")
        for kind, c in t.kinds[f].most_common(args.top):
            ex = ", ".join(f"`{e}`" for e in t.ex[f][kind])
            out.append(f"- {c} × {kind}" + (f": {ex}" if ex else ""))
        rest = len(t.kinds[f]) - args.top
        if rest > 0:
            out.append(f"- ... and {rest} more kinds ({sum(c for _, c in t.kinds[f].most_common()[args.top:])} cases)")
        figures.setdefault("disagreements", {})[f] = dict(t.kinds[f].most_common())
    print("\n".join(out))
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(figures, fh, indent=1, sort_keys=True)
            fh.write("\n")


if __name__ == "__main__":
    main()
