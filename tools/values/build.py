#!/usr/bin/env python3
"""tools/values/build.py: (re)build schema/aws-5.100.0.values.json from the sources.

    tools/values/build.py [--work DIR]... [--schema /tmp/aws-all.json]
        [--sdk /tmp/awssdk3/node_modules] [--probe] [--out schema/aws-5.100.0.values.json]

Steps (docs/values-sources.md has the details, versions and the full recipe):
  1. --probe: run tools/values/probe.py on --schema (the whole 5.100.0 provider,
     `tools/update-schema.sh --all --out /tmp/aws-all.json`) into each --work
     dir: the first gets the main run, the others (named *-waf*, *-qs*) the
     depth-limited WAFv2 / QuickSight runs.  Without --probe the results
     already in the --work dirs are used (a type from the first dir that has
     it).
  2. Index the SDK enums (tools/values/sdk_enums.py) of the @aws-sdk/client-*
     packages installed under --sdk, to name the API enum behind a value set.
  3. Read tools/values/unvalidated.json (hand-picked, with quotes): attributes
     the stacks/lint use that the provider does NOT validate, with values from
     an SDK enum (resolved mechanically here) or a docs quote.
  4. Decide each attribute (rules below), keep only attributes the schema has
     as string / list-set of string, and write --out: sorted, one entry a
     line, stable across runs.

Rules for a provider entry (round 1 = sentinel probe, round 2 = value probes):
  (first, errors naming another attribute or reporting another rejected
  value are dropped: common.own_errors)
  * round 1 raised exactly one "one of" list (the same list twice counts
    once) and round 2 accepted every listed value alone: closed set -- source
    "provider" (or "provider+sdk" when the set equals an SDK enum's values);
  * a listed value rejected alone in round 2, or round 2 missing: "open";
  * round 1 raised a "one of" list and other errors too (a pattern, a length,
    an ARN check... combined with validation.Any/All): "open": true, values
    are the listed ones, never to be enforced;
  * round 2's case-swapped value accepted, or the framework message says
    case-insensitive: "case_insensitive": true;
  * no "one of" error: the provider accepts any string (or checks a pattern):
    no provider entry; an unvalidated.json entry may then exist (source "sdk"
    or "docs", lower confidence, "open" unless marked closed there).
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from common import own_errors, parse_one_of  # noqa: E402
import sdk_enums  # noqa: E402

ADDR = "registry.terraform.io/hashicorp/aws"
FORM_NAMES = {
    "sdkv2-stringinslice": "SDKv2 validation.StringInSlice / enum.Validate",
    "framework-oneof": "framework stringvalidator.OneOf",
    "framework-stringenum": "framework fwtypes.StringEnum",
}


def load_rows(path):
    return json.load(open(path)) if os.path.exists(path) else []


def decide(r1, r2):
    """Provider entries from probe rows. Returns (entries, stats)."""
    by2 = {}
    for r in r2:
        by2.setdefault((r["kind"], r["type"], r["path"]), []).append(r)
    entries, stats = {}, {"probed": len(r1), "no_list": 0, "mixed_open": 0, "closed": 0,
                          "rejected_listed": 0, "case_insensitive": 0, "no_round2": 0, "foreign_errors": 0, "unparsed_list_like": []}
    for r in r1:
        key = (r["kind"], r["type"], r["path"])
        leaf = r["path"].split(".")[-1]
        # an error naming another attribute leaked through the baseline diff
        # (framework set elements embed the probed value in sibling errors'
        # paths: x[Value({...})].sibling); it is not this attribute's
        errs = own_errors(r["errors"], leaf, r["value"])
        stats["foreign_errors"] += len(set(r["errors"])) - len(errs)
        parsed = [(e, parse_one_of(e)) for e in errs]
        lists = [(e, p) for e, p in parsed if p]
        others = [e for e, p in parsed if not p]
        if not lists:
            stats["no_list"] += 1
            for e in errs:
                low = e.lower()
                if "one of" in low or "valid values" in low:
                    stats["unparsed_list_like"].append("%s %s.%s: %s" % (key[0], key[1], key[2], e[:200]))
            continue
        form, vals, ci = lists[0][1]
        if len(lists) > 1 and any(sorted(p[1]) != sorted(vals) for _, p in lists[1:]):
            others += [e for e, _ in lists[1:]]
        e = {"kind": key[0], "type": key[1], "path": key[2], "values": sorted(set(vals)),
             "case_insensitive": ci, "element": bool(r["element"]), "validator": form}
        notes = []
        if others:
            e["open"] = True
            notes.append("other validators also reject the probe: " + " / ".join(o.split("\n")[0][:160] for o in others))
            stats["mixed_open"] += 1
        rej = []
        if not by2.get(key) and not others:
            # round 2 never ran for it (e.g. a parser fix after the run):
            # `probe.py --round 2 --missing-only` fills the gap
            e["open"] = True
            notes.append("round 2 (value and case probes) missing: not trusted")
            stats["no_round2"] += 1
        for p in by2.get(key, []):
            perrs = own_errors(p["errors"], leaf, p["value"])
            if p["round"] == "valid" and perrs:
                rej.extend(p["value"] if isinstance(p["value"], list) else [p["value"]])
            if p["round"] == "case" and not perrs:
                e["case_insensitive"] = True
        if rej and not others:
            # a listed value the provider rejects: another validator (All), a
            # value list we mis-read (values with spaces in the StringEnum
            # form), or a collection rule.  Not trusted as a closed set.
            e["open"] = True
            if isinstance(rej[0], list):
                rej = [x for v in rej for x in v]
            notes.append("listed values rejected when probed alone: " + ", ".join(sorted(set(rej))))
            stats["rejected_listed"] += 1
        if not e["values"]:
            e["open"] = True
        if e["case_insensitive"]:
            stats["case_insensitive"] += 1
        if not e.get("open"):
            stats["closed"] += 1
        if notes:
            e["note"] = "; ".join(notes)
        entries[key] = e
    return entries, stats


# Terraform type prefix -> SDK v3 client whose enums may back its validators.
# Longest prefix wins; types not covered get no SDK naming.
SDK_CLIENT = {
    "aws_acm_": "client-acm", "aws_appautoscaling_": "client-application-auto-scaling",
    "aws_autoscaling_": "client-auto-scaling", "aws_launch_configuration": "client-auto-scaling",
    "aws_cloudfront_": "client-cloudfront", "aws_cloudwatch_metric_alarm": "client-cloudwatch",
    "aws_cloudwatch_composite_alarm": "client-cloudwatch", "aws_cloudwatch_dashboard": "client-cloudwatch",
    "aws_cloudwatch_metric_stream": "client-cloudwatch", "aws_cloudwatch_log_": "client-cloudwatch-logs",
    "aws_cloudwatch_query_definition": "client-cloudwatch-logs", "aws_codedeploy_": "client-codedeploy",
    "aws_dynamodb_": "client-dynamodb", "aws_ecr_": "client-ecr", "aws_ecs_": "client-ecs",
    "aws_efs_": "client-efs", "aws_eks_": "client-eks", "aws_elb": "client-elastic-load-balancing",
    "aws_lb_cookie_stickiness_policy": "client-elastic-load-balancing",
    "aws_load_balancer_": "client-elastic-load-balancing", "aws_app_cookie_stickiness_policy":
    "client-elastic-load-balancing", "aws_proxy_protocol_policy": "client-elastic-load-balancing",
    "aws_lb": "client-elastic-load-balancing-v2", "aws_alb": "client-elastic-load-balancing-v2",
    "aws_iam_": "client-iam", "aws_kms_": "client-kms", "aws_lambda_": "client-lambda",
    "aws_db_": "client-rds", "aws_rds_": "client-rds", "aws_route53_": "client-route-53",
    "aws_s3_": "client-s3", "aws_secretsmanager_": "client-secrets-manager", "aws_sns_": "client-sns",
    "aws_sqs_": "client-sqs", "aws_ssm_": "client-ssm", "aws_wafv2_": "client-wafv2",
    "aws_ec2_": "client-ec2", "aws_vpc": "client-ec2", "aws_subnet": "client-ec2", "aws_instance":
    "client-ec2", "aws_security_group": "client-ec2", "aws_default_": "client-ec2", "aws_route":
    "client-ec2", "aws_eip": "client-ec2", "aws_nat_gateway": "client-ec2", "aws_ami": "client-ec2",
    "aws_ebs_": "client-ec2", "aws_launch_template": "client-ec2", "aws_network_": "client-ec2",
    "aws_vpn_": "client-ec2", "aws_customer_gateway": "client-ec2", "aws_internet_gateway": "client-ec2",
    "aws_egress_only_internet_gateway": "client-ec2", "aws_key_pair": "client-ec2",
    "aws_placement_group": "client-ec2", "aws_spot_": "client-ec2", "aws_volume_attachment": "client-ec2",
    "aws_flow_log": "client-ec2", "aws_verifiedaccess_": "client-ec2", "aws_snapshot_create_volume_permission":
    "client-ec2", "aws_ami_": "client-ec2", "aws_prefix_list": "client-ec2", "aws_availability_zone":
    "client-ec2", "aws_instances": "client-ec2", "aws_subnets": "client-ec2", "aws_vpcs": "client-ec2",
}
# "aws_route53_" must beat "aws_route"; "aws_lb_cookie..." must beat "aws_lb".


def sdk_client(tname):
    best = ""
    for pre in SDK_CLIENT:
        if tname.startswith(pre) and len(pre) > len(best):
            best = pre
    return SDK_CLIENT.get(best)


def sdk_match(values, enums, case_insensitive, client=None):
    """Names of the client's SDK enums with exactly these values; and SDK supersets."""
    norm = (lambda s: s.lower()) if case_insensitive else (lambda s: s)
    want = sorted(set(norm(v) for v in values))
    exact, superset = [], []
    for name, ev in enums.items():
        if client is None or name.split(":")[0] != client:
            continue
        ev2 = sorted(set(norm(v) for v in ev))
        if ev2 == want:
            exact.append(name)
        elif len(want) >= 2 and set(want) < set(ev2):
            superset.append((name, sorted({v for v in ev if norm(v) not in set(want)})))
    return sorted(exact), sorted(superset)


