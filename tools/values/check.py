#!/usr/bin/env python3
"""tools/values/check.py: validate schema/aws-5.100.0.values.json against a schema file.

    tools/values/check.py [--values schema/aws-5.100.0.values.json] [--schema FILE]...
        [--compare FILE]...

--schema (repeatable; default: schema/aws-5.100.0.json if present, else
schema/aws-5.100.0.json): a `terraform providers schema -json` dump (trimmed or not)
of the provider version the values file names.  For every entry whose type
the schema holds, the attribute must exist at `path` and be a string
(list/set of string when "element": true) and settable; with a whole-provider
schema every entry's type must exist.  Always checked: required fields, values
non-empty, unique and sorted, entries sorted and unique, `open` entries never
counted as closed.

--compare (repeatable), e.g. schema/aws-6.66.0.json: report (not fail)
entries whose attribute is missing or no longer a string there.

Prints counts: entries by source (provider validators / SDK-named / docs),
closed vs open, element, case-insensitive.  Exit status 1 on any error.
"""
import argparse
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ADDR = "registry.terraform.io/hashicorp/aws"
REQUIRED = ("kind", "type", "path", "values", "case_insensitive", "source")
KNOWN = set(REQUIRED) | {"element", "open", "validator", "sdk_enum", "sdk_newer", "note"}


def load_ps(path):
    d = json.load(open(path))
    ver = d.get("provider_versions", {}).get(ADDR)
    return d["provider_schemas"][ADDR], ver


def lookup(ps, kind, tname, path):
    """(status, attr-type) with status in ok / no-type / no-attr."""
    key = "resource_schemas" if kind == "resource" else "data_source_schemas"
    t = ps.get(key, {}).get(tname)
    if t is None:
        return "no-type", None
    block = t["block"]
    parts = path.split(".")
    for i, p in enumerate(parts):
        if p in block.get("block_types", {}):
            block = block["block_types"][p]["block"]
            continue
        a = block.get("attributes", {}).get(p)
        if a is None:
            return "no-attr", None
        ty = a["type"]
        for q in parts[i + 1:]:
            while isinstance(ty, list) and ty[0] in ("list", "set"):
                ty = ty[1]
            if not (isinstance(ty, list) and ty[0] == "object" and q in ty[1]):
                return "no-attr", None
            ty = ty[1][q]
        settable = bool(a.get("optional") or a.get("required"))
        return ("ok" if settable else "computed-only"), ty
    return "no-attr", None


def type_ok(ty, element):
    if element:
        return isinstance(ty, list) and len(ty) == 2 and ty[0] in ("list", "set") and ty[1] == "string"
    return ty == "string"


CPP_KEYWORDS = set("""alignas alignof and and_eq asm auto bitand bitor bool break case catch char
char8_t char16_t char32_t class compl concept const consteval constexpr constinit const_cast
continue co_await co_return co_yield decltype default delete do double dynamic_cast else enum
explicit export extern false float for friend goto if inline int long mutable namespace new
noexcept not not_eq nullptr operator or or_eq private protected public register
reinterpret_cast requires return short signed sizeof static static_assert static_cast struct
switch template this thread_local throw true try typedef typeid typename union unsigned using
virtual void volatile wchar_t while xor xor_eq""".split())


