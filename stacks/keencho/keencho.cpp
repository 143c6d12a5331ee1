// Registration, providers and input variables of the `keencho` stack.
//
// Context (stackgen emit -c KEY=VALUE):
//   ssh_public_key=<openssh public key>  use this key for the test EC2 key pair
//       instead of generating one with tls_private_key (then no `tls` provider
//       and no private_key output; the terraform plan test uses this).
#include "keencho.hpp"

namespace keencho {

Inputs declare_inputs(stackgen::Stack& s, const InputOptions& options) {
  using stackgen::List;
  // Declared first: the test target group may use it too (weakness 7).
  auto health_check_path =
      s.variable<std::string>("alb-health-check-path").default_value(options.health_check_path);
  Inputs in{
      .app_name = s.variable<std::string>("app_name").default_value(options.app_name),
      .app_project_name = s.variable<std::string>("app_project_name").default_value("appProject"),
      .aws_region = s.variable<std::string>("aws_region").default_value("ap-northeast-2"),
      .availability_zones = s.variable<List<std::string>>("availability_zones").default_value({"a", "b"}),
      .vpc_cidr = s.variable<std::string>("vpc_cidr").default_value("10.0.0.0/16"),
      .public_subnet_cidrs =
          s.variable<List<std::string>>("public_subnet_cidrs").default_value({"10.0.1.0/24", "10.0.2.0/24"}),
      .private_subnet_cidrs =
          s.variable<List<std::string>>("private_subnet_cidrs").default_value({"10.0.3.0/24", "10.0.4.0/24"}),
      .db_subnet_cidrs =
          s.variable<List<std::string>>("db_subnet_cidrs").default_value({"10.0.5.0/24", "10.0.6.0/24"}),
      .alb_health_check_path = health_check_path,
      .test_health_check_path =
          options.test_health_check_path
              ? s.variable<std::string>("alb-test-health-check-path")
                    .default_value(options.test_health_check_path)
                    .description("The path the test instance's nginx answers health checks on")
              : health_check_path,
      .nginx_container_name = s.variable<std::string>("nginx-container-name").default_value("nginx"),
      .db_username = std::nullopt,
      .db_password = std::nullopt,
      .domain = s.variable<std::string>("domain")
                    .default_value("keencho.com")
                    .description("Apex domain; its Route 53 zone is created by this stack"),
  };
  if (options.database_credentials) {
    in.db_username = s.variable<std::string>("db-username").description("Master user of the RDS instance").sensitive();
    in.db_password =
        s.variable<std::string>("db-password").description("Master password of the RDS instance").sensitive();
  }
  return in;
}

namespace {

void keencho_stack(stackgen::Stack& s) {
  Inputs in = declare_inputs(s);

  s.provider<aws::Provider>().region(in.aws_region).default_tags([&](auto& d) {
    d.tags({{"Project", in.app_project_name}});
  });
  // CloudFront only accepts certificates from us-east-1.
  auto us_east_1 = s.provider<aws::Provider>("us-east-1").region("us-east-1");

  Network net = build_network(s, in);
  Dns dns = build_dns(s, in, us_east_1);
  LoadBalancer lb = build_test_environment(s, in, net, dns);
  Frontend frontend = build_frontend(s, in, dns, lb);
  Backend backend = build_backend(s, in, net, lb);
  build_delivery(s, frontend, backend);
}

const stackgen::StackRegistration registration{"keencho", keencho_stack};

}  // namespace

aws::SecurityGroup::Ingress tcp_from_anywhere(int from_port, int to_port, const char* description) {
  return aws::SecurityGroup::Ingress{}
      .description(description)
      .protocol("tcp")
      .from_port(from_port)
      .to_port(to_port)
      .cidr_blocks({"0.0.0.0/0"});
}

aws::SecurityGroup::Egress all_egress() {
  return aws::SecurityGroup::Egress{}
      .protocol("-1")
      .from_port(0)
      .to_port(0)
      .cidr_blocks({"0.0.0.0/0"});
}

aws::SecurityGroup security_group(stackgen::Stack& s, const char* name, const char* description, const Network& net,
                                  std::source_location where) {
  return s.add<aws::SecurityGroup>(name, where)
      .name(name)
      .description(description)
      .vpc_id(net.vpc.id())
      .egress({all_egress()})
      .tags({{"Name", name}});
}

}  // namespace keencho
