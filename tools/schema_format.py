"""How stackgen writes provider schema files (schema/*.json). Stdlib only.

The files use the format of `terraform providers schema -json` (trimmed, see
tools/trim-schema.py), laid out so that a diff names the types that changed:

- every resource / data source / ephemeral resource schema, and the provider
  configuration schema, sits on ONE line: compact separators, sorted keys;
- everything around them is pretty-printed with a one-space indent, sorted
  keys; a small value outside `provider_schemas` (at most 100 characters on
  one line, e.g. `provider_versions`) stays on one line;
- ASCII only (json's default escaping), trailing newline.

The same document always gives the same bytes. Any JSON reader loads the file.

    import schema_format
    doc = schema_format.load("schema/aws-5.100.0.json")
    schema_format.write(doc, "out.json")          # or schema_format.dumps(doc)
"""
import json

# Keys of a provider entry under "provider_schemas" whose values are maps of
# type name -> schema, each schema written on one line.
TYPE_MAPS = ("resource_schemas", "data_source_schemas", "ephemeral_resource_schemas")
INLINE_WIDTH = 100


def compact(value):
    """One-line JSON, sorted keys, no spaces."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def _pretty(value, indent, inline_small):
    """indent=1 pretty printing, sorted keys; small values on one line."""
    if inline_small and isinstance(value, (dict, list)):
        one = json.dumps(value, sort_keys=True)
        if len(one) + indent <= INLINE_WIDTH:
            return one
    pad = " " * (indent + 1)
    if isinstance(value, dict) and value:
        items = [f"{pad}{json.dumps(k)}: {_pretty(value[k], indent + 1, inline_small)}"
                 for k in sorted(value)]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    if isinstance(value, list) and value:
        items = [pad + _pretty(v, indent + 1, inline_small) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"
    return json.dumps(value, sort_keys=True)


def _object(pairs, indent):
    """Write {key: already-rendered text} with the given indent."""
    if not pairs:
        return "{}"
    pad = " " * (indent + 1)
    return ("{\n" + ",\n".join(f"{pad}{json.dumps(k)}: {v}" for k, v in sorted(pairs.items()))
            + "\n" + " " * indent + "}")


def _provider_entry(entry, indent):
    out = {}
    for key, value in entry.items():
        if key in TYPE_MAPS and isinstance(value, dict):
            out[key] = _object({n: compact(s) for n, s in value.items()}, indent + 1)
        elif key == "provider":
            out[key] = compact(value)
        else:
            out[key] = _pretty(value, indent + 1, False)
    return _object(out, indent)


def dumps(doc):
    """The file text for a schema document (a dict), trailing newline included."""
    top = {}
    for key, value in doc.items():
        if key == "provider_schemas" and isinstance(value, dict):
            top[key] = _object({addr: _provider_entry(e, 2) for addr, e in value.items()}, 1)
        else:
            top[key] = _pretty(value, 1, True)
    return _object(top, 0) + "\n"


def write(doc, path):
    """Write `doc` to `path` in this format; returns the number of bytes."""
    text = dumps(doc)
    with open(path, "w", encoding="ascii", newline="\n") as f:
        f.write(text)
    return len(text)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def provider_entry(doc, addr=None):
    """(addr, entry) of the only (or the named) provider in a schema document."""
    schemas = doc.get("provider_schemas", {})
    if addr is None:
        if len(schemas) != 1:
            raise ValueError(f"expected one provider, have {', '.join(schemas) or 'none'}")
        addr = next(iter(schemas))
    return addr, schemas[addr]
