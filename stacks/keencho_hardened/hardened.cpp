// Registration of `keencho-hardened`.
#include "keencho_hardened/hardened.hpp"

namespace keencho::hardened {
namespace {

void hardened_stack(stackgen::Stack& s) {
  // Fix 7: each target group checks the path its server answers: the
  // production nginx /health-check, the test instance's /alb/health-check.
  Inputs in = declare_inputs(s, {.database_credentials = false,
                                 .health_check_path = "/health-check",
                                 .test_health_check_path = "/alb/health-check"});
  const auto project_tag = [&](auto& d) { d.tags({{"Project", in.app_project_name}}); };
  s.provider<aws::Provider>().region(in.aws_region).default_tags(project_tag);
  auto us_east_1 = s.provider<aws::Provider>("us-east-1").region("us-east-1").default_tags(project_tag);

  Network net = build_network(s, in);
  Dns dns = build_dns(s, in, us_east_1);
  Edge edge = build_edge(s, in, net, dns);
  build_frontend(s, in, dns, edge);
  build_backend(s, in, net, edge);
}

const stackgen::StackRegistration registration{"keencho-hardened", hardened_stack};

}  // namespace
}  // namespace keencho::hardened
