#include "stackgen/patterns/spa_with_api.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "stackgen/awsdoc/policy_document.hpp"
#include "stackgen/core/construct.hpp"
#include "stackgen/core/error.hpp"

namespace stackgen::patterns {

// The managed policies' ids are fixed and documented by CloudFront
// ("Use managed cache policies", "... origin request policies", "...
// response headers policies"), the same in every account.
CdnCaching CdnCaching::managed() {
  return custom("658327ea-f89d-4fab-a63d-7e88639e58f6",   // CachingOptimized
                "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",   // CachingDisabled
                "b689b0a8-53d0-40ab-baf2-68738e2966ac",   // AllViewerExceptHostHeader
                "67f7725c-6f97-4210-82d7-5512b31e9d03");  // SecurityHeadersPolicy
}

CdnCaching CdnCaching::custom(Expr<std::string> site_cache_policy_id, Expr<std::string> api_cache_policy_id,
                              Expr<std::string> api_origin_request_policy_id,
                              std::optional<Expr<std::string>> response_headers_policy_id) {
  CdnCaching c;
  c.site_ = std::move(site_cache_policy_id);
  c.api_ = std::move(api_cache_policy_id);
  c.api_origin_request_ = std::move(api_origin_request_policy_id);
  c.headers_ = std::move(response_headers_policy_id);
  return c;
}

namespace {

using Distribution = aws::CloudfrontDistribution;

const std::vector<Expr<std::string>>& methods(SiteMethods m) {
  static const std::vector<Expr<std::string>> read_only{"GET", "HEAD"};
  static const std::vector<Expr<std::string>> all{"DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"};
  return m == SiteMethods::all ? all : read_only;
}

void check(const std::string& pattern, const std::string& name, const SpaWithApiSettings& in,
           std::source_location where) {
  auto fail = [&](const std::string& what) {
    throw Error("patterns::" + pattern + "(\"" + name + "\"): " + what, SourceLocation::from(where));
  };
  if (in.sites.empty()) fail("no sites");
  std::set<std::string> names;
  for (const auto& site : in.sites) {
    if (site.name.empty()) fail("a site without a name");
    if (!names.insert(site.name).second) fail("two sites are named \"" + site.name + "\"");
    const auto& path = site.origin_path;
    if (!path.empty() && (path.front() != '/' || path.back() == '/'))
      fail("site \"" + site.name + "\": origin_path \"" + path +
           "\" must start with '/' and not end with one (CloudFront appends the request path)");
  }
  if (in.api && (in.api->path_pattern.empty() || in.api->path_pattern.front() != '/'))
    fail("the API path pattern \"" + in.api->path_pattern + "\" must start with '/'");
  for (int code : in.spa_error_codes.value_or(std::vector<int>{}))
    if (code < 400 || code > 599) fail("SPA error code " + std::to_string(code) + " is not an HTTP error (400..599)");
  for (const auto& country : in.allowed_countries)
    if (country.size() != 2 || !std::isupper(static_cast<unsigned char>(country[0])) ||
        !std::isupper(static_cast<unsigned char>(country[1])))
      fail("\"" + country + "\" is not an ISO 3166-1 alpha-2 country code (two capital letters)");
}

Distribution::Origin bucket_origin(const aws::S3Bucket& bucket, const aws::CloudfrontOriginAccessControl& oac,
                                   const std::string& origin_path) {
  Distribution::Origin origin;
  origin.domain_name(bucket.bucket_regional_domain_name()).origin_id(bucket.id()).origin_access_control_id(oac.id());
  if (!origin_path.empty()) origin.origin_path(origin_path);
  return origin;
}

Distribution::Origin load_balancer_origin(const aws::Lb& alb) {
  return Distribution::Origin{}.domain_name(alb.dns_name()).origin_id(alb.id()).custom_origin_config([](auto& c) {
    c.http_port(80).https_port(443).origin_protocol_policy("https-only").origin_ssl_protocols({"TLSv1.2"});
    c.origin_keepalive_timeout(5).origin_read_timeout(30);
  });
}

SpaWithApi declare(Stack& s, const std::string& name, const SpaWithApiSettings& in,
                   const std::vector<int>& error_codes, std::source_location where) {
  const CdnCaching& caching = in.caching;
  std::vector<SiteHandles> sites;
  std::vector<Expr<std::string>> distribution_arns;
  for (const auto& site : in.sites) {
    auto oac = s.add<aws::CloudfrontOriginAccessControl>(site.name + "-front", where)
                   .name(site.name + "-front")
                   .description(site.name + " front")
                   .origin_access_control_origin_type("s3")
                   .signing_behavior("always")
                   .signing_protocol("sigv4");
    auto d = s.add<Distribution>(site.name + "-distribution", where);
    if (site.comment) d.comment(*site.comment);
    d.origin(bucket_origin(in.bucket, oac, site.origin_path))
        .enabled(true)
        .default_root_object("index.html")
        .aliases({site.domain})
        .default_cache_behavior([&](auto& b) {
          b.allowed_methods(methods(site.default_methods)).cached_methods({"GET", "HEAD"}).target_origin_id(in.bucket.id());
          b.viewer_protocol_policy("redirect-to-https");
          if (caching.legacy()) {
            b.min_ttl(0).default_ttl(3600).max_ttl(86400);
            b.forwarded_values([](auto& f) { f.query_string(false).cookies([](auto& c) { c.forward("none"); }); });
          } else {
            b.compress(true).cache_policy_id(caching.site_cache_policy_id());
            if (caching.response_headers_policy_id()) b.response_headers_policy_id(*caching.response_headers_policy_id());
          }
        })
        .price_class(in.price_class)
        .restrictions([&](auto& r) {
          r.geo_restriction([&](auto& geo) {
            if (in.allowed_countries.empty()) {
              geo.restriction_type("none");
              return;
            }
            std::vector<Expr<std::string>> countries(in.allowed_countries.begin(), in.allowed_countries.end());
            geo.restriction_type("whitelist").locations(countries);
          });
        })
        .viewer_certificate([&](auto& c) {
          c.acm_certificate_arn(in.certificate_arn).ssl_support_method("sni-only").minimum_protocol_version("TLSv1.2_2021");
        });
    for (int code : error_codes)
      d.custom_error_response([&](auto& e) {
        e.error_code(code).response_code(200).response_page_path("/index.html").error_caching_min_ttl(in.error_caching_min_ttl);
      });
    if (in.ipv6) d.is_ipv6_enabled(true);
    if (in.http_version) d.http_version(*in.http_version);
    if (in.api) {
      const auto& alb = in.api->load_balancer;
      d.origin(load_balancer_origin(alb)).ordered_cache_behavior([&](auto& b) {
        b.path_pattern(in.api->path_pattern)
            .allowed_methods(methods(SiteMethods::all))
            .cached_methods({"GET", "HEAD"})
            .target_origin_id(alb.id());
        b.viewer_protocol_policy("redirect-to-https");
        if (caching.legacy()) {
          b.min_ttl(0).default_ttl(0).max_ttl(0);
          b.forwarded_values([](auto& f) { f.query_string(true).headers({"*"}).cookies([](auto& c) { c.forward("all"); }); });
        } else {
          b.cache_policy_id(caching.api_cache_policy_id()).origin_request_policy_id(caching.api_origin_request_policy_id());
          if (caching.response_headers_policy_id()) b.response_headers_policy_id(*caching.response_headers_policy_id());
        }
      });
    }

    const std::string record = site.record_address.empty() ? site.name + "-alias" : site.record_address;
    auto alias = [&](const std::string& address, const char* type) {
      return s.add<aws::Route53Record>(address, where)
          .zone_id(in.zone_id)
          .name(site.domain)
          .type(type)
          .alias([&](auto& a) { a.name(d.domain_name()).zone_id(d.hosted_zone_id()).evaluate_target_health(false); });
    };
    auto a_record = alias(record, "A");
    if (in.ipv6) alias(record + "-ipv6", "AAAA");
    distribution_arns.push_back(d.arn());
    sites.push_back(SiteHandles{d, oac, a_record});
  }

  // One policy per bucket (S3 allows one): only CloudFront, on behalf of
  // these distributions, may read.
  auto policy = s.add<aws::S3BucketPolicy>(name + "-policy", where)
                    .bucket(in.bucket.id())
                    .policy(awsdoc::PolicyDocument{}
                                .statement(awsdoc::Statement{}
                                               .sid("AllowCloudFrontServicePrincipal")
                                               .allow()
                                               .service_principals({"cloudfront.amazonaws.com"})
                                               .actions({"s3:GetObject"})
                                               .resources({in.bucket.arn() + "/*"})
                                               .condition("StringEquals", "AWS:SourceArn", distribution_arns))
                                .json());
  return SpaWithApi{std::move(sites), policy};
}

}  // namespace

SpaWithApi spa_with_api(Stack& s, const std::string& name, const SpaWithApiSettings& in, std::source_location where) {
  // Drawn as one cluster by `stackgen graph`.
  Construct scope(s, "spa_with_api " + name);
  check("spa_with_api", name, in, where);
  return declare(s, name, in, in.spa_error_codes.value_or(std::vector<int>{403, 404}), where);
}

SpaWithApi static_site(Stack& s, const std::string& name, const SpaWithApiSettings& in, std::source_location where) {
  // Drawn as one cluster by `stackgen graph`.
  Construct scope(s, "static_site " + name);
  check("static_site", name, in, where);
  if (in.api)
    throw Error("patterns::static_site(\"" + name + "\"): a static site has no API; use spa_with_api",
                SourceLocation::from(where));
  return declare(s, name, in, in.spa_error_codes.value_or(std::vector<int>{}), where);
}

}  // namespace stackgen::patterns
