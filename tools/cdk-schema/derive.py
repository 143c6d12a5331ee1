#!/usr/bin/env python3
"""Derive a provider schema file from a CDK for Terraform provider npm package.

usage: derive.py [--carry-from REAL.json] [--source TEXT] [--only TYPE ...] PACKAGE OUT.json

  PACKAGE   a prebuilt provider package: its directory (holding package.json
            and lib/) or its npm tarball (.tgz), e.g. @cdktn/provider-aws or
            @cdktf/provider-aws, fetched with `npm pack` outside the repository;
            or a directory of generated TypeScript (<type>/index.ts, as
            `cdktn get` or @cdktn/provider-generator writes it; then give
            --provider-address and --provider-version)
  OUT.json  written with tools/schema_format.py (one line per type)

Each lib/<type>/index.js of such a package embeds the generator's TypeScript in
an inline source map (sourcesContent). That code states, per attribute and
block, the exact Terraform name and `computed / optional / required`
(`// name - computed: X, optional: Y, required: Z`), and its
`...ToHclTerraform` functions state `isBlock`, the collection kind
(`type: "simple" | "list" | "set" | "map" | "struct"`) and the element type
(`storageClassType`). The JSDoc says `<name> block` for blocks (object-typed
attributes are `isBlock: true` too, so this is what tells them apart), the
mapper tells a one-item block (`fooToHclTerraform(...)`) from a repeated one
(`cdktf.listMapperHcl(fooToHclTerraform, true)(...)`), `markWriteOnlyAttribute`
marks write-only arguments, and the getters type computed-only attributes
(`getNumberAttribute`, `Fn.tolist(getListAttribute(...))` for a set,
`new FooList(this, "foo", true)` for a set of objects, ...).

What the package does not state is written as unknown (see DERIVED_NOTES and
the `stackgen_unknown` markers); nothing is guessed. With --carry-from, the
`sensitive` and `deprecated` flags (and deprecation descriptions) of the same
attribute / block path in a real schema of another version are copied, and
each copy is marked `stackgen_carried`.

Stdlib only.
"""
import argparse
import base64
import hashlib
import json
import os
import re
import sys
import tarfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import schema_format  # noqa: E402

DERIVED_NOTES = {
    "method": "parsed from the generator's TypeScript embedded (inline source maps) in "
              "the package's lib/*/index.js; see tools/cdk-schema/README.md",
    "derived": [
        "the set of resource and data source types and the provider configuration",
        "attribute and block names (exact Terraform names)",
        "block vs attribute",
        "attribute required / optional / computed",
        "attribute types: string, number, bool; list / set / map of them; objects "
        "(object-typed attributes, recursively)",
        "block nesting_mode: list, set or single",
        "max_items = 1 (a one-item list/set block; then also min_items exactly when required)",
        "min_items >= 1 for required blocks, min_items = 0 for optional ones",
        "write_only, where the generator marks it (markWriteOnlyAttribute; see write_only_marking)",
    ],
    "unknown": [
        "schema version of each type (no \"version\" key is written)",
        "descriptions",
        "sensitive (not in the package; carried from the real schema where noted)",
        "deprecated (not in the package; carried from the real schema where noted)",
        "max_items of a repeated list/set block (any value > 1, or no limit): not written, "
        "block type marked stackgen_unknown [\"max_items\"]",
        "exact min_items of a required repeated block: written as 1, marked "
        "stackgen_unknown [\"min_items\"]",
        "list vs set of an inner collection (list(list(string)) may be list(set(string))): "
        "attribute marked stackgen_unknown [\"inner_collection\"]",
        "contents of the blocks the generator typed `any` (its skip list) or made recursive "
        "(a nested level reusing an enclosing struct): block marked stackgen_opaque (and "
        "stackgen_recursive), `block` is {}; such attributes are `dynamic`, marked "
        "stackgen_unknown [\"type\"]",
        "nested_type (protocol 6 nested attributes): generated like object types, told apart only "
        "when their fields' flags differ from the attribute's (nested_attribute_suspects); this "
        "file writes every such attribute as `type`",
        "optional attributes of object types (the 3rd element of an object type)",
    ],
    "markers": {
        "stackgen_unknown": "list of facts of this attribute / block type the package does not state",
        "stackgen_opaque": "on a block type: the package does not state the block's contents",
        "stackgen_recursive": "on an opaque block type: the generator reused the struct of this enclosing "
                              "block (path from the type); the real schema repeats it to an unknown depth",
        "stackgen_carried": "list of keys copied from the real schema named in stackgen_derived.carried_from",
        "stackgen_uncarried": "true on a type, attribute or block type with no counterpart in that "
                              "schema: its sensitive / deprecated flags, and those of everything "
                              "inside it, are unknown",
    },
}

