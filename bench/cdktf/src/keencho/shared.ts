// Building blocks the parts share (stackgen's stacks/keencho/shared.cpp and
// the helpers of keencho.cpp).
import { Fn, TerraformCount, TerraformResource, TerraformStack, TerraformVariable, Token, propertyAccess } from "cdktf";
import { CloudfrontDistribution, CloudfrontDistributionOrigin } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { CloudfrontOriginAccessControl } from "@cdktf/provider-aws/lib/cloudfront-origin-access-control";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbListenerRuleCondition } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { SecurityGroup, SecurityGroupEgress, SecurityGroupIngress } from "@cdktf/provider-aws/lib/security-group";

import { Dns, Inputs, Network } from "./types";

/** count = length(var.<list>) */
export function countOf(list: TerraformVariable): TerraformCount {
  return TerraformCount.of(Token.asNumber(Fn.lengthOf(list.listValue)));
}

/** `<resource>[index].<attribute>` of a resource that has a count. */
export function at(resource: TerraformResource, index: number | TerraformCount, attribute: string): string {
  const i = typeof index === "number" ? index : index.index;
  return Token.asString(propertyAccess(resource, [i, attribute]));
}

/** `<resource>[*].<attribute>` */
export function splat(resource: TerraformResource, attribute: string): string[] {
  return Token.asList(propertyAccess(resource, ["*", attribute]));
}

export function tcpFromAnywhere(fromPort: number, toPort: number): SecurityGroupIngress {
  return { protocol: "tcp", fromPort, toPort, cidrBlocks: ["0.0.0.0/0"] };
}

/** TCP on `port` from every IPv4 and IPv6 address. */
export function tcpFromWorld(port: number, description?: string): SecurityGroupIngress {
  return { description, protocol: "tcp", fromPort: port, toPort: port, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] };
}

export function allEgress(): SecurityGroupEgress {
  return { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] };
}

/** The internet-facing application load balancer `app-alb` in the public subnets. */
export function applicationLoadBalancer(s: TerraformStack, sg: SecurityGroup, net: Network): Lb {
  return new Lb(s, "app-alb", {
    name: "app-alb",
    internal: false,
    loadBalancerType: "application",
    securityGroups: [sg.id],
    subnets: splat(net.publicSubnets, "id"),
    enableDeletionProtection: true,
  });
}

/** `app-alb-listener-http`: port 80, redirects to HTTPS with a 301. */
export function httpToHttpsListener(s: TerraformStack, alb: Lb): LbListener {
  return new LbListener(s, "app-alb-listener-http", {
    loadBalancerArn: alb.arn,
    port: 80,
    protocol: "HTTP",
    defaultAction: [{ type: "redirect", redirect: { port: "443", protocol: "HTTPS", statusCode: "HTTP_301" } }],
  });
}

/** A listener-rule condition on the Host header. */
export function hostHeader(hosts: string[]): LbListenerRuleCondition {
  return { hostHeader: { values: hosts } };
}

export function originAccessControl(s: TerraformStack, name: string, inputs: Inputs): CloudfrontOriginAccessControl {
  return new CloudfrontOriginAccessControl(s, name, {
    name: `${inputs.appName.stringValue}-${name}`,
    originAccessControlOriginType: "s3",
    signingBehavior: "always",
    signingProtocol: "sigv4",
  });
}

/** The S3 origin of a distribution, read through an origin access control. */
export function s3Origin(bucket: S3Bucket, oac: CloudfrontOriginAccessControl, originPath: string): CloudfrontDistributionOrigin {
  return {
    domainName: bucket.bucketRegionalDomainName,
    originId: bucket.id,
    originAccessControlId: oac.id,
    originPath: originPath === "" ? undefined : originPath,
  };
}

/** The ALB as a custom origin: HTTPS only, TLS 1.2, keepalive 5 s, read timeout 30 s. */
export function albOrigin(alb: Lb): CloudfrontDistributionOrigin {
  return {
    domainName: alb.dnsName,
    originId: alb.id,
    customOriginConfig: {
      httpPort: 80,
      httpsPort: 443,
      originProtocolPolicy: "https-only",
      originSslProtocols: ["TLSv1.2"],
      originKeepaliveTimeout: 5,
      originReadTimeout: 30,
    },
  };
}

/** An A alias record `name` to a distribution. */
export function distributionAlias(s: TerraformStack, name: string, host: string, dns: Dns, d: CloudfrontDistribution): void {
  // Construct ids are unique per scope whatever the type, Terraform addresses
  // per type: `app-resources` is also the bucket's id, so the record gets
  // another id and keeps stackgen's address aws_route53_record.app-resources.
  const id = s.node.tryFindChild(name) ? `${name}-record` : name;
  const record = new Route53Record(s, id, {
    zoneId: dns.zone.zoneId,
    name: host,
    type: "A",
    alias: { name: d.domainName, zoneId: d.hostedZoneId, evaluateTargetHealth: false },
  });
  if (id !== name) record.overrideLogicalId(name);
}

/** Bucket policy: only CloudFront, on behalf of these distributions, may read. */
export function cloudfrontReadPolicy(bucket: S3Bucket, distributionArns: string[]): string {
  return Fn.jsonencode({
    Statement: [
      {
        Action: "s3:GetObject",
        Condition: { StringEquals: { "AWS:SourceArn": distributionArns } },
        Effect: "Allow",
        Principal: { Service: "cloudfront.amazonaws.com" },
        Resource: `${bucket.arn}/*`,
        Sid: "CloudFrontRead",
      },
    ],
    Version: "2012-10-17",
  });
}

/** The trust policy of a role that `service` assumes. */
export function assumeRolePolicy(service: string): string {
  return Fn.jsonencode({
    Statement: [{ Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: service } }],
    Version: "2012-10-17",
  });
}
