// What the pattern tests share: a stack checked with the AWS lint, emitted
// as parsed JSON (failing on any error), the rules it reports, the
// stackgen::Error a call throws, and the fixtures services stand behind.
#pragma once

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>

#include <stackgen/aws/ecs_cluster.hpp>
#include <stackgen/aws/lb.hpp>
#include <stackgen/aws/lb_listener.hpp>
#include <stackgen/aws/security_group.hpp>
#include <stackgen/core/emit.hpp>
#include <stackgen/core/error.hpp>
#include <stackgen/lint/aws.hpp>
#include <stackgen/patterns/fargate_service.hpp>
#include <stackgen/stackgen.hpp>

namespace pattern_test {

using nlohmann::json;

/// The core checks and the AWS lint over `s`.
inline stackgen::Diagnostics checked(stackgen::Stack& s) {
  static const stackgen::RuleSet rules[] = {stackgen::aws::lint_rules()};
  return stackgen::validate(s, rules);
}

/// The stack's one file, parsed; every error diagnostic fails the test.
inline json emit(stackgen::Stack& s) {
  s.finish();
  auto ds = checked(s);
  for (const auto& d : ds.items()) {
    INFO(d.where.file << ":" << d.where.line << ": " << d.rule << ": " << d.message);
    CHECK(d.severity != stackgen::Severity::error);
  }
  auto files = stackgen::render(s);
  REQUIRE(files.size() == 1);
  return json::parse(files[0].content);
}

/// The ids of the rules the checks report.
inline std::set<std::string> rules_of(stackgen::Stack& s) {
  std::set<std::string> out;
  const stackgen::Diagnostics ds = checked(s);  // kept: items() views into it
  for (const auto& d : ds.items()) out.insert(d.rule);
  return out;
}

/// The stackgen::Error that `call` throws; a test failure when it throws none.
template <class F>
stackgen::Error thrown_by(F&& call) {
  try {
    call();
  } catch (const stackgen::Error& e) {
    return e;
  }
  FAIL("no stackgen::Error thrown");
  throw std::logic_error("unreachable: FAIL throws");
}

/// An HTTPS listener `name` on `port` (TLS 1.2+, a certificate, a 404
/// when no rule matches).
inline stackgen::aws::LbListener https_listener(stackgen::Stack& s, const char* name, int port,
                                                const stackgen::Expr<std::string>& load_balancer_arn) {
  return s.add<stackgen::aws::LbListener>(name)
      .load_balancer_arn(load_balancer_arn)
      .port(port)
      .protocol("HTTPS")
      .certificate_arn("arn:aws:acm:eu-west-1:123456789012:certificate/x")
      .ssl_policy("ELBSecurityPolicy-TLS13-1-2-2021-06")
      .default_action([](auto& a) {
        a.type("fixed-response").fixed_response([](auto& r) { r.content_type("text/plain").status_code("404"); });
      });
}

/// A rolling Fargate service "web" on 8080 behind /api/* of an ALB's HTTPS
/// listener `aws_lb_listener.https`, its logs in /ecs/web: what a test of
/// patterns::fargate_service (or of a deployment built on it) varies.
inline stackgen::patterns::FargateServiceSettings fargate_settings(stackgen::Stack& s) {
  namespace aws = stackgen::aws;
  auto cluster = s.add<aws::EcsCluster>("cluster").name("shop");
  auto alb_sg = s.add<aws::SecurityGroup>("alb").name("shop-alb").description("ALB").vpc_id("vpc-1");
  auto service_sg = s.add<aws::SecurityGroup>("web").name("shop-web").description("web tasks").vpc_id("vpc-1");
  auto alb = s.add<aws::Lb>("alb").name("shop").load_balancer_type("application").subnets({"subnet-1", "subnet-2"});
  return {.cluster = cluster,
          .service_name = "web",
          .family = "web",
          .containers = {stackgen::awsdoc::ContainerDefinition("web").image("web:1.0").port(8080)},
          .container_name = "web",
          .container_port = 8080,
          .execution_role_name = "web-execution",
          .vpc_id = "vpc-1",
          .subnet_ids = {"subnet-a", "subnet-b"},
          .security_group = service_sg,
          .load_balancer_security_group_id = alb_sg.id(),
          .routing = {.listener = https_listener(s, "https", 443, alb.arn()), .priority = 10, .paths = {"/api/*"}},
          .target_group_name = "web",
          .health_check_path = "/health",
          .logs = stackgen::patterns::ContainerLogs{.group_name = "/ecs/web", .region = "eu-west-1"}};
}

}  // namespace pattern_test
