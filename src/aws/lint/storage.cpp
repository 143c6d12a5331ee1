// Stateful services: S3 buckets and their companion resources, RDS
// instances and subnet groups, EFS file systems, ECR repositories.
#include <set>

#include "lint.hpp"

namespace stackgen::lint {
namespace {

// --- S3

std::string addresses(const std::vector<Block>& blocks) {
  std::string out;
  for (Block b : blocks) out += (out.empty() ? "" : ", ") + b.address();
  return out;
}

void check_bucket(const Linter& l, Block bucket,
                  const std::set<Block>& log_targets) {
  auto companions = [&](std::string_view type) {
    return l.referring(type, "bucket", bucket, "bucket");
  };

  if (companions("aws_s3_bucket_server_side_encryption_configuration").empty() &&
      nested(bucket, "server_side_encryption_configuration").empty())
    l.report("sec.s3-no-encryption", bucket,
             "no aws_s3_bucket_server_side_encryption_configuration for this bucket: only the "
             "implicit SSE-S3 "
             "default, with no key under your control",
             "add an aws_s3_bucket_server_side_encryption_configuration (aws:kms with a customer "
             "managed key, or "
             "AES256 stated explicitly)");

  auto blocks = companions("aws_s3_bucket_public_access_block");
  if (blocks.empty()) {
    l.report("sec.s3-no-public-access-block", bucket,
             "no aws_s3_bucket_public_access_block for this bucket: a later ACL or policy can make "
             "it public",
             "add an aws_s3_bucket_public_access_block with all four settings true");
  } else {
    for (Block pab : blocks) {
      std::string off;
      for (const char* flag : {"block_public_acls", "block_public_policy", "ignore_public_acls",
                               "restrict_public_buckets"}) {
        Value v = attribute(pab, flag);
        if (is_unset(v) || literal_bool(v) == false)
          off += (off.empty() ? "" : ", ") + std::string(flag);
      }
      if (!off.empty())
        l.report("sec.s3-no-public-access-block", bucket,
                 pab.address() + " does not set " + off + " to true",
                 "set block_public_acls, block_public_policy, ignore_public_acls and "
                 "restrict_public_buckets");
    }
  }

  auto acls = companions("aws_s3_bucket_acl");
  std::string ownership;
  for (Block oc : companions("aws_s3_bucket_ownership_controls")) {
    auto o = literal_string(first_nested(oc, "rule").field("object_ownership"));
    if (o && *o != "BucketOwnerEnforced") ownership = *o;
  }
  if (!acls.empty() || !ownership.empty()) {
    std::string what = !acls.empty() ? "access is managed with ACLs (" + addresses(acls) + ")" : "";
    if (!ownership.empty())
      what +=
          (what.empty() ? "" : " under ") + std::string("object ownership ") + quoted(ownership);
    l.report("sec.s3-acl-ownership", bucket, what + " instead of BucketOwnerEnforced",
             "drop the aws_s3_bucket_acl, set object_ownership = \"BucketOwnerEnforced\" and grant "
             "access with the "
             "bucket policy");
  }

  bool versioned = false;
  for (Block v : companions("aws_s3_bucket_versioning")) {
    Value status = first_nested(v, "versioning_configuration").field("status");
    auto s = literal_string(status);
    if (!s || *s == "Enabled") versioned = true;
  }
  if (!versioned)
    l.report("sec.s3-no-versioning", bucket,
             "versioning is not enabled: an overwrite or delete loses the object for good",
             "add an aws_s3_bucket_versioning with status \"Enabled\" (and a lifecycle rule for "
             "old versions)");

  if (companions("aws_s3_bucket_logging").empty() && !log_targets.count(bucket))
    l.report("sec.s3-no-access-logging", bucket,
             "no aws_s3_bucket_logging: requests to the bucket leave no trail",
             "add an aws_s3_bucket_logging that writes to a separate log bucket (or use CloudTrail "
             "data events)");

  if (literal_bool(attribute(bucket, "force_destroy")).value_or(false))
    l.report("sec.s3-force-destroy", bucket,
             "force_destroy = true: destroying the stack deletes every object",
             "leave force_destroy unset for buckets holding data that matters");
}

void check_s3(const Linter& l) {
  std::set<Block> log_targets;
  for (Block lg : l.resources("aws_s3_bucket_logging"))
    if (Block t = l.target(attribute(lg, "target_bucket"))) log_targets.insert(t);
  for (Block d : l.resources("aws_cloudfront_distribution"))
    if (Block t = l.target(first_nested(d, "logging_config").field("bucket")))
      log_targets.insert(t);
  for (Block bucket : l.resources("aws_s3_bucket")) check_bucket(l, bucket, log_targets);
}

// --- RDS

void check_db_instance(const Linter& l, Block db) {
  if (literal_bool(attribute(db, "publicly_accessible")).value_or(false))
    l.report("sec.rds-public", db, "publicly_accessible = true: the database gets a public address",
             "keep databases private (publicly_accessible = false, private subnets); reach them "
             "through the "
             "application, a bastion or SSM port forwarding");

  Value encrypted = attribute(db, "storage_encrypted");
  if (is_unset(attribute(db, "replicate_source_db")) &&
      (is_unset(encrypted) || literal_bool(encrypted) == false))
    l.report("sec.rds-unencrypted", db,
             std::string("storage_encrypted is ") +
                 (is_unset(encrypted) ? "unset (false)" : "false") +
                 ": data, backups and snapshots are stored unencrypted",
             "set storage_encrypted = true (optionally kms_key_id); encryption cannot be switched "
             "on later "
             "without a snapshot restore");

  if (!is_unset(attribute(db, "password")) &&
      !literal_bool(attribute(db, "manage_master_user_password")).value_or(false))
    l.report("sec.rds-master-password", db,
             "the master password is passed through Terraform and stored in its state",
             "set manage_master_user_password = true (RDS keeps it in Secrets Manager) or use "
             "password_wo");

  Value protection = attribute(db, "deletion_protection");
  if (is_unset(protection) || literal_bool(protection) == false)
    l.report("sec.rds-no-deletion-protection", db,
             std::string("deletion_protection is ") +
                 (is_unset(protection) ? "unset (false)" : "false") +
                 ": one destroy removes the database",
             "set deletion_protection = true");

  if (literal_bool(attribute(db, "skip_final_snapshot")).value_or(false))
    l.report("sec.rds-skip-final-snapshot", db,
             "skip_final_snapshot = true: deleting the instance keeps no backup",
             "set skip_final_snapshot = false with a final_snapshot_identifier");
}

/// Subnets whose route tables send 0.0.0.0/0 to an internet gateway, or
/// that give instances public IPs.
class PublicSubnets {
 public:
  explicit PublicSubnets(const Linter& l) : l_(l) {
    for (Block r : l.resources("aws_route")) {
      if (to_internet_gateway(attribute(r, "gateway_id")))
        if (Block rt = l.target(attribute(r, "route_table_id"))) igw_tables_.insert(rt);
    }
    for (Block rt : l.resources("aws_route_table"))
      for (const auto& route : attribute(rt, "route").items())
        if (to_internet_gateway(route.field("gateway_id"))) igw_tables_.insert(rt);
  }

