// Identity and secrets: wildcard IAM statements, secret-named variables.
#include <stackgen/aws/data/iam_policy_document.hpp>
#include <stackgen/aws/iam_policy.hpp>
#include <stackgen/aws/iam_role.hpp>
#include <stackgen/awsdoc/policy_document.hpp>

#include "lint_support.hpp"

namespace aws = stackgen::aws;
namespace doc = stackgen::awsdoc;
using lint_test::expect_finding;
using lint_test::expect_no_finding;
using lint_test::findings;
using stackgen::Severity;
using stackgen::Stack;

TEST_CASE("sec.iam-wildcard", "[lint][identity]") {
  SECTION("jsonencode policy document") {
    Stack s("t");
    const unsigned line = __LINE__ + 1;
    s.add<aws::IamPolicy>("admin").name("admin").policy(
        doc::PolicyDocument{}
            .statement(doc::Statement{}.sid("All").allow().actions({"*"}).resources({"*"}))
            .json());
    auto d = expect_finding(s, "sec.iam-wildcard", Severity::warning, line);
    CHECK(d.message ==
          "policy statement \"All\" allows every action (\"*\") on every resource (\"*\")");
  }
  SECTION("aws_iam_policy_document data source") {
    Stack s("t");
    const unsigned line = __LINE__ + 1;
    s.add<aws::data::IamPolicyDocument>("admin").statement(
        aws::data::IamPolicyDocument::Statement{}.actions({"*"}).resources({"*"}));
    expect_finding(s, "sec.iam-wildcard", Severity::warning, line);
  }
  SECTION("scoped actions or resources, and denies") {
    Stack s("t");
    s.add<aws::IamPolicy>("read").name("read").policy(
        doc::PolicyDocument{}
            .statement(doc::Statement{}.allow().actions({"s3:GetObject"}).resources({"*"}))
            .statement(doc::Statement{}.allow().actions({"*"}).resources({"arn:aws:s3:::bucket/*"}))
            .statement(doc::Statement{}.deny().actions({"*"}).resources({"*"}))
            .json());
    s.add<aws::IamRole>("role").name("role").assume_role_policy(
        doc::assume_role_policy("ecs-tasks.amazonaws.com").json());
    s.add<aws::data::IamPolicyDocument>("deny").statement(
        aws::data::IamPolicyDocument::Statement{}.effect("Deny").actions({"*"}).resources({"*"}));
    expect_no_finding(s, "sec.iam-wildcard");
  }
}

TEST_CASE("sec.variable-not-sensitive", "[lint][identity]") {
  Stack s("t");
  const unsigned line = __LINE__ + 1;
  s.variable<std::string>("db-password");
  auto d = expect_finding(s, "sec.variable-not-sensitive", Severity::warning, line);
  CHECK(d.address == "var.db-password");

  for (const char* name : {"api_token", "githubToken", "client_secret", "signing_key",
                           "AWS_SECRET_ACCESS_KEY", "password_for_db", "smtp-passwd"}) {
    INFO(name);
    Stack n("t");
    n.variable<std::string>(name);
    CHECK(findings(n, "sec.variable-not-sensitive").size() == 1);
  }

  Stack ok("t");
  ok.variable<std::string>("db-password").sensitive();
  ok.variable<std::string>("db-username");
  ok.variable<std::string>("key_name");
  ok.variable<std::string>("token_ttl_seconds").default_value("60");
  ok.variable<std::string>("key_prefix");
  ok.variable<std::string>("ssh_public_key");
  ok.variable<std::string>("password_length").default_value("32");
  ok.variable<std::string>("db_password_secret_arn");
  expect_no_finding(ok, "sec.variable-not-sensitive");
}
