// Registration of `keencho-hardened`: the hardened design deployed by CodeDeploy.
#include "keencho_hardened/hardened.hpp"

#include <stackgen/patterns/codedeploy_blue_green.hpp>

#include "keencho/shared.hpp"

namespace keencho::hardened {

Hardened build_hardened(stackgen::Stack& s, stackgen::patterns::ServiceDeployment deployment) {
  // Fix 7: each target group checks the path its server answers: the
  // production nginx /health-check, the test instance's /alb/health-check.
  Inputs in = declare_inputs(s, {.database_credentials = false,
                                 .health_check_path = "/health-check",
                                 .test_health_check_path = "/alb/health-check"});
  const auto project_tag = [&](auto& d) { d.tags({{"Project", in.app_project_name}}); };
  s.provider<aws::Provider>().region(in.aws_region).default_tags(project_tag);
  auto us_east_1 = s.provider<aws::Provider>("us-east-1").region("us-east-1").default_tags(project_tag);

  Network net = build_network(s, in);
  Dns dns = build_dns(s, in, us_east_1);
  Edge edge = build_edge(s, in, net, dns);
  build_frontend(s, in, dns, edge);
  Backend backend = build_backend(s, in, net, edge, deployment);
  return Hardened{in, edge, backend};
}

namespace {

void hardened_stack(stackgen::Stack& s) {
  auto [in, edge, backend] = build_hardened(s, stackgen::patterns::ServiceDeployment::codedeploy_blue_green);
  // CodeDeploy blue/green (fix 6): linear, through the test listener first,
  // rolled back on failure and on the 5xx alarm, reported to the topic.
  auto deployment = reference_deployment(in, backend.cluster, backend.app, edge.https_listener);
  deployment.test_listener = edge.test_listener;
  deployment.deployment_config = stackgen::patterns::EcsDeploymentConfig::linear_10_percent_every_1_minute();
  deployment.rollback_alarms = {backend.unhealthy.alarm_name()};
  deployment.notification_topic_arn = backend.alerts.arn();
  deployment.terminate_blue_after_minutes = 5;
  stackgen::patterns::codedeploy_blue_green(s, "app-deploy", deployment);
}

const stackgen::StackRegistration registration{"keencho-hardened", hardened_stack};

}  // namespace
}  // namespace keencho::hardened
