// ECS: Fargate sizes and network mode, load balancer containers and target
// types, secrets in container environments, roles, health checks that
// disagree, ignore_changes that hide stackgen-built definitions, and
// application autoscaling of services.
#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "lint.hpp"

namespace stackgen::lint {

bool secret_like_name(std::string_view name) {
  // Words: split on non-alphanumerics and lower->upper case changes.
  std::vector<std::string> words;
  std::string w;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool alnum = std::isalnum(static_cast<unsigned char>(c)) != 0;
    bool boundary = !alnum || (i > 0 && std::isupper(static_cast<unsigned char>(c)) &&
                               std::islower(static_cast<unsigned char>(name[i - 1])));
    if (boundary && !w.empty()) words.push_back(std::move(w)), w.clear();
    if (alnum) w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (!w.empty()) words.push_back(std::move(w));
  // A secret word makes a secret unless a later word says the value is
  // about the secret rather than the secret itself: db_password,
  // password_for_db, apiToken are secrets; password_length, token_ttl,
  // db_password_secret_arn are not. "key" only counts as the last word,
  // and not after "public" (SIGNING_KEY, not key_name or ssh_public_key).
  static constexpr std::string_view strong[] = {
      "password",    "passwd", "passphrase", "secret",    "token",     "credential",
      "credentials", "apikey", "privatekey", "accesskey", "secretkey",
  };
  static constexpr std::string_view about[] = {
      "arn",     "id",         "ids",     "name",   "names",    "length",    "ttl",
      "version", "path",       "file",    "prefix", "suffix",   "url",       "uri",
      "expiry",  "expiration", "type",    "policy", "kms",      "count",     "enabled",
      "days",    "seconds",    "minutes", "hours",  "rotation", "parameter", "ref",
  };
  auto in = [](const std::string& w, const auto& set) {
    return std::find(std::begin(set), std::end(set), w) != std::end(set);
  };
  bool secret = false;
  for (size_t i = 0; i < words.size(); ++i) {
    if (!in(words[i], strong)) continue;
    secret = std::none_of(words.begin() + static_cast<std::ptrdiff_t>(i) + 1, words.end(),
                          [&](const std::string& w) { return in(w, about); });
  }
  if (!words.empty() && words.back() == "key" &&
      (words.size() == 1 || words[words.size() - 2] != "public"))
    secret = true;
  return secret;
}

namespace {

bool lists(const Value& v, std::string_view item) {
  auto items = literal_strings(v);
  return items && std::find(items->begin(), items->end(), item) != items->end();
}

bool is_fargate_task(Block task) {
  return lists(attribute(task, "requires_compatibilities"), "FARGATE");
}

/// cpu units from "1024", 1024 or "1 vCPU".
std::optional<double> units(const Value& v, std::string_view unit_word, double per_unit) {
  if (auto n = literal_number(v)) return *n;
  auto s = literal_string(v);
  if (!s) return std::nullopt;
  std::string lower;
  for (char c : *s)
    if (c != ' ') lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.size() <= unit_word.size() ||
      lower.substr(lower.size() - unit_word.size()) != unit_word)
    return std::nullopt;
  Value number(lower.substr(0, lower.size() - unit_word.size()));
  auto n = literal_number(number);
  if (!n) return std::nullopt;
  return *n * per_unit;
}

/// The memory sizes (MiB) Fargate accepts for a cpu size, or empty.
std::vector<double> fargate_memory(double cpu) {
  struct Range {
    double cpu, from, to, step;
  };
  static constexpr Range ranges[] = {
      {256, 512, 512, 1},         {256, 1024, 2048, 1024},      {512, 1024, 4096, 1024},
      {1024, 2048, 8192, 1024},   {2048, 4096, 16384, 1024},    {4096, 8192, 30720, 1024},
      {8192, 16384, 61440, 4096}, {16384, 32768, 122880, 8192},
  };
  std::vector<double> out;
  for (const auto& r : ranges)
    if (r.cpu == cpu)
      for (double m = r.from; m <= r.to; m += r.step) out.push_back(m);
  return out;
}

void check_fargate(const Linter& l, Block task) {
  if (!is_fargate_task(task)) return;
  Value network_mode = attribute(task, "network_mode");
  auto mode = literal_string(network_mode);
  if (is_unset(network_mode) || (mode && *mode != "awsvpc"))
    l.report("aws.fargate-network-mode", task,
             "requires FARGATE but network_mode is " +
                 (mode ? quoted(*mode) : std::string("unset (bridge)")),
             "set network_mode = \"awsvpc\"; Fargate supports no other mode");

  Value cpu_value = attribute(task, "cpu"), memory_value = attribute(task, "memory");
  if (is_unset(cpu_value) || is_unset(memory_value)) {
    l.report("aws.fargate-cpu-memory", task,
             std::string("requires FARGATE but sets no task-level ") +
                 (is_unset(cpu_value) ? "cpu" : "memory"),
             "set cpu and memory on the task definition, e.g. cpu = \"256\", memory = \"512\"");
    return;
  }
  auto cpu = units(cpu_value, "vcpu", 1024);
  auto memory = units(memory_value, "gb", 1024);
  if (!cpu || !memory) return;
  auto allowed = fargate_memory(*cpu);
  if (allowed.empty()) {
    l.report("aws.fargate-cpu-memory", task, "cpu " + number_text(*cpu) + " is not a Fargate size",
             "use cpu 256, 512, 1024, 2048, 4096, 8192 or 16384");
  } else if (std::find(allowed.begin(), allowed.end(), *memory) == allowed.end()) {
    l.report("aws.fargate-cpu-memory", task,
             "memory " + number_text(*memory) + " MiB is not available with cpu " +
                 number_text(*cpu) + " on Fargate (" + number_text(allowed.front()) + "-" +
                 number_text(allowed.back()) + " MiB)",
             "pick a memory size Fargate offers for this cpu (see docs/rules.md for the table)");
  }
}

Block task_of(const Linter& l, Block service) {
  Block t = l.target(attribute(service, "task_definition"));
  return t && type_of(t) == "aws_ecs_task_definition" ? t : Block();
}

bool service_uses_fargate(Block service) {
  if (auto lt = literal_string(attribute(service, "launch_type")); lt && *lt == "FARGATE")
    return true;
  for (const auto& s : nested(service, "capacity_provider_strategy")) {
    auto p = literal_string(s.field("capacity_provider"));
    if (p && (*p == "FARGATE" || *p == "FARGATE_SPOT")) return true;
  }
  return false;
}

/// awsvpc: known from the task definition's network_mode or a Fargate launch.
bool service_is_awsvpc(const Linter& l, Block service) {
  if (service_uses_fargate(service)) return true;
  Block task = task_of(l, service);
  auto mode = task ? literal_string(attribute(task, "network_mode")) : std::nullopt;
  return mode && *mode == "awsvpc";
}

/// What the service checks need, gathered once per service.
struct ServiceView {
  Block service;
  Block task = Block();
  std::optional<std::vector<Value>> containers;      // stackgen-built definitions
  std::vector<Value> load_balancers;                 // load_balancer blocks
  std::vector<Block> target_groups;       // per load_balancer block
  std::vector<std::vector<Block>> pairs;  // per deployment group
};

ServiceView view_of(const Linter& l, Block service) {
  ServiceView v{service, Block(), std::nullopt, {}, {}, {}};
  v.task = task_of(l, service);
  if (v.task) v.containers = container_definitions(v.task);
  v.load_balancers = nested(service, "load_balancer");
  v.target_groups = service_target_groups(l, service);
  for (Block dg : deployment_groups_for(l, service))
    v.pairs.push_back(pair_target_groups(l, dg));
  return v;
}

void check_service_network(const ServiceView& v, const Linter& l) {
  Block service = v.service;
  Block task = v.task;
  if (!service_uses_fargate(service)) return;
  if (!task || is_fargate_task(task)) return;  // the task itself is checked
  Value network_mode = attribute(task, "network_mode");
  auto mode = literal_string(network_mode);
  if (is_unset(network_mode) || (mode && *mode != "awsvpc"))
    l.report("aws.fargate-network-mode", service,
             "runs on Fargate but " + task.address() + " has network_mode " +
                 (mode ? quoted(*mode) : std::string("unset (bridge)")),
             "set network_mode = \"awsvpc\" (and requires_compatibilities = [\"FARGATE\"]) on the "
             "task definition");
}

void check_load_balancer_containers(const ServiceView& v, const Linter& l) {
  Block service = v.service;
  Block task = v.task;
  const auto& containers = v.containers;
  if (!task || !containers) return;
  std::vector<std::string> names;
  for (const auto& c : *containers) {
    auto n = literal_string(c.field("name"));
    if (!n) return;
    names.push_back(*n);
  }
  std::string all;
  for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
  for (const auto& lb : v.load_balancers) {
    auto name = resolved_string(lb.field("container_name"));
    if (!name) continue;
    Value container = find_container(*containers, *name);
    if (is_unset(container)) {
      l.report("aws.ecs-load-balancer-container", service,
               "load_balancer container_name " + describe(lb.field("container_name")) +
                   " is not a container of " + task.address() + " (containers: " + all + ")",
               "name one of the task definition's containers");
      continue;
    }
    auto port = literal_number(lb.field("container_port"));
    if (!port) continue;
    std::string ports;
    bool found = false;
    for (const auto& m : container.field("portMappings").items()) {
      auto p = literal_number(m.field("containerPort"));
      if (!p) return;
      found = found || *p == *port;
      ports += (ports.empty() ? "" : ", ") + number_text(*p);
    }
    if (!found)
      l.report("aws.ecs-load-balancer-container", service,
               "load_balancer container_port " + number_text(*port) +
                   " is not a port mapping of container " + quoted(*name) + " (" +
                   (ports.empty() ? "no port mappings" : "ports: " + ports) + ")",
               "map the port in the container definition or route to a mapped port");
  }
}

void check_target_types(const ServiceView& v, const Linter& l) {
  Block service = v.service;
  if (!service_is_awsvpc(l, service)) return;
  std::vector<Block> groups = v.target_groups;
  for (const auto& pair : v.pairs) groups.insert(groups.end(), pair.begin(), pair.end());
  for (size_t i = 0; i < groups.size(); ++i) {
    Block tg = groups[i];
    if (!tg || std::find(groups.begin(), groups.begin() + i, tg) != groups.begin() + i) continue;
    Value type = attribute(tg, "target_type");
    auto t = is_unset(type) ? std::optional<std::string>("instance") : literal_string(type);
    if (t && *t != "ip")
      l.report("aws.target-type-ip", tg,
               "target_type " +
                   (is_unset(type) ? std::string("unset (\"instance\")") : quoted(*t)) + ", but " +
                   service.address() + " uses awsvpc networking and registers its tasks by IP",
               "set target_type = \"ip\"");
  }
}

void check_environment_secrets(const Linter& l, Block task) {
  auto containers = container_definitions(task);
  if (!containers) return;
  for (const auto& c : *containers) {
    std::vector<std::string> found;
    for (const auto& e : c.field("environment").items()) {
      auto name = literal_string(e.field("name"));
      Value value = e.field("value");
      std::string label = name ? *name : "an entry";
      if (name && secret_like_name(*name)) {
        found.push_back(label);
        continue;
      }
      std::string why = sensitive_reference(value);
      if (!why.empty()) why = "sensitive " + why;
      for (Block v : referenced_variables(value))
        if (why.empty() && secret_like_name(v.name())) why = v.address();
      if (!why.empty()) found.push_back(label + " (from " + why + ")");
    }
    if (found.empty()) continue;
    std::string list;
    for (const auto& f : found) list += (list.empty() ? "" : ", ") + f;
    auto container = literal_string(c.field("name"));
    l.report("sec.container-env-secret", task,
             "container " + (container ? quoted(*container) : std::string("?")) +
                 " passes secrets as plain environment values: " + list,
             "store them in Secrets Manager or SSM Parameter Store and pass them with "
             ".secret(name, arn) (the "
             "container's `secrets`), or use RDS-managed master passwords");
  }
}

/// `$(...)` or a backquoted command in a literal environment value: ECS
/// passes environment values to the container as they are, no shell
/// expands them (the reference's logging.file.name).
void check_environment_substitution(const Linter& l, Block task) {
  auto containers = container_definitions(task);
  if (!containers) return;
  for (const auto& c : *containers) {
    for (const auto& e : c.field("environment").items()) {
      auto value = literal_string(e.field("value"));
      if (!value || (value->find("$(") == std::string::npos && value->find('`') == std::string::npos)) continue;
      auto name = literal_string(e.field("name"));
      auto container = literal_string(c.field("name"));
      l.report("ops.ecs-env-shell-substitution", task,
               "container " + (container ? quoted(*container) : std::string("?")) + " sets " +
                   (name ? quoted(*name) : std::string("an environment entry")) +
                   " to a value with shell command substitution, which ECS never runs: the container sees "
                   "the text as written",
               "compute the value in the container's entrypoint (e.g. `export NAME=\"$(...)\"` before exec), or "
               "pass what it needs (the task ARN is in $ECS_CONTAINER_METADATA_URI_V4/task at run time)");
    }
  }
}

void check_roles(const Linter& l, Block task) {
  Value task_role = attribute(task, "task_role_arn"),
        execution_role = attribute(task, "execution_role_arn");
  if (is_unset(task_role) || is_unset(execution_role)) return;
  Block a = l.target(task_role);
  bool same = same_expression(task_role, execution_role) || (a && a == l.target(execution_role));
  if (same)
    l.report("sec.ecs-task-role-is-execution-role", task,
             "task_role_arn and execution_role_arn are the same role (" +
                 (a ? a.address() : describe(task_role)) +
                 "): the application gets every permission ECS needs to start it",
             "give the application its own task role with only what it calls; the execution role "
             "is for ECS "
             "(pulling images, writing logs, reading secrets)");
}

void check_ignore_container_definitions(const Linter& l, Block task) {
  if (!container_definitions(task) || !ignores_changes(task, "container_definitions")) return;
  l.report("ops.ignore-changes-container-definitions", task,
           "lifecycle.ignore_changes includes container_definitions, so changes to the containers "
           "are never applied",
           "drop it: awsdoc::container_definitions() emits the form AWS normalises to, so there is "
           "no perpetual diff");
}

/// The URL path a health check command probes: "/health-check" for
/// `curl -f http://localhost:80/health-check || exit 1`.
std::optional<std::string> probed_path(const Value& container) {
  auto command = literal_strings(container.field("healthCheck").field("command"));
  if (!command) return std::nullopt;
  for (const auto& part : *command) {
    auto scheme = part.find("://");
    if (scheme == std::string::npos) continue;
    auto slash = part.find('/', scheme + 3);
    auto end = part.find_first_of(" \t'\"?#", scheme + 3);
    if (slash == std::string::npos || (end != std::string::npos && slash > end))
      return std::string("/");
    return part.substr(slash, end == std::string::npos ? std::string::npos : end - slash);
  }
  return std::nullopt;
}

void check_health_check_paths(const ServiceView& v, const Linter& l,
                              std::unordered_set<Block>& reported) {
  Block service = v.service;
  Block task = v.task;
  const auto& containers = v.containers;
  if (!task || !containers) return;
  const auto& lbs = v.load_balancers;
  const auto& tgs = v.target_groups;
  for (size_t i = 0; i < lbs.size() && i < tgs.size(); ++i) {
    auto name = resolved_string(lbs[i].field("container_name"));
    if (!name) continue;
    Value container = find_container(*containers, *name);
    auto probed = probed_path(container);
    if (!probed) continue;
    // The service's target group, and its blue/green partners.
    std::vector<Block> groups{tgs[i]};
    for (const auto& pair : v.pairs)
      if (std::find(pair.begin(), pair.end(), tgs[i]) != pair.end())
        groups.insert(groups.end(), pair.begin(), pair.end());
    for (Block tg : groups) {
      if (!tg || reported.count(tg)) continue;
      Value hc = first_nested(tg, "health_check");
      auto protocol = literal_string(hc.field("protocol"));
      if (protocol && *protocol != "HTTP" && *protocol != "HTTPS") continue;
      Value path_value = hc.field("path");
      auto path =
          is_unset(path_value) ? std::optional<std::string>("/") : resolved_string(path_value);
      if (!path || *path == *probed) continue;
      reported.insert(tg);
      l.report("ops.health-check-path-mismatch", tg,
               "health check path " +
                   (is_unset(path_value) ? std::string("\"/\" (default)") : describe(path_value)) +
                   " differs from " + quoted(*probed) + ", the path container " + quoted(*name) +
                   " of " + task.address() + " checks for " + service.address(),
               "check the same endpoint in both places, so the load balancer and ECS agree on what "
               "healthy means");
    }
  }
}

// --- Application autoscaling

/// A literal string equal to `text` anywhere inside `v`.
bool has_literal(const Value& v, std::string_view text) {
  if (auto s = v.as_string()) return *s == text;
  for (const auto& item : inspect::operands(v))
    if (has_literal(item, text)) return true;
  for (auto [name, field] : v.fields())
    if (has_literal(field, text)) return true;
  return false;
}

std::string ecs_task_role_use(const Linter& l, Block role) {
  for (Block task : l.referring("aws_ecs_task_definition", "execution_role_arn", role))
    return "the execution role of " + task.address();
  for (Block task : l.referring("aws_ecs_task_definition", "task_role_arn", role))
    return "the task role of " + task.address();
  // A role only ECS tasks may assume.
  Value trust = attribute(role, "assume_role_policy");
  if (has_literal(trust, "ecs-tasks.amazonaws.com") &&
      !has_literal(trust, "application-autoscaling.amazonaws.com"))
    return "a role trusted only by ecs-tasks.amazonaws.com";
  return "";
}

void check_autoscaling(const Linter& l) {
  for (Block target : l.resources("aws_appautoscaling_target")) {
    Block role = l.target(attribute(target, "role_arn"));
    if (role && type_of(role) == "aws_iam_role") {
      std::string use = ecs_task_role_use(l, role);
      if (!use.empty())
        l.report("ops.autoscaling-role-is-task-role", target,
                 "role_arn is " + role.address() + ", " + use +
                     ": a role for ECS tasks, not for Application Auto "
                     "Scaling",
                 "omit role_arn (ECS scaling uses the service-linked role "
                 "AWSServiceRoleForApplicationAutoScaling_ECSService) or pass a role trusted by "
                 "application-autoscaling.amazonaws.com");
    }

    auto policies = l.referring("aws_appautoscaling_policy", "resource_id", target);
    if (policies.empty()) continue;
    bool scales_in = false, unknown = false;
    for (Block p : policies) {
      auto type = literal_string(attribute(p, "policy_type"));
      if (!type)
        unknown = true;
      else if (*type != "StepScaling")  // target tracking scales both ways unless told not to
        scales_in = scales_in ||
                    !literal_bool(first_nested(p, "target_tracking_scaling_policy_configuration")
                                      .field("disable_scale_in"))
                         .value_or(false);
      Value config = first_nested(p, "step_scaling_policy_configuration");
      auto adjustment = literal_string(config.field("adjustment_type"));
      if (adjustment && *adjustment == "ExactCapacity") unknown = true;
      for (const auto& step : nested(config, "step_adjustment")) {
        auto n = literal_number(step.field("scaling_adjustment"));
        if (!n)
          unknown = true;
        else if (*n < 0)
          scales_in = true;
      }
    }
    if (scales_in || unknown) continue;
    std::string names;
    for (Block p : policies) names += (names.empty() ? "" : ", ") + p.address();
    l.report("ops.autoscaling-no-scale-in", target,
             "only scale-out step policies (" + names +
                 "): capacity grows under load and never shrinks back",
             "add a scale-in step policy on a low alarm, or use one TargetTrackingScaling policy "
             "(e.g. 60% CPU)");
  }
}

}  // namespace

std::vector<Block> service_target_groups(const Linter& l, Block service) {
  std::vector<Block> out;
  for (const auto& lb : nested(service, "load_balancer")) {
    Block tg = l.target(lb.field("target_group_arn"));
    out.push_back(tg && type_of(tg) == "aws_lb_target_group" ? tg : Block());
  }
  return out;
}

void check_ecs(const Linter& l) {
  for (Block task : l.resources("aws_ecs_task_definition")) {
    check_fargate(l, task);
    check_environment_secrets(l, task);
    check_environment_substitution(l, task);
    check_roles(l, task);
    check_ignore_container_definitions(l, task);
  }
  std::unordered_set<Block> reported;
  for (Block service : l.resources("aws_ecs_service")) {
    ServiceView v = view_of(l, service);
    check_service_network(v, l);
    check_load_balancer_containers(v, l);
    check_target_types(v, l);
    check_health_check_paths(v, l, reported);
  }
  check_autoscaling(l);
}

}  // namespace stackgen::lint
