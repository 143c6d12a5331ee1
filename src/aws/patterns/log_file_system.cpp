#include "stackgen/patterns/log_file_system.hpp"

#include "stackgen/core/construct.hpp"
#include "stackgen/core/error.hpp"

namespace stackgen::patterns {

LogFileSystem log_file_system(Stack& s, const std::string& name, const MountTargets& targets,
                              const LogFileSystemOptions& options, std::source_location where) {
  // Drawn as one cluster by `stackgen graph`.
  Construct scope(s, "log_file_system " + name);
  auto fail = [&](const std::string& what) {
    throw Error("patterns::log_file_system(\"" + name + "\"): " + what, SourceLocation::from(where));
  };
  if (targets.security_groups.empty())
    fail("the mount targets need at least one security group (EFS would use the VPC's default group)");
  if (options.access_point_path && (options.access_point_path->empty() || options.access_point_path->front() != '/'))
    fail("access_point_path must be an absolute path, not '" + *options.access_point_path + "'");
  if (options.posix_uid < 0 || options.posix_gid < 0) fail("posix_uid and posix_gid must be 0 or more");

  auto fs = s.add<aws::EfsFileSystem>(name, where)
                .encrypted(options.encrypted)
                .performance_mode(options.performance_mode)
                .throughput_mode(options.throughput_mode);
  if (!options.transition_to_ia.empty())
    fs.lifecycle_policy([&](auto& p) { p.transition_to_ia(options.transition_to_ia); });
  LogFileSystem out{.file_system = fs,
                    .mount_targets = s.add<aws::EfsMountTarget>(name + "-target", where)
                                         .count(targets.count)
                                         .file_system_id(fs.id())
                                         .subnet_id(targets.subnets[count_index()].id())
                                         .security_groups(targets.security_groups),
                    .access_point = std::nullopt};
  if (options.access_point_path) {
    out.access_point = s.add<aws::EfsAccessPoint>(name + "-access-point", where)
                           .file_system_id(fs.id())
                           .posix_user([&](auto& u) { u.uid(options.posix_uid).gid(options.posix_gid); })
                           .root_directory([&](auto& root) {
                             root.path(*options.access_point_path).creation_info([&](auto& c) {
                               c.owner_uid(options.posix_uid).owner_gid(options.posix_gid).permissions("0755");
                             });
                           });
  }
  return out;
}

}  // namespace stackgen::patterns
