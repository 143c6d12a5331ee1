// An organisation's own rules, written against stackgen's read API and
// passed to validation like stackgen's AWS lint.
#pragma once

#include <stackgen/core/rules.hpp>

namespace acme {

/// "acme.*": every S3 bucket names its owner; no instance type above
/// m7g.xlarge.
stackgen::RuleSet policies();

}  // namespace acme
