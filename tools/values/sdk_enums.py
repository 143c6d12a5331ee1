#!/usr/bin/env python3
"""tools/values/sdk_enums.py: index the enum constants of AWS SDK v3 clients.

    tools/values/sdk_enums.py --sdk /tmp/awssdk3/node_modules --out WORK/sdk-enums.json

Reads every installed `@aws-sdk/client-*` package's type declarations
(`dist-types/models/*.d.ts`), where each API enum is

    export declare const TargetTypeEnum: {
        readonly ALB: "alb";
        ...
    };

and writes {"packages": {"@aws-sdk/client-x": "VERSION"}, "enums":
{"client-x:TargetTypeEnum": [values in declaration order]}}.

These enums are the generated API models the provider's aws-sdk-go-v2 types
come from (`enum.Validate[awstypes.TargetTypeEnum]()` is
`StringInSlice(awstypes.TargetTypeEnum("").Values())`).  build.py uses them to
name the SDK enum behind a value set the provider reported.  (The npm package
`aws-sdk` v2 is no help: it ships only minified models without enum names.)

Install outside the repository first, e.g.:
    mkdir -p /tmp/awssdk3 && cd /tmp/awssdk3 && npm init -y &&
    npm install --ignore-scripts @aws-sdk/client-ecs@3.936.0 ...   (list: docs/values-sources.md)
"""
import argparse
import json
import os
import re

ENUM = re.compile(r"export declare const (\w+): \{\s*((?:readonly [\w$]+: \"(?:[^\"\\]|\\.)*\";\s*)+)\};")
MEMBER = re.compile(r"readonly [\w$]+: (\"(?:[^\"\\]|\\.)*\");")


def load(root):
    base = os.path.join(root, "@aws-sdk")
    packages, enums = {}, {}
    for pkg in sorted(os.listdir(base)):
        if not pkg.startswith("client-"):
            continue
        pdir = os.path.join(base, pkg)
        packages["@aws-sdk/" + pkg] = json.load(open(os.path.join(pdir, "package.json")))["version"]
        mdir = os.path.join(pdir, "dist-types", "models")
        if not os.path.isdir(mdir):
            continue
        for f in sorted(os.listdir(mdir)):
            if not f.endswith(".d.ts"):
                continue
            text = open(os.path.join(mdir, f)).read()
            for m in ENUM.finditer(text):
                vals = [json.loads(v) for v in MEMBER.findall(m.group(2))]
                enums["%s:%s" % (pkg, m.group(1))] = vals
    return packages, enums


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sdk", default="/tmp/awssdk3/node_modules", help="a node_modules dir")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    packages, enums = load(a.sdk)
    with open(a.out, "w") as fh:
        json.dump({"packages": packages, "enums": enums}, fh, indent=0, sort_keys=True)
        fh.write("\n")
    print("sdk_enums: %d client packages, %d enums -> %s" % (len(packages), len(enums), a.out))


if __name__ == "__main__":
    main()
