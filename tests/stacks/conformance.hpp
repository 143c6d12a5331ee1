// Schema conformance of emitted Terraform JSON, checked against the
// provider schema files (schema/*.json), independently of the generated
// bindings and their specs: the ground truth is the provider's own schema.
#pragma once

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

namespace conformance {

using nlohmann::json;

struct Checker {
  // "resource" / "data" -> type -> schema block
  json resources = json::object();
  json data_sources = json::object();
  json ephemeral_resources = json::object();
  json providers = json::object();  // local name -> provider block
  std::vector<std::string> problems;
  size_t checked_resources = 0;

  void add_schema(const json& schema_file) {
    for (const auto& [address, p] : schema_file.at("provider_schemas").items()) {
      std::string local = address.substr(address.rfind('/') + 1);
      if (p.contains("provider")) providers[local] = p["provider"]["block"];
      // Named locals: a range-for over items() of a temporary would dangle.
      const json resource_schemas = p.value("resource_schemas", json::object());
      const json data_source_schemas = p.value("data_source_schemas", json::object());
      for (const auto& [type, s] : resource_schemas.items()) resources[type] = s["block"];
      for (const auto& [type, s] : data_source_schemas.items()) data_sources[type] = s["block"];
      const json ephemeral_schemas = p.value("ephemeral_resource_schemas", json::object());
      for (const auto& [type, s] : ephemeral_schemas.items()) ephemeral_resources[type] = s["block"];
    }
  }

  static bool is_expression(const json& v) {
    return v.is_string() && v.get<std::string>().find("${") != std::string::npos &&
           v.get<std::string>().find("$${") == std::string::npos;
  }

  void problem(const std::string& where, const std::string& what) { problems.push_back(where + ": " + what); }

  // Literal values must fit the schema type; "${...}" fits any type.
  void check_type(const json& type, const json& v, const std::string& where) {
    if (v.is_null() || is_expression(v)) return;
    if (type.is_string()) {
      const std::string t = type;
      // Strict: Terraform would convert "80" to 80, but typed bindings
      // must emit exactly the schema's type.
      if (t == "string" && !v.is_string()) problem(where, "expected string, got " + v.dump());
      if (t == "number" && !v.is_number()) problem(where, "expected number, got " + v.dump());
      if (t == "bool" && !v.is_boolean()) problem(where, "expected bool, got " + v.dump());
      return;
    }
    const std::string kind = type[0];
    if (kind == "list" || kind == "set") {
      if (!v.is_array()) return problem(where, "expected " + kind + ", got " + std::string(v.type_name()));
      for (size_t i = 0; i < v.size(); ++i) check_type(type[1], v[i], where + "[" + std::to_string(i) + "]");
    } else if (kind == "map") {
      if (!v.is_object()) return problem(where, "expected map, got " + std::string(v.type_name()));
      for (const auto& [k, e] : v.items()) check_type(type[1], e, where + "." + k);
    } else if (kind == "object") {
      if (!v.is_object()) return problem(where, "expected object, got " + std::string(v.type_name()));
      for (const auto& [k, e] : v.items()) {
        if (!type[1].contains(k)) problem(where, "object has no attribute " + k);
        else check_type(type[1][k], e, where + "." + k);
      }
      // JSON syntax: Terraform rejects objects with missing attributes.
      for (const auto& [k, t] : type[1].items())
        if (!v.contains(k)) problem(where, "object is missing attribute " + k + " (must be present, null if unset)");
    }
  }

  void check_block(const json& schema, const json& body, const std::string& where, bool top_level) {
    static const std::set<std::string> meta{"count", "for_each", "depends_on", "provider", "lifecycle", "//"};
    const json attrs = schema.value("attributes", json::object());
    const json blocks = schema.value("block_types", json::object());
    if (!body.is_object()) return problem(where, "block body must be an object");
    for (const auto& [k, v] : body.items()) {
      if (top_level && meta.count(k)) continue;
      if (attrs.contains(k)) {
        const json& a = attrs[k];
        if (!a.value("required", false) && !a.value("optional", false))
          problem(where + "." + k, "computed-only attribute is set");
        check_type(a["type"], v, where + "." + k);
      } else if (blocks.contains(k)) {
        const json& bt = blocks[k];
        json items = v.is_array() ? v : json::array({v});
        int n = static_cast<int>(items.size());
        if (bt.contains("min_items") && n < bt["min_items"].get<int>())
          problem(where + "." + k, "fewer than min_items blocks");
        if (bt.contains("max_items") && n > bt["max_items"].get<int>())
          problem(where + "." + k, "more than max_items blocks");
        for (size_t i = 0; i < items.size(); ++i)
          check_block(bt["block"], items[i], where + "." + k + "[" + std::to_string(i) + "]", false);
      } else {
        problem(where, "unknown attribute or block " + k);
      }
    }
    for (const auto& [k, a] : attrs.items())
      if (a.value("required", false) && !body.contains(k)) problem(where, "missing required attribute " + k);
    for (const auto& [k, bt] : blocks.items())
      if (bt.value("min_items", 0) > 0 && !body.contains(k)) problem(where, "missing required block " + k);
  }

  void check_file(const json& doc, const std::string& file) {
    for (const char* section : {"resource", "data", "ephemeral"}) {
      if (!doc.contains(section)) continue;
      const std::string kind = section;
      const json& known = kind == "resource" ? resources : kind == "data" ? data_sources : ephemeral_resources;
      for (const auto& [type, instances] : doc[section].items()) {
        if (type.rfind("terraform_", 0) == 0) continue;  // built-in provider
        if (!known.contains(type)) {
          problem(file + ": " + section + "." + type, "type not in any schema file");
          continue;
        }
        for (const auto& [name, body] : instances.items()) {
          ++checked_resources;
          check_block(known[type], body, file + ": " + type + "." + name, true);
        }
      }
    }
    if (doc.contains("provider")) {
      for (const auto& [name, configs] : doc["provider"].items()) {
        if (!providers.contains(name)) continue;
        json items = configs.is_array() ? configs : json::array({configs});
        for (auto body : items) {
          body.erase("alias");
          check_block(providers[name], body, file + ": provider." + name, false);
        }
      }
    }
  }
};

}  // namespace conformance
