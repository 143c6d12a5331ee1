#include "stackgen/awsdoc/container_definition.hpp"

#include <algorithm>
#include <set>

#include "stackgen/core/error.hpp"
#include "stackgen/core/functions.hpp"

namespace stackgen::awsdoc {
namespace {

Value strings(const std::vector<Expr<std::string>>& v) {
  std::vector<Value> items;
  for (const auto& s : v) items.push_back(s.value());
  return Value::list(items);
}

// Name/value pairs sorted by name, as the provider orders them.
Value sorted_pairs(std::vector<std::pair<std::string, Value>> pairs, const char* value_key) {
  std::stable_sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Value> items;
  for (auto& [name, value] : pairs) items.push_back(Value::object({{"name", Value(name)}, {value_key, value}}));
  return Value::list(items);
}

/// A literal number, when the expression is one.
std::optional<double> literal_number(const Expr<Number>& e) {
  double d = 0;
  if (e.value().as_number(d)) return d;
  return std::nullopt;
}

}  // namespace

ContainerDefinition::ContainerDefinition(Expr<std::string> name) : name_(std::move(name)) {}
ContainerDefinition::ContainerDefinition(const ContainerDefinition&) = default;
ContainerDefinition::ContainerDefinition(ContainerDefinition&&) noexcept = default;
ContainerDefinition& ContainerDefinition::operator=(const ContainerDefinition&) = default;
ContainerDefinition& ContainerDefinition::operator=(ContainerDefinition&&) noexcept = default;
ContainerDefinition::~ContainerDefinition() = default;

ContainerDefinition& ContainerDefinition::image(const Expr<std::string>& v) {
  image_ = v.value();
  return *this;
}

ContainerDefinition& ContainerDefinition::cpu(const Expr<Number>& units) {
  cpu_ = units;
  return *this;
}

ContainerDefinition& ContainerDefinition::memory(const Expr<Number>& mib) {
  memory_ = mib;
  return *this;
}

ContainerDefinition& ContainerDefinition::memory_reservation(const Expr<Number>& mib) {
  memory_reservation_ = mib;
  return *this;
}

ContainerDefinition& ContainerDefinition::essential(const Expr<bool>& on) {
  essential_ = on;
  return *this;
}

ContainerDefinition& ContainerDefinition::port(const Expr<Number>& container_port) {
  PortMapping m;
  m.container_port = container_port;
  port_mappings_.push_back(std::move(m));
  return *this;
}

ContainerDefinition& ContainerDefinition::port_mapping(PortMapping m) {
  port_mappings_.push_back(std::move(m));
  return *this;
}

ContainerDefinition& ContainerDefinition::environment(std::string name, const Expr<std::string>& value) {
  environment_.emplace_back(std::move(name), value.value());
  return *this;
}

ContainerDefinition& ContainerDefinition::secret(std::string name, const Expr<std::string>& value_from) {
  secrets_.emplace_back(std::move(name), value_from.value());
  return *this;
}

ContainerDefinition& ContainerDefinition::mount_point(MountPoint m) {
  mount_points_.push_back(std::move(m));
  return *this;
}

ContainerDefinition& ContainerDefinition::health_check(HealthCheck h) {
  health_check_ = std::move(h);
  return *this;
}

ContainerDefinition& ContainerDefinition::log_configuration(LogConfiguration l) {
  log_configuration_ = std::move(l);
  return *this;
}

ContainerDefinition& ContainerDefinition::command(std::vector<Expr<std::string>> c) {
  command_ = std::move(c);
  return *this;
}

ContainerDefinition& ContainerDefinition::entry_point(std::vector<Expr<std::string>> e) {
  entry_point_ = std::move(e);
  return *this;
}

ContainerDefinition& ContainerDefinition::working_directory(const Expr<std::string>& d) {
  working_directory_ = d;
  return *this;
}

ContainerDefinition& ContainerDefinition::readonly_root_filesystem(const Expr<bool>& on) {
  readonly_root_filesystem_ = on;
  return *this;
}

ContainerDefinition& ContainerDefinition::user(const Expr<std::string>& u) {
  user_ = u;
  return *this;
}

ContainerDefinition& ContainerDefinition::depends_on_container(const Expr<std::string>& container, const Expr<std::string>& condition) {
  depends_on_.emplace_back(container, condition);
  return *this;
}

std::optional<std::string> ContainerDefinition::literal_name() const {
  if (auto s = name_.value().as_string()) return std::string(*s);
  return std::nullopt;
}

Value ContainerDefinition::to_value(bool awsvpc) const {
  std::vector<Value::Field> f;
  f.emplace_back("name", name_.value());
  if (!image_.is_null()) f.emplace_back("image", image_);
  if (cpu_) f.emplace_back("cpu", cpu_->value());
  if (memory_) f.emplace_back("memory", memory_->value());
  if (memory_reservation_) f.emplace_back("memoryReservation", memory_reservation_->value());
  f.emplace_back("essential", essential_.value());
  if (!port_mappings_.empty()) {
    std::vector<Value> ports;
    for (const auto& p : port_mappings_) {
      std::vector<Value::Field> pf;
      pf.emplace_back("containerPort", p.container_port.value());
      // A literal 0 host port means "any": under awsvpc it is the container port.
      std::optional<Value> host;
      if (p.host_port && literal_number(*p.host_port) != 0.0) host = p.host_port->value();
      if (awsvpc && !host) host = p.container_port.value();
      if (host) pf.emplace_back("hostPort", *host);
      if (!(p.protocol.value().as_string() == std::optional<std::string_view>("tcp")))
        pf.emplace_back("protocol", p.protocol.value());
      if (p.name) pf.emplace_back("name", p.name->value());
      if (p.app_protocol) pf.emplace_back("appProtocol", p.app_protocol->value());
      ports.push_back(Value::object(pf));
    }
    f.emplace_back("portMappings", Value::list(ports));
  }
  if (!environment_.empty()) f.emplace_back("environment", sorted_pairs(environment_, "value"));
  if (!secrets_.empty()) f.emplace_back("secrets", sorted_pairs(secrets_, "valueFrom"));
  if (!mount_points_.empty()) {
    std::vector<Value> mounts;
    for (const auto& m : mount_points_) {
      std::vector<Value::Field> mf{{"sourceVolume", m.source_volume.value()},
                                   {"containerPath", m.container_path.value()}};
      // The API echoes readOnly only when it was registered; emit it only when set.
      if (m.read_only) mf.emplace_back("readOnly", true);
      mounts.push_back(Value::object(mf));
    }
    f.emplace_back("mountPoints", Value::list(mounts));
  }
  if (health_check_) {
    const auto& h = *health_check_;
    std::vector<Value::Field> hf{{"command", strings(h.command)},
                                 {"interval", h.interval.value()},
                                 {"retries", h.retries.value()},
                                 {"timeout", h.timeout.value()}};
    if (h.start_period) hf.emplace_back("startPeriod", h.start_period->value());
    f.emplace_back("healthCheck", Value::object(hf));
  }
  if (log_configuration_) {
    std::vector<Value::Field> opts;
    for (const auto& [k, v] : log_configuration_->options) opts.emplace_back(k, v.value());
    std::vector<Value::Field> lf{{"logDriver", Value(log_configuration_->log_driver)}};
    if (!opts.empty()) lf.emplace_back("options", Value::object(opts));
    f.emplace_back("logConfiguration", Value::object(lf));
  }
  if (!command_.empty()) f.emplace_back("command", strings(command_));
  if (!entry_point_.empty()) f.emplace_back("entryPoint", strings(entry_point_));
  if (working_directory_) f.emplace_back("workingDirectory", working_directory_->value());
  if (user_) f.emplace_back("user", user_->value());
  if (readonly_root_filesystem_) f.emplace_back("readonlyRootFilesystem", readonly_root_filesystem_->value());
  if (!depends_on_.empty()) {
    std::vector<Value> deps;
    for (const auto& [c, cond] : depends_on_)
      deps.push_back(Value::object({{"containerName", c.value()}, {"condition", cond.value()}}));
    f.emplace_back("dependsOn", Value::list(deps));
  }
  return Value::object(f);
}

Expr<std::string> container_definitions(std::vector<ContainerDefinition> containers, NetworkMode mode,
                                        std::source_location where) {
  // Literal names sorted (as AWS returns them); expression names after them,
  // in the order given.
  std::stable_sort(containers.begin(), containers.end(), [](const auto& a, const auto& b) {
    auto x = a.literal_name(), y = b.literal_name();
    if (x && y) return *x < *y;
    return x.has_value() && !y.has_value();
  });
  std::set<std::string> names;
  std::vector<Value> items;
  for (const auto& c : containers) {
    if (auto n = c.literal_name(); n && !names.insert(*n).second)
      throw Error("duplicate container name '" + *n + "' in container definitions", SourceLocation::from(where),
                  "aws.ecs-container-name");
    items.push_back(c.to_value(mode == NetworkMode::awsvpc));
  }
  return jsonencode(Value::list(items));
}

}  // namespace stackgen::awsdoc
