// The reference infrastructure (../shared/spec/seed-infrastructure.md):
// zero-downtime deployment of a React + Spring Boot application on AWS.
// Each part lives in its own file and builds one section of the spec; the
// handles it returns are what later parts refer to.
#pragma once

#include <optional>

#include <stackgen/aws/acm_certificate.hpp>
#include <stackgen/aws/cloudfront_distribution.hpp>
#include <stackgen/aws/ecs_cluster.hpp>
#include <stackgen/aws/s3_bucket.hpp>
#include <stackgen/patterns/codedeploy_blue_green.hpp>
#include <stackgen/patterns/fargate_service.hpp>
#include <stackgen/aws/lb.hpp>
#include <stackgen/aws/lb_listener.hpp>
#include <stackgen/aws/lb_target_group.hpp>
#include <stackgen/aws/provider.hpp>
#include <stackgen/aws/route53_zone.hpp>
#include <stackgen/aws/security_group.hpp>
#include <stackgen/aws/subnet.hpp>
#include <stackgen/aws/vpc.hpp>
#include <stackgen/stackgen.hpp>

namespace keencho {

namespace aws = stackgen::aws;
using stackgen::Expr;
using stackgen::List;
using stackgen::Variable;

/// The stack's input variables (names and defaults as in the reference).
struct Inputs {
  Variable<std::string> app_name;
  Variable<std::string> app_project_name;
  Variable<std::string> aws_region;
  Variable<List<std::string>> availability_zones;
  Variable<std::string> vpc_cidr;
  Variable<List<std::string>> public_subnet_cidrs;
  Variable<List<std::string>> private_subnet_cidrs;
  Variable<List<std::string>> db_subnet_cidrs;
  Variable<std::string> alb_health_check_path;
  /// What the test target group checks: the same variable in the reference
  /// (known weakness 7), a variable of its own in the hardened stack.
  Variable<std::string> test_health_check_path;
  Variable<std::string> nginx_container_name;
  // Absent in the hardened stack, whose database manages its own password.
  std::optional<Variable<std::string>> db_username;
  std::optional<Variable<std::string>> db_password;
  /// Added to the reference: its domain was hard-coded.
  Variable<std::string> domain;
};

struct Network {
  aws::Vpc vpc;
  aws::Subnet public_subnets;   // count = length(var.public_subnet_cidrs)
  aws::Subnet private_subnets;  // count = length(var.private_subnet_cidrs)
  aws::Subnet db_subnets;       // count = length(var.db_subnet_cidrs)
};

struct Dns {
  aws::Route53Zone zone;
  aws::AcmCertificate regional_certificate;
  aws::AcmCertificate virginia_certificate;  // provider aws.us-east-1, for CloudFront
};

struct LoadBalancer {
  aws::SecurityGroup security_group;
  aws::Lb alb;
  aws::LbListener https_listener;
};

/// What differs between the reference's inputs and the hardened stack's.
struct InputOptions {
  /// var.app_name's default (an environment's own: "app-test").
  const char* app_name = "app";
  bool database_credentials = true;  ///< db-username / db-password variables
  /// The reference's final default: what the production nginx answers.
  const char* health_check_path = "/health-check";
  /// When set, the test target group gets its own variable
  /// `alb-test-health-check-path` with this default.
  const char* test_health_check_path = nullptr;
};

Inputs declare_inputs(stackgen::Stack& s, const InputOptions& options = {});
Network build_network(stackgen::Stack& s, const Inputs& in);
Dns build_dns(stackgen::Stack& s, const Inputs& in, const aws::Provider& us_east_1);
LoadBalancer build_test_environment(stackgen::Stack& s, const Inputs& in, const Network& net, const Dns& dns);
/// The two SPAs: the bucket and the distribution serving each prefix.
struct Frontend {
  aws::S3Bucket bucket;
  aws::CloudfrontDistribution admin;
  aws::CloudfrontDistribution user;
};

/// What a deployment of the service touches.
struct Backend {
  aws::EcsCluster cluster;
  stackgen::patterns::FargateService app;
  stackgen::patterns::CodeDeployBlueGreen deploy;
};

Frontend build_frontend(stackgen::Stack& s, const Inputs& in, const Dns& dns, const LoadBalancer& lb);
Backend build_backend(stackgen::Stack& s, const Inputs& in, const Network& net, const LoadBalancer& lb);
/// out/keencho/deploy/: what the series' pipeline did by hand (docs/delivery.md).
void build_delivery(stackgen::Stack& s, const Frontend& frontend, const Backend& backend);

/// Security-group rule helpers shared by the parts.
aws::SecurityGroup::Ingress tcp_from_anywhere(int from_port, int to_port, const char* description);
/// All traffic to every IPv4 address (the reference's one egress rule).
aws::SecurityGroup::Egress all_egress();
/// A security group as the reference writes them: `name` and tag `Name` the
/// address's name, a description, the one egress rule; the caller adds ingress.
aws::SecurityGroup security_group(stackgen::Stack& s, const char* name, const char* description, const Network& net,
                                  std::source_location where = std::source_location::current());

}  // namespace keencho
