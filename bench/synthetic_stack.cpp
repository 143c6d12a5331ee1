// The synthetic stack: what a large ECS estate on one ALB looks like.
#include "synthetic_stack.hpp"

#include <cstdio>
#include <string>

#include <stackgen/aws/acm_certificate.hpp>
#include <stackgen/aws/appautoscaling_policy.hpp>
#include <stackgen/aws/appautoscaling_target.hpp>
#include <stackgen/aws/cloudwatch_log_group.hpp>
#include <stackgen/aws/cloudwatch_metric_alarm.hpp>
#include <stackgen/aws/codedeploy_app.hpp>
#include <stackgen/aws/codedeploy_deployment_group.hpp>
#include <stackgen/aws/ecs_cluster.hpp>
#include <stackgen/aws/ecs_service.hpp>
#include <stackgen/aws/ecs_task_definition.hpp>
#include <stackgen/aws/iam_role.hpp>
#include <stackgen/aws/iam_role_policy_attachment.hpp>
#include <stackgen/aws/lb.hpp>
#include <stackgen/aws/lb_listener.hpp>
#include <stackgen/aws/lb_listener_rule.hpp>
#include <stackgen/aws/lb_target_group.hpp>
#include <stackgen/aws/provider.hpp>
#include <stackgen/aws/route53_record.hpp>
#include <stackgen/aws/route53_zone.hpp>
#include <stackgen/aws/security_group.hpp>
#include <stackgen/aws/subnet.hpp>
#include <stackgen/aws/vpc.hpp>
#include <stackgen/awsdoc/container_definition.hpp>
#include <stackgen/awsdoc/policy_document.hpp>
#include <stackgen/stackgen.hpp>

namespace stackgen::bench {

namespace {

namespace doc = awsdoc;

struct Shared {
  Variable<std::string> domain;
  Variable<std::string> health_check_path;
  Variable<std::string> image_registry;
  aws::Vpc vpc;
  aws::Subnet private_subnets;
  aws::SecurityGroup service_sg;
  aws::Lb alb;
  aws::LbListener https;
  aws::EcsCluster cluster;
  aws::CodedeployApp deploy_app;
  aws::Route53Zone zone;
};

aws::SecurityGroup::Egress all_egress() {
  return aws::SecurityGroup::Egress{}
      .protocol("-1")
      .from_port(0)
      .to_port(0)
      .cidr_blocks({"0.0.0.0/0"})
      .ipv6_cidr_blocks({"::/0"});
}

Shared build_shared(Stack& s) {
  auto domain = s.variable<std::string>("domain").default_value("example.com");
  auto health_check_path = s.variable<std::string>("health_check_path").default_value("/health");
  auto registry = s.variable<std::string>("image_registry").default_value("123456789012.dkr.ecr.eu-west-1.amazonaws.com");
  s.provider<aws::Provider>().region("eu-west-1");

  auto vpc = s.add<aws::Vpc>("vpc").cidr_block("10.0.0.0/16").enable_dns_hostnames(true);
  auto public_subnets = s.add<aws::Subnet>("public")
                            .count(2)
                            .vpc_id(vpc.id())
                            .cidr_block("10.0.0.0/20")
                            .map_public_ip_on_launch(true);
  auto private_subnets = s.add<aws::Subnet>("private").count(2).vpc_id(vpc.id()).cidr_block("10.0.64.0/20");

  auto alb_sg = s.add<aws::SecurityGroup>("alb")
                    .vpc_id(vpc.id())
                    .ingress({aws::SecurityGroup::Ingress{}
                                  .protocol("tcp")
                                  .from_port(443)
                                  .to_port(443)
                                  .cidr_blocks({"0.0.0.0/0"})})
                    .egress({all_egress()});
  auto service_sg = s.add<aws::SecurityGroup>("service")
                        .vpc_id(vpc.id())
                        .ingress({aws::SecurityGroup::Ingress{}
                                      .protocol("tcp")
                                      .from_port(0)
                                      .to_port(65535)
                                      .security_groups({alb_sg.id()})})
                        .egress({all_egress()});
  auto alb = s.add<aws::Lb>("alb")
                 .name("shared-alb")
                 .load_balancer_type("application")
                 .security_groups({alb_sg.id()})
                 .subnets(splat(public_subnets, &aws::Subnet::id));
  auto zone = s.add<aws::Route53Zone>("zone").name(domain);
  auto certificate = s.add<aws::AcmCertificate>("wildcard").domain_name("*." + domain).validation_method("DNS");
  auto fallback = s.add<aws::LbTargetGroup>("fallback")
                      .port(80)
                      .protocol("HTTP")
                      .target_type("ip")
                      .vpc_id(vpc.id());
  auto https = s.add<aws::LbListener>("https")
                   .load_balancer_arn(alb.arn())
                   .port(443)
                   .protocol("HTTPS")
                   .certificate_arn(certificate.arn())
                   .default_action(aws::LbListener::DefaultAction{}.type("forward").target_group_arn(fallback.arn()));
  auto cluster = s.add<aws::EcsCluster>("cluster").name("shared-cluster");
  auto deploy_app = s.add<aws::CodedeployApp>("deploy").compute_platform("ECS").name("shared-deploy");
  return Shared{domain, health_check_path, registry, vpc, private_subnets, service_sg, alb, https, cluster,
                deploy_app, zone};
}

aws::LbTargetGroup target_group(Stack& s, const std::string& name, const Shared& sh) {
  return s.add<aws::LbTargetGroup>(name)
      .name(name)
      .port(80)
      .protocol("HTTP")
      .target_type("ip")
      .vpc_id(sh.vpc.id())
      .deregistration_delay("30")
      .health_check(aws::LbTargetGroup::HealthCheck{}.path(sh.health_check_path).port("traffic-port").matcher("200"));
}

aws::IamRole role(Stack& s, const std::string& name, const char* service) {
  return s.add<aws::IamRole>(name).name(name).assume_role_policy(doc::assume_role_policy(service).json());
}

void attach(Stack& s, const std::string& name, const aws::IamRole& r, const char* policy) {
  s.add<aws::IamRolePolicyAttachment>(name).role(r.name()).policy_arn(std::string("arn:aws:iam::aws:policy/") +
                                                                      policy);
}

/// A curl health check (built field by field: designated initialisers would
/// warn about the optional start_period).
doc::HealthCheck curl_health_check(const std::string& url) {
  doc::HealthCheck h;
  h.command = {"CMD-SHELL", "curl -f " + url + " || exit 1"};
  return h;
}

doc::ContainerDefinition app_container(const std::string& unit, const Shared& sh, const aws::CloudwatchLogGroup& logs,
                                       int port) {
  return doc::ContainerDefinition("app")
      .image(sh.image_registry + "/" + unit + ":latest")
      .essential(true)
      .port(port)
      .environment("SERVICE_NAME", unit)
      .environment("SERVER_PORT", std::to_string(port))
      .environment("PUBLIC_HOST", unit + "." + sh.domain)
      .log_configuration({.options = {{"awslogs-group", logs.name()},
                                      {"awslogs-region", "eu-west-1"},
                                      {"awslogs-stream-prefix", unit}}})
      .health_check(curl_health_check("http://localhost:" + std::to_string(port) + "/health"));
}

/// One service unit: 15 resources, as the reference stack's back end.
void build_unit(Stack& s, std::size_t index, const Shared& sh) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "svc%05zu", index);
  const std::string u = buf;
  const int port = 8080;

