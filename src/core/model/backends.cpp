#include "stackgen/core/backends.hpp"

#include "stackgen/core/error.hpp"
#include "stackgen/core/stack.hpp"

namespace stackgen {

namespace {

[[noreturn]] void refuse(const std::string& what, std::source_location where) {
  throw Error("s3_backend: " + what, SourceLocation::from(where));
}

/// S3's rules for bucket names (general purpose buckets): 3..63 characters of
/// lowercase letters, digits, '.' and '-', beginning and ending with a letter
/// or digit, no "..".
bool is_bucket_name(const std::string& name) {
  if (name.size() < 3 || name.size() > 63) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!alnum(name.front()) || !alnum(name.back())) return false;
  for (char c : name)
    if (!alnum(c) && c != '.' && c != '-') return false;
  return name.find("..") == std::string::npos;
}

}  // namespace

Backend& Backend::set_value(std::string key, Value value, std::source_location where) {
  if (!value.is_literal())
    throw Error("backend \"" + type_ + "\" setting '" + key +
                    "' is not literal data: Terraform reads the backend before it evaluates any expression",
                SourceLocation::from(where), "core.invalid-terraform-settings");
  settings_[std::move(key)] = Setting{std::move(value)};
  return *this;
}

Backend s3_backend(const Stack& stack, const S3BackendSettings& in, std::source_location where) {
  const std::string key = in.key ? *in.key : in.key_prefix + stack.name() + "/terraform.tfstate";
  if (key.empty() || key.front() == '/' || key.find("//") != std::string::npos || key.back() == '/')
    refuse("state key \"" + key + "\" must be a relative object key without empty segments", where);
  if (in.bucket && !is_bucket_name(*in.bucket))
    refuse("\"" + *in.bucket + "\" is not an S3 bucket name (3..63 of a-z 0-9 . -, starting and ending alphanumeric)",
           where);
  if (!in.use_lockfile && !in.dynamodb_table)
    refuse("the state would have no lock (use_lockfile = false and no dynamodb_table): two applies at once would "
           "overwrite each other's state",
           where);
  Backend b("s3");
  if (in.bucket) b.set("bucket", *in.bucket);
  if (in.region) b.set("region", *in.region);
  b.set("key", key).set("encrypt", true);
  if (in.use_lockfile) b.set("use_lockfile", true);
  if (in.dynamodb_table) b.set("dynamodb_table", *in.dynamodb_table);
  if (in.kms_key_id) b.set("kms_key_id", *in.kms_key_id);
  if (in.workspace_key_prefix) b.set("workspace_key_prefix", *in.workspace_key_prefix);
  return b;
}

Backend local_backend(const Stack& stack, const std::string& directory, std::source_location where) {
  if (!directory.empty() && directory.back() == '/')
    throw Error("local_backend: directory \"" + directory + "\" must not end with '/'", SourceLocation::from(where));
  return local_backend((directory.empty() ? "" : directory + "/") + stack.name() + ".tfstate");
}

}  // namespace stackgen
