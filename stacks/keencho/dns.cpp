// DNS and certificates (part 3): the hosted zone, a wildcard certificate in
// the region (for the ALB) and one in us-east-1 (for CloudFront), validated
// through DNS records created from the certificate's own options.
#include <stackgen/aws/acm_certificate_validation.hpp>
#include <stackgen/aws/route53_record.hpp>

#include "keencho.hpp"

namespace keencho {

using stackgen::Any;
using stackgen::each_value;
using stackgen::Lifecycle;
using stackgen::Object;

Dns build_dns(stackgen::Stack& s, const Inputs& in, const aws::Provider& us_east_1) {
  auto zone = s.add<aws::Route53Zone>("keencho")
                  .name(in.domain)
                  .tags({{"Name", in.app_name + "-keencho-route53"}})
                  .lifecycle(Lifecycle{}.prevent_destroy());

  auto regional = s.add<aws::AcmCertificate>("ssl-certificate")
                      .domain_name("*." + in.domain)
                      .validation_method("DNS")
                      .lifecycle(Lifecycle{}.create_before_destroy());
  auto virginia = s.add<aws::AcmCertificate>("ssl-certificate-virginia")
                      .provider(us_east_1)
                      .domain_name("*." + in.domain)
                      .validation_method("DNS")
                      .lifecycle(Lifecycle{}.create_before_destroy());

  // for_each = { for dvo in ...domain_validation_options : dvo.domain_name => {...} }
  auto options = stackgen::for_map(regional.domain_validation_options(), [](const auto& dvo) {
    return std::pair{dvo.template get<std::string>("domain_name"),
                     stackgen::Value{{"name", dvo.template get<std::string>("resource_record_name")},
                                     {"record", dvo.template get<std::string>("resource_record_value")},
                                     {"type", dvo.template get<std::string>("resource_record_type")}}};
  });
  auto validation_records = s.add<aws::Route53Record>("app-certificate-validation")
                                .for_each(options)
                                .allow_overwrite(true)
                                .name(each_value<Object>().get<std::string>("name"))
                                .records({each_value<Object>().get<std::string>("record")})
                                .ttl(60)
                                .type(each_value<Object>().get<std::string>("type"))
                                .zone_id(zone.zone_id());

  s.add<aws::AcmCertificateValidation>("ssl-certificate-validation")
      .certificate_arn(regional.arn())
      .validation_record_fqdns(stackgen::values_of(validation_records, &aws::Route53Record::fqdn));

  return Dns{zone, regional, virginia};
}

}  // namespace keencho