PRIMS = {"string": "string", "number": "number", "boolean": "bool", "any": "dynamic"}
CDK = r"cdkt[fn]"  # cdktf (HashiCorp) or cdktn (CDK Terrain fork)

SOURCE_MAP = re.compile(r"//# sourceMappingURL=data:application/json;(?:charset=utf-8;)?base64,(\S+)")
INTERFACE = re.compile(r"^export interface (\w+)(?: extends [\w.]+)? \{\n(.*?)^\}", re.M | re.S)
MEMBER = re.compile(r"(?:^  /\*\*\n(?P<doc>(?:^  \*.*\n)*?)^  \*/\n)?^  readonly (?P<prop>\w+)(?P<opt>\??): (?P<type>.*);$", re.M)
FUNCTION = re.compile(r"^export function (\w+)To(Hcl)?Terraform\(struct\?: ([^)]*)\): any \{\n(.*?)^\}", re.M | re.S)
TO_TF_ENTRY = re.compile(r"^\s+\"?(\w+)\"?: (.*),$", re.M)
HCL_ENTRY = re.compile(r"^\s+\"?(\w+)\"?: \{\n\s+value: (.*?),\n\s+isBlock: (true|false),\n"
                       r"\s+type: \"(\w+)\",\n\s+storageClassType: \"(\w+)\",\n\s+\},", re.M)
CLASS = re.compile(r"^export class (\w+) extends ([\w.]+) \{\n(.*?)^\}", re.M | re.S)
COMMENT = re.compile(r"^  // (\w+) - computed: (true|false), optional: (true|false), required: (true|false)$", re.M)
TF_TYPE = re.compile(r"public static readonly tfResourceType = \"(\w+)\";")
NEW_COMPLEX = re.compile(r"private _\w+ = new ([\w.]+)\(this, \"(\w+)\"(?:, (true|false))?\);")
GETTER_RETURN = re.compile(r"public get \w+\(\) \{\n\s+return (.*);")


class DeriveError(Exception):
    pass


def typescript_of(js_text, where):
    m = SOURCE_MAP.search(js_text)
    if not m:
        raise DeriveError(f"{where}: no inline source map")
    sm = json.loads(base64.b64decode(m.group(1)))
    content = sm.get("sourcesContent") or []
    if len(content) != 1 or not content[0]:
        raise DeriveError(f"{where}: expected one embedded source, found {len(content)}")
    return content[0]


