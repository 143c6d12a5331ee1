#include "keencho/shared.hpp"

#include <algorithm>

#include <stackgen/patterns/log_file_system.hpp>
#include <stackgen/aws/route53_record.hpp>
#include <stackgen/awsdoc/policy_document.hpp>

namespace keencho {

aws::SecurityGroup::Ingress tcp_from_world(int port, const char* description) {
  aws::SecurityGroup::Ingress rule;
  if (description) rule.description(description);
  return rule.protocol("tcp").from_port(port).to_port(port).cidr_blocks({"0.0.0.0/0"}).ipv6_cidr_blocks({"::/0"});
}

aws::Lb application_load_balancer(stackgen::Stack& s, const aws::SecurityGroup& sg, const Network& net,
                                  bool deletion_protection) {
  return s.add<aws::Lb>("app-alb")
      .name("app-alb")
      .internal(false)
      .load_balancer_type("application")
      .security_groups({sg.id()})
      .subnets(stackgen::splat(net.public_subnets, &aws::Subnet::id))
      .enable_deletion_protection(deletion_protection);
}

aws::LbListener http_to_https_listener(stackgen::Stack& s, const aws::Lb& alb) {
  return s.add<aws::LbListener>("app-alb-listener-http")
      .load_balancer_arn(alb.arn())
      .port(80)
      .protocol("HTTP")
      .default_action([](auto& a) {
        a.type("redirect").redirect([](auto& r) { r.port("443").protocol("HTTPS").status_code("HTTP_301"); });
      });
}

aws::LbListenerRule::Condition host_header(std::vector<Expr<std::string>> hosts) {
  return aws::LbListenerRule::Condition{}.host_header([&](auto& h) { h.values(std::move(hosts)); });
}

stackgen::patterns::CodeDeployBlueGreenSettings reference_deployment(const Inputs& in, const aws::EcsCluster& cluster,
                                                                     const stackgen::patterns::FargateService& app,
                                                                     const aws::LbListener& production) {
  return {.cluster = cluster,
          .service = app.service,
          .container_name = in.nginx_container_name,
          .container_port = 80,
          .blue = app.target_group,
          .green = *app.green_target_group,
          .production_listener = production,
          .application_name = "app-deploy",
          .deployment_group_name = "app-deploy-group",
          .role_name = "app-deploy-role",
          .policy_attachment_prefix = "app"};
}

aws::EfsFileSystem log_file_system(stackgen::Stack& s, const Inputs& in, const Network& net,
                                   const aws::SecurityGroup& efs_sg, std::source_location where) {
  return stackgen::patterns::log_file_system(s, "app-efs",
                                             {.subnets = net.private_subnets,
                                              .count = stackgen::length(in.private_subnet_cidrs),
                                              .security_groups = {efs_sg.id()}},
                                             {}, where)
      .file_system;
}

aws::CloudfrontOriginAccessControl origin_access_control(stackgen::Stack& s, const std::string& name) {
  std::string description = name;  // "admin-front" -> "admin front", as the reference writes it
  std::replace(description.begin(), description.end(), '-', ' ');
  return s.add<aws::CloudfrontOriginAccessControl>(name)
      .name(name)
      .description(description)
      .origin_access_control_origin_type("s3")
      .signing_behavior("always")
      .signing_protocol("sigv4");
}

Distribution::Origin s3_origin(const aws::S3Bucket& bucket, const aws::CloudfrontOriginAccessControl& oac,
                               const std::string& origin_path) {
  Distribution::Origin origin;
  origin.domain_name(bucket.bucket_regional_domain_name()).origin_id(bucket.id()).origin_access_control_id(oac.id());
  if (!origin_path.empty()) origin.origin_path(origin_path);
  return origin;
}

Distribution::Origin alb_origin(const aws::Lb& alb) {
  return Distribution::Origin{}
      .domain_name(alb.dns_name())
      .origin_id(alb.id())
      .custom_origin_config([](auto& c) {
        c.http_port(80).https_port(443).origin_protocol_policy("https-only").origin_ssl_protocols({"TLSv1.2"});
        c.origin_keepalive_timeout(5).origin_read_timeout(30);
      });
}

Distribution::Restrictions korea_only() {
  return Distribution::Restrictions{}.geo_restriction(
      [](auto& geo) { geo.restriction_type("whitelist").locations({"KR"}); });
}

Distribution::ViewerCertificate viewer_certificate(const Dns& dns) {
  return Distribution::ViewerCertificate{}
      .acm_certificate_arn(dns.virginia_certificate.arn())
      .ssl_support_method("sni-only")
      .minimum_protocol_version("TLSv1.2_2021");
}

Distribution::CustomErrorResponse spa_fallback() {
  return Distribution::CustomErrorResponse{}
      .error_code(403)
      .response_code(200)
      .response_page_path("/index.html")
      .error_caching_min_ttl(10);
}

void distribution_alias(stackgen::Stack& s, const char* name, const Expr<std::string>& host, const Dns& dns,
                        const Distribution& d) {
  s.add<aws::Route53Record>(name)
      .zone_id(dns.zone.zone_id())
      .name(host)
      .type("A")
      .alias([&](auto& a) { a.name(d.domain_name()).zone_id(d.hosted_zone_id()).evaluate_target_health(false); });
}

Expr<std::string> cloudfront_read_policy(const aws::S3Bucket& bucket, std::vector<Expr<std::string>> distribution_arns) {
  using stackgen::awsdoc::PolicyDocument;
  using stackgen::awsdoc::Statement;
  return PolicyDocument{}
      .statement(Statement{}
                     .sid("AllowCloudFrontServicePrincipal")
                     .allow()
                     .service_principals({"cloudfront.amazonaws.com"})
                     .actions({"s3:GetObject"})
                     .resources({bucket.arn() + "/*"})
                     .condition("StringEquals", "AWS:SourceArn", std::move(distribution_arns)))
      .json();
}

}  // namespace keencho
