// CloudFront: certificate region, origin ids, root object, error responses,
// TLS versions, legacy forwarded_values.
#include <stackgen/aws/acm_certificate.hpp>
#include <stackgen/aws/acm_certificate_validation.hpp>
#include <stackgen/aws/cloudfront_distribution.hpp>
#include <stackgen/aws/provider.hpp>
#include <stackgen/aws/s3_bucket.hpp>

#include "lint_support.hpp"

namespace aws = stackgen::aws;
using lint_test::expect_finding;
using lint_test::expect_no_finding;
using lint_test::findings;
using stackgen::Expr;
using stackgen::Severity;
using stackgen::Stack;

namespace {

using D = aws::CloudfrontDistribution;

D::DefaultCacheBehavior behaviour(const Expr<std::string>& origin) {
  return D::DefaultCacheBehavior{}
      .allowed_methods({"GET", "HEAD"})
      .cached_methods({"GET", "HEAD"})
      .target_origin_id(origin)
      .viewer_protocol_policy("redirect-to-https")
      .cache_policy_id("658327ea-f89d-4fab-a63d-7e88639e58f6");
}

/// A well-formed distribution in front of a bucket, with the certificate
/// given; callers add what a test needs.
D distribution(Stack& s, const Expr<std::string>& certificate,
               std::source_location where = std::source_location::current()) {
  auto bucket = s.add<aws::S3Bucket>("site").bucket("site-bucket");
  return s.add<D>("cdn", where)
      .enabled(true)
      .default_root_object("index.html")
      .origin(D::Origin{}.domain_name(bucket.bucket_regional_domain_name()).origin_id(bucket.id()))
      .default_cache_behavior(behaviour(bucket.id()))
      .restrictions(D::Restrictions{}.geo_restriction(
          D::Restrictions::GeoRestriction{}.restriction_type("none")))
      .viewer_certificate(D::ViewerCertificate{}
                              .acm_certificate_arn(certificate)
                              .ssl_support_method("sni-only")
                              .minimum_protocol_version("TLSv1.2_2021"));
}

const char* kVirginiaArn = "arn:aws:acm:us-east-1:123456789012:certificate/abc";

}  // namespace

TEST_CASE("aws.cloudfront-certificate-region", "[lint][cloudfront]") {
  SECTION("certificate from the regional provider") {
    Stack s("t");
    s.provider<aws::Provider>().region("ap-northeast-2");
    auto cert =
        s.add<aws::AcmCertificate>("cert").domain_name("*.example.com").validation_method("DNS");
    const unsigned line = __LINE__ + 1;
    distribution(s, cert.arn());
    auto d = expect_finding(s, "aws.cloudfront-certificate-region", Severity::error, line);
    CHECK(d.message.find("\"ap-northeast-2\"") != std::string::npos);
  }
  SECTION("literal ARN in another region, through a validation resource") {
    Stack s("t");
    const unsigned line = __LINE__ + 1;
    distribution(s, "arn:aws:acm:eu-west-1:123456789012:certificate/abc");
    expect_finding(s, "aws.cloudfront-certificate-region", Severity::error, line);

    Stack v("t");
    v.provider<aws::Provider>().region("eu-west-1");
    auto cert =
        v.add<aws::AcmCertificate>("cert").domain_name("*.example.com").validation_method("DNS");
    auto validation = v.add<aws::AcmCertificateValidation>("valid").certificate_arn(cert.arn());
    const unsigned validation_line = __LINE__ + 1;
    distribution(v, validation.certificate_arn());
    expect_finding(v, "aws.cloudfront-certificate-region", Severity::error, validation_line);
  }
  SECTION("us-east-1, or unknown") {
    Stack s("t");
    auto region = s.variable<std::string>("region").default_value("ap-northeast-2");
    s.provider<aws::Provider>().region(region);  // not literal: skipped
    auto virginia = s.provider<aws::Provider>("us-east-1").region("us-east-1");
    auto cert = s.add<aws::AcmCertificate>("cert")
                    .provider(virginia)
                    .domain_name("*.example.com")
                    .validation_method("DNS");
    distribution(s, cert.arn());
    expect_no_finding(s, "aws.cloudfront-certificate-region");

    Stack unknown("t");
    unknown.provider<aws::Provider>().region(
        unknown.variable<std::string>("r").default_value("eu-west-1"));
    auto regional = unknown.add<aws::AcmCertificate>("cert")
                        .domain_name("*.example.com")
                        .validation_method("DNS");
    distribution(unknown, regional.arn());
    expect_no_finding(unknown, "aws.cloudfront-certificate-region");
  }
}