class Module:
    """What one generated TypeScript file declares."""

    def __init__(self, ts, where):
        self.where = where
        self.interfaces = {}   # name -> {prop: (optional, ts_type, doc)}
        self.to_tf = {}        # struct -> {tf_name: expr}
        self.hcl = {}          # struct -> {tf_name: (value, is_block, kind, storage)}
        self.fn_struct = {}    # "fooBar" (function stem) -> "FooBar" (struct)
        self.classes = {}      # name -> (base, body)
        for m in INTERFACE.finditer(ts):
            members = {}
            for mm in MEMBER.finditer(m.group(2)):
                members[mm.group("prop")] = (mm.group("opt") == "?", mm.group("type"), mm.group("doc") or "")
            self.interfaces[m.group(1)] = members
        for m in FUNCTION.finditer(ts):
            stem, is_hcl, params, body = m.groups()
            struct = next((p.strip() for p in params.split("|")
                           if not p.strip().endswith("OutputReference") and "IResolvable" not in p), None)
            if struct is None:
                raise DeriveError(f"{where}: cannot tell the struct of {stem}To{is_hcl or ''}Terraform")
            self.fn_struct[stem] = struct
            if is_hcl:
                self.hcl[struct] = {e[0]: (e[1], e[2] == "true", e[3], e[4]) for e in HCL_ENTRY.findall(body)}
            else:
                ret = body.split("return {\n", 1)
                self.to_tf[struct] = dict(TO_TF_ENTRY.findall(ret[1])) if len(ret) == 2 else {}
        self.main = None
        for m in CLASS.finditer(ts):
            name, base, body = m.groups()
            self.classes[name] = (base, body)
            if re.fullmatch(CDK + r"\.Terraform(Resource|DataSource|EphemeralResource|Provider)", base):
                if self.main:
                    raise DeriveError(f"{where}: two Terraform classes ({self.main} and {name})")
                self.main = name
        if not self.main:
            raise DeriveError(f"{where}: no TerraformResource / TerraformDataSource / TerraformEphemeralResource / "
                              "TerraformProvider class")
        base, body = self.classes[self.main]
        self.kind = {"Resource": "resource", "DataSource": "data", "EphemeralResource": "ephemeral",
                     "Provider": "provider"}[
            base.split(".Terraform", 1)[1]]
        t = TF_TYPE.search(body)
        if not t:
            raise DeriveError(f"{where}: no tfResourceType")
        self.tf_type = t.group(1)
        # The main class's own mappers: synthesizeAttributes / synthesizeHclAttributes.
        syn = body.split("protected synthesizeAttributes()", 1)
        if len(syn) != 2:
            raise DeriveError(f"{where}: no synthesizeAttributes")
        syn, hcl = (syn[1].split("protected synthesizeHclAttributes()", 1) + [""])[:2]
        self.to_tf[self.main] = dict(TO_TF_ENTRY.findall(syn))
        self.hcl[self.main] = {e[0]: (e[1], e[2] == "true", e[3], e[4]) for e in HCL_ENTRY.findall(hcl)}
        # The configuration interface is usually <Main>Config, but the generator
        # renames it on a clash (Wafv2WebAclAssociationConfigA): take the
        # constructor's.
        c = re.search(r"public constructor\(scope: Construct, id: string, config\??: (\w+)", body)
        if not c or c.group(1) not in self.interfaces:
            raise DeriveError(f"{where}: cannot find the configuration interface of {self.main}")
        self.interfaces[self.main] = self.interfaces[c.group(1)]

    def comments(self, cls):
        """[(tf_name, computed, optional, required, segment text)] of a class."""
        if cls not in self.classes:
            return None
        body = self.classes[cls][1]
        marks = list(COMMENT.finditer(body))
        out = []
        for i, m in enumerate(marks):
            end = marks[i + 1].start() if i + 1 < len(marks) else len(body)
            out.append((m.group(1), m.group(2) == "true", m.group(3) == "true", m.group(4) == "true",
                        body[m.end():end]))
        return out


def prop_of(expr):
    m = re.search(r"(?:struct!\.|this\._)(\w+)", expr)
    return m.group(1) if m else None


def collection_type(base, suffixes, outer_kind):
    """("string", ["List", "Map"], "set") -> (["map", ["set", "string"]]... see below, unknowns).

    The generator composes class names inside out: stringListMap is
    map(list(string)). Only the outermost collection's list / set is stated
    (by `type` or by `wrapsSet`); inner ones are written as lists and marked."""
    if base == "any":
        # `any` is what the generator makes of `dynamic` (as map(any)), of the
        # attributes it skips, and of shapes it collapses: the type is unknown.
        return "dynamic", ["type"]
    t = PRIMS[base]
    unknown = []
    for i, suffix in enumerate(suffixes):
        outer = i == len(suffixes) - 1
        if suffix == "Map":
            t = ["map", t]
        else:
            if not outer:
                unknown = ["inner_collection"]
            t = [outer_kind if outer and outer_kind in ("list", "set") else "list", t]
    return t, unknown


def storage_type(storage, kind):
    """`stringList` + kind set -> (["set", "string"], []); (None, None) if not a primitive storage class."""
    m = re.fullmatch(r"(string|number|boolean|any)((?:List|Map)*)", storage)
    if not m:
        return None, None
    return collection_type(m.group(1), re.findall(r"List|Map", m.group(2)), kind)


