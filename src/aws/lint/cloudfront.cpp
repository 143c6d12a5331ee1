// CloudFront: viewer certificates from us-east-1, cache behaviours that
// target existing origins, well-formed root object and error responses;
// TLS versions towards viewers and origins; legacy forwarded_values.
#include <algorithm>

#include "lint.hpp"

namespace stackgen::lint {
namespace {

constexpr std::string_view kUsEast1 = "us-east-1";

/// The region of the certificate `arn` names: from a literal ARN, or from
/// the provider configuration of the certificate resource it refers to.
struct CertificateRegion {
  std::string region;
  std::string from;  // for the message
};

std::optional<CertificateRegion> certificate_region(const Linter& l, const Value& arn) {
  if (auto text = literal_string(arn)) {
    // arn:aws:acm:REGION:ACCOUNT:certificate/ID
    if (text->rfind("arn:", 0) != 0) return std::nullopt;
    size_t pos = 0;
    for (int i = 0; i < 3 && pos != std::string::npos; ++i) pos = text->find(':', pos + 1);
    if (pos == std::string::npos) return std::nullopt;
    size_t end = text->find(':', pos + 1);
    if (end == std::string::npos) return std::nullopt;
    return CertificateRegion{text->substr(pos + 1, end - pos - 1), "the certificate ARN"};
  }
  Block cert = l.target(arn);
  // Through aws_acm_certificate_validation.x.certificate_arn to the certificate.
  if (cert && type_of(cert) == "aws_acm_certificate_validation")
    cert = l.target(attribute(cert, "certificate_arn"));
  if (!cert || type_of(cert) != "aws_acm_certificate") return std::nullopt;
  Block provider = l.provider_of(cert);
  if (!provider) return std::nullopt;
  auto region = literal_string(attribute(provider, "region"));
  if (!region) return std::nullopt;
  return CertificateRegion{*region, cert.address() + " (provider " + provider.address() + ")"};
}

void check_certificate(const Linter& l, Block d) {
  Value viewer = first_nested(d, "viewer_certificate");
  Value arn = viewer.field("acm_certificate_arn");
  if (is_unset(arn)) return;
  auto region = certificate_region(l, arn);
  if (region && region->region != kUsEast1)
    l.report("aws.cloudfront-certificate-region", d,
             "viewer certificate " + region->from + " is in " + quoted(region->region) +
                 "; CloudFront only accepts ACM certificates from us-east-1",
             "request the certificate with a provider configured for region us-east-1, e.g. "
             "s.provider<aws::Provider>(\"us-east-1\").region(\"us-east-1\")");
}

void check_origin_ids(const Linter& l, Block d) {
  std::vector<Value> ids;
  for (const auto& o : nested(d, "origin")) ids.push_back(o.field("origin_id"));
  for (const auto& g : nested(d, "origin_group")) ids.push_back(g.field("origin_id"));
  bool all_literal = std::all_of(ids.begin(), ids.end(),
                                 [](const Value& v) { return literal_string(v).has_value(); });
  auto check = [&](const Value& behaviour, const std::string& which) {
    Value target = behaviour.field("target_origin_id");
    if (is_unset(target)) return;
    for (const auto& id : ids)
      if (same_expression(id, target)) return;
    // A literal may equal a reference's value at apply time: unknown.
    if (literal_string(target) && !all_literal) return;
    std::string known;
    for (const auto& id : ids) known += (known.empty() ? "" : ", ") + describe(id);
    l.report("aws.cloudfront-origin-id", d,
             which + " targets origin " + describe(target) +
                 ", which is not an origin id of the distribution (" +
                 (known.empty() ? "no origins" : known) + ")",
             "use the same expression for target_origin_id as for the origin's origin_id");
  };
  for (const auto& b : nested(d, "default_cache_behavior")) check(b, "default_cache_behavior");
  for (const auto& b : nested(d, "ordered_cache_behavior")) {
    auto path = literal_string(b.field("path_pattern"));
    std::string which = "ordered_cache_behavior";
    if (path) which.append(1, ' ').append(quoted(*path));
    check(b, which);
  }
}

void check_root_object(const Linter& l, Block d) {
  auto root = literal_string(attribute(d, "default_root_object"));
  if (!root) return;
  if (!root->empty() && root->front() == '/')
    l.report("aws.cloudfront-default-root-object", d,
             "default_root_object " + quoted(*root) + " starts with '/'",
             "name the object without a leading slash, e.g. \"index.html\"");
  else if (root->size() > 255)
    l.report("aws.cloudfront-default-root-object", d,
             "default_root_object is longer than 255 characters", "use a shorter object name");
}

bool error_code_allowed(double c) {
  for (int ok : {400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504})
    if (c == ok) return true;
  return false;
}

void check_error_responses(const Linter& l, Block d) {
  for (const auto& r : nested(d, "custom_error_response")) {
    auto code = literal_number(r.field("error_code"));
    std::string which = "custom_error_response";
    if (code) which.append(1, ' ').append(number_text(*code));
    auto report = [&](const std::string& problem, const std::string& hint) {
      l.report("aws.cloudfront-error-response", d, which + ": " + problem, hint);
    };
    if (code && !error_code_allowed(*code))
      report("error_code " + number_text(*code) + " cannot be customised",
             "use one of 400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504");
    Value response_code = r.field("response_code");
    Value page = r.field("response_page_path");
    if (is_unset(response_code) != is_unset(page))
      report(is_unset(page) ? "response_code without response_page_path"
                            : "response_page_path without response_code",
             "set both response_code and response_page_path, or neither");
    if (auto rc = literal_number(response_code); rc && *rc != 200 && !error_code_allowed(*rc))
      report("response_code " + number_text(*rc) + " is not allowed",
             "use 200 or one of 400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504");
    if (auto p = literal_string(page); p && (p->empty() || p->front() != '/'))
      report("response_page_path " + quoted(*p) + " does not start with '/'",
             "give the page's path from the origin root, e.g. \"/index.html\"");
    if (auto ttl = literal_number(r.field("error_caching_min_ttl")); ttl && *ttl < 0)
      report("error_caching_min_ttl " + number_text(*ttl) + " is negative",
             "use 0 or more seconds");
  }
}

void check_tls(const Linter& l, Block d) {
  Value viewer = first_nested(d, "viewer_certificate");
  bool default_certificate =
      literal_bool(viewer.field("cloudfront_default_certificate")).value_or(false);
  bool own_certificate = !is_unset(viewer.field("acm_certificate_arn")) ||
                         !is_unset(viewer.field("iam_certificate_id"));
  if (own_certificate && !default_certificate) {
    Value min = viewer.field("minimum_protocol_version");
    if (is_unset(min)) {
      l.report("sec.cloudfront-tls-policy", d,
               "viewer_certificate has no minimum_protocol_version: CloudFront then accepts TLSv1",
               "set minimum_protocol_version = \"TLSv1.2_2021\"");
    } else if (auto v = literal_string(min); v && (*v == "SSLv3" || *v == "TLSv1" ||
                                                   *v == "TLSv1_2016" || *v == "TLSv1.1_2016")) {
      l.report("sec.cloudfront-tls-policy", d,
               "minimum_protocol_version " + quoted(*v) + " accepts TLS below 1.2",
               "set minimum_protocol_version = \"TLSv1.2_2021\"");
    }
  }
  for (const auto& origin : nested(d, "origin")) {
    auto protocols =
        literal_strings(first_nested(origin, "custom_origin_config").field("origin_ssl_protocols"));
    if (!protocols) continue;
    std::string old;
    for (const auto& p : *protocols)
      if (p == "SSLv3" || p == "TLSv1" || p == "TLSv1.1") old += (old.empty() ? "" : ", ") + p;
    if (!old.empty())
      l.report("sec.cloudfront-tls-policy", d,
               "origin " + describe(origin.field("origin_id")) + " allows " + old +
                   " towards the origin",
               "set origin_ssl_protocols = [\"TLSv1.2\"]");
  }
}

void check_forwarded_values(const Linter& l, Block d) {
  std::vector<std::string> legacy;
  for (const auto& b : nested(d, "default_cache_behavior"))
    if (!is_unset(b.field("forwarded_values"))) legacy.push_back("default_cache_behavior");
  for (const auto& b : nested(d, "ordered_cache_behavior")) {
    if (is_unset(b.field("forwarded_values"))) continue;
    auto path = literal_string(b.field("path_pattern"));
    std::string which = "ordered_cache_behavior";
    if (path) which.append(1, ' ').append(quoted(*path));
    legacy.push_back(which);
  }
  if (legacy.empty()) return;
  std::string list;
  for (const auto& x : legacy) list += (list.empty() ? "" : ", ") + x;
  l.report("ops.cloudfront-legacy-forwarded-values", d,
           list + " use" + (legacy.size() == 1 ? "s" : "") + " the legacy forwarded_values",
           "use cache_policy_id and origin_request_policy_id: managed policies such as CachingOptimized, "
           "CachingDisabled and AllViewerExceptHostHeader by their fixed ids (patterns::spa_with_api does)");
}

}  // namespace

void check_cloudfront(const Linter& l) {
  for (Block d : l.resources("aws_cloudfront_distribution")) {
    check_certificate(l, d);
    check_origin_ids(l, d);
    check_root_object(l, d);
    check_error_responses(l, d);
    check_tls(l, d);
    check_forwarded_values(l, d);
  }
}

}  // namespace stackgen::lint
