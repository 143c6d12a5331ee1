#include "values.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "schema.hpp"

namespace stackgen::bindgen {

ValueTable read_values(const nlohmann::json& document, const std::string& source,
                       const std::string& version) {
  if (!document.is_object() || document.value("format", "") != "stackgen-values-1")
    throw SchemaError("values file: not a stackgen-values-1 document");
  const std::string provider = document.value("provider", "");
  const std::string file_version = document.value("provider_version", "");
  // "registry.terraform.io/hashicorp/aws" names the source "hashicorp/aws".
  const bool same_source = provider == source || provider.ends_with("/" + source);
  if (!same_source || file_version != version)
    throw SchemaError(fmt::format("values file is for {} {}, the schema is {} {}: allowed values "
                                  "are only certain for the version they were read from",
                                  provider, file_version, source, version));
  ValueTable table;
  for (const auto& e : document.at("values")) {
    if (e.value("open", false)) continue;
    const std::string kind = e.at("kind").get<std::string>();
    if (kind != "resource" && kind != "data")
      throw SchemaError("values file: entry kind must be resource or data, not " + kind);
    ValueSet set;
    set.values = e.at("values").get<std::vector<std::string>>();
    if (set.values.empty()) throw SchemaError("values file: an entry with no values");
    set.ignore_case = e.value("case_insensitive", false);
    set.element = e.value("element", false);
    std::string key = (kind == "data" ? "data." : "") + e.at("type").get<std::string>() + "." +
                      e.at("path").get<std::string>();
    if (!table.emplace(key, std::move(set)).second)
      throw SchemaError("values file: two entries for " + key);
  }
  return table;
}

const ValueSet* value_set_for(const ValueTable* table, const std::string& path, const Type& type) {
  if (!table) return nullptr;
  auto it = table->find(path);
  if (it == table->end()) return nullptr;
  const bool sequence = type.kind == Type::Kind::list || type.kind == Type::Kind::set;
  const bool fits = it->second.element ? sequence && type.element().kind == Type::Kind::string
                                       : type.kind == Type::Kind::string;
  return fits ? &it->second : nullptr;
}

std::string joined_value_set(const ValueSet& set) {
  for (char separator : std::string_view("|,;/ ~")) {
    bool free = true;
    for (const auto& v : set.values) free = free && v.find(separator) == std::string::npos;
    if (!free) continue;
    std::string out;
    for (const auto& v : set.values) (out += separator) += v;
    return out;
  }
  throw SchemaError("values file: no separator character fits the set starting " +
                    set.values.front());
}

}  // namespace stackgen::bindgen