  auto blue = target_group(s, u + "-blue", sh);
  auto green = target_group(s, u + "-green", sh);
  s.add<aws::LbListenerRule>(u)
      .listener_arn(sh.https.arn())
      .priority(static_cast<int>(index) + 1)
      .action(aws::LbListenerRule::Action{}.type("forward").target_group_arn(blue.arn()))
      .condition(aws::LbListenerRule::Condition{}.host_header(
          aws::LbListenerRule::Condition::HostHeader{}.values({u + "." + sh.domain})));

  auto execution_role = role(s, u + "-execution", "ecs-tasks.amazonaws.com");
  attach(s, u + "-execution", execution_role, "service-role/AmazonECSTaskExecutionRolePolicy");
  auto logs = s.add<aws::CloudwatchLogGroup>(u).name("/ecs/" + u).retention_in_days(30);

  auto proxy = doc::ContainerDefinition("proxy")
                   .image(sh.image_registry + "/nginx:stable")
                   .essential(true)
                   .port(80)
                   .health_check(curl_health_check("http://localhost/health"));
  auto task = s.add<aws::EcsTaskDefinition>(u)
                  .family(u)
                  .requires_compatibilities({"FARGATE"})
                  .cpu("512")
                  .memory("1024")
                  .network_mode("awsvpc")
                  .task_role_arn(execution_role.arn())
                  .execution_role_arn(execution_role.arn())
                  .runtime_platform(aws::EcsTaskDefinition::RuntimePlatform{}
                                        .operating_system_family("LINUX")
                                        .cpu_architecture("ARM64"))
                  .container_definitions(doc::container_definitions({proxy, app_container(u, sh, logs, port)}));

