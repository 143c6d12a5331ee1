// stackgen's AWS lint: rules that catch what the AWS API or the provider
// would reject at plan or apply time (`aws.*`, errors) and security and
// operations findings (`sec.*`, `ops.*`, warnings). docs/rules.md documents
// every rule. Pass the set to validate() (the stackgen CLI does):
//
//   auto diagnostics = stackgen::validate(stack, {{stackgen::aws::lint_rules()}});
//
// A warning on a resource is silenced with
// r.suppress_rule("sec.rds-public", "why it does not apply").
#pragma once

#include "stackgen/core/rules.hpp"

namespace stackgen::aws {

/// The AWS rule set (id "aws"), for validate() and the CLI.
RuleSet lint_rules();

}  // namespace stackgen::aws
