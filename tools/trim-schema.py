#!/usr/bin/env python3
"""Trim a `terraform providers schema -json` dump to what stackgen needs.

usage: trim-schema.py [--all] [--source TEXT] FULL.json TYPES_FILE OUT.json ADDR VERSION

  FULL.json   output of `terraform providers schema -json`
  TYPES_FILE  lines `resource aws_x` / `data aws_x` / `ephemeral aws_x`; `#` starts a comment
              (ignored with --all, pass `-`)
  ADDR        provider address, e.g. registry.terraform.io/hashicorp/aws
  VERSION     provider version recorded under "provider_versions"

The output keeps terraform's format (format_version / provider_schemas / ADDR /
provider, resource_schemas, data_source_schemas) plus "provider_versions", but
drops descriptions (except those of deprecated attributes and blocks, which
usually carry the deprecation message), `deprecated: false` and functions.
Ephemeral resources (Terraform 1.10) are kept, under
"ephemeral_resource_schemas", as terraform writes them; a types list names
them `ephemeral NAME`. It is written by tools/schema_format.py: one line per
resource / data source schema, sorted keys, so regenerating it gives a stable
diff that names the types that changed. Stdlib only.
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import schema_format  # noqa: E402

# Whitelists. Anything else found in the dump is dropped and reported on
# stderr, so a new key from a newer terraform/provider is noticed, not lost
# silently. The description keys are dropped on purpose.
ATTR_KEYS = {"type", "nested_type", "required", "optional", "computed",
             "sensitive", "deprecated", "write_only"}
NESTED_TYPE_KEYS = {"attributes", "nesting_mode", "min_items", "max_items"}
BLOCK_KEYS = {"attributes", "block_types", "deprecated"}
BLOCK_TYPE_KEYS = {"nesting_mode", "min_items", "max_items", "block"}
SCHEMA_KEYS = {"version", "block"}
DROPPED_QUIETLY = {"description", "description_kind"}

unknown = set()


def pick(d, allowed, where):
    out = {}
    for k, v in d.items():
        if k in allowed:
            if k == "deprecated" and v is False:
                continue
            out[k] = v
        elif k not in DROPPED_QUIETLY:
            unknown.add(f"{where}.{k}")
    return out


def keep_deprecation_note(src, out):
    """A deprecated attribute's or block's description usually says what to
    use instead: keep it (and only it)."""
    if src.get("deprecated") is True and src.get("description"):
        out["description"] = src["description"]


def trim_attr(a):
    # NB: "type" is copied verbatim: object types may legitimately contain a
    # field called "description" (e.g. aws_security_group.ingress).
    out = pick(a, ATTR_KEYS, "attribute")
    keep_deprecation_note(a, out)
    if "nested_type" in out:
        nt = pick(out["nested_type"], NESTED_TYPE_KEYS, "nested_type")
        nt["attributes"] = {n: trim_attr(x) for n, x in nt.get("attributes", {}).items()}
        out["nested_type"] = nt
    return out


def trim_block(b):
    out = pick(b, BLOCK_KEYS, "block")
    keep_deprecation_note(b, out)
    if "attributes" in out:
        out["attributes"] = {n: trim_attr(a) for n, a in out["attributes"].items()}
    if "block_types" in out:
        bts = {}
        for n, bt in out["block_types"].items():
            t = pick(bt, BLOCK_TYPE_KEYS, "block_type")
            t["block"] = trim_block(t.get("block", {}))
            bts[n] = t
        out["block_types"] = bts
    return out


def trim_schema(s):
    out = pick(s, SCHEMA_KEYS, "schema")
    out["block"] = trim_block(out.get("block", {}))
    return out


def read_types(path):
    """Return {"resource": [...], "data": [...], "ephemeral": [...]} from a types list file."""
    want = {"resource": [], "data": [], "ephemeral": []}
    with open(path) as f:
        for lineno, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            parts = line.split()
            if len(parts) != 2 or parts[0] not in want:
                sys.exit(f"{path}:{lineno}: expected `resource NAME`, `data NAME` or `ephemeral NAME`, got {line!r}")
            if parts[1] in want[parts[0]]:
                sys.exit(f"{path}:{lineno}: duplicate {parts[0]} {parts[1]}")
            want[parts[0]].append(parts[1])
    return want


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--all", action="store_true", help="keep every resource and data source")
    ap.add_argument("--source", help='add a top-level "stackgen_source" note')
    ap.add_argument("full")
    ap.add_argument("types")
    ap.add_argument("out")
    ap.add_argument("addr")
    ap.add_argument("version")
    args = ap.parse_args()

    with open(args.full) as f:
        full = json.load(f)
    schemas = full.get("provider_schemas", {})
    if args.addr not in schemas:
        sys.exit(f"trim-schema: provider {args.addr} not in {args.full} (have: {', '.join(schemas) or 'none'})")
    p = schemas[args.addr]
    kinds = {"resource": p.get("resource_schemas", {}), "data": p.get("data_source_schemas", {}),
             "ephemeral": p.get("ephemeral_resource_schemas", {})}

    if args.all:
        want = {k: sorted(v) for k, v in kinds.items()}
    else:
        want = read_types(args.types)
        missing = [f"{k} {n}" for k, names in want.items() for n in names if n not in kinds[k]]
        if missing:
            sys.exit(f"trim-schema: not in the {args.addr} {args.version} schema:\n  " + "\n  ".join(missing))

    doc = {
        "format_version": full.get("format_version", "1.0"),
        "provider_versions": {args.addr: args.version},
        "provider_schemas": {args.addr: {
            "provider": trim_schema(p.get("provider", {})),
            "resource_schemas": {n: trim_schema(kinds["resource"][n]) for n in want["resource"]},
            "data_source_schemas": {n: trim_schema(kinds["data"][n]) for n in want["data"]},
        }},
    }
    if want["ephemeral"]:
        doc["provider_schemas"][args.addr]["ephemeral_resource_schemas"] = {
            n: trim_schema(kinds["ephemeral"][n]) for n in want["ephemeral"]}
    if args.source:
        doc["stackgen_source"] = args.source
    if unknown:
        print("trim-schema: warning: dropped unknown keys: " + ", ".join(sorted(unknown)), file=sys.stderr)

    size = schema_format.write(doc, args.out)
    print(f"trim-schema: wrote {args.out}: {len(want['resource'])} resources, "
          f"{len(want['data'])} data sources, {len(want['ephemeral'])} ephemeral resources, {size} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
