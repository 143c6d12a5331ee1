// Front end, hardened (fix 8): buckets with ownership enforced, public access
// blocked, versioning, encryption and access logs (no ACLs); CloudFront with
// cache, origin-request and security-header policies instead of the legacy
// forwarded_values.
#include <stackgen/aws/cloudfront_cache_policy.hpp>
#include <stackgen/aws/cloudfront_distribution.hpp>
#include <stackgen/aws/cloudfront_origin_access_control.hpp>
#include <stackgen/aws/cloudfront_origin_request_policy.hpp>
#include <stackgen/aws/cloudfront_response_headers_policy.hpp>
#include <stackgen/aws/route53_record.hpp>
#include <stackgen/aws/s3_bucket_policy.hpp>
#include <stackgen/aws/s3_object.hpp>
#include <stackgen/awsdoc/policy_document.hpp>
#include <stackgen/patterns/secure_bucket.hpp>

#include "keencho/shared.hpp"
#include "keencho_hardened/hardened.hpp"

namespace keencho::hardened {
namespace {

using CachePolicy = aws::CloudfrontCachePolicy;
using OriginRequestPolicy = aws::CloudfrontOriginRequestPolicy;
using HeadersPolicy = aws::CloudfrontResponseHeadersPolicy;
using stackgen::patterns::secure_bucket;

struct Policies {
  CachePolicy static_files;
  CachePolicy no_cache;
  OriginRequestPolicy forward_all;
  HeadersPolicy security_headers;
};

CachePolicy cache_policy(stackgen::Stack& s, const char* name, const Inputs& in, int min, int def, int max) {
  return s.add<CachePolicy>(name)
      .name(in.app_name + "-" + name)
      .min_ttl(min)
      .default_ttl(def)
      .max_ttl(max)
      .parameters_in_cache_key_and_forwarded_to_origin([&](auto& key) {
        key.enable_accept_encoding_gzip(max > 0).enable_accept_encoding_brotli(max > 0);
        key.cookies_config([](auto& c) { c.cookie_behavior("none"); });
        key.headers_config([](auto& h) { h.header_behavior("none"); });
        key.query_strings_config([](auto& q) { q.query_string_behavior("none"); });
      });
}

Policies policies(stackgen::Stack& s, const Inputs& in) {
  auto forward_all = s.add<OriginRequestPolicy>("api-forward-all")
                         .name(in.app_name + "-api-forward-all")
                         .cookies_config([](auto& c) { c.cookie_behavior("all"); })
                         .headers_config([](auto& h) { h.header_behavior("allViewer"); })
                         .query_strings_config([](auto& q) { q.query_string_behavior("all"); });
  auto headers =
      s.add<HeadersPolicy>("security-headers")
          .name(in.app_name + "-security-headers")
          .security_headers_config([](auto& sec) {
            sec.strict_transport_security(
                [](auto& hsts) { hsts.access_control_max_age_sec(31536000).include_subdomains(true).override_(true); });
            sec.content_type_options([](auto& o) { o.override_(true); });
            sec.frame_options([](auto& f) { f.frame_option("DENY").override_(true); });
            sec.referrer_policy([](auto& r) { r.referrer_policy("strict-origin-when-cross-origin").override_(true); });
          });
  return Policies{cache_policy(s, "static-files", in, 0, 3600, 86400), cache_policy(s, "no-cache", in, 0, 0, 0),
                  forward_all, headers};
}

Distribution distribution(stackgen::Stack& s, const std::string& name, const Dns& dns, const Expr<std::string>& alias,
                          const aws::S3Bucket& bucket, const aws::CloudfrontOriginAccessControl& oac,
                          const std::string& origin_path, const Policies& p) {
  return s.add<Distribution>(name)
      .origin(s3_origin(bucket, oac, origin_path))
      .enabled(true)
      .http_version("http2and3")
      .default_root_object("index.html")
      .aliases({alias})
      .default_cache_behavior([&](auto& b) {
        b.allowed_methods({"GET", "HEAD"}).cached_methods({"GET", "HEAD"}).target_origin_id(bucket.id());
        b.viewer_protocol_policy("redirect-to-https").compress(true);
        b.cache_policy_id(p.static_files.id()).response_headers_policy_id(p.security_headers.id());
      })
      .price_class("PriceClass_100")
      .restrictions(korea_only())
      .viewer_certificate(viewer_certificate(dns))
      .custom_error_response(spa_fallback());
}

Distribution with_api(Distribution d, const Edge& edge, const Policies& p) {
  return d.origin(alb_origin(edge.alb))
      .ordered_cache_behavior([&](auto& b) {
        b.path_pattern("/api/*")
            .allowed_methods({"DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"})
            .cached_methods({"GET", "HEAD"})
            .target_origin_id(edge.alb.id());
        b.viewer_protocol_policy("redirect-to-https").cache_policy_id(p.no_cache.id());
        b.origin_request_policy_id(p.forward_all.id()).response_headers_policy_id(p.security_headers.id());
      });
}

}  // namespace

void build_frontend(stackgen::Stack& s, const Inputs& in, const Dns& dns, const Edge& edge) {
  // S3 server access logs of both content buckets. (CloudFront's standard
  // logs would need an ACL-enabled bucket, which is what fix 8 removes.)
  auto logs = secure_bucket(s, "app-logs", in.app_name + "-logs",
                            {.noncurrent_version_expiration_days = 30, .expiration_days = 365});
  auto react = secure_bucket(s, "app-prod-react", in.app_name + "-prod-react", {.access_log_bucket = logs});
  auto resources = secure_bucket(s, "app-resources", in.app_name + "-resources", {.access_log_bucket = logs});
  {
    using stackgen::awsdoc::PolicyDocument;
    using stackgen::awsdoc::Statement;
    s.add<aws::S3BucketPolicy>("app-logs-policy")
        .bucket(logs.id())
        .policy(PolicyDocument{}
                    .statement(Statement{}
                                   .sid("S3ServerAccessLogs")
                                   .allow()
                                   .service_principals({"logging.s3.amazonaws.com"})
                                   .actions({"s3:PutObject"})
                                   .resources({logs.arn() + "/*"})
                                   .condition("ArnLike", "aws:SourceArn", {react.arn(), resources.arn()}))
                    .json());
  }
  for (const char* key : {"admin/", "user/"}) {
    s.add<aws::S3Object>(std::string("app-prod-react-") + (key[0] == 'a' ? "admin" : "user"))
        .bucket(react.id())
        .key(key)
        .content_type("application/x-directory");
  }

  Policies p = policies(s, in);
  auto admin_oac = origin_access_control(s, "admin-front");
  auto user_oac = origin_access_control(s, "user-front");
  auto resources_oac = origin_access_control(s, "resources-front");
  auto admin = with_api(
      distribution(s, "admin-distribution", dns, "app-admin." + in.domain, react, admin_oac, "/admin", p), edge, p);
  auto user = with_api(
      distribution(s, "user-distribution", dns, "app-user." + in.domain, react, user_oac, "/user", p), edge, p);
  auto resources_cdn =
      distribution(s, "resources-distribution", dns, "app-resources." + in.domain, resources, resources_oac, "", p);
  distribution_alias(s, "app-admin", "app-admin." + in.domain, dns, admin);
  distribution_alias(s, "app-user", "app-user." + in.domain, dns, user);
  distribution_alias(s, "app-resources", "app-resources." + in.domain, dns, resources_cdn);

  s.add<aws::S3BucketPolicy>("allow-from-cloudfront-policy")
      .bucket(react.id())
      .policy(cloudfront_read_policy(react, {admin.arn(), user.arn()}));
  s.add<aws::S3BucketPolicy>("allow-resources-from-cloudfront-policy")
      .bucket(resources.id())
      .policy(cloudfront_read_policy(resources, {resources_cdn.arn()}));
}

}  // namespace keencho::hardened
