// Shared fixture of the lint tests: validate a tiny stack with the lint
// rules registered, then find the one diagnostic of a rule and check its
// severity and location. Lines are named with `const unsigned line =
// __LINE__ + 1;` right above the declaration at fault.
#pragma once

#include <catch2/catch.hpp>
#include <source_location>
#include <string>
#include <string_view>
#include <vector>

#include <stackgen/core/emit.hpp>
#include <stackgen/lint/aws.hpp>
#include <stackgen/stackgen.hpp>

namespace lint_test {

using stackgen::Diagnostic;
using stackgen::Diagnostics;
using stackgen::Severity;

/// The AWS rule set, built once.
inline const stackgen::RuleSet& aws_rules() {
  static const stackgen::RuleSet rules = stackgen::aws::lint_rules();
  return rules;
}

inline Diagnostics run(const stackgen::Stack& s) { return stackgen::validate(s, {{aws_rules()}}); }

inline std::string describe(const Diagnostics& ds) {
  std::string out;
  for (const auto& d : ds.items())
    out += d.where.file + ":" + std::to_string(d.where.line) + ": " +
           stackgen::to_string(d.severity) + ": " + d.address + ": " + d.message + " [" + d.rule +
           "]\n";
  return out;
}

inline std::vector<Diagnostic> with_rule(const Diagnostics& ds, std::string_view rule) {
  std::vector<Diagnostic> out;
  for (const auto& d : ds.items())
    if (d.rule == rule) out.push_back(d);
  return out;
}

inline bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

/// The one finding of `rule`: checks its severity, the rule table's
/// severity, and that it points at `line` of the calling test file.
inline Diagnostic expect_finding(const stackgen::Stack& s, std::string_view rule, Severity severity,
                                 unsigned line,
                                 std::source_location where = std::source_location::current()) {
  Diagnostics ds = run(s);
  auto found = with_rule(ds, rule);
  INFO("expected one " << rule << " at line " << line << "; all diagnostics:\n" << describe(ds));
  REQUIRE(found.size() == 1);
  const Diagnostic& d = found[0];
  std::string_view file = where.file_name();
  std::string_view base = file.substr(file.find_last_of('/') + 1);
  CHECK(d.severity == severity);
  const auto* info = aws_rules().find(rule);
  REQUIRE(info != nullptr);
  CHECK(info->severity == severity);
  CHECK(ends_with(d.where.file, base));
  CHECK(d.where.line == line);
  CHECK(d.stack == s.name());
  CHECK_FALSE(d.message.empty());
  CHECK_FALSE(d.hint.empty());
  return d;
}

/// No finding of `rule`.
inline void expect_no_finding(const stackgen::Stack& s, std::string_view rule) {
  Diagnostics ds = run(s);
  INFO("all diagnostics:\n" << describe(ds));
  CHECK(with_rule(ds, rule).empty());
}

/// Every finding of `rule`.
inline std::vector<Diagnostic> findings(const stackgen::Stack& s, std::string_view rule) {
  return with_rule(run(s), rule);
}

}  // namespace lint_test
