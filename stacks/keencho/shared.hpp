// Building blocks the faithful and the hardened stacks share, so each
// difference between the two is visible as a difference, not as a copy.
#pragma once

#include <stackgen/aws/cloudfront_distribution.hpp>
#include <stackgen/aws/cloudfront_origin_access_control.hpp>
#include <stackgen/aws/efs_file_system.hpp>
#include <stackgen/aws/lb_listener_rule.hpp>
#include <stackgen/aws/s3_bucket.hpp>
#include <stackgen/patterns/codedeploy_blue_green.hpp>
#include <stackgen/patterns/fargate_service.hpp>

#include "keencho/keencho.hpp"

namespace keencho {

using Distribution = aws::CloudfrontDistribution;

/// TCP on `port` from every IPv4 and IPv6 address.
aws::SecurityGroup::Ingress tcp_from_world(int port, const char* description = nullptr);
/// The internet-facing application load balancer `app-alb` in the public subnets.
aws::Lb application_load_balancer(stackgen::Stack& s, const aws::SecurityGroup& sg, const Network& net,
                                  bool deletion_protection);
/// `app-alb-listener-http`: port 80, redirects to HTTPS with a 301.
aws::LbListener http_to_https_listener(stackgen::Stack& s, const aws::Lb& alb);
/// A listener-rule condition on the Host header.
aws::LbListenerRule::Condition host_header(std::vector<Expr<std::string>> hosts);

/// What both stacks deploy with patterns::codedeploy_blue_green: the nginx
/// container on port 80 between the service's two target groups behind `production`, under
/// the reference's names (app-deploy, app-deploy-group, app-deploy-role,
/// policy attachments app-*); each stack then sets its own choices.
stackgen::patterns::CodeDeployBlueGreenSettings reference_deployment(const Inputs& in, const aws::EcsCluster& cluster,
                                                                     const stackgen::patterns::FargateService& app,
                                                                     const aws::LbListener& production);

/// `app-efs` (patterns::log_file_system: encrypted, bursting, to IA after 90
/// days) with a mount target in each private subnet behind `efs_sg`.
aws::EfsFileSystem log_file_system(stackgen::Stack& s, const Inputs& in, const Network& net,
                                   const aws::SecurityGroup& efs_sg,
                                   std::source_location where = std::source_location::current());

/// An origin access control named `name` ("admin-front", described "admin front").
aws::CloudfrontOriginAccessControl origin_access_control(stackgen::Stack& s, const std::string& name);
/// The S3 origin of a distribution, read through an origin access control.
Distribution::Origin s3_origin(const aws::S3Bucket& bucket, const aws::CloudfrontOriginAccessControl& oac,
                               const std::string& origin_path);
/// The ALB as a custom origin: HTTPS only, TLS 1.2, keepalive 5 s, read timeout 30 s.
Distribution::Origin alb_origin(const aws::Lb& alb);
/// Viewers in Korea only (the reference's geo whitelist).
Distribution::Restrictions korea_only();
/// The us-east-1 certificate, SNI, TLS 1.2 (2021 policy) at least.
Distribution::ViewerCertificate viewer_certificate(const Dns& dns);
/// SPA routing: S3's 403 for unknown paths becomes /index.html with 200.
Distribution::CustomErrorResponse spa_fallback();
/// An A alias record `name` to a distribution.
void distribution_alias(stackgen::Stack& s, const char* name, const Expr<std::string>& host, const Dns& dns,
                        const Distribution& d);
/// Bucket policy: only CloudFront, on behalf of these distributions, may read.
Expr<std::string> cloudfront_read_policy(const aws::S3Bucket& bucket, std::vector<Expr<std::string>> distribution_arns);

}  // namespace keencho
