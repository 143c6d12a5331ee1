// Lint: AWS rules (errors: what the AWS API or provider would reject at plan
// or apply time) and security / operations lint (warnings), run by
// validate() once registered. Rule ids are stable; docs/rules.md documents
// every rule.
//
// Id scheme: `aws.*` errors, `sec.*` security warnings, `ops.*` operational
// warnings (drift, deployments, scaling). A warning on a resource is
// silenced with r.suppress_rule("sec.rds-public", "why it does not apply").
#pragma once

#include <span>
#include <string_view>

#include "stackgen/core/diagnostic.hpp"

namespace stackgen::lint {

struct RuleInfo {
  std::string_view id;
  Severity severity;
  std::string_view summary;  ///< one line: what the rule finds
};

/// Registers every lint rule with validate(). Idempotent; call it once
/// before validating (the CLI does). Explicit, not a static registrar:
/// those are dropped when the library is linked statically.
void register_rules();

/// Every rule, in id order.
std::span<const RuleInfo> rules();

/// The rule with this id, or nullptr.
const RuleInfo* find_rule(std::string_view id);

}  // namespace stackgen::lint
