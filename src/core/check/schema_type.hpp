// Terraform type constraints as the provider schema encodes them in JSON
// ("string", ["list","string"], ["object",{"a":"number"}], "dynamic"...),
// read into a small tree for the checks that follow paths into values
// (override paths).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace stackgen::detail {

struct SchemaType {
  enum class Kind { string, number, boolean, list, set, map, object, tuple, dynamic, unknown } kind = Kind::unknown;
  std::vector<SchemaType> elements;        // list/set/map: one; tuple: each
  std::map<std::string, SchemaType, std::less<>> fields;  // object

  bool is_sequence() const { return kind == Kind::list || kind == Kind::set || kind == Kind::tuple; }
};

/// Parses the JSON encoding; an unreadable one is Kind::unknown.
SchemaType parse_schema_type(std::string_view json);

}  // namespace stackgen::detail