def schema_types(ps):
    return {"resource": ps["resource_schemas"], "data": ps["data_source_schemas"]}


def find_attr(ps, kind, tname, path):
    """The schema attribute (dict) or object field type at path, or None."""
    t = schema_types(ps)[kind].get(tname)
    if t is None:
        return None
    block = t["block"]
    parts = path.split(".")
    for i, p in enumerate(parts):
        if p in block.get("block_types", {}):
            block = block["block_types"][p]["block"]
            continue
        a = block.get("attributes", {}).get(p)
        if a is None:
            return None
        ty = a["type"]
        for q in parts[i + 1:]:
            while isinstance(ty, list) and ty[0] in ("list", "set"):
                ty = ty[1]
            if not (isinstance(ty, list) and ty[0] == "object" and q in ty[1]):
                return None
            ty = ty[1][q]
        return dict(a, type=ty)
    return None


def unvalidated_entries(path, ps, provider, enums, packages):
    """Entries from tools/values/unvalidated.json (attributes the provider does
    not validate): values from an SDK enum ("sdk_enum", resolved here) or from
    a docs quote ("values").  Skipped when the provider has its own list."""
    if not os.path.exists(path):
        return {}, {}, []
    doc = json.load(open(path))
    out, skipped = {}, []
    for d in doc["entries"]:
        key = (d["kind"], d["type"], d["path"])
        if key in provider:
            skipped.append("%s %s.%s: the provider validates it" % key)
            continue
        a = find_attr(ps, *key)
        if a is None:
            skipped.append("%s %s.%s: not in the schema" % key)
            continue
        notes = [d["note"]] if d.get("note") else []
        if d.get("sdk_enum"):
            client, name = d["sdk_enum"].split(":")
            if d["sdk_enum"] not in enums:
                skipped.append("%s %s.%s: SDK enum %s not installed" % (key + (d["sdk_enum"],)))
                continue
            vals = enums[d["sdk_enum"]]
            src = "sdk: API enum %s (@aws-sdk/%s@%s); the provider does not validate" % (
                name, client, packages["@aws-sdk/" + client])
            if d.get("values") and not set(d["values"]) <= set(vals):
                notes.append("docs list values the SDK enum lacks: " + ", ".join(sorted(set(d["values"]) - set(vals))))
        else:
            vals = d["values"]
            src = "docs: the provider does not validate"
        if d.get("sdk_check") and d["sdk_check"] in enums:
            extra = sorted(set(enums[d["sdk_check"]]) - set(vals))
            if extra:
                notes.append("API enum %s also has: %s" % (d["sdk_check"].split(":")[1], ", ".join(extra)))
        if d.get("quote"):
            src += "; docs %s: %s" % (d["file"], d["quote"])
        elif d.get("file"):
            src += "; docs %s give no list" % d["file"]
        e = {"kind": key[0], "type": key[1], "path": key[2], "values": sorted(set(vals)),
             "case_insensitive": False, "element": a["type"] != "string", "validator": "none",
             "source": src}
        if not d.get("closed"):
            e["open"] = True
        if notes:
            e["note"] = "; ".join(notes)
        out[key] = e
    return out, doc.get("source", {}), skipped


