// FargateService: an ECS service on Fargate behind a listener rule of an
// application load balancer, with everything it needs and nothing open
// that should not be: the task definition from typed containers (their
// logs sent to a log group of the service), the execution role (and a task
// role of its own), the target group(s) and the rule's host and path
// conditions, ingress to the service from the load balancer's security
// group only, and autoscaling (target tracking on CPU by default, step
// scaling on request). AWS CDK's ApplicationLoadBalancedFargateService,
// for a load balancer the stack already has.
//
// How new versions reach traffic is a choice made here: ECS rolling
// deployments with the circuit breaker, or two target groups that
// patterns::codedeploy_blue_green or patterns::native_blue_green then wire.
#pragma once

#include <optional>
#include <source_location>
#include <string>
#include <vector>

#include "stackgen/aws/appautoscaling_target.hpp"
#include "stackgen/aws/cloudwatch_log_group.hpp"
#include "stackgen/aws/ecs_cluster.hpp"
#include "stackgen/aws/ecs_service.hpp"
#include "stackgen/aws/ecs_task_definition.hpp"
#include "stackgen/aws/iam_role.hpp"
#include "stackgen/aws/lb_listener.hpp"
#include "stackgen/aws/lb_listener_rule.hpp"
#include "stackgen/aws/lb_target_group.hpp"
#include "stackgen/aws/security_group.hpp"
#include "stackgen/awsdoc/container_definition.hpp"
#include "stackgen/core/stack.hpp"

namespace stackgen::patterns {

/// Who moves traffic to a new version of the service.
enum class ServiceDeployment {
  /// ECS replaces tasks behind one target group; the deployment circuit
  /// breaker rolls a failed deployment back.
  rolling,
  /// Two target groups (and a test rule with a test listener) for
  /// patterns::codedeploy_blue_green, which sets the controller and the
  /// service's load balancer block.
  codedeploy_blue_green,
  /// Two target groups for patterns::native_blue_green (AWS provider >= 6.4),
  /// which sets the strategy and the service's load balancer block.
  native_blue_green,
};

/// Which requests the listener rule sends to the service (at least one
/// host or path), and at which priority.
struct ServiceRouting {
  aws::LbListener listener;
  int priority = 100;
  std::vector<Expr<std::string>> hosts{};
  std::vector<Expr<std::string>> paths{};
  /// Blue/green only: where a deployment sends test traffic first (the same
  /// conditions, to the green target group).
  std::optional<aws::LbListener> test_listener{};
};

/// A target-tracking policy `<name>-ecs-<cpu|memory|requests>-target`.
struct TargetTrackingScaling {
  /// Unset: "<name>-<cpu|memory|requests>-target".
  std::optional<Expr<std::string>> policy_name{};
  /// ECSServiceAverageCPUUtilization, ECSServiceAverageMemoryUtilization or
  /// ALBRequestCountPerTarget (which needs resource_label).
  std::string metric = "ECSServiceAverageCPUUtilization";
  Expr<Number> target = 60;
  int scale_in_cooldown = 120;
  int scale_out_cooldown = 60;
  std::optional<Expr<std::string>> resource_label{};
};

/// Step scaling on the service's average CPU: the alarm `<name>-ecs-cpu-high`
/// and the policy `<name>-ecs-policy-scale-out` it triggers.
struct StepScaling {
  Expr<std::string> policy_name = "scale-out";
  Expr<std::string> alarm_name;
  Expr<Number> cpu_threshold = 70;
  int evaluation_periods = 3;
  int period_seconds = 60;
  /// ChangeInCapacity, ExactCapacity or PercentChangeInCapacity.
  std::string adjustment_type = "PercentChangeInCapacity";
  int scaling_adjustment = 100;
  int cooldown_seconds = 60;
};

struct ServiceAutoscaling {
  int min_capacity = 2;
  int max_capacity = 4;
  /// CPU at 60 % by default.
  std::vector<TargetTrackingScaling> target_tracking = {TargetTrackingScaling{}};
  std::optional<StepScaling> step_scaling{};
};

/// The log group `<name>-ecs-logs`; every container without a log
/// configuration of its own writes to it (awslogs, stream prefix = its name).
struct ContainerLogs {
  Expr<std::string> group_name;
  Expr<std::string> region;
  int retention_days = 90;
};

/// An EFS volume of the task (patterns::log_file_system's file system).
struct EfsVolume {
  std::string name;
  Expr<std::string> file_system_id;
  Expr<std::string> root_directory = "/";
  bool transit_encryption = true;
};

struct FargateServiceSettings {
  aws::EcsCluster cluster;
  Expr<std::string> service_name;
  Expr<std::string> family;
  std::vector<awsdoc::ContainerDefinition> containers;
  /// The container and port the load balancer sends traffic to.
  std::string container_name;
  int container_port = 80;
  /// A Fargate size (checked by the lint rule aws.fargate-cpu-memory).
  std::string cpu = "256";
  std::string memory = "512";
  std::string cpu_architecture = "X86_64";  ///< or "ARM64"
  std::vector<EfsVolume> efs_volumes{};

