// ECS container definitions as typed C++ data.
//
// aws_ecs_task_definition.container_definitions is a JSON string. Written by
// hand it drifts: AWS returns it normalised, and any difference in form is a
// perpetual diff (the reason the reference stack had to ignore_changes it).
// container_definitions() emits exactly the normalised form the AWS
// provider compares against (internal/service/ecs/container_definitions.go):
//   - containers sorted by name; environment and secrets sorted by name;
//   - `essential` always explicit;
//   - port mappings: no `protocol: "tcp"` (the default), and under awsvpc
//     `hostPort` equal to `containerPort`;
//   - health checks with interval, retries and timeout explicit (AWS's
//     defaults 30 / 3 / 5 when not given);
//   - no empty arrays and no nulls; numbers are numbers, environment
//     values strings (the types below make anything else a compile error).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "stackgen/core/expr.hpp"

namespace stackgen::awsdoc {

struct PortMapping {
  int container_port = 0;
  std::optional<int> host_port{};
  std::string protocol = "tcp";        ///< "tcp" or "udp"
  std::optional<std::string> name{};  ///< for Service Connect
  std::optional<std::string> app_protocol{};
};

struct HealthCheck {
  std::vector<std::string> command;  ///< e.g. {"CMD-SHELL", "curl -f http://localhost/ || exit 1"}
  int interval = 30;
  int retries = 3;
  int timeout = 5;
  std::optional<int> start_period{};
};

struct MountPoint {
  std::string source_volume;
  std::string container_path;
  bool read_only = false;
};

struct LogConfiguration {
  std::string log_driver = "awslogs";
  std::vector<std::pair<std::string, Expr<std::string>>> options;
};

class ContainerDefinition {
 public:
  explicit ContainerDefinition(std::string name) : name_(std::move(name)) {}

  ContainerDefinition& image(const Expr<std::string>& v) { image_ = v.value(); return *this; }
  ContainerDefinition& cpu(int units) { cpu_ = units; return *this; }
  ContainerDefinition& memory(int mib) { memory_ = mib; return *this; }
  ContainerDefinition& memory_reservation(int mib) { memory_reservation_ = mib; return *this; }
  ContainerDefinition& essential(bool on) { essential_ = on; return *this; }
  ContainerDefinition& port(int container_port) {
    PortMapping m;
    m.container_port = container_port;
    port_mappings_.push_back(std::move(m));
    return *this;
  }
  ContainerDefinition& port_mapping(PortMapping m) { port_mappings_.push_back(std::move(m)); return *this; }
  /// A plain environment variable. Never a secret: use secret() for those
  /// (the lint flags secret-looking names here).
  ContainerDefinition& environment(std::string name, const Expr<std::string>& value) {
    environment_.emplace_back(std::move(name), value.value());
    return *this;
  }
  /// A secret injected from Secrets Manager or SSM Parameter Store (ARN).
  ContainerDefinition& secret(std::string name, const Expr<std::string>& value_from) {
    secrets_.emplace_back(std::move(name), value_from.value());
    return *this;
  }
  ContainerDefinition& mount_point(MountPoint m) { mount_points_.push_back(std::move(m)); return *this; }
  ContainerDefinition& health_check(HealthCheck h) { health_check_ = std::move(h); return *this; }
  ContainerDefinition& log_configuration(LogConfiguration l) { log_configuration_ = std::move(l); return *this; }
  ContainerDefinition& command(std::vector<std::string> c) { command_ = std::move(c); return *this; }
  ContainerDefinition& entry_point(std::vector<std::string> e) { entry_point_ = std::move(e); return *this; }
  ContainerDefinition& working_directory(std::string d) { working_directory_ = std::move(d); return *this; }
  ContainerDefinition& readonly_root_filesystem(bool on) { readonly_root_filesystem_ = on; return *this; }
  ContainerDefinition& user(std::string u) { user_ = std::move(u); return *this; }
  /// Start after `container` reaches `condition` (START, COMPLETE, SUCCESS, HEALTHY).
  ContainerDefinition& depends_on_container(std::string container, std::string condition) {
    depends_on_.emplace_back(std::move(container), std::move(condition));
    return *this;
  }

  const std::string& name() const { return name_; }
  const std::vector<PortMapping>& port_mappings() const { return port_mappings_; }

  /// The normalised JSON object of this container.
  Value to_value(bool awsvpc) const;

 private:
  std::string name_;
  Value image_;
  std::optional<int> cpu_, memory_, memory_reservation_;
  bool essential_ = true;
  std::vector<PortMapping> port_mappings_;
  std::vector<std::pair<std::string, Value>> environment_;
  std::vector<std::pair<std::string, Value>> secrets_;
  std::vector<MountPoint> mount_points_;
  std::optional<HealthCheck> health_check_;
  std::optional<LogConfiguration> log_configuration_;
  std::vector<std::string> command_, entry_point_;
  std::optional<std::string> working_directory_, user_;
  std::optional<bool> readonly_root_filesystem_;
  std::vector<std::pair<std::string, std::string>> depends_on_;
};

enum class NetworkMode { awsvpc, bridge, host };

/// `jsonencode([...])` of the containers, normalised as described above.
/// Throws std::invalid_argument for duplicate container names.
Expr<std::string> container_definitions(std::vector<ContainerDefinition> containers,
                                        NetworkMode mode = NetworkMode::awsvpc);

}  // namespace stackgen::awsdoc
