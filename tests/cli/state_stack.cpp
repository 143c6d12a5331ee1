// A stack whose state lives in S3, its key derived from the stack's name and
// its bucket left to `terraform init -backend-config` (tests/cli/s3_backend.sh),
// and one definition in two environments (tests/cli/environments.sh).
#include <stackgen/stackgen.hpp>

namespace {

void state_demo(stackgen::Stack& s) {
  s.terraform().required_version(">= 1.10").backend(stackgen::s3_backend(s, {.key_prefix = "shop/"}));
  auto release = s.variable<std::string>("release").default_value("1.0.0");
  s.add<stackgen::builtin::TerraformData>("release").input(release);
}

const stackgen::StackRegistration registration{"state-demo", state_demo};

struct ShopSettings {
  std::string instance_class;
  int min_tasks;
};

void shop(stackgen::Stack& s, const ShopSettings& env) {
  s.terraform().backend(stackgen::s3_backend(s, {.bucket = "shop-state", .region = "eu-west-1"}));
  s.add<stackgen::builtin::TerraformData>("sizes")
      .input(stackgen::Value{{"instance_class", env.instance_class}, {"min_tasks", env.min_tasks}});
}

const stackgen::EnvironmentRegistration<ShopSettings> shop_environments{
    "shop",
    {{"test", {.instance_class = "db.t3.micro", .min_tasks = 1}}, {"prod", {.instance_class = "db.r6g.large", .min_tasks = 2}}},
    shop};

}  // namespace
