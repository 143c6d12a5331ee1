// patterns::native_blue_green (AWS provider >= 6.4), with patterns::fargate_service
// in its native mode: what the service, the rules and the role become, and
// what the pattern refuses at the caller's line.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <stackgen/patterns/fargate_service.hpp>
#include <stackgen/patterns/native_blue_green.hpp>
#include <stackgen/stackgen.hpp>

#include "pattern_support.hpp"

using nlohmann::json;
using namespace stackgen;
using namespace pattern_test;

namespace {

/// fargate_settings() in native mode: two target groups, a test listener.
patterns::FargateService native_service(Stack& s) {
  auto settings = fargate_settings(s);
  settings.routing.hosts = {"shop.example.com"};
  settings.routing.test_listener = https_listener(s, "test", 8443, settings.routing.listener.load_balancer_arn());
  settings.target_group_name = "web-blue";
  settings.green_target_group_name = "web-green";
  settings.deployment = patterns::ServiceDeployment::native_blue_green;
  return patterns::fargate_service(s, "web", settings);
}

patterns::NativeBlueGreenSettings settings_for(const patterns::FargateService& web) {
  return {.service = web.service,
          .container_name = "web",
          .container_port = 8080,
          .blue = web.target_group,
          .green = *web.green_target_group,
          .production_rule = web.rule,
          .test_rule = web.test_rule,
          .role_name = "web-ecs-blue-green"};
}

}  // namespace

TEST_CASE("native_blue_green: ECS moves the traffic, the rules ignore the weights it moves") {
  Stack s("t");
  auto web = native_service(s);
  auto settings = settings_for(web);
  settings.rollback_alarms = {"web-5xx"};
  settings.notification_topic_arn = "arn:aws:sns:eu-west-1:123456789012:deployments";
  settings.hooks = {{.lambda_arn = "arn:aws:lambda:eu-west-1:123456789012:function:smoke", .stages = {"POST_TEST_TRAFFIC_SHIFT"}}};
  auto deploy = patterns::native_blue_green(s, "web-deploy", settings);
  REQUIRE(deploy.notifications.has_value());
  json doc = emit(s);
  const json& r = doc["resource"];
  const json& service = r["aws_ecs_service"]["web-ecs-service"];
  CHECK(service["deployment_controller"][0]["type"] == "ECS");
  CHECK(service["deployment_configuration"][0]["strategy"] == "BLUE_GREEN");
  CHECK(service["deployment_configuration"][0]["bake_time_in_minutes"] == "5");
  const json& hook = service["deployment_configuration"][0]["lifecycle_hook"][0];
  CHECK(hook["lifecycle_stages"] == json::array({"POST_TEST_TRAFFIC_SHIFT"}));
  CHECK(hook["role_arn"] == "${aws_iam_role.web-deploy-role.arn}");
  REQUIRE(service["load_balancer"].size() == 1);
  const json& lb = service["load_balancer"][0];
  CHECK(lb["target_group_arn"] == "${aws_lb_target_group.web-ecs-service-tg1.arn}");
  CHECK(lb["advanced_configuration"][0] ==
        json({{"alternate_target_group_arn", "${aws_lb_target_group.web-ecs-service-tg2.arn}"},
              {"production_listener_rule", "${aws_lb_listener_rule.web-alb-ecs-service-rule.arn}"},
              {"role_arn", "${aws_iam_role.web-deploy-role.arn}"},
              {"test_listener_rule", "${aws_lb_listener_rule.web-alb-ecs-service-test-rule.arn}"}}));
  CHECK_FALSE(service.contains("deployment_circuit_breaker"));
  // The task definition stays Terraform's: a new one is how a deployment starts.
  CHECK(service["lifecycle"]["ignore_changes"] == json::array({"desired_count"}));
  CHECK(service["wait_for_steady_state"] == true);
  CHECK(service["alarms"][0]["alarm_names"] == json::array({"web-5xx"}));
  for (const char* rule : {"web-alb-ecs-service-rule", "web-alb-ecs-service-test-rule"}) {
    INFO(rule);
    const json& action = r["aws_lb_listener_rule"][rule]["action"][0];
    CHECK(action["forward"][0]["target_group"] ==
          json::array({{{"arn", "${aws_lb_target_group.web-ecs-service-tg1.arn}"}, {"weight", 100}},
                       {{"arn", "${aws_lb_target_group.web-ecs-service-tg2.arn}"}, {"weight", 0}}}));
    CHECK(r["aws_lb_listener_rule"][rule]["lifecycle"]["ignore_changes"] == json::array({"action"}));
  }
  CHECK(r["aws_iam_role_policy_attachment"]["web-deploy-load-balancers"]["policy_arn"] ==
        "arn:aws:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers");
  CHECK(r["aws_iam_role_policy"]["web-deploy-invoke-hooks"]["policy"].get<std::string>().find("function:smoke") !=
        std::string::npos);
  CHECK(r["aws_cloudwatch_event_target"]["web-deploy-deployments"]["arn"] ==
        "arn:aws:sns:eu-west-1:123456789012:deployments");
  CHECK(doc["output"]["web-deploy-service"]["value"] == "${aws_ecs_service.web-ecs-service.name}");
  CHECK_FALSE(r.contains("aws_codedeploy_app"));
}

