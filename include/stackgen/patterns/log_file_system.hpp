// LogFileSystem: an EFS file system that the tasks of a service write logs
// (or other shared files) to: encrypted, a mount target in each given
// subnet behind the given security groups, optionally an access point that
// pins the directory and the POSIX user.
#pragma once

#include <optional>
#include <source_location>
#include <string>
#include <vector>

#include "stackgen/aws/efs_access_point.hpp"
#include "stackgen/aws/efs_file_system.hpp"
#include "stackgen/aws/efs_mount_target.hpp"
#include "stackgen/aws/subnet.hpp"
#include "stackgen/core/stack.hpp"

namespace stackgen::patterns {

/// Where the file system is reachable: one mount target per subnet.
struct MountTargets {
  /// The subnets, declared with `count` (mount target i goes to subnets[i]).
  aws::Subnet subnets;
  /// How many: the subnets' count (e.g. `length(var.private_subnet_cidrs)`).
  Expr<Number> count;
  /// At least one: without, EFS puts the VPC's default group on the targets.
  std::vector<Expr<std::string>> security_groups;
};

struct LogFileSystemOptions {
  bool encrypted = true;
  std::string performance_mode = "generalPurpose";
  std::string throughput_mode = "bursting";
  /// Move files not read for this long to Infrequent Access ("" keeps them).
  std::string transition_to_ia = "AFTER_90_DAYS";
  /// With a path, an access point `<name>-access-point` whose root is this
  /// directory (created owned by the POSIX user) and whose clients act as
  /// that user.
  std::optional<std::string> access_point_path{};
  int posix_uid = 1000;
  int posix_gid = 1000;
};

/// What log_file_system() declared.
struct LogFileSystem {
  aws::EfsFileSystem file_system;
  aws::EfsMountTarget mount_targets;  ///< `<name>-target`, counted
  std::optional<aws::EfsAccessPoint> access_point;
};

/// Declares `aws_efs_file_system.<name>`, `aws_efs_mount_target.<name>-target`
/// (count = targets.count) and, with a path, `aws_efs_access_point.<name>-access-point`.
/// No security group, or an access point path that is not absolute, throws
/// stackgen::Error at the caller's line.
LogFileSystem log_file_system(Stack& s, const std::string& name, const MountTargets& targets,
                              const LogFileSystemOptions& options = {},
                              std::source_location where = std::source_location::current());

}  // namespace stackgen::patterns
