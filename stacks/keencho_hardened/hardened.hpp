// keencho-hardened: the reference infrastructure with every weakness of the
// spec's "Known weaknesses" list fixed. Network and DNS are the reference's
// own code; the edge (ALB, test instance), front end and back end are
// rebuilt here. docs/hardened-stack.md maps each weakness to its fix.
// keencho-native (stacks/keencho_native) is this design with ECS-native
// blue/green instead of CodeDeploy.
#pragma once

#include <stackgen/aws/cloudwatch_metric_alarm.hpp>
#include <stackgen/aws/ecs_cluster.hpp>
#include <stackgen/aws/sns_topic.hpp>
#include <stackgen/patterns/codedeploy_blue_green.hpp>
#include <stackgen/patterns/fargate_service.hpp>

#include "keencho/keencho.hpp"

namespace keencho::hardened {

struct Edge {
  aws::SecurityGroup alb_security_group;
  aws::Lb alb;
  aws::LbListener https_listener;
  aws::LbListener test_listener;  // blue/green test traffic (port 8443)
};

/// The back end as the deployment wiring needs it.
struct Backend {
  aws::EcsCluster cluster;
  stackgen::patterns::FargateService app;
  aws::SnsTopic alerts;            ///< deployment and alarm notifications
  aws::CloudwatchMetricAlarm unhealthy;  ///< 5xx from the service: roll back
};

/// What differs between environments of the hardened design
/// (stacks/keencho_environments: keencho-test and keencho-prod). The
/// defaults are keencho-hardened, one stack with the spec's test instance.
struct Environment {
  /// var.app_name's default and the prefix of every literal name (cluster,
  /// database, ALB, CodeDeploy): two environments share one account.
  std::string app_name = "app";
  /// Of the hosts: app-admin<suffix>.<domain> ("-test": the spec's test hosts).
  std::string host_suffix{};
  /// The spec's test EC2 instance behind the ALB, for the *-test hosts.
  bool test_instance = true;
  int desired_tasks = 2;
  int min_tasks = 2;
  int max_tasks = 8;
};

/// The whole hardened design except how deployments are wired:
/// keencho-hardened adds CodeDeploy, keencho-native ECS-native blue/green.
struct Hardened {
  Inputs in;
  Edge edge;
  Backend backend;
  Frontend frontend;
};
/// `dns`: the zone and certificates of another stack (a dependency of this
/// one, read through its remote state); unset: declared here.
Hardened build_hardened(stackgen::Stack& s, stackgen::patterns::ServiceDeployment deployment,
                        const Environment& env = {}, const Dns* dns = nullptr);
/// CodeDeploy blue/green as keencho-hardened wires it (fix 6).
/// Returns the CodeDeploy application and group.
stackgen::patterns::CodeDeployBlueGreen deploy_with_codedeploy(stackgen::Stack& s, const Hardened& h,
                                                               const Environment& env = {});
/// out/<stack>/deploy/ (docs/delivery.md): the three images, both SPAs, and
/// CodeDeploy when given; pushes to `branch` deploy.
void deployment_files(stackgen::Stack& s, const Hardened& h,
                      std::optional<stackgen::patterns::CodeDeployBlueGreen> codedeploy, const std::string& branch = "main");

Edge build_edge(stackgen::Stack& s, const Inputs& in, const Network& net, const Dns& dns, const Environment& env);
Frontend build_frontend(stackgen::Stack& s, const Inputs& in, const Dns& dns, const Edge& edge, const Environment& env);
Backend build_backend(stackgen::Stack& s, const Inputs& in, const Network& net, const Edge& edge,
                      stackgen::patterns::ServiceDeployment deployment, const Environment& env);

}  // namespace keencho::hardened