def idents(vals):
    """Values that need mangling to become C++ identifiers, by kind of trouble."""
    import re
    ident = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
    cats = {}

    def add(cat, e, v):
        cats.setdefault(cat, []).append("%s.%s=%s" % (e["type"], e["path"], json.dumps(v)))

    for e in vals:
        seen = {}
        for v in e["values"]:
            if v == "":
                add("empty string", e, v)
            elif not ident.match(v):
                bad = sorted(set(ch for ch in v if not (ch.isalnum() or ch == "_")))
                if v[0].isdigit():
                    add("starts with a digit", e, v)
                for ch in bad:
                    add("contains %r" % ch, e, v)
            elif v in CPP_KEYWORDS:
                add("C++ keyword", e, v)
            if v.startswith("_") and len(v) > 1 and (v[1] == "_" or v[1].isupper()):
                add("reserved identifier", e, v)
            m = re.sub(r"[^A-Za-z0-9]", "_", v).lower()
            if m in seen and seen[m] != v:
                add("collides after mangling [^A-Za-z0-9]->_ and lower-casing", e, v + " ~ " + seen[m])
            seen[m] = v
            if any(ord(ch) > 127 for ch in v):
                add("non-ASCII", e, v)
    print("idents: values awkward as C++ identifiers (entries x values):")
    for cat in sorted(cats, key=lambda c: -len(cats[c])):
        ex = cats[cat]
        print("  %-62s %5d  e.g. %s" % (cat, len(ex), "; ".join(ex[:3])))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--values", default=os.path.join(ROOT, "schema", "aws-5.100.0.values.json"))
    ap.add_argument("--schema", action="append")
    ap.add_argument("--compare", action="append", default=[])
    ap.add_argument("--idents", action="store_true",
                    help="also report values awkward as C++ identifiers (for named constants)")
    a = ap.parse_args()
    if not a.schema:
        full = os.path.join(ROOT, "schema", "aws-5.100.0.json")
        a.schema = [full if os.path.exists(full) else os.path.join(ROOT, "schema", "aws-5.100.0.json")]

    doc = json.load(open(a.values))
    errors = []

    def err(msg):
        errors.append(msg)

    if doc.get("format") != "stackgen-values-1":
        err("format is %r, want stackgen-values-1" % doc.get("format"))
    if doc.get("provider") != ADDR:
        err("provider is %r" % doc.get("provider"))
    vals = doc.get("values", [])
    keys = []
    for i, e in enumerate(vals):
        where = "entry %d (%s %s.%s)" % (i, e.get("kind"), e.get("type"), e.get("path"))
        for f in REQUIRED:
            if f not in e:
                err("%s: missing %s" % (where, f))
        for f in e:
            if f not in KNOWN:
                err("%s: unknown field %s" % (where, f))
        if e.get("kind") not in ("resource", "data"):
            err("%s: kind must be resource or data" % where)
        v = e.get("values", [])
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            err("%s: values must be a list of strings" % where)
            continue
        if not v:
            err("%s: values empty" % where)
        if len(set(v)) != len(v):
            err("%s: duplicate values" % where)
        if v != sorted(v):
            err("%s: values not sorted" % where)
        for f in ("case_insensitive", "element", "open"):
            if f in e and not isinstance(e[f], bool):
                err("%s: %s must be a bool" % (where, f))
        if e.get("case_insensitive") and len({x.lower() for x in v}) != len(v):
            err("%s: case-insensitive but values differ only in case" % where)
        keys.append((e.get("kind", ""), e.get("type", ""), e.get("path", "")))
    if keys != sorted(keys):
        err("entries not sorted by (kind, type, path)")
    if len(set(keys)) != len(keys):
        err("duplicate (kind, type, path) entries")

    for sp in a.schema:
        ps, ver = load_ps(sp)
        if ver and doc.get("provider_version") and ver != doc["provider_version"]:
            err("%s is provider %s, values file is %s" % (sp, ver, doc["provider_version"]))
        whole = len(ps.get("resource_schemas", {})) > 1000
        seen = absent = 0
        for e in vals:
            st, ty = lookup(ps, e["kind"], e["type"], e["path"])
            where = "%s %s.%s" % (e["kind"], e["type"], e["path"])
            if st == "no-type":
                absent += 1
                if whole:
                    err("%s: type not in %s" % (where, sp))
                continue
            seen += 1
            if st == "no-attr":
                err("%s: no such attribute in %s" % (where, sp))
            elif st == "computed-only":
                err("%s: computed-only in %s" % (where, sp))
            elif not type_ok(ty, e.get("element", False)):
                err("%s: type %s in %s does not fit element=%s" % (where, json.dumps(ty), sp,
                                                                      e.get("element", False)))
        print("check: %s: %d entries checked against it, %d of types it does not hold"
              % (os.path.relpath(sp, ROOT) if sp.startswith(ROOT) else sp, seen, absent))

    for cp in a.compare:
        ps, ver = load_ps(cp)
        gone = []
        for e in vals:
            st, ty = lookup(ps, e["kind"], e["type"], e["path"])
            if st != "ok" or not type_ok(ty, e.get("element", False)):
                gone.append("%s %s.%s (%s)" % (e["kind"], e["type"], e["path"], st if st != "ok" else "type"))
        print("compare: %s (provider %s): %d entries missing or changed" % (cp, ver, len(gone)))
        for g in gone[:40]:
            print("  " + g)
        if len(gone) > 40:
            print("  ... %d more" % (len(gone) - 40))

    by = {}
    for e in vals:
        src = e.get("source", "").split(":")[0]
        st = "open" if e.get("open") else "closed"
        by.setdefault(src, {"closed": 0, "open": 0})[st] += 1
    label = {"provider": "provider validators (literal lists)",
             "provider+sdk": "provider validators = SDK enums (enum.Validate etc.)",
             "sdk": "SDK/API enums, provider does not validate",
             "docs": "provider docs only (no validator)"}
    print("counts: attributes with value sets, by source:")
    for src in sorted(by):
        print("  %-58s closed %5d  open %5d" % (label.get(src, src), by[src]["closed"], by[src]["open"]))
    print("  %-58s closed %5d  open %5d" % ("total", sum(x["closed"] for x in by.values()),
                                            sum(x["open"] for x in by.values())))
    print("  element (list/set of string): %d, case-insensitive: %d, resources: %d, data sources: %d"
          % (sum(1 for e in vals if e.get("element")), sum(1 for e in vals if e.get("case_insensitive")),
             sum(1 for e in vals if e["kind"] == "resource"), sum(1 for e in vals if e["kind"] == "data")))
    if a.idents:
        idents(vals)
    if errors:
        for m in errors[:50]:
            print("error: " + m, file=sys.stderr)
        print("check: %d error(s)" % len(errors), file=sys.stderr)
        return 1
    print("check: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
