// Network (part 3): VPC, subnets in two AZs, internet gateway, one NAT
// gateway per AZ, public and per-AZ private route tables.
import { Fn, TerraformCount, TerraformStack } from "cdktf";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { MainRouteTableAssociation } from "@cdktf/provider-aws/lib/main-route-table-association";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";

import { at, countOf } from "./shared";
import { Inputs, Network } from "./types";

export function buildNetwork(s: TerraformStack, inputs: Inputs): Network {
  const app = inputs.appName.stringValue;
  const az = (count: TerraformCount) => Fn.element(inputs.availabilityZones.listValue, count.index);

  const vpc = new Vpc(s, "vpc", {
    cidrBlock: inputs.vpcCidr.stringValue,
    enableDnsSupport: true,
    enableDnsHostnames: true,
    tags: { Name: `${app}-vpc` },
  });

  const igw = new InternetGateway(s, "igw", { vpcId: vpc.id, tags: { Name: `${app}-igw` } });

  const subnets = (name: string, cidrs: typeof inputs.publicSubnetCidrs, tag: string, mapPublicIpOnLaunch?: boolean) => {
    const count = countOf(cidrs);
    return new Subnet(s, name, {
      count,
      vpcId: vpc.id,
      cidrBlock: Fn.element(cidrs.listValue, count.index),
      mapPublicIpOnLaunch,
      availabilityZone: `${inputs.awsRegion.stringValue}${az(count)}`,
      tags: { Name: `${app}-${tag}-${az(count)}` },
    });
  };
  const publicSubnets = subnets("public", inputs.publicSubnetCidrs, "subnet-public", true);
  const privateSubnets = subnets("private", inputs.privateSubnetCidrs, "subnet-private");
  const dbSubnets = subnets("private-db", inputs.dbSubnetCidrs, "subnet-db-private");

  // One NAT gateway per AZ, each with its own Elastic IP.
  const eipCount = countOf(inputs.publicSubnetCidrs);
  // Construct ids are unique per scope whatever the type, Terraform addresses
  // per type: this keeps stackgen's address aws_eip.nat.
  const natEips = new Eip(s, "nat-eip", { count: eipCount, domain: "vpc", tags: { Name: `${app}-nat-eip-${az(eipCount)}` } });
  natEips.overrideLogicalId("nat");
  const natCount = countOf(inputs.publicSubnetCidrs);
  const nats = new NatGateway(s, "nat", {
    count: natCount,
    allocationId: at(natEips, natCount, "id"),
    subnetId: at(publicSubnets, natCount, "id"),
    dependsOn: [igw],
    tags: { Name: `${app}-nat-${az(natCount)}` },
  });

  const rtPublic = new RouteTable(s, "rt-public", { vpcId: vpc.id, tags: { Name: `${app}-rt-public` } });
  new MainRouteTableAssociation(s, "main", { vpcId: vpc.id, routeTableId: rtPublic.id });
  new Route(s, "route-public", { routeTableId: rtPublic.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id });

  const rtCount = countOf(inputs.privateSubnetCidrs);
  const rtPrivate = new RouteTable(s, "rt-private", {
    count: rtCount,
    vpcId: vpc.id,
    tags: { Name: `${app}-rt-private-${az(rtCount)}` },
  });
  const routeCount = countOf(inputs.privateSubnetCidrs);
  new Route(s, "route-private", {
    count: routeCount,
    routeTableId: at(rtPrivate, routeCount, "id"),
    destinationCidrBlock: "0.0.0.0/0",
    natGatewayId: at(nats, routeCount, "id"),
  });

  const publicAssociations = countOf(inputs.publicSubnetCidrs);
  new RouteTableAssociation(s, "rt-public-association", {
    count: publicAssociations,
    subnetId: at(publicSubnets, publicAssociations, "id"),
    routeTableId: rtPublic.id,
  });
  const privateAssociations = countOf(inputs.privateSubnetCidrs);
  new RouteTableAssociation(s, "rt-private-association", {
    count: privateAssociations,
    subnetId: at(privateSubnets, privateAssociations, "id"),
    routeTableId: at(rtPrivate, privateAssociations, "id"),
  });
  const dbAssociations = countOf(inputs.dbSubnetCidrs);
  new RouteTableAssociation(s, "rt-private-db-association", {
    count: dbAssociations,
    subnetId: at(dbSubnets, dbAssociations, "id"),
    routeTableId: at(rtPrivate, dbAssociations, "id"),
  });

  return { vpc, publicSubnets, privateSubnets, dbSubnets };
}
