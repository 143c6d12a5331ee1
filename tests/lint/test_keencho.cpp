// The lint on the faithful reference stack (stacks/keencho): it reports the
// spec's "Known weaknesses" that configuration shows (see the table at the
// end of docs/rules.md), no errors, and nothing else.
#include <set>

#include "lint_support.hpp"

using stackgen::Diagnostics;
using stackgen::Severity;

namespace {

Diagnostics validate_keencho() {
  for (const auto& def : stackgen::registered_stacks()) {
    if (def.name != "keencho") continue;
    // No ssh_public_key: the stack generates its key pair with tls_private_key.
    stackgen::App app;
    stackgen::Stack& s = app.stack("keencho");
    def.build(s);
    return lint_test::run(s);
  }
  FAIL("stack keencho is not registered");
  return {};
}

}  // namespace

TEST_CASE("keencho: exactly the expected rules", "[lint][keencho]") {
  Diagnostics ds = validate_keencho();
  INFO(lint_test::describe(ds));
  std::set<std::string> ids;
  for (const auto& d : ds.items()) ids.insert(d.rule);
  const std::set<std::string> expected = {
      // 1. database and file system open to the world, no bastion
      "sec.open-ingress",
      "sec.rds-public",
      "sec.rds-public-subnets",
      // 2. images
      "ops.ecr-no-lifecycle-policy",
      "sec.ecr-mutable-tags",
      "sec.ecr-no-scan-on-push",
      // 3. autoscaling and notifications
      "ops.autoscaling-no-scale-in",
      "ops.autoscaling-role-is-task-role",
      "ops.codedeploy-no-notifications",
      // 4. credentials in the environment and in state
      "sec.container-env-secret",
      "sec.rds-master-password",
      // 5. 6. deployments (7 is not in the configuration: the test server's nginx is outside it)
      "ops.ignore-changes-container-definitions",
      "ops.codedeploy-ecs-ignore-changes",
      "ops.codedeploy-no-test-listener",
      // 8. CloudFront and S3
      "ops.cloudfront-legacy-forwarded-values",
      "sec.s3-acl-ownership",
      "sec.s3-no-public-access-block",
      "sec.s3-no-versioning",
      "sec.s3-no-encryption",
      "sec.s3-no-access-logging",
      // beyond the list, visible in the configuration
      "sec.rds-unencrypted",
      "sec.rds-no-deletion-protection",
      "sec.rds-skip-final-snapshot",
      "sec.alb-tls-policy",
      "sec.ecs-task-role-is-execution-role",
      "ops.ecs-env-shell-substitution",  // logging.file.name, kept literally (Final-state details)
  };
  CHECK(ids == expected);
  CHECK_FALSE(ds.has_errors());
  for (const auto& d : ds.items()) {
    INFO(d.rule << " " << d.address);
    CHECK(d.severity == Severity::warning);
    CHECK(d.stack == "keencho");
    CHECK(d.where.file.rfind("stacks/keencho/", 0) == 0);
    CHECK(d.where.line > 0);
    CHECK(d.suppressed_because.empty());
  }
}

TEST_CASE("keencho: the findings sit on the resources at fault", "[lint][keencho]") {
  Diagnostics ds = validate_keencho();
  INFO(lint_test::describe(ds));
  std::multiset<std::string> found;
  for (const auto& d : ds.items()) found.insert(d.rule + " " + d.address);
  const std::multiset<std::string> expected = {
      "sec.open-ingress aws_security_group.app-test-sg",  // 22
      "sec.open-ingress aws_security_group.app-test-sg",  // 5432
      "sec.open-ingress aws_security_group.app-rds-sg",
      "sec.open-ingress aws_security_group.app-efs-sg",
      "sec.rds-public aws_db_instance.app-rds",
      "sec.rds-public-subnets aws_db_subnet_group.app-rds-subnet-group",
      "sec.rds-unencrypted aws_db_instance.app-rds",
      "sec.rds-no-deletion-protection aws_db_instance.app-rds",
      "sec.rds-skip-final-snapshot aws_db_instance.app-rds",
      "sec.rds-master-password aws_db_instance.app-rds",
      "ops.ecr-no-lifecycle-policy aws_ecr_repository.app-ecr",
      "sec.ecr-mutable-tags aws_ecr_repository.app-ecr",
      "sec.ecr-no-scan-on-push aws_ecr_repository.app-ecr",
      "ops.autoscaling-no-scale-in aws_appautoscaling_target.app-ecs-target",
      "ops.autoscaling-role-is-task-role aws_appautoscaling_target.app-ecs-target",
      "ops.codedeploy-no-notifications aws_codedeploy_deployment_group.app-deploy-group",
      "ops.codedeploy-no-test-listener aws_codedeploy_deployment_group.app-deploy-group",
      "ops.codedeploy-ecs-ignore-changes aws_ecs_service.app-ecs-service",
      "sec.container-env-secret aws_ecs_task_definition.app-definition",  // admin
      "sec.container-env-secret aws_ecs_task_definition.app-definition",  // user
      "sec.ecs-task-role-is-execution-role aws_ecs_task_definition.app-definition",
      "ops.ignore-changes-container-definitions aws_ecs_task_definition.app-definition",
      "ops.ecs-env-shell-substitution aws_ecs_task_definition.app-definition",  // admin
      "ops.ecs-env-shell-substitution aws_ecs_task_definition.app-definition",  // user
      "sec.alb-tls-policy aws_lb_listener.app-alb-listener-https",
      "ops.cloudfront-legacy-forwarded-values aws_cloudfront_distribution.admin-distribution",
      "ops.cloudfront-legacy-forwarded-values aws_cloudfront_distribution.user-distribution",
      "ops.cloudfront-legacy-forwarded-values aws_cloudfront_distribution.resources-distribution",
      "sec.s3-acl-ownership aws_s3_bucket.app-prod-react",
      "sec.s3-acl-ownership aws_s3_bucket.app-resources",
      "sec.s3-no-public-access-block aws_s3_bucket.app-prod-react",
      "sec.s3-no-public-access-block aws_s3_bucket.app-resources",
      "sec.s3-no-versioning aws_s3_bucket.app-prod-react",
      "sec.s3-no-versioning aws_s3_bucket.app-resources",
      "sec.s3-no-encryption aws_s3_bucket.app-prod-react",
      "sec.s3-no-encryption aws_s3_bucket.app-resources",
      "sec.s3-no-access-logging aws_s3_bucket.app-prod-react",
      "sec.s3-no-access-logging aws_s3_bucket.app-resources",
  };
  CHECK(found == expected);
}

TEST_CASE("keencho: no message prints a credential", "[lint][keencho]") {
  Diagnostics ds = validate_keencho();
  for (const auto& d : ds.items()) {
    INFO(d.message);
    // Credentials are named (db_password, var.db-password), never shown.
    CHECK(d.message.find("jdbc:") == std::string::npos);
  }
  auto env = lint_test::with_rule(ds, "sec.container-env-secret");
  REQUIRE(env.size() == 2);
  CHECK(env[0].message ==
        "container \"admin\" passes secrets as plain environment values: db_password, db_username "
        "(from sensitive "
        "var.db-username)");
}
