// Where a stack keeps its state: typed `s3` and `local` backends whose state
// key (path) is derived from the stack's name, so that the stacks of one
// program never share a state file by a copied string.
//
// Partial configuration: what is left unset here (typically the bucket and
// region, which differ per account) is given at `terraform init
// -backend-config=FILE` by CI; the emitted block then holds only what is the
// same everywhere.
#pragma once

#include <optional>
#include <source_location>
#include <string>

#include "stackgen/core/terraform_settings.hpp"

namespace stackgen {

class Stack;

struct S3BackendSettings {
  /// Unset: given at init (`-backend-config="bucket=..."`).
  std::optional<std::string> bucket{};
  /// Unset: given at init, or from AWS_REGION.
  std::optional<std::string> region{};
  /// The state object: `<key_prefix><stack name>/terraform.tfstate` unless set.
  std::optional<std::string> key{};
  std::string key_prefix{};
  /// Locks with a `.tflock` object next to the state (Terraform >= 1.10).
  bool use_lockfile = true;
  /// The DynamoDB lock table of older setups; with use_lockfile too while
  /// migrating from one to the other (Terraform takes both locks).
  std::optional<std::string> dynamodb_table{};
  /// Encrypts the state object with this KMS key instead of SSE-S3.
  std::optional<std::string> kms_key_id{};
  /// Where `terraform workspace` states go (default "env:").
  std::optional<std::string> workspace_key_prefix{};
};

/// backend "s3" for `stack`: encrypted, locked, its key derived from the
/// stack's name. Throws stackgen::Error at the caller's line for a key that
/// is empty, absolute or has an empty segment, a bucket name S3 refuses, and
/// a state without any lock (neither use_lockfile nor a DynamoDB table:
/// two applies at once would overwrite each other's state).
Backend s3_backend(const Stack& stack, const S3BackendSettings& settings,
                   std::source_location where = std::source_location::current());

/// backend "local" at `<directory>/<stack name>.tfstate` ("" : next to the
/// configuration, `<stack name>.tfstate`).
Backend local_backend(const Stack& stack, const std::string& directory = "",
                      std::source_location where = std::source_location::current());

}  // namespace stackgen
