// A stack that only the full fixture program has: e2e.sh emits with it, then
// with the program without it, and checks its files are removed.
#include <stackgen/stackgen.hpp>

namespace {

void gamma_stack(stackgen::Stack& s) {
  auto v = s.variable<stackgen::Number>("replicas").default_value(2);
  s.output("replicas", v);
}

const stackgen::StackRegistration r_gamma{"gamma", gamma_stack};

}  // namespace