  auto service = s.add<aws::EcsService>(u)
                     .name(u)
                     .cluster(sh.cluster.id())
                     .task_definition(task.arn())
                     .desired_count(2)
                     .launch_type("FARGATE")
                     .health_check_grace_period_seconds(60)
                     .network_configuration(aws::EcsService::NetworkConfiguration{}
                                                .subnets(splat(sh.private_subnets, &aws::Subnet::id))
                                                .assign_public_ip(false)
                                                .security_groups({sh.service_sg.id()}))
                     .deployment_controller(aws::EcsService::DeploymentController{}.type("CODE_DEPLOY"))
                     .load_balancer(aws::EcsService::LoadBalancer{}
                                        .target_group_arn(blue.arn())
                                        .container_name("proxy")
                                        .container_port(80))
                     .lifecycle(Lifecycle{}.ignore_changes({"desired_count", "task_definition"}));

  auto scaling = s.add<aws::AppautoscalingTarget>(u)
                     .min_capacity(2)
                     .max_capacity(10)
                     .resource_id("service/" + sh.cluster.name() + "/" + service.name())
                     .scalable_dimension("ecs:service:DesiredCount")
                     .service_namespace("ecs");
  using Step = aws::AppautoscalingPolicy::StepScalingPolicyConfiguration;
  auto scale_out = s.add<aws::AppautoscalingPolicy>(u)
                       .name(u + "-scale-out")
                       .policy_type("StepScaling")
                       .resource_id(scaling.resource_id())
                       .scalable_dimension(scaling.scalable_dimension())
                       .service_namespace(scaling.service_namespace())
                       .step_scaling_policy_configuration(
                           Step{}
                               .adjustment_type("PercentChangeInCapacity")
                               .cooldown(60)
                               .metric_aggregation_type("Average")
                               .step_adjustment(Step::StepAdjustment{}.metric_interval_lower_bound("0").scaling_adjustment(50)));
  s.add<aws::CloudwatchMetricAlarm>(u)
      .alarm_name(u + "-cpu-high")
      .comparison_operator("GreaterThanOrEqualToThreshold")
      .evaluation_periods(3)
      .metric_name("CPUUtilization")
      .namespace_("AWS/ECS")
      .period(60)
      .statistic("Average")
      .threshold(70)
      .dimensions({{"ClusterName", sh.cluster.name()}, {"ServiceName", service.name()}})
      .alarm_actions({scale_out.arn()});

  auto deploy_role = role(s, u + "-deploy", "codedeploy.amazonaws.com");
  attach(s, u + "-deploy", deploy_role, "AWSCodeDeployRoleForECS");
  using Group = aws::CodedeployDeploymentGroup;
  using Pair = Group::LoadBalancerInfo::TargetGroupPairInfo;
  s.add<Group>(u)
      .app_name(sh.deploy_app.name())
      .deployment_group_name(u)
      .service_role_arn(deploy_role.arn())
      .deployment_config_name("CodeDeployDefault.ECSAllAtOnce")
      .auto_rollback_configuration(Group::AutoRollbackConfiguration{}.enabled(true).events({"DEPLOYMENT_FAILURE"}))
      .blue_green_deployment_config(
          Group::BlueGreenDeploymentConfig{}
              .deployment_ready_option(
                  Group::BlueGreenDeploymentConfig::DeploymentReadyOption{}.action_on_timeout("CONTINUE_DEPLOYMENT"))
              .terminate_blue_instances_on_deployment_success(
                  Group::BlueGreenDeploymentConfig::TerminateBlueInstancesOnDeploymentSuccess{}
                      .action("TERMINATE")
                      .termination_wait_time_in_minutes(5)))
      .deployment_style(Group::DeploymentStyle{}.deployment_option("WITH_TRAFFIC_CONTROL").deployment_type("BLUE_GREEN"))
      .ecs_service(Group::EcsService{}.cluster_name(sh.cluster.name()).service_name(service.name()))
      .load_balancer_info(Group::LoadBalancerInfo{}.target_group_pair_info(
          Pair{}
              .prod_traffic_route(Pair::ProdTrafficRoute{}.listener_arns({sh.https.arn()}))
              .target_group(Pair::TargetGroup{}.name(blue.name()))
              .target_group(Pair::TargetGroup{}.name(green.name()))));

  s.add<aws::Route53Record>(u)
      .zone_id(sh.zone.zone_id())
      .name(u + "." + sh.domain)
      .type("A")
      .alias(aws::Route53Record::Alias{}.name(sh.alb.dns_name()).zone_id(sh.alb.zone_id()).evaluate_target_health(true));
}

}  // namespace

void build_synthetic_stack(Stack& s, std::size_t units) {
  Shared sh = build_shared(s);
  for (std::size_t i = 0; i < units; ++i) build_unit(s, i, sh);
}

}  // namespace stackgen::bench
