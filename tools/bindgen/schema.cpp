#include "schema.hpp"

#include <algorithm>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

namespace stackgen::bindgen {

using nlohmann::json;

namespace {

[[noreturn]] void fail(const std::string& path, std::string_view what) {
  throw SchemaError(fmt::format("{}: {}", path, what));
}

const json& member(const json& j, const char* key, const std::string& path) {
  auto it = j.find(key);
  if (it == j.end()) fail(path, fmt::format("missing \"{}\"", key));
  return *it;
}

bool flag(const json& j, const char* key, const std::string& path) {
  auto it = j.find(key);
  if (it == j.end()) return false;
  if (!it->is_boolean()) fail(path + "." + key, "expected a boolean");
  return it->get<bool>();
}

int count(const json& j, const char* key, const std::string& path) {
  auto it = j.find(key);
  if (it == j.end()) return 0;
  if (!it->is_number_integer() || it->get<long long>() < 0)
    fail(path + "." + key, "expected a non-negative integer");
  return it->get<int>();
}

Type parse_type(const json& j, const std::string& path) {
  Type t;
  if (j.is_string()) {
    const auto& s = j.get_ref<const std::string&>();
    if (s == "string")
      t.kind = Type::Kind::string;
    else if (s == "number")
      t.kind = Type::Kind::number;
    else if (s == "bool")
      t.kind = Type::Kind::boolean;
    else if (s == "dynamic")
      t.kind = Type::Kind::dynamic;
    else
      fail(path, fmt::format("unknown primitive type \"{}\"", s));
    return t;
  }
  if (!j.is_array() || j.empty() || !j[0].is_string()) fail(path, "expected a type");
  const auto& kind = j[0].get_ref<const std::string&>();
  if (kind == "list" || kind == "set" || kind == "map") {
    if (j.size() != 2) fail(path, fmt::format("{} takes one element type", kind));
    t.kind = kind == "list" ? Type::Kind::list : kind == "set" ? Type::Kind::set : Type::Kind::map;
    t.elements.push_back(parse_type(j[1], path + "[1]"));
  } else if (kind == "object") {
    if (j.size() < 2 || j.size() > 3 || !j[1].is_object()) fail(path, "malformed object type");
    t.kind = Type::Kind::object;
    for (const auto& [name, ft] : j[1].items())
      t.fields.push_back({name, parse_type(ft, path + "[1]." + name)});
    if (j.size() == 3) {
      if (!j[2].is_array()) fail(path + "[2]", "expected a list of optional attribute names");
      for (const auto& o : j[2]) t.optional_fields.push_back(o.get<std::string>());
      std::sort(t.optional_fields.begin(), t.optional_fields.end());
    }
  } else if (kind == "tuple") {
    if (j.size() != 2 || !j[1].is_array()) fail(path, "malformed tuple type");
    t.kind = Type::Kind::tuple;
    for (std::size_t i = 0; i < j[1].size(); ++i)
      t.elements.push_back(parse_type(j[1][i], fmt::format("{}[1][{}]", path, i)));
  } else {
    fail(path, fmt::format("unknown type constructor \"{}\"", kind));
  }
  return t;
}

Type parse_nested_type(const json& j, const std::string& path);

Type attribute_type(const json& a, const std::string& path) {
  if (auto it = a.find("type"); it != a.end()) return parse_type(*it, path + ".type");
  if (auto it = a.find("nested_type"); it != a.end())
    return parse_nested_type(*it, path + ".nested_type");
  fail(path, "attribute has neither \"type\" nor \"nested_type\"");
}

// Protocol 6 nested attributes are, as far as a configuration is concerned,
// attributes of an object type (wrapped in the collection the nesting names).
Type parse_nested_type(const json& j, const std::string& path) {
  Type object;
  object.kind = Type::Kind::object;
  for (const auto& [name, a] : member(j, "attributes", path).items()) {
    const std::string apath = path + ".attributes." + name;
    object.fields.push_back({name, attribute_type(a, apath)});
    if (!flag(a, "required", apath)) object.optional_fields.push_back(name);
  }
  const auto& mode = member(j, "nesting_mode", path).get_ref<const std::string&>();
  if (mode == "single") return object;
  Type t;
  if (mode == "list")
    t.kind = Type::Kind::list;
  else if (mode == "set")
    t.kind = Type::Kind::set;
  else if (mode == "map")
    t.kind = Type::Kind::map;
  else
    fail(path + ".nesting_mode", fmt::format("unknown nesting mode \"{}\"", mode));
  t.elements.push_back(std::move(object));
  return t;
}

Nesting parse_nesting(const json& j, const std::string& path) {
  const auto& s = j.get_ref<const std::string&>();
  if (s == "single") return Nesting::single;
  if (s == "list") return Nesting::list;
  if (s == "set") return Nesting::set;
  if (s == "map") return Nesting::map;
  if (s == "group") return Nesting::group;
  fail(path, fmt::format("unknown nesting mode \"{}\"", s));
}

/// The description of a deprecated attribute or block, on one line: the
/// deprecation message. Empty when there is none.
std::string deprecation_message(const json& j, bool deprecated, const std::string& path) {
  if (!deprecated) return {};
  auto it = j.find("description");
  if (it == j.end() || it->is_null()) return {};
  if (!it->is_string()) fail(path + ".description", "expected a string");
  std::string out;
  for (char c : it->get_ref<const std::string&>()) {
    const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

Block parse_block(const json& j, const std::string& path) {
  if (!j.is_object()) fail(path, "expected a block");
  Block b;
  b.deprecated = flag(j, "deprecated", path);
  b.deprecation_message = deprecation_message(j, b.deprecated, path);
  if (auto it = j.find("attributes"); it != j.end()) {
    // nlohmann::json objects iterate in key order: the result is sorted.
    for (const auto& [name, a] : it->items()) {
      const std::string apath = path + ".attributes." + name;
      Attribute attr;
      attr.name = name;
      attr.type = attribute_type(a, apath);
      attr.required = flag(a, "required", apath);
      attr.optional = flag(a, "optional", apath);
      attr.computed = flag(a, "computed", apath);
      attr.sensitive = flag(a, "sensitive", apath);
      attr.deprecated = flag(a, "deprecated", apath);
      attr.write_only = flag(a, "write_only", apath);
      attr.deprecation_message = deprecation_message(a, attr.deprecated, apath);
      if (!attr.required && !attr.optional && !attr.computed)
        fail(apath, "attribute is neither required, optional nor computed");
      b.attributes.push_back(std::move(attr));
    }
  }
  if (auto it = j.find("block_types"); it != j.end()) {
    for (const auto& [name, bt] : it->items()) {
      const std::string bpath = path + ".block_types." + name;
      BlockType t;
      t.name = name;
      t.nesting = parse_nesting(member(bt, "nesting_mode", bpath), bpath + ".nesting_mode");
      t.min_items = count(bt, "min_items", bpath);
      t.max_items = count(bt, "max_items", bpath);
      t.block = parse_block(member(bt, "block", bpath), bpath + ".block");
      b.block_types.push_back(std::move(t));
    }
  }
  return b;
}

std::vector<TypeSchema> parse_types(const json& provider, const char* key,
                                    const std::string& path) {
  std::vector<TypeSchema> out;
  auto it = provider.find(key);
  if (it == provider.end()) return out;
  for (const auto& [type, s] : it->items()) {
    const std::string tpath = fmt::format("{}.{}.{}", path, key, type);
    out.push_back({type, parse_block(member(s, "block", tpath), tpath + ".block")});
  }
  return out;
}

// "registry.terraform.io/hashicorp/aws" -> "hashicorp/aws"
std::string source_of(std::string_view address) {
  if (std::count(address.begin(), address.end(), '/') == 2)
    address.remove_prefix(address.find('/') + 1);
  return std::string(address);
}

std::string local_name_of(std::string_view address) {
  return std::string(address.substr(address.rfind('/') + 1));
}

}  // namespace

std::string type_json(const Type& t) {
  struct Encode {
    static json run(const Type& t) {
      switch (t.kind) {
        case Type::Kind::string:
          return "string";
        case Type::Kind::number:
          return "number";
        case Type::Kind::boolean:
          return "bool";
        case Type::Kind::dynamic:
          return "dynamic";
        case Type::Kind::list:
          return json::array({"list", run(t.element())});
        case Type::Kind::set:
          return json::array({"set", run(t.element())});
        case Type::Kind::map:
          return json::array({"map", run(t.element())});
        case Type::Kind::tuple: {
          json elements = json::array();
          for (const auto& e : t.elements) elements.push_back(run(e));
          return json::array({"tuple", elements});
        }
        case Type::Kind::object: {
          json fields = json::object();
          for (const auto& f : t.fields) fields[f.name] = run(f.type);
          json out = json::array({"object", fields});
          if (!t.optional_fields.empty()) out.push_back(t.optional_fields);
          return out;
        }
      }
      return nullptr;
    }
  };
  return Encode::run(t).dump();
}

bool contains_object(const Type& t) {
  if (t.kind == Type::Kind::object) return true;
  return t.is_collection() && contains_object(t.element());
}

std::string_view to_string(Nesting n) {
  switch (n) {
    case Nesting::single:
      return "single";
    case Nesting::list:
      return "list";
    case Nesting::set:
      return "set";
    case Nesting::map:
      return "map";
    case Nesting::group:
      return "group";
  }
  return "list";
}

ProviderSchema parse_provider_schema(const json& document, std::string_view provider) {
  const auto& schemas = member(document, "provider_schemas", "schema");
  if (!schemas.is_object() || schemas.empty())
    fail("provider_schemas", "no provider in the document");

  std::string address;
  for (const auto& [a, _] : schemas.items()) {
    if (provider.empty()
            ? schemas.size() == 1
            : (a == provider || source_of(a) == provider || local_name_of(a) == provider)) {
      address = a;
      break;
    }
  }
  if (address.empty()) {
    std::string known;
    for (const auto& [a, _] : schemas.items()) known += (known.empty() ? "" : ", ") + a;
    fail("provider_schemas", provider.empty()
                                 ? fmt::format("several providers ({}); choose one", known)
                                 : fmt::format("no provider \"{}\" (have {})", provider, known));
  }

  const json& p = schemas.at(address);
  const std::string path = "provider_schemas." + address;
  ProviderSchema out;
  out.address = address;
  out.source = source_of(address);
  out.local_name = local_name_of(address);
  if (auto v = document.find("provider_versions"); v != document.end() && v->contains(address))
    out.version = v->at(address).get<std::string>();
  if (auto it = p.find("provider"); it != p.end())
    out.provider = parse_block(member(*it, "block", path + ".provider"), path + ".provider.block");
  out.resources = parse_types(p, "resource_schemas", path);
  out.data_sources = parse_types(p, "data_source_schemas", path);
  out.ephemeral_resources = parse_types(p, "ephemeral_resource_schemas", path);
  return out;
}

}  // namespace stackgen::bindgen
