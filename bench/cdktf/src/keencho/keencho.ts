// The reference infrastructure (shared/spec/seed-infrastructure.md) in CDKTF:
// the same resources, addresses and arguments as stackgen's `stacks/keencho`
// (stackgen emit --stack keencho), split over files the same way. This file:
// the inputs, the providers, and the order in which the parts are built.
import { TerraformStack, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TlsProvider } from "@cdktf/provider-tls/lib/provider";

import { buildBackend } from "./backend";
import { buildDns } from "./dns";
import { buildFrontend } from "./frontend";
import { buildNetwork } from "./network";
import { buildTestEnvironment } from "./test-environment";
import { Inputs } from "./types";

function declareInputs(s: TerraformStack): Inputs {
  const str = (name: string, def?: string, description?: string, sensitive?: boolean) =>
    new TerraformVariable(s, name, { type: "string", default: def, description, sensitive });
  const list = (name: string, def: string[]) => new TerraformVariable(s, name, { type: "list(string)", default: def });
  return {
    appName: str("app_name", "app"),
    appProjectName: str("app_project_name", "appProject"),
    awsRegion: str("aws_region", "ap-northeast-2"),
    availabilityZones: list("availability_zones", ["a", "b"]),
    vpcCidr: str("vpc_cidr", "10.0.0.0/16"),
    publicSubnetCidrs: list("public_subnet_cidrs", ["10.0.1.0/24", "10.0.2.0/24"]),
    privateSubnetCidrs: list("private_subnet_cidrs", ["10.0.3.0/24", "10.0.4.0/24"]),
    dbSubnetCidrs: list("db_subnet_cidrs", ["10.0.5.0/24", "10.0.6.0/24"]),
    albHealthCheckPath: str("alb-health-check-path", "/alb/health-check"),
    nginxContainerName: str("nginx-container-name", "nginx"),
    dbUsername: str("db-username", undefined, "Master user of the RDS instance", true),
    dbPassword: str("db-password", undefined, "Master password of the RDS instance", true),
    domain: str("domain", "keencho.com", "Apex domain; its Route 53 zone is created by this stack"),
  };
}

export class KeenchoStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const inputs = declareInputs(this);

    new AwsProvider(this, "aws", {
      region: inputs.awsRegion.stringValue,
      defaultTags: [{ tags: { Project: inputs.appProjectName.stringValue } }],
    });
    // CloudFront only accepts certificates from us-east-1.
    const usEast1 = new AwsProvider(this, "us-east-1", { alias: "us-east-1", region: "us-east-1" });
    new TlsProvider(this, "tls");

    const net = buildNetwork(this, inputs);
    const dns = buildDns(this, inputs, usEast1);
    const lb = buildTestEnvironment(this, inputs, net, dns);
    buildFrontend(this, inputs, dns, lb);
    buildBackend(this, inputs, net, lb);
  }
}
