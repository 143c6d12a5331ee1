#include "stackgen/patterns/fargate_service.hpp"

#include "stackgen/aws/appautoscaling_policy.hpp"
#include "stackgen/aws/cloudwatch_metric_alarm.hpp"
#include "stackgen/core/construct.hpp"
#include "stackgen/core/error.hpp"
#include "stackgen/core/lifecycle.hpp"
#include "declared.hpp"
#include "iam.hpp"

namespace stackgen::patterns {

namespace {

bool is_literal_number(const Expr<Number>& e, int expected) {
  double n = 0;
  return e.value().as_number(n) && n == expected;
}

/// The short name of a predefined metric in the policy's address.
std::string metric_label(const std::string& metric) {
  if (metric == "ECSServiceAverageCPUUtilization") return "cpu";
  if (metric == "ECSServiceAverageMemoryUtilization") return "memory";
  if (metric == "ALBRequestCountPerTarget") return "requests";
  return {};
}

void check(const std::string& name, const FargateServiceSettings& in, std::source_location where) {
  auto fail = [&](const std::string& what) {
    throw Error("patterns::fargate_service(\"" + name + "\"): " + what, SourceLocation::from(where));
  };
  if (in.containers.empty()) fail("the task has no containers");
  const awsdoc::ContainerDefinition* target = nullptr;
  for (const auto& c : in.containers)
    if (c.literal_name() == in.container_name) target = &c;
  if (!target) fail("no container is named \"" + in.container_name + "\" (the one the load balancer sends traffic to)");
  if (in.container_port < 1 || in.container_port > 65535) fail("container_port must be 1..65535");
  bool maps_port = false;
  for (const auto& m : target->port_mappings()) maps_port = maps_port || is_literal_number(m.container_port, in.container_port);
  if (!maps_port)
    fail("container \"" + in.container_name + "\" has no port mapping of container_port " +
         std::to_string(in.container_port) + ": the target group would find nothing listening");
  if (detail::has_argument(in.security_group, "ingress"))
    fail(in.security_group.tf_address() +
         " is declared with ingress rules: the pattern opens it to the load balancer and nothing else");
  if (in.routing.hosts.empty() && in.routing.paths.empty())
    fail("the listener rule has no host or path condition: it would take every request of the listener");
  if (in.routing.priority < 1 || in.routing.priority > 50000) fail("routing.priority must be 1..50000");
  const bool blue_green = in.deployment != ServiceDeployment::rolling;
  if (blue_green && !in.green_target_group_name)
    fail("a blue/green service needs green_target_group_name: the deployment swaps two target groups");
  if (!blue_green && in.green_target_group_name)
    fail("green_target_group_name is for blue/green deployments; a rolling service has one target group");
  if (in.routing.test_listener && !blue_green)
    fail("a test listener is for blue/green deployments; a rolling service never has a second version to test");
  if (blue_green) {
    if (auto why = detail::plain_http_listener(in.routing.listener)) fail(*why);
    if (in.routing.test_listener)
      if (auto why = detail::plain_http_listener(*in.routing.test_listener)) fail(*why);
  }
  if (in.routing.test_listener && in.routing.test_listener->tf_address() == in.routing.listener.tf_address())
    fail("the test listener is the production listener (" + in.routing.listener.tf_address() +
         "): test traffic would reach users");
  if (in.deregistration_delay && (*in.deregistration_delay < 0 || *in.deregistration_delay > 3600))
    fail("deregistration_delay must be 0..3600 seconds");
  if (in.desired_count < 0) fail("desired_count must be 0 or more");
  if (const auto& a = in.autoscaling) {
    if (a->min_capacity < 0 || a->min_capacity > a->max_capacity)
      fail("autoscaling needs 0 <= min_capacity <= max_capacity (" + std::to_string(a->min_capacity) + ", " +
           std::to_string(a->max_capacity) + ")");
    if (in.desired_count < a->min_capacity || in.desired_count > a->max_capacity)
      fail("desired_count " + std::to_string(in.desired_count) + " is outside the autoscaling range " +
           std::to_string(a->min_capacity) + ".." + std::to_string(a->max_capacity));
    if (a->target_tracking.empty() && !a->step_scaling)
      fail("autoscaling without a target-tracking or step policy would never scale");
    for (const auto& t : a->target_tracking) {
      if (metric_label(t.metric).empty())
        fail("unknown target-tracking metric \"" + t.metric +
             "\" (ECSServiceAverageCPUUtilization, ECSServiceAverageMemoryUtilization, ALBRequestCountPerTarget)");
      if (t.metric == "ALBRequestCountPerTarget" && !t.resource_label)
        fail("ALBRequestCountPerTarget needs resource_label (the load balancer's and target group's arn_suffix)");
    }
  }
}

}  // namespace

FargateService fargate_service(Stack& s, const std::string& name, const FargateServiceSettings& in,
                               std::source_location where) {
  // Drawn as one cluster by `stackgen graph`.
  Construct scope(s, "fargate_service " + name);
  check(name, in, where);
  const bool blue_green = in.deployment != ServiceDeployment::rolling;

  // --- Roles: the execution role pulls images, writes logs and reads the
  // given secrets; what the application may do is the task role's.
  auto execution_role =
      detail::service_role(s, name + "-ecs-task-execution-role", in.execution_role_name, "ecs-tasks.amazonaws.com", where);
  detail::attach_aws_policy(s, name + "-ecs-task-execution-role-policy-attachment", execution_role,
                            "service-role/AmazonECSTaskExecutionRolePolicy", where);
  if (!in.secret_arns.empty())
    detail::allow_inline(s, name + "-ecs-read-secrets", execution_role, "read-secrets", "ReadContainerSecrets",
                         {"secretsmanager:GetSecretValue"}, in.secret_arns, where);
  std::optional<aws::IamRole> task_role;
  if (in.task_role_name)
    task_role = detail::service_role(s, name + "-ecs-task-role", *in.task_role_name, "ecs-tasks.amazonaws.com", where);

  // --- Logs: every container without its own configuration writes here.
  std::optional<aws::CloudwatchLogGroup> log_group;
  std::vector<awsdoc::ContainerDefinition> containers = in.containers;
  if (in.logs) {
    log_group = s.add<aws::CloudwatchLogGroup>(name + "-ecs-logs", where)
                    .name(in.logs->group_name)
                    .retention_in_days(in.logs->retention_days);
    for (auto& c : containers)
      if (!c.has_log_configuration())
        c.log_configuration({.log_driver = "awslogs",
                             .options = {{"awslogs-group", log_group->name()},
                                         {"awslogs-region", in.logs->region},
                                         {"awslogs-stream-prefix", c.name()}}});
  }

  // --- Task definition
  auto task = s.add<aws::EcsTaskDefinition>(name + "-definition", where)
                  .family(in.family)
                  .requires_compatibilities({"FARGATE"})
                  .cpu(in.cpu)
                  .memory(in.memory)
                  .network_mode("awsvpc")
                  .execution_role_arn(execution_role.arn())
                  .runtime_platform([&](auto& p) { p.operating_system_family("LINUX").cpu_architecture(in.cpu_architecture); });
  if (in.task_role_is_execution_role)
    task.task_role_arn(execution_role.arn());
  else if (task_role)
    task.task_role_arn(task_role->arn());
  for (const auto& v : in.efs_volumes)
    task.volume([&](auto& volume) {
      volume.name(v.name).efs_volume_configuration([&](auto& efs) {
        efs.file_system_id(v.file_system_id).root_directory(v.root_directory);
        if (v.transit_encryption) efs.transit_encryption("ENABLED");
      });
    });
  task.container_definitions(awsdoc::container_definitions(std::move(containers), awsdoc::NetworkMode::awsvpc, where));
  if (in.ignore_container_definition_changes) task.lifecycle(Lifecycle{}.ignore_changes({"container_definitions"}));

  // --- Load balancing: ingress from the load balancer only, the target
  // group(s), and the rule(s) that send the routed requests there.
  const int from_port = in.every_port_from_load_balancer ? 0 : in.container_port;
  const int to_port = in.every_port_from_load_balancer ? 65535 : in.container_port;
  in.security_group.ingress({aws::SecurityGroup::Ingress{}
                                 .description(in.ingress_description)
                                 .protocol("tcp")
                                 .from_port(from_port)
                                 .to_port(to_port)
                                 .security_groups({in.load_balancer_security_group_id})});
  auto target_group = [&](const std::string& address, const Expr<std::string>& group_name) {
    auto tg = s.add<aws::LbTargetGroup>(address, where)
                  .name(group_name)
                  .port(in.container_port)
                  .protocol("HTTP")
                  .target_type("ip")
                  .vpc_id(in.vpc_id)
                  .health_check([&](auto& h) { h.path(in.health_check_path).port("traffic-port"); });
    if (in.deregistration_delay) tg.deregistration_delay(std::to_string(*in.deregistration_delay));
    return tg;
  };
  auto blue = target_group(name + "-ecs-service-tg1", in.target_group_name);
  std::optional<aws::LbTargetGroup> green;
  if (in.green_target_group_name) green = target_group(name + "-ecs-service-tg2", *in.green_target_group_name);

  auto rule = [&](const std::string& address, const aws::LbListener& listener, const aws::LbTargetGroup& tg) {
    auto r = s.add<aws::LbListenerRule>(address, where)
                 .listener_arn(listener.arn())
                 .priority(in.routing.priority)
                 .action([&](auto& a) {
                   if (in.deployment != ServiceDeployment::native_blue_green) {
                     a.type("forward").target_group_arn(tg.arn());
                     return;
                   }
                   // ECS shifts the weights during a deployment (production
                   // and test rule alike), starting from all on blue.
                   a.type("forward").forward([&](auto& f) {
                     f.target_group([&](auto& t) { t.arn(blue.arn()).weight(100); });
                     f.target_group([&](auto& t) { t.arn(green->arn()).weight(0); });
                   });
                 });
    if (!in.routing.hosts.empty())
      r.condition([&](auto& c) { c.host_header([&](auto& h) { h.values(in.routing.hosts); }); });
    if (!in.routing.paths.empty())
      r.condition([&](auto& c) { c.path_pattern([&](auto& p) { p.values(in.routing.paths); }); });
    if (blue_green && in.rules_ignore_target_swaps) r.lifecycle(Lifecycle{}.ignore_changes({"action"}));
    return r;
  };
  auto production_rule = rule(name + "-alb-ecs-service-rule", in.routing.listener, blue);
  std::optional<aws::LbListenerRule> test_rule;
  if (in.routing.test_listener) test_rule = rule(name + "-alb-ecs-service-test-rule", *in.routing.test_listener, *green);

  // --- The service
  auto service = s.add<aws::EcsService>(name + "-ecs-service", where)
                     .name(in.service_name)
                     .cluster(in.cluster.id())
                     .task_definition(task.arn())
                     .desired_count(in.desired_count)
                     .launch_type("FARGATE")
                     .propagate_tags("SERVICE")
                     .health_check_grace_period_seconds(in.health_check_grace_period_seconds)
                     .network_configuration([&](auto& n) {
                       n.subnets(in.subnet_ids).assign_public_ip(false).security_groups({in.security_group.id()});
                     });
  if (in.deployment == ServiceDeployment::rolling) {
    service.load_balancer([&](auto& l) {
      l.target_group_arn(blue.arn()).container_name(in.container_name).container_port(in.container_port);
    });
    service.deployment_circuit_breaker([](auto& b) { b.enable(true).rollback(true); });
  }
  if (in.service_waits_for_rule) service.depends_on({production_rule});
  // Autoscaling owns the task count; the blue/green patterns replace this
  // with what their deployments change as well.
  if (in.autoscaling) service.lifecycle(Lifecycle{}.ignore_changes({"desired_count"}));

  // --- Autoscaling
  std::optional<aws::AppautoscalingTarget> scaling_target;
  if (const auto& a = in.autoscaling) {
    scaling_target = s.add<aws::AppautoscalingTarget>(name + "-ecs-target", where)
                         .min_capacity(a->min_capacity)
                         .max_capacity(a->max_capacity)
                         .resource_id("service/" + in.cluster.name() + "/" + service.name())
                         .scalable_dimension("ecs:service:DesiredCount")
                         .service_namespace("ecs");
    if (in.scaling_role_is_execution_role) scaling_target->role_arn(execution_role.arn());
    const auto& target = *scaling_target;
    for (const auto& t : a->target_tracking)
      s.add<aws::AppautoscalingPolicy>(name + "-ecs-" + metric_label(t.metric) + "-target", where)
          .name(t.policy_name ? *t.policy_name : Expr<std::string>(name + "-" + metric_label(t.metric) + "-target"))
          .policy_type("TargetTrackingScaling")
          .resource_id(target.resource_id())
          .scalable_dimension(target.scalable_dimension())
          .service_namespace(target.service_namespace())
          .target_tracking_scaling_policy_configuration([&](auto& tracking) {
            tracking.target_value(t.target).scale_in_cooldown(t.scale_in_cooldown).scale_out_cooldown(t.scale_out_cooldown);
            tracking.predefined_metric_specification([&](auto& m) {
              m.predefined_metric_type(t.metric);
              if (t.resource_label) m.resource_label(*t.resource_label);
            });
          });
    if (const auto& step = a->step_scaling) {
      auto policy = s.add<aws::AppautoscalingPolicy>(name + "-ecs-policy-scale-out", where)
                        .name(step->policy_name)
                        .policy_type("StepScaling")
                        .resource_id(target.resource_id())
                        .scalable_dimension(target.scalable_dimension())
                        .service_namespace(target.service_namespace())
                        .step_scaling_policy_configuration([&](auto& config) {
                          config.adjustment_type(step->adjustment_type)
                              .cooldown(step->cooldown_seconds)
                              .metric_aggregation_type("Average");
                          config.step_adjustment([&](auto& adj) {
                            adj.metric_interval_lower_bound("0").scaling_adjustment(step->scaling_adjustment);
                          });
                        });
      s.add<aws::CloudwatchMetricAlarm>(name + "-ecs-cpu-high", where)
          .alarm_name(step->alarm_name)
          .comparison_operator("GreaterThanOrEqualToThreshold")
          .evaluation_periods(step->evaluation_periods)
          .metric_name("CPUUtilization")
          .namespace_("AWS/ECS")
          .period(step->period_seconds)
          .statistic("Average")
          .threshold(step->cpu_threshold)
          .dimensions({{"ClusterName", in.cluster.name()}, {"ServiceName", service.name()}})
          .alarm_actions({policy.arn()});
    }
  }

  return FargateService{.task_definition = task,
                        .execution_role = execution_role,
                        .task_role = task_role,
                        .log_group = log_group,
                        .target_group = blue,
                        .green_target_group = green,
                        .rule = production_rule,
                        .test_rule = test_rule,
                        .service = service,
                        .scaling_target = scaling_target};
}

}  // namespace stackgen::patterns
