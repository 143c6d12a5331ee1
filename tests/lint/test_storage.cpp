// Stateful services: S3 buckets and their companions, RDS, EFS, ECR.
#include <stackgen/aws/db_instance.hpp>
#include <stackgen/aws/db_subnet_group.hpp>
#include <stackgen/aws/ecr_lifecycle_policy.hpp>
#include <stackgen/aws/ecr_repository.hpp>
#include <stackgen/aws/efs_file_system.hpp>
#include <stackgen/aws/internet_gateway.hpp>
#include <stackgen/aws/route.hpp>
#include <stackgen/aws/route_table.hpp>
#include <stackgen/aws/route_table_association.hpp>
#include <stackgen/aws/s3_bucket.hpp>
#include <stackgen/aws/s3_bucket_acl.hpp>
#include <stackgen/aws/s3_bucket_logging.hpp>
#include <stackgen/aws/s3_bucket_ownership_controls.hpp>
#include <stackgen/aws/s3_bucket_public_access_block.hpp>
#include <stackgen/aws/s3_bucket_server_side_encryption_configuration.hpp>
#include <stackgen/aws/s3_bucket_versioning.hpp>
#include <stackgen/aws/subnet.hpp>
#include <stackgen/aws/vpc.hpp>

#include "lint_support.hpp"

namespace aws = stackgen::aws;
using lint_test::expect_finding;
using lint_test::expect_no_finding;
using lint_test::findings;
using stackgen::Severity;
using stackgen::splat;
using stackgen::Stack;

namespace {

/// Encryption, public access block, enforced ownership and versioning.
void protect(Stack& s, const aws::S3Bucket& bucket, const std::string& name) {
  using Sse = aws::S3BucketServerSideEncryptionConfiguration;
  s.add<Sse>(name + "-sse")
      .bucket(bucket.id())
      .rule(Sse::Rule{}.apply_server_side_encryption_by_default(
          Sse::Rule::ApplyServerSideEncryptionByDefault{}.sse_algorithm("aws:kms")));
  s.add<aws::S3BucketPublicAccessBlock>(name + "-pab")
      .bucket(bucket.id())
      .block_public_acls(true)
      .block_public_policy(true)
      .ignore_public_acls(true)
      .restrict_public_buckets(true);
  s.add<aws::S3BucketOwnershipControls>(name + "-ownership")
      .bucket(bucket.id())
      .rule(aws::S3BucketOwnershipControls::Rule{}.object_ownership("BucketOwnerEnforced"));
  s.add<aws::S3BucketVersioning>(name + "-versioning")
      .bucket(bucket.id())
      .versioning_configuration(
          aws::S3BucketVersioning::VersioningConfiguration{}.status("Enabled"));
}

/// A bucket with every companion the S3 rules look for, logging to a
/// protected log bucket.
aws::S3Bucket hardened_bucket(Stack& s, const std::string& name) {
  auto bucket = s.add<aws::S3Bucket>(name).bucket(name);
  auto logs = s.add<aws::S3Bucket>(name + "-logs").bucket(name + "-logs");
  protect(s, bucket, name);
  protect(s, logs, name + "-logs");
  s.add<aws::S3BucketLogging>(name + "-logging")
      .bucket(bucket.id())
      .target_bucket(logs.id())
      .target_prefix("s3/");
  return bucket;
}

aws::DbInstance database(Stack& s, std::source_location where = std::source_location::current()) {
  return s.add<aws::DbInstance>("db", where)
      .identifier("app")
      .engine("postgres")
      .instance_class("db.t3.micro")
      .allocated_storage(20)
      .username("app")
      .manage_master_user_password(true)
      .storage_encrypted(true)
      .deletion_protection(true)
      .final_snapshot_identifier("app-final");
}

}  // namespace

TEST_CASE("S3: buckets with all companions have no findings", "[lint][storage]") {
  Stack s("t");
  hardened_bucket(s, "data");
  auto all = lint_test::run(s);
  INFO(lint_test::describe(all));
  CHECK(all.items().empty());
}

TEST_CASE("sec.s3-no-encryption", "[lint][storage]") {
  Stack s("t");
  const unsigned line = __LINE__ + 1;
  s.add<aws::S3Bucket>("b").bucket("plain");
  expect_finding(s, "sec.s3-no-encryption", Severity::warning, line);

  Stack literal("t");
  literal.add<aws::S3Bucket>("b").bucket("by-name");
  using Sse = aws::S3BucketServerSideEncryptionConfiguration;
  literal.add<Sse>("sse").bucket("by-name").rule(
      Sse::Rule{}.apply_server_side_encryption_by_default(
          Sse::Rule::ApplyServerSideEncryptionByDefault{}.sse_algorithm("AES256")));
  expect_no_finding(literal, "sec.s3-no-encryption");
}

