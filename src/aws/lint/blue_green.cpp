// Blue/green ECS deployments through CodeDeploy: the service, its
// deployment group, the two target groups and the production listener must
// fit together; and what CodeDeploy changes must be left to it.
#include <algorithm>
#include <set>
#include <unordered_map>

#include "lint.hpp"

namespace stackgen::lint {

std::vector<Block> deployment_groups_for(const Linter& l, Block service) {
  return l.referring("aws_codedeploy_deployment_group", "ecs_service.service_name", service,
                     "name");
}

std::vector<Block> pair_target_groups(const Linter& l, Block group) {
  Value pair = first_nested(first_nested(group, "load_balancer_info"), "target_group_pair_info");
  std::vector<Block> out;
  for (const auto& tg : nested(pair, "target_group")) {
    Value name = tg.field("name");
    Block t = l.target(name);
    if (!t || type_of(t) != "aws_lb_target_group") {
      t = Block();
      if (auto literal = literal_string(name)) {
        const auto& named = l.with_literal("aws_lb_target_group", "name", *literal);
        if (named.size() == 1) t = named.front();
      }
    }
    out.push_back(t);
  }
  return out;
}

namespace {

bool is_code_deploy(Block service) {
  auto type = literal_string(first_nested(service, "deployment_controller").field("type"));
  return type && *type == "CODE_DEPLOY";
}

/// Where a listener sends traffic: the target groups its default action
/// and its rules forward to, and whether some action could not be read.
struct Forwarding {
  std::set<Block> target_groups;
  bool unknown = false;
};

void add_forwards(const Linter& l, const Value& action, Forwarding& f) {
  auto type = literal_string(action.field("type"));
  if (!type) {
    f.unknown = true;
    return;
  }
  if (*type != "forward") return;
  std::vector<Value> arns{action.field("target_group_arn")};
  for (const auto& fwd : nested(action, "forward"))
    for (const auto& t : nested(fwd, "target_group")) arns.push_back(t.field("arn"));
  for (const auto& arn : arns) {
    if (is_unset(arn)) continue;
    if (Block t = l.target(arn))
      f.target_groups.insert(t);
    else
      f.unknown = true;
  }
}

/// Forwarding per listener, computed once (a shared listener may carry a
/// rule for each of thousands of services).
class ListenerForwarding {
 public:
  explicit ListenerForwarding(const Linter& l) : l_(l) {}
  const Forwarding& of(Block listener) {
    auto [it, inserted] = cache_.try_emplace(listener);
    if (!inserted) return it->second;
    for (const auto& a : nested(listener, "default_action")) add_forwards(l_, a, it->second);
    for (Block rule : l_.referring("aws_lb_listener_rule", "listener_arn", listener))
      for (const auto& a : nested(rule, "action")) add_forwards(l_, a, it->second);
    return it->second;
  }

