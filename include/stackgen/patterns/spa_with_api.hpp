// SpaWithApi and StaticSite: single-page applications (or static sites)
// served by CloudFront from a private S3 bucket through origin access
// control, with `/api/*` (configurable) sent to an application load
// balancer uncached, the bucket readable only by these distributions, and
// Route 53 aliases. Several sites may share one bucket under their own
// origin paths (an S3 bucket has one policy, so the pattern writes it for
// all of them).
//
// Caching uses CloudFront's managed cache, origin-request and
// security-headers policies by default; the stack's own policies, or the
// legacy `forwarded_values`, on request.
#pragma once

#include <optional>
#include <source_location>
#include <string>
#include <vector>

#include "stackgen/aws/cloudfront_distribution.hpp"
#include "stackgen/aws/cloudfront_origin_access_control.hpp"
#include "stackgen/aws/lb.hpp"
#include "stackgen/aws/route53_record.hpp"
#include "stackgen/aws/s3_bucket.hpp"
#include "stackgen/aws/s3_bucket_policy.hpp"
#include "stackgen/core/stack.hpp"

namespace stackgen::patterns {

/// What the distributions cache and forward.
class CdnCaching {
 public:
  /// CloudFront's managed policies: CachingOptimized for the site,
  /// CachingDisabled and AllViewerExceptHostHeader for the API,
  /// SecurityHeadersPolicy on both (their fixed, documented ids).
  static CdnCaching managed();
  /// The stack's own policies (ids of aws_cloudfront_*_policy resources).
  static CdnCaching custom(Expr<std::string> site_cache_policy_id, Expr<std::string> api_cache_policy_id,
                           Expr<std::string> api_origin_request_policy_id,
                           std::optional<Expr<std::string>> response_headers_policy_id = std::nullopt);
  /// The legacy `forwarded_values` (TTL 0/3600/86400 for the site, 0 for the
  /// API which gets every header, cookie and query string): only to
  /// reproduce a stack that has them (lint: ops.cloudfront-legacy-forwarded-values).
  static CdnCaching legacy_forwarded_values() { return CdnCaching(); }

  bool legacy() const { return !site_; }
  const Expr<std::string>& site_cache_policy_id() const { return *site_; }
  const Expr<std::string>& api_cache_policy_id() const { return *api_; }
  const Expr<std::string>& api_origin_request_policy_id() const { return *api_origin_request_; }
  const std::optional<Expr<std::string>>& response_headers_policy_id() const { return headers_; }

 private:
  CdnCaching() = default;
  std::optional<Expr<std::string>> site_, api_, api_origin_request_, headers_;
};

/// Which methods a site's default behaviour allows.
enum class SiteMethods {
  read_only,  ///< GET, HEAD
  all,        ///< DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT
};

/// One site: a distribution `<name>-distribution` reading the bucket under
/// `origin_path` through `<name>-front`, and its alias record.
struct Site {
  std::string name;
  /// The host name viewers use (the distribution's alias and the record's name).
  Expr<std::string> domain;
  /// Where in the bucket the site's files are ("/admin"); empty: the root.
  std::string origin_path{};
  SiteMethods default_methods = SiteMethods::read_only;
  std::optional<Expr<std::string>> comment{};
  /// The alias records' address; empty: `<name>-alias` (and `-alias-ipv6`).
  std::string record_address{};
};

/// The API behind the distributions: a path pattern to a load balancer,
/// HTTPS only (TLS 1.2), uncached.
struct ApiOrigin {
  aws::Lb load_balancer;
  std::string path_pattern = "/api/*";
};

struct SpaWithApiSettings {
  /// Private (block public access): CloudFront reads it through OAC.
  aws::S3Bucket bucket;
  std::vector<Site> sites;
  /// Unset: a static site (static_site() refuses one).
  std::optional<ApiOrigin> api{};
  /// The Route 53 zone of the sites' domains.
  Expr<std::string> zone_id;
  /// An ACM certificate in us-east-1 (patterns::dns_validated_certificate's
  /// CloudFront copy) covering the domains.
  Expr<std::string> certificate_arn;
  CdnCaching caching = CdnCaching::managed();
  /// SPA routing: these S3 errors (a path only the application knows)
  /// answer /index.html with 200. Unset: 403 and 404 for spa_with_api(),
  /// none for static_site().
  std::optional<std::vector<int>> spa_error_codes{};
  int error_caching_min_ttl = 10;
  /// Viewers only from these countries (ISO 3166-1 alpha-2); empty: everywhere.
  std::vector<std::string> allowed_countries{};
  std::string price_class = "PriceClass_100";
  /// IPv6 on the distributions and AAAA alias records.
  bool ipv6 = true;
  /// "http2and3"; unset: CloudFront's default (http2).
  std::optional<std::string> http_version = "http2and3";
};

struct SiteHandles {
  aws::CloudfrontDistribution distribution;     ///< `<name>-distribution`
  aws::CloudfrontOriginAccessControl access;    ///< `<name>-front`
  aws::Route53Record record;                    ///< the A alias
};

/// What spa_with_api() / static_site() declared.
struct SpaWithApi {
  std::vector<SiteHandles> sites;
  aws::S3BucketPolicy bucket_policy;  ///< `<name>-policy`: only these distributions may read
};

/// Throws stackgen::Error at the caller's line for: no sites, two sites with
/// one name, an origin path without a leading '/' or with a trailing one, an
/// API path pattern without a leading '/', an error code outside 400..599,
/// a country code that is not two capital letters.
SpaWithApi spa_with_api(Stack& s, const std::string& name, const SpaWithApiSettings& settings,
                        std::source_location where = std::source_location::current());

/// spa_with_api() without an API (it refuses one) and, unless asked, without
/// SPA error routing.
SpaWithApi static_site(Stack& s, const std::string& name, const SpaWithApiSettings& settings,
                       std::source_location where = std::source_location::current());

}  // namespace stackgen::patterns