GETTER_TYPES = [
    (re.compile(r"this\.getStringAttribute\("), "string"),
    (re.compile(r"this\.getNumberAttribute\("), "number"),
    (re.compile(r"this\.getBooleanAttribute\("), "bool"),
    (re.compile(CDK + r"\.Token\.asNumberList\(" + CDK + r"\.Fn\.tolist\(this\.getNumberListAttribute\("), ["set", "number"]),
    (re.compile(CDK + r"\.Fn\.tolist\(this\.getListAttribute\("), ["set", "string"]),
    (re.compile(r"this\.getNumberListAttribute\("), ["list", "number"]),
    (re.compile(r"this\.getListAttribute\("), ["list", "string"]),
    (re.compile(r"this\.getBooleanListAttribute\("), ["list", "bool"]),
    (re.compile(r"this\.getStringMapAttribute\("), ["map", "string"]),
    (re.compile(r"this\.getNumberMapAttribute\("), ["map", "number"]),
    (re.compile(r"this\.getBooleanMapAttribute\("), ["map", "bool"]),
]
BUILTIN_COLLECTION = re.compile(r"(String|Number|Boolean|Any)((?:List|Map)+)")  # cdktn.StringMap, ...


class Deriver:
    def __init__(self, mod):
        self.m = mod
        self.stack = []   # [(struct, path)] being expanded: the generator may reuse an
                          # enclosing struct for a deeper level (a cycle), see ancestor()
        self.recursive_refs = []
        self.nested_suspects = []

    def fields(self, struct, cls):
        """[(tf, computed, optional, required, segment)] for a struct / the main class."""
        got = self.m.comments(cls)
        if got is not None:
            return got
        # No OutputReference (provider configuration structs): the interface
        # and the mapper are all there is; nothing there is computed.
        iface = self.m.interfaces.get(struct, {})
        out = []
        for tf, expr in self.m.to_tf.get(struct, {}).items():
            opt = iface.get(prop_of(expr), (True, "", ""))[0]
            out.append((tf, False, opt, not opt, ""))
        return out

    def ancestor(self, struct):
        return next((p for s, p in self.stack if s == struct), None)

    def object_type(self, struct, where, flags=None):
        if self.ancestor(struct):
            self.recursive_refs.append(where)
            return None
        self.stack.append((struct, where))
        try:
            return self._object_type(struct, where, flags)
        finally:
            self.stack.pop()

    def _object_type(self, struct, where, flags):
        fields = {}
        for tf, c, o, r, seg in self.fields(struct, struct + "OutputReference"):
            kind, val, _ = self.field(struct, tf, c, o, r, seg, where + "." + tf, in_object=True)
            fields[tf] = val["type"]
            # The generator gives the fields of an object type the flags of the
            # attribute, but a protocol 6 nested attribute's fields their own
            # (cdktf-provider-hcp shows that). None in aws 5.100 / 6.66; if one
            # shows up, this file would write it as a plain object type: say so.
            if flags is not None and (c, o, r) != flags and where not in self.nested_suspects:
                self.nested_suspects.append(where)
        return ["object", fields]

    def block(self, struct, cls, where):
        self.stack.append((struct, where))
        try:
            return self._block(struct, cls, where)
        finally:
            self.stack.pop()

    def _block(self, struct, cls, where):
        out = {"attributes": {}, "block_types": {}}
        for tf, c, o, r, seg in self.fields(struct, cls):
            kind, val, _ = self.field(struct, tf, c, o, r, seg, where + "." + tf)
            out["attributes" if kind == "attr" else "block_types"][tf] = val
        for k in ("attributes", "block_types"):
            if not out[k]:
                del out[k]
        return out

    def field(self, struct, tf, computed, optional, required, seg, where, in_object=False):
        """-> ("attr" | "block", schema value, notes)."""
        if where.count(".") > 64:
            raise DeriveError(f"{where}: nesting too deep")
        flags = {k: True for k, v in (("computed", computed), ("optional", optional), ("required", required)) if v}
        h = self.m.hcl.get(struct, {}).get(tf)
        if h is None and not flags and not in_object:
            # Neither computed, optional nor required: only a block is that. The
            # generator leaves a block whose contents are all computed out of
            # the mappers (e.g. data aws_lb_listener_rule action.redirect).
            return "block", self.unsettable_block(tf, seg, where), None
        if h is None:
            return "attr", dict(flags, **self.computed_only(tf, seg, where)), None
        value, is_block, kind, storage = h
        iface = self.m.interfaces.get(struct, {})
        prop = prop_of(value)
        doc = iface.get(prop, (None, "", ""))[2] if prop else ""
        block_doc = re.search(r"^\s*\* " + re.escape(tf) + r" block$", doc, re.M) is not None
        attr = dict(flags)
        if "markWriteOnlyAttribute(" in value:
            attr["write_only"] = True
        prim, unknown = storage_type(storage, kind)
        if prim is not None:
            if storage == "any" and block_doc and not in_object:
                return "block", self.opaque_block(required), None
            if unknown:
                attr["stackgen_unknown"] = unknown
            attr["type"] = prim
            return "attr", attr, None
        # A struct: a nested block or an object-typed attribute.
        stems = [s for s in re.findall(r"(?<![\w.])([a-z]\w*)ToHclTerraform\b", value) if s in self.m.fn_struct]
        if len(stems) != 1:
            raise DeriveError(f"{where}: cannot tell the struct of {value!r}")
        sub = self.m.fn_struct[stems[0]]
        repeated = re.search(CDK + r"\.(listMapperHcl|hashMapperHcl)\(", value) is not None
        if block_doc and not in_object:
            if kind == "struct":
                bt = {"nesting_mode": "single"}
            elif kind == "map":
                bt = {"nesting_mode": "map"}   # none in aws; the generator's "map" block
            elif kind in ("list", "set"):
                bt = {"nesting_mode": kind}
                if not repeated:
                    bt["max_items"] = 1
                    if required:
                        bt["min_items"] = 1
                else:
                    bt["stackgen_unknown"] = ["max_items"]
                    if required:
                        bt["min_items"] = 1
                        bt["stackgen_unknown"].append("min_items")
            else:
                raise DeriveError(f"{where}: block of kind {kind!r}")
            anc = self.ancestor(sub)
            if anc:
                # The generator reused an enclosing block's struct here (CDK
                # Terrain does for aws_wafv2_web_acl_rule statements): the real
                # schema is finite, but how deep it goes is not stated.
                self.recursive_refs.append(where)
                bt["stackgen_opaque"] = True
                bt["stackgen_recursive"] = anc.split(".", 1)[1] if "." in anc else anc
                bt.setdefault("stackgen_unknown", []).append("block")
                bt["block"] = {}
            else:
                bt["block"] = self.block(sub, sub + "OutputReference", where)
            return "block", bt, None
        obj = self.object_type(sub, where, (computed, optional, required))
        if obj is None:
            attr["type"] = "dynamic"
            attr["stackgen_unknown"] = ["type"]
            return "attr", attr, None
        if kind == "struct":
            attr["type"] = obj
        elif kind in ("list", "set", "map"):
            attr["type"] = [kind, obj]
        else:
            raise DeriveError(f"{where}: object attribute of kind {kind!r}")
        return "attr", attr, None

    def unsettable_block(self, tf, seg, where):
        for m in NEW_COMPLEX.finditer(seg):
            cls, name, wraps_set = m.groups()
            if name != tf:
                continue
            if cls.endswith("OutputReference"):
                # Only a `single` block whose attributes are all computed gets
                # neither optional nor required (list / set blocks get one of
                # them from min_items): @cdktn/provider-generator's
                # attributeForBlockType.
                bt = {"nesting_mode": "single"}
                sub = cls[: -len("OutputReference")]
            elif cls.endswith("List"):
                bt = {"nesting_mode": "set" if wraps_set == "true" else "list",
                      "stackgen_unknown": ["max_items"]}
                sub = cls[: -len("List")]
            else:
                break
            if self.ancestor(sub):
                raise DeriveError(f"{where}: recursive computed block")
            bt["block"] = self.block(sub, sub + "OutputReference", where)
            return bt
        raise DeriveError(f"{where}: cannot tell the block from {seg.strip()[:200]!r}")

    def opaque_block(self, required):
        # The generator drops min_items for these (aws_wafv2_web_acl
        # rule.statement is min 1 but "optional" here): min_items is unknown too.
        bt = {"nesting_mode": "list", "stackgen_opaque": True,
              "stackgen_unknown": ["nesting_mode", "min_items", "max_items", "block"], "block": {}}
        if required:
            bt["min_items"] = 1
        return bt

    def computed_only(self, tf, seg, where):
        """The type of an attribute the configuration cannot set, from its getter."""
        for m in NEW_COMPLEX.finditer(seg):
            cls, name, wraps_set = m.groups()
            if name != tf:
                continue
            short = cls.split(".", 1)[1] if re.match(CDK + r"\.", cls) else None
            if short is not None:
                b = BUILTIN_COLLECTION.fullmatch(short)
                if not b:
                    raise DeriveError(f"{where}: unknown built-in {cls}")
                t, unknown = collection_type(b.group(1).lower(), re.findall(r"List|Map", b.group(2)),
                                             "set" if wraps_set == "true" else "list")
                return dict({"type": t}, **({"stackgen_unknown": unknown} if unknown else {}))
            for suffix, wrap in (("OutputReference", None), ("List", "set" if wraps_set == "true" else "list"),
                                 ("Map", "map")):
                if cls.endswith(suffix):
                    obj = self.object_type(cls[: -len(suffix)], where, (True, False, False))
                    if obj is None:
                        return {"type": "dynamic", "stackgen_unknown": ["type"]}
                    return {"type": [wrap, obj] if wrap else obj}
            raise DeriveError(f"{where}: unknown complex class {cls}")
        g = GETTER_RETURN.search(seg)
        if g:
            for rx, t in GETTER_TYPES:   # most specific first
                if rx.search(g.group(1)):
                    return {"type": t}
            if "interpolationForAttribute(" in g.group(1):
                return {"type": "dynamic", "stackgen_unknown": ["type"]}
        raise DeriveError(f"{where}: cannot type computed attribute from {seg.strip()[:200]!r}")

    def schema(self):
        b = self.block(self.m.main, self.m.main, self.m.tf_type)
        if self.m.kind == "provider":
            # The generator adds `alias` to every provider class: a meta-argument,
            # not part of the provider's schema.
            b.get("attributes", {}).pop("alias", None)
        return {"block": b}


