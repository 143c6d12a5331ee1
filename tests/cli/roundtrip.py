#!/usr/bin/env python3
"""Strings for roundtrip.sh, and the comparison of terraform's outputs.

  roundtrip.py generate SEED COUNT OUT.json
  roundtrip.py compare STRINGS.json OUTPUTS.json
"""
import json
import random
import sys
import unicodedata

# Pieces that matter to JSON, HCL templates and their escapes, weighted
# towards the dangerous ones.
PIECES = ["$", "$$", "$$$", "%", "%%", "{", "}", "${", "%{", "$${", "%%{", "${x}", "%{ if true }", "~}",
          "\\", "\\\\", '"', "'", "\r", "\n", "\r\n", "\t", "\x01", "\x1b", "\x7f", " ", "a", "Z", "0",
          "é", "日本", "🙂", "\u2028", "\u00a0", "#", "//", "/*", "*/", "<<EOT", "=", ":", ","]


def generate(seed, count, out):
    rng = random.Random(seed)
    strings = ["", "$", "${", "a\r", "a\r$", "$\r", "US$", "%{", "\r\r\n\r"]
    while len(strings) < count:
        s = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12)))
        # Terraform normalises string literals to Unicode NFC; the pieces
        # are NFC already, and so are their concatenations here.
        if unicodedata.normalize("NFC", s) == s:
            strings.append(s)
    with open(out, "w", encoding="utf-8") as f:
        json.dump(strings, f, ensure_ascii=True)


def compare(strings_path, outputs_path):
    strings = json.load(open(strings_path, encoding="utf-8"))
    outputs = json.load(open(outputs_path, encoding="utf-8"))
    failures = 0
    for i, s in enumerate(strings):
        for form in ("lit", "tpl", "hcl"):
            got = outputs.get(f"{form}_{i}", {}).get("value")
            if got != s:
                failures += 1
                if failures <= 20:
                    print(f"FAIL: {form}_{i}: sent {s!r}, terraform gave {got!r}")
    checked = 3 * len(strings)
    print(f"round trip: {checked - failures} of {checked} values came back byte for byte")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    if sys.argv[1] == "generate":
        generate(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
    else:
        compare(sys.argv[2], sys.argv[3])
