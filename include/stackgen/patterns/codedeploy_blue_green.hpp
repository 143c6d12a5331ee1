// CodeDeployBlueGreen: zero-downtime deployments of an ECS service by
// CodeDeploy: the application, the deployment group on two target groups
// and the production (and test) listener, the service role and its managed
// policy, automatic rollback on failure and on alarms, notifications. It
// also wires the service itself: the CODE_DEPLOY controller, the load
// balancer block on the blue target group, and the ignore_changes CodeDeploy
// needs, so that none of it can be set inconsistently.
#pragma once

#include <optional>
#include <source_location>
#include <string>
#include <vector>

#include "stackgen/aws/codedeploy_app.hpp"
#include "stackgen/aws/codedeploy_deployment_group.hpp"
#include "stackgen/aws/ecs_cluster.hpp"
#include "stackgen/aws/ecs_service.hpp"
#include "stackgen/aws/iam_role.hpp"
#include "stackgen/aws/lb_listener.hpp"
#include "stackgen/aws/lb_target_group.hpp"
#include "stackgen/core/stack.hpp"

namespace stackgen::patterns {

/// How traffic moves to the new task set: CodeDeploy's predefined ECS
/// configurations, or the name of one of the stack's own.
class EcsDeploymentConfig {
 public:
  static EcsDeploymentConfig all_at_once() { return EcsDeploymentConfig("CodeDeployDefault.ECSAllAtOnce"); }
  static EcsDeploymentConfig linear_10_percent_every_1_minute() {
    return EcsDeploymentConfig("CodeDeployDefault.ECSLinear10PercentEvery1Minutes");
  }
  static EcsDeploymentConfig linear_10_percent_every_3_minutes() {
    return EcsDeploymentConfig("CodeDeployDefault.ECSLinear10PercentEvery3Minutes");
  }
  static EcsDeploymentConfig canary_10_percent_5_minutes() {
    return EcsDeploymentConfig("CodeDeployDefault.ECSCanary10Percent5Minutes");
  }
  static EcsDeploymentConfig canary_10_percent_15_minutes() {
    return EcsDeploymentConfig("CodeDeployDefault.ECSCanary10Percent15Minutes");
  }
  /// An `aws_codedeploy_deployment_config` of the stack, by its name.
  static EcsDeploymentConfig custom(Expr<std::string> deployment_config_name) {
    return EcsDeploymentConfig(std::move(deployment_config_name));
  }
  const Expr<std::string>& name() const { return name_; }

 private:
  explicit EcsDeploymentConfig(Expr<std::string> name) : name_(std::move(name)) {}
  Expr<std::string> name_;
};

struct CodeDeployBlueGreenSettings {
  aws::EcsCluster cluster;
  /// Declared by the caller without deployment_controller and load_balancer:
  /// the pattern sets both.
  aws::EcsService service;
  /// The container and port the load balancer sends traffic to (the
  /// AppSpec's LoadBalancerInfo).
  Expr<std::string> container_name;
  int container_port = 80;
  /// Production traffic starts on blue; CodeDeploy swaps the two.
  aws::LbTargetGroup blue;
  aws::LbTargetGroup green;
  aws::LbListener production_listener;
  /// Where CodeDeploy sends test traffic to the new task set first.
  /// Required unless without_test_listener.
  std::optional<aws::LbListener> test_listener{};
  /// Accept deployments whose new tasks get production traffic untested
  /// (lint: ops.codedeploy-no-test-listener).
  bool without_test_listener = false;
  EcsDeploymentConfig deployment_config = EcsDeploymentConfig::linear_10_percent_every_1_minute();
  bool rollback_on_failure = true;
  /// Roll back (and stop) when one of these CloudWatch alarms fires.
  std::vector<Expr<std::string>> rollback_alarms{};
  /// An SNS topic told of deployment success, failure and rollback.
  std::optional<Expr<std::string>> notification_topic_arn{};
  /// How long the old task set stays after a successful deployment (0..2880).
  int terminate_blue_after_minutes = 5;
  /// The service ignores task_definition and load_balancer (CodeDeploy
  /// changes them on every deployment) and desired_count (autoscaling does).
  /// Off only to reproduce a stack that does not (the faithful reference).
  bool ignore_what_codedeploy_changes = true;
  Expr<std::string> application_name;
  Expr<std::string> deployment_group_name;
  Expr<std::string> role_name;
  /// Outputs `<name>-application`, `<name>-deployment-group`,
  /// `<name>-container-name`, `<name>-container-port`: what a pipeline
  /// passes to `aws deploy create-deployment` and puts in the AppSpec.
  bool outputs = true;
  // Reproducing an existing stack (addresses and forms its state has):
  /// Trust policy as `data.aws_iam_policy_document.<name>-assume-role`
  /// rather than a document in the role.
  bool trust_policy_as_data_source = false;
  /// Also attach the broader `service-role/AWSCodeDeployRole`.
  bool also_attach_aws_codedeploy_role = false;
  /// Policy attachments are `<prefix>-<policy name>`; empty: the pattern's name.
  std::string policy_attachment_prefix{};
};

/// What codedeploy_blue_green() declared.
struct CodeDeployBlueGreen {
  aws::CodedeployApp application;        ///< `<name>-app`
  aws::IamRole role;                     ///< `<name>-role`
  aws::CodedeployDeploymentGroup group;  ///< `<name>-group`
};

/// Throws stackgen::Error at the caller's line when blue and green are one
/// target group, there is no test listener (without without_test_listener),
/// the test listener is the production listener, either is plain HTTP, the
/// service was declared with another deployment controller or a
/// load_balancer block of its own, the termination wait is outside
/// 0..2880 minutes or the port outside 1..65535.
CodeDeployBlueGreen codedeploy_blue_green(Stack& s, const std::string& name, const CodeDeployBlueGreenSettings& settings,
                                          std::source_location where = std::source_location::current());

}  // namespace stackgen::patterns
