// Names: one failing and one passing case per rule, plus the edges of each
// limit that people actually hit.
#include <stackgen/aws/cloudwatch_metric_alarm.hpp>
#include <stackgen/aws/codedeploy_app.hpp>
#include <stackgen/aws/codedeploy_deployment_group.hpp>
#include <stackgen/aws/db_instance.hpp>
#include <stackgen/aws/db_subnet_group.hpp>
#include <stackgen/aws/ecr_repository.hpp>
#include <stackgen/aws/ecs_cluster.hpp>
#include <stackgen/aws/ecs_service.hpp>
#include <stackgen/aws/ecs_task_definition.hpp>
#include <stackgen/aws/iam_policy.hpp>
#include <stackgen/aws/iam_role.hpp>
#include <stackgen/aws/iam_role_policy.hpp>
#include <stackgen/aws/lb.hpp>
#include <stackgen/aws/lb_target_group.hpp>
#include <stackgen/aws/s3_bucket.hpp>
#include <stackgen/aws/security_group.hpp>

#include "lint_support.hpp"

namespace aws = stackgen::aws;
using lint_test::expect_finding;
using lint_test::expect_no_finding;
using lint_test::findings;
using stackgen::Severity;
using stackgen::Stack;

TEST_CASE("aws.lb-name", "[lint][names]") {
  SECTION("too long") {
    Stack s("t");
    const unsigned line = __LINE__ + 1;
    s.add<aws::Lb>("alb").name("a-load-balancer-name-of-33-chars-");
    auto d = expect_finding(s, "aws.lb-name", Severity::error, line);
    CHECK(d.address == "aws_lb.alb");
    CHECK(d.message.find("\"a-load-balancer-name-of-33-chars-\"") != std::string::npos);
  }
  SECTION("underscore, leading hyphen, internal- prefix, long name_prefix") {
    for (const char* bad : {"my_alb", "-alb", "alb-", "internal-alb"}) {
      Stack s("t");
      const unsigned line = __LINE__ + 1;
      s.add<aws::Lb>("alb").name(bad);
      expect_finding(s, "aws.lb-name", Severity::error, line);
    }
    Stack s("t");
    const unsigned line = __LINE__ + 1;
    s.add<aws::Lb>("alb").name_prefix("toolong");
    expect_finding(s, "aws.lb-name", Severity::error, line);
  }
  SECTION("valid, and unknown names are skipped") {
    Stack s("t");
    auto app = s.variable<std::string>("app").default_value("bad_name_from_a_default");
    s.add<aws::Lb>("alb").name("app-alb-32-characters-long-12345");
    s.add<aws::Lb>("other").name(app + "-alb");
    expect_no_finding(s, "aws.lb-name");
  }
}

TEST_CASE("aws.lb-target-group-name", "[lint][names]") {
  Stack s("t");
  const unsigned line = __LINE__ + 1;
  s.add<aws::LbTargetGroup>("tg").name("tg.blue");
  expect_finding(s, "aws.lb-target-group-name", Severity::error, line);

  Stack ok("t");
  ok.add<aws::LbTargetGroup>("tg").name("tg-blue");
  ok.add<aws::LbTargetGroup>("internal")
      .name("internal-tg");  // only load balancers reserve internal-
  expect_no_finding(ok, "aws.lb-target-group-name");
}

TEST_CASE("aws.s3-bucket-name", "[lint][names]") {
  for (const char* bad : {"ab", "My-Bucket", "bucket..name", "192.168.5.4", "-bucket",
                          "bucket_name", "xn--bucket", "bucket-s3alias"}) {
    INFO(bad);
    Stack s("t");
    const unsigned line = __LINE__ + 1;
    s.add<aws::S3Bucket>("b").bucket(bad);
    expect_finding(s, "aws.s3-bucket-name", Severity::error, line);
  }
  Stack ok("t");
  ok.add<aws::S3Bucket>("a").bucket("app-prod-react");
  ok.add<aws::S3Bucket>("b").bucket("logs.example.com");
  ok.add<aws::S3Bucket>("c").bucket_prefix("app-logs-");
  expect_no_finding(ok, "aws.s3-bucket-name");
}

TEST_CASE("aws.iam-role-name", "[lint][names]") {
  Stack s("t");
  const unsigned line = __LINE__ + 1;
  s.add<aws::IamRole>("r").name(std::string(65, 'r')).assume_role_policy("{}");
  auto d = expect_finding(s, "aws.iam-role-name", Severity::error, line);
  CHECK(d.message.find("65 characters") != std::string::npos);

  Stack ok("t");
  ok.add<aws::IamRole>("r").name("ecsTaskExecutionRole+=,.@_-").assume_role_policy("{}");
  ok.add<aws::IamRole>("p").name(std::string(64, 'r')).assume_role_policy("{}");
  expect_no_finding(ok, "aws.iam-role-name");
}

TEST_CASE("aws.iam-policy-name", "[lint][names]") {
  Stack s("t");
  const unsigned line = __LINE__ + 1;
  s.add<aws::IamPolicy>("p").name("read only").policy("{}");
  expect_finding(s, "aws.iam-policy-name", Severity::error, line);

  Stack inline_policy("t");
  const unsigned inline_line = __LINE__ + 1;
  inline_policy.add<aws::IamRolePolicy>("p").name(std::string(129, 'p')).role("r").policy("{}");
  expect_finding(inline_policy, "aws.iam-policy-name", Severity::error, inline_line);

  Stack ok("t");
  ok.add<aws::IamPolicy>("p").name(std::string(128, 'p')).policy("{}");
  expect_no_finding(ok, "aws.iam-policy-name");
}

