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

constexpr std::string_view kDefaultDeprecation = "deprecated in the provider schema";

std::string deprecation_text(std::string_view message) {
  return message.empty() ? std::string(kDefaultDeprecation) : std::string(message);
}

/// `text` and a link, as one sentence each: "optional. https://...".
std::string with_link(std::string text, const std::string& url) {
  if (!text.ends_with('.')) text += '.';
  return text + " " + url;
}

/// "required", "optional", "optional+computed" or "computed".
std::string role(const Attribute& a) {
  if (a.required) return "required";
  if (a.optional && a.computed) return "optional+computed";
  if (a.optional) return "optional";
  return "computed";
}

/// The comment of an attribute's setter and getter: role, flags, link.
std::string attribute_doc(const Attribute& a, const std::string& page) {
  std::string out = role(a);
  if (a.sensitive) out += ", sensitive";
  if (a.write_only) out += ", write-only (Terraform 1.11+: never in state, so no getter)";
  if (a.deprecated)
    out += a.deprecation_message.empty() ? ", deprecated" : ", deprecated: " + a.deprecation_message;
  return with_link(std::move(out), fmt::format("{}#{}", page, a.name));
}

std::string block_doc(const BlockType& bt, const std::string& page) {
  std::string out = fmt::format("{} block ({})", bt.min_items > 0 ? "required" : "optional",
                                limits(bt.nesting, bt.min_items, bt.max_items));
  if (bt.block.deprecated)
    out += bt.block.deprecation_message.empty() ? ", deprecated"
                                                : ", deprecated: " + bt.block.deprecation_message;
  return with_link(std::move(out), fmt::format("{}#{}", page, bt.name));
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

/// The value set listed for `path`, if any, of a string or list/set-of-string field.
void apply_values(FieldPlan& fp, const Type& type, const std::string& path, const ValueTable* values) {
  fp.path = path;
  fp.allowed = value_set_for(values, path, type);
}

StructPlan plan_object(const Type& object, std::string name, std::string cpp_name,
                       const std::string& path, const std::string& page, const ValueTable* values) {
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
    const bool optional = std::find(object.optional_fields.begin(), object.optional_fields.end(),
                                    f.name) != object.optional_fields.end();
    fp.doc = with_link(optional ? "optional object field, null when unset"
                                : "object field, null when unset",
                       fmt::format("{}#{}", page, f.name));
    std::string struct_name;
    if (contains_object(f.type)) {
      struct_name = names.nested_type(f.name);
      s.structs.push_back(
          plan_object(object_of(f.type), f.name, struct_name, path + "." + f.name, page, values));
      s.structs.back().doc =
          fmt::format("`{}`: an object; every field is emitted, null when unset.", f.name);
      s.structs.back().link = fmt::format("{}#{}", page, f.name);
    }
    fp.cpp_type = cpp_type(f.type, struct_name);
    apply_values(fp, f.type, path + "." + f.name, values);
    s.fields.push_back(std::move(fp));
  }
  return s;
}

