// keencho's environments from one definition (issue: test and production
// as two environments, docs/environments.md): the hardened design
// (stacks/keencho_hardened) instantiated as `keencho-test` and
// `keencho-prod` with typed settings, beside `keencho-dns`, the one Route 53
// zone and the certificates both use through cross-stack references (a
// domain has one zone; `*.keencho.com` covers every host of both).
//
// What the spec's single stack does with a test EC2 instance behind the
// production ALB, the test environment does as a whole copy at its own
// size: its hosts are the spec's test hosts (app-admin-test.keencho.com,
// app-user-test.keencho.com), its names start with `app-test`, so both
// live in one account. Apply order (stackgen list --order): keencho-dns,
// then the two environments.
#include <stackgen/core/app.hpp>

#include "keencho/shared.hpp"
#include "keencho_hardened/hardened.hpp"

namespace keencho::environments {
namespace {

struct NamedEnvironment {
  const char* name;
  hardened::Environment settings;
  const char* deploy_branch;  ///< pushes here deploy the environment
};

// What an environment decides is a field of hardened::Environment; each
// environment is one initializer.
const NamedEnvironment kEnvironments[] = {
    {"test",
     {.app_name = "app-test", .host_suffix = "-test", .test_instance = false, .desired_tasks = 1, .min_tasks = 1,
      .max_tasks = 2},
     "main"},
    {"prod",
     {.app_name = "app", .host_suffix = "", .test_instance = false, .desired_tasks = 2, .min_tasks = 2, .max_tasks = 8},
     "release"},
};

void keencho_environments(stackgen::App& app) {
  auto& dns_stack = app.stack("keencho-dns");
  Inputs in = declare_inputs(dns_stack, {.database_credentials = false});
  dns_stack.provider<aws::Provider>().region(in.aws_region);
  auto us_east_1 = dns_stack.provider<aws::Provider>("us-east-1").region("us-east-1");
  const Dns dns = build_dns(dns_stack, in, us_east_1);

  for (const auto& env : kEnvironments) {
    auto& s = app.stack(std::string("keencho-") + env.name);
    s.depends_on(dns_stack);
    auto h = hardened::build_hardened(s, stackgen::patterns::ServiceDeployment::codedeploy_blue_green, env.settings, &dns);
    hardened::deployment_files(s, h, hardened::deploy_with_codedeploy(s, h, env.settings), env.deploy_branch);
  }
}

const stackgen::AppRegistration registration{keencho_environments};

}  // namespace
}  // namespace keencho::environments