TEST_CASE("sec.s3-no-public-access-block", "[lint][storage]") {
  Stack s("t");
  const unsigned line = __LINE__ + 1;
  s.add<aws::S3Bucket>("b").bucket("plain");
  expect_finding(s, "sec.s3-no-public-access-block", Severity::warning, line);

  Stack partial("t");
  const unsigned partial_line = __LINE__ + 1;
  auto bucket = partial.add<aws::S3Bucket>("b").bucket("partial");
  partial.add<aws::S3BucketPublicAccessBlock>("pab")
      .bucket(bucket.id())
      .block_public_acls(true)
      .block_public_policy(false);
  auto d =
      expect_finding(partial, "sec.s3-no-public-access-block", Severity::warning, partial_line);
  CHECK(d.message.find("block_public_policy, ignore_public_acls, restrict_public_buckets") !=
        std::string::npos);

  Stack ok("t");
  hardened_bucket(ok, "data");
  expect_no_finding(ok, "sec.s3-no-public-access-block");
}

TEST_CASE("sec.s3-acl-ownership", "[lint][storage]") {
  Stack s("t");
  const unsigned line = __LINE__ + 1;
  auto bucket = s.add<aws::S3Bucket>("b").bucket("acl");
  auto ownership =
      s.add<aws::S3BucketOwnershipControls>("o")
          .bucket(bucket.id())
          .rule(aws::S3BucketOwnershipControls::Rule{}.object_ownership("BucketOwnerPreferred"));
  s.add<aws::S3BucketAcl>("acl").bucket(bucket.id()).acl("private").depends_on({ownership});
  auto d = expect_finding(s, "sec.s3-acl-ownership", Severity::warning, line);
  CHECK(d.message.find("aws_s3_bucket_acl.acl") != std::string::npos);
  CHECK(d.message.find("BucketOwnerPreferred") != std::string::npos);

  Stack ok("t");
  hardened_bucket(ok, "data");
  ok.add<aws::S3Bucket>("default").bucket(
      "default-ownership");  // BucketOwnerEnforced is the default
  expect_no_finding(ok, "sec.s3-acl-ownership");
}

TEST_CASE("sec.s3-no-versioning", "[lint][storage]") {
  Stack s("t");
  const unsigned line = __LINE__ + 1;
  auto bucket = s.add<aws::S3Bucket>("b").bucket("suspended");
  s.add<aws::S3BucketVersioning>("v")
      .bucket(bucket.id())
      .versioning_configuration(
          aws::S3BucketVersioning::VersioningConfiguration{}.status("Suspended"));
  expect_finding(s, "sec.s3-no-versioning", Severity::warning, line);

  Stack ok("t");
  hardened_bucket(ok, "data");
  expect_no_finding(ok, "sec.s3-no-versioning");
}

TEST_CASE("sec.s3-no-access-logging", "[lint][storage]") {
  Stack s("t");
  const unsigned line = __LINE__ + 1;
  s.add<aws::S3Bucket>("b").bucket("quiet");
  expect_finding(s, "sec.s3-no-access-logging", Severity::warning, line);

  Stack ok("t");
  hardened_bucket(ok, "data");  // its log bucket is a log target: not judged
  expect_no_finding(ok, "sec.s3-no-access-logging");
}

TEST_CASE("sec.s3-force-destroy", "[lint][storage]") {
  Stack s("t");
  const unsigned line = __LINE__ + 1;
  s.add<aws::S3Bucket>("b").bucket("scratch").force_destroy(true);
  expect_finding(s, "sec.s3-force-destroy", Severity::warning, line);

  Stack ok("t");
  ok.add<aws::S3Bucket>("b").bucket("keep").force_destroy(false);
  expect_no_finding(ok, "sec.s3-force-destroy");
}

TEST_CASE("sec.rds-public", "[lint][storage]") {
  Stack s("t");
  const unsigned line = __LINE__ + 1;
  database(s).publicly_accessible(true);
  expect_finding(s, "sec.rds-public", Severity::warning, line);

  Stack ok("t");
  database(ok).publicly_accessible(false);
  expect_no_finding(ok, "sec.rds-public");
}

TEST_CASE("sec.rds-unencrypted", "[lint][storage]") {
  Stack s("t");
  const unsigned line = __LINE__ + 1;
  database(s).storage_encrypted(false);
  expect_finding(s, "sec.rds-unencrypted", Severity::warning, line);

  Stack ok("t");
  database(ok);
  expect_no_finding(ok, "sec.rds-unencrypted");
}

TEST_CASE("sec.rds-master-password", "[lint][storage]") {
  Stack s("t");
  auto password = s.variable<std::string>("db_password").sensitive();
  const unsigned line = __LINE__ + 1;
  database(s).manage_master_user_password(false).password(password);
  auto d = expect_finding(s, "sec.rds-master-password", Severity::warning, line);
  CHECK(d.message.find("db_password") == std::string::npos);

  Stack ok("t");
  database(ok);
  expect_no_finding(ok, "sec.rds-master-password");
}

