// Registrations the CLI must refuse before any stack runs: a second stack
// named "alpha" (fixture_stacks.cpp has one) and "Beta", which shares a
// directory with "beta" on a case-insensitive filesystem.
#include <stackgen/stackgen.hpp>

namespace {

void empty_stack(stackgen::Stack&) {}

const stackgen::StackRegistration r_alpha_again{"alpha", empty_stack};
const stackgen::StackRegistration r_beta_upper{"Beta", empty_stack};

}  // namespace
