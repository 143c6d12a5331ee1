#include "stackgen/patterns/codedeploy_blue_green.hpp"

#include "stackgen/aws/data/iam_policy_document.hpp"
#include "stackgen/awsdoc/policy_document.hpp"
#include "stackgen/core/construct.hpp"
#include "stackgen/core/error.hpp"
#include "stackgen/core/lifecycle.hpp"
#include "declared.hpp"
#include "iam.hpp"

namespace stackgen::patterns {

CodeDeployBlueGreen codedeploy_blue_green(Stack& s, const std::string& name, const CodeDeployBlueGreenSettings& in,
                                          std::source_location where) {
  // Drawn as one cluster by `stackgen graph`.
  Construct scope(s, "codedeploy_blue_green " + name);
  auto fail = [&](const std::string& what) {
    throw Error("patterns::codedeploy_blue_green(\"" + name + "\"): " + what, SourceLocation::from(where));
  };
  if (in.blue.tf_address() == in.green.tf_address())
    fail("blue and green are the same target group (" + in.blue.tf_address() + "): CodeDeploy needs two to swap");
  if (in.test_listener && in.test_listener->tf_address() == in.production_listener.tf_address())
    fail("the test listener is the production listener (" + in.production_listener.tf_address() +
         "): test traffic would reach users");
  // CodeDeploy keeps the old task set for at most two days.
  if (in.terminate_blue_after_minutes < 0 || in.terminate_blue_after_minutes > 2880)
    fail("terminate_blue_after_minutes must be 0..2880");
  if (in.container_port < 1 || in.container_port > 65535) fail("container_port must be 1..65535");
  if (!in.test_listener && !in.without_test_listener)
    fail("no test listener: CodeDeploy would send production traffic to tasks nothing has tested "
         "(set test_listener, or without_test_listener = true to accept that)");
  if (auto why = detail::plain_http_listener(in.production_listener)) fail(*why);
  if (in.test_listener)
    if (auto why = detail::plain_http_listener(*in.test_listener)) fail(*why);
  if (auto why = detail::service_wired_elsewhere(in.service, "CODE_DEPLOY", "CodeDeploy")) fail(*why);

  // The service: only CodeDeploy moves its traffic.
  in.service.deployment_controller([](auto& c) { c.type("CODE_DEPLOY"); }).load_balancer([&](auto& l) {
    l.target_group_arn(in.blue.arn()).container_name(in.container_name).container_port(in.container_port);
  });
  if (in.ignore_what_codedeploy_changes)
    in.service.lifecycle(Lifecycle{}.ignore_changes({"desired_count", "task_definition", "load_balancer"}));

  auto application = s.add<aws::CodedeployApp>(name + "-app", where).compute_platform("ECS").name(in.application_name);
  Expr<std::string> trust = awsdoc::assume_role_policy("codedeploy.amazonaws.com").json();
  if (in.trust_policy_as_data_source)
    trust = s.add<aws::data::IamPolicyDocument>(name + "-assume-role", where)
                .statement([](auto& st) {
                  st.effect("Allow").actions({"sts:AssumeRole"}).principals([](auto& p) {
                    p.type("Service").identifiers({"codedeploy.amazonaws.com"});
                  });
                })
                .json();
  auto role = s.add<aws::IamRole>(name + "-role", where).name(in.role_name).assume_role_policy(trust);
  const std::string prefix = in.policy_attachment_prefix.empty() ? name : in.policy_attachment_prefix;
  auto attach = [&](const std::string& policy) {
    detail::attach_aws_policy(s, prefix + "-" + policy.substr(policy.rfind('/') + 1), role, policy, where);
  };
  if (in.also_attach_aws_codedeploy_role) attach("service-role/AWSCodeDeployRole");
  attach("AWSCodeDeployRoleForECS");

  auto group =
      s.add<aws::CodedeployDeploymentGroup>(name + "-group", where)
          .app_name(application.name())
          .deployment_group_name(in.deployment_group_name)
          .service_role_arn(role.arn())
          .deployment_config_name(in.deployment_config.name())
          .auto_rollback_configuration([&](auto& r) {
            r.enabled(in.rollback_on_failure);
            std::vector<Expr<std::string>> events;
            if (in.rollback_on_failure) events.push_back("DEPLOYMENT_FAILURE");
            if (in.rollback_on_failure && !in.rollback_alarms.empty()) events.push_back("DEPLOYMENT_STOP_ON_ALARM");
            if (!events.empty()) r.events(events);
          })
          .blue_green_deployment_config([&](auto& bg) {
            bg.deployment_ready_option([](auto& ready) { ready.action_on_timeout("CONTINUE_DEPLOYMENT"); });
            bg.terminate_blue_instances_on_deployment_success([&](auto& blue) {
              blue.action("TERMINATE").termination_wait_time_in_minutes(in.terminate_blue_after_minutes);
            });
          })
          .deployment_style([](auto& st) { st.deployment_option("WITH_TRAFFIC_CONTROL").deployment_type("BLUE_GREEN"); })
          .ecs_service([&](auto& e) { e.cluster_name(in.cluster.name()).service_name(in.service.name()); })
          .load_balancer_info([&](auto& info) {
            info.target_group_pair_info([&](auto& pair) {
              pair.prod_traffic_route([&](auto& route) { route.listener_arns({in.production_listener.arn()}); });
              if (in.test_listener)
                pair.test_traffic_route([&](auto& route) { route.listener_arns({in.test_listener->arn()}); });
              pair.target_group([&](auto& tg) { tg.name(in.blue.name()); });
              pair.target_group([&](auto& tg) { tg.name(in.green.name()); });
            });
          });
  if (!in.rollback_alarms.empty())
    group.alarm_configuration([&](auto& a) { a.enabled(true).alarms(in.rollback_alarms); });
  if (in.notification_topic_arn)
    group.trigger_configuration([&](auto& t) {
      t.trigger_name("deployments").trigger_target_arn(*in.notification_topic_arn);
      t.trigger_events({"DeploymentFailure", "DeploymentRollback", "DeploymentSuccess"});
    });

  if (in.outputs) {
    s.output(name + "-application", application.name(), where)
        .description("CodeDeploy application (aws deploy create-deployment --application-name)");
    s.output(name + "-deployment-group", group.deployment_group_name(), where)
        .description("CodeDeploy deployment group (--deployment-group-name)");
    s.output(name + "-container-name", in.container_name, where)
        .description("The AppSpec's LoadBalancerInfo.ContainerName");
    s.output(name + "-container-port", Expr<Number>(in.container_port), where)
        .description("The AppSpec's LoadBalancerInfo.ContainerPort");
  }
  return CodeDeployBlueGreen{application, role, group};
}

}  // namespace stackgen::patterns
