#include "stackgen/awsdoc/container_definition.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "stackgen/core/functions.hpp"

namespace stackgen::awsdoc {
namespace {

Value strings(const std::vector<std::string>& v) {
  std::vector<Value> items;
  for (const auto& s : v) items.emplace_back(s);
  return Value::list(std::move(items));
}

// Name/value pairs sorted by name, as the provider orders them.
Value sorted_pairs(std::vector<std::pair<std::string, Value>> pairs, const char* value_key) {
  std::stable_sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Value> items;
  for (auto& [name, value] : pairs)
    items.push_back(Value::object({{"name", Value(name)}, {value_key, value}}));
  return Value::list(std::move(items));
}

}  // namespace

Value ContainerDefinition::to_value(bool awsvpc) const {
  std::vector<Value::Field> f;
  f.emplace_back("name", Value(name_));
  if (!image_.is_null()) f.emplace_back("image", image_);
  if (cpu_) f.emplace_back("cpu", *cpu_);
  if (memory_) f.emplace_back("memory", *memory_);
  if (memory_reservation_) f.emplace_back("memoryReservation", *memory_reservation_);
  f.emplace_back("essential", essential_);
  if (!port_mappings_.empty()) {
    std::vector<Value> ports;
    for (const auto& p : port_mappings_) {
      std::vector<Value::Field> pf;
      pf.emplace_back("containerPort", p.container_port);
      std::optional<int> host = p.host_port && *p.host_port != 0 ? p.host_port : std::nullopt;
      if (awsvpc && !host) host = p.container_port;
      if (host) pf.emplace_back("hostPort", *host);
      if (p.protocol != "tcp") pf.emplace_back("protocol", Value(p.protocol));
      if (p.name) pf.emplace_back("name", Value(*p.name));
      if (p.app_protocol) pf.emplace_back("appProtocol", Value(*p.app_protocol));
      ports.push_back(Value::object(std::move(pf)));
    }
    f.emplace_back("portMappings", Value::list(std::move(ports)));
  }
  if (!environment_.empty()) f.emplace_back("environment", sorted_pairs(environment_, "value"));
  if (!secrets_.empty()) f.emplace_back("secrets", sorted_pairs(secrets_, "valueFrom"));
  if (!mount_points_.empty()) {
    std::vector<Value> mounts;
    for (const auto& m : mount_points_) {
      std::vector<Value::Field> mf{{"sourceVolume", Value(m.source_volume)},
                                   {"containerPath", Value(m.container_path)}};
      // The API echoes readOnly only when it was registered; emit it only when set.
      if (m.read_only) mf.emplace_back("readOnly", true);
      mounts.push_back(Value::object(std::move(mf)));
    }
    f.emplace_back("mountPoints", Value::list(std::move(mounts)));
  }
  if (health_check_) {
    const auto& h = *health_check_;
    std::vector<Value::Field> hf{{"command", strings(h.command)},
                                 {"interval", h.interval},
                                 {"retries", h.retries},
                                 {"timeout", h.timeout}};
    if (h.start_period) hf.emplace_back("startPeriod", *h.start_period);
    f.emplace_back("healthCheck", Value::object(std::move(hf)));
  }
  if (log_configuration_) {
    std::vector<Value::Field> opts;
    for (const auto& [k, v] : log_configuration_->options) opts.emplace_back(k, v.value());
    std::vector<Value::Field> lf{{"logDriver", Value(log_configuration_->log_driver)}};
    if (!opts.empty()) lf.emplace_back("options", Value::object(std::move(opts)));
    f.emplace_back("logConfiguration", Value::object(std::move(lf)));
  }
  if (!command_.empty()) f.emplace_back("command", strings(command_));
  if (!entry_point_.empty()) f.emplace_back("entryPoint", strings(entry_point_));
  if (working_directory_) f.emplace_back("workingDirectory", Value(*working_directory_));
  if (user_) f.emplace_back("user", Value(*user_));
  if (readonly_root_filesystem_) f.emplace_back("readonlyRootFilesystem", *readonly_root_filesystem_);
  if (!depends_on_.empty()) {
    std::vector<Value> deps;
    for (const auto& [c, cond] : depends_on_)
      deps.push_back(Value::object({{"containerName", Value(c)}, {"condition", Value(cond)}}));
    f.emplace_back("dependsOn", Value::list(std::move(deps)));
  }
  return Value::object(std::move(f));
}

Expr<std::string> container_definitions(std::vector<ContainerDefinition> containers, NetworkMode mode) {
  std::stable_sort(containers.begin(), containers.end(),
                   [](const auto& a, const auto& b) { return a.name() < b.name(); });
  std::set<std::string> names;
  std::vector<Value> items;
  for (const auto& c : containers) {
    if (!names.insert(c.name()).second)
      throw std::invalid_argument("duplicate container name '" + c.name() + "' in container definitions");
    items.push_back(c.to_value(mode == NetworkMode::awsvpc));
  }
  return jsonencode(Value::list(std::move(items)));
}

}  // namespace stackgen::awsdoc