  Expr<std::string> execution_role_name;
  /// Secrets Manager ARNs the containers' `secrets` come from: the
  /// execution role may read these and nothing else.
  std::vector<Expr<std::string>> secret_arns{};
  /// The task role `<name>-ecs-task-role` (what the application may do;
  /// no policies: the caller attaches them). Unset: no task role.
  std::optional<Expr<std::string>> task_role_name{};

  Expr<std::string> vpc_id;
  /// Private subnets: the tasks get no public IP.
  Expr<List<std::string>> subnet_ids;
  /// The service's group, declared by the caller without ingress (so other
  /// groups can refer to it first): the pattern opens it on the container
  /// port to the load balancer's group and to nothing else.
  aws::SecurityGroup security_group;
  Expr<std::string> load_balancer_security_group_id;
  ServiceRouting routing;

  Expr<std::string> target_group_name;
  /// Blue/green: the second target group's name.
  std::optional<Expr<std::string>> green_target_group_name{};
  Expr<std::string> health_check_path = "/";
  /// Seconds a target drains before it leaves (AWS's default, 300, makes
  /// every deployment five minutes longer). Unset: AWS's default.
  std::optional<int> deregistration_delay = 30;

  ServiceDeployment deployment = ServiceDeployment::rolling;
  int desired_count = 2;
  int health_check_grace_period_seconds = 60;
  std::optional<ContainerLogs> logs{};
  /// Unset: a fixed desired_count.
  std::optional<ServiceAutoscaling> autoscaling = ServiceAutoscaling{};

  // Reproducing an existing stack (the faithful reference):
  /// The task role is the execution role (lint: sec.ecs-task-role-is-execution-role).
  bool task_role_is_execution_role = false;
  /// Autoscaling assumes the execution role instead of its service-linked
  /// role (lint: ops.autoscaling-role-is-task-role).
  bool scaling_role_is_execution_role = false;
  /// The task definition ignores changes to its container definitions
  /// (lint: ops.ignore-changes-container-definitions).
  bool ignore_container_definition_changes = false;
  /// Ingress from the load balancer on every port, not just the container's.
  bool every_port_from_load_balancer = false;
  Expr<std::string> ingress_description = "traffic from the load balancer";
  /// Blue/green rules ignore their action (the deployment swaps its target
  /// group); off only where the reproduced stack does not.
  bool rules_ignore_target_swaps = true;
  /// The service depends on the listener rule: ECS refuses a target group
  /// no load balancer forwards to yet.
  bool service_waits_for_rule = true;
};

/// What fargate_service() declared.
struct FargateService {
  aws::EcsTaskDefinition task_definition;      ///< `<name>-definition`
  aws::IamRole execution_role;                 ///< `<name>-ecs-task-execution-role`
  std::optional<aws::IamRole> task_role;       ///< `<name>-ecs-task-role`
  std::optional<aws::CloudwatchLogGroup> log_group;  ///< `<name>-ecs-logs`
  aws::LbTargetGroup target_group;             ///< `<name>-ecs-service-tg1` (blue)
  std::optional<aws::LbTargetGroup> green_target_group;  ///< `<name>-ecs-service-tg2`
  aws::LbListenerRule rule;                    ///< `<name>-alb-ecs-service-rule`
  std::optional<aws::LbListenerRule> test_rule;  ///< `<name>-alb-ecs-service-test-rule`
  aws::EcsService service;                     ///< `<name>-ecs-service`
  std::optional<aws::AppautoscalingTarget> scaling_target;  ///< `<name>-ecs-target`
};

/// Throws stackgen::Error at the caller's line for: no containers, the
/// load-balanced container missing or without a port mapping of
/// container_port, a security group declared with ingress rules, a rule
/// without conditions, a port outside 1..65535,
/// blue/green without a green target group name (or rolling with one), a
/// test listener that is the production listener or given for a rolling
/// service, a plain HTTP listener for blue/green, min above max capacity or
/// a desired count outside them, autoscaling without a policy.
FargateService fargate_service(Stack& s, const std::string& name, const FargateServiceSettings& settings,
                               std::source_location where = std::source_location::current());

}  // namespace stackgen::patterns
