// A YAML writer for the deployment files: block style, keys in the order
// given, every scalar string double-quoted (JSON's escapes are YAML's, so
// no value is ever read as a number, a boolean or `on`), multi-line
// strings as literal blocks. Deterministic: same tree, same bytes.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace stackgen::delivery::detail {

using Tree = nlohmann::ordered_json;

/// `tree` (an object) as a YAML document.
std::string to_yaml(const Tree& tree);

}  // namespace stackgen::delivery::detail
