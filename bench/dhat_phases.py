#!/usr/bin/env python3
"""Allocations of a `valgrind --tool=dhat` profile of stackgen_bench --run N,
split by phase (build / validate / render / write) and by the library the
allocating frame belongs to.

  python3 bench/dhat_phases.py dhat.10000 150012    # file, resources
"""
import collections
import json
import sys

PHASES = [("build_synthetic_stack", "build"), ("stackgen::validate(", "validate"),
          ("stackgen::render(", "render"), ("write_output(", "write")]
OWNERS = ["stackgen::awsdoc", "stackgen::lint", "stackgen::aws::", "stackgen::bench",
          "stackgen::detail::(anonymous namespace)::Checker", "stackgen::detail", "stackgen::inspect", "stackgen::"]


def phase(frames):
    for f in frames:
        for needle, name in PHASES:
            if needle in f:
                return name
    return "other"


def owner(frames):
    for f in frames[1:]:
        g = f.split(": ", 1)[-1]
        if g.startswith(("operator new", "malloc", "std::", "void std::", "__gnu", "realloc", "calloc")):
            continue
        for o in OWNERS:
            if g.startswith(o):
                return o
        return g[:50]
    return "?"


def main():
    d = json.load(open(sys.argv[1]))
    resources = int(sys.argv[2])
    ftbl = d["ftbl"]
    blocks, by_owner = collections.Counter(), collections.Counter()
    for pp in d["pps"]:
        frames = [ftbl[i] for i in pp["fs"]]
        p = phase(frames)
        blocks[p] += pp["tbk"]
        by_owner[(p, owner(frames))] += pp["tbk"]
    total = sum(blocks.values())
    print(f"total {total} allocations, {total / resources:.2f} per resource")
    for p, n in blocks.most_common():
        print(f"  {p:9} {n:>9} {n / resources:6.2f} per resource")
    for (p, o), n in by_owner.most_common(15):
        print(f"    {p:9} {o:50} {n:>9} {n / resources:6.2f}")


if __name__ == "__main__":
    main()
