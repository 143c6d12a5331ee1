#!/usr/bin/env python3
"""core_mentions_no_provider: stackgen::core is the Terraform language and
knows no provider. Its headers and sources (comments aside: examples in
documentation may name AWS types) and the symbols of its library must not
name one; a provider name there means a layer leaked downwards.

usage: no_provider.py SOURCE_DIR LIBRARY [NM]
"""
import pathlib
import re
import subprocess
import sys

# Providers stackgen ships or tests with, and the registry namespace.
WORDS = re.compile(r"\baws\w*|\w*_aws\b|hashicorp|\btls_(private_key|cert_request|locally_signed_cert|self_signed_cert)"
                   r"|\brandom_(id|integer|password|pet|shuffle|string|uuid|bytes)\b", re.I)


def strip_comments(text):
    # Removes // and /* */ comments, keeping string literals (which are
    # code: an error message naming aws_instance is provider knowledge).
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c == '"' or c == "'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            out.append("\n" * text.count("\n", i, n if j < 0 else j))
            i = n if j < 0 else j + 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def main():
    root = pathlib.Path(sys.argv[1])
    library = sys.argv[2]
    nm = sys.argv[3] if len(sys.argv) > 3 else "nm"
    bad = []
    files = sorted((root / "include/stackgen/core").rglob("*.hpp")) + sorted((root / "src/core").rglob("*.[ch]pp"))
    for f in files:
        code = strip_comments(f.read_text())
        for number, line in enumerate(code.splitlines(), 1):
            m = WORDS.search(line)
            if m:
                bad.append(f"{f.relative_to(root)}:{number}: '{m.group(0)}' in: {line.strip()}")
    symbols = subprocess.run([nm, "-C", "--defined-only", library], capture_output=True, text=True, check=True).stdout
    for line in symbols.splitlines():
        m = re.search(r"\baws\w*|hashicorp", line, re.I)
        if m:
            bad.append(f"{library}: symbol {line.strip()}")
    if bad:
        print("stackgen::core names a provider:")
        print("\n".join(bad[:50]))
        return 1
    print(f"core: {len(files)} files and the symbols of {pathlib.Path(library).name} name no provider")
    return 0


if __name__ == "__main__":
    sys.exit(main())
