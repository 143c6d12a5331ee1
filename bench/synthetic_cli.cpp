// The synthetic stack as a stackgen program, for measuring the CLI's own
// commands at scale (diff and graph of 150k resources, tools/bench-diff.sh):
//   stackgen_synthetic emit -c units=10000 --out out
// `-c variant=1` adds an output, so that diff has one change to find among
// the 150k unchanged resources.
#include <string>

#include "stackgen/stackgen.hpp"
#include "synthetic_stack.hpp"

namespace {

void synthetic(stackgen::Stack& s) {
  const std::string units = s.context("units", "100");
  stackgen::bench::build_synthetic_stack(s, std::stoul(units));
  if (s.context("variant") == "1") {
    // One more output changes the stack as an edit would; the diff must
    // find it among 150k unchanged resources.
    s.output("variant", stackgen::Expr<std::string>("edited")).description("added by the variant");
  }
}

const stackgen::StackRegistration registration{"synthetic", synthetic};

}  // namespace
