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
//
// Every value may come from Terraform (a variable, a reference, a function):
// names, images, cpu and memory, ports, environment values, secrets. Sorting
// uses literal names; containers whose names are expressions keep their
// order after the literal ones (AWS sorts by the evaluated name, so keep
// such names in order yourself).
#pragma once

#include <optional>
#include <source_location>
#include <string>
#include <vector>

#include "stackgen/core/expr.hpp"

namespace stackgen::awsdoc {

struct PortMapping {
  Expr<Number> container_port = 0;
  std::optional<Expr<Number>> host_port{};
  Expr<std::string> protocol = "tcp";            ///< "tcp" or "udp"
  std::optional<Expr<std::string>> name{};       ///< for Service Connect
  std::optional<Expr<std::string>> app_protocol{};
};

struct HealthCheck {
  std::vector<Expr<std::string>> command;  ///< e.g. {"CMD-SHELL", "curl -f http://localhost/ || exit 1"}
  Expr<Number> interval = 30;
  Expr<Number> retries = 3;
  Expr<Number> timeout = 5;
  std::optional<Expr<Number>> start_period{};
};

struct MountPoint {
  Expr<std::string> source_volume = "";
  Expr<std::string> container_path = "";
  bool read_only = false;
};

struct LogConfiguration {
  std::string log_driver = "awslogs";
  std::vector<std::pair<std::string, Expr<std::string>>> options;
};

class ContainerDefinition {
 public:
  explicit ContainerDefinition(Expr<std::string> name);
  // Out of line, as are the setters: each is compiled once in the library
  // instead of being instantiated in every stack file that builds a
  // container or a policy (a quarter of the seed back end's compile time).
  ContainerDefinition(const ContainerDefinition&);
  ContainerDefinition(ContainerDefinition&&) noexcept;
  ContainerDefinition& operator=(const ContainerDefinition&);
  ContainerDefinition& operator=(ContainerDefinition&&) noexcept;
  ~ContainerDefinition();

  ContainerDefinition& image(const Expr<std::string>& v);
  ContainerDefinition& cpu(const Expr<Number>& units);
  ContainerDefinition& memory(const Expr<Number>& mib);
  ContainerDefinition& memory_reservation(const Expr<Number>& mib);
  ContainerDefinition& essential(const Expr<bool>& on);
  ContainerDefinition& port(const Expr<Number>& container_port);
  ContainerDefinition& port_mapping(PortMapping m);
  /// A plain environment variable. Never a secret: use secret() for those
  /// (the lint flags secret-looking names here).
  ContainerDefinition& environment(std::string name, const Expr<std::string>& value);
  /// A secret injected from Secrets Manager or SSM Parameter Store (ARN).
  ContainerDefinition& secret(std::string name, const Expr<std::string>& value_from);
  ContainerDefinition& mount_point(MountPoint m);
  ContainerDefinition& health_check(HealthCheck h);
  ContainerDefinition& log_configuration(LogConfiguration l);
  ContainerDefinition& command(std::vector<Expr<std::string>> c);
  ContainerDefinition& entry_point(std::vector<Expr<std::string>> e);
  ContainerDefinition& working_directory(const Expr<std::string>& d);
  ContainerDefinition& readonly_root_filesystem(const Expr<bool>& on);
  ContainerDefinition& user(const Expr<std::string>& u);
  /// Start after `container` reaches `condition` (START, COMPLETE, SUCCESS, HEALTHY).
  ContainerDefinition& depends_on_container(const Expr<std::string>& container, const Expr<std::string>& condition);

  const Expr<std::string>& name() const { return name_; }
  /// The name when it is a literal; nullopt for an expression.
  std::optional<std::string> literal_name() const;
  const std::vector<PortMapping>& port_mappings() const { return port_mappings_; }
  bool has_log_configuration() const { return log_configuration_.has_value(); }

  /// The normalised JSON object of this container.
  Value to_value(bool awsvpc) const;

 private:
  Expr<std::string> name_;
  Value image_;
  std::optional<Expr<Number>> cpu_, memory_, memory_reservation_;
  Expr<bool> essential_ = true;
  std::vector<PortMapping> port_mappings_;
  std::vector<std::pair<std::string, Value>> environment_;
  std::vector<std::pair<std::string, Value>> secrets_;
  std::vector<MountPoint> mount_points_;
  std::optional<HealthCheck> health_check_;
  std::optional<LogConfiguration> log_configuration_;
  std::vector<Expr<std::string>> command_, entry_point_;
  std::optional<Expr<std::string>> working_directory_, user_;
  std::optional<Expr<bool>> readonly_root_filesystem_;
  std::vector<std::pair<Expr<std::string>, Expr<std::string>>> depends_on_;
};

enum class NetworkMode { awsvpc, bridge, host };

/// `jsonencode([...])` of the containers, normalised as described above.
/// Two containers with one literal name throw stackgen::Error, located at
/// the call.
Expr<std::string> container_definitions(std::vector<ContainerDefinition> containers,
                                        NetworkMode mode = NetworkMode::awsvpc,
                                        std::source_location where = std::source_location::current());

}  // namespace stackgen::awsdoc
