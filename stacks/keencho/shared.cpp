#include "keencho/shared.hpp"

#include <stackgen/patterns/log_file_system.hpp>

namespace keencho {

aws::SecurityGroup::Ingress tcp_from_world(int port, const char* description) {
  aws::SecurityGroup::Ingress rule;
  if (description) rule.description(description);
  return rule.protocol("tcp").from_port(port).to_port(port).cidr_blocks({"0.0.0.0/0"}).ipv6_cidr_blocks({"::/0"});
}

aws::Lb application_load_balancer(stackgen::Stack& s, const aws::SecurityGroup& sg, const Network& net,
                                  bool deletion_protection, const std::string& name) {
  return s.add<aws::Lb>("app-alb")
      .name(name)
      .internal(false)
      .load_balancer_type("application")
      .security_groups({sg.id()})
      .subnets(stackgen::splat(net.public_subnets, &aws::Subnet::id))
      .enable_deletion_protection(deletion_protection);
}

aws::LbListener http_to_https_listener(stackgen::Stack& s, const aws::Lb& alb) {
  return s.add<aws::LbListener>("app-alb-listener-http")
      .load_balancer_arn(alb.arn())
      .port(80)
      .protocol("HTTP")
      .default_action([](auto& a) {
        a.type("redirect").redirect([](auto& r) { r.port("443").protocol("HTTPS").status_code("HTTP_301"); });
      });
}

aws::LbListenerRule::Condition host_header(std::vector<Expr<std::string>> hosts) {
  return aws::LbListenerRule::Condition{}.host_header([&](auto& h) { h.values(std::move(hosts)); });
}

stackgen::patterns::CodeDeployBlueGreenSettings reference_deployment(const Inputs& in, const aws::EcsCluster& cluster,
                                                                     const stackgen::patterns::FargateService& app,
                                                                     const aws::LbListener& production,
                                                                     const std::string& prefix) {
  return {.cluster = cluster,
          .service = app.service,
          .container_name = in.nginx_container_name,
          .container_port = 80,
          .blue = app.target_group,
          .green = *app.green_target_group,
          .production_listener = production,
          .application_name = prefix + "-deploy",
          .deployment_group_name = prefix + "-deploy-group",
          .role_name = prefix + "-deploy-role",
          .policy_attachment_prefix = prefix};
}

aws::EfsFileSystem log_file_system(stackgen::Stack& s, const Inputs& in, const Network& net,
                                   const aws::SecurityGroup& efs_sg, std::source_location where) {
  return stackgen::patterns::log_file_system(s, "app-efs",
                                             {.subnets = net.private_subnets,
                                              .count = stackgen::length(in.private_subnet_cidrs),
                                              .security_groups = {efs_sg.id()}},
                                             {}, where)
      .file_system;
}

}  // namespace keencho
