// What the workflows of deployment_files() need, read from the stack once:
// names as shell words (a literal, or the variable a deploy output is
// exported as), the images to build, the sites to sync.
#pragma once

#include <string>
#include <vector>

#include <stackgen/delivery/deployment_files.hpp>

namespace stackgen::delivery::detail {

struct ImagePlan {
  std::string container;
  /// The stack's tag ("nginx-latest"); with `tag_variable`, what precedes
  /// the variable's value ("nginx-").
  std::string tag;
  /// The variable the tag ends in (`image_tag`): a release sets it.
  std::string tag_variable;
  std::string repository_url;  // shell word
  bool mutable_tags = true;
  std::string context;
  std::string dockerfile;
};

struct SitePlan {
  std::string name;
  std::string bucket;           // shell word
  std::string prefix;           // "admin/" or ""
  std::string distribution_id;  // shell word
  std::string directory;
  std::string build_command;
  std::string build_output;
};

/// How a new version reaches the service.
enum class DeployMode {
  codedeploy,      ///< register the task definition, CodeDeploy blue/green
  update_service,  ///< register it, update-service (the service ignores task_definition)
  terraform_apply, ///< Terraform owns the task definition: apply with the new image tag
};

struct DeliveryPlan {
  const DeliverySettings* settings = nullptr;
  std::string stack;
  std::string stack_dir;  // "out/keencho"
  std::string region;
  std::string platform;   // "linux/arm64"
  DeployMode mode = DeployMode::update_service;
  std::string cluster;  // shell words
  std::string service;
  std::vector<ImagePlan> images;
  std::vector<SitePlan> sites;
  /// Every deploy output, and those exported to scripts (non-sensitive).
  std::vector<std::string> outputs;
  std::vector<std::string> exported;
  /// `-backend-config=...` arguments of `terraform init` (partial backends).
  std::vector<std::string> backend_config;
  /// Variables without a default: plan reads them from secrets.
  std::vector<std::string> required_variables;
  /// The context the stack was built with (`-c`): the workflows pass it on.
  Context context;
};

/// out/<stack>/deploy/github/<stack>-deploy.yml
std::string deploy_workflow(const DeliveryPlan& plan);
/// out/<stack>/deploy/github/<stack>-stack.yml
std::string stack_workflow(const DeliveryPlan& plan);

}  // namespace stackgen::delivery::detail
