#!/usr/bin/env python3
"""The deployment files of out/<stack>/deploy/ against the emitted Terraform.

usage: delivery_check.py OUT STACK

Checks, for the files stackgen attached to STACK (docs/delivery.md):
- every YAML file parses; the workflows have GitHub's structure (jobs with
  runs-on and steps, a step either `run` or `uses`, `needs` naming jobs,
  `steps.<id>` naming steps of the job);
- every placeholder @{output.X} and every $DEPLOY_X names an output of the
  emitted main.tf.json, and the ones scripts read are not sensitive;
- the AppSpec's container and port are a container and port mapping of the
  task definition and the service's load balancer in main.tf.json;
- names (CodeDeploy application and group, family, cpu, memory, image tags,
  bucket prefixes and the distributions' origin paths) equal main.tf.json's;
- resolve.jq fills every placeholder (outputs as `terraform output -json`
  gives them) and stops on a missing one; the results pass botocore's own
  validation of the register-task-definition and create-deployment inputs.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

out, stack = sys.argv[1], sys.argv[2]
base = os.path.join(out, stack)
deploy = os.path.join(base, "deploy")
tf = json.load(open(os.path.join(base, "main.tf.json")))
outputs = tf.get("output", {})
resources = tf["resource"]
variables = tf.get("variable", {})
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
    return cond


def only(kind):
    blocks = resources.get(kind, {})
    check(len(blocks) == 1, f"one {kind} in main.tf.json, found {list(blocks)}")
    return next(iter(blocks.items()))


def reference_value(text):
    """A literal, or what an output / variable reference stands for at its default."""
    if not isinstance(text, str):
        return text
    m = re.fullmatch(r"\$\{var\.([A-Za-z0-9_-]+)\}", text)
    if m:
        return variables[m.group(1)].get("default")
    return text


def output_value(name):
    check(name in outputs, f"placeholder names output {name}, which main.tf.json lacks")
    return reference_value(outputs.get(name, {}).get("value", ""))


files = sorted(os.path.join(d, f) for d, _, fs in os.walk(deploy) for f in fs)
texts = {os.path.relpath(f, deploy): open(f).read() for f in files}
# A service Terraform deploys (it does not ignore task_definition) is
# released by `terraform apply` of the image tag variable: nothing to register.
td_name, td_tf = only("aws_ecs_task_definition")
service_name, service = only("aws_ecs_service")
ignored = service.get("lifecycle", {}).get("ignore_changes", [])
registers = "task_definition" in ignored or service.get("deployment_controller", [{}])[0].get("type") == "CODE_DEPLOY"
if registers:
    check("task-definition.json" in texts and "resolve.jq" in texts, f"deploy files: {sorted(texts)}")
else:
    check("task-definition.json" not in texts and "resolve.jq" not in texts,
          f"Terraform registers the task definition, the files must not: {sorted(texts)}")

# --- placeholders and exported variables name outputs of the stack
for name, text in texts.items():
    for placeholder in re.findall(r"@\{output\.([a-z0-9_]+)\}", text):
        output_value(placeholder)
    for var in re.findall(r"\$DEPLOY_([A-Z0-9_]+)", text):
        o = "deploy_" + var.lower()
        if check(o in outputs, f"{name}: ${'DEPLOY_' + var} has no output {o}"):
            check(not outputs[o].get("sensitive"), f"{name}: sensitive output {o} reaches a script")
for name, o in outputs.items():
    if name.startswith("deploy_"):
        value = o["value"]
        if re.search(r"var\.db-password|var\.db-username", value):
            check(o.get("sensitive") is True, f"output {name} carries a secret and is not sensitive")

# --- YAML parses; workflow structure
docs = {}
for name, text in texts.items():
    if name.endswith((".yaml", ".yml")):
        try:
            docs[name] = yaml.safe_load(text)
        except yaml.YAMLError as e:
            failures.append(f"{name} does not parse: {e}")
workflows = {n: d for n, d in docs.items() if n.startswith("github/")}
check(len(workflows) == 2, f"two workflows, found {sorted(workflows)}")
for name, w in workflows.items():
    check("on" in w and "jobs" in w and "name" in w, f"{name}: name, on, jobs")
    for job_name, job in w.get("jobs", {}).items():
        check("runs-on" in job and job.get("steps"), f"{name}: job {job_name} has runs-on and steps")
        for need in [job["needs"]] if isinstance(job.get("needs"), str) else job.get("needs", []):
            check(need in w["jobs"], f"{name}: {job_name} needs unknown job {need}")
        ids = {s.get("id") for s in job.get("steps", [])}
        for s in job.get("steps", []):
            check(("run" in s) != ("uses" in s), f"{name}: {job_name}: a step is either run or uses: {s}")
            for ref in re.findall(r"steps\.([A-Za-z0-9_-]+)\.", json.dumps(s)):
                check(ref in ids, f"{name}: {job_name} reads steps.{ref}, which the job lacks")

deploy_wf = workflows.get(f"github/{stack}-deploy.yml", {})
script = "\n".join(s.get("run", "") for j in deploy_wf.get("jobs", {}).values() for s in j.get("steps", []))
if not registers:
    # Every image the stack runs ends in the variable the release sets.
    m = re.search(r"apply -input=false -auto-approve -var '([A-Za-z0-9_-]+)='\"\$GITHUB_SHA\"", script)
    if check(m, "the release is no terraform apply of an image tag"):
        var = m.group(1)
        images = re.findall(r'"image" = "([^"]*)"', td_tf["container_definitions"])
        check(images and all(i.endswith("${var." + var + "}") for i in images), f"images {images} do not end in var.{var}")
        check(var in variables, f"var.{var} is not a variable of the stack")
        check("register-task-definition" not in script, "a task definition Terraform owns is registered by hand")
    if failures:
        print("\n".join("FAIL: " + f for f in failures), file=sys.stderr)
        sys.exit(1)
    print(f"delivery: {len(texts)} files of {stack} consistent with main.tf.json (released by terraform apply)")
    sys.exit(0)

# --- the task definition against main.tf.json
td = json.loads(texts["task-definition.json"])
for api, arg in [("family", "family"), ("cpu", "cpu"), ("memory", "memory"), ("networkMode", "network_mode")]:
    check(td.get(api) == td_tf.get(arg), f"task definition {api} {td.get(api)!r} != main.tf.json {td_tf.get(arg)!r}")
definitions_tf = td_tf["container_definitions"]
containers = {c["name"]: c for c in td["containerDefinitions"]}
for n, c in containers.items():
    check(f'"name" = "{n}", "portMappings"' in definitions_tf or f'"name" = "{n}"' in definitions_tf,
          f"container {n} is not in main.tf.json's container_definitions")
    for pm in c.get("portMappings", []):
        check(f'"containerPort" = {pm["containerPort"]}' in definitions_tf, f"port {pm} of {n} not in main.tf.json")

# --- the AppSpec: its container and port are the service's and the task's
lb = service["load_balancer"][0]
if "appspec.yaml" in docs:
    info = docs["appspec.yaml"]["Resources"][0]["TargetService"]["Properties"]["LoadBalancerInfo"]
    container = info["ContainerName"]
    m = re.fullmatch(r"@\{output\.([a-z0-9_]+)\}", container)
    container = output_value(m.group(1)) if m else container
    check(container == reference_value(lb["container_name"]),
          f"AppSpec container {container!r} != the service's {lb['container_name']!r}")
    check(info["ContainerPort"] == lb["container_port"], "AppSpec port != the service's")
    check(container in containers, f"AppSpec container {container} not in the task definition")
    ports = [pm["containerPort"] for pm in containers.get(container, {}).get("portMappings", [])]
    check(info["ContainerPort"] in ports, f"AppSpec port {info['ContainerPort']} not mapped by {container}: {ports}")
    check(docs["appspec.yaml"]["Resources"][0]["TargetService"]["Type"] == "AWS::ECS::Service", "AppSpec type")
    cd = json.loads(texts["create-deployment.json"])
    app_name, app = only("aws_codedeploy_app")
    group_name, group = only("aws_codedeploy_deployment_group")
    check(cd["applicationName"] == app["name"], f"applicationName {cd['applicationName']} != {app['name']}")
    check(cd["deploymentGroupName"] == group["deployment_group_name"], "deploymentGroupName")
    check(group["app_name"] == f"${{aws_codedeploy_app.{app_name}.name}}", "the group is the application's")
    check(cd["revision"]["appSpecContent"]["content"] == texts["appspec.yaml"], "create-deployment carries the AppSpec")
    check(service["deployment_controller"][0]["type"] == "CODE_DEPLOY", "CodeDeploy files for a CodeDeploy service")

# --- images: built for the task's architecture, with the stack's tags
arch = td_tf.get("runtime_platform", [{}])[0].get("cpu_architecture", "X86_64")
for n, c in containers.items():
    if c["image"] == f"@{{image.{n}}}":
        tag = re.findall(r"repository_url\}:([A-Za-z0-9_.-]+)\"", definitions_tf)
        prefix = re.findall(r"repository_url\}:([A-Za-z0-9_.-]+)\$\{var\.", definitions_tf)
        check(any(f"':{t}-'" in script for t in tag) or any(f"':{p}'" in script for p in prefix),
              f"image {n}: the workflow pushes none of the stack's tags {tag or prefix}")
        check(f"--platform linux/{'arm64' if arch == 'ARM64' else 'amd64'}" in script, f"image {n}: platform")
        check(f"--arg c '{n}'" in script, f"image {n} is not built by the workflow")

# --- sites: prefixes are the bucket's objects and the distributions' origin paths
for m in re.finditer(r"\"s3://\"\$DEPLOY_([A-Z0-9_]+)'/([^']*)'", script):
    bucket_output, prefix = "deploy_" + m.group(1).lower(), m.group(2)
    bucket_ref = outputs[bucket_output]["value"]
    bucket_addr = re.fullmatch(r"\$\{aws_s3_bucket\.([A-Za-z0-9_-]+)\.(bucket|id)\}", bucket_ref)
    check(bucket_addr is not None, f"{bucket_output} is an aws_s3_bucket: {bucket_ref}")
    if prefix:
        keys = [o["key"] for o in resources.get("aws_s3_object", {}).values()]
        check(prefix in keys, f"prefix {prefix} is not an object of the stack: {keys}")
        paths = [o.get("origin_path") for d in resources["aws_cloudfront_distribution"].values() for o in d["origin"]]
        check("/" + prefix.rstrip("/") in paths, f"no distribution serves /{prefix.rstrip('/')}: {paths}")
for m in re.finditer(r"--distribution-id \"\$DEPLOY_([A-Z0-9_]+)\"", script):
    ref = outputs.get("deploy_" + m.group(1).lower(), {}).get("value", "")
    check(re.fullmatch(r"\$\{aws_cloudfront_distribution\.[A-Za-z0-9_-]+\.id\}", ref), f"distribution output {ref}")

# --- resolve.jq with outputs as `terraform output -json` gives them
fake = {}
for name, o in outputs.items():
    value = reference_value(o["value"])
    if not isinstance(value, str) or "${" in value:
        value = f"fake-{name}"
    fake[name] = {"sensitive": bool(o.get("sensitive")), "type": "string", "value": value}
images = {n: f"123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/app:{n}-abc" for n in containers}
with tempfile.TemporaryDirectory() as tmp:
    for n, v in [("outputs.json", fake), ("images.json", images), ("partial.json", {})]:
        json.dump(v, open(os.path.join(tmp, n), "w"))

    def resolve(name, outputs_file="outputs.json"):
        return subprocess.run(["jq", "--slurpfile", "outputs", os.path.join(tmp, outputs_file), "--slurpfile",
                               "images", os.path.join(tmp, "images.json"), "-f", os.path.join(deploy, "resolve.jq"),
                               os.path.join(deploy, name)], capture_output=True, text=True)

    r = resolve("task-definition.json")
    if check(r.returncode == 0, f"resolve.jq task-definition.json: {r.stderr}"):
        check("@{" not in r.stdout, "placeholders left after resolve.jq")
        resolved_td = json.loads(r.stdout)
    r = resolve("task-definition.json", "partial.json")
    check(r.returncode != 0 and "is missing" in r.stderr, f"resolve.jq without outputs must fail: {r.stderr}")
    resolved_cd = None
    if "create-deployment.json" in texts:
        r = resolve("create-deployment.json")
        if check(r.returncode == 0, f"resolve.jq create-deployment.json: {r.stderr}"):
            resolved_cd = json.loads(r.stdout)
            content = resolved_cd["revision"]["appSpecContent"]["content"].replace(
                "<TASK_DEFINITION>", "arn:aws:ecs:ap-northeast-2:123456789012:task-definition/x:1")
            resolved_cd["revision"]["appSpecContent"]["content"] = content
            spec = yaml.safe_load(content)
            props = spec["Resources"][0]["TargetService"]["Properties"]
            check(props["LoadBalancerInfo"]["ContainerName"] == reference_value(lb["container_name"]),
                  "resolved AppSpec container")

try:
    import botocore.session
    from botocore.validate import ParamValidator

    session = botocore.session.get_session()
    for service_id, operation, params in [("ecs", "RegisterTaskDefinition", locals().get("resolved_td")),
                                          ("codedeploy", "CreateDeployment", resolved_cd)]:
        if params is None:
            continue
        model = session.get_service_model(service_id).operation_model(operation)
        report = ParamValidator().validate(params, model.input_shape)
        check(not report.has_errors(), f"{operation} input rejected by botocore: {report.generate_report()}")
except ImportError:
    print("SKIPPED: botocore is not installed: the inputs are not checked against the AWS API model", file=sys.stderr)

if failures:
    print("\n".join("FAIL: " + f for f in failures), file=sys.stderr)
    sys.exit(1)
print(f"delivery: {len(texts)} files of {stack} consistent with main.tf.json")
