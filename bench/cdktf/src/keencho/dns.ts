// DNS and certificates (part 3): the hosted zone, a wildcard certificate in
// the region (for the ALB) and one in us-east-1 (for CloudFront), validated
// through DNS records created from the certificate's own options.
import { TerraformIterator, TerraformStack, Token } from "cdktf";
import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";

import { Dns, Inputs } from "./types";

export function buildDns(s: TerraformStack, inputs: Inputs, usEast1: AwsProvider): Dns {
  const domain = inputs.domain.stringValue;
  const zone = new Route53Zone(s, "keencho", {
    name: domain,
    tags: { Name: `${inputs.appName.stringValue}-zone` },
    lifecycle: { preventDestroy: true },
  });

  const regional = new AcmCertificate(s, "ssl-certificate", {
    domainName: `*.${domain}`,
    validationMethod: "DNS",
    lifecycle: { createBeforeDestroy: true },
  });
  const virginia = new AcmCertificate(s, "ssl-certificate-virginia", {
    provider: usEast1,
    domainName: `*.${domain}`,
    validationMethod: "DNS",
    lifecycle: { createBeforeDestroy: true },
  });

  // for_each = { for dvo in ...domain_validation_options : dvo.domain_name => dvo }
  const options = TerraformIterator.fromComplexList(regional.domainValidationOptions, "domain_name");
  const validationRecords = new Route53Record(s, "app-certificate-validation", {
    forEach: options,
    allowOverwrite: true,
    name: options.getString("resource_record_name"),
    records: [options.getString("resource_record_value")],
    ttl: 60,
    type: options.getString("resource_record_type"),
    zoneId: zone.zoneId,
  });

  new AcmCertificateValidation(s, "ssl-certificate-validation", {
    certificateArn: regional.arn,
    validationRecordFqdns: Token.asList(TerraformIterator.fromResources(validationRecords).pluckProperty("fqdn")),
  });

  return { zone, regionalCertificate: regional, virginiaCertificate: virginia };
}
