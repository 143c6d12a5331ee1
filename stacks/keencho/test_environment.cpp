// Test environment (part 4): the ALB with HTTP->HTTPS redirect and host-based
// rules, and one EC2 instance behind it that runs the whole application for
// the *-test hosts.
#include <stackgen/aws/eip.hpp>
#include <stackgen/aws/instance.hpp>
#include <stackgen/aws/key_pair.hpp>
#include <stackgen/aws/lb_listener_rule.hpp>
#include <stackgen/aws/lb_target_group_attachment.hpp>
#include <stackgen/aws/route53_record.hpp>
#include <stackgen/tls/private_key.hpp>

#include "keencho/shared.hpp"

namespace keencho {

namespace {

aws::KeyPair key_pair(stackgen::Stack& s) {
  auto key = s.add<aws::KeyPair>("app-test-key-pair").key_name("app-test-key-pair");
  std::string given = s.context("ssh_public_key");
  if (!given.empty()) return key.public_key(given);
  auto pk = s.add<stackgen::tls::PrivateKey>("pk").algorithm("RSA").rsa_bits(4096);
  s.output("private_key", pk.private_key_pem()).sensitive();
  return key.public_key(pk.public_key_openssh());
}

void alias_record(stackgen::Stack& s, const char* name, const Expr<std::string>& host, const Dns& dns,
                  const aws::Lb& alb) {
  s.add<aws::Route53Record>(name)
      .zone_id(dns.zone.zone_id())
      .name(host)
      .type("A")
      .alias([&](auto& a) { a.name(alb.dns_name()).zone_id(alb.zone_id()).evaluate_target_health(true); });
}

}  // namespace

LoadBalancer build_test_environment(stackgen::Stack& s, const Inputs& in, const Network& net, const Dns& dns) {
  auto alb_sg = security_group(s, "app-alb-sg", "security group for application load balancer", net)
                    .ingress({tcp_from_world(80, "http"), tcp_from_world(443, "https")});
  // The series' final state turned deletion protection off, to allow teardown.
  auto alb = application_load_balancer(s, alb_sg, net, /*deletion_protection=*/false);

  auto test_sg = security_group(s, "app-test-sg", "security group for app test instance", net)
                     .ingress({tcp_from_anywhere(22, 22, "ssh"), tcp_from_anywhere(5432, 5432, "postgresSQL"),
                               aws::SecurityGroup::Ingress{}
                                   .description("http")
                                   .protocol("tcp")
                                   .from_port(80)
                                   .to_port(80)
                                   .security_groups({alb_sg.id()})});

  auto ec2 = s.add<aws::Instance>("app-test-ec2")
                 .ami("ami-0b8414ae0d8d8b4cc")
                 .instance_type("t2.micro")
                 .availability_zone(in.aws_region + in.availability_zones[0])
                 .subnet_id(net.public_subnets[0].id())
                 .key_name(key_pair(s).key_name())
                 .vpc_security_group_ids({test_sg.id()})
                 .tags({{"Name", "app-test-ec2"}});
  s.add<aws::Eip>("app-test-ec2-eip").instance(ec2.id()).domain("vpc").tags({{"Name", "app-test-eip"}});

  auto test_tg = s.add<aws::LbTargetGroup>("app-test")
                     .name("app-test")
                     .port(80)
                     .protocol("HTTP")
                     .target_type("instance")
                     .vpc_id(net.vpc.id())
                     .health_check([&](auto& h) { h.path(in.test_health_check_path).port("traffic-port"); });

  http_to_https_listener(s, alb);
  auto https = s.add<aws::LbListener>("app-alb-listener-https")
                   .load_balancer_arn(alb.arn())
                   .port(443)
                   .protocol("HTTPS")
                   .certificate_arn(dns.regional_certificate.arn())
                   .default_action([&](auto& a) { a.type("forward").target_group_arn(test_tg.arn()); });

  s.add<aws::LbTargetGroupAttachment>("app-test-attachment")
      .target_group_arn(test_tg.arn())
      .target_id(ec2.id())
      .port(80);

  s.add<aws::LbListenerRule>("app-alb-test-rule")
      .listener_arn(https.arn())
      .priority(1)
      .action([&](auto& a) { a.type("forward").target_group_arn(test_tg.arn()); })
      .condition(host_header({"app-admin-test." + in.domain, "app-user-test." + in.domain}));

  alias_record(s, "app-admin-test", "app-admin-test." + in.domain, dns, alb);
  alias_record(s, "app-user-test", "app-user-test." + in.domain, dns, alb);

  return LoadBalancer{alb_sg, alb, https};
}

}  // namespace keencho