 private:
  const Linter& l_;
  std::unordered_map<Block, Forwarding> cache_;
};

void check_group(const Linter& l, ListenerForwarding& forwarding, Block service,
                 Block group) {
  Value pair = first_nested(first_nested(group, "load_balancer_info"), "target_group_pair_info");
  const char* rule = "aws.codedeploy-blue-green";
  if (is_unset(pair)) {
    l.report(rule, group,
             "deploys CODE_DEPLOY service " + service.address() + " without target_group_pair_info",
             "add load_balancer_info.target_group_pair_info with the two target groups and the "
             "production listener");
    return;
  }
  auto entries = nested(pair, "target_group");
  if (entries.size() != 2) {
    l.report(rule, group,
             "target_group_pair_info names " + std::to_string(entries.size()) +
                 " target group(s); blue/green needs exactly two",
             "name the service's target group and a second, identical one");
    return;
  }
  auto pair_tgs = pair_target_groups(l, group);
  auto service_tgs = service_target_groups(l, service);
  Block service_tg = service_tgs.empty() ? Block() : service_tgs.front();
  if (service_tgs.empty()) {
    l.report(rule, group,
             "deploys " + service.address() +
                 ", which has no load_balancer block for CodeDeploy to shift",
             "give the service a load_balancer with one of the pair's target groups");
    return;
  }
  if (!service_tg || std::count(pair_tgs.begin(), pair_tgs.end(), Block())) return;
  if (std::find(pair_tgs.begin(), pair_tgs.end(), service_tg) == pair_tgs.end()) {
    l.report(rule, group,
             "neither target group of the pair is " + service_tg.address() + ", the one " +
                 service.address() + " is registered with",
             "make the service's load_balancer target group one of the pair");
    return;
  }
  auto listeners = l.targets(first_nested(pair, "prod_traffic_route").field("listener_arns"));
  if (listeners.empty()) return;
  for (Block listener : listeners) {
    if (type_of(listener) != "aws_lb_listener") return;
    const Forwarding& f = forwarding.of(listener);
    if (f.unknown || f.target_groups.count(service_tg)) return;
  }
  std::string names;
  for (Block listener : listeners) names += (names.empty() ? "" : ", ") + listener.address();
  l.report(rule, group,
           "production listener " + names + " does not forward to " + service_tg.address() +
               ", so CodeDeploy has no traffic to shift",
           "forward to the service's target group from the listener's default action or a listener "
           "rule");
}

/// A deployment group whose service name is an expression stackgen cannot
/// follow might deploy any service.
bool some_group_unknown(const Linter& l) {
  for (Block g : l.resources("aws_codedeploy_deployment_group")) {
    Value name = first_nested(g, "ecs_service").field("service_name");
    if (!is_unset(name) && !literal_string(name) && !l.target(name)) return true;
  }
  return false;
}

void check_service(const Linter& l, ListenerForwarding& forwarding, bool unknown_groups,
                   Block service) {
  if (!is_code_deploy(service)) return;
  auto groups = deployment_groups_for(l, service);
  if (groups.empty() && !unknown_groups) {
    l.report(
        "aws.codedeploy-blue-green", service,
        "deployment_controller is CODE_DEPLOY but no aws_codedeploy_deployment_group deploys this "
        "service",
        "add a deployment group with ecs_service { service_name = <this service>.name() } and a "
        "target_group_pair_info");
  }
  for (Block g : groups) check_group(l, forwarding, service, g);

  std::vector<std::string> missing;
  for (const char* a : {"task_definition", "load_balancer"})
    if (!ignores_changes(service, a)) missing.push_back(a);
  if (!missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : " and ") + m;
    l.report("ops.codedeploy-ecs-ignore-changes", service,
             "deployment_controller is CODE_DEPLOY but lifecycle.ignore_changes lacks " + list +
                 ": every apply after a deployment tries to undo it",
             "add Lifecycle{}.ignore_changes({\"task_definition\", \"load_balancer\"})");
  }
}

void check_deployment_group(const Linter& l, Block group) {
  Value pair = first_nested(first_nested(group, "load_balancer_info"), "target_group_pair_info");
  if (!is_unset(pair) && is_unset(first_nested(pair, "test_traffic_route")))
    l.report("ops.codedeploy-no-test-listener", group,
             "target_group_pair_info has no test_traffic_route: the green tasks get production "
             "traffic untested",
             "add a test listener (e.g. port 8443) and name it in test_traffic_route");
  if (nested(group, "trigger_configuration").empty())
    l.report("ops.codedeploy-no-notifications", group,
             "no trigger_configuration: nobody hears of failed or rolled-back deployments",
             "add a trigger_configuration with DeploymentFailure / DeploymentRollback events to an "
             "SNS topic");
}

}  // namespace

void check_blue_green(const Linter& l) {
  ListenerForwarding forwarding(l);
  bool unknown_groups = some_group_unknown(l);
  for (Block service : l.resources("aws_ecs_service"))
    check_service(l, forwarding, unknown_groups, service);
  for (Block group : l.resources("aws_codedeploy_deployment_group"))
    check_deployment_group(l, group);
}

}  // namespace stackgen::lint