TEST_CASE("aws.ecr-repository-name", "[lint][names]") {
  for (const char* bad : {"App", "a", "app--x", "app/", "_app"}) {
    INFO(bad);
    Stack s("t");
    const unsigned line = __LINE__ + 1;
    s.add<aws::EcrRepository>("r").name(bad);
    expect_finding(s, "aws.ecr-repository-name", Severity::error, line);
  }
  Stack ok("t");
  ok.add<aws::EcrRepository>("a").name("app-ecr");
  ok.add<aws::EcrRepository>("b").name("team/app.backend_v2");
  expect_no_finding(ok, "aws.ecr-repository-name");
}

TEST_CASE("aws.security-group-name", "[lint][names]") {
  Stack s("t");
  const unsigned line = __LINE__ + 1;
  s.add<aws::SecurityGroup>("sg").name("sg-web");
  expect_finding(s, "aws.security-group-name", Severity::error, line);

  Stack description("t");
  const unsigned description_line = __LINE__ + 1;
  description.add<aws::SecurityGroup>("sg").name("web").description("Zugriff für Web");
  auto d =
      expect_finding(description, "aws.security-group-name", Severity::error, description_line);
  CHECK(d.message.find("description") != std::string::npos);

  Stack ok("t");
  ok.add<aws::SecurityGroup>("sg")
      .name("web (public) #1")
      .description("HTTP/HTTPS from anywhere: ALB only");
  expect_no_finding(ok, "aws.security-group-name");
}

TEST_CASE("aws.rds-identifier", "[lint][names]") {
  for (const char* bad : {"App-rds", "1rds", "app--rds", "app-rds-", "app_rds"}) {
    INFO(bad);
    Stack s("t");
    const unsigned line = __LINE__ + 1;
    s.add<aws::DbInstance>("db").identifier(bad).instance_class("db.t3.micro");
    expect_finding(s, "aws.rds-identifier", Severity::error, line);
  }
  Stack group("t");
  const unsigned group_line = __LINE__ + 1;
  group.add<aws::DbSubnetGroup>("g").name("default").subnet_ids({"subnet-1"});
  expect_finding(group, "aws.rds-identifier", Severity::error, group_line);

  Stack ok("t");
  ok.add<aws::DbInstance>("db").identifier("app-rds").instance_class("db.t3.micro");
  ok.add<aws::DbSubnetGroup>("g").name("app rds_subnets.v2").subnet_ids({"subnet-1"});
  expect_no_finding(ok, "aws.rds-identifier");
}

TEST_CASE("aws.codedeploy-name", "[lint][names]") {
  Stack s("t");
  const unsigned line = __LINE__ + 1;
  s.add<aws::CodedeployApp>("app").name(std::string(101, 'a'));
  expect_finding(s, "aws.codedeploy-name", Severity::error, line);

  Stack ok("t");
  auto app = ok.add<aws::CodedeployApp>("app").name("app-deploy");
  ok.add<aws::CodedeployDeploymentGroup>("g")
      .app_name(app.name())
      .deployment_group_name("app-deploy-group")
      .service_role_arn("arn:aws:iam::123456789012:role/deploy");
  expect_no_finding(ok, "aws.codedeploy-name");
}

TEST_CASE("aws.ecs-name", "[lint][names]") {
  Stack s("t");
  const unsigned line = __LINE__ + 1;
  s.add<aws::EcsCluster>("c").name("app cluster");
  expect_finding(s, "aws.ecs-name", Severity::error, line);

  Stack family("t");
  const unsigned family_line = __LINE__ + 1;
  family.add<aws::EcsTaskDefinition>("t").family("app:1").container_definitions("[]");
  expect_finding(family, "aws.ecs-name", Severity::error, family_line);

  Stack ok("t");
  ok.add<aws::EcsCluster>("c").name("app-cluster");
  ok.add<aws::EcsService>("svc").name("app_ecs-service");
  ok.add<aws::EcsTaskDefinition>("t").family("app-definition").container_definitions("[]");
  expect_no_finding(ok, "aws.ecs-name");
}

TEST_CASE("aws.cloudwatch-alarm-name", "[lint][names]") {
  Stack s("t");
  const unsigned line = __LINE__ + 1;
  s.add<aws::CloudwatchMetricAlarm>("a")
      .alarm_name("cpu\thigh")
      .comparison_operator("GreaterThanThreshold")
      .evaluation_periods(1);
  expect_finding(s, "aws.cloudwatch-alarm-name", Severity::error, line);

  Stack ok("t");
  ok.add<aws::CloudwatchMetricAlarm>("a")
      .alarm_name("app: CPU > 70% (3 min)")
      .comparison_operator("GreaterThanThreshold")
      .evaluation_periods(1);
  expect_no_finding(ok, "aws.cloudwatch-alarm-name");
}

TEST_CASE("names: every finding names the resource and the value", "[lint][names]") {
  Stack s("t");
  s.add<aws::Lb>("alb").name("my_alb");
  auto found = findings(s, "aws.lb-name");
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "name \"my_alb\" contains '_': not a valid load balancer name");
  CHECK(found[0].address == "aws_lb.alb");
}
