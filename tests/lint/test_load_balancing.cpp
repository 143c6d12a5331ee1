// Load balancing: rule priorities, certificates, protocols and ports, TLS
// policies, HTTP listeners that do not redirect.
#include <stackgen/aws/lb.hpp>
#include <stackgen/aws/lb_listener.hpp>
#include <stackgen/aws/lb_listener_rule.hpp>
#include <stackgen/aws/lb_target_group.hpp>

#include "lint_support.hpp"

namespace aws = stackgen::aws;
using lint_test::expect_finding;
using lint_test::expect_no_finding;
using lint_test::findings;
using stackgen::Severity;
using stackgen::Stack;

namespace {

using Action = aws::LbListener::DefaultAction;

struct Alb {
  aws::Lb lb;
  aws::LbTargetGroup tg;
  aws::LbListener https;
};

Alb alb(Stack& s) {
  auto lb = s.add<aws::Lb>("alb").name("alb").load_balancer_type("application");
  auto tg = s.add<aws::LbTargetGroup>("tg").port(80).protocol("HTTP").vpc_id("vpc-1");
  auto https = s.add<aws::LbListener>("https")
                   .load_balancer_arn(lb.arn())
                   .port(443)
                   .protocol("HTTPS")
                   .certificate_arn("arn:aws:acm:ap-northeast-2:123456789012:certificate/x")
                   .ssl_policy("ELBSecurityPolicy-TLS13-1-2-2021-06")
                   .default_action(Action{}.type("forward").target_group_arn(tg.arn()));
  return {lb, tg, https};
}

aws::LbListenerRule rule(Stack& s, const char* name, const aws::LbListener& listener, int priority,
                         std::source_location where = std::source_location::current()) {
  return s.add<aws::LbListenerRule>(name, where)
      .listener_arn(listener.arn())
      .priority(priority)
      .action(aws::LbListenerRule::Action{}.type("fixed-response"));
}

}  // namespace

TEST_CASE("aws.listener-rule-priority", "[lint][load-balancing]") {
  SECTION("duplicate on one listener") {
    Stack s("t");
    auto a = alb(s);
    rule(s, "one", a.https, 1);
    const unsigned line = __LINE__ + 1;
    rule(s, "two", a.https, 1);
    auto d = expect_finding(s, "aws.listener-rule-priority", Severity::error, line);
    CHECK(d.message.find("aws_lb_listener_rule.one") != std::string::npos);
  }
  SECTION("out of range") {
    Stack s("t");
    auto a = alb(s);
    const unsigned line = __LINE__ + 1;
    rule(s, "big", a.https, 50001);
    expect_finding(s, "aws.listener-rule-priority", Severity::error, line);
  }
  SECTION("unique per listener") {
    Stack s("t");
    auto a = alb(s);
    auto other =
        s.add<aws::LbListener>("other").load_balancer_arn(a.lb.arn()).port(8443).protocol("HTTPS");
    rule(s, "one", a.https, 1);
    rule(s, "two", a.https, 2);
    rule(s, "same-priority-other-listener", other, 1);
    rule(s, "last", a.https, 50000);
    expect_no_finding(s, "aws.listener-rule-priority");
  }
}

TEST_CASE("aws.listener-certificate", "[lint][load-balancing]") {
  Stack s("t");
  auto a = alb(s);
  const unsigned line = __LINE__ + 1;
  s.add<aws::LbListener>("bare")
      .load_balancer_arn(a.lb.arn())
      .port(8443)
      .protocol("HTTPS")
      .default_action(Action{}.type("forward").target_group_arn(a.tg.arn()));
  expect_finding(s, "aws.listener-certificate", Severity::error, line);

  Stack ok("t");
  alb(ok);
  expect_no_finding(ok, "aws.listener-certificate");
}

TEST_CASE("aws.lb-protocol-port", "[lint][load-balancing]") {
  SECTION("TCP listener on an application load balancer") {
    Stack s("t");
    auto a = alb(s);
    const unsigned line = __LINE__ + 1;
    s.add<aws::LbListener>("tcp").load_balancer_arn(a.lb.arn()).port(22).protocol("TCP");
    expect_finding(s, "aws.lb-protocol-port", Severity::error, line);
  }
  SECTION("target group protocol and port") {
    Stack s("t");
    const unsigned line = __LINE__ + 1;
    s.add<aws::LbTargetGroup>("tg").port(70000).protocol("HTTP").vpc_id("vpc-1");
    expect_finding(s, "aws.lb-protocol-port", Severity::error, line);

    Stack missing("t");
    const unsigned missing_line = __LINE__ + 1;
    missing.add<aws::LbTargetGroup>("tg").protocol("HTTP").vpc_id("vpc-1");
    auto d = expect_finding(missing, "aws.lb-protocol-port", Severity::error, missing_line);
    CHECK(d.message.find("port is required") != std::string::npos);

    Stack lambda("t");
    const unsigned lambda_line = __LINE__ + 1;
    lambda.add<aws::LbTargetGroup>("tg").target_type("lambda").port(80).protocol("HTTP");
    expect_finding(lambda, "aws.lb-protocol-port", Severity::error, lambda_line);
  }
  SECTION("a protocol outside the provider's set: the values file's finding, not a list of lint's") {
    Stack s("t");
    auto a = alb(s);
    const unsigned line = __LINE__ + 1;
    s.add<aws::LbListener>("ftp").load_balancer_arn(a.lb.arn()).port(21).protocol(std::string("FTP"));
    auto found = lint_test::with_rule(lint_test::run(s), "schema.disallowed-value");
    REQUIRE(found.size() == 1);
    const auto& d = found[0];
    CHECK(d.where.line == line);
    CHECK(d.hint == "use one of \"GENEVE\", \"HTTP\", \"HTTPS\", \"TCP\", \"TCP_UDP\", \"TLS\", \"UDP\" (any letter case)");
  }
  SECTION("valid") {
    Stack s("t");
    alb(s);
    s.add<aws::LbTargetGroup>("lambda").target_type("lambda");
    auto nlb = s.add<aws::Lb>("nlb").load_balancer_type("network");
    s.add<aws::LbListener>("tcp").load_balancer_arn(nlb.arn()).port(5432).protocol("TCP");
    expect_no_finding(s, "aws.lb-protocol-port");
  }
}

