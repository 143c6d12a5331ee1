// Back end, hardened:
//   fix 1  RDS in the DB subnets, private, reachable from the service only;
//          EFS reachable from the service only
//   fix 2  ECR: immutable tags, scan on push, lifecycle policy; images by release tag
//   fix 3  target-tracking autoscaling on CPU and memory with the service-linked
//          role; SNS notifications for deployments and alarms
//   fix 4  RDS manages its master password in Secrets Manager; containers get
//          it through `secrets`, never as environment values
//   fix 5  container definitions emitted in AWS's normalised form: no ignore_changes
//   fix 6  the service ignores what CodeDeploy changes; a test listener
//   fix 7  health checks on the path nginx answers
#include <stackgen/aws/appautoscaling_policy.hpp>
#include <stackgen/aws/appautoscaling_target.hpp>
#include <stackgen/aws/cloudwatch_log_group.hpp>
#include <stackgen/aws/cloudwatch_metric_alarm.hpp>
#include <stackgen/aws/ecs_cluster.hpp>
#include <stackgen/aws/ecs_service.hpp>
#include <stackgen/aws/ecs_task_definition.hpp>
#include <stackgen/aws/iam_role.hpp>
#include <stackgen/aws/iam_role_policy.hpp>
#include <stackgen/aws/iam_role_policy_attachment.hpp>
#include <stackgen/aws/lb_listener_rule.hpp>
#include <stackgen/aws/sns_topic.hpp>
#include <stackgen/aws/sns_topic_subscription.hpp>
#include <stackgen/awsdoc/container_definition.hpp>
#include <stackgen/awsdoc/policy_document.hpp>
#include <stackgen/patterns/database.hpp>
#include <stackgen/patterns/registry.hpp>

#include "keencho/shared.hpp"
#include "keencho_hardened/hardened.hpp"

namespace keencho::hardened {

namespace doc = stackgen::awsdoc;
using stackgen::Lifecycle;
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

aws::LbTargetGroup service_target_group(stackgen::Stack& s, const char* name, const char* short_name,
                                        const Inputs& in, const Network& net) {
  return s.add<aws::LbTargetGroup>(name)
      .name(in.app_name + "-" + short_name)
      .port(80)
      .protocol("HTTP")
      .target_type("ip")
      .vpc_id(net.vpc.id())
      .deregistration_delay("30")
      .health_check([&](auto& h) { h.path(in.alb_health_check_path).port("traffic-port"); });
}

doc::LogConfiguration logs_of(const aws::CloudwatchLogGroup& group, const Inputs& in, const std::string& prefix) {
  return {.log_driver = "awslogs",
          .options = {{"awslogs-group", group.name()},
                      {"awslogs-region", in.aws_region},
                      {"awslogs-stream-prefix", prefix}}};
}

doc::ContainerDefinition spring_container(const std::string& name, int port, const aws::EcrRepository& ecr,
                                          const Variable<std::string>& image_tag, const aws::DbInstance& db,
                                          const Expr<std::string>& secret_arn, const Inputs& in,
                                          const aws::CloudwatchLogGroup& logs) {
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
      .log_configuration(logs_of(logs, in, name))
      .health_check({.command = {"CMD-SHELL", "curl -f http://localhost:" + std::to_string(port) +
                                                  "/api/health-check || exit 1"},
                     .start_period = 60});
}

}  // namespace

