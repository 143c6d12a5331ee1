#include "stackgen/patterns/dns_validated_certificate.hpp"

#include "stackgen/core/construct.hpp"
#include "stackgen/core/error.hpp"
#include "stackgen/core/functions.hpp"
#include "stackgen/core/lifecycle.hpp"

namespace stackgen::patterns {

DnsValidatedCertificate dns_validated_certificate(Stack& s, const std::string& name,
                                                  const Expr<std::string>& domain_name,
                                                  const aws::Route53Zone& zone,
                                                  const DnsValidatedCertificateOptions& options,
                                                  std::source_location where) {
  // Drawn as one cluster by `stackgen graph`.
  Construct scope(s, "dns_validated_certificate " + name);
  auto fail = [&](const std::string& what) {
    throw Error("patterns::dns_validated_certificate(\"" + name + "\"): " + what, SourceLocation::from(where));
  };
  // Route 53 accepts TTLs up to 172800 s (two days).
  if (options.record_ttl < 1 || options.record_ttl > 172800) fail("record_ttl must be 1..172800 seconds");
  auto address = [&](const std::string& given, const char* suffix) { return given.empty() ? name + suffix : given; };
  const std::string copy = address(options.cloudfront_copy_address, "-us-east-1");
  const std::string records = address(options.records_address, "-validation-records");
  const std::string validation = address(options.validation_address, "-validation");
  const std::string copy_validation = address(options.cloudfront_validation_address, "-us-east-1-validation");
  // Addresses clash only within a type: the two certificates, the two validations.
  if (options.cloudfront_provider) {
    if (copy == name) fail("the us-east-1 copy would be named like the certificate, '" + copy + "'");
    if (options.validate_cloudfront_copy && copy_validation == validation)
      fail("both validations would be named '" + copy_validation + "'");
  }

  auto certificate = [&](const std::string& address) {
    auto c = s.add<aws::AcmCertificate>(address, where).domain_name(domain_name).validation_method("DNS");
    if (!options.subject_alternative_names.empty())
      c.subject_alternative_names(options.subject_alternative_names);
    return c.lifecycle(Lifecycle{}.create_before_destroy());
  };
  auto regional = certificate(name);
  std::optional<aws::AcmCertificate> cloudfront;
  if (options.cloudfront_provider) cloudfront = certificate(copy).provider(*options.cloudfront_provider);

  // for_each = { for dvo in ...domain_validation_options : dvo.domain_name => {...} }
  auto by_domain = for_map(regional.domain_validation_options(), [](const auto& dvo) {
    return std::pair{dvo.template get<std::string>("domain_name"),
                     Value{{"name", dvo.template get<std::string>("resource_record_name")},
                           {"record", dvo.template get<std::string>("resource_record_value")},
                           {"type", dvo.template get<std::string>("resource_record_type")}}};
  });
  auto record_set = s.add<aws::Route53Record>(records, where)
                        .for_each(by_domain)
                        .allow_overwrite(true)
                        .name(each_value<Object>().get<std::string>("name"))
                        .records({each_value<Object>().get<std::string>("record")})
                        .ttl(options.record_ttl)
                        .type(each_value<Object>().get<std::string>("type"))
                        .zone_id(zone.zone_id());
  auto fqdns = values_of(record_set, &aws::Route53Record::fqdn);
  DnsValidatedCertificate out{
      .certificate = regional,
      .validation_records = record_set,
      .validation = s.add<aws::AcmCertificateValidation>(validation, where)
                        .certificate_arn(regional.arn())
                        .validation_record_fqdns(fqdns),
      .cloudfront_certificate = cloudfront,
      .cloudfront_validation = std::nullopt,
  };
  if (cloudfront && options.validate_cloudfront_copy)
    out.cloudfront_validation = s.add<aws::AcmCertificateValidation>(copy_validation, where)
                                    .provider(*options.cloudfront_provider)
                                    .certificate_arn(cloudfront->arn())
                                    .validation_record_fqdns(fqdns);
  return out;
}

}  // namespace stackgen::patterns
