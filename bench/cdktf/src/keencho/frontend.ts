// Production front end (parts 5 and 6): one S3 bucket with the admin/ and
// user/ SPAs, a CloudFront distribution per SPA (S3 through OAC, /api/* to
// the ALB), and the app-resources distribution for static resources.
import { TerraformStack } from "cdktf";
import { CloudfrontDistribution, CloudfrontDistributionOrigin } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { CloudfrontOriginAccessControl } from "@cdktf/provider-aws/lib/cloudfront-origin-access-control";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketAcl } from "@cdktf/provider-aws/lib/s3-bucket-acl";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3Object } from "@cdktf/provider-aws/lib/s3-object";

import { albOrigin, cloudfrontReadPolicy, distributionAlias, originAccessControl, s3Origin } from "./shared";
import { Dns, Inputs, LoadBalancer } from "./types";

/** A private bucket whose ACL needs BucketOwnerPreferred ownership. */
function privateBucket(s: TerraformStack, name: string, bucketName: string): S3Bucket {
  const bucket = new S3Bucket(s, name, { bucket: bucketName });
  const ownership = new S3BucketOwnershipControls(s, `${name}-ownership`, {
    bucket: bucket.id,
    rule: { objectOwnership: "BucketOwnerPreferred" },
  });
  new S3BucketAcl(s, `${name}-acl`, { bucket: bucket.id, acl: "private", dependsOn: [ownership] });
  return bucket;
}

/** The shape every distribution shares: S3 default behaviour with the
 * legacy forwarded_values, SPA error handling, Korea only, the us-east-1
 * certificate. */
function distribution(
  s: TerraformStack,
  name: string,
  dns: Dns,
  alias: string,
  bucket: S3Bucket,
  origins: CloudfrontDistributionOrigin[],
  api?: LoadBalancer,
): CloudfrontDistribution {
  return new CloudfrontDistribution(s, name, {
    origin: origins,
    enabled: true,
    defaultRootObject: "index.html",
    aliases: [alias],
    defaultCacheBehavior: {
      allowedMethods: ["GET", "HEAD"],
      cachedMethods: ["GET", "HEAD"],
      targetOriginId: bucket.id,
      viewerProtocolPolicy: "redirect-to-https",
      minTtl: 0,
      defaultTtl: 3600,
      maxTtl: 86400,
      forwardedValues: { queryString: false, cookies: { forward: "none" } },
    },
    // An SPA distribution also sends /api/* to the ALB, uncached.
    orderedCacheBehavior: api && [
      {
        pathPattern: "/api/*",
        allowedMethods: ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"],
        cachedMethods: ["GET", "HEAD"],
        targetOriginId: api.alb.id,
        viewerProtocolPolicy: "redirect-to-https",
        minTtl: 0,
        defaultTtl: 0,
        maxTtl: 0,
        forwardedValues: { queryString: true, headers: ["*"], cookies: { forward: "all" } },
      },
    ],
    priceClass: "PriceClass_100",
    restrictions: { geoRestriction: { restrictionType: "whitelist", locations: ["KR"] } },
    viewerCertificate: {
      acmCertificateArn: dns.virginiaCertificate.arn,
      sslSupportMethod: "sni-only",
      minimumProtocolVersion: "TLSv1.2_2021",
    },
    customErrorResponse: [{ errorCode: 403, responseCode: 200, responsePagePath: "/index.html", errorCachingMinTtl: 10 }],
  });
}

function spaDistribution(
  s: TerraformStack,
  name: string,
  dns: Dns,
  alias: string,
  bucket: S3Bucket,
  oac: CloudfrontOriginAccessControl,
  originPath: string,
  lb: LoadBalancer,
): CloudfrontDistribution {
  return distribution(s, name, dns, alias, bucket, [s3Origin(bucket, oac, originPath), albOrigin(lb.alb)], lb);
}

export function buildFrontend(s: TerraformStack, inputs: Inputs, dns: Dns, lb: LoadBalancer): void {
  const app = inputs.appName.stringValue;
  const domain = inputs.domain.stringValue;

  const react = privateBucket(s, "app-prod-react", `${app}-prod-react`);
  new S3Object(s, "app-prod-react-admin", { bucket: react.id, key: "admin/", contentType: "application/x-directory" });
  new S3Object(s, "app-prod-react-user", { bucket: react.id, key: "user/", contentType: "application/x-directory" });

  const adminOac = originAccessControl(s, "admin-front", inputs);
  const userOac = originAccessControl(s, "user-front", inputs);
  const admin = spaDistribution(s, "admin-distribution", dns, `app-admin.${domain}`, react, adminOac, "/admin", lb);
  const user = spaDistribution(s, "user-distribution", dns, `app-user.${domain}`, react, userOac, "/user", lb);
  distributionAlias(s, "app-admin", `app-admin.${domain}`, dns, admin);
  distributionAlias(s, "app-user", `app-user.${domain}`, dns, user);
  new S3BucketPolicy(s, "allow-from-cloudfront-policy", {
    bucket: react.id,
    policy: cloudfrontReadPolicy(react, [admin.arn, user.arn]),
  });

  // app-resources: listed in the series but never built; built the same way,
  // without the /api behaviour.
  const resources = privateBucket(s, "app-resources", `${app}-resources`);
  const resourcesOac = originAccessControl(s, "resources-front", inputs);
  const resourcesCdn = distribution(s, "resources-distribution", dns, `app-resources.${domain}`, resources, [
    s3Origin(resources, resourcesOac, ""),
  ]);
  distributionAlias(s, "app-resources", `app-resources.${domain}`, dns, resourcesCdn);
  new S3BucketPolicy(s, "allow-resources-from-cloudfront-policy", {
    bucket: resources.id,
    policy: cloudfrontReadPolicy(resources, [resourcesCdn.arn]),
  });
}