TEST_CASE("aws.cloudfront-origin-id", "[lint][cloudfront]") {
  Stack s("t");
  auto api = s.add<aws::S3Bucket>("api").bucket("api-bucket");
  const unsigned line = __LINE__ + 1;
  distribution(s, kVirginiaArn)
      .ordered_cache_behavior(D::OrderedCacheBehavior{}
                                  .path_pattern("/api/*")
                                  .allowed_methods({"GET", "HEAD"})
                                  .cached_methods({"GET", "HEAD"})
                                  .target_origin_id(api.id())
                                  .viewer_protocol_policy("https-only"));
  auto d = expect_finding(s, "aws.cloudfront-origin-id", Severity::error, line);
  CHECK(d.message.find("\"/api/*\"") != std::string::npos);
  CHECK(d.message.find("aws_s3_bucket.api.id") != std::string::npos);

  Stack literal("t");
  const unsigned literal_line = __LINE__ + 1;
  literal.add<D>("cdn")
      .enabled(true)
      .origin(D::Origin{}.domain_name("example.com").origin_id("web"))
      .default_cache_behavior(behaviour("webb"));
  expect_finding(literal, "aws.cloudfront-origin-id", Severity::error, literal_line);

  Stack ok("t");
  auto api_ok = ok.add<aws::S3Bucket>("api").bucket("api-bucket");
  distribution(ok, kVirginiaArn)
      .origin(D::Origin{}.domain_name(api_ok.bucket_regional_domain_name()).origin_id(api_ok.id()))
      .ordered_cache_behavior(D::OrderedCacheBehavior{}
                                  .path_pattern("/api/*")
                                  .allowed_methods({"GET", "HEAD"})
                                  .cached_methods({"GET", "HEAD"})
                                  .target_origin_id(api_ok.id())
                                  .viewer_protocol_policy("https-only"));
  // A literal id against a reference origin is unknown at emit.
  ok.add<D>("mixed")
      .enabled(true)
      .origin(D::Origin{}.domain_name("example.com").origin_id(api_ok.id()))
      .default_cache_behavior(behaviour("api-bucket"));
  expect_no_finding(ok, "aws.cloudfront-origin-id");
}

TEST_CASE("aws.cloudfront-default-root-object", "[lint][cloudfront]") {
  Stack s("t");
  const unsigned line = __LINE__ + 1;
  distribution(s, kVirginiaArn).default_root_object("/index.html");
  expect_finding(s, "aws.cloudfront-default-root-object", Severity::error, line);

  Stack ok("t");
  distribution(ok, kVirginiaArn);
  expect_no_finding(ok, "aws.cloudfront-default-root-object");
}

