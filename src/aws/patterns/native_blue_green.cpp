#include "stackgen/patterns/native_blue_green.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "stackgen/aws/cloudwatch_event_target.hpp"
#include "stackgen/core/construct.hpp"
#include "stackgen/core/error.hpp"
#include "stackgen/core/functions.hpp"
#include "stackgen/core/lifecycle.hpp"
#include "declared.hpp"
#include "iam.hpp"

namespace stackgen::patterns {

namespace {

constexpr std::array<std::string_view, 7> kStages = {"RECONCILE_SERVICE",        "PRE_SCALE_UP",
                                                     "POST_SCALE_UP",            "TEST_TRAFFIC_SHIFT",
                                                     "POST_TEST_TRAFFIC_SHIFT",  "PRODUCTION_TRAFFIC_SHIFT",
                                                     "POST_PRODUCTION_TRAFFIC_SHIFT"};

void check(const std::string& name, const NativeBlueGreenSettings& in, std::source_location where) {
  auto fail = [&](const std::string& what) {
    throw Error("patterns::native_blue_green(\"" + name + "\"): " + what, SourceLocation::from(where));
  };
  if (in.blue.tf_address() == in.green.tf_address())
    fail("blue and green are the same target group (" + in.blue.tf_address() + "): ECS needs two to alternate");
  if (in.test_rule && in.test_rule->tf_address() == in.production_rule.tf_address())
    fail("the test rule is the production rule (" + in.production_rule.tf_address() +
         "): test traffic would reach users");
  if (in.container_port < 1 || in.container_port > 65535) fail("container_port must be 1..65535");
  if (auto why = detail::service_wired_elsewhere(in.service, "ECS", "ECS-native blue/green")) fail(*why);
  const auto& st = in.strategy;
  if (st.bake_minutes() < 0 || st.bake_minutes() > 1440) fail("the bake time must be 0..1440 minutes");
  if (st.name() == "CANARY" && (st.percent() < 0.1 || st.percent() > 100)) fail("the canary percentage must be 0.1..100");
  if (st.name() == "LINEAR" && (st.percent() < 3 || st.percent() > 100)) fail("the linear step percentage must be 3..100");
  if (st.name() != "BLUE_GREEN" && (st.step_bake_minutes() < 0 || st.step_bake_minutes() > 1440))
    fail("the step bake time must be 0..1440 minutes");
  for (const auto& hook : in.hooks) {
    if (hook.stages.empty()) fail("a deployment hook without stages would never run");
    for (const auto& stage : hook.stages) {
      if (std::find(kStages.begin(), kStages.end(), stage) == kStages.end())
        fail("unknown lifecycle stage \"" + stage +
             "\" (RECONCILE_SERVICE, PRE_SCALE_UP, POST_SCALE_UP, TEST_TRAFFIC_SHIFT, POST_TEST_TRAFFIC_SHIFT, "
             "PRODUCTION_TRAFFIC_SHIFT, POST_PRODUCTION_TRAFFIC_SHIFT)");
      if (stage.find("TEST_TRAFFIC") != std::string::npos && !in.test_rule)
        fail("a hook at " + stage + " needs a test rule: without one there is no test traffic");
    }
  }
}

}  // namespace

NativeBlueGreen native_blue_green(Stack& s, const std::string& name, const NativeBlueGreenSettings& in,
                                  std::source_location where) {
  // Drawn as one cluster by `stackgen graph`.
  Construct scope(s, "native_blue_green " + name);
  check(name, in, where);

  // The infrastructure role: ECS changes the rules' weights (and invokes
  // the hooks) with it.
  auto role = detail::service_role(s, name + "-role", in.role_name, "ecs.amazonaws.com", where);
  detail::attach_aws_policy(s, name + "-load-balancers", role, "AmazonECSInfrastructureRolePolicyForLoadBalancers", where);
  if (!in.hooks.empty()) {
    std::vector<Expr<std::string>> functions;
    for (const auto& hook : in.hooks) functions.push_back(hook.lambda_arn);
    detail::allow_inline(s, name + "-invoke-hooks", role, "invoke-deployment-hooks", "InvokeDeploymentHooks",
                         {"lambda:InvokeFunction"}, functions, where);
  }

  // The service: ECS is the controller and moves traffic between the groups.
  const auto& st = in.strategy;
  in.service.deployment_controller([](auto& c) { c.type("ECS"); })
      .deployment_configuration([&](auto& d) {
        d.strategy(st.name()).bake_time_in_minutes(std::to_string(st.bake_minutes()));
        if (st.name() == "CANARY")
          d.canary_configuration([&](auto& c) {
            c.canary_percent(st.percent()).canary_bake_time_in_minutes(std::to_string(st.step_bake_minutes()));
          });
        if (st.name() == "LINEAR")
          d.linear_configuration([&](auto& l) {
            l.step_percent(st.percent()).step_bake_time_in_minutes(std::to_string(st.step_bake_minutes()));
          });
        for (const auto& hook : in.hooks)
          d.lifecycle_hook([&](auto& h) {
            std::vector<Expr<std::string>> stages(hook.stages.begin(), hook.stages.end());
            h.hook_target_arn(hook.lambda_arn).role_arn(role.arn()).lifecycle_stages(stages);
          });
      })
      .load_balancer([&](auto& l) {
        l.target_group_arn(in.blue.arn()).container_name(in.container_name).container_port(in.container_port);
        l.advanced_configuration([&](auto& a) {
          a.alternate_target_group_arn(in.green.arn()).production_listener_rule(in.production_rule.arn()).role_arn(role.arn());
          if (in.test_rule) a.test_listener_rule(in.test_rule->arn());
        });
      });
  if (!in.rollback_alarms.empty())
    in.service.alarms([&](auto& a) { a.alarm_names(in.rollback_alarms).enable(true).rollback(true); });
  if (in.wait_for_deployment) in.service.wait_for_steady_state(true).sigint_rollback(true);
  // The task definition stays Terraform's: changing it is how a deployment
  // starts, so unlike CodeDeploy nothing of the service but the count is ignored.
  if (in.service_is_autoscaled) in.service.lifecycle(Lifecycle{}.ignore_changes({"desired_count"}));
  // ECS moves the rules' weights during and after each deployment.
  in.production_rule.lifecycle(Lifecycle{}.ignore_changes({"action"}));
  if (in.test_rule) in.test_rule->lifecycle(Lifecycle{}.ignore_changes({"action"}));

  std::optional<aws::CloudwatchEventRule> notifications;
  if (in.notification_topic_arn) {
    // ECS reports deployments to EventBridge, not to SNS: a rule forwards
    // this service's deployment events to the topic.
    notifications = s.add<aws::CloudwatchEventRule>(name + "-deployments", where)
                        .name(in.service.name() + "-deployments")
                        .description("ECS deployment state changes of the service")
                        .event_pattern(jsonencode(Value{{"source", Value::list({"aws.ecs"})},
                                                                   {"detail-type", Value::list({"ECS Deployment State Change"})},
                                                                   {"resources", Value::list({in.service.id().value()})}}));
    s.add<aws::CloudwatchEventTarget>(name + "-deployments", where)
        .rule(notifications->name())
        .arn(*in.notification_topic_arn);
  }

  if (in.outputs) {
    s.output(name + "-cluster", in.service.cluster(), where).description("aws ecs wait services-stable --cluster");
    s.output(name + "-service", in.service.name(), where).description("aws ecs wait services-stable --services");
  }
  return NativeBlueGreen{role, notifications};
}

}  // namespace stackgen::patterns
