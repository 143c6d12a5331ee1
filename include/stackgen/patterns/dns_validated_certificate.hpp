// DnsValidatedCertificate: an ACM certificate validated through Route 53
// records made from the certificate's own domain_validation_options, and,
// from the same call, its copy in us-east-1 for CloudFront (ACM validates a
// domain once per account: the copy uses the same records).
#pragma once

#include <optional>
#include <source_location>
#include <string>
#include <vector>

#include "stackgen/aws/acm_certificate.hpp"
#include "stackgen/aws/acm_certificate_validation.hpp"
#include "stackgen/aws/provider.hpp"
#include "stackgen/aws/route53_record.hpp"
#include "stackgen/aws/route53_zone.hpp"
#include "stackgen/core/stack.hpp"

namespace stackgen::patterns {

struct DnsValidatedCertificateOptions {
  std::vector<Expr<std::string>> subject_alternative_names{};
  /// A provider configuration in us-east-1: also declare the certificate
  /// there, for CloudFront.
  std::optional<aws::Provider> cloudfront_provider{};
  /// Wait for the us-east-1 copy to be issued too (a distribution using it
  /// before then fails to create).
  bool validate_cloudfront_copy = true;
  int record_ttl = 60;
  /// Addresses of the companions; empty: derived from the name
  /// (`<name>-us-east-1`, `<name>-validation-records`, `<name>-validation`,
  /// `<name>-us-east-1-validation`). Set them to keep existing state's.
  std::string cloudfront_copy_address{};
  std::string records_address{};
  std::string validation_address{};
  std::string cloudfront_validation_address{};
};

/// What dns_validated_certificate() declared.
struct DnsValidatedCertificate {
  aws::AcmCertificate certificate;
  aws::Route53Record validation_records;  ///< for_each over the validation options
  aws::AcmCertificateValidation validation;
  std::optional<aws::AcmCertificate> cloudfront_certificate;
  std::optional<aws::AcmCertificateValidation> cloudfront_validation;
};

/// `aws_acm_certificate.<name>` for `domain_name` (DNS validation,
/// create_before_destroy), its validation records in `zone` and the
/// validation; with options.cloudfront_provider the us-east-1 copy.
/// A TTL outside 1..172800, or a copy (or its validation) named like the
/// regional one, throws stackgen::Error at the caller's line.
DnsValidatedCertificate dns_validated_certificate(Stack& s, const std::string& name,
                                                  const Expr<std::string>& domain_name,
                                                  const aws::Route53Zone& zone,
                                                  const DnsValidatedCertificateOptions& options = {},
                                                  std::source_location where = std::source_location::current());

}  // namespace stackgen::patterns
