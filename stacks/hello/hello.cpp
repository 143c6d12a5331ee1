// A minimal stack: core features only, no provider bindings.
#include <stackgen/stackgen.hpp>

namespace {

void hello(stackgen::Stack& s) {
  using namespace stackgen;
  auto greeting = s.variable<std::string>("greeting").default_value("hello").description("What to say");
  auto data = s.add<builtin::TerraformData>("message").input(Value{{"text", greeting + ", ${world}"}});
  s.output("message", data.output()).description("The stored message");
}

const stackgen::StackRegistration registration{"hello", hello};

}  // namespace
