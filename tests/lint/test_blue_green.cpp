// Blue/green through CodeDeploy: a complete, well-formed setup, then each
// rule broken one piece at a time.
#include <stackgen/aws/codedeploy_deployment_group.hpp>
#include <stackgen/aws/ecs_service.hpp>
#include <stackgen/aws/lb.hpp>
#include <stackgen/aws/lb_listener.hpp>
#include <stackgen/aws/lb_listener_rule.hpp>
#include <stackgen/aws/lb_target_group.hpp>

#include "lint_support.hpp"

namespace aws = stackgen::aws;
using lint_test::expect_finding;
using lint_test::expect_no_finding;
using stackgen::Lifecycle;
using stackgen::Severity;
using stackgen::Stack;

namespace {

using Group = aws::CodedeployDeploymentGroup;
using Pair = Group::LoadBalancerInfo::TargetGroupPairInfo;

struct Options {
  bool ignore_changes = true;
  bool test_listener = true;
  bool notifications = true;
  bool second_group = true;
  bool prod_forwards = true;
  bool pair_has_service_group = true;
  bool deployment_group = true;
};

struct BlueGreen {
  aws::EcsService service;
  unsigned service_line;
  unsigned group_line;
};

aws::LbTargetGroup group(Stack& s, const char* name) {
  return s.add<aws::LbTargetGroup>(name).port(80).protocol("HTTP").target_type("ip").vpc_id(
      "vpc-1");
}

BlueGreen blue_green(Stack& s, const Options& o = {}) {
  auto lb = s.add<aws::Lb>("alb").name("alb");
  auto blue = group(s, "blue");
  auto green = group(s, "green");
  auto other = group(s, "other");
  using Action = aws::LbListener::DefaultAction;
  auto prod = s.add<aws::LbListener>("prod")
                  .load_balancer_arn(lb.arn())
                  .port(443)
                  .protocol("HTTPS")
                  .certificate_arn("arn:aws:acm:ap-northeast-2:123456789012:certificate/x")
                  .ssl_policy("ELBSecurityPolicy-TLS13-1-2-2021-06")
                  .default_action(Action{}.type("fixed-response"));
  s.add<aws::LbListenerRule>("app")
      .listener_arn(prod.arn())
      .priority(1)
      .action(aws::LbListenerRule::Action{}.type("forward").target_group_arn(
          o.prod_forwards ? blue.arn() : other.arn()));
  auto test = s.add<aws::LbListener>("test")
                  .load_balancer_arn(lb.arn())
                  .port(8443)
                  .protocol("HTTPS")
                  .certificate_arn("arn:aws:acm:ap-northeast-2:123456789012:certificate/x")
                  .ssl_policy("ELBSecurityPolicy-TLS13-1-2-2021-06")
                  .default_action(Action{}.type("forward").target_group_arn(green.arn()));

  Lifecycle lifecycle;
  lifecycle.ignore_changes({"desired_count"});
  if (o.ignore_changes) lifecycle.ignore_changes({"task_definition", "load_balancer"});
  const unsigned service_line = __LINE__ + 1;
  auto service = s.add<aws::EcsService>("svc");
  service.name("svc")
      .task_definition("arn:aws:ecs:ap-northeast-2:123456789012:task-definition/app:1")
      .launch_type("FARGATE")
      .deployment_controller(aws::EcsService::DeploymentController{}.type("CODE_DEPLOY"))
      .load_balancer(aws::EcsService::LoadBalancer{}
                         .target_group_arn(blue.arn())
                         .container_name("nginx")
                         .container_port(80))
      .lifecycle(lifecycle);
  if (!o.deployment_group) return {service, service_line, 0};

  Pair pair;
  pair.prod_traffic_route(Pair::ProdTrafficRoute{}.listener_arns({prod.arn()}))
      .target_group(
          Pair::TargetGroup{}.name(o.pair_has_service_group ? blue.name() : other.name()));
  if (o.second_group) pair.target_group(Pair::TargetGroup{}.name(green.name()));
  if (o.test_listener)
    pair.test_traffic_route(Pair::TestTrafficRoute{}.listener_arns({test.arn()}));
  const unsigned group_line = __LINE__ + 1;
  auto g = s.add<Group>("deploy");
  g.app_name("app")
      .deployment_group_name("app")
      .service_role_arn("arn:aws:iam::123456789012:role/deploy")
      .deployment_style(Group::DeploymentStyle{}
                            .deployment_option("WITH_TRAFFIC_CONTROL")
                            .deployment_type("BLUE_GREEN"))
      .ecs_service(Group::EcsService{}.cluster_name("cluster").service_name(service.name()))
      .load_balancer_info(Group::LoadBalancerInfo{}.target_group_pair_info(pair));
  if (o.notifications)
    g.trigger_configuration(
        Group::TriggerConfiguration{}
            .trigger_events({"DeploymentFailure", "DeploymentRollback"})
            .trigger_name("deployments")
            .trigger_target_arn("arn:aws:sns:ap-northeast-2:123456789012:deployments"));
  return {service, service_line, group_line};
}

}  // namespace

