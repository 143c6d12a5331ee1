// The rule table and registration of the rule families with validate().
#include "stackgen/lint/aws.hpp"

#include <algorithm>
#include <array>

#include "lint.hpp"

namespace stackgen::lint {
namespace {

constexpr Severity E = Severity::error;
constexpr Severity W = Severity::warning;

// Sorted by id (checked by the tests); docs/rules.md has a section for each.
constexpr std::array kRules{
    RuleInfo{"aws.availability-zone-region", E, "availability zone outside the provider's region", "docs/rules.md#awsavailability-zone-region"},
    RuleInfo{"aws.cloudfront-certificate-region", E, "CloudFront viewer certificate not from us-east-1", "docs/rules.md#awscloudfront-certificate-region"},
    RuleInfo{"aws.cloudfront-default-root-object", E, "CloudFront default_root_object malformed", "docs/rules.md#awscloudfront-default-root-object"},
    RuleInfo{"aws.cloudfront-error-response", E, "CloudFront custom error response malformed", "docs/rules.md#awscloudfront-error-response"},
    RuleInfo{"aws.cloudfront-origin-id", E, "cache behaviour targets an origin id that does not exist", "docs/rules.md#awscloudfront-origin-id"},
    RuleInfo{"aws.cloudwatch-alarm-name", E, "CloudWatch alarm name breaks AWS limits", "docs/rules.md#awscloudwatch-alarm-name"},
    RuleInfo{"aws.codedeploy-blue-green", E, "CODE_DEPLOY service without a working blue/green deployment group", "docs/rules.md#awscodedeploy-blue-green"},
    RuleInfo{"aws.codedeploy-name", E, "CodeDeploy application / deployment group name too long", "docs/rules.md#awscodedeploy-name"},
    RuleInfo{"aws.ecr-repository-name", E, "ECR repository name breaks AWS naming rules", "docs/rules.md#awsecr-repository-name"},
    RuleInfo{"aws.ecs-load-balancer-container", E, "service load balancer names a container or port the task lacks", "docs/rules.md#awsecs-load-balancer-container"},
    RuleInfo{"aws.ecs-name", E, "ECS cluster / service / task family name breaks AWS naming rules", "docs/rules.md#awsecs-name"},
    RuleInfo{"aws.fargate-cpu-memory", E, "Fargate task cpu / memory combination not supported", "docs/rules.md#awsfargate-cpu-memory"},
    RuleInfo{"aws.fargate-network-mode", E, "Fargate task or service without awsvpc network mode", "docs/rules.md#awsfargate-network-mode"},
    RuleInfo{"aws.iam-policy-name", E, "IAM policy name breaks AWS naming rules", "docs/rules.md#awsiam-policy-name"},
    RuleInfo{"aws.iam-role-name", E, "IAM role name breaks AWS naming rules", "docs/rules.md#awsiam-role-name"},
    RuleInfo{"aws.invalid-cidr", E, "CIDR block malformed, not a network address, or of a size AWS refuses", "docs/rules.md#awsinvalid-cidr"},
    RuleInfo{"aws.lb-name", E, "load balancer name breaks AWS naming rules", "docs/rules.md#awslb-name"},
    RuleInfo{"aws.lb-protocol-port", E, "listener / target group protocol or port invalid", "docs/rules.md#awslb-protocol-port"},
    RuleInfo{"aws.lb-target-group-name", E, "target group name breaks AWS naming rules", "docs/rules.md#awslb-target-group-name"},
    RuleInfo{"aws.listener-certificate", E, "HTTPS / TLS listener without a certificate", "docs/rules.md#awslistener-certificate"},
    RuleInfo{"aws.listener-rule-priority", E, "listener rule priority out of range or not unique per listener", "docs/rules.md#awslistener-rule-priority"},
    RuleInfo{"aws.rds-identifier", E, "RDS identifier / subnet group / parameter group name breaks AWS rules", "docs/rules.md#awsrds-identifier"},
    RuleInfo{"aws.s3-bucket-name", E, "S3 bucket name breaks AWS naming rules", "docs/rules.md#awss3-bucket-name"},
    RuleInfo{"aws.security-group-name", E, "security group name or description breaks AWS rules", "docs/rules.md#awssecurity-group-name"},
    RuleInfo{"aws.subnet-outside-vpc", E, "subnet CIDR not inside its VPC's CIDR", "docs/rules.md#awssubnet-outside-vpc"},
    RuleInfo{"aws.subnet-overlap", E, "subnets of one VPC overlap", "docs/rules.md#awssubnet-overlap"},
    RuleInfo{"aws.target-type-ip", E, "target group of an awsvpc service without target_type ip", "docs/rules.md#awstarget-type-ip"},
    RuleInfo{"ops.autoscaling-no-scale-in", W, "scalable target whose policies only ever scale out", "docs/rules.md#opsautoscaling-no-scale-in"},
    RuleInfo{"ops.autoscaling-role-is-task-role", W, "scaling target uses an ECS task (execution) role", "docs/rules.md#opsautoscaling-role-is-task-role"},
    RuleInfo{"ops.cloudfront-legacy-forwarded-values", W, "cache behaviour uses legacy forwarded_values", "docs/rules.md#opscloudfront-legacy-forwarded-values"},
    RuleInfo{"ops.codedeploy-ecs-ignore-changes", W, "CODE_DEPLOY service does not ignore what CodeDeploy changes", "docs/rules.md#opscodedeploy-ecs-ignore-changes"},
    RuleInfo{"ops.codedeploy-no-notifications", W, "deployment group without notifications", "docs/rules.md#opscodedeploy-no-notifications"},
    RuleInfo{"ops.codedeploy-no-test-listener", W, "blue/green deployment group without a test listener", "docs/rules.md#opscodedeploy-no-test-listener"},
    RuleInfo{"ops.ecr-no-lifecycle-policy", W, "ECR repository without a lifecycle policy", "docs/rules.md#opsecr-no-lifecycle-policy"},
    RuleInfo{"ops.ecs-env-shell-substitution", W, "container environment value with shell substitution ECS never runs", "docs/rules.md#opsecs-env-shell-substitution"},
    RuleInfo{"ops.health-check-path-mismatch", W, "target group health check path differs from the container's", "docs/rules.md#opshealth-check-path-mismatch"},
    RuleInfo{"ops.ignore-changes-container-definitions", W, "ignore_changes hides stackgen-built container definitions", "docs/rules.md#opsignore-changes-container-definitions"},
    RuleInfo{"sec.alb-tls-policy", W, "HTTPS / TLS listener policy allows TLS below 1.2", "docs/rules.md#secalb-tls-policy"},
    RuleInfo{"sec.cloudfront-tls-policy", W, "CloudFront allows TLS below 1.2 (viewers or origins)", "docs/rules.md#seccloudfront-tls-policy"},
    RuleInfo{"sec.container-env-secret", W, "secret in a container's plain environment", "docs/rules.md#seccontainer-env-secret"},
    RuleInfo{"sec.ecr-mutable-tags", W, "ECR repository with mutable image tags", "docs/rules.md#sececr-mutable-tags"},
    RuleInfo{"sec.ecr-no-scan-on-push", W, "ECR repository without scan on push", "docs/rules.md#sececr-no-scan-on-push"},
    RuleInfo{"sec.ecs-task-role-is-execution-role", W, "task role and execution role are the same role", "docs/rules.md#sececs-task-role-is-execution-role"},
    RuleInfo{"sec.efs-unencrypted", W, "EFS file system not encrypted", "docs/rules.md#secefs-unencrypted"},
    RuleInfo{"sec.http-listener-no-redirect", W, "public HTTP listener that does not redirect to HTTPS", "docs/rules.md#sechttp-listener-no-redirect"},
    RuleInfo{"sec.iam-wildcard", W, "IAM statement allows action * on resource *", "docs/rules.md#seciam-wildcard"},
    RuleInfo{"sec.open-ingress", W, "ingress from anywhere to an administrative, database or file port", "docs/rules.md#secopen-ingress"},
    RuleInfo{"sec.rds-master-password", W, "RDS master password passes through Terraform state", "docs/rules.md#secrds-master-password"},
    RuleInfo{"sec.rds-no-deletion-protection", W, "RDS instance without deletion protection", "docs/rules.md#secrds-no-deletion-protection"},
    RuleInfo{"sec.rds-public", W, "RDS instance publicly accessible", "docs/rules.md#secrds-public"},
    RuleInfo{"sec.rds-public-subnets", W, "DB subnet group made of public subnets", "docs/rules.md#secrds-public-subnets"},
    RuleInfo{"sec.rds-skip-final-snapshot", W, "RDS instance deleted without a final snapshot", "docs/rules.md#secrds-skip-final-snapshot"},
    RuleInfo{"sec.rds-unencrypted", W, "RDS storage not encrypted", "docs/rules.md#secrds-unencrypted"},
    RuleInfo{"sec.s3-acl-ownership", W, "S3 bucket uses ACLs instead of BucketOwnerEnforced", "docs/rules.md#secs3-acl-ownership"},
    RuleInfo{"sec.s3-force-destroy", W, "S3 bucket deletable with its objects", "docs/rules.md#secs3-force-destroy"},
    RuleInfo{"sec.s3-no-access-logging", W, "S3 bucket without access logging", "docs/rules.md#secs3-no-access-logging"},
    RuleInfo{"sec.s3-no-encryption", W, "S3 bucket without a server-side encryption configuration", "docs/rules.md#secs3-no-encryption"},
    RuleInfo{"sec.s3-no-public-access-block", W, "S3 bucket without a full public access block", "docs/rules.md#secs3-no-public-access-block"},
    RuleInfo{"sec.s3-no-versioning", W, "S3 bucket without versioning", "docs/rules.md#secs3-no-versioning"},
    RuleInfo{"sec.variable-not-sensitive", W, "secret-named variable not marked sensitive", "docs/rules.md#secvariable-not-sensitive"},
};

}  // namespace

}  // namespace stackgen::lint

namespace stackgen::aws {

RuleSet lint_rules() {
  // One check, one view of the stack shared by every family.
  return RuleSet("aws", lint::kRules, [](RuleContext& context) {
    lint::Linter l(context);
    lint::check_names(l);
    lint::check_network(l);
    lint::check_load_balancing(l);
    lint::check_cloudfront(l);
    lint::check_ecs(l);
    lint::check_blue_green(l);
    lint::check_storage(l);
    lint::check_identity(l);
  });
}

}  // namespace stackgen::aws
