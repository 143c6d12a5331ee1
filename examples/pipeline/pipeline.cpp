// A build pipeline for a containerised service, after the public "ECS
// Fargate + CodePipeline" samples: the source in CodeCommit, a CodeBuild
// project that builds the image and pushes it to ECR, a pipeline started by
// an EventBridge rule on every push to main, and the ALB the service sits
// behind (written with the aws_alb* names such samples use: they are types
// of their own, so existing state keeps its addresses).
#include <stackgen/stackgen.hpp>

#include <stackgen/awsdoc/policy_document.hpp>
#include <stackgen/aws/alb.hpp>
#include <stackgen/aws/alb_listener.hpp>
#include <stackgen/aws/alb_target_group.hpp>
#include <stackgen/aws/cloudwatch_event_rule.hpp>
#include <stackgen/aws/cloudwatch_event_target.hpp>
#include <stackgen/aws/codebuild_project.hpp>
#include <stackgen/aws/codecommit_repository.hpp>
#include <stackgen/aws/codepipeline.hpp>
#include <stackgen/aws/codestarnotifications_notification_rule.hpp>
#include <stackgen/aws/data/iam_policy.hpp>
#include <stackgen/aws/ecr_repository.hpp>
#include <stackgen/aws/iam_role.hpp>
#include <stackgen/aws/iam_role_policy.hpp>
#include <stackgen/aws/iam_role_policy_attachment.hpp>
#include <stackgen/aws/internet_gateway.hpp>
#include <stackgen/aws/provider.hpp>
#include <stackgen/aws/s3_bucket.hpp>
#include <stackgen/aws/security_group.hpp>
#include <stackgen/aws/sns_topic.hpp>
#include <stackgen/aws/subnet.hpp>
#include <stackgen/aws/vpc.hpp>

