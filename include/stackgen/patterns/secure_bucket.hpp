// A private S3 bucket with the defaults a reviewer expects: object ownership
// enforced (ACLs disabled), every public access blocked, versioning,
// server-side encryption, and optionally server access logs.
#pragma once

#include <optional>
#include <string>

#include "stackgen/aws/s3_bucket.hpp"
#include "stackgen/core/stack.hpp"

namespace stackgen::patterns {

struct SecureBucketOptions {
  /// Bucket that receives server access logs (itself a SecureBucket).
  std::optional<aws::S3Bucket> access_log_bucket{};
  /// Expire noncurrent object versions after this many days (0: keep).
  int noncurrent_version_expiration_days = 90;
  /// Expire current objects after this many days (0: keep); for log buckets.
  int expiration_days = 0;
};

/// Declares `aws_s3_bucket.<name>` and its companions `<name>-ownership`,
/// `<name>-public-access-block`, `<name>-versioning`, `<name>-encryption`,
/// `<name>-lifecycle` and (with a log bucket) `<name>-logging`.
aws::S3Bucket secure_bucket(Stack& s, const std::string& name, const Expr<std::string>& bucket_name,
                            const SecureBucketOptions& options = {},
                            std::source_location where = std::source_location::current());

}  // namespace stackgen::patterns
