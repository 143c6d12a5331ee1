// Printing diagnostics, stack lists and graphs for the CLI.
#pragma once

#include <ostream>
#include <vector>
#include <span>
#include <string>

#include "stackgen/core/app.hpp"
#include "stackgen/core/diagnostic.hpp"
#include "stackgen/core/rules.hpp"

namespace stackgen::cli {

/// text: grouped by stack, `file:line: severity: message [rule]` on `err`;
/// json and sarif (2.1.0): one document on `out`.
void print_diagnostics(const Diagnostics& d, const std::string& format, std::span<const RuleSet> rule_sets,
                       std::ostream& out, std::ostream& err);
/// OUT/stackgen.order.json: the stacks in apply order, each with its
/// directory and the stacks it depends on, for CI (docs/stacks.md).
inline constexpr std::string_view kOrderFile = "stackgen.order.json";
std::string order_json(const App& app);
/// `stackgen list --order`: one stack per line in apply order (text), or
/// the order file's contents (json).
void print_order(const App& app, const std::string& format, std::ostream& out);

void print_stack_list(const std::vector<const Stack*>& stacks, const std::string& format, std::ostream& out);
/// A path as diagnostics show it: relative to the working directory when inside it.
std::string display_path(const std::string& file);

}  // namespace stackgen::cli
