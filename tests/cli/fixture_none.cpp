// The stackgen CLI with no stack registered: what a program is when the
// linker dropped every registration (stack sources in a static library).
// e2e.sh checks that it says so and exits 1 instead of emitting nothing.
#include <stackgen/stackgen.hpp>
