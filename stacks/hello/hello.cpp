// A minimal stack: core features only, no provider bindings.
#include <stackgen/stackgen.hpp>

namespace {

void hello(stackgen::Stack& s) {
  using namespace stackgen;
  auto greeting = s.variable<std::string>("greeting").default_value("hello").description("What to say");
  auto data = s.add<builtin::TerraformData>("message").input(Value{{"text", greeting + ", ${world}"}});
  s.output("message", data.output()).description("The stored message");
  // Continuous validation: Terraform reports a false assertion as a warning
  // after every plan and apply, without stopping either.
  s.check("message_stored")
      .assert_that(!is_null(data.output()), "terraform_data.message stored nothing for " + greeting);
}

const stackgen::StackRegistration registration{"hello", hello};

}  // namespace