TEST_CASE("sec.alb-tls-policy", "[lint][load-balancing]") {
  Stack s("t");
  auto a = alb(s);
  const unsigned line = __LINE__ + 1;
  s.add<aws::LbListener>("old")
      .load_balancer_arn(a.lb.arn())
      .port(8443)
      .protocol("HTTPS")
      .certificate_arn("arn:aws:acm:ap-northeast-2:123456789012:certificate/x")
      .default_action(Action{}.type("forward").target_group_arn(a.tg.arn()));
  auto d = expect_finding(s, "sec.alb-tls-policy", Severity::warning, line);
  CHECK(d.message.find("ELBSecurityPolicy-2016-08") != std::string::npos);

  Stack named("t");
  auto b = alb(named);
  const unsigned named_line = __LINE__ + 1;
  named.add<aws::LbListener>("old")
      .load_balancer_arn(b.lb.arn())
      .port(8443)
      .protocol("HTTPS")
      .certificate_arn("arn:aws:acm:ap-northeast-2:123456789012:certificate/x")
      .ssl_policy("ELBSecurityPolicy-TLS-1-1-2017-01");
  expect_finding(named, "sec.alb-tls-policy", Severity::warning, named_line);

  Stack ok("t");
  auto c = alb(ok);
  ok.add<aws::LbListener>("fs")
      .load_balancer_arn(c.lb.arn())
      .port(8443)
      .protocol("HTTPS")
      .certificate_arn("arn:aws:acm:ap-northeast-2:123456789012:certificate/x")
      .ssl_policy("ELBSecurityPolicy-FS-1-2-Res-2020-10");
  expect_no_finding(ok, "sec.alb-tls-policy");
}

TEST_CASE("sec.http-listener-no-redirect", "[lint][load-balancing]") {
  Stack s("t");
  auto a = alb(s);
  const unsigned line = __LINE__ + 1;
  s.add<aws::LbListener>("http")
      .load_balancer_arn(a.lb.arn())
      .port(80)
      .protocol("HTTP")
      .default_action(Action{}.type("forward").target_group_arn(a.tg.arn()));
  expect_finding(s, "sec.http-listener-no-redirect", Severity::warning, line);

  Stack via_rule("t");
  auto b = alb(via_rule);
  const unsigned rule_line = __LINE__ + 1;
  auto http = via_rule.add<aws::LbListener>("http")
                  .load_balancer_arn(b.lb.arn())
                  .port(80)
                  .protocol("HTTP")
                  .default_action(
                      Action{}
                          .type("redirect")
                          .redirect(Action::Redirect{}.port("443").protocol("HTTPS").status_code(
                              "HTTP_301")));
  via_rule.add<aws::LbListenerRule>("api")
      .listener_arn(http.arn())
      .priority(1)
      .action(aws::LbListenerRule::Action{}.type("forward").target_group_arn(b.tg.arn()));
  auto d = expect_finding(via_rule, "sec.http-listener-no-redirect", Severity::warning, rule_line);
  CHECK(d.message.find("aws_lb_listener_rule.api") != std::string::npos);

  Stack ok("t");
  auto c = alb(ok);
  ok.add<aws::LbListener>("http")
      .load_balancer_arn(c.lb.arn())
      .port(80)
      .protocol("HTTP")
      .default_action(
          Action{}
              .type("redirect")
              .redirect(Action::Redirect{}.port("443").protocol("HTTPS").status_code("HTTP_301")));
  auto internal = ok.add<aws::Lb>("internal").internal(true);
  ok.add<aws::LbListener>("plain")
      .load_balancer_arn(internal.arn())
      .port(80)
      .protocol("HTTP")
      .default_action(Action{}.type("forward").target_group_arn(c.tg.arn()));
  expect_no_finding(ok, "sec.http-listener-no-redirect");
}
