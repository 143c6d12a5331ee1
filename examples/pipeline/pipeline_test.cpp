// The pipeline stack's own tests, with stackgen/testing.hpp and Catch2: what
// a stack author checks before a pull request (no AWS account needed; the
// plan runs only where terraform and a provider mirror exist).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <stackgen/aws/alb_listener.hpp>
#include <stackgen/aws/alb_target_group.hpp>
#include <stackgen/aws/cloudwatch_event_target.hpp>
#include <stackgen/aws/codebuild_project.hpp>
#include <stackgen/aws/codepipeline.hpp>
#include <stackgen/aws/codestarnotifications_notification_rule.hpp>
#include <stackgen/lint/aws.hpp>
#include <stackgen/testing/catch2.hpp>

using namespace stackgen;
using namespace stackgen::testing;

namespace {

// pipeline.cpp registers the stack; build it as `emit` would, with the AWS lint.
const Synth& pipeline() {
  static const Synth synth = Synth::registered("pipeline", {.rule_sets = {aws::lint_rules()}});
  return synth;
}

}  // namespace

TEST_CASE("the load balancer forwards to an IP target group with a health check") {
  CHECK_THAT(pipeline(), matches(has_resource<aws::AlbTargetGroup>("app")
                                     .with(&aws::AlbTargetGroup::target_type, "ip")
                                     .with(&aws::AlbTargetGroup::port, 8080)
                                     .with_json("health_check[0].path", "/health")));
  CHECK_THAT(pipeline(), matches(has_resource<aws::AlbListener>("http")
                                     .with_json("default_action[0].type", "forward")
                                     .with_json("default_action[0].target_group_arn", "${aws_alb_target_group.app.arn}")));
}

TEST_CASE("the image is built for arm64 and pushed to the stack's own repository") {
  CHECK_THAT(pipeline(), matches(has_resource<aws::CodebuildProject>("image")
                                     .with_json("environment[0].type", "ARM_CONTAINER")
                                     .with_json("environment[0].environment_variable[0].value",
                                                "${aws_ecr_repository.images.repository_url}")));
}

TEST_CASE("a push to main starts the pipeline, which has a source and a build stage") {
  CHECK_THAT(pipeline(), matches(has_resource<aws::CloudwatchEventTarget>("start-pipeline")
                                     // A typed getter compares with an expression: the reference.
                                     .with(&aws::CloudwatchEventTarget::arn,
                                           ref<std::string>("aws_codepipeline.delivery.arn"))));
  CHECK_THAT(pipeline(), matches(has_resource<aws::Codepipeline>("delivery")
                                     .with_json("stage[0].name", "Source")
                                     .with_json("stage[1].action[0].provider", "CodeBuild")));
}

TEST_CASE("failed runs notify the stack's topic and, through a dynamic block, any others") {
  CHECK_THAT(pipeline(), matches(has_resource<aws::CodestarnotificationsNotificationRule>("failed-runs")
                                     .with(&aws::CodestarnotificationsNotificationRule::detail_type, "BASIC")
                                     .with_json("target[0].address", "${aws_sns_topic.alerts.arn}")
                                     .with_json("dynamic.target.for_each", "${var.also_notify}")
                                     .with_json("dynamic.target.content.address", "${target.value}")));
}

TEST_CASE("no lint errors; the artifact bucket's known warnings are there") {
  CHECK(validates_cleanly(pipeline()));
  CHECK_THAT(pipeline(), matches(has_finding("sec.s3-no-versioning").at("aws_s3_bucket.artifacts")));
}
