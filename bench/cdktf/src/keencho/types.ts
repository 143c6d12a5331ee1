// The handles one part of the seed stack hands to the later ones.
import { TerraformVariable } from "cdktf";
import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";

export interface Inputs {
  appName: TerraformVariable;
  appProjectName: TerraformVariable;
  awsRegion: TerraformVariable;
  availabilityZones: TerraformVariable;
  vpcCidr: TerraformVariable;
  publicSubnetCidrs: TerraformVariable;
  privateSubnetCidrs: TerraformVariable;
  dbSubnetCidrs: TerraformVariable;
  albHealthCheckPath: TerraformVariable;
  nginxContainerName: TerraformVariable;
  dbUsername: TerraformVariable;
  dbPassword: TerraformVariable;
  domain: TerraformVariable;
}

export interface Network {
  vpc: Vpc;
  publicSubnets: Subnet; // count = length(var.public_subnet_cidrs)
  privateSubnets: Subnet; // count = length(var.private_subnet_cidrs)
  dbSubnets: Subnet; // count = length(var.db_subnet_cidrs)
}

export interface Dns {
  zone: Route53Zone;
  regionalCertificate: AcmCertificate;
  virginiaCertificate: AcmCertificate; // provider aws.us-east-1, for CloudFront
}

export interface LoadBalancer {
  securityGroup: SecurityGroup;
  alb: Lb;
  httpsListener: LbListener;
}
