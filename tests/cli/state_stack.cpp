// A stack whose state lives in S3, its key derived from the stack's name and
// its bucket left to `terraform init -backend-config` (tests/cli/s3_backend.sh).
#include <stackgen/stackgen.hpp>

namespace {

void state_demo(stackgen::Stack& s) {
  s.terraform().required_version(">= 1.10").backend(stackgen::s3_backend(s, {.key_prefix = "shop/"}));
  auto release = s.variable<std::string>("release").default_value("1.0.0");
  s.add<stackgen::builtin::TerraformData>("release").input(release);
}

const stackgen::StackRegistration registration{"state-demo", state_demo};

}  // namespace
