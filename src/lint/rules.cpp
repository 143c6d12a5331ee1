// The rule table and registration of the rule families with validate().
#include "stackgen/lint/rules.hpp"

#include <algorithm>
#include <array>

#include "lint.hpp"
#include "stackgen/core/emit.hpp"

namespace stackgen::lint {
namespace {

constexpr Severity E = Severity::error;
constexpr Severity W = Severity::warning;

// Sorted by id (checked by the tests); docs/rules.md has a section for each.
constexpr std::array kRules{
    RuleInfo{"aws.availability-zone-region", E, "availability zone outside the provider's region"},
    RuleInfo{"aws.cloudfront-certificate-region", E,
             "CloudFront viewer certificate not from us-east-1"},
    RuleInfo{"aws.cloudfront-default-root-object", E, "CloudFront default_root_object malformed"},
    RuleInfo{"aws.cloudfront-error-response", E, "CloudFront custom error response malformed"},
    RuleInfo{"aws.cloudfront-origin-id", E,
             "cache behaviour targets an origin id that does not exist"},
    RuleInfo{"aws.cloudwatch-alarm-name", E, "CloudWatch alarm name breaks AWS limits"},
    RuleInfo{"aws.codedeploy-blue-green", E,
             "CODE_DEPLOY service without a working blue/green deployment group"},
    RuleInfo{"aws.codedeploy-name", E, "CodeDeploy application / deployment group name too long"},
    RuleInfo{"aws.ecr-repository-name", E, "ECR repository name breaks AWS naming rules"},
    RuleInfo{"aws.ecs-load-balancer-container", E,
             "service load balancer names a container or port the task lacks"},
    RuleInfo{"aws.ecs-name", E, "ECS cluster / service / task family name breaks AWS naming rules"},
    RuleInfo{"aws.fargate-cpu-memory", E, "Fargate task cpu / memory combination not supported"},
    RuleInfo{"aws.fargate-network-mode", E, "Fargate task or service without awsvpc network mode"},
    RuleInfo{"aws.iam-policy-name", E, "IAM policy name breaks AWS naming rules"},
    RuleInfo{"aws.iam-role-name", E, "IAM role name breaks AWS naming rules"},
    RuleInfo{"aws.invalid-cidr", E,
             "CIDR block malformed, not a network address, or of a size AWS refuses"},
    RuleInfo{"aws.lb-name", E, "load balancer name breaks AWS naming rules"},
    RuleInfo{"aws.lb-protocol-port", E, "listener / target group protocol or port invalid"},
    RuleInfo{"aws.lb-target-group-name", E, "target group name breaks AWS naming rules"},
    RuleInfo{"aws.listener-certificate", E, "HTTPS / TLS listener without a certificate"},
    RuleInfo{"aws.listener-rule-priority", E,
             "listener rule priority out of range or not unique per listener"},
    RuleInfo{"aws.rds-identifier", E,
             "RDS identifier / subnet group / parameter group name breaks AWS rules"},
    RuleInfo{"aws.s3-bucket-name", E, "S3 bucket name breaks AWS naming rules"},
    RuleInfo{"aws.security-group-name", E, "security group name or description breaks AWS rules"},
    RuleInfo{"aws.subnet-outside-vpc", E, "subnet CIDR not inside its VPC's CIDR"},
    RuleInfo{"aws.subnet-overlap", E, "subnets of one VPC overlap"},
    RuleInfo{"aws.target-type-ip", E, "target group of an awsvpc service without target_type ip"},
    RuleInfo{"ops.autoscaling-no-scale-in", W,
             "scalable target whose policies only ever scale out"},
    RuleInfo{"ops.autoscaling-role-is-task-role", W,
             "scaling target uses an ECS task (execution) role"},
    RuleInfo{"ops.cloudfront-legacy-forwarded-values", W,
             "cache behaviour uses legacy forwarded_values"},
    RuleInfo{"ops.codedeploy-ecs-ignore-changes", W,
             "CODE_DEPLOY service does not ignore what CodeDeploy changes"},
    RuleInfo{"ops.codedeploy-no-notifications", W, "deployment group without notifications"},
    RuleInfo{"ops.codedeploy-no-test-listener", W,
             "blue/green deployment group without a test listener"},
    RuleInfo{"ops.ecr-no-lifecycle-policy", W, "ECR repository without a lifecycle policy"},
    RuleInfo{"ops.health-check-path-mismatch", W,
             "target group health check path differs from the container's"},
    RuleInfo{"ops.ignore-changes-container-definitions", W,
             "ignore_changes hides stackgen-built container definitions"},
    RuleInfo{"sec.alb-tls-policy", W, "HTTPS / TLS listener policy allows TLS below 1.2"},
    RuleInfo{"sec.cloudfront-tls-policy", W,
             "CloudFront allows TLS below 1.2 (viewers or origins)"},
    RuleInfo{"sec.container-env-secret", W, "secret in a container's plain environment"},
    RuleInfo{"sec.ecr-mutable-tags", W, "ECR repository with mutable image tags"},
    RuleInfo{"sec.ecr-no-scan-on-push", W, "ECR repository without scan on push"},
    RuleInfo{"sec.ecs-task-role-is-execution-role", W,
             "task role and execution role are the same role"},
    RuleInfo{"sec.efs-unencrypted", W, "EFS file system not encrypted"},
    RuleInfo{"sec.http-listener-no-redirect", W,
             "public HTTP listener that does not redirect to HTTPS"},
    RuleInfo{"sec.iam-wildcard", W, "IAM statement allows action * on resource *"},
    RuleInfo{"sec.open-ingress", W,
             "ingress from anywhere to an administrative, database or file port"},
    RuleInfo{"sec.rds-master-password", W, "RDS master password passes through Terraform state"},
    RuleInfo{"sec.rds-no-deletion-protection", W, "RDS instance without deletion protection"},
    RuleInfo{"sec.rds-public", W, "RDS instance publicly accessible"},
    RuleInfo{"sec.rds-public-subnets", W, "DB subnet group made of public subnets"},
    RuleInfo{"sec.rds-skip-final-snapshot", W, "RDS instance deleted without a final snapshot"},
    RuleInfo{"sec.rds-unencrypted", W, "RDS storage not encrypted"},
    RuleInfo{"sec.s3-acl-ownership", W, "S3 bucket uses ACLs instead of BucketOwnerEnforced"},
    RuleInfo{"sec.s3-force-destroy", W, "S3 bucket deletable with its objects"},
    RuleInfo{"sec.s3-no-access-logging", W, "S3 bucket without access logging"},
    RuleInfo{"sec.s3-no-encryption", W, "S3 bucket without a server-side encryption configuration"},
    RuleInfo{"sec.s3-no-public-access-block", W, "S3 bucket without a full public access block"},
    RuleInfo{"sec.s3-no-versioning", W, "S3 bucket without versioning"},
    RuleInfo{"sec.variable-not-sensitive", W, "secret-named variable not marked sensitive"},
};

}  // namespace

std::span<const RuleInfo> rules() { return kRules; }

const RuleInfo* find_rule(std::string_view id) {
  auto it = std::lower_bound(kRules.begin(), kRules.end(), id,
                             [](const RuleInfo& r, std::string_view key) { return r.id < key; });
  return it != kRules.end() && it->id == id ? &*it : nullptr;
}

void register_rules() {
  // One check, one view of the stack shared by every family.
  register_check("lint", [](const Stack& s, Diagnostics& d) {
    Linter l(s, d);
    check_names(l);
    check_network(l);
    check_load_balancing(l);
    check_cloudfront(l);
    check_ecs(l);
    check_blue_green(l);
    check_storage(l);
    check_identity(l);
  });
}

}  // namespace stackgen::lint
