#include "stackgen/patterns/secure_bucket.hpp"

#include "stackgen/aws/s3_bucket_lifecycle_configuration.hpp"
#include "stackgen/aws/s3_bucket_logging.hpp"
#include "stackgen/aws/s3_bucket_ownership_controls.hpp"
#include "stackgen/aws/s3_bucket_public_access_block.hpp"
#include "stackgen/aws/s3_bucket_server_side_encryption_configuration.hpp"
#include "stackgen/aws/s3_bucket_versioning.hpp"
#include "stackgen/core/construct.hpp"

namespace stackgen::patterns {

aws::S3Bucket secure_bucket(Stack& s, const std::string& name, const Expr<std::string>& bucket_name,
                            const SecureBucketOptions& options, std::source_location where) {
  // Drawn as one cluster by `stackgen graph`.
  Construct scope(s, "secure_bucket " + name);
  // Every companion is located at the caller's line: a finding about any of
  // them points at the stack code that asked for the bucket.
  auto bucket = s.add<aws::S3Bucket>(name, where).bucket(bucket_name);
  s.add<aws::S3BucketOwnershipControls>(name + "-ownership", where)
      .bucket(bucket.id())
      .rule(aws::S3BucketOwnershipControls::Rule{}.object_ownership("BucketOwnerEnforced"));
  s.add<aws::S3BucketPublicAccessBlock>(name + "-public-access-block", where)
      .bucket(bucket.id())
      .block_public_acls(true)
      .block_public_policy(true)
      .ignore_public_acls(true)
      .restrict_public_buckets(true);
  s.add<aws::S3BucketVersioning>(name + "-versioning", where)
      .bucket(bucket.id())
      .versioning_configuration(aws::S3BucketVersioning::VersioningConfiguration{}.status("Enabled"));
  using Sse = aws::S3BucketServerSideEncryptionConfiguration;
  s.add<Sse>(name + "-encryption", where)
      .bucket(bucket.id())
      .rule(Sse::Rule{}.apply_server_side_encryption_by_default(
          Sse::Rule::ApplyServerSideEncryptionByDefault{}.sse_algorithm("AES256")));

  using Lifecycle = aws::S3BucketLifecycleConfiguration;
  Lifecycle::Rule rule;
  rule.id("expire-old-versions").status("Enabled").filter(Lifecycle::Rule::Filter{}.prefix(""));
  if (options.noncurrent_version_expiration_days > 0)
    rule.noncurrent_version_expiration(
        Lifecycle::Rule::NoncurrentVersionExpiration{}.noncurrent_days(options.noncurrent_version_expiration_days));
  if (options.expiration_days > 0)
    rule.expiration(Lifecycle::Rule::Expiration{}.days(options.expiration_days));
  s.add<Lifecycle>(name + "-lifecycle", where).bucket(bucket.id()).rule(rule);

  if (options.access_log_bucket) {
    s.add<aws::S3BucketLogging>(name + "-logging", where)
        .bucket(bucket.id())
        .target_bucket(options.access_log_bucket->id())
        .target_prefix(name + "/");
  }
  return bucket;
}

}  // namespace stackgen::patterns
