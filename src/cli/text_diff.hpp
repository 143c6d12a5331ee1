// A line-based unified diff (Myers-free LCS; files here are small).
#pragma once

#include <string>

namespace stackgen::cli {

std::string unified_diff(const std::string& before, const std::string& after, const std::string& before_name,
                         const std::string& after_name, int context = 3);

}  // namespace stackgen::cli