def read_package(path):
    """Yield ("package.json", text or None), then (type dir name, [sources], is_ts).

    PATH is an npm tarball, an unpacked package (package.json + lib/<dir>/
    index.js and, for large types, the index-structs/*.js it imports), or the
    TypeScript a generator wrote (a directory of <dir>/index.ts, e.g.
    `cdktn get`'s .gen/providers/aws, with no package.json)."""
    if os.path.isdir(path):
        root = path if os.path.isfile(os.path.join(path, "package.json")) else os.path.join(path, "package")
        if os.path.isfile(os.path.join(root, "package.json")):
            with open(os.path.join(root, "package.json")) as f:
                yield "package.json", f.read()
            lib, ext, is_ts = os.path.join(root, "lib"), ".js", False
        else:
            yield "package.json", None
            lib, ext, is_ts = path, ".ts", True
        for d in sorted(os.listdir(lib)):
            if not os.path.isfile(os.path.join(lib, d, "index" + ext)):
                continue
            texts = []
            for sub, _, files in sorted(os.walk(os.path.join(lib, d))):
                for fn in sorted(files):
                    if fn.endswith(ext) and not fn.endswith(".d.ts"):
                        with open(os.path.join(sub, fn), encoding="utf-8") as f:
                            texts.append(f.read())
            yield d, texts, is_ts
        return
    with tarfile.open(path, "r:*") as tar:
        pkg, libs = None, {}
        for ti in tar:
            parts = ti.name.split("/")
            if ti.isfile() and parts[1:] == ["package.json"]:
                pkg = tar.extractfile(ti).read().decode("utf-8")
            elif ti.isfile() and len(parts) >= 4 and parts[1] == "lib" and parts[-1].endswith(".js"):
                libs.setdefault(parts[2], []).append(("/".join(parts[3:]), tar.extractfile(ti).read().decode("utf-8")))
        if pkg is None:
            raise DeriveError(f"{path}: no package/package.json")
        yield "package.json", pkg
        for d in sorted(libs):
            if any(n == "index.js" for n, _ in libs[d]):
                yield d, [t for _, t in sorted(libs[d])], False