TEST_CASE("native_blue_green: canary and linear strategies as values") {
  Stack s("t");
  auto web = native_service(s);
  auto settings = settings_for(web);
  settings.strategy = patterns::NativeDeploymentStrategy::canary(10, 3);
  patterns::native_blue_green(s, "web-deploy", settings);
  const json config = emit(s)["resource"]["aws_ecs_service"]["web-ecs-service"]["deployment_configuration"][0];
  CHECK(config["strategy"] == "CANARY");
  CHECK(config["canary_configuration"][0] == json({{"canary_bake_time_in_minutes", "3"}, {"canary_percent", 10}}));
}

TEST_CASE("native_blue_green: refuses what cannot deploy, at the caller's line") {
  Stack s("t");
  auto web = native_service(s);
  auto expect = [&](patterns::NativeBlueGreenSettings settings, const char* message) {
    INFO(message);
    const unsigned line = __LINE__ + 1;
    auto e = thrown_by([&] { patterns::native_blue_green(s, "x", settings); });
    CHECK_THAT(e.what(), Catch::Contains(message));
    CHECK(e.where().line == line);
  };
  auto same = settings_for(web);
  same.green = same.blue;
  expect(same, "blue and green are the same target group");
  auto test_is_production = settings_for(web);
  test_is_production.test_rule = test_is_production.production_rule;
  expect(test_is_production, "test traffic would reach users");
  auto long_bake = settings_for(web);
  long_bake.strategy = patterns::NativeDeploymentStrategy::blue_green(2000);
  expect(long_bake, "0..1440 minutes");
  auto tiny_steps = settings_for(web);
  tiny_steps.strategy = patterns::NativeDeploymentStrategy::linear(1, 2);
  expect(tiny_steps, "linear step percentage must be 3..100");
  auto typo = settings_for(web);
  typo.hooks = {{.lambda_arn = "arn:aws:lambda:eu-west-1:1:function:f", .stages = {"POST_SCALEUP"}}};
  expect(typo, "unknown lifecycle stage \"POST_SCALEUP\"");
  auto no_test = settings_for(web);
  no_test.test_rule.reset();
  no_test.hooks = {{.lambda_arn = "arn:aws:lambda:eu-west-1:1:function:f", .stages = {"TEST_TRAFFIC_SHIFT"}}};
  expect(no_test, "needs a test rule");
  Stack other("t2");
  auto codedeploy = settings_for(native_service(other));
  codedeploy.service.deployment_controller([](auto& c) { c.type("CODE_DEPLOY"); });
  CHECK_THROWS_WITH(patterns::native_blue_green(other, "y", codedeploy),
                    Catch::Contains("is declared with the CODE_DEPLOY deployment controller"));
}
