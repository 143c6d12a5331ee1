// Registry: an ECR repository for a service's images, with the defaults a
// reviewer expects: immutable tags, scan on push, and a lifecycle policy
// that expires untagged images and keeps the newest N.
#pragma once

#include <optional>
#include <source_location>
#include <string>

#include "stackgen/aws/ecr_lifecycle_policy.hpp"
#include "stackgen/aws/ecr_repository.hpp"
#include "stackgen/core/stack.hpp"

namespace stackgen::patterns {

struct RegistryOptions {
  /// IMMUTABLE tags: a release tag always names the image it was pushed as.
  bool immutable_tags = true;
  bool scan_on_push = true;
  /// Lifecycle rule 1: expire untagged images this many days after the push
  /// (0: no such rule).
  int expire_untagged_after_days = 7;
  /// Lifecycle rule 2: keep at most this many images (0: no such rule).
  /// With both 0 the repository has no lifecycle policy.
  int keep_images = 90;
};

/// What registry() declared, to reach in and override.
struct Registry {
  aws::EcrRepository repository;
  /// `<name>-lifecycle`, unless both lifecycle rules are off.
  std::optional<aws::EcrLifecyclePolicy> lifecycle_policy;
};

/// Declares `aws_ecr_repository.<name>` named `repository_name` and, when a
/// rule is on, `aws_ecr_lifecycle_policy.<name>-lifecycle`. Negative counts
/// throw stackgen::Error at the caller's line.
Registry registry(Stack& s, const std::string& name, const Expr<std::string>& repository_name,
                  const RegistryOptions& options = {}, std::source_location where = std::source_location::current());

}  // namespace stackgen::patterns
