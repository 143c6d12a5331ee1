// Production back end (part 6): RDS PostgreSQL, EFS for logs, ECR, the ECS
// Fargate service behind the ALB with CodeDeploy blue/green, and step
// autoscaling on CPU.
#include <stackgen/aws/appautoscaling_policy.hpp>
#include <stackgen/aws/appautoscaling_target.hpp>
#include <stackgen/aws/cloudwatch_metric_alarm.hpp>
#include <stackgen/aws/ecs_cluster.hpp>
#include <stackgen/aws/ecs_service.hpp>
#include <stackgen/aws/ecs_task_definition.hpp>
#include <stackgen/aws/iam_role.hpp>
#include <stackgen/aws/iam_role_policy_attachment.hpp>
#include <stackgen/aws/lb_listener_rule.hpp>
#include <stackgen/awsdoc/container_definition.hpp>
#include <stackgen/awsdoc/policy_document.hpp>
#include <stackgen/patterns/database.hpp>
#include <stackgen/patterns/registry.hpp>

#include "keencho/shared.hpp"

namespace keencho {

namespace doc = stackgen::awsdoc;
using stackgen::Lifecycle;
using stackgen::splat;

namespace {

/// A group open to the world on one port (known weakness 1, as the reference has it).
aws::SecurityGroup open_port_group(stackgen::Stack& s, const char* name, const char* description, const Network& net,
                                   int port, const char* rule, std::source_location where = std::source_location::current()) {
  return security_group(s, name, description, net, where).ingress({tcp_from_anywhere(port, port, rule)});
}

void attach_managed_policy(stackgen::Stack& s, const char* name, const aws::IamRole& role, const char* policy) {
  s.add<aws::IamRolePolicyAttachment>(name).role(role.name()).policy_arn(std::string("arn:aws:iam::aws:policy/") +
                                                                         policy);
}

aws::LbTargetGroup service_target_group(stackgen::Stack& s, const char* name, const Inputs& in, const Network& net) {
  return s.add<aws::LbTargetGroup>(name)
      .name(name)
      .port(80)
      .protocol("HTTP")
      .target_type("ip")
      .vpc_id(net.vpc.id())
      .health_check([&](auto& h) { h.path(in.alb_health_check_path).port("traffic-port"); });
}

/// A Spring Boot container (admin or user) with its logs on EFS.
doc::ContainerDefinition spring_container(const std::string& name, int port, const aws::EcrRepository& ecr,
                                          const aws::DbInstance& db, const Inputs& in) {
  return doc::ContainerDefinition(name)
      .image(ecr.repository_url() + ":" + name + "-latest")
      .essential(true)
      .port(port)
      .environment("spring.profiles.active", "prod")
      .environment("server.port", std::to_string(port))
      // (sic) literally: ECS never runs the substitution, so the file is
      // named as written (lint: aws.ecs-env-shell-substitution).
      .environment("logging.file.name", "/app-efs/logs/prod/" + name +
                                            "/$(curl -s $ECS_CONTAINER_METADATA_URI_V4/task | jq -r .TaskARN | "
                                            "cut -d '/' -f 3).log")
      .environment("db_url", "jdbc:postgresql://" + db.endpoint() + "/" + db.db_name())
      // The reference passes credentials as plain environment values (known
      // weakness 4); the lint reports it, the hardened stack uses `secrets`.
      .environment("db_username", *in.db_username)
      .environment("db_password", *in.db_password)
      .mount_point({.source_volume = "app-efs", .container_path = "/app-efs"})
      .health_check({.command = {"CMD-SHELL", "curl -f http://localhost:" + std::to_string(port) +
                                                  "/api/health-check || exit 1"}});
}

}  // namespace

void build_backend(stackgen::Stack& s, const Inputs& in, const Network& net, const LoadBalancer& lb) {
  // --- Database
  auto rds_sg = open_port_group(s, "app-rds-sg", "security group for rds", net, 5432, "postgresSQL");
  // Known weaknesses 1 and 4, as the reference has them: public subnets,
  // publicly accessible, the password a variable; no encryption, deletion
  // protection, backups setting or final snapshot.
  auto db = stackgen::patterns::database(
                s, "app-rds",
                {.identifier = "app-rds",
                 .db_name = "app",
                 .engine_version = "15.8",
                 .storage_type = "gp2",
                 .subnets = net.public_subnets,  // (sic)
                 .subnet_group_name = "app-rds-subnet-group",
                 .subnet_group_tags = Expr<stackgen::Map<std::string>>({{"name", "app-rds-subnet-group"}}),
                 .username = *in.db_username,
                 .password = *in.db_password,
                 .security_group_ids = {rds_sg.id()},
                 .parameter_group_name = "default.postgres15",
                 .publicly_accessible = true,
                 .storage_encrypted = std::nullopt,
                 .deletion_protection = std::nullopt,
                 .backup_retention_days = std::nullopt,
                 .skip_final_snapshot = true})
                .instance;

  // --- Shared file system for application logs
  // (sic) the series describes the EFS group as the ECS service's.
  auto efs_sg = open_port_group(s, "app-efs-sg", "security group for ecs service", net, 2049, "allow 2049");
  auto efs = log_file_system(s, in, net, efs_sg);

  // --- Images
  // Known weakness 2, as the reference has it: mutable tags, no scan, no lifecycle policy.
  auto ecr = stackgen::patterns::registry(s, "app-ecr", in.app_name + "-ecr",
                                          {.immutable_tags = false,
                                           .scan_on_push = false,
                                           .expire_untagged_after_days = 0,
                                           .keep_images = 0})
                 .repository;

  // --- Task definition
  auto execution_role = s.add<aws::IamRole>("app-ecs-task-execution-role")
                            .name("ecsTaskExecutionRole")
                            .assume_role_policy(doc::assume_role_policy("ecs-tasks.amazonaws.com").json());
  attach_managed_policy(s, "app-ecs-task-execution-role-policy-attachment", execution_role,
                        "service-role/AmazonECSTaskExecutionRolePolicy");

  auto nginx = doc::ContainerDefinition("nginx")
                   .image(ecr.repository_url() + ":nginx-latest")
                   .essential(true)
                   .port(80)
                   .health_check({.command = {"CMD-SHELL", "curl -f http://localhost:80/health-check || exit 1"}});
  auto task = s.add<aws::EcsTaskDefinition>("app-definition")
                  .family("app-definition")
                  .requires_compatibilities({"FARGATE"})
                  .cpu("1024")
                  .memory("2048")
                  .network_mode("awsvpc")
                  .task_role_arn(execution_role.arn())
                  .execution_role_arn(execution_role.arn())
                  .runtime_platform([](auto& p) { p.operating_system_family("LINUX").cpu_architecture("ARM64"); })
                  .volume([&](auto& v) {
                    v.name("app-efs").efs_volume_configuration(
                        [&](auto& efs_volume) { efs_volume.file_system_id(efs.id()).root_directory("/"); });
                  })
                  .container_definitions(doc::container_definitions(
                      {nginx, spring_container("admin", 10000, ecr, db, in),
                       spring_container("user", 10010, ecr, db, in)}))
                  // Faithful to the reference (known weakness 5): the emitted
                  // definitions are already in AWS's normalised form, so the
                  // hardened stack drops this.
                  .lifecycle(Lifecycle{}.ignore_changes({"container_definitions"}));

  // --- Service, blue/green
  auto cluster = s.add<aws::EcsCluster>("app-cluster").name("app-cluster");
  auto tg1 = service_target_group(s, "app-ecs-service-tg1", in, net);
  auto tg2 = service_target_group(s, "app-ecs-service-tg2", in, net);
  s.add<aws::LbListenerRule>("app-alb-ecs-service-rule")
      .listener_arn(lb.https_listener.arn())
      .priority(2)
      .action([&](auto& a) { a.type("forward").target_group_arn(tg1.arn()); })
      .condition(host_header({"app-admin." + in.domain, "app-user." + in.domain}));

  auto service_sg = security_group(s, "app-ecs-service-sg", "security group for ecs service", net)
                        .ingress({aws::SecurityGroup::Ingress{}
                                      .description("alb traffic")
                                      .protocol("tcp")
                                      .from_port(0)
                                      .to_port(65535)
                                      .security_groups({lb.security_group.id()})});

  // (sic) known weakness 6: ignores desired_count only, not what CodeDeploy changes.
  auto service = blue_green_service(s, in, net, cluster.id(), task.arn(), service_sg, 1)
                     .lifecycle(Lifecycle{}.ignore_changes({"desired_count"}));

  // --- Autoscaling: one step policy on CPU
  auto autoscale_role = s.add<aws::IamRole>("app-ecs-autoscale")
                            .name("app-ecs-autoscale-iam-role")
                            .assume_role_policy(doc::PolicyDocument{}
                                                    .statement(doc::Statement{}
                                                                   .sid("Autoscaling")
                                                                   .allow()
                                                                   .actions({"sts:AssumeRole"})
                                                                   .service_principals(
                                                                       {"application-autoscaling.amazonaws.com"}))
                                                    .json());
  attach_managed_policy(s, "app-ecs-autoscale", autoscale_role, "service-role/AmazonEC2ContainerServiceAutoscaleRole");

  auto target = s.add<aws::AppautoscalingTarget>("app-ecs-target")
                    .min_capacity(1)
                    .max_capacity(4)
                    .resource_id("service/" + cluster.name() + "/" + service.name())
                    .scalable_dimension("ecs:service:DesiredCount")
                    .service_namespace("ecs")
                    .role_arn(execution_role.arn());  // (sic) known weakness 3
  auto scale_out =
      s.add<aws::AppautoscalingPolicy>("app-ecs-policy-scale-out")
          .name("scale-out")
          .policy_type("StepScaling")
          .resource_id(target.resource_id())
          .scalable_dimension(target.scalable_dimension())
          .service_namespace(target.service_namespace())
          .step_scaling_policy_configuration([](auto& step) {
            step.adjustment_type("PercentChangeInCapacity").cooldown(1).metric_aggregation_type("Average");
            step.step_adjustment([](auto& a) { a.metric_interval_lower_bound("0").scaling_adjustment(100); });
          });
  s.add<aws::CloudwatchMetricAlarm>("app-ecs-cpu-high")
      .alarm_name(in.app_name + "-ecs-cpu-high")
      .comparison_operator("GreaterThanOrEqualToThreshold")
      .evaluation_periods(3)
      .metric_name("CPUUtilization")
      .namespace_("AWS/ECS")
      .period(60)
      .statistic("Average")
      .threshold(70)
      .dimensions({{"ClusterName", cluster.name()}, {"ServiceName", service.name()}})
      .alarm_actions({scale_out.arn()});

  // --- CodeDeploy blue/green, as the reference has it: all at once, no
  // rollback, no test listener, no notifications, blue kept 1 minute, the
  // trust policy as a data source and the broader AWSCodeDeployRole too.
  auto deployment = reference_deployment(in, cluster, service, tg1, tg2, lb.https_listener);
  deployment.deployment_config = stackgen::patterns::EcsDeploymentConfig::all_at_once();
  deployment.rollback_on_failure = false;
  deployment.terminate_blue_after_minutes = 1;
  deployment.ignore_what_codedeploy_changes = false;
  deployment.outputs = false;
  deployment.trust_policy_as_data_source = true;
  deployment.also_attach_aws_codedeploy_role = true;
  stackgen::patterns::codedeploy_blue_green(s, "app-deploy", deployment);
}

}  // namespace keencho
