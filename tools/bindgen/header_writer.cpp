#include "header_writer.hpp"

#include <algorithm>

#include <fmt/core.h>

#include "spec_writer.hpp"

namespace stackgen::bindgen {

namespace {

/// `[[deprecated("message")]] ` or "".
std::string deprecated_attribute(bool deprecated, std::string_view message) {
  return deprecated ? fmt::format("[[deprecated({})]] ", cpp_string(message)) : std::string();
}

/// The one-line comment above a setter or getter (never wrapped: one line
/// per member keeps a schema change a small diff).
void member_doc(CodeWriter& w, const std::string& doc) {
  if (!doc.empty()) w.line("/// " + doc);
}

/// How a setter returns: by value from a class handle (`LbListenerRule f(...) const`),
/// by reference from a struct under construction (`Action& f(...)`).
struct SetterStyle {
  std::string returns;
  std::string qualifier;
};

void write_struct(CodeWriter& w, const StructPlan& s);

void write_nested_structs(CodeWriter& w, const StructPlan& s) {
  for (const auto& nested : s.structs) {
    if (!nested.doc.empty()) w.doc(nested.doc);
    if (!nested.link.empty()) w.line("/// " + nested.link);
    write_struct(w, nested);
    w.line();
  }
}

/// "one of: a, b, c" for the doc comment; big sets only by their size.
std::string allowed_summary(const ValueSet& set) {
  constexpr std::size_t kListed = 12;
  std::string out = set.element ? "each element one of" : "one of";
  if (set.values.size() > kListed) return fmt::format("{} {} values", out, set.values.size());
  for (std::size_t i = 0; i < set.values.size(); ++i)
    out += fmt::format("{}\"{}\"", i == 0 ? " " : ", ", set.values[i]);
  return out;
}

void write_field_setter(CodeWriter& w, const FieldPlan& f, const SetterStyle& style) {
  const std::string deprecated = deprecated_attribute(f.deprecated, f.deprecation_message);
  if (!f.allowed) {
    member_doc(w, f.doc);
    w.line(fmt::format("{}{} {}(const Expr<{}>& v){} {{ return tf_with(\"{}\", v); }}", deprecated,
                       style.returns, f.cpp_name, f.cpp_type, style.qualifier, f.name));
    return;
  }
  // A closed value set (allowed_values.hpp): literals are checked by the
  // compiler through OneOf; any other expression takes the template
  // overload and its literals are checked at emit.
  const ValueSet& set = *f.allowed;
  member_doc(w, f.doc);
  w.line("/// Values: " + allowed_summary(set) + (set.ignore_case ? " (any letter case)." : "."));
  const std::string one_of = fmt::format("OneOf<{}, {}{}>", cpp_string(f.path), cpp_string(joined_value_set(set)),
                                         set.ignore_case ? ", true" : "");
  if (set.element) {
    w.line(fmt::format("{}{} {}(std::initializer_list<{}> v){} {{ return tf_with(\"{}\", "
                       "checked_list<{}>(v)); }}",
                       deprecated, style.returns, f.cpp_name, one_of, style.qualifier, f.name,
                       f.cpp_type));
  } else {
    w.line(fmt::format("{}{} {}({} v){} {{ return tf_with(\"{}\", v.expr()); }}", deprecated,
                       style.returns, f.cpp_name, one_of, style.qualifier, f.name));
  }
  w.line(fmt::format("template <class = void> {}{} {}(const Expr<{}>& v){} {{ return tf_with(\"{}\", v); }}",
                     deprecated, style.returns, f.cpp_name, f.cpp_type, style.qualifier, f.name));
}

bool uses_allowed_values(const StructPlan& s) {
  for (const auto& f : s.fields)
    if (f.allowed && f.setter) return true;
  for (const auto& n : s.structs)
    if (uses_allowed_values(n)) return true;
  return false;
}

void write_block_setter(CodeWriter& w, const BlockSetterPlan& b, const SetterStyle& style) {
  member_doc(w, b.doc);
  const std::string deprecated = deprecated_attribute(b.deprecated, b.deprecation_message);
  if (b.nesting == Nesting::map) {
    // A map of blocks is a block with one label, the map key.
    w.line(
        fmt::format("{}{} {}(std::string_view key, const {}& b){} {{ return tf_with_block(\"{}\", "
                    "Value::object({{{{std::string(key), b.value()}}}})); }}",
                    deprecated, style.returns, b.cpp_name, b.struct_name, style.qualifier, b.name));
  } else {
    w.line(fmt::format("{}{} {}(const {}& b){} {{ return tf_with_block(\"{}\", b.value()); }}",
                       deprecated, style.returns, b.cpp_name, b.struct_name, style.qualifier,
                       b.name));
  }
  // The same, filled in by a callable: no type name to spell out.
  const std::string params = b.nesting == Nesting::map ? "std::string_view key, F&& build" : "F&& build";
  const std::string args = b.nesting == Nesting::map ? "key, b" : "b";
  w.line(fmt::format("template <BlockBuilder<{0}> F> {1}{2} {3}({4}){5} {{ {0} b; build(b); return {3}({6}); }}",
                     b.struct_name, deprecated, style.returns, b.cpp_name, params, style.qualifier, args));
}

void write_getter(CodeWriter& w, const FieldPlan& f) {
  member_doc(w, f.doc);
  w.line(fmt::format("Expr<{0}> {1}() const {{ return tf_get<{0}>(\"{2}\"); }}", f.cpp_type,
                     f.cpp_name, f.name));
}

void write_declared_fields(CodeWriter& w, const StructPlan& s) {
  std::string list;
  for (const auto& f : s.fields) list += (list.empty() ? "" : ", ") + cpp_string(f.name);
  std::string one_line = fmt::format("{}() {{ tf_declare_fields({{{}}}); }}", s.cpp_name, list);
  if (w.indentation() + one_line.size() <= CodeWriter::kColumns) {
    w.line(one_line);
    return;
  }
  w.line(s.cpp_name + "() {");
  w.indent();
  w.line("tf_declare_fields({");
  w.indent(4);
  std::string current;
  for (const auto& f : s.fields) {
    std::string item = cpp_string(f.name) + ",";
    if (!current.empty() &&
        w.indentation() + current.size() + 1 + item.size() > CodeWriter::kColumns) {
      w.line(current);
      current.clear();
    }
    current += (current.empty() ? "" : " ") + item;
  }
  if (!current.empty()) w.line(current);
  w.dedent(4);
  w.line("});");
  w.dedent();
  w.line("}");
}

void write_type_constraint(CodeWriter& w, const StructPlan& s) {
  w.line("static std::string type_constraint() {");
  w.indent();
  auto pieces = cpp_string_pieces(
      s.type_constraint, CodeWriter::kColumns - 20 - static_cast<std::size_t>(w.indentation()));
  for (std::size_t i = 0; i < pieces.size(); ++i)
    w.line(fmt::format("{}{}{}", i == 0 ? "return " : "       ", pieces[i],
                       i + 1 == pieces.size() ? ";" : ""));
  w.dedent();
  w.line("}");
}

void write_struct(CodeWriter& w, const StructPlan& s) {
  const bool object = s.kind == StructPlan::Kind::object;
  if (!object && s.fields.empty() && s.blocks.empty() && s.structs.empty()) {
    w.line(fmt::format("struct {0} : NestedBlock<{0}> {{}};", s.cpp_name));
    return;
  }
  w.line(
      fmt::format("struct {0} : {1}<{0}> {{", s.cpp_name, object ? "ObjectValue" : "NestedBlock"));
  w.indent();
  if (object) {
    write_declared_fields(w, s);
    write_type_constraint(w, s);
  }
  write_nested_structs(w, s);
  const SetterStyle style{s.cpp_name + "&", ""};
  for (const auto& f : s.fields)
    if (f.setter) write_field_setter(w, f, style);
  for (const auto& b : s.blocks) write_block_setter(w, b, style);
  w.dedent();
  w.line("};");
}

void write_class(CodeWriter& w, const ProviderPlan& p, const ClassPlan& c) {
  for (const auto& d : c.doc) w.doc(d);
  w.line("/// " + c.docs_url);
  const bool provider = c.kind == ClassPlan::Kind::provider;
  const std::string base = provider ? "ProviderBase" : "ResourceBase";
  w.line(fmt::format("class {0} : public {1}<{0}> {{", c.cpp_name, base));
  w.line(" public:");
  w.indent();
  if (!provider) {
    w.line(fmt::format("static constexpr BlockKind tf_kind = BlockKind::{};", kind_keyword(c.kind)));
    w.line(fmt::format("static constexpr std::string_view tf_type = {};", cpp_string(c.tf_type)));
  }
  w.line("static const schema::BlockSpec& tf_spec();  // the schema: at the end of this file");
  w.line(fmt::format(
      "static const schema::ProviderInfo& tf_provider_info() {{ return {}::provider_info(); }}",
      p.cpp_namespace));
  w.line(fmt::format("using {0}::{0};", base));
  w.line();

  const StructPlan& s = c.body;
  write_nested_structs(w, s);

  const SetterStyle style{c.cpp_name, " const"};
  bool any_setter = false;
  for (const auto& f : s.fields) any_setter = any_setter || f.setter;
  if (any_setter) {
    w.line("// Arguments.");
    for (const auto& f : s.fields)
      if (f.setter) write_field_setter(w, f, style);
  }
  if (!s.blocks.empty()) {
    if (any_setter) w.line();
    w.line("// Blocks: each call adds one block; the count is checked at emit.");
    for (const auto& b : s.blocks) write_block_setter(w, b, style);
  }
  bool any_getter = false;
  for (const auto& f : s.fields) any_getter = any_getter || f.getter;
  if (any_getter) {
    if (any_setter || !s.blocks.empty()) w.line();
    w.line("// Attributes, for references.");
    for (const auto& f : s.fields)
      if (f.getter) write_getter(w, f);
  }
  w.dedent();
  w.line("};");
}

}  // namespace

std::string class_header(const ProviderPlan& p, const ClassPlan& c) {
  CodeWriter w;
  w.line("#pragma once");
  w.line();
  w.line("#include <string>");
  w.line("#include <string_view>");
  w.line();
  std::vector<std::string> includes = {fmt::format("stackgen/{}/provider_info.hpp", p.local_name),
                                       "stackgen/core/resource.hpp",
                                       "stackgen/core/schema_spec.hpp"};
  if (!c.body.structs.empty()) includes.push_back("stackgen/core/block_body.hpp");
  if (uses_allowed_values(c.body)) includes.push_back("stackgen/core/allowed_values.hpp");
  std::sort(includes.begin(), includes.end());
  for (const auto& i : includes) w.line(fmt::format("#include \"{}\"", i));
  w.line();
  const bool sub_namespace = c.kind == ClassPlan::Kind::data || c.kind == ClassPlan::Kind::ephemeral;
  const std::string ns =
      fmt::format("stackgen::{}{}", p.cpp_namespace, sub_namespace ? "::" + std::string(kind_keyword(c.kind)) : "");
  w.line(fmt::format("namespace {} {{", ns));
  w.line();
  write_class(w, p, c);
  w.line();
  w.comment(fmt::format("The schema of `{}`, for the emit-time checks: compiled only where this "
                        "header is included, no code runs at start-up.",
                        c.kind == ClassPlan::Kind::provider ? "provider \"" + c.tf_type + "\""
                                                            : c.tf_type));
  write_spec_definition(w, c);
  w.line();
  w.line(fmt::format("}}  // namespace {}", ns));
  return generated_banner(p.schema_label, p.source, p.version) + w.str();
}

std::string provider_info_header(const ProviderPlan& p) {
  CodeWriter w;
  w.line("#pragma once");
  w.line();
  w.line("#include \"stackgen/core/schema_spec.hpp\"");
  w.line();
  w.line(fmt::format("namespace stackgen::{} {{", p.cpp_namespace));
  w.line();
  w.doc(fmt::format(
      "Where the {} bindings come from: local name \"{}\", source \"{}\", version \"{}\" (the "
      "schema file's provider_versions). Inline: every program that generates these bindings "
      "has its own copy, and they do not clash.",
      p.local_name, p.local_name, p.source, p.version));
  w.line("inline const schema::ProviderInfo& provider_info() {");
  w.indent();
  w.line(fmt::format("static constexpr schema::ProviderInfo info{{{}, {}, {}}};",
                     cpp_string(p.local_name), cpp_string(p.source), cpp_string(p.version)));
  w.line("return info;");
  w.dedent();
  w.line("}");
  w.line();
  w.line(fmt::format("}}  // namespace stackgen::{}", p.cpp_namespace));
  return generated_banner(p.schema_label, p.source, p.version) + w.str();
}

std::vector<GeneratedFile> write_headers(const ProviderPlan& p) {
  std::vector<GeneratedFile> files;
  const std::string banner = generated_banner(p.schema_label, p.source, p.version);
  const std::string dir = "stackgen/" + p.local_name + "/";

  files.push_back({dir + "provider_info.hpp", provider_info_header(p)});
  files.push_back({p.provider.header, class_header(p, p.provider)});
  for (const auto& c : p.resources) files.push_back({c.header, class_header(p, c)});
  for (const auto& c : p.data_sources) files.push_back({c.header, class_header(p, c)});
  for (const auto& c : p.ephemeral_resources) files.push_back({c.header, class_header(p, c)});

  {
    CodeWriter w;
    w.comment(fmt::format(
        "Every {} binding: the provider configuration, {} resource types, {} data sources and {} "
        "ephemeral resources.",
        p.local_name, p.resources.size(), p.data_sources.size(), p.ephemeral_resources.size()));
    w.comment(
        "This is the whole provider, and slow to compile (for the whole AWS provider: tens of "
        "seconds and gigabytes of compiler memory). Never include it in code you build often: "
        "include the header of each type you use, e.g. <" +
        (p.resources.empty() ? p.provider.header : p.resources.front().header) + ">.");
    w.line("#pragma once");
    w.line();
    w.line(fmt::format("#include \"{}\"", p.provider.header));
    for (const auto& c : p.resources) w.line(fmt::format("#include \"{}\"", c.header));
    for (const auto& c : p.data_sources) w.line(fmt::format("#include \"{}\"", c.header));
    for (const auto& c : p.ephemeral_resources) w.line(fmt::format("#include \"{}\"", c.header));
    files.push_back({dir + "all.hpp", banner + w.str()});
  }
  return files;
}

}  // namespace stackgen::bindgen
