// Test environment (part 4): the ALB with HTTP->HTTPS redirect and host-based
// rules, and one EC2 instance behind it that runs the whole application for
// the *-test hosts.
import { Fn, TerraformOutput, TerraformStack } from "cdktf";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { KeyPair } from "@cdktf/provider-aws/lib/key-pair";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { LbTargetGroupAttachment } from "@cdktf/provider-aws/lib/lb-target-group-attachment";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { PrivateKey } from "@cdktf/provider-tls/lib/private-key";

import { allEgress, applicationLoadBalancer, at, hostHeader, httpToHttpsListener, tcpFromAnywhere, tcpFromWorld } from "./shared";
import { Dns, Inputs, LoadBalancer, Network } from "./types";

function keyPair(s: TerraformStack): KeyPair {
  const pk = new PrivateKey(s, "pk", { algorithm: "RSA", rsaBits: 4096 });
  new TerraformOutput(s, "private_key", { value: pk.privateKeyPem, sensitive: true });
  return new KeyPair(s, "app-test-key-pair", { publicKey: pk.publicKeyOpenssh });
}

function aliasRecord(s: TerraformStack, name: string, host: string, dns: Dns, alb: Lb): void {
  new Route53Record(s, name, {
    zoneId: dns.zone.zoneId,
    name: host,
    type: "A",
    alias: { name: alb.dnsName, zoneId: alb.zoneId, evaluateTargetHealth: true },
  });
}

export function buildTestEnvironment(s: TerraformStack, inputs: Inputs, net: Network, dns: Dns): LoadBalancer {
  const domain = inputs.domain.stringValue;
  const albSg = new SecurityGroup(s, "app-alb-sg", {
    vpcId: net.vpc.id,
    ingress: [tcpFromWorld(80), tcpFromWorld(443)],
    egress: [allEgress()],
  });
  const alb = applicationLoadBalancer(s, albSg, net);

  const testSg = new SecurityGroup(s, "app-test-sg", {
    vpcId: net.vpc.id,
    ingress: [
      tcpFromAnywhere(22, 22),
      tcpFromAnywhere(5432, 5432),
      { protocol: "tcp", fromPort: 80, toPort: 80, securityGroups: [albSg.id] },
    ],
    egress: [allEgress()],
  });

  const ec2 = new Instance(s, "app-test-ec2", {
    ami: "ami-0b8414ae0d8d8b4cc",
    instanceType: "t2.micro",
    availabilityZone: `${inputs.awsRegion.stringValue}${Fn.element(inputs.availabilityZones.listValue, 0)}`,
    subnetId: at(net.publicSubnets, 0, "id"),
    keyName: keyPair(s).keyName,
    vpcSecurityGroupIds: [testSg.id],
  });
  new Eip(s, "app-test-ec2-eip", { instance: ec2.id, domain: "vpc" });

  const testTg = new LbTargetGroup(s, "app-test", {
    port: 80,
    protocol: "HTTP",
    targetType: "instance",
    vpcId: net.vpc.id,
    healthCheck: { path: inputs.albHealthCheckPath.stringValue, port: "traffic-port" },
  });

  httpToHttpsListener(s, alb);
  const https = new LbListener(s, "app-alb-listener-https", {
    loadBalancerArn: alb.arn,
    port: 443,
    protocol: "HTTPS",
    certificateArn: dns.regionalCertificate.arn,
    defaultAction: [{ type: "forward", targetGroupArn: testTg.arn }],
  });

  new LbTargetGroupAttachment(s, "app-test-attachment", { targetGroupArn: testTg.arn, targetId: ec2.id, port: 80 });

  new LbListenerRule(s, "app-alb-test-rule", {
    listenerArn: https.arn,
    priority: 1,
    action: [{ type: "forward", targetGroupArn: testTg.arn }],
    condition: [hostHeader([`app-admin-test.${domain}`, `app-user-test.${domain}`])],
  });

  aliasRecord(s, "app-admin-test", `app-admin-test.${domain}`, dns, alb);
  aliasRecord(s, "app-user-test", `app-user-test.${domain}`, dns, alb);

  return { securityGroup: albSg, alb, httpsListener: https };
}
