// Two stacks of one app, the second using the first's handles
// (stackgen/core/cross_stack.hpp), for tests/cli/cross_stack.sh: applied in
// order with real terraform (terraform_data: no provider, no network).
//
// `-c mistake=...` makes the program wrong in one way, for the errors:
// undeclared (a handle used without depends_on), cycle, whole (a whole block
// passed), self (a stack depending on itself).
#include <stackgen/stackgen.hpp>

namespace {

using stackgen::builtin::TerraformData;

const stackgen::AppRegistration app{[](stackgen::App& app) {
  auto& network = app.stack("network");
  const std::string mistake = network.context("mistake");
  auto vpc = network.add<TerraformData>("vpc").input(stackgen::Value("10.0.0.0/16"));
  auto zones = network.add<TerraformData>("zone").count(2).input(stackgen::format("zone-%d", stackgen::count_index()));
  const stackgen::Expr<stackgen::Set<std::string>> tier_names{"db", "web"};
  auto tiers = network.add<TerraformData>("tier").for_each(tier_names).input(stackgen::format("tier-%s", stackgen::each_key()));
  auto secret = network.variable<std::string>("token").sensitive();

  auto& service = app.stack("service");
  if (mistake != "undeclared") service.depends_on(network);
  if (mistake == "cycle") network.depends_on(service);
  if (mistake == "self") service.depends_on(service);
  service.add<TerraformData>("app").input(stackgen::Value{{"vpc", vpc.output()}, {"first_zone", zones[0].output()}});
  service.add<TerraformData>("per_zone").count(2).input(zones[stackgen::count_index()].output());
  service.add<TerraformData>("per_tier").for_each(tier_names).input(tiers[stackgen::each_key()].output());
  service.add<TerraformData>("uses_token").input(secret);
  if (mistake == "whole") service.add<TerraformData>("whole").input(stackgen::values_of(vpc, &TerraformData::output));
  service.output("vpc", vpc.id().value());
}};

// A stack of its own, independent of both: first in name order among the
// stacks without dependencies.
void audit(stackgen::Stack& s) { s.add<TerraformData>("audit").input(stackgen::Value("on")); }
const stackgen::StackRegistration audit_registration{"audit", audit};

}  // namespace
