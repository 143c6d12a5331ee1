// The stackgen command line, over the stacks registered in this program.
#pragma once

namespace stackgen::cli {

/// Exit codes: 0 success, 1 diagnostics (or drift with --check), 2 usage.
int run(int argc, char** argv);

}  // namespace stackgen::cli