TEST_CASE("sec.rds-no-deletion-protection", "[lint][storage]") {
  Stack s("t");
  const unsigned line = __LINE__ + 1;
  s.add<aws::DbInstance>("db")
      .identifier("app")
      .instance_class("db.t3.micro")
      .storage_encrypted(true);
  expect_finding(s, "sec.rds-no-deletion-protection", Severity::warning, line);

  Stack ok("t");
  database(ok);
  expect_no_finding(ok, "sec.rds-no-deletion-protection");
}

TEST_CASE("sec.rds-skip-final-snapshot", "[lint][storage]") {
  Stack s("t");
  const unsigned line = __LINE__ + 1;
  database(s).skip_final_snapshot(true);
  expect_finding(s, "sec.rds-skip-final-snapshot", Severity::warning, line);

  Stack ok("t");
  database(ok).skip_final_snapshot(false);
  expect_no_finding(ok, "sec.rds-skip-final-snapshot");
}

TEST_CASE("sec.rds-public-subnets", "[lint][storage]") {
  SECTION("through the route table") {
    Stack s("t");
    auto vpc = s.add<aws::Vpc>("vpc").cidr_block("10.0.0.0/16");
    auto igw = s.add<aws::InternetGateway>("igw").vpc_id(vpc.id());
    auto rt = s.add<aws::RouteTable>("public").vpc_id(vpc.id());
    s.add<aws::Route>("default")
        .route_table_id(rt.id())
        .destination_cidr_block("0.0.0.0/0")
        .gateway_id(igw.id());
    auto subnets = s.add<aws::Subnet>("public").count(2).vpc_id(vpc.id()).cidr_block("10.0.0.0/24");
    s.add<aws::RouteTableAssociation>("a")
        .count(2)
        .subnet_id(subnets[stackgen::count_index()].id())
        .route_table_id(rt.id());
    const unsigned line = __LINE__ + 1;
    s.add<aws::DbSubnetGroup>("db").subnet_ids(splat(subnets, &aws::Subnet::id));
    auto d = expect_finding(s, "sec.rds-public-subnets", Severity::warning, line);
    CHECK(d.message.find("aws_subnet.public (route to an internet gateway)") != std::string::npos);
  }
  SECTION("private subnets") {
    Stack s("t");
    auto vpc = s.add<aws::Vpc>("vpc").cidr_block("10.0.0.0/16");
    auto rt = s.add<aws::RouteTable>("private").vpc_id(vpc.id());
    s.add<aws::Route>("nat")
        .route_table_id(rt.id())
        .destination_cidr_block("0.0.0.0/0")
        .nat_gateway_id("nat-1");
    auto a = s.add<aws::Subnet>("a").vpc_id(vpc.id()).cidr_block("10.0.5.0/24");
    auto b = s.add<aws::Subnet>("b")
                 .vpc_id(vpc.id())
                 .cidr_block("10.0.6.0/24")
                 .map_public_ip_on_launch(false);
    s.add<aws::RouteTableAssociation>("a").subnet_id(a.id()).route_table_id(rt.id());
    s.add<aws::DbSubnetGroup>("db").subnet_ids({a.id(), b.id()});
    expect_no_finding(s, "sec.rds-public-subnets");
  }
}

TEST_CASE("sec.efs-unencrypted", "[lint][storage]") {
  Stack s("t");
  const unsigned line = __LINE__ + 1;
  s.add<aws::EfsFileSystem>("fs").performance_mode("generalPurpose");
  expect_finding(s, "sec.efs-unencrypted", Severity::warning, line);

  Stack ok("t");
  ok.add<aws::EfsFileSystem>("fs").encrypted(true);
  expect_no_finding(ok, "sec.efs-unencrypted");
}

TEST_CASE("sec.ecr-mutable-tags, sec.ecr-no-scan-on-push, ops.ecr-no-lifecycle-policy",
          "[lint][storage]") {
  Stack s("t");
  const unsigned line = __LINE__ + 1;
  s.add<aws::EcrRepository>("repo").name("app");
  expect_finding(s, "sec.ecr-mutable-tags", Severity::warning, line);
  expect_finding(s, "sec.ecr-no-scan-on-push", Severity::warning, line);
  expect_finding(s, "ops.ecr-no-lifecycle-policy", Severity::warning, line);

  Stack ok("t");
  auto repo = ok.add<aws::EcrRepository>("repo")
                  .name("app")
                  .image_tag_mutability("IMMUTABLE")
                  .image_scanning_configuration(
                      aws::EcrRepository::ImageScanningConfiguration{}.scan_on_push(true));
  ok.add<aws::EcrLifecyclePolicy>("expire").repository(repo.name()).policy("{\"rules\": []}");
  for (const char* rule :
       {"sec.ecr-mutable-tags", "sec.ecr-no-scan-on-push", "ops.ecr-no-lifecycle-policy"})
    expect_no_finding(ok, rule);
}
