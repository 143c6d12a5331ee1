// Production front end (parts 5 and 6): one S3 bucket with the admin/ and
// user/ SPAs, a CloudFront distribution per SPA (S3 through OAC, /api/* to
// the ALB), and the app-resources distribution for static resources.
#include <algorithm>

#include <stackgen/aws/s3_bucket.hpp>
#include <stackgen/aws/s3_bucket_acl.hpp>
#include <stackgen/aws/s3_bucket_ownership_controls.hpp>
#include <stackgen/aws/s3_bucket_policy.hpp>
#include <stackgen/aws/s3_object.hpp>

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

/// Which methods a distribution's default behaviour allows: the series lets
/// the user front end send all seven, the admin one only GET and HEAD.
enum class DefaultMethods { read_only, all };

/// The shape every distribution shares: S3 default behaviour with the
/// legacy forwarded_values, SPA error handling, Korea only, the us-east-1
/// certificate; commented as the reference does ("admin-distribution" ->
/// "admin distribution").
Distribution distribution(stackgen::Stack& s, const std::string& name, const Dns& dns,
                          const Expr<std::string>& alias, const aws::S3Bucket& bucket,
                          const Distribution::Origin& origin, DefaultMethods methods,
                          std::source_location where = std::source_location::current()) {
  std::string comment = name;
  std::replace(comment.begin(), comment.end(), '-', ' ');
  const std::vector<Expr<std::string>> allowed =
      methods == DefaultMethods::all
          ? std::vector<Expr<std::string>>{"DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"}
          : std::vector<Expr<std::string>>{"GET", "HEAD"};
  return s.add<Distribution>(name, where)
      .comment(comment)
      .origin(origin)
      .enabled(true)
      .default_root_object("index.html")
      .aliases({alias})
      .default_cache_behavior([&](auto& b) {
        b.allowed_methods(allowed).cached_methods({"GET", "HEAD"}).target_origin_id(bucket.id());
        b.viewer_protocol_policy("redirect-to-https").min_ttl(0).default_ttl(3600).max_ttl(86400);
        b.forwarded_values([](auto& f) { f.query_string(false).cookies([](auto& c) { c.forward("none"); }); });
      })
      .price_class("PriceClass_100")
      .restrictions(korea_only())
      .viewer_certificate(viewer_certificate(dns))
      .custom_error_response(spa_fallback());
}

/// An SPA distribution: the S3 origin plus /api/* to the ALB, uncached.
Distribution spa_distribution(stackgen::Stack& s, const std::string& name, const Dns& dns,
                              const Expr<std::string>& alias, const aws::S3Bucket& bucket,
                              const aws::CloudfrontOriginAccessControl& oac, const char* origin_path,
                              const LoadBalancer& lb, DefaultMethods methods,
                              std::source_location where = std::source_location::current()) {
  return distribution(s, name, dns, alias, bucket, s3_origin(bucket, oac, origin_path), methods, where)
      .origin(alb_origin(lb.alb))
      .ordered_cache_behavior([&](auto& b) {
        b.path_pattern("/api/*")
            .allowed_methods({"DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"})
            .cached_methods({"GET", "HEAD"})
            .target_origin_id(lb.alb.id());
        b.viewer_protocol_policy("redirect-to-https").min_ttl(0).default_ttl(0).max_ttl(0);
        b.forwarded_values([](auto& f) {
          f.query_string(true).headers({"*"}).cookies([](auto& c) { c.forward("all"); });
        });
      });
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

  auto admin_oac = origin_access_control(s, "admin-front");
  auto user_oac = origin_access_control(s, "user-front");
  auto admin = spa_distribution(s, "admin-distribution", dns, "app-admin." + in.domain, react, admin_oac, "/admin", lb,
                                DefaultMethods::read_only);
  auto user = spa_distribution(s, "user-distribution", dns, "app-user." + in.domain, react, user_oac, "/user", lb,
                               DefaultMethods::all);
  distribution_alias(s, "app-admin", "app-admin." + in.domain, dns, admin);
  distribution_alias(s, "app-user", "app-user." + in.domain, dns, user);
  s.add<aws::S3BucketPolicy>("allow-from-cloudfront-policy")
      .bucket(react.id())
      .policy(cloudfront_read_policy(react, {admin.arn(), user.arn()}));

  // app-resources: listed in the series but never built; built here the
  // same way, without the /api behaviour.
  auto resources = private_bucket(s, "app-resources", in.app_name + "-resources");
  auto resources_oac = origin_access_control(s, "resources-front");
  auto resources_cdn = distribution(s, "resources-distribution", dns, "app-resources." + in.domain, resources,
                                    s3_origin(resources, resources_oac, ""), DefaultMethods::read_only);
  distribution_alias(s, "app-resources", "app-resources." + in.domain, dns, resources_cdn);
  s.add<aws::S3BucketPolicy>("allow-resources-from-cloudfront-policy")
      .bucket(resources.id())
      .policy(cloudfront_read_policy(resources, {resources_cdn.arn()}));
}

}  // namespace keencho
