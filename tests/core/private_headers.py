#!/usr/bin/env python3
"""core_private_headers: nothing outside src/core includes a core-private
header (src/core/**): lint, graph, diff, the CLI and the testing library read
blocks through stackgen/core/inspect.hpp. The fuzz targets are the one
exception, by design: they compile core's own sources with instrumentation
(tests/fuzz/CMakeLists.txt) and test them from the inside.

usage: private_headers.py SOURCE_DIR
"""
import pathlib
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)


def main():
    root = pathlib.Path(sys.argv[1])
    private = {p.relative_to(root / "src").as_posix() for p in (root / "src/core").rglob("*.hpp")}
    names = {pathlib.PurePosixPath(p).name for p in private}
    bad = []
    for folder in ("src", "include", "stacks", "examples", "tests", "bench", "tools"):
        for f in sorted((root / folder).rglob("*.[ch]pp")):
            rel = f.relative_to(root).as_posix()
            if rel.startswith("src/core/") or rel.startswith("tests/fuzz/"):
                continue
            for m in INCLUDE.finditer(f.read_text(errors="replace")):
                inc = m.group(1)
                target = (f.parent / inc).resolve()
                inside_core = str(target).startswith(str((root / "src/core").resolve()) + "/")
                if inc in private or inc.startswith("core/") or inside_core:
                    bad.append(f"{rel}: #include \"{inc}\"")
    if bad:
        print("core-private headers included outside src/core:")
        print("\n".join(bad))
        return 1
    print(f"no file outside src/core includes one of core's {len(private)} private headers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