TEST_CASE("aws.cloudfront-error-response", "[lint][cloudfront]") {
  Stack s("t");
  const unsigned line = __LINE__ + 1;
  distribution(s, kVirginiaArn)
      .custom_error_response(D::CustomErrorResponse{}.error_code(403).response_code(200));
  auto d = expect_finding(s, "aws.cloudfront-error-response", Severity::error, line);
  CHECK(d.message == "custom_error_response 403: response_code without response_page_path");

  Stack path("t");
  const unsigned path_line = __LINE__ + 1;
  distribution(path, kVirginiaArn)
      .custom_error_response(
          D::CustomErrorResponse{}.error_code(404).response_code(200).response_page_path(
              "index.html"));
  expect_finding(path, "aws.cloudfront-error-response", Severity::error, path_line);

  Stack code("t");
  const unsigned code_line = __LINE__ + 1;
  distribution(code, kVirginiaArn)
      .custom_error_response(D::CustomErrorResponse{}.error_code(401).error_caching_min_ttl(10));
  expect_finding(code, "aws.cloudfront-error-response", Severity::error, code_line);

  Stack ok("t");
  distribution(ok, kVirginiaArn)
      .custom_error_response(D::CustomErrorResponse{}
                                 .error_code(403)
                                 .response_code(200)
                                 .response_page_path("/index.html")
                                 .error_caching_min_ttl(10))
      .custom_error_response(D::CustomErrorResponse{}.error_code(503).error_caching_min_ttl(0));
  expect_no_finding(ok, "aws.cloudfront-error-response");
}

TEST_CASE("sec.cloudfront-tls-policy", "[lint][cloudfront]") {
  Stack s("t");
  auto bucket = s.add<aws::S3Bucket>("site").bucket("site-bucket");
  const unsigned line = __LINE__ + 1;
  s.add<D>("cdn")
      .enabled(true)
      .origin(D::Origin{}.domain_name(bucket.bucket_regional_domain_name()).origin_id(bucket.id()))
      .default_cache_behavior(behaviour(bucket.id()))
      .viewer_certificate(
          D::ViewerCertificate{}.acm_certificate_arn(kVirginiaArn).ssl_support_method("sni-only"));
  auto d = expect_finding(s, "sec.cloudfront-tls-policy", Severity::warning, line);
  CHECK(d.message.find("TLSv1") != std::string::npos);

  Stack origin("t");
  const unsigned origin_line = __LINE__ + 1;
  distribution(origin, kVirginiaArn)
      .origin(D::Origin{}
                  .domain_name("api.example.com")
                  .origin_id("api")
                  .custom_origin_config(D::Origin::CustomOriginConfig{}
                                            .http_port(80)
                                            .https_port(443)
                                            .origin_protocol_policy("https-only")
                                            .origin_ssl_protocols({"TLSv1", "TLSv1.2"})));
  expect_finding(origin, "sec.cloudfront-tls-policy", Severity::warning, origin_line);

  Stack ok("t");
  distribution(ok, kVirginiaArn)
      .origin(D::Origin{}
                  .domain_name("api.example.com")
                  .origin_id("api")
                  .custom_origin_config(D::Origin::CustomOriginConfig{}
                                            .http_port(80)
                                            .https_port(443)
                                            .origin_protocol_policy("https-only")
                                            .origin_ssl_protocols({"TLSv1.2"})));
  expect_no_finding(ok, "sec.cloudfront-tls-policy");
}

TEST_CASE("ops.cloudfront-legacy-forwarded-values", "[lint][cloudfront]") {
  Stack s("t");
  auto bucket = s.add<aws::S3Bucket>("site").bucket("site-bucket");
  const unsigned line = __LINE__ + 1;
  s.add<D>("cdn")
      .enabled(true)
      .origin(D::Origin{}.domain_name(bucket.bucket_regional_domain_name()).origin_id(bucket.id()))
      .default_cache_behavior(
          D::DefaultCacheBehavior{}
              .allowed_methods({"GET", "HEAD"})
              .cached_methods({"GET", "HEAD"})
              .target_origin_id(bucket.id())
              .viewer_protocol_policy("redirect-to-https")
              .forwarded_values(
                  D::DefaultCacheBehavior::ForwardedValues{}.query_string(false).cookies(
                      D::DefaultCacheBehavior::ForwardedValues::Cookies{}.forward("none"))));
  expect_finding(s, "ops.cloudfront-legacy-forwarded-values", Severity::warning, line);

  Stack ok("t");
  distribution(ok, kVirginiaArn);
  expect_no_finding(ok, "ops.cloudfront-legacy-forwarded-values");
}
