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

/// The whole hardened design except how deployments are wired:
/// keencho-hardened adds CodeDeploy, keencho-native ECS-native blue/green.
struct Hardened {
  Inputs in;
  Edge edge;
  Backend backend;
};
Hardened build_hardened(stackgen::Stack& s, stackgen::patterns::ServiceDeployment deployment);

Edge build_edge(stackgen::Stack& s, const Inputs& in, const Network& net, const Dns& dns);
void build_frontend(stackgen::Stack& s, const Inputs& in, const Dns& dns, const Edge& edge);
Backend build_backend(stackgen::Stack& s, const Inputs& in, const Network& net, const Edge& edge,
                      stackgen::patterns::ServiceDeployment deployment);

}  // namespace keencho::hardened
