// The ALB and the test instance, hardened: TLS 1.2+ only, invalid headers
// dropped, a test listener for blue/green, and no SSH — the test instance is
// reached through SSM Session Manager (fix 1: no bastion needed, no port 22).
#include <stackgen/aws/data/iam_policy_document.hpp>
#include <stackgen/aws/iam_instance_profile.hpp>
#include <stackgen/aws/iam_role.hpp>
#include <stackgen/aws/iam_role_policy_attachment.hpp>
#include <stackgen/aws/instance.hpp>
#include <stackgen/aws/lb_listener_rule.hpp>
#include <stackgen/aws/lb_target_group_attachment.hpp>
#include <stackgen/aws/route53_record.hpp>
#include <stackgen/awsdoc/policy_document.hpp>

#include "keencho/shared.hpp"
#include "keencho_hardened/hardened.hpp"

namespace keencho::hardened {

namespace {

constexpr const char* kTlsPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/// The spec's test instance: one EC2 instance behind the ALB serving the
/// *-test hosts, reachable only from the ALB, managed through SSM.
void test_instance(stackgen::Stack& s, const Inputs& in, const Network& net, const Dns& dns,
                   const aws::SecurityGroup& alb_sg, const aws::Lb& alb, const aws::LbListener& https) {
  auto test_sg = s.add<aws::SecurityGroup>("app-test-sg")
                     .name(in.app_name + "-test")
                     .description("Test instance: HTTP from the ALB only")
                     .vpc_id(net.vpc.id())
                     .ingress({aws::SecurityGroup::Ingress{}
                                   .description("HTTP from the ALB")
                                   .protocol("tcp")
                                   .from_port(80)
                                   .to_port(80)
                                   .security_groups({alb_sg.id()})})
                     .egress({all_egress()});
  auto ssm_role = s.add<aws::IamRole>("app-test-ssm")
                      .name(in.app_name + "-test-ssm")
                      .assume_role_policy(stackgen::awsdoc::assume_role_policy("ec2.amazonaws.com").json());
  s.add<aws::IamRolePolicyAttachment>("app-test-ssm-core")
      .role(ssm_role.name())
      .policy_arn("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore");
  auto profile = s.add<aws::IamInstanceProfile>("app-test-ssm").name(in.app_name + "-test-ssm").role(ssm_role.name());
  auto ec2 = s.add<aws::Instance>("app-test-ec2")
                 .ami("ami-0b8414ae0d8d8b4cc")
                 .instance_type("t3.micro")
                 .subnet_id(net.private_subnets[0].id())
                 .iam_instance_profile(profile.name())
                 .vpc_security_group_ids({test_sg.id()})
                 .metadata_options([](auto& m) { m.http_tokens("required"); })
                 .root_block_device([](auto& d) { d.encrypted(true); });

  auto test_tg = s.add<aws::LbTargetGroup>("app-test")
                     .name(in.app_name + "-test")
                     .port(80)
                     .protocol("HTTP")
                     .target_type("instance")
                     .vpc_id(net.vpc.id())
                     .health_check([&](auto& h) { h.path(in.test_health_check_path).port("traffic-port"); });
  s.add<aws::LbTargetGroupAttachment>("app-test-attachment").target_group_arn(test_tg.arn()).target_id(ec2.id()).port(80);

  s.add<aws::LbListenerRule>("app-alb-test-rule")
      .listener_arn(https.arn())
      .priority(1)
      .action([&](auto& a) { a.type("forward").target_group_arn(test_tg.arn()); })
      .condition(host_header({"app-admin-test." + in.domain, "app-user-test." + in.domain}));

  for (const char* host : {"app-admin-test", "app-user-test"}) {
    s.add<aws::Route53Record>(host)
        .zone_id(dns.zone.zone_id())
        .name(std::string(host) + "." + in.domain)
        .type("A")
        .alias([&](auto& a) { a.name(alb.dns_name()).zone_id(alb.zone_id()).evaluate_target_health(true); });
  }
}

}  // namespace

Edge build_edge(stackgen::Stack& s, const Inputs& in, const Network& net, const Dns& dns, const Environment& env) {
  auto alb_sg = s.add<aws::SecurityGroup>("app-alb-sg")
                    .name(in.app_name + "-alb")
                    .description("Internet-facing ALB: HTTP (redirected) and HTTPS")
                    .vpc_id(net.vpc.id())
                    .ingress({tcp_from_world(443, "HTTPS"), tcp_from_world(8443, "HTTPS, blue/green test traffic"),
                              tcp_from_world(80, "HTTP, redirected to HTTPS")})
                    .egress({all_egress()});

  auto alb = application_load_balancer(s, alb_sg, net, /*deletion_protection=*/true, env.app_name + "-alb")
                 .drop_invalid_header_fields(true);

  http_to_https_listener(s, alb);
  // What both HTTPS listeners answer when no rule matches: one builder, used twice.
  const auto not_found = [](auto& a) {
    a.type("fixed-response").fixed_response([](auto& r) { r.content_type("text/plain").status_code("404"); });
  };
  auto https = s.add<aws::LbListener>("app-alb-listener-https")
                   .load_balancer_arn(alb.arn())
                   .port(443)
                   .protocol("HTTPS")
                   .ssl_policy(kTlsPolicy)
                   .certificate_arn(dns.regional_certificate.arn())
                   .default_action(not_found);
  // Fix 6: CodeDeploy sends test traffic to the replacement task set here
  // before it shifts production traffic.
  auto test_listener = s.add<aws::LbListener>("app-alb-listener-test")
                           .load_balancer_arn(alb.arn())
                           .port(8443)
                           .protocol("HTTPS")
                           .ssl_policy(kTlsPolicy)
                           .certificate_arn(dns.regional_certificate.arn())
                           .default_action(not_found);

  if (env.test_instance) test_instance(s, in, net, dns, alb_sg, alb, https);
  return Edge{alb_sg, alb, https, test_listener};
}

}  // namespace keencho::hardened
