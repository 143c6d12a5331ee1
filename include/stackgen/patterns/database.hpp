// Database: an RDS instance where a reviewer expects it: in the given
// (private) subnets, not publicly accessible, storage encrypted, deletion
// protected with a final snapshot, backups kept, the master password managed
// by RDS in Secrets Manager and handed to containers as `secrets`.
#pragma once

#include <optional>
#include <source_location>
#include <string>
#include <vector>

#include "stackgen/aws/db_instance.hpp"
#include "stackgen/aws/db_parameter_group.hpp"
#include "stackgen/aws/db_subnet_group.hpp"
#include "stackgen/aws/subnet.hpp"
#include "stackgen/core/stack.hpp"

namespace stackgen::patterns {

struct DatabaseSettings {
  Expr<std::string> identifier;
  Expr<std::string> db_name;
  std::string engine = "postgres";
  Expr<std::string> engine_version;
  Expr<std::string> instance_class = "db.t3.micro";
  int allocated_storage = 20;
  std::string storage_type = "gp3";
  /// The subnets, declared with `count` (the database tier of patterns::network).
  aws::Subnet subnets;
  Expr<std::string> subnet_group_name;
  std::optional<Expr<Map<std::string>>> subnet_group_tags{};
  Expr<std::string> username;
  /// Unset (default): RDS generates the master password and keeps it in
  /// Secrets Manager (`manage_master_user_password`), so it is in neither
  /// the configuration nor the state. Set: that (sensitive) value.
  std::optional<Expr<std::string>> password{};
  /// The instance's security groups: open only to what queries it. At least one.
  std::vector<Expr<std::string>> security_group_ids;
  /// An existing parameter group by name, or...
  std::optional<Expr<std::string>> parameter_group_name{};
  /// ...with a family ("postgres15"), `<name>-parameters` with these parameters.
  std::optional<std::string> parameter_group_family{};
  std::vector<std::pair<std::string, Expr<std::string>>> parameters{};
  bool publicly_accessible = false;
  /// std::nullopt leaves the provider's default (reproductions of stacks that do).
  std::optional<bool> storage_encrypted = true;
  std::optional<bool> deletion_protection = true;
  std::optional<int> backup_retention_days = 7;
  bool skip_final_snapshot = false;
  /// Required unless skip_final_snapshot.
  std::optional<Expr<std::string>> final_snapshot_identifier{};
};

/// What database() declared.
struct Database {
  aws::DbInstance instance;             ///< `<name>`
  aws::DbSubnetGroup subnet_group;      ///< `<name>-subnet-group`
  std::optional<aws::DbParameterGroup> parameter_group;  ///< `<name>-parameters`
  /// The Secrets Manager secret of the managed master password (unset with
  /// an explicit password); for a container: `.secret("DB_PASSWORD",
  /// db.password_secret())`, and let the execution role read `*secret_arn`.
  std::optional<Expr<std::string>> secret_arn;
  Expr<std::string> username_secret() const { return *secret_arn + ":username::"; }
  Expr<std::string> password_secret() const { return *secret_arn + ":password::"; }
};

/// Declares `aws_db_instance.<name>`, `aws_db_subnet_group.<name>-subnet-group`
/// and with a family `aws_db_parameter_group.<name>-parameters`. Throws
/// stackgen::Error at the caller's line for: no security group, no final
/// snapshot identifier while keeping one, both a parameter group name and a
/// family, parameters without a family, storage under 20 GB.
Database database(Stack& s, const std::string& name, const DatabaseSettings& settings,
                  std::source_location where = std::source_location::current());

}  // namespace stackgen::patterns
