// Back end, hardened:
//   fix 1  RDS in the DB subnets, private, reachable from the service only;
//          EFS reachable from the service only
//   fix 2  ECR: immutable tags, scan on push, lifecycle policy; images by release tag
//   fix 3  target-tracking autoscaling on CPU and memory with the service-linked
//          role; SNS notifications for deployments and alarms
//   fix 4  RDS manages its master password in Secrets Manager; containers get
//          it through `secrets`, never as environment values
//   fix 5  container definitions emitted in AWS's normalised form: no ignore_changes
//   fix 6  blue/green that cannot be miswired, with a test listener (the
//          wiring: hardened.cpp for CodeDeploy, keencho_native for ECS)
//   fix 7  health checks on the path nginx answers
#include <stackgen/aws/sns_topic_subscription.hpp>
#include <stackgen/awsdoc/container_definition.hpp>
#include <stackgen/awsdoc/policy_document.hpp>
#include <stackgen/patterns/database.hpp>
#include <stackgen/patterns/fargate_service.hpp>
#include <stackgen/patterns/registry.hpp>

#include "keencho/shared.hpp"
#include "keencho_hardened/hardened.hpp"

namespace keencho::hardened {

namespace doc = stackgen::awsdoc;
using stackgen::splat;
using stackgen::Variable;

namespace {

aws::SecurityGroup::Ingress from_group(const char* what, int port, const aws::SecurityGroup& source) {
  return aws::SecurityGroup::Ingress{}
      .description(what)
      .protocol("tcp")
      .from_port(port)
      .to_port(port)
      .security_groups({source.id()});
}

/// A Spring Boot container (admin or user): the database credentials as
/// secrets, its logs on EFS and (patterns::fargate_service) in CloudWatch.
doc::ContainerDefinition spring_container(const std::string& name, int port, const aws::EcrRepository& ecr,
                                          const Variable<std::string>& image_tag, const aws::DbInstance& db,
                                          const Expr<std::string>& secret_arn) {
  return doc::ContainerDefinition(name)
      .image(ecr.repository_url() + ":" + name + "-" + image_tag)
      .essential(true)
      .port(port)
      .environment("spring.profiles.active", "prod")
      .environment("server.port", std::to_string(port))
      .environment("logging.file.name", "/app-efs/logs/prod/" + name + "/" + name + ".log")
      .environment("db_url", "jdbc:postgresql://" + db.endpoint() + "/" + db.db_name())
      .secret("db_username", secret_arn + ":username::")
      .secret("db_password", secret_arn + ":password::")
      .mount_point({.source_volume = "app-efs", .container_path = "/app-efs"})
      .health_check({.command = {"CMD-SHELL", "curl -f http://localhost:" + std::to_string(port) +
                                                  "/api/health-check || exit 1"},
                     .start_period = 60});
}

}  // namespace

Backend build_backend(stackgen::Stack& s, const Inputs& in, const Network& net, const Edge& edge,
                      stackgen::patterns::ServiceDeployment deployment, const Environment& env) {
  auto image_tag = s.variable<std::string>("image_tag")
                       .default_value("1.0.0")
                       .description("Release tag of the images (tags are immutable: one tag per release)");
  auto alert_email = s.variable<std::string>("alert_email")
                         .default_value("ops@keencho.com")
                         .description("Receives deployment and alarm notifications");

  auto service_sg = s.add<aws::SecurityGroup>("app-ecs-service-sg")
                        .name(in.app_name + "-ecs-service")
                        .description("ECS service: HTTP from the ALB only")
                        .vpc_id(net.vpc.id())
                        .egress({all_egress()});  // ingress: patterns::fargate_service, from the ALB only

  // --- Database: private subnets, reachable from the service only.
  auto rds_sg = s.add<aws::SecurityGroup>("app-rds-sg")
                    .name(in.app_name + "-rds")
                    .description("PostgreSQL from the ECS service only")
                    .vpc_id(net.vpc.id())
                    .ingress({from_group("PostgreSQL from the service", 5432, service_sg)});
  // The pattern's defaults: encrypted, private, protected, backed up, the
  // master password managed by RDS in Secrets Manager (fixes 1 and 4).
  auto database = stackgen::patterns::database(s, "app-rds",
                                               {.identifier = env.app_name + "-rds",
                                                .db_name = "app",
                                                .engine_version = "15.8",
                                                .subnets = net.db_subnets,
                                                .subnet_group_name = in.app_name + "-rds",
                                                .username = "app",
                                                .security_group_ids = {rds_sg.id()},
                                                .parameter_group_name = "default.postgres15",
                                                .final_snapshot_identifier = env.app_name + "-rds-final"});
  auto db = database.instance;
  auto db_secret_arn = *database.secret_arn;

  // --- EFS: reachable from the service only.
  auto efs_sg = s.add<aws::SecurityGroup>("app-efs-sg")
                    .name(in.app_name + "-efs")
                    .description("NFS from the ECS service only")
                    .vpc_id(net.vpc.id())
                    .ingress({from_group("NFS from the service", 2049, service_sg)});
  auto efs = log_file_system(s, in, net, efs_sg);

  // --- Images: immutable release tags, scanned, old ones expired.
  auto ecr = stackgen::patterns::registry(s, "app-ecr", in.app_name + "-ecr").repository;

  // --- The service: nginx in front of the two Spring Boot containers, their
  // logs in CloudWatch, on Fargate behind the HTTPS listener (and the test
  // listener), ingress from the ALB only, target tracking on CPU and
  // memory with the service-linked role (fixes 3, 5, 6).
  auto nginx = doc::ContainerDefinition("nginx")
                   .image(ecr.repository_url() + ":nginx-" + image_tag)
                   .essential(true)
                   .port(80)
                   .health_check({.command = {"CMD-SHELL", "curl -f http://localhost:80/health-check || exit 1"}});
  auto cluster = s.add<aws::EcsCluster>("app-cluster")
                     .name(env.app_name + "-cluster")
                     .setting([](auto& setting) { setting.name("containerInsights").value_("enabled"); });
  namespace patterns = stackgen::patterns;
  auto tracking = [&](const char* metric, int target, const char* name) {
    return patterns::TargetTrackingScaling{.policy_name = in.app_name + "-" + name, .metric = metric, .target = target};
  };
  auto app = patterns::fargate_service(
      s, "app",
      {.cluster = cluster,
       .service_name = in.app_name + "-ecs-service",
       .family = env.app_name + "-definition",
       .containers = {nginx, spring_container("admin", 10000, ecr, image_tag, db, db_secret_arn),
                      spring_container("user", 10010, ecr, image_tag, db, db_secret_arn)},
       .container_name = "nginx",
       .container_port = 80,
       .cpu = "1024",
       .memory = "2048",
       .cpu_architecture = "ARM64",
       .efs_volumes = {{.name = "app-efs", .file_system_id = efs.id()}},
       .execution_role_name = in.app_name + "-ecs-task-execution",
       .secret_arns = {db_secret_arn},
       .task_role_name = in.app_name + "-ecs-task",
       .vpc_id = net.vpc.id(),
       .subnet_ids = splat(net.private_subnets, &aws::Subnet::id),
       .security_group = service_sg,
       .load_balancer_security_group_id = edge.alb_security_group.id(),
       .routing = {.listener = edge.https_listener,
                   .priority = 2,
                   .hosts = {"app-admin" + env.host_suffix + "." + in.domain, "app-user" + env.host_suffix + "." + in.domain},
                   .test_listener = edge.test_listener},
       .target_group_name = in.app_name + "-ecs-blue",
       .green_target_group_name = in.app_name + "-ecs-green",
       .health_check_path = in.alb_health_check_path,
       .deployment = deployment,
       .desired_count = env.desired_tasks,
       .logs = patterns::ContainerLogs{.group_name = "/ecs/" + in.app_name, .region = in.aws_region},
       .autoscaling = patterns::ServiceAutoscaling{
           .min_capacity = env.min_tasks,
           .max_capacity = env.max_tasks,
           .target_tracking = {tracking("ECSServiceAverageCPUUtilization", 60, "app-ecs-cpu-target"),
                               tracking("ECSServiceAverageMemoryUtilization", 70, "app-ecs-memory-target")}},
       .ingress_description = "HTTP from the ALB"});

  // --- Notifications
  auto alerts = s.add<aws::SnsTopic>("app-alerts").name(in.app_name + "-alerts").kms_master_key_id("alias/aws/sns");
  s.add<aws::SnsTopicSubscription>("app-alerts-email")
      .topic_arn(alerts.arn())
      .protocol("email")
      .endpoint(alert_email);

  auto unhealthy = s.add<aws::CloudwatchMetricAlarm>("app-ecs-5xx")
                       .alarm_name(in.app_name + "-ecs-5xx")
                       .alarm_description("The service answers 5xx; a deployment rolls back on it")
                       .comparison_operator("GreaterThanOrEqualToThreshold")
                       .evaluation_periods(3)
                       .metric_name("HTTPCode_Target_5XX_Count")
                       .namespace_("AWS/ApplicationELB")
                       .period(60)
                       .statistic("Sum")
                       .threshold(10)
                       .treat_missing_data("notBreaching")
                       .dimensions({{"LoadBalancer", edge.alb.arn_suffix()}, {"TargetGroup", app.target_group.arn_suffix()}})
                       .alarm_actions({alerts.arn()});

  return Backend{cluster, app, alerts, unhealthy};
}

}  // namespace keencho::hardened
