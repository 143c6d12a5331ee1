// Rule sets: lint rules and policies, passed to validate() explicitly.
//
// The core's own checks always run. Everything else is a RuleSet: a table
// of rules (stable id, severity, one-line summary) and a check over the read
// API that reports findings by rule id. stackgen's AWS rules are one
// (stackgen::aws::lint_rules()); an organisation's policies are another,
// written the same way:
//
//   const stackgen::RuleInfo kRules[] = {
//       {"org.bucket-owner", stackgen::Severity::warning, "bucket without an owner tag"}};
//   stackgen::RuleSet org_policies() {
//     return {"org", kRules, [](stackgen::RuleContext& c) {
//       for (auto b : c.stack().blocks())
//         if (b.type() == "aws_s3_bucket" && b.argument("tags").field("owner").is_null())
//           c.report("org.bucket-owner", b, "bucket has no owner tag", "add tags.owner");
//     }};
//   }
//
// Findings get the block's C++ location, can be suppressed with
// suppress_rule(id, reason), and appear in text, JSON and SARIF reports like
// built-in ones. A suppression naming an id no rule set knows is an error.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "stackgen/core/diagnostic.hpp"
#include "stackgen/core/inspect.hpp"

namespace stackgen {

struct RuleInfo {
  std::string_view id;
  Severity severity;
  std::string_view summary;  ///< one line: what the rule finds
  /// Where the rule is documented (SARIF helpUri); may be empty.
  std::string_view help = {};
};

class RuleContext;

class RuleSet {
 public:
  using Check = std::function<void(RuleContext&)>;
  RuleSet(std::string name, std::span<const RuleInfo> rules, Check check)
      : name_(std::move(name)), rules_(rules.begin(), rules.end()), check_(std::move(check)) {}

  const std::string& name() const { return name_; }
  std::span<const RuleInfo> rules() const { return rules_; }
  /// The rule with this id, or nullptr.
  const RuleInfo* find(std::string_view id) const;
  void run(RuleContext& context) const { check_(context); }

 private:
  std::string name_;
  std::vector<RuleInfo> rules_;
  Check check_;
};

/// What a rule set's check sees: the stack, and where findings go.
class RuleContext {
 public:
  RuleContext(const inspect::StackView& stack, const RuleSet& rules, Diagnostics& out)
      : stack_(stack), rules_(rules), out_(out) {}
  const inspect::StackView& stack() const { return stack_; }
  /// Adds a finding of `rule` (an id of this rule set: anything else throws
  /// std::logic_error) located at `at`'s declaration.
  void report(std::string_view rule, const inspect::BlockView& at, std::string message,
              std::string hint = "") const;

 private:
  const inspect::StackView& stack_;
  const RuleSet& rules_;
  Diagnostics& out_;
};

/// The rules of the core checks (always run): `core.*` and `schema.*`.
std::span<const RuleInfo> core_rules();
/// The rule with this id among the core rules and `sets`, or nullptr.
const RuleInfo* find_rule(std::string_view id, std::span<const RuleSet> sets);

}  // namespace stackgen
