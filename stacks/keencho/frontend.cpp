// Production front end (parts 5 and 6): one S3 bucket with the admin/ and
// user/ SPAs, a CloudFront distribution per SPA (S3 through OAC, /api/* to
// the ALB), and the app-resources distribution for static resources.
#include <stackgen/aws/cloudfront_distribution.hpp>
#include <stackgen/aws/cloudfront_origin_access_control.hpp>
#include <stackgen/aws/route53_record.hpp>
#include <stackgen/aws/s3_bucket.hpp>
#include <stackgen/aws/s3_bucket_acl.hpp>
#include <stackgen/aws/s3_bucket_ownership_controls.hpp>
#include <stackgen/aws/s3_bucket_policy.hpp>
#include <stackgen/aws/s3_object.hpp>
#include <stackgen/awsdoc/policy_document.hpp>

#include "keencho.hpp"

namespace keencho {

namespace {

using Distribution = aws::CloudfrontDistribution;

/// A private bucket whose ACL needs BucketOwnerPreferred ownership (the
/// reference's form; the hardened variant enforces ownership instead).
aws::S3Bucket private_bucket(stackgen::Stack& s, const std::string& name, const Expr<std::string>& bucket_name) {
  auto bucket = s.add<aws::S3Bucket>(name).bucket(bucket_name);
  auto ownership = s.add<aws::S3BucketOwnershipControls>(name + "-ownership")
                       .bucket(bucket.id())
                       .rule(aws::S3BucketOwnershipControls::Rule{}.object_ownership("BucketOwnerPreferred"));
  s.add<aws::S3BucketAcl>(name + "-acl").bucket(bucket.id()).acl("private").depends_on({ownership});
  return bucket;
}

aws::CloudfrontOriginAccessControl origin_access_control(stackgen::Stack& s, const std::string& name,
                                                         const Inputs& in) {
  return s.add<aws::CloudfrontOriginAccessControl>(name)
      .name(in.app_name + "-" + name)
      .origin_access_control_origin_type("s3")
      .signing_behavior("always")
      .signing_protocol("sigv4");
}

Distribution::Origin s3_origin(const aws::S3Bucket& bucket, const aws::CloudfrontOriginAccessControl& oac,
                               const std::string& path) {
  Distribution::Origin origin;
  origin.domain_name(bucket.bucket_regional_domain_name()).origin_id(bucket.id()).origin_access_control_id(oac.id());
  if (!path.empty()) origin.origin_path(path);
  return origin;
}

/// The shape every distribution shares: S3 default behaviour, SPA error
/// handling, Korea only, the us-east-1 certificate.
Distribution distribution(stackgen::Stack& s, const std::string& name, const Dns& dns,
                          const Expr<std::string>& alias, const aws::S3Bucket& bucket,
                          const Distribution::Origin& origin) {
  return s.add<Distribution>(name)
      .origin(origin)
      .enabled(true)
      .default_root_object("index.html")
      .aliases({alias})
      .default_cache_behavior(
          Distribution::DefaultCacheBehavior{}
              .allowed_methods({"GET", "HEAD"})
              .cached_methods({"GET", "HEAD"})
              .target_origin_id(bucket.id())
              .viewer_protocol_policy("redirect-to-https")
              .min_ttl(0)
              .default_ttl(3600)
              .max_ttl(86400)
              .forwarded_values(Distribution::DefaultCacheBehavior::ForwardedValues{}.query_string(false).cookies(
                  Distribution::DefaultCacheBehavior::ForwardedValues::Cookies{}.forward("none"))))
      .price_class("PriceClass_100")
      .restrictions(Distribution::Restrictions{}.geo_restriction(
          Distribution::Restrictions::GeoRestriction{}.restriction_type("whitelist").locations({"KR"})))
      .viewer_certificate(Distribution::ViewerCertificate{}
                              .acm_certificate_arn(dns.virginia_certificate.arn())
                              .ssl_support_method("sni-only")
                              .minimum_protocol_version("TLSv1.2_2021"))
      .custom_error_response(Distribution::CustomErrorResponse{}
                                 .error_code(403)
                                 .response_code(200)
                                 .response_page_path("/index.html")
                                 .error_caching_min_ttl(10));
}

/// An SPA distribution: the S3 origin plus /api/* to the ALB, uncached.
Distribution spa_distribution(stackgen::Stack& s, const std::string& name, const Dns& dns,
                              const Expr<std::string>& alias, const aws::S3Bucket& bucket,
                              const aws::CloudfrontOriginAccessControl& oac, const char* origin_path,
                              const LoadBalancer& lb) {
  return distribution(s, name, dns, alias, bucket, s3_origin(bucket, oac, origin_path))
      .origin(Distribution::Origin{}
                  .domain_name(lb.alb.dns_name())
                  .origin_id(lb.alb.id())
                  .custom_origin_config(Distribution::Origin::CustomOriginConfig{}
                                            .http_port(80)
                                            .https_port(443)
                                            .origin_protocol_policy("https-only")
                                            .origin_ssl_protocols({"TLSv1.2"})
                                            .origin_keepalive_timeout(5)
                                            .origin_read_timeout(30)))
      .ordered_cache_behavior(
          Distribution::OrderedCacheBehavior{}
              .path_pattern("/api/*")
              .allowed_methods({"DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"})
              .cached_methods({"GET", "HEAD"})
              .target_origin_id(lb.alb.id())
              .viewer_protocol_policy("redirect-to-https")
              .min_ttl(0)
              .default_ttl(0)
              .max_ttl(0)
              .forwarded_values(Distribution::OrderedCacheBehavior::ForwardedValues{}
                                    .query_string(true)
                                    .headers({"*"})
                                    .cookies(Distribution::OrderedCacheBehavior::ForwardedValues::Cookies{}.forward(
                                        "all"))));
}

void alias_record(stackgen::Stack& s, const char* name, const Expr<std::string>& host, const Dns& dns,
                  const Distribution& d) {
  s.add<aws::Route53Record>(name)
      .zone_id(dns.zone.zone_id())
      .name(host)
      .type("A")
      .alias(aws::Route53Record::Alias{}
                 .name(d.domain_name())
                 .zone_id(d.hosted_zone_id())
                 .evaluate_target_health(false));
}

/// Only CloudFront, and only on behalf of these distributions, may read.
stackgen::Expr<std::string> cloudfront_read_policy(const aws::S3Bucket& bucket,
                                                   std::vector<Expr<std::string>> distribution_arns) {
  using stackgen::awsdoc::PolicyDocument;
  using stackgen::awsdoc::Statement;
  return PolicyDocument{}
      .statement(Statement{}
                     .allow()
                     .service_principals({"cloudfront.amazonaws.com"})
                     .actions({"s3:GetObject"})
                     .resources({bucket.arn() + "/*"})
                     .condition("StringEquals", "AWS:SourceArn", std::move(distribution_arns)))
      .json();
}

}  // namespace

void build_frontend(stackgen::Stack& s, const Inputs& in, const Dns& dns, const LoadBalancer& lb) {
  auto react = private_bucket(s, "app-prod-react", in.app_name + "-prod-react");
  s.add<aws::S3Object>("app-prod-react-admin")
      .bucket(react.id())
      .key("admin/")
      .content_type("application/x-directory");
  s.add<aws::S3Object>("app-prod-react-user")
      .bucket(react.id())
      .key("user/")
      .content_type("application/x-directory");

  auto admin_oac = origin_access_control(s, "admin-front", in);
  auto user_oac = origin_access_control(s, "user-front", in);
  auto admin = spa_distribution(s, "admin-distribution", dns, "app-admin." + in.domain, react, admin_oac, "/admin", lb);
  auto user = spa_distribution(s, "user-distribution", dns, "app-user." + in.domain, react, user_oac, "/user", lb);
  alias_record(s, "app-admin", "app-admin." + in.domain, dns, admin);
  alias_record(s, "app-user", "app-user." + in.domain, dns, user);
  s.add<aws::S3BucketPolicy>("allow-from-cloudfront-policy")
      .bucket(react.id())
      .policy(cloudfront_read_policy(react, {admin.arn(), user.arn()}));

  // app-resources: listed in the series but never built; built here the
  // same way, without the /api behaviour.
  auto resources = private_bucket(s, "app-resources", in.app_name + "-resources");
  auto resources_oac = origin_access_control(s, "resources-front", in);
  auto resources_cdn = distribution(s, "resources-distribution", dns, "app-resources." + in.domain, resources,
                                    s3_origin(resources, resources_oac, ""));
  alias_record(s, "app-resources", "app-resources." + in.domain, dns, resources_cdn);
  s.add<aws::S3BucketPolicy>("allow-resources-from-cloudfront-policy")
      .bucket(resources.id())
      .policy(cloudfront_read_policy(resources, {resources_cdn.arn()}));
}

}  // namespace keencho
