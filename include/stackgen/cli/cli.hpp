// The stackgen command line, over the stacks registered in this program.
#pragma once

#include <vector>

#include "stackgen/core/rules.hpp"

namespace stackgen::cli {

struct RunOptions {
  /// Rule sets `validate`, `emit` and `diff` run besides the core checks
  /// (stackgen::main passes stackgen::aws::lint_rules(); a program with
  /// policies of its own writes its main() with them added).
  std::vector<RuleSet> rule_sets;
};

/// Exit codes: 0 success, 1 diagnostics (or drift with --check), 2 usage.
int run(int argc, char** argv, const RunOptions& options);

}  // namespace stackgen::cli