void build_backend(stackgen::Stack& s, const Inputs& in, const Network& net, const Edge& edge) {
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
                        .ingress({from_group("HTTP from the ALB", 80, edge.alb_security_group)})
                        .egress({all_egress()});

  // --- Database: private subnets, reachable from the service only.
  auto rds_sg = s.add<aws::SecurityGroup>("app-rds-sg")
                    .name(in.app_name + "-rds")
                    .description("PostgreSQL from the ECS service only")
                    .vpc_id(net.vpc.id())
                    .ingress({from_group("PostgreSQL from the service", 5432, service_sg)});
  // The pattern's defaults: encrypted, private, protected, backed up, the
  // master password managed by RDS in Secrets Manager (fixes 1 and 4).
  auto database = stackgen::patterns::database(s, "app-rds",
                                               {.identifier = "app-rds",
                                                .db_name = "app",
                                                .engine_version = "15.8",
                                                .subnets = net.db_subnets,
                                                .subnet_group_name = in.app_name + "-rds",
                                                .username = "app",
                                                .security_group_ids = {rds_sg.id()},
                                                .parameter_group_name = "default.postgres15",
                                                .final_snapshot_identifier = "app-rds-final"});
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

  // --- Roles: execution (pull images, read the DB secret, write logs) and a
  // task role of its own (nothing yet).
  auto execution_role = s.add<aws::IamRole>("app-ecs-task-execution-role")
                            .name(in.app_name + "-ecs-task-execution")
                            .assume_role_policy(doc::assume_role_policy("ecs-tasks.amazonaws.com").json());
  s.add<aws::IamRolePolicyAttachment>("app-ecs-task-execution-role-policy-attachment")
      .role(execution_role.name())
      .policy_arn("arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy");
  s.add<aws::IamRolePolicy>("app-ecs-read-db-secret")
      .name("read-db-secret")
      .role(execution_role.id())
      .policy(doc::PolicyDocument{}
                  .statement(doc::Statement{}
                                 .sid("ReadDatabaseSecret")
                                 .allow()
                                 .actions({"secretsmanager:GetSecretValue"})
                                 .resources({db_secret_arn}))
                  .json());
  auto task_role = s.add<aws::IamRole>("app-ecs-task-role")
                       .name(in.app_name + "-ecs-task")
                       .assume_role_policy(doc::assume_role_policy("ecs-tasks.amazonaws.com").json());

  auto logs = s.add<aws::CloudwatchLogGroup>("app-ecs-logs").name("/ecs/" + in.app_name).retention_in_days(90);
  auto nginx = doc::ContainerDefinition("nginx")
                   .image(ecr.repository_url() + ":nginx-" + image_tag)
                   .essential(true)
                   .port(80)
                   .log_configuration(logs_of(logs, in, "nginx"))
                   .health_check({.command = {"CMD-SHELL", "curl -f http://localhost:80/health-check || exit 1"}});
  auto task = s.add<aws::EcsTaskDefinition>("app-definition")
                  .family("app-definition")
                  .requires_compatibilities({"FARGATE"})
                  .cpu("1024")
                  .memory("2048")
                  .network_mode("awsvpc")
                  .task_role_arn(task_role.arn())
                  .execution_role_arn(execution_role.arn())
                  .runtime_platform([](auto& p) { p.operating_system_family("LINUX").cpu_architecture("ARM64"); })
                  .volume([&](auto& v) {
                    v.name("app-efs").efs_volume_configuration([&](auto& efs_volume) {
                      efs_volume.file_system_id(efs.id()).root_directory("/").transit_encryption("ENABLED");
                    });
                  })
                  .container_definitions(doc::container_definitions(
                      {nginx, spring_container("admin", 10000, ecr, image_tag, db, db_secret_arn, in, logs),
                       spring_container("user", 10010, ecr, image_tag, db, db_secret_arn, in, logs)}));

  // --- Service, blue/green with a test listener.
  auto cluster = s.add<aws::EcsCluster>("app-cluster")
                     .name("app-cluster")
                     .setting([](auto& setting) { setting.name("containerInsights").value_("enabled"); });
  auto tg1 = service_target_group(s, "app-ecs-service-tg1", "ecs-blue", in, net);
  auto tg2 = service_target_group(s, "app-ecs-service-tg2", "ecs-green", in, net);
  auto hosts = host_header({"app-admin." + in.domain, "app-user." + in.domain});
  s.add<aws::LbListenerRule>("app-alb-ecs-service-rule")
      .listener_arn(edge.https_listener.arn())
      .priority(2)
      .action([&](auto& a) { a.type("forward").target_group_arn(tg1.arn()); })
      .condition(hosts)
      .lifecycle(Lifecycle{}.ignore_changes({"action"}));  // CodeDeploy swaps the target group
  s.add<aws::LbListenerRule>("app-alb-ecs-service-test-rule")
      .listener_arn(edge.test_listener.arn())
      .priority(2)
      .action([&](auto& a) { a.type("forward").target_group_arn(tg2.arn()); })
      .condition(hosts)
      .lifecycle(Lifecycle{}.ignore_changes({"action"}));

  auto service = blue_green_service(s, in, net, cluster.id(), task.arn(), service_sg, 2);

  // --- Notifications
  auto alerts = s.add<aws::SnsTopic>("app-alerts").name(in.app_name + "-alerts").kms_master_key_id("alias/aws/sns");
  s.add<aws::SnsTopicSubscription>("app-alerts-email")
      .topic_arn(alerts.arn())
      .protocol("email")
      .endpoint(alert_email);

  // --- Autoscaling: target tracking on CPU and memory, service-linked role.
  auto target = s.add<aws::AppautoscalingTarget>("app-ecs-target")
                    .min_capacity(2)
                    .max_capacity(8)
                    .resource_id("service/" + cluster.name() + "/" + service.name())
                    .scalable_dimension("ecs:service:DesiredCount")
                    .service_namespace("ecs");
  for (auto [name, metric, value] : {std::tuple{"app-ecs-cpu-target", "ECSServiceAverageCPUUtilization", 60},
                                     std::tuple{"app-ecs-memory-target", "ECSServiceAverageMemoryUtilization", 70}}) {
    s.add<aws::AppautoscalingPolicy>(name)
        .name(in.app_name + "-" + name)
        .policy_type("TargetTrackingScaling")
        .resource_id(target.resource_id())
        .scalable_dimension(target.scalable_dimension())
        .service_namespace(target.service_namespace())
        .target_tracking_scaling_policy_configuration([&](auto& tracking) {
          tracking.target_value(value).scale_in_cooldown(120).scale_out_cooldown(60);
          tracking.predefined_metric_specification([&](auto& m) { m.predefined_metric_type(metric); });
        });
  }
  auto unhealthy = s.add<aws::CloudwatchMetricAlarm>("app-ecs-5xx")
                       .alarm_name(in.app_name + "-ecs-5xx")
                       .alarm_description("The service answers 5xx; CodeDeploy rolls back on it")
                       .comparison_operator("GreaterThanOrEqualToThreshold")
                       .evaluation_periods(3)
                       .metric_name("HTTPCode_Target_5XX_Count")
                       .namespace_("AWS/ApplicationELB")
                       .period(60)
                       .statistic("Sum")
                       .threshold(10)
                       .treat_missing_data("notBreaching")
                       .dimensions({{"LoadBalancer", edge.alb.arn_suffix()}, {"TargetGroup", tg1.arn_suffix()}})
                       .alarm_actions({alerts.arn()});

  // --- CodeDeploy blue/green: linear, through the test listener first,
  // rolled back on failure and on the 5xx alarm, reported to the topic.
  auto deployment = reference_deployment(in, cluster, service, tg1, tg2, edge.https_listener);
  deployment.test_listener = edge.test_listener;
  deployment.deployment_config = stackgen::patterns::EcsDeploymentConfig::linear_10_percent_every_1_minute();
  deployment.rollback_alarms = {unhealthy.alarm_name()};
  deployment.notification_topic_arn = alerts.arn();
  deployment.terminate_blue_after_minutes = 5;
  stackgen::patterns::codedeploy_blue_green(s, "app-deploy", deployment);
}

}  // namespace keencho::hardened