TEST_CASE("blue/green: a complete setup has no findings", "[lint][blue-green]") {
  Stack s("t");
  blue_green(s);
  for (const char* rule : {"aws.codedeploy-blue-green", "ops.codedeploy-ecs-ignore-changes",
                           "ops.codedeploy-no-test-listener", "ops.codedeploy-no-notifications"})
    expect_no_finding(s, rule);
}

TEST_CASE("aws.codedeploy-blue-green", "[lint][blue-green]") {
  SECTION("no deployment group") {
    Stack s("t");
    auto bg = blue_green(s, {.deployment_group = false});
    expect_finding(s, "aws.codedeploy-blue-green", Severity::error, bg.service_line);
  }
  SECTION("one target group") {
    Stack s("t");
    auto bg = blue_green(s, {.second_group = false});
    auto d = expect_finding(s, "aws.codedeploy-blue-green", Severity::error, bg.group_line);
    CHECK(d.message.find("exactly two") != std::string::npos);
  }
  SECTION("the pair does not include the service's target group") {
    Stack s("t");
    auto bg = blue_green(s, {.pair_has_service_group = false});
    auto d = expect_finding(s, "aws.codedeploy-blue-green", Severity::error, bg.group_line);
    CHECK(d.message.find("aws_lb_target_group.blue") != std::string::npos);
  }
  SECTION("the production listener does not forward to it") {
    Stack s("t");
    auto bg = blue_green(s, {.prod_forwards = false});
    auto d = expect_finding(s, "aws.codedeploy-blue-green", Severity::error, bg.group_line);
    CHECK(d.message.find("aws_lb_listener.prod") != std::string::npos);
  }
}

TEST_CASE("ops.codedeploy-ecs-ignore-changes", "[lint][blue-green]") {
  Stack s("t");
  auto bg = blue_green(s, {.ignore_changes = false});
  auto d =
      expect_finding(s, "ops.codedeploy-ecs-ignore-changes", Severity::warning, bg.service_line);
  CHECK(d.message.find("task_definition and load_balancer") != std::string::npos);

  Stack rolling("t");
  rolling.add<aws::EcsService>("svc").name("svc");  // ECS deployments: nothing to ignore
  expect_no_finding(rolling, "ops.codedeploy-ecs-ignore-changes");
}

TEST_CASE("ops.codedeploy-no-test-listener", "[lint][blue-green]") {
  Stack s("t");
  auto bg = blue_green(s, {.test_listener = false});
  expect_finding(s, "ops.codedeploy-no-test-listener", Severity::warning, bg.group_line);
}

TEST_CASE("ops.codedeploy-no-notifications", "[lint][blue-green]") {
  Stack s("t");
  auto bg = blue_green(s, {.notifications = false});
  expect_finding(s, "ops.codedeploy-no-notifications", Severity::warning, bg.group_line);
}
