"""Shared helpers for tools/values: parsing the provider's "one of" errors.

The provider reports a value outside a closed list in one of these forms
(observed with hashicorp/aws 5.100.0, see docs/values-sources.md):

  SDKv2 validation.StringInSlice (enum.Validate[T] wraps it):
    expected NAME to be one of ["a" "b"], got VALUE
  terraform-plugin-framework-validators stringvalidator.OneOf /
  OneOfCaseInsensitive:
    Invalid Attribute Value Match | Attribute NAME value must be one of: ["a" "b"], got: "VALUE"
  provider framework type fwtypes.StringEnum[T] (values are the SDK enum's):
    Invalid String Enum Value | ... Valid Values: [a b ]
  and its list/set form (fwtypes.ListOfStringEnum[T], SetOfStringEnum[T]):
    Invalid String Enum Value | Value [VALUE] at attribute NAME is not a valid enum value. Valid values are: [a b]
"""
import json
import re

SENTINEL = "zzqprobe"

ONE_OF = [
    ("sdkv2-stringinslice",
     re.compile(r"^expected (?P<name>\S+) to be one of (?P<list>\[.*\]), got (?P<got>.*)$", re.S)),
    ("framework-oneof",
     re.compile(r"^Invalid Attribute Value Match \| Attribute (?P<name>\S+) value must be one of"
                r"(?P<ci> \(case-insensitive\))?: (?P<list>\[.*\]), got: (?P<got>.*)$", re.S)),
    ("framework-stringenum",
     re.compile(r"^Invalid String Enum Value \| .*?Path: (?P<name>\S+)\n.*?Valid Values: \[(?P<plain>.*)\]\s*$",
                re.S)),
    # fwtypes.ListOfStringEnum / SetOfStringEnum elements
    ("framework-stringenum",
     re.compile(r"^Invalid String Enum Value \| Value \[(?P<got>.*)\] at attribute (?P<name>\S+) is not a valid "
                r"enum value\. Valid values are: \[(?P<plain>.*)\]\s*$", re.S)),
]


def go_quoted_list(s):
    """Parse Go's %q of a []string: ["a" "b\\"c"] -> ['a', 'b"c']; None if not that form."""
    s = s.strip()
    if not (s.startswith("[") and s.endswith("]")):
        return None
    inner = s[1:-1]
    out = []
    i = 0
    while i < len(inner):
        if inner[i] == " ":
            i += 1
            continue
        if inner[i] != '"':
            return None
        j = i + 1
        buf = ""
        while j < len(inner) and inner[j] != '"':
            if inner[j] == "\\":
                buf += inner[j:j + 2]
                j += 2
            else:
                buf += inner[j]
                j += 1
        if j >= len(inner):
            return None
        try:
            out.append(json.loads('"' + buf + '"'))
        except ValueError:
            return None
        i = j + 1
    return out


def parse_one_of(msg):
    """(form, values, case_insensitive_from_message) or None."""
    for form, rx in ONE_OF:
        m = rx.match(msg)
        if not m:
            continue
        gd = m.groupdict()
        if gd.get("plain") is not None:
            # space-separated, unquoted (fmt %v of []string); a value holding a
            # space would be split: round 2 ("valid") catches that.
            vals = gd["plain"].split()
        else:
            vals = go_quoted_list(gd["list"])
            if vals is None:
                return None
            if form == "framework-oneof" and vals and \
                    all(len(v) >= 2 and v[0] == '"' and v[-1] == '"' for v in vals):
                # older framework-validators print types.String values, i.e.
                # quoted twice: ["\"a\"" "\"b\""]; newer ones print ["a" "b"]
                vals = [json.loads(v) for v in vals]
        return form, vals, bool(gd.get("ci"))
    return None


def _close_of(text, start):
    """The index of the bracket closing the one at `start` (brackets and
    parentheses nest; quoted strings with backslash escapes are skipped), or
    len(text) when it is not closed."""
    depth, j, inq = 0, start, False
    while j < len(text):
        c = text[j]
        if inq:
            if c == "\\":
                j += 1
            elif c == '"':
                inq = False
        elif c == '"':
            inq = True
        elif c in "[(":
            depth += 1
        elif c in "])":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return j


def strip_element_keys(path):
    """`a[0].b[Value({...})].c.0` -> `a.b.c`: drop list indexes and set-element keys."""
    out, i = [], 0
    while i < len(path):
        ch = path[i]
        if ch == "[":
            i = _close_of(path, i) + 1
            continue
        out.append(ch)
        i += 1
    s = "".join(out)
    return ".".join(p for p in s.split(".") if p and not p.isdigit())


def normalize(msg):
    """A message with set-element keys ([Value({...})]) blanked, for diffing a
    probe's errors against its baseline's: the key embeds the probed value."""
    out, i = [], 0
    while True:
        k = msg.find("[Value(", i)
        if k < 0:
            out.append(msg[i:])
            return "".join(out)
        out.append(msg[i:k] + "[*]")
        i = _close_of(msg, k) + 1


def error_attr(msg):
    """Last path segment of the attribute a parsed "one of" error is about, or None."""
    for _, rx in ONE_OF:
        m = rx.match(msg)
        if m:
            name = m.group("name").strip('"')
            p = strip_element_keys(name)
            return p.split(".")[-1] if p else None
    return None


MENTION = [
    re.compile(r"^expected \"?(?P<name>[^\s\"]+)\"? to "),
    re.compile(r"^[^|]*\| Block (?P<name>\S+) "),
    re.compile(r"\nPath: (?P<name>\S+)"),
    re.compile(r"^[^|]*\| Attribute (?P<name>\S+) "),
    re.compile(r" at attribute (?P<name>\S+) "),
]


def mentioned_attr(msg):
    """Last path segment of the attribute an error names, when it names one."""
    for rx in MENTION:
        m = rx.search(msg)
        if m:
            p = strip_element_keys(m.group("name"))
            if p:
                return p.split(".")[-1]
    return None


def error_got(msg):
    """The rejected value a "one of" error reports ("got X"), or None."""
    for form, rx in ONE_OF:
        m = rx.match(msg)
        if m and m.groupdict().get("got") is not None:
            g = m.group("got").strip()
            if form == "framework-oneof" and len(g) >= 2 and g[0] == '"' and g[-1] == '"':
                g = g[1:-1]
            return g
        if m and form == "framework-stringenum":
            gm = re.search(r"\nGiven Value: (.*)\n", msg)
            if gm:
                return gm.group(1)
    return None


def own_errors(errors, leaf, value):
    """The errors of a probe that are about the probed attribute and value:
    drop errors naming another attribute or block, and "one of" errors that
    report another rejected value (a sibling's dummy)."""
    want = value if isinstance(value, str) else None
    out = []
    for e in errors:
        if mentioned_attr(e) not in (None, leaf):
            continue
        g = error_got(e)
        if g is not None and want is not None and g != want:
            continue
        out.append(e)
    return sorted(set(out))
