// Printing a semantic diff: text for a terminal (colour when it is one),
// JSON for tools, Markdown for a pull-request comment.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "semantic_diff.hpp"

namespace stackgen::cli::diff {

struct ReportOptions {
  std::string format = "text";  ///< text, json, markdown
  bool color = false;
};

/// Counts over every stack: what a summary line says.
struct Totals {
  std::size_t added = 0, removed = 0, changed = 0, moved = 0, security = 0;
  bool any() const { return added || removed || changed || moved; }
};
Totals totals(const std::vector<StackDiff>& diffs);

void print(const std::vector<StackDiff>& diffs, const ReportOptions& options, std::ostream& out);

}  // namespace stackgen::cli::diff
