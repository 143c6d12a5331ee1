// keencho-native: the hardened design (stacks/keencho_hardened) deployed by
// ECS itself instead of CodeDeploy (AWS provider >= 6.4): the service's
// own blue/green strategy, the production and test listener rules forward
// to both target groups by weight, ECS shifts the weights, bakes, and rolls
// back on failure or on the 5xx alarm. No CodeDeploy application, group or
// role; a deployment is a `terraform apply` of a new image tag.
#include <stackgen/aws/sns_topic_policy.hpp>
#include <stackgen/awsdoc/policy_document.hpp>
#include <stackgen/patterns/native_blue_green.hpp>

#include "keencho_hardened/hardened.hpp"

namespace keencho::native {
namespace {

namespace doc = stackgen::awsdoc;
namespace patterns = stackgen::patterns;

void native_stack(stackgen::Stack& s) {
  auto h = hardened::build_hardened(s, patterns::ServiceDeployment::native_blue_green);
  const auto& [in, edge, backend, frontend] = h;
  const auto& app = backend.app;

  // ECS reports deployments through EventBridge, which must be allowed to
  // publish to the topic.
  s.add<aws::SnsTopicPolicy>("app-alerts-events")
      .arn(backend.alerts.arn())
      .policy(doc::PolicyDocument{}
                  .statement(doc::Statement{}
                                 .sid("EventBridgePublishes")
                                 .allow()
                                 .service_principals({"events.amazonaws.com"})
                                 .actions({"sns:Publish"})
                                 .resources({backend.alerts.arn()}))
                  .json());

  patterns::native_blue_green(s, "app-deploy",
                              {.service = app.service,
                               .container_name = in.nginx_container_name,
                               .container_port = 80,
                               .blue = app.target_group,
                               .green = *app.green_target_group,
                               .production_rule = app.rule,
                               .test_rule = app.test_rule,
                               .strategy = patterns::NativeDeploymentStrategy::blue_green(/*bake_minutes=*/5),
                               .rollback_alarms = {backend.unhealthy.alarm_name()},
                               .notification_topic_arn = backend.alerts.arn(),
                               .role_name = in.app_name + "-ecs-blue-green"});
  // Terraform owns the task definition here: a release is an apply with
  // the new image tag (the deploy workflow's last step).
  hardened::deployment_files(s, h, std::nullopt);
}

const stackgen::StackRegistration registration{"keencho-native", native_stack};

}  // namespace
}  // namespace keencho::native
