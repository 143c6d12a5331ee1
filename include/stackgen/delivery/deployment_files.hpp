// Deployment files generated from the stack: what a pipeline needs to ship
// a new version of an ECS service (images, the task definition, a blue/green
// or rolling deployment) and of single-page apps (S3 sync, CloudFront
// invalidation), with every name and ARN taken from the stack's blocks.
//
//   stackgen::delivery::deployment_files(s, {
//       .cluster = cluster, .service = app.service, .task_definition = app.task_definition,
//       .codedeploy = stackgen::delivery::CodeDeployTarget{deploy.application, deploy.group},
//       .images = {{.container = "nginx", .context = "nginx"}},
//       .sites = {{.name = "admin", .bucket = bucket, .prefix = "admin/", .distribution = admin}}});
//
// attaches to the stack (Stack::file) the layout of docs/delivery.md:
//
//   out/<stack>/deploy/task-definition.json    aws ecs register-task-definition --cli-input-json (*)
//   out/<stack>/deploy/appspec.yaml            CodeDeploy AppSpec (CodeDeploy only)
//   out/<stack>/deploy/create-deployment.json  aws deploy create-deployment --cli-input-json (CodeDeploy only)
//   out/<stack>/deploy/resolve.jq              fills in what is known only after apply (*)
//   out/<stack>/deploy/github/<stack>-deploy.yml  GitHub Actions: images, task definition, deployment, sites
//   out/<stack>/deploy/github/<stack>-stack.yml   GitHub Actions: emit --check, validate (SARIF), plan
//
// (*) not when Terraform owns the task definition (a service without
// CodeDeploy that does not ignore task_definition): a release is then
// `terraform apply` of the variable the image tags end in.
//
// What is a literal in the stack is written as it is. What Terraform knows
// only after apply (the repository URL, role ARNs, a name built from a
// variable) becomes an output `deploy_<what>` of the stack and a placeholder
// `@{output.deploy_<what>}` in the files, which resolve.jq replaces with the
// value from `terraform output -json` at deploy time: nothing is copied by
// hand, and a secret (a sensitive output) is never written into a file.
#pragma once

#include <optional>
#include <source_location>
#include <string>
#include <vector>

#include <stackgen/aws/cloudfront_distribution.hpp>
#include <stackgen/aws/codedeploy_app.hpp>
#include <stackgen/aws/codedeploy_deployment_group.hpp>
#include <stackgen/aws/ecs_cluster.hpp>
#include <stackgen/aws/ecs_service.hpp>
#include <stackgen/aws/ecs_task_definition.hpp>
#include <stackgen/aws/s3_bucket.hpp>

#include "stackgen/core/stack.hpp"

namespace stackgen::delivery {

/// An image the deploy workflow builds (for linux/<the task's
/// architecture>) and pushes: the container's image in the stack must be
/// `<aws_ecr_repository ...>.repository_url + ":<tag>"`. The pushed tag is
/// `<tag>-<commit>`, and `<tag>` too when the repository's tags are mutable.
struct ImageBuild {
  std::string container;
  /// Build context, relative to the repository root.
  std::string context;
  /// Relative to the repository root; empty: `<context>/Dockerfile`.
  std::string dockerfile{};
};

/// A single-page app served by CloudFront from a bucket prefix.
struct Site {
  std::string name;  ///< job name: letters, digits, '-', '_'
  aws::S3Bucket bucket;
  /// The key prefix it is served from ("admin/"), as the distribution's
  /// origin_path says; empty: the bucket root.
  std::string prefix;
  aws::CloudfrontDistribution distribution;
  /// The app's source directory, relative to the repository root.
  std::string directory;
  std::string build_command = "npm ci && npm run build";
  /// What the build produces, relative to `directory`.
  std::string build_output = "build";
};

/// The CodeDeploy application and deployment group of a service whose
/// deployment controller is CODE_DEPLOY (patterns::codedeploy_blue_green).
struct CodeDeployTarget {
  aws::CodedeployApp application;
  aws::CodedeployDeploymentGroup group;
};

struct DeliverySettings {
  aws::EcsCluster cluster;
  aws::EcsService service;
  aws::EcsTaskDefinition task_definition;
  /// Required when the service's controller is CODE_DEPLOY, refused
  /// otherwise. Unset, the service deploys itself (ECS rolling, or
  /// ECS-native blue/green on AWS provider 6.4+): the workflow registers
  /// the task definition and runs update-service when the service ignores
  /// task_definition, else it runs terraform apply with the new image tag.
  std::optional<CodeDeployTarget> codedeploy{};
  std::vector<ImageBuild> images{};
  std::vector<Site> sites{};
  /// How CI builds the stack program, and the program it builds.
  std::string build_command = "cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release && cmake --build build";
  std::string program = "build/stackgen";
  /// The output directory the workflows emit to and read from.
  std::string out_dir = "out";
  /// The repository secret holding the ARN of the IAM role GitHub's OIDC
  /// token assumes (a name: the workflows carry no account data).
  std::string role_secret = "AWS_DEPLOY_ROLE_ARN";
  /// The branch whose pushes deploy.
  std::string branch = "main";
};

struct DeliveryFiles {
  std::vector<std::string> files;    ///< relative to out/<stack>/
  std::vector<std::string> outputs;  ///< the deploy_* outputs added to the stack
};

/// Attaches the deployment files and adds the outputs they read. Call it
/// once, after the service, task definition, sites and deployment are
/// declared. Throws stackgen::Error at the caller's line for what the files
/// cannot say faithfully: a CODE_DEPLOY service without `codedeploy` (or
/// the reverse), a task definition argument the register input has no field
/// for, an image to build that is not `<repository_url>:<tag>` (or
/// `:<prefix>` + a variable) of an ECR repository of the stack, a release by
/// terraform apply whose images do not all end in one variable, a site
/// prefix the distribution does not serve,
/// a region that is neither a literal nor a variable's default.
DeliveryFiles deployment_files(Stack& s, const DeliverySettings& settings,
                               std::source_location where = std::source_location::current());

}  // namespace stackgen::delivery