def dump(doc):
    """Pretty JSON with one values entry per line."""
    lines = ["{"]
    keys = [k for k in doc if k != "values"]
    for k in keys:
        lines.append(" %s: %s," % (json.dumps(k), json.dumps(doc[k], sort_keys=True, indent=None)))
    lines.append(' "values": [')
    ents = [json.dumps(e, sort_keys=True, ensure_ascii=False) for e in doc["values"]]
    lines.extend("  " + s + ("," if i + 1 < len(ents) else "") for i, s in enumerate(ents))
    lines.append(" ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--work", action="append",
                    help="probe work dir (repeatable or comma-separated; default /tmp/values-work)")
    ap.add_argument("--schema", default="/tmp/aws-all.json")
    ap.add_argument("--sdk", default="/tmp/awssdk3/node_modules")
    ap.add_argument("--unvalidated", default=os.path.join(HERE, "unvalidated.json"))
    ap.add_argument("--probe", action="store_true", help="run probe.py first (about 20-40 min on 2 cores)")
    ap.add_argument("--jobs", default="2")
    ap.add_argument("--out", default=os.path.join(ROOT, "schema", "aws-5.100.0.values.json"))
    ap.add_argument("--stats", help="also write decision statistics (JSON) here")
    a = ap.parse_args()
    a.work = a.work or ["/tmp/values-work"]

    works = [w for x in a.work for w in x.split(",") if w]
    if a.probe:
        probe = [sys.executable, os.path.join(HERE, "probe.py"), "--schema", a.schema, "--jobs", a.jobs]
        for w in works:
            if "waf" in os.path.basename(w):
                extra = ["--only", "aws_wafv2_web_acl,aws_wafv2_rule_group", "--max-depth", "7", "--chunk", "150"]
            elif "qs" in os.path.basename(w):
                extra = ["--only", "aws_quicksight_analysis,aws_quicksight_dashboard,aws_quicksight_template",
                         "--max-depth", "6", "--chunk", "150"]
            else:
                extra = ["--chunk", "600"]
            subprocess.run(probe + ["--work", w] + extra, check=True)
    meta = json.load(open(os.path.join(works[0], "meta.json")))
    r1, r2, seen, depth_limited = [], [], set(), []
    # several work dirs (e.g. a separate run for the WAFv2 types): a type is
    # taken from the first dir that probed it
    for w in works:
        rows1 = load_rows(os.path.join(w, "round1.json"))
        types = {(r["kind"], r["type"]) for r in rows1} - seen
        r1 += [r for r in rows1 if (r["kind"], r["type"]) in types]
        r2 += [r for r in load_rows(os.path.join(w, "round2.json")) if (r["kind"], r["type"]) in types]
        seen |= types
        m = json.load(open(os.path.join(w, "meta.json")))
        if m.get("max_depth"):
            depth_limited.append("%s only to path depth %d" % (
                ", ".join(sorted({t for _, t in types})), m["max_depth"]))
        if m["provider_version"] != meta["provider_version"]:
            raise SystemExit("build: %s probed provider %s, %s probed %s" % (
                w, m["provider_version"], works[0], meta["provider_version"]))
    if not r1:
        raise SystemExit("build: no probe results in %s (run with --probe)" % works)
    sch = json.load(open(a.schema))
    ps = sch["provider_schemas"][ADDR]

    entries, stats = decide(r1, r2)

    packages, enums = ({}, {})
    if os.path.isdir(os.path.join(a.sdk, "@aws-sdk")):
        packages, enums = sdk_enums.load(a.sdk)
    n_sdk = 0
    for e in entries.values():
        client = sdk_client(e["type"])
        exact, superset = sdk_match(e["values"], enums, e["case_insensitive"], client or "-")
        pkgver = lambda n: "@aws-sdk/%s@%s:%s" % (n.split(":")[0], packages["@aws-sdk/" + n.split(":")[0]],
                                                  n.split(":")[1])
        if len(exact) > 1:
            # several enums carry these values (ENABLED/DISABLED...): keep the
            # ones named like the attribute, if any
            leaf = e["path"].split(".")[-1].replace("_", "").lower()
            named = [n for n in exact if leaf in n.split(":")[1].lower()
                     or n.split(":")[1].lower().replace("enum", "") in leaf]
            exact = named or exact
        if exact and not e.get("open"):
            e["sdk_enum"] = [pkgver(n) for n in exact[:4]]
            n_sdk += 1
        elif superset and not exact:
            e["sdk_newer"] = ["%s (+%s)" % (pkgver(n), ",".join(extra)) for n, extra in superset[:3]]
        src = "provider+sdk" if e.get("sdk_enum") else "provider"
        e["source"] = "%s: %s" % (src, FORM_NAMES[e["validator"]])
        if e.get("sdk_enum"):
            e["source"] += "; = SDK enum " + " or ".join(n.rsplit(":", 1)[1] for n in e["sdk_enum"])

    dents, dsrc, dskip = unvalidated_entries(a.unvalidated, ps, entries, enums, packages)
    for m in dskip:
        print("build: unvalidated.json entry skipped: " + m, file=sys.stderr)
    allents = dict(entries)
    allents.update(dents)

    # keep only what the schema really has as string / string collection
    bad = []
    for key, e in list(allents.items()):
        at = find_attr(ps, *key)
        ok = at is not None and (at["type"] == "string" or (
            isinstance(at["type"], list) and at["type"][0] in ("list", "set") and at["type"][1] == "string"))
        if not ok:
            bad.append(key)
            del allents[key]
    if bad:
        print("build: %d entries dropped, not string attributes in the schema: %s" % (len(bad), bad[:5]),
              file=sys.stderr)

    vals = []
    for key in sorted(allents):
        e = allents[key]
        if not e["element"]:
            del e["element"]
        if e["validator"] == "none":
            del e["validator"]
        vals.append(e)

    sdk_desc = ", ".join("%s@%s" % kv for kv in sorted(packages.items())) or "none installed"
    doc = {
        "format": "stackgen-values-1",
        "provider": ADDR,
        "provider_version": meta["provider_version"],
        "sources": {
            "provider": "hashicorp/aws %s binary from the offline mirror, validators run by terraform %s "
                        "validate on one probe block per attribute (tools/values/probe.py); the validators "
                        "are those of hashicorp/terraform-provider-aws v%s" % (
                            meta["provider_version"], meta["terraform"], meta["provider_version"]),
            "provider-src": "hashicorp/terraform-provider-aws Go source, spot checks only (stored copies: "
                            "internal/service/elbv2/target_group.go @acde588265bb9030379201e363f9f682879b51bd, "
                            "internal/service/deploy/deployment_group.go @c09a282f565be74dd7d0888dda6c8118a5079d89)",
            "sdk": sdk_desc,
            "docs": dsrc.get("desc", "none"),
        },
        "coverage": "probed: %d resource and %d data source types (every type with a settable string attribute), %d attributes%s" % (
            len({t for k, t in seen if k == "resource"}), len({t for k, t in seen if k == "data"}), len(r1),
            "" if not depth_limited else "; " + "; ".join(depth_limited)),
        "counts": {
            "entries": len(vals),
            "closed": sum(1 for e in vals if not e.get("open")),
            "open": sum(1 for e in vals if e.get("open")),
            "by_source": {s: sum(1 for e in vals if e["source"].split(":")[0] == s)
                          for s in ("provider", "provider+sdk", "sdk", "docs")},
        },
        "values": vals,
    }
    text = dump(doc)
    with open(a.out + ".tmp", "w") as fh:
        fh.write(text)
    os.replace(a.out + ".tmp", a.out)
    stats["sdk_named"] = n_sdk
    stats["unvalidated_entries"] = len(dents)
    if a.stats:
        with open(a.stats, "w") as fh:
            json.dump(stats, fh, indent=1, sort_keys=True)
            fh.write("\n")
    print("build: wrote %s: %s" % (a.out, json.dumps(doc["counts"])), file=sys.stderr)
    print("build: %s" % json.dumps({k: v for k, v in stats.items() if k != "unparsed_list_like"}),
          file=sys.stderr)
    if stats["unparsed_list_like"]:
        print("build: %d list-like errors not parsed (first 10):" % len(stats["unparsed_list_like"]),
              file=sys.stderr)
        for s in stats["unparsed_list_like"][:10]:
            print("  " + s, file=sys.stderr)


if __name__ == "__main__":
    main()