def provider_of(pkg):
    for key in ("cdktn", "cdktf"):
        p = pkg.get(key, {}).get("provider")
        if p and p.get("name") and p.get("version"):
            return p["name"], p["version"]
    raise DeriveError("package.json states no cdktf/cdktn provider name and version")


# --- carrying sensitive / deprecated from a real schema -----------------------

def carry(derived, real, stats):
    """Copy sensitive / deprecated (+ deprecation description) from `real`
    (same type, same attribute / block path) into `derived`."""
    def attr(d, r):
        got = []
        for k in ("sensitive", "deprecated"):
            if r.get(k) is True:
                d[k] = True
                got.append(k)
        if r.get("deprecated") is True and r.get("description"):
            d["description"] = r["description"]
            got.append("description")
        if got:
            d["stackgen_carried"] = got
            for k in got:
                stats[k] = stats.get(k, 0) + 1

    def block(d, r):
        got = []
        if r.get("deprecated") is True:
            d["deprecated"] = True
            got.append("deprecated")
            if r.get("description"):
                d["description"] = r["description"]
                got.append("description")
        if got:
            d["stackgen_carried"] = got
            for k in got:
                stats["block_" + k] = stats.get("block_" + k, 0) + 1
        ra, rb = r.get("attributes", {}), r.get("block_types", {})
        for n, a in d.get("attributes", {}).items():
            if n in ra:
                stats["attributes_matched"] = stats.get("attributes_matched", 0) + 1
                attr(a, ra[n])
            else:
                a["stackgen_uncarried"] = True
                stats["attributes_unmatched"] = stats.get("attributes_unmatched", 0) + 1
        for n, bt in d.get("block_types", {}).items():
            if n in rb and "block" in bt:
                stats["blocks_matched"] = stats.get("blocks_matched", 0) + 1
                block(bt["block"], rb[n].get("block", {}))
            else:
                bt["stackgen_uncarried"] = True
                stats["blocks_unmatched"] = stats.get("blocks_unmatched", 0) + 1

    block(derived["block"], real.get("block", {}))


