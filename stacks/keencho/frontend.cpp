// Production front end (parts 5 and 6): one S3 bucket with the admin/ and
// user/ SPAs, a CloudFront distribution per SPA (S3 through OAC, /api/* to
// the ALB), and the app-resources distribution for static resources.
#include <stackgen/aws/s3_bucket.hpp>
#include <stackgen/aws/s3_bucket_acl.hpp>
#include <stackgen/aws/s3_bucket_ownership_controls.hpp>
#include <stackgen/aws/s3_object.hpp>
#include <stackgen/patterns/spa_with_api.hpp>

#include "keencho/shared.hpp"

namespace keencho {

namespace {

/// A private bucket whose ACL needs BucketOwnerPreferred ownership (the
/// reference's form; the hardened variant enforces ownership instead).
/// Located at the caller's line, like the patterns: findings point there.
aws::S3Bucket private_bucket(stackgen::Stack& s, const std::string& name, const Expr<std::string>& bucket_name,
                             std::source_location where = std::source_location::current()) {
  auto bucket = s.add<aws::S3Bucket>(name, where).bucket(bucket_name).tags({{"Name", name}});
  auto ownership = s.add<aws::S3BucketOwnershipControls>(name + "-ownership", where)
                       .bucket(bucket.id())
                       .rule([](auto& r) { r.object_ownership("BucketOwnerPreferred"); });
  s.add<aws::S3BucketAcl>(name + "-acl", where).bucket(bucket.id()).acl("private").depends_on({ownership});
  return bucket;
}

}  // namespace

Frontend build_frontend(stackgen::Stack& s, const Inputs& in, const Dns& dns, const LoadBalancer& lb) {
  namespace patterns = stackgen::patterns;
  auto react = private_bucket(s, "app-prod-react", in.app_name + "-prod-react");
  s.add<aws::S3Object>("app-prod-react-admin")
      .bucket(react.id())
      .key("admin/")
      .content_type("application/x-directory");
  s.add<aws::S3Object>("app-prod-react-user")
      .bucket(react.id())
      .key("user/")
      .content_type("application/x-directory");

  // What every distribution of the reference shares: the legacy
  // forwarded_values, 403 -> /index.html only, Korea only, IPv4 only,
  // CloudFront's default HTTP version.
  const auto reference_cdn = [&](const aws::S3Bucket& bucket, std::vector<patterns::Site> sites) {
    return patterns::SpaWithApiSettings{.bucket = bucket,
                                        .sites = std::move(sites),
                                        .zone_id = dns.zone.zone_id(),
                                        .certificate_arn = dns.virginia_certificate.arn(),
                                        .caching = patterns::CdnCaching::legacy_forwarded_values(),
                                        .spa_error_codes = std::vector<int>{403},
                                        .allowed_countries = {"KR"},
                                        .ipv6 = false,
                                        .http_version = std::nullopt};
  };
  // The two SPAs in one bucket; the series lets the user front end send all
  // seven methods to S3, the admin one only GET and HEAD.
  auto spas = reference_cdn(react, {{.name = "admin",
                                     .domain = "app-admin." + in.domain,
                                     .origin_path = "/admin",
                                     .comment = "admin distribution",
                                     .record_address = "app-admin"},
                                    {.name = "user",
                                     .domain = "app-user." + in.domain,
                                     .origin_path = "/user",
                                     .default_methods = patterns::SiteMethods::all,
                                     .comment = "user distribution",
                                     .record_address = "app-user"}});
  spas.api = patterns::ApiOrigin{.load_balancer = lb.alb};
  auto cdn = patterns::spa_with_api(s, "allow-from-cloudfront", spas);

  // app-resources: listed in the series but never built; built here the
  // same way, without the /api behaviour.
  auto resources = private_bucket(s, "app-resources", in.app_name + "-resources");
  patterns::static_site(s, "allow-resources-from-cloudfront",
                        reference_cdn(resources, {{.name = "resources",
                                                   .domain = "app-resources." + in.domain,
                                                   .comment = "resources distribution",
                                                   .record_address = "app-resources"}}));
  return {.bucket = react, .admin = cdn.sites[0].distribution, .user = cdn.sites[1].distribution};
}

}  // namespace keencho
