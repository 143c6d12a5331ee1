// The smallest stackgen program: one stack, built against an installed
// stackgen (find_package) and linked with stackgen::main, which makes this
// executable the whole CLI: `./hello emit --out out`.
#include <stackgen/stackgen.hpp>

namespace {

void hello(stackgen::Stack& s) {
  using namespace stackgen;
  auto name = s.variable<std::string>("name").default_value("world").description("Who to greet");
  auto greeting = s.add<builtin::TerraformData>("greeting").input("hello, " + name);
  s.output("greeting", greeting.output()).description("What terraform_data stored");
}

const stackgen::StackRegistration registration{"hello", hello};

}  // namespace
