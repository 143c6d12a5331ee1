#include "stackgen/patterns/database.hpp"

#include "stackgen/core/construct.hpp"
#include "stackgen/core/error.hpp"
#include "stackgen/core/functions.hpp"

namespace stackgen::patterns {

Database database(Stack& s, const std::string& name, const DatabaseSettings& in, std::source_location where) {
  // Drawn as one cluster by `stackgen graph`.
  Construct scope(s, "database " + name);
  auto fail = [&](const std::string& what) {
    throw Error("patterns::database(\"" + name + "\"): " + what, SourceLocation::from(where));
  };
  if (in.security_group_ids.empty())
    fail("give the instance at least one security group (RDS would use the VPC's default group)");
  if (!in.skip_final_snapshot && !in.final_snapshot_identifier)
    fail("keeping a final snapshot needs final_snapshot_identifier (or set skip_final_snapshot)");
  if (in.parameter_group_name && in.parameter_group_family)
    fail("give either parameter_group_name (an existing group) or parameter_group_family (a new one), not both");
  if (!in.parameters.empty() && !in.parameter_group_family) fail("parameters need a parameter_group_family");
  // RDS's minimum for gp2/gp3 storage of PostgreSQL and MySQL.
  if (in.allocated_storage < 20) fail("allocated_storage must be at least 20 GB");

  auto subnet_group = s.add<aws::DbSubnetGroup>(name + "-subnet-group", where).name(in.subnet_group_name);
  if (in.subnet_group_tags) subnet_group.tags(*in.subnet_group_tags);
  subnet_group.subnet_ids(splat(in.subnets, &aws::Subnet::id));

  std::optional<aws::DbParameterGroup> parameters;
  if (in.parameter_group_family) {
    parameters = s.add<aws::DbParameterGroup>(name + "-parameters", where)
                     .name(in.identifier + "-parameters")
                     .family(*in.parameter_group_family);
    for (const auto& [parameter, value] : in.parameters)
      parameters->parameter([&](auto& p) { p.name(parameter).value_(value); });
  }

  auto db = s.add<aws::DbInstance>(name, where)
                .identifier(in.identifier)
                .db_name(in.db_name)
                .engine(in.engine)
                .engine_version(in.engine_version)
                .storage_type(in.storage_type)
                .allocated_storage(in.allocated_storage)
                .instance_class(in.instance_class)
                .username(in.username);
  if (in.password)
    db.password(*in.password);
  else
    db.manage_master_user_password(true);
  if (in.parameter_group_name) db.parameter_group_name(*in.parameter_group_name);
  if (parameters) db.parameter_group_name(parameters->name());
  if (in.storage_encrypted) db.storage_encrypted(*in.storage_encrypted);
  db.publicly_accessible(in.publicly_accessible);
  if (in.deletion_protection) db.deletion_protection(*in.deletion_protection);
  db.skip_final_snapshot(in.skip_final_snapshot);
  if (in.final_snapshot_identifier) db.final_snapshot_identifier(*in.final_snapshot_identifier);
  if (in.backup_retention_days) db.backup_retention_period(*in.backup_retention_days);
  db.vpc_security_group_ids(in.security_group_ids).db_subnet_group_name(subnet_group.name());

  std::optional<Expr<std::string>> secret;
  if (!in.password) secret = db.master_user_secret()[0].get<std::string>("secret_arn");
  return Database{db, subnet_group, parameters, secret};
}

}  // namespace stackgen::patterns
