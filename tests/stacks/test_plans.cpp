// Real terraform as the consumer of the reference stacks, through
// stackgen/testing.hpp: init (offline, from the provider mirror), validate
// and plan with mock credentials; the number of resources to add is the
// spec's. Skipped, loudly, where terraform or the mirror is missing (the
// test binary then exits 77, CTest's "skipped").
#include <catch2/catch.hpp>

#include <stackgen/stackgen.hpp>
#include <stackgen/testing.hpp>
#include <stackgen/testing/catch2.hpp>

using namespace stackgen::testing;

namespace {

// The mirror has no hashicorp/tls: the documented context switch replaces
// the generated key pair (tls_private_key.pk, output private_key) with a
// given public key.
const stackgen::Context kWithKey{{"ssh_public_key", "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7stackgentestkeyonly stackgen-test"}};
const std::map<std::string, std::string> kSecrets{{"db-username", "stackgen"}, {"db-password", "not-a-real-secret"}};

/// Plans the stack; the number of resources to add, or -1 when skipped.
/// With `hcl`, also plans the HCL output and checks that it plans exactly
/// what the JSON plans (every address, value, unknown and sensitive mark).
int planned(const Synth& synth, PlanOptions options = {}) {
  options.plan_json = true;
  auto plan = plans_cleanly(synth, options);
  if (plan.skipped()) {
    stackgen::testing::detail::note_skipped();
    WARN(plan.message);
    return -1;
  }
  INFO(plan.message << "\n" << plan.log);
  REQUIRE(plan.status == PlanResult::Status::passed);
  CHECK(plan.to_change == 0);
  CHECK(plan.to_destroy == 0);

  options.hcl = true;
  auto hcl = plans_cleanly(synth, options);
  INFO("HCL: " << hcl.message << "\n" << hcl.log);
  REQUIRE(hcl.status == PlanResult::Status::passed);
  auto same = same_plan(plan.plan_json, hcl.plan_json);
  INFO(same.message);
  CHECK(same.ok);
  return plan.to_add;
}

}  // namespace

TEST_CASE("keencho plans 89 resources, from JSON and from HCL alike", "[plan]") {
  auto synth = Synth::registered("keencho", {.context = kWithKey});
  const int added = planned(synth, {.variables = kSecrets});
  if (added >= 0) CHECK(added == 89);
  // A secret given at plan time is in no emitted byte.
  CHECK(synth.json_text().find("not-a-real-secret") == std::string::npos);
}

TEST_CASE("keencho-hardened plans 118 resources, from JSON and from HCL alike", "[plan]") {
  const int added = planned(Synth::registered("keencho-hardened", {.context = kWithKey}));
  if (added >= 0) CHECK(added == 118);
}
