#include "plan.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/core.h>

#include "names.hpp"

namespace stackgen::bindgen {

namespace {

[[noreturn]] void fail(const std::string& path, std::string_view what) {
  throw SchemaError(fmt::format("{}: {}", path, what));
}

void check_identifier(std::string_view name, const std::string& path) {
  if (!is_identifier(name)) fail(path, fmt::format("\"{}\" is not a C++ identifier", name));
}

/// The T of Expr<T> for `t`; objects become `object_name`, or Object when
/// no struct is generated (computed-only attributes).
std::string cpp_type(const Type& t, const std::string& object_name) {
  switch (t.kind) {
    case Type::Kind::string:
      return "std::string";
    case Type::Kind::number:
      return "Number";
    case Type::Kind::boolean:
      return "bool";
    case Type::Kind::dynamic:
    case Type::Kind::tuple:
      return "Any";
    case Type::Kind::list:
      return "List<" + cpp_type(t.element(), object_name) + ">";
    case Type::Kind::set:
      return "Set<" + cpp_type(t.element(), object_name) + ">";
    case Type::Kind::map:
      return "Map<" + cpp_type(t.element(), object_name) + ">";
    case Type::Kind::object:
      return object_name.empty() ? "Object" : object_name;
  }
  return "Any";
}

const Type& object_of(const Type& t) {
  return t.kind == Type::Kind::object ? t : object_of(t.element());
}

std::string limits(Nesting nesting, int min_items, int max_items) {
  std::string out(to_string(nesting));
  if (nesting == Nesting::single || nesting == Nesting::group) return out;
  if (min_items > 0) out += fmt::format(", min {}", min_items);
  if (max_items > 0) out += fmt::format(", max {}", max_items);
  return out;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

/// "Required: a, b; blocks x (list, min 1)." or "" when nothing is required.
std::string required_summary(const Block& b) {
  std::vector<std::string> args, blocks;
  for (const auto& a : b.attributes)
    if (a.required) args.push_back(a.name);
  for (const auto& bt : b.block_types)
    if (bt.min_items > 0)
      blocks.push_back(
          fmt::format("{} ({})", bt.name, limits(bt.nesting, bt.min_items, bt.max_items)));
  if (args.empty() && blocks.empty()) return "";
  std::string out = "Required: ";
  if (!args.empty()) out += join(args);
  if (!blocks.empty()) out += (args.empty() ? "blocks " : "; blocks ") + join(blocks);
  return out + ".";
}

/// Names the members of one struct or class, rejecting collisions.
class MemberNames {
 public:
  MemberNames(std::string self, std::string path)
      : self_(std::move(self)), path_(std::move(path)) {}

  std::string member(std::string_view schema_name, MemberScope scope) {
    check_identifier(schema_name, path_ + "." + std::string(schema_name));
    std::string cpp = member_name(schema_name, scope);
    auto [it, fresh] = members_.emplace(cpp, std::string(schema_name));
    if (!fresh)
      fail(path_, fmt::format("\"{}\" and \"{}\" would both be the member {}()", it->second,
                              schema_name, cpp));
    return cpp;
  }

  /// The nested struct for `schema_name`: CamelCase, with a `Block` suffix
  /// while it equals the enclosing struct, a reserved type or another member.
  std::string nested_type(std::string_view schema_name) {
    std::string cpp = camel_case(schema_name);
    while (cpp == self_ || is_reserved_type_name(cpp) || types_.count(cpp) || members_.count(cpp))
      cpp += "Block";
    types_.insert(cpp);
    return cpp;
  }

 private:
  std::string self_;
  std::string path_;
  std::map<std::string, std::string> members_;  // C++ name -> schema name
  std::set<std::string> types_;
};

StructPlan plan_object(const Type& object, std::string name, std::string cpp_name,
                       const std::string& path) {
  StructPlan s;
  s.kind = StructPlan::Kind::object;
  s.name = std::move(name);
  s.cpp_name = std::move(cpp_name);
  s.type_constraint = type_constraint(object);
  MemberNames names(s.cpp_name, path);
  for (const auto& f : object.fields) {
    FieldPlan fp;
    fp.name = f.name;
    fp.cpp_name = names.member(f.name, MemberScope::object);
    fp.getter = false;  // object values are built, not referenced
    std::string struct_name;
    if (contains_object(f.type)) {
      struct_name = names.nested_type(f.name);
      s.structs.push_back(plan_object(object_of(f.type), f.name, struct_name, path + "." + f.name));
      s.structs.back().doc =
          fmt::format("`{}`: an object; every field is emitted, null when unset.", f.name);
    }
    fp.cpp_type = cpp_type(f.type, struct_name);
    s.fields.push_back(std::move(fp));
  }
  return s;
}

StructPlan plan_block(const Block& block, std::string name, std::string cpp_name, MemberScope scope,
                      const std::string& path) {
  StructPlan s;
  s.kind = StructPlan::Kind::block;
  s.name = std::move(name);
  s.cpp_name = std::move(cpp_name);
  MemberNames names(s.cpp_name, path);
  const bool referenceable = scope == MemberScope::resource;

  // Member functions first, so that struct names can avoid them.
  std::vector<std::string> attribute_names, block_names;
  for (const auto& a : block.attributes) attribute_names.push_back(names.member(a.name, scope));
  for (const auto& bt : block.block_types) block_names.push_back(names.member(bt.name, scope));

  std::vector<StructPlan> object_structs;
  for (std::size_t i = 0; i < block.attributes.size(); ++i) {
    const Attribute& a = block.attributes[i];
    FieldPlan fp;
    fp.name = a.name;
    fp.cpp_name = attribute_names[i];
    fp.setter = !a.computed_only();
    fp.getter = referenceable && !a.write_only;
    fp.sensitive = a.sensitive;
    fp.deprecated = a.deprecated;
    fp.write_only = a.write_only;
    if (!fp.setter && !fp.getter) continue;  // computed inside a nested block: nothing to do in C++
    std::string struct_name;
    // A struct only helps to build a value; computed-only objects are Object.
    if (fp.setter && contains_object(a.type)) {
      struct_name = names.nested_type(a.name);
      object_structs.push_back(
          plan_object(object_of(a.type), a.name, struct_name, path + "." + a.name));
      object_structs.back().doc =
          fmt::format("`{}`{}: an object; every field is emitted, null when unset.", a.name,
                      a.type.kind == Type::Kind::object ? "" : " element");
    }
    fp.cpp_type = cpp_type(a.type, struct_name);
    s.fields.push_back(std::move(fp));
  }

  for (std::size_t i = 0; i < block.block_types.size(); ++i) {
    const BlockType& bt = block.block_types[i];
    BlockSetterPlan bp;
    bp.name = bt.name;
    bp.cpp_name = block_names[i];
    bp.struct_name = names.nested_type(bt.name);
    bp.nesting = bt.nesting;
    bp.min_items = bt.min_items;
    bp.max_items = bt.max_items;
    bp.deprecated = bt.block.deprecated;
    StructPlan nested = plan_block(bt.block, bt.name, bp.struct_name, MemberScope::nested_block,
                                   path + "." + bt.name);
    nested.doc =
        fmt::format("`{}` block ({}).", bt.name, limits(bt.nesting, bt.min_items, bt.max_items));
    if (auto r = required_summary(bt.block); !r.empty()) nested.doc += " " + r;
    if (bt.block.deprecated) nested.doc += " Deprecated in the provider schema.";
    s.structs.push_back(std::move(nested));
    s.blocks.push_back(std::move(bp));
  }
  for (auto& o : object_structs) s.structs.push_back(std::move(o));
  return s;
}

std::string class_name(std::string_view stripped, const std::string& path) {
  check_identifier(stripped, path);
  std::string cpp = camel_case(stripped);
  // A class with one of these names would hide a type every other binding
  // of the namespace uses (stackgen::List, aws::Provider, ...).
  if (is_reserved_type_name(cpp) || cpp == "Provider") cpp += '_';
  return cpp;
}

ClassPlan plan_type(const ProviderSchema& p, const TypeSchema& t, ClassPlan::Kind kind) {
  const bool data = kind == ClassPlan::Kind::data;
  const std::string path = (data ? "data." : "") + t.type;
  std::string_view stripped = t.type;
  if (stripped.starts_with(p.local_name + "_")) stripped.remove_prefix(p.local_name.size() + 1);
  if (!data && (stripped == "provider" || stripped == "provider_info" || stripped == "all"))
    fail(path, "its header would overwrite a provider-wide header");

  ClassPlan c;
  c.kind = kind;
  c.tf_type = t.type;
  c.cpp_name = class_name(stripped, path);
  c.qualified_name = (data ? "data::" : "") + c.cpp_name;
  c.header = fmt::format("stackgen/{}/{}{}.hpp", p.local_name, data ? "data/" : "", stripped);
  c.block = &t.block;
  c.doc.push_back(fmt::format("`{} \"{}\"`.", data ? "data" : "resource", t.type));
  if (auto r = required_summary(t.block); !r.empty()) c.doc.push_back(r);
  if (t.block.deprecated) c.doc.push_back("Deprecated in the provider schema.");
  c.body = plan_block(t.block, t.type, c.cpp_name, MemberScope::resource, path);
  return c;
}

void check_unique(const std::vector<ClassPlan>& classes, const char* what) {
  std::map<std::string, std::string> seen;
  for (const auto& c : classes) {
    auto [it, fresh] = seen.emplace(c.cpp_name, c.tf_type);
    if (!fresh)
      fail(c.tf_type, fmt::format("{} {} and {} would both be class {}", what, it->second,
                                  c.tf_type, c.cpp_name));
  }
}

}  // namespace

std::string type_constraint(const Type& t) {
  switch (t.kind) {
    case Type::Kind::string:
      return "string";
    case Type::Kind::number:
      return "number";
    case Type::Kind::boolean:
      return "bool";
    case Type::Kind::dynamic:
      return "any";
    case Type::Kind::list:
      return "list(" + type_constraint(t.element()) + ")";
    case Type::Kind::set:
      return "set(" + type_constraint(t.element()) + ")";
    case Type::Kind::map:
      return "map(" + type_constraint(t.element()) + ")";
    case Type::Kind::tuple: {
      std::vector<std::string> elements;
      for (const auto& e : t.elements) elements.push_back(type_constraint(e));
      return "tuple([" + join(elements) + "])";
    }
    case Type::Kind::object: {
      std::vector<std::string> fields;
      for (const auto& f : t.fields) {
        bool optional = std::find(t.optional_fields.begin(), t.optional_fields.end(), f.name) !=
                        t.optional_fields.end();
        std::string ft = type_constraint(f.type);
        fields.push_back(f.name + " = " + (optional ? "optional(" + ft + ")" : ft));
      }
      return "object({" + join(fields) + "})";
    }
  }
  return "any";
}

ProviderPlan plan_provider(const ProviderSchema& schema, std::string schema_label) {
  check_identifier(schema.local_name, "provider local name");
  if (is_reserved_word(schema.local_name))
    fail("provider local name", fmt::format("\"{}\" cannot be a C++ namespace", schema.local_name));

  ProviderPlan p;
  p.local_name = schema.local_name;
  p.source = schema.source;
  p.version = schema.version;
  p.schema_label = std::move(schema_label);

  ClassPlan& c = p.provider;
  c.kind = ClassPlan::Kind::provider;
  c.tf_type = schema.local_name;
  c.cpp_name = "Provider";
  c.qualified_name = "Provider";
  c.header = fmt::format("stackgen/{}/provider.hpp", schema.local_name);
  c.block = &schema.provider;
  c.doc.push_back(fmt::format("`provider \"{}\"` ({}): the provider's configuration.",
                              schema.local_name, schema.source));
  c.doc.push_back("Declare it with s.provider<Provider>() or s.provider<Provider>(\"alias\").");
  if (auto r = required_summary(schema.provider); !r.empty()) c.doc.push_back(r);
  c.body =
      plan_block(schema.provider, schema.local_name, "Provider", MemberScope::provider, "provider");

  for (const auto& t : schema.resources)
    p.resources.push_back(plan_type(schema, t, ClassPlan::Kind::resource));
  for (const auto& t : schema.data_sources)
    p.data_sources.push_back(plan_type(schema, t, ClassPlan::Kind::data));
  check_unique(p.resources, "resources");
  check_unique(p.data_sources, "data sources");
  return p;
}

}  // namespace stackgen::bindgen
