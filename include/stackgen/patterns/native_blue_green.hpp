// NativeBlueGreen: zero-downtime deployments of an ECS service by ECS
// itself (AWS provider >= 6.4, July 2025), without CodeDeploy. ECS starts
// the new revision on the alternate target group, shifts the production
// (and test) listener rule's weights to it, waits the bake time, and rolls
// back on failure. The pattern wires the service for it (deployment
// strategy, the load balancer block with its advanced configuration, the
// infrastructure role ECS needs to change the rules) and makes the rules
// ignore the weights ECS moves, so Terraform does not move them back.
//
// Unlike CodeDeploy, a deployment is a Terraform apply: the service keeps
// its task definition under Terraform, and `wait_for_steady_state` makes
// the apply report a failed (rolled back) deployment.
#pragma once

#include <optional>
#include <source_location>
#include <string>
#include <vector>

#include "stackgen/aws/cloudwatch_event_rule.hpp"
#include "stackgen/aws/ecs_service.hpp"
#include "stackgen/aws/iam_role.hpp"
#include "stackgen/aws/lb_listener_rule.hpp"
#include "stackgen/aws/lb_target_group.hpp"
#include "stackgen/core/stack.hpp"

namespace stackgen::patterns {

namespace detail {
template <class LoadBalancer>
concept has_advanced_configuration = requires { typename LoadBalancer::AdvancedConfiguration; };
}  // namespace detail

static_assert(detail::has_advanced_configuration<aws::EcsService::LoadBalancer>,
              "patterns::native_blue_green needs AWS provider bindings of 6.4 or later (ECS-native blue/green): "
              "build this stack with stackgen_add_stack(... AWS_PROVIDER 6.66.0)");

/// How ECS moves production traffic to the new revision.
class NativeDeploymentStrategy {
 public:
  /// All at once, after the test traffic stage; the old revision stays
  /// `bake_minutes` (0..1440) for an instant rollback.
  static NativeDeploymentStrategy blue_green(int bake_minutes = 5) { return {"BLUE_GREEN", bake_minutes, 0, 0}; }
  /// `percent` (0.1..100) first, the rest after `canary_bake_minutes`.
  static NativeDeploymentStrategy canary(double percent, int canary_bake_minutes, int bake_minutes = 5) {
    return {"CANARY", bake_minutes, percent, canary_bake_minutes};
  }
  /// `step_percent` (3..100) at a time, `step_bake_minutes` between steps.
  static NativeDeploymentStrategy linear(double step_percent, int step_bake_minutes, int bake_minutes = 5) {
    return {"LINEAR", bake_minutes, step_percent, step_bake_minutes};
  }
  const std::string& name() const { return name_; }
  int bake_minutes() const { return bake_minutes_; }
  double percent() const { return percent_; }
  int step_bake_minutes() const { return step_bake_minutes_; }

 private:
  NativeDeploymentStrategy(std::string name, int bake, double percent, int step_bake)
      : name_(std::move(name)), bake_minutes_(bake), percent_(percent), step_bake_minutes_(step_bake) {}
  std::string name_;
  int bake_minutes_;
  double percent_;
  int step_bake_minutes_;
};

/// A Lambda function ECS invokes at deployment stages; it answers whether
/// the deployment may go on (e.g. after running tests against the test listener).
struct DeploymentHook {
  Expr<std::string> lambda_arn;
  /// RECONCILE_SERVICE, PRE_SCALE_UP, POST_SCALE_UP, TEST_TRAFFIC_SHIFT,
  /// POST_TEST_TRAFFIC_SHIFT, PRODUCTION_TRAFFIC_SHIFT, POST_PRODUCTION_TRAFFIC_SHIFT.
  std::vector<std::string> stages;
};

struct NativeBlueGreenSettings {
  /// Declared without deployment_configuration and load_balancer (for
  /// example by patterns::fargate_service with ServiceDeployment::native_blue_green).
  aws::EcsService service;
  /// The container and port the target groups send traffic to.
  Expr<std::string> container_name;
  int container_port = 80;
  /// Production traffic starts on blue; ECS alternates the two.
  aws::LbTargetGroup blue;
  aws::LbTargetGroup green;
  /// Forward to blue and green by weight (100 / 0): ECS moves the weights.
  aws::LbListenerRule production_rule;
  /// Where a deployment sends test traffic to the new revision first.
  std::optional<aws::LbListenerRule> test_rule{};
  NativeDeploymentStrategy strategy = NativeDeploymentStrategy::blue_green();
  std::vector<DeploymentHook> hooks{};
  /// Roll back when one of these CloudWatch alarms fires during a deployment.
  std::vector<Expr<std::string>> rollback_alarms{};
  /// An SNS topic told of every deployment state change (an EventBridge
  /// rule `<name>-deployments`); its policy must let events.amazonaws.com publish.
  std::optional<Expr<std::string>> notification_topic_arn{};
  /// The role ECS assumes to change the listener rules and invoke the hooks.
  Expr<std::string> role_name;
  /// The apply waits for the deployment and fails when ECS rolls it back;
  /// an interrupted apply (SIGINT) rolls the deployment back.
  bool wait_for_deployment = true;
  /// The service ignores desired_count (autoscaling owns it).
  bool service_is_autoscaled = true;
  /// Outputs `<name>-cluster`, `<name>-service`: what a pipeline passes to
  /// `aws ecs describe-services` / `aws ecs wait services-stable`.
  bool outputs = true;
};

/// What native_blue_green() declared.
struct NativeBlueGreen {
  aws::IamRole role;  ///< `<name>-role`
  std::optional<aws::CloudwatchEventRule> notifications;  ///< `<name>-deployments`
};

/// Throws stackgen::Error at the caller's line when blue and green are one
/// target group, the test rule is the production rule, the bake time is
/// outside 0..1440 minutes, a canary or linear percentage is out of range,
/// a hook has no or an unknown stage, a hook waits on test traffic without
/// a test rule, the service was declared with another deployment controller
/// or a load_balancer block of its own, or the port is outside 1..65535.
NativeBlueGreen native_blue_green(Stack& s, const std::string& name, const NativeBlueGreenSettings& settings,
                                  std::source_location where = std::source_location::current());

}  // namespace stackgen::patterns
