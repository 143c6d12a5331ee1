// DNS and certificates (part 3): the hosted zone, a wildcard certificate in
// the region (for the ALB) and one in us-east-1 (for CloudFront), validated
// through DNS records created from the certificate's own options.
#include <stackgen/patterns/dns_validated_certificate.hpp>

#include "keencho.hpp"

namespace keencho {

using stackgen::Lifecycle;

Dns build_dns(stackgen::Stack& s, const Inputs& in, const aws::Provider& us_east_1) {
  auto zone = s.add<aws::Route53Zone>("keencho")
                  .name(in.domain)
                  .tags({{"Name", in.app_name + "-keencho-route53"}})
                  .lifecycle(Lifecycle{}.prevent_destroy());

  // A wildcard certificate in the region (for the ALB) and its us-east-1
  // copy (for CloudFront), validated by one set of records; the addresses
  // are the reference's. The reference does not wait for the copy.
  auto certificates = stackgen::patterns::dns_validated_certificate(s, "ssl-certificate", "*." + in.domain, zone,
                                                                    {.cloudfront_provider = us_east_1,
                                                                     .validate_cloudfront_copy = false,
                                                                     .cloudfront_copy_address = "ssl-certificate-virginia",
                                                                     .records_address = "app-certificate-validation",
                                                                     .validation_address = "ssl-certificate-validation"});
  return Dns{zone, certificates.certificate, *certificates.cloudfront_certificate};
}

}  // namespace keencho
