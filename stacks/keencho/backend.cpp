// Production back end (part 6): RDS PostgreSQL, EFS for logs, ECR, the ECS
// Fargate service behind the ALB with CodeDeploy blue/green, and step
// autoscaling on CPU.
#include <stackgen/aws/ecs_cluster.hpp>
#include <stackgen/aws/iam_role.hpp>
#include <stackgen/aws/iam_role_policy_attachment.hpp>
#include <stackgen/awsdoc/container_definition.hpp>
#include <stackgen/awsdoc/policy_document.hpp>
#include <stackgen/patterns/database.hpp>
#include <stackgen/patterns/fargate_service.hpp>
#include <stackgen/patterns/registry.hpp>

#include "keencho/shared.hpp"

namespace keencho {

namespace doc = stackgen::awsdoc;
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

Backend build_backend(stackgen::Stack& s, const Inputs& in, const Network& net, const LoadBalancer& lb) {
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

  // --- The service: nginx in front of the two Spring Boot containers, on
  // Fargate behind the HTTPS listener, two target groups for CodeDeploy.
  // Known weaknesses 3, 5 and 6, as the reference has them: the task role
  // and autoscaling's role are the execution role, the container
  // definitions are ignored, and only desired_count is (below).
  auto nginx = doc::ContainerDefinition("nginx")
                   .image(ecr.repository_url() + ":nginx-latest")
                   .essential(true)
                   .port(80)
                   .health_check({.command = {"CMD-SHELL", "curl -f http://localhost:80/health-check || exit 1"}});
  auto cluster = s.add<aws::EcsCluster>("app-cluster").name("app-cluster");
  auto service_sg = security_group(s, "app-ecs-service-sg", "security group for ecs service", net);
  namespace patterns = stackgen::patterns;
  auto app = patterns::fargate_service(
      s, "app",
      {.cluster = cluster,
       .service_name = in.app_name + "-ecs-service",
       .family = "app-definition",
       .containers = {nginx, spring_container("admin", 10000, ecr, db, in), spring_container("user", 10010, ecr, db, in)},
       .container_name = "nginx",
       .container_port = 80,
       .cpu = "1024",
       .memory = "2048",
       .cpu_architecture = "ARM64",
       .efs_volumes = {{.name = "app-efs", .file_system_id = efs.id(), .transit_encryption = false}},
       .execution_role_name = "ecsTaskExecutionRole",
       .vpc_id = net.vpc.id(),
       .subnet_ids = splat(net.private_subnets, &aws::Subnet::id),
       .security_group = service_sg,
       .load_balancer_security_group_id = lb.security_group.id(),
       .routing = {.listener = lb.https_listener, .priority = 2, .hosts = {"app-admin." + in.domain, "app-user." + in.domain}},
       .target_group_name = "app-ecs-service-tg1",
       .green_target_group_name = "app-ecs-service-tg2",
       .health_check_path = in.alb_health_check_path,
       .deregistration_delay = std::nullopt,
       .deployment = patterns::ServiceDeployment::codedeploy_blue_green,
       .desired_count = 1,
       // One step policy on CPU, scaling out only.
       .autoscaling = patterns::ServiceAutoscaling{.min_capacity = 1,
                                                   .max_capacity = 4,
                                                   .target_tracking = {},
                                                   .step_scaling = patterns::StepScaling{
                                                       .alarm_name = in.app_name + "-ecs-cpu-high", .cooldown_seconds = 1}},
       .task_role_is_execution_role = true,
       .scaling_role_is_execution_role = true,
       .ignore_container_definition_changes = true,
       .every_port_from_load_balancer = true,
       .ingress_description = "alb traffic",
       .rules_ignore_target_swaps = false,
       .service_waits_for_rule = false});

  // (sic) The reference declares a role for autoscaling and never uses it.
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

  // --- CodeDeploy blue/green, as the reference has it: all at once, no
  // rollback, no test listener, no notifications, blue kept 1 minute, the
  // trust policy as a data source and the broader AWSCodeDeployRole too.
  auto deployment = reference_deployment(in, cluster, app, lb.https_listener);
  deployment.deployment_config = stackgen::patterns::EcsDeploymentConfig::all_at_once();
  deployment.rollback_on_failure = false;
  deployment.terminate_blue_after_minutes = 1;
  deployment.ignore_what_codedeploy_changes = false;
  deployment.outputs = false;
  deployment.without_test_listener = true;
  deployment.trust_policy_as_data_source = true;
  deployment.also_attach_aws_codedeploy_role = true;
  return {.cluster = cluster, .app = app, .deploy = stackgen::patterns::codedeploy_blue_green(s, "app-deploy", deployment)};
}

}  // namespace keencho
