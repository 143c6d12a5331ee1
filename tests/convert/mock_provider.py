#!/usr/bin/env python3
"""Test-only AWS provider settings for plan_equal.sh: mock credentials, no
account lookups, and every endpoint a data source may call pointed at
moto_server on 127.0.0.1:PORT.

  mock_provider.py CONFIG_DIR PORT

Written as an override file when the configuration has a default `aws`
provider block (override files may only change blocks that exist), as a
plain file otherwise. Aliased provider blocks get an override each. A
backend the configuration declares is overridden by a local one.
"""
import json
import os
import re
import sys

ENDPOINTS = ["ec2", "iam", "sts", "s3", "ecs", "elbv2", "rds", "ecr", "logs", "kms", "ssm", "sns", "sqs",
             "lambda", "cloudwatch", "route53", "acm", "secretsmanager", "dynamodb", "autoscaling"]


def provider_blocks(text):
    """(alias or None) of each provider "aws" block, by brace matching."""
    out = []
    for m in re.finditer(r'^\s*provider\s+"aws"\s*\{', text, re.M):
        depth, i = 1, m.end()
        while i < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        body = text[m.end():i - 1]
        alias = re.search(r'^\s*alias\s*=\s*"([^"]+)"', body, re.M)
        out.append(alias.group(1) if alias else None)
    return out


def main():
    directory, port = sys.argv[1], sys.argv[2]
    aliases, has_default, backend = [], False, False
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        if name.endswith(".tf"):
            text = open(path, encoding="utf-8").read()
            backend = backend or re.search(r'^\s*backend\s+"', text, re.M) is not None
            for a in provider_blocks(text):
                if a is None:
                    has_default = True
                else:
                    aliases.append(a)
        elif name.endswith(".tf.json"):
            doc = json.load(open(path, encoding="utf-8"))
            backend = backend or any("backend" in t for t in
                                     (doc.get("terraform") if isinstance(doc.get("terraform"), list)
                                      else [doc.get("terraform", {})]))
            blocks = doc.get("provider", {}).get("aws", [])
            for b in blocks if isinstance(blocks, list) else [blocks]:
                if "alias" in b:
                    aliases.append(b["alias"])
                else:
                    has_default = True
    settings = {"access_key": "mock", "secret_key": "mock", "skip_credentials_validation": True,
                "skip_requesting_account_id": True, "skip_metadata_api_check": True,
                "endpoints": [{e: f"http://127.0.0.1:{port}" for e in ENDPOINTS}]}
    if backend:
        json.dump({"terraform": {"backend": {"local": {}}}},
                  open(os.path.join(directory, "zz_test_backend_override.tf.json"), "w"))
    default = dict(settings, region="eu-central-1")
    blocks = [default] + [dict(settings, alias=a) for a in aliases]
    override = {"provider": {"aws": blocks}}
    target = "zz_test_override.tf.json" if has_default else "zz_test_provider.tf.json"
    if not has_default and aliases:
        # The aliased blocks exist: override them; the default one is new.
        json.dump({"provider": {"aws": [default]}}, open(os.path.join(directory, target), "w"))
        json.dump({"provider": {"aws": blocks[1:]}}, open(os.path.join(directory, "zz_test_override.tf.json"), "w"))
        return
    json.dump(override, open(os.path.join(directory, target), "w"))


if __name__ == "__main__":
    main()
