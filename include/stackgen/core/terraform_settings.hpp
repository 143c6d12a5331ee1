// The `terraform` block: required_version, required_providers, backend or cloud.
//
// Nothing in this block is a template, so nothing in it is escaped.
// required_providers is filled in from the bindings a stack uses (their
// registry source and the schema version they were generated from); set an
// entry here to widen or override the constraint.
#pragma once

#include <map>
#include <optional>
#include <source_location>
#include <string>
#include <utility>
#include <vector>

#include "stackgen/core/value.hpp"

namespace stackgen {

/// A backend configuration: `backend "<type>" { ... }`. Values are literals
/// (Terraform evaluates no expressions there).
class Backend {
 public:
  explicit Backend(std::string type) : type_(std::move(type)) {}
  Backend& set(std::string key, std::string value) {
    settings_[std::move(key)] = Setting{std::move(value)};
    return *this;
  }
  Backend& set(std::string key, bool value) {
    settings_[std::move(key)] = Setting{value};
    return *this;
  }
  /// A setting that is an object, a list or a number: s3's `assume_role =
  /// { role_arn = "..." }` or `endpoints = { s3 = "..." }`. Literal data
  /// only (Terraform reads backends before it evaluates anything): a
  /// reference or a function in it throws stackgen::Error at the call.
  Backend& set_value(std::string key, Value value, std::source_location where = std::source_location::current());

  struct Setting {
    Setting() = default;
    explicit Setting(std::string s) : text(std::move(s)) {}
    explicit Setting(bool b) : flag(b) {}
    explicit Setting(Value v) : value(std::move(v)) {}
    std::optional<std::string> text;
    std::optional<bool> flag;
    Value value;  ///< set_value's data (null otherwise)
  };
  const std::string& type() const { return type_; }
  const std::map<std::string, Setting>& settings() const { return settings_; }

 private:
  std::string type_;
  std::map<std::string, Setting> settings_;
};

/// backend "local"
inline Backend local_backend(std::string path = "terraform.tfstate") {
  return std::move(Backend("local").set("path", std::move(path)));
}

/// backend "s3" with state locking through S3 (use_lockfile, Terraform >= 1.10).
inline Backend s3_backend(std::string bucket, std::string key, std::string region) {
  Backend b("s3");
  b.set("bucket", std::move(bucket)).set("key", std::move(key)).set("region", std::move(region));
  b.set("encrypt", true).set("use_lockfile", true);
  return b;
}

/// `cloud { ... }`: state and runs in HCP Terraform or Terraform Enterprise,
/// instead of a backend. One way to choose workspaces: by name, or by tags
/// (checked at emit, as Terraform does); a project narrows either.
class Cloud {
 public:
  explicit Cloud(std::string organization) : organization_(std::move(organization)) {}
  /// Terraform Enterprise's host (default app.terraform.io).
  Cloud& hostname(std::string host) {
    hostname_ = std::move(host);
    return *this;
  }
  /// `workspaces { name = ... }`: this configuration is one workspace.
  Cloud& workspace(std::string name) {
    workspace_ = std::move(name);
    return *this;
  }
  /// `workspaces { tags = [...] }`: every workspace with these tags.
  Cloud& workspace_tags(std::vector<std::string> tags) {
    tags_ = std::move(tags);
    return *this;
  }
  /// `workspaces { project = ... }`.
  Cloud& project(std::string name) {
    project_ = std::move(name);
    return *this;
  }

  const std::string& organization() const { return organization_; }
  const std::optional<std::string>& hostname() const { return hostname_; }
  const std::optional<std::string>& workspace() const { return workspace_; }
  const std::optional<std::vector<std::string>>& workspace_tags() const { return tags_; }
  const std::optional<std::string>& project() const { return project_; }

 private:
  std::string organization_;
  std::optional<std::string> hostname_, workspace_, project_;
  std::optional<std::vector<std::string>> tags_;
};

struct RequiredProvider {
  std::string source;
  std::string version;
};

class TerraformSettings {
 public:
  TerraformSettings& required_version(std::string constraint) {
    required_version_ = std::move(constraint);
    return *this;
  }
  TerraformSettings& required_provider(std::string local_name, std::string source,
                                       std::string version) {
    required_providers_[std::move(local_name)] = {std::move(source), std::move(version)};
    return *this;
  }
  TerraformSettings& backend(Backend b) {
    backend_ = std::move(b);
    return *this;
  }
  /// HCP Terraform instead of a backend (a stack with both is an error at emit).
  TerraformSettings& cloud(Cloud c) {
    cloud_ = std::move(c);
    return *this;
  }

  const std::optional<std::string>& required_version() const { return required_version_; }
  const std::map<std::string, RequiredProvider>& required_providers() const {
    return required_providers_;
  }
  const std::optional<Backend>& backend() const { return backend_; }
  const std::optional<Cloud>& cloud() const { return cloud_; }

 private:
  std::optional<std::string> required_version_;
  std::map<std::string, RequiredProvider> required_providers_;
  std::optional<Backend> backend_;
  std::optional<Cloud> cloud_;
};

}  // namespace stackgen