def count_write_only(b):
    n = sum(1 for a in b.get("attributes", {}).values() if a.get("write_only"))
    return n + sum(count_write_only(bt.get("block", {})) for bt in b.get("block_types", {}).values())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--carry-from", metavar="REAL.json",
                    help="copy sensitive / deprecated from this real schema (same provider address)")
    ap.add_argument("--source", help='the top-level "stackgen_source" note')
    ap.add_argument("--only", action="append", default=[], metavar="TYPE",
                    help="derive only these types (debugging); `provider` for the provider")
    ap.add_argument("--provider-address", help="override (or, for generated TypeScript, give) the provider address")
    ap.add_argument("--provider-version", help="override (or give) the provider version")
    ap.add_argument("--print-provider", action="store_true",
                    help="print `PACKAGE@VERSION PROVIDER_VERSION PROVIDER_ADDRESS` from package.json and stop")
    ap.add_argument("package")
    ap.add_argument("out", nargs="?")
    args = ap.parse_args()
    if args.print_provider:
        for item in read_package(args.package):
            meta = json.loads(item[1])
            addr, version = provider_of(meta)
            print(f"{meta.get('name')}@{meta.get('version')} {version} {addr}")
            return
    if not args.out:
        ap.error("OUT.json is required")

    pkg_meta, addr, version = None, None, None
    kinds = {"resource": {}, "data": {}, "ephemeral": {}, "provider": {}}
    errors, seen, wo_marked, suspects, recursive = [], 0, 0, [], []
    for item in read_package(args.package):
        if item[0] == "package.json":
            if item[1] is None:
                if not (args.provider_address and args.provider_version):
                    sys.exit("derive: generated TypeScript has no package.json: "
                             "pass --provider-address and --provider-version")
                pkg_meta = {"name": os.path.basename(os.path.abspath(args.package)), "version": "(generated TypeScript)"}
            else:
                pkg_meta = json.loads(item[1])
                addr, version = provider_of(pkg_meta)
            addr = args.provider_address or addr
            version = args.provider_version or version
            continue
        name, texts, is_ts = item
        if not is_ts:
            texts = [t for t in texts if "sourceMappingURL=data:" in t]
        if not texts:
            continue
        try:
            ts = "\n".join(texts if is_ts else [typescript_of(t, name) for t in texts])
            if not re.search(r"^export class \w+ extends " + CDK + r"\.Terraform(Resource|DataSource|EphemeralResource|Provider) ",
                             ts, re.M):
                continue   # lib/index.js and friends: re-exports only
            mod = Module(ts, f"lib/{name}")
            if args.only and mod.tf_type not in args.only and mod.kind not in args.only:
                continue
            seen += 1
            wo_marked += ts.count("markWriteOnlyAttribute(")
            d = Deriver(mod)
            if mod.tf_type in kinds[mod.kind]:
                raise DeriveError(f"lib/{name}: {mod.kind} {mod.tf_type} defined twice")
            kinds[mod.kind][mod.tf_type] = d.schema()
            suspects += d.nested_suspects
            recursive += d.recursive_refs
        except DeriveError as e:
            errors.append(str(e))
    if errors:
        sys.exit("derive: " + "\n  ".join([f"{len(errors)} error(s):"] + errors))
    if len(kinds["provider"]) > 1:
        sys.exit("derive: more than one provider class")

    notes = json.loads(json.dumps(DERIVED_NOTES))
    notes["package"] = f"{pkg_meta.get('name')}@{pkg_meta.get('version')}"
    if os.path.isfile(args.package):
        with open(args.package, "rb") as f:   # the npm registry's dist.integrity
            notes["package_integrity"] = "sha512-" + base64.b64encode(hashlib.sha512(f.read()).digest()).decode()
    notes["generated_from"] = f"{addr} {version}"
    if suspects:
        print(f"derive: warning: {len(suspects)} object-typed attribute(s) whose fields have flags of "
              f"their own (protocol 6 nested attributes?), written as object types: "
              + ", ".join(suspects[:10]), file=sys.stderr)
    notes["nested_attribute_suspects"] = suspects
    notes["recursive_blocks"] = recursive
    n_wo = sum(count_write_only(s["block"]) for k in ("resource", "data", "ephemeral")
               for s in kinds[k].values())
    notes["write_only_marking"] = (
        f"the package marks {n_wo} write-only argument(s) (markWriteOnlyAttribute)" if wo_marked else
        "the package marks no argument write-only: its generator may predate write-only "
        "marking (@cdktf/provider-aws 20.1.0 does), so write_only is unknown")
    doc_provider = kinds["provider"].get(next(iter(kinds["provider"]), None), {"block": {}})
    if args.carry_from:
        real = schema_format.load(args.carry_from)
        raddr, rp = schema_format.provider_entry(real, addr if addr in real.get("provider_schemas", {}) else None)
        rversion = real.get("provider_versions", {}).get(raddr, "?")
        stats = {}
        carry(doc_provider, rp.get("provider", {}), stats)
        for kind, key in (("resource", "resource_schemas"), ("data", "data_source_schemas"),
                          ("ephemeral", "ephemeral_resource_schemas")):
            for n, s in kinds[kind].items():
                if n in rp.get(key, {}):
                    stats[kind + "_types_matched"] = stats.get(kind + "_types_matched", 0) + 1
                    carry(s, rp[key][n], stats)
                else:
                    s["stackgen_uncarried"] = True
                    stats[kind + "_types_unmatched"] = stats.get(kind + "_types_unmatched", 0) + 1
        rel = os.path.join(os.path.basename(os.path.dirname(os.path.abspath(args.carry_from))),
                           os.path.basename(args.carry_from))
        notes["carried_from"] = f"{rel} ({raddr} {rversion})"
        notes["carried"] = ("sensitive, deprecated and deprecation descriptions of the same "
                            "type / attribute / block path; marked stackgen_carried; paths with no "
                            "counterpart are marked stackgen_uncarried")
        notes["carry_counts"] = dict(sorted(stats.items()))
    doc = {
        "format_version": "1.0",
        "provider_versions": {addr: version},
        "provider_schemas": {addr: {
            "provider": doc_provider,
            "resource_schemas": kinds["resource"],
            "data_source_schemas": kinds["data"],
        }},
        "stackgen_derived": notes,
    }
    if kinds["ephemeral"]:  # as terraform writes it: only a provider that has them
        doc["provider_schemas"][addr]["ephemeral_resource_schemas"] = kinds["ephemeral"]
    if args.source:
        doc["stackgen_source"] = args.source
    size = schema_format.write(doc, args.out)
    print(f"derive: wrote {args.out}: {addr} {version} from {notes['package']}: "
          f"{len(kinds['resource'])} resources, {len(kinds['data'])} data sources, "
          f"{len(kinds['ephemeral'])} ephemeral resources, "
          f"{len(kinds['provider'])} provider, {size} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