namespace {

using namespace stackgen;
namespace doc = stackgen::awsdoc;

// A role that one AWS service may assume.
aws::IamRole service_role(Stack& s, const std::string& name, const std::string& service) {
  return s.add<aws::IamRole>(name).name(name).assume_role_policy(
      doc::PolicyDocument{}
          .statement(doc::Statement{}.allow().actions({"sts:AssumeRole"}).service_principals({service}))
          .json());
}

// Read and write access to the pipeline's artifacts, which both the build
// and the pipeline need.
doc::Statement artifact_access(const aws::S3Bucket& artifacts) {
  return doc::Statement{}.sid("Artifacts").allow().actions({"s3:GetObject", "s3:PutObject"}).resources(
      {artifacts.arn() + "/*"});
}

void pipeline(Stack& s) {
  auto app = s.variable<std::string>("app").default_value("orders").description("Service name");
  s.provider<aws::Provider>().region("eu-central-1");

  // --- Network and load balancer --------------------------------------------
  auto vpc = s.add<aws::Vpc>("vpc").cidr_block("10.20.0.0/16").enable_dns_hostnames(true);
  s.add<aws::InternetGateway>("igw").vpc_id(vpc.id());
  std::vector<Expr<std::string>> subnets;
  const char* zones[] = {"eu-central-1a", "eu-central-1b"};
  for (int i = 0; i < 2; ++i) {
    auto subnet = s.add<aws::Subnet>(std::string("public-") + zones[i][12])
                      .vpc_id(vpc.id())
                      .availability_zone(zones[i])
                      .cidr_block("10.20." + std::to_string(i) + ".0/24")
                      .map_public_ip_on_launch(true);
    subnets.push_back(subnet.id());
  }
  auto alb_sg = s.add<aws::SecurityGroup>("alb")
                    .name(app + "-alb")
                    .description("HTTP from anywhere to the load balancer")
                    .vpc_id(vpc.id())
                    .ingress({aws::SecurityGroup::Ingress{}
                                  .description("HTTP")
                                  .protocol("tcp")
                                  .from_port(80)
                                  .to_port(80)
                                  .cidr_blocks({"0.0.0.0/0"})});
  auto alb = s.add<aws::Alb>("web")
                 .name(app + "-web")
                 .load_balancer_type("application")
                 .security_groups({alb_sg.id()})
                 .subnets(subnets);
  auto target_group = s.add<aws::AlbTargetGroup>("app")
                          .name(app + "-app")
                          .port(8080)
                          .protocol("HTTP")
                          .target_type("ip")
                          .vpc_id(vpc.id())
                          // A nested block from a builder: no type name to spell out.
                          .health_check([](auto& check) { check.path("/health").matcher("200"); });
  s.add<aws::AlbListener>("http")
      .load_balancer_arn(alb.arn())
      .port(80)
      .protocol("HTTP")
      .default_action(aws::AlbListener::DefaultAction{}.type("forward").target_group_arn(target_group.arn()));

  // --- Source, image registry, artifacts ------------------------------------
  auto repo = s.add<aws::CodecommitRepository>("source")
                  .repository_name(app)
                  .default_branch("main")
                  .description("Application source");
  auto images = s.add<aws::EcrRepository>("images").name(app).image_tag_mutability("IMMUTABLE");
  auto artifacts = s.add<aws::S3Bucket>("artifacts").bucket_prefix(app + "-artifacts-").force_destroy(true);

  // --- Build -----------------------------------------------------------------
  auto build_role = service_role(s, "codebuild", "codebuild.amazonaws.com");
  // An AWS-managed policy, looked up by ARN (a data source: planned against
  // the IAM API, answered by moto_server in the project's test).
  auto ecr_power_user = s.add<aws::data::IamPolicy>("ecr-power-user")
                            .arn("arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser");
  s.add<aws::IamRolePolicyAttachment>("codebuild-ecr").role(build_role.name()).policy_arn(ecr_power_user.arn());
  s.add<aws::IamRolePolicy>("codebuild-logs-artifacts")
      .role(build_role.id())
      .policy(doc::PolicyDocument{}
                  .statement(doc::Statement{}
                                 .sid("Logs")
                                 .allow()
                                 .actions({"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"})
                                 .resources({"*"}))
                  .statement(artifact_access(artifacts))
                  .json());
  auto build = s.add<aws::CodebuildProject>("image")
                   .name(app + "-image")
                   .description("Builds the container image and pushes it to ECR")
                   .service_role(build_role.arn())
                   .build_timeout(20)
                   .artifacts(aws::CodebuildProject::Artifacts{}.type("CODEPIPELINE"))
                   .environment(aws::CodebuildProject::Environment{}
                                    .compute_type("BUILD_GENERAL1_SMALL")
                                    .image("aws/codebuild/amazonlinux2-aarch64-standard:3.0")
                                    .type("ARM_CONTAINER")
                                    .privileged_mode(true)
                                    .environment_variable(aws::CodebuildProject::Environment::EnvironmentVariable{}
                                                              .name("REPOSITORY_URI")
                                                              .value_(images.repository_url())))
                   .source(aws::CodebuildProject::Source{}.type("CODEPIPELINE").buildspec("buildspec.yml"));

  // --- Pipeline ----------------------------------------------------------------
  auto pipeline_role = service_role(s, "codepipeline", "codepipeline.amazonaws.com");
  s.add<aws::IamRolePolicy>("codepipeline-run")
      .role(pipeline_role.id())
      .policy(doc::PolicyDocument{}
                  .statement(doc::Statement{}
                                 .sid("Source")
                                 .allow()
                                 .actions({"codecommit:GetBranch", "codecommit:GetCommit", "codecommit:UploadArchive",
                                           "codecommit:GetUploadArchiveStatus"})
                                 .resources({repo.arn()}))
                  .statement(doc::Statement{}
                                 .sid("Build")
                                 .allow()
                                 .actions({"codebuild:StartBuild", "codebuild:BatchGetBuilds"})
                                 .resources({build.arn()}))
                  .statement(artifact_access(artifacts))
                  .json());
  // Nested blocks from builders: no type names; literals such as the action
  // categories are checked against the provider's values by the compiler.
  auto pipe =
      s.add<aws::Codepipeline>("delivery")
          .name(app + "-delivery")
          .role_arn(pipeline_role.arn())
          .artifact_store([&](auto& store) { store.location(artifacts.bucket()).type("S3"); })
          .stage([&](auto& stage) {
            stage.name("Source").action([&](auto& a) {
              a.name("Source").category("Source").owner("AWS").provider("CodeCommit").version("1");
              a.output_artifacts({"source"}).configuration({{"RepositoryName", repo.repository_name()},
                                                            {"BranchName", "main"},
                                                            {"PollForSourceChanges", "false"}});
            });
          })
          .stage([&](auto& stage) {
            stage.name("Build").action([&](auto& a) {
              a.name("Image").category("Build").owner("AWS").provider("CodeBuild").version("1");
              a.input_artifacts({"source"}).output_artifacts({"image"}).configuration({{"ProjectName", build.name()}});
            });
          });

  // --- Tell people when a run fails: the stack's own topic, and any others
  // the deployer names (a dynamic block: one target per list element).
  auto also_notify = s.variable<List<std::string>>("also_notify")
                         .default_value(Expr<List<std::string>>(std::vector<Expr<std::string>>{}))
                         .description("ARNs of further SNS topics told about failed runs");
  auto alerts = s.add<aws::SnsTopic>("alerts").name(app + "-pipeline-alerts");
  s.add<aws::CodestarnotificationsNotificationRule>("failed-runs")
      .name(app + "-failed-runs")
      .resource(pipe.arn())
      .detail_type("BASIC")
      .event_type_ids({"codepipeline-pipeline-pipeline-execution-failed"})
      .target([&](auto& t) { t.address(alerts.arn()); })
      .dynamic<aws::CodestarnotificationsNotificationRule::Target>(
          "target", also_notify, [](auto& t, auto topic) { t.address(topic.value()); });

  // --- Start the pipeline on every push to main ----------------------------------
  auto events_role = service_role(s, "events", "events.amazonaws.com");
  s.add<aws::IamRolePolicy>("events-start-pipeline")
      .role(events_role.id())
      .policy(doc::PolicyDocument{}
                  .statement(doc::Statement{}.allow().actions({"codepipeline:StartPipelineExecution"}).resources({pipe.arn()}))
                  .json());
  auto on_push =
      s.add<aws::CloudwatchEventRule>("on-push")
          .name(app + "-on-push")
          .description("A push to main starts the pipeline")
          .event_pattern(jsonencode(Value{{"source", Value::list({"aws.codecommit"})},
                                          {"detail-type", Value::list({"CodeCommit Repository State Change"})},
                                          {"resources", Value::list({repo.arn()})},
                                          {"detail", Value{{"referenceType", Value::list({"branch"})},
                                                           {"referenceName", Value::list({"main"})}}}}));
  s.add<aws::CloudwatchEventTarget>("start-pipeline")
      .rule(on_push.name())
      .arn(pipe.arn())
      .role_arn(events_role.arn());

  s.output("load_balancer_dns", alb.dns_name()).description("Where the service answers");
  s.output("repository_clone_url", repo.clone_url_http());
  s.output("image_repository", images.repository_url());
}

const StackRegistration registration{"pipeline", pipeline};

}  // namespace
