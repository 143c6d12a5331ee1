// Allowed values of string attributes (schema/aws-5.100.0.values.json, format
// stackgen-values-1; docs/values-sources.md): which attributes get setters
// checked at compile time, and which sets the emit-time check reads.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace stackgen::bindgen {

struct ValueSet {
  std::vector<std::string> values;  ///< sorted, as the file lists them
  bool ignore_case = false;         ///< the provider accepts any letter case
  bool element = false;             ///< a list/set attribute: each element is checked
};

/// Attribute path ("aws_lb_target_group.target_type",
/// "data.aws_acm_certificate.key_types", "aws_lb_listener.default_action.type")
/// to its closed value set. Open entries (advisory lists) are left out: they
/// must never be enforced.
using ValueTable = std::map<std::string, ValueSet, std::less<>>;

/// Reads a values document for provider `source` at `version`. Throws
/// SchemaError when the document is for another provider or version (a set
/// from 5.100 would reject values 6.x accepts) or is malformed.
ValueTable read_values(const nlohmann::json& document, const std::string& source,
                       const std::string& version);

struct Type;

/// The closed set listed for `path` when it still fits the attribute's
/// `type` (a string, or a list/set of strings for element sets); null when
/// there is none or the attribute was retyped since the values were read
/// (no check rather than a wrong one). Setters and specs both ask this.
const ValueSet* value_set_for(const ValueTable* table, const std::string& path, const Type& type);

/// The set as one string whose first character is the separator, "|a|b|c":
/// '|' unless a value contains it, then the first of a few others no value
/// contains.
std::string joined_value_set(const ValueSet& set);

}  // namespace stackgen::bindgen
