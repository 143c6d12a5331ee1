// Building blocks the faithful and the hardened stacks share, so each
// difference between the two is visible as a difference, not as a copy.
#pragma once

#include <stackgen/aws/efs_file_system.hpp>
#include <stackgen/delivery/deployment_files.hpp>
#include <stackgen/aws/lb_listener_rule.hpp>
#include <stackgen/patterns/codedeploy_blue_green.hpp>
#include <stackgen/patterns/fargate_service.hpp>

#include "keencho/keencho.hpp"

namespace keencho {

/// What the keencho application's pipeline ships (docs/delivery.md): the
/// three images (docker/nginx, backend/admin, backend/user) and the two
/// SPAs (frontend/admin, frontend/user) to their bucket prefixes; CodeDeploy
/// when given.
stackgen::delivery::DeliverySettings application_delivery(
    const Frontend& frontend, const aws::EcsCluster& cluster, const stackgen::patterns::FargateService& app,
    const std::optional<stackgen::patterns::CodeDeployBlueGreen>& codedeploy);

/// TCP on `port` from every IPv4 and IPv6 address.
aws::SecurityGroup::Ingress tcp_from_world(int port, const char* description = nullptr);
/// The internet-facing application load balancer `app-alb` in the public subnets.
aws::Lb application_load_balancer(stackgen::Stack& s, const aws::SecurityGroup& sg, const Network& net,
                                  bool deletion_protection, const std::string& name = "app-alb");
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
                                                                     const aws::LbListener& production,
                                                                     const std::string& prefix = "app");

/// `app-efs` (patterns::log_file_system: encrypted, bursting, to IA after 90
/// days) with a mount target in each private subnet behind `efs_sg`.
aws::EfsFileSystem log_file_system(stackgen::Stack& s, const Inputs& in, const Network& net,
                                   const aws::SecurityGroup& efs_sg,
                                   std::source_location where = std::source_location::current());

}  // namespace keencho
