// Registration of `keencho-hardened`: the hardened design deployed by CodeDeploy.
#include "keencho_hardened/hardened.hpp"

#include <stackgen/patterns/codedeploy_blue_green.hpp>

#include "keencho/shared.hpp"

namespace keencho::hardened {

Hardened build_hardened(stackgen::Stack& s, stackgen::patterns::ServiceDeployment deployment, const Environment& env,
                        const Dns* dns) {
  // Fix 7: each target group checks the path its server answers: the
  // production nginx /health-check, the test instance's /alb/health-check.
  Inputs in = declare_inputs(s, {.app_name = env.app_name.c_str(),
                                 .database_credentials = false,
                                 .health_check_path = "/health-check",
                                 .test_health_check_path = env.test_instance ? "/alb/health-check" : nullptr});
  const auto project_tag = [&](auto& d) { d.tags({{"Project", in.app_project_name}}); };
  s.provider<aws::Provider>().region(in.aws_region).default_tags(project_tag);
  auto us_east_1 = s.provider<aws::Provider>("us-east-1").region("us-east-1").default_tags(project_tag);

  Network net = build_network(s, in);
  Dns own = dns ? *dns : build_dns(s, in, us_east_1);
  Edge edge = build_edge(s, in, net, own, env);
  Frontend frontend = build_frontend(s, in, own, edge, env);
  Backend backend = build_backend(s, in, net, edge, deployment, env);
  return Hardened{in, edge, backend, frontend};
}

stackgen::patterns::CodeDeployBlueGreen deploy_with_codedeploy(stackgen::Stack& s, const Hardened& h,
                                                               const Environment& env) {
  // Linear, through the test listener first, rolled back on failure and on
  // the 5xx alarm, reported to the topic.
  auto deployment = reference_deployment(h.in, h.backend.cluster, h.backend.app, h.edge.https_listener, env.app_name);
  deployment.test_listener = h.edge.test_listener;
  deployment.deployment_config = stackgen::patterns::EcsDeploymentConfig::linear_10_percent_every_1_minute();
  deployment.rollback_alarms = {h.backend.unhealthy.alarm_name()};
  deployment.notification_topic_arn = h.backend.alerts.arn();
  deployment.terminate_blue_after_minutes = 5;
  return stackgen::patterns::codedeploy_blue_green(s, "app-deploy", deployment);
}

void deployment_files(stackgen::Stack& s, const Hardened& h,
                      std::optional<stackgen::patterns::CodeDeployBlueGreen> codedeploy, const std::string& branch) {
  auto settings = application_delivery(h.frontend, h.backend.cluster, h.backend.app, codedeploy);
  settings.branch = branch;
  stackgen::delivery::deployment_files(s, settings);
}

namespace {

void hardened_stack(stackgen::Stack& s) {
  auto h = build_hardened(s, stackgen::patterns::ServiceDeployment::codedeploy_blue_green);
  deployment_files(s, h, deploy_with_codedeploy(s, h));
}

const stackgen::StackRegistration registration{"keencho-hardened", hardened_stack};

}  // namespace
}  // namespace keencho::hardened