StructPlan plan_block(const Block& block, std::string name, std::string cpp_name, MemberScope scope,
                      const std::string& path, const std::string& page, const ValueTable* values) {
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
    if (a.deprecated) fp.deprecation_message = deprecation_text(a.deprecation_message);
    fp.doc = attribute_doc(a, page);
    if (!fp.setter && !fp.getter) continue;  // computed inside a nested block: nothing to do in C++
    std::string struct_name;
    // A struct only helps to build a value; computed-only objects are Object.
    if (fp.setter && contains_object(a.type)) {
      struct_name = names.nested_type(a.name);
      object_structs.push_back(
          plan_object(object_of(a.type), a.name, struct_name, path + "." + a.name, page, values));
      object_structs.back().doc =
          fmt::format("`{}`{}: an object; every field is emitted, null when unset.", a.name,
                      a.type.kind == Type::Kind::object ? "" : " element");
      object_structs.back().link = fmt::format("{}#{}", page, a.name);
    }
    fp.cpp_type = cpp_type(a.type, struct_name);
    if (fp.setter) apply_values(fp, a.type, path + "." + a.name, values);
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
    if (bp.deprecated) bp.deprecation_message = deprecation_text(bt.block.deprecation_message);
    bp.doc = block_doc(bt, page);
    StructPlan nested = plan_block(bt.block, bt.name, bp.struct_name, MemberScope::nested_block,
                                   path + "." + bt.name, page, values);
    nested.doc =
        fmt::format("`{}` block ({}).", bt.name, limits(bt.nesting, bt.min_items, bt.max_items));
    if (auto r = required_summary(bt.block); !r.empty()) nested.doc += " " + r;
    if (bt.block.deprecated)
      nested.doc += bt.block.deprecation_message.empty()
                        ? " Deprecated in the provider schema."
                        : " Deprecated: " + bt.block.deprecation_message;
    if (bt.block.attributes.empty() && bt.block.block_types.empty())
      nested.doc += " The schema states no contents for it (an empty struct).";
    nested.link = fmt::format("{}#{}", page, bt.name);
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

/// The alias `type` stands for in `types` (same kind), or "".
std::string alias_target(const ProviderSchema& p, const std::vector<TypeSchema>& types,
                         std::string_view type) {
  for (const auto& a : known_aliases()) {
    if (a.source != p.source || a.type != type) continue;
    for (const auto& t : types)
      if (t.type == a.target) return std::string(a.target);
  }
  return {};
}

std::string strip_prefix(const ProviderSchema& p, std::string_view type) {
  if (type.starts_with(p.local_name + "_")) type.remove_prefix(p.local_name.size() + 1);
  return std::string(type);
}

ClassPlan plan_type(const ProviderSchema& p, const std::string& docs_root, const TypeSchema& t,
                    ClassPlan::Kind kind, const std::vector<TypeSchema>& kind_types,
                    const ValueTable* values) {
  // Data sources and ephemeral resources live in a namespace and folder of
  // their own (aws::data::Region, aws::ephemeral::SsmParameter): one type
  // name may be all three.
  const std::string sub = address_prefix(kind);  // "data." / "ephemeral." / ""
  const std::string keyword(kind_keyword(kind));
  const std::string path = sub + t.type;
  std::string_view stripped = t.type;
  if (stripped.starts_with(p.local_name + "_")) stripped.remove_prefix(p.local_name.size() + 1);
  if (sub.empty() && (stripped == "provider" || stripped == "provider_info" || stripped == "all"))
    fail(path, "its header would overwrite a provider-wide header");

  ClassPlan c;
  c.kind = kind;
  c.tf_type = t.type;
  c.cpp_name = class_name(stripped, path);
  c.qualified_name = (sub.empty() ? "" : keyword + "::") + c.cpp_name;
  c.header = fmt::format("stackgen/{}/{}{}.hpp", p.local_name, sub.empty() ? "" : keyword + "/", stripped);
  c.block = &t.block;
  c.values = values;
  c.alias_of = alias_target(p, kind_types, t.type);
  // An alias has no page of its own: the provider documents both names on
  // the target's page.
  c.docs_url = fmt::format("{}/{}/{}", docs_root,
                           kind == ClassPlan::Kind::data        ? "data-sources"
                           : kind == ClassPlan::Kind::ephemeral ? "ephemeral-resources"
                                                                : "resources",
                           strip_prefix(p, c.alias_of.empty() ? t.type : c.alias_of));
  c.doc.push_back(fmt::format("`{} \"{}\"`.", keyword, t.type));
  if (kind == ClassPlan::Kind::ephemeral)
    c.doc.push_back(
        "An ephemeral resource (Terraform 1.10): opened for each plan and apply, never stored in plan or "
        "state; its values may go to write-only arguments, providers, locals and other ephemeral "
        "resources only (checked at emit: core.ephemeral-value).");
  if (!c.alias_of.empty())
    c.doc.push_back(fmt::format(
        "Alias of `{0}` ({1}{2}): the provider registers one schema under both names and "
        "documents it on the {0} page.",
        c.alias_of, sub.empty() ? "" : keyword + "::", camel_case(strip_prefix(p, c.alias_of))));
  if (auto r = required_summary(t.block); !r.empty()) c.doc.push_back(r);
  if (t.block.deprecated)
    c.doc.push_back(t.block.deprecation_message.empty()
                        ? "Deprecated in the provider schema."
                        : "Deprecated: " + t.block.deprecation_message);
  c.body = plan_block(t.block, t.type, c.cpp_name, MemberScope::resource, path, c.docs_url, values);
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

// The AWS provider registers the ELBv2 types twice: aws_alb* are aws_lb*
// ("aws_alb is known as aws_lb. The functionality is identical."), with one
// schema and one documentation page (lb, lb_listener, ...). No other type
// of the provider is an alias (the other pairs with equal schemas, such as
// aws_docdb_subnet_group and aws_neptune_subnet_group, are distinct services).
constexpr TypeAlias kAliases[] = {
    {"hashicorp/aws", "aws_alb", "aws_lb"},
    {"hashicorp/aws", "aws_alb_listener", "aws_lb_listener"},
    {"hashicorp/aws", "aws_alb_listener_certificate", "aws_lb_listener_certificate"},
    {"hashicorp/aws", "aws_alb_listener_rule", "aws_lb_listener_rule"},
    {"hashicorp/aws", "aws_alb_target_group", "aws_lb_target_group"},
    {"hashicorp/aws", "aws_alb_target_group_attachment", "aws_lb_target_group_attachment"},
};

}  // namespace

std::string_view kind_keyword(ClassPlan::Kind kind) {
  switch (kind) {
    case ClassPlan::Kind::resource: return "resource";
    case ClassPlan::Kind::data: return "data";
    case ClassPlan::Kind::ephemeral: return "ephemeral";
    case ClassPlan::Kind::provider: return "provider";
  }
  return "resource";
}

std::string address_prefix(ClassPlan::Kind kind) {
  return kind == ClassPlan::Kind::data || kind == ClassPlan::Kind::ephemeral ? std::string(kind_keyword(kind)) + "."
                                                                             : "";
}

std::span<const TypeAlias> known_aliases() { return kAliases; }

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

ProviderPlan plan_provider(const ProviderSchema& schema, std::string schema_label,
                           const ValueTable* values) {
  check_identifier(schema.local_name, "provider local name");

  ProviderPlan p;
  p.local_name = schema.local_name;
  p.cpp_namespace = provider_namespace(schema.local_name);
  p.source = schema.source;
  p.version = schema.version;
  p.schema_label = std::move(schema_label);
  p.docs_url = fmt::format("{}/{}/{}/docs", kRegistryUrlBase, schema.source,
                           schema.version.empty() ? "latest" : schema.version);

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
  c.docs_url = p.docs_url;
  c.body = plan_block(schema.provider, schema.local_name, "Provider", MemberScope::provider,
                      "provider", c.docs_url, nullptr);

  for (const auto& t : schema.resources)
    p.resources.push_back(
        plan_type(schema, p.docs_url, t, ClassPlan::Kind::resource, schema.resources, values));
  for (const auto& t : schema.data_sources)
    p.data_sources.push_back(
        plan_type(schema, p.docs_url, t, ClassPlan::Kind::data, schema.data_sources, values));
  for (const auto& t : schema.ephemeral_resources)
    p.ephemeral_resources.push_back(plan_type(schema, p.docs_url, t, ClassPlan::Kind::ephemeral,
                                              schema.ephemeral_resources, values));
  check_unique(p.resources, "resources");
  check_unique(p.data_sources, "data sources");
  check_unique(p.ephemeral_resources, "ephemeral resources");
  return p;
}

}  // namespace stackgen::bindgen