  /// Why the subnet is public, or "".
  std::string why(Block subnet) const {
    if (literal_bool(attribute(subnet, "map_public_ip_on_launch")).value_or(false))
      return "map_public_ip_on_launch";
    auto associations = l_.referring("aws_route_table_association", "subnet_id", subnet);
    for (Block a : associations) {
      Block rt = l_.target(attribute(a, "route_table_id"));
      if (rt && igw_tables_.count(rt)) return "route to an internet gateway";
    }
    if (!associations.empty()) return "";
    // Without an association the subnet uses its VPC's main route table.
    Block vpc = l_.target(attribute(subnet, "vpc_id"));
    if (!vpc) return "";
    for (Block m : l_.referring("aws_main_route_table_association", "vpc_id", vpc)) {
      Block rt = l_.target(attribute(m, "route_table_id"));
      if (rt && igw_tables_.count(rt)) return "main route table routes to an internet gateway";
    }
    return "";
  }

 private:
  bool to_internet_gateway(const Value& gateway) const {
    Block t = l_.target(gateway);
    if (t) return type_of(t) == "aws_internet_gateway";
    auto id = literal_string(gateway);
    return id && id->rfind("igw-", 0) == 0;
  }

  const Linter& l_;
  std::set<Block> igw_tables_;
};

void check_db_subnet_groups(const Linter& l) {
  PublicSubnets public_subnets(l);
  for (Block group : l.resources("aws_db_subnet_group")) {
    std::vector<std::string> found;
    std::set<Block> seen;
    for (Block subnet : l.targets(attribute(group, "subnet_ids"))) {
      if (type_of(subnet) != "aws_subnet" || !seen.insert(subnet).second) continue;
      std::string why = public_subnets.why(subnet);
      if (!why.empty()) found.push_back(subnet.address() + " (" + why + ")");
    }
    if (found.empty()) continue;
    std::string list;
    for (const auto& f : found) list += (list.empty() ? "" : ", ") + f;
    l.report("sec.rds-public-subnets", group, "places databases in public subnets: " + list,
             "use private subnets without a route to an internet gateway for databases");
  }
}

// --- EFS, ECR

void check_efs(const Linter& l) {
  for (Block fs : l.resources("aws_efs_file_system")) {
    Value encrypted = attribute(fs, "encrypted");
    if (is_unset(encrypted) || literal_bool(encrypted) == false)
      l.report("sec.efs-unencrypted", fs,
               std::string("encrypted is ") + (is_unset(encrypted) ? "unset (false)" : "false") +
                   ": files are stored unencrypted",
               "set encrypted = true (optionally kms_key_id); it cannot be changed after creation");
  }
}

void check_ecr(const Linter& l) {
  bool registry_scanning = !l.resources("aws_ecr_registry_scanning_configuration").empty();
  for (Block repo : l.resources("aws_ecr_repository")) {
    Value mutability = attribute(repo, "image_tag_mutability");
    auto m = literal_string(mutability);
    if (is_unset(mutability) || (m && m->rfind("MUTABLE", 0) == 0))
      l.report(
          "sec.ecr-mutable-tags", repo,
          "image_tag_mutability is " + (m ? quoted(*m) : std::string("unset (\"MUTABLE\")")) +
              ": a pushed tag can be silently replaced",
          "set image_tag_mutability = \"IMMUTABLE\" and tag images with a version or commit id");

    Value scan = first_nested(repo, "image_scanning_configuration").field("scan_on_push");
    if (!registry_scanning && (is_unset(scan) || literal_bool(scan) == false))
      l.report("sec.ecr-no-scan-on-push", repo,
               "images are not scanned for vulnerabilities on push",
               "add image_scanning_configuration with scan_on_push = true (or registry-level "
               "enhanced scanning)");

    if (l.referring("aws_ecr_lifecycle_policy", "repository", repo, "name").empty())
      l.report("ops.ecr-no-lifecycle-policy", repo,
               "no aws_ecr_lifecycle_policy: images accumulate without limit",
               "add an aws_ecr_lifecycle_policy that expires untagged images and keeps the last N "
               "tagged ones");
  }
}

}  // namespace

void check_storage(const Linter& l) {
  check_s3(l);
  for (Block db : l.resources("aws_db_instance")) check_db_instance(l, db);
  check_db_subnet_groups(l);
  check_efs(l);
  check_ecr(l);
}

}  // namespace stackgen::lint
