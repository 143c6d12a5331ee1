// Front end, hardened (fix 8): buckets with ownership enforced, public access
// blocked, versioning, encryption and access logs (no ACLs); CloudFront with
// cache, origin-request and security-header policies instead of the legacy
// forwarded_values.
#include <stackgen/aws/cloudfront_cache_policy.hpp>
#include <stackgen/aws/cloudfront_origin_request_policy.hpp>
#include <stackgen/aws/cloudfront_response_headers_policy.hpp>
#include <stackgen/aws/s3_bucket_policy.hpp>
#include <stackgen/aws/s3_object.hpp>
#include <stackgen/awsdoc/policy_document.hpp>
#include <stackgen/patterns/secure_bucket.hpp>
#include <stackgen/patterns/spa_with_api.hpp>

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

}  // namespace

Frontend build_frontend(stackgen::Stack& s, const Inputs& in, const Dns& dns, const Edge& edge, const Environment& env) {
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

  // The SPAs and the resources behind CloudFront with the stack's policies
  // (static files cached, the API not, security headers on both), Korea only.
  Policies p = policies(s, in);
  namespace patterns = stackgen::patterns;
  const auto cdn = [&](const aws::S3Bucket& bucket, std::vector<patterns::Site> sites) {
    return patterns::SpaWithApiSettings{
        .bucket = bucket,
        .sites = std::move(sites),
        .zone_id = dns.zone.zone_id(),
        .certificate_arn = dns.virginia_certificate.arn(),
        .caching = patterns::CdnCaching::custom(p.static_files.id(), p.no_cache.id(), p.forward_all.id(),
                                                p.security_headers.id()),
        .allowed_countries = {"KR"}};
  };
  const std::string& x = env.host_suffix;
  auto spas = cdn(react, {{.name = "admin", .domain = "app-admin" + x + "." + in.domain, .origin_path = "/admin", .record_address = "app-admin"},
                          {.name = "user", .domain = "app-user" + x + "." + in.domain, .origin_path = "/user", .record_address = "app-user"}});
  spas.api = patterns::ApiOrigin{.load_balancer = edge.alb};
  auto served = patterns::spa_with_api(s, "allow-from-cloudfront", spas);
  patterns::static_site(
      s, "allow-resources-from-cloudfront",
      cdn(resources, {{.name = "resources", .domain = "app-resources" + x + "." + in.domain, .record_address = "app-resources"}}));
  return {.bucket = react, .admin = served.sites[0].distribution, .user = served.sites[1].distribution};
}

}  // namespace keencho::hardened
