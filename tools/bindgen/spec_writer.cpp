#include "spec_writer.hpp"

#include <algorithm>

#include <fmt/core.h>

namespace stackgen::bindgen {

namespace {

std::string nesting_name(Nesting n) { return fmt::format("schema::Nesting::{}", to_string(n)); }

/// Writes `{item, item, ...},` packed into lines of at most kColumns; an
/// item of several lines (a long type split into literals) stands alone.
void write_initializer(CodeWriter& w, const std::vector<std::vector<std::string>>& items) {
  const std::size_t width = CodeWriter::kColumns - static_cast<std::size_t>(w.indentation());
  std::string current = "{";
  bool first_line = true;
  auto flush = [&] {
    if (first_line) {
      w.line(current);
    } else {
      w.indent(1);
      w.line(current);
      w.dedent(1);
    }
    first_line = false;
    current.clear();
  };
  for (std::size_t i = 0; i < items.size(); ++i) {
    const bool last = i + 1 == items.size();
    const std::string end = last ? "}," : ",";
    const auto& item = items[i];
    const bool starts_line = current.empty() || current == "{";
    const std::string sep = starts_line ? "" : " ";
    if (item.size() == 1 && current.size() + sep.size() + item[0].size() + end.size() <= width) {
      current += sep + item[0] + end;
      continue;
    }
    if (!starts_line) flush();
    for (std::size_t l = 0; l < item.size(); ++l) {
      current += item[l];
      if (l + 1 == item.size()) current += end;
      if (l + 1 < item.size()) flush();
    }
  }
  if (!current.empty()) flush();
}

void write_attribute(CodeWriter& w, const Attribute& a) {
  std::vector<std::vector<std::string>> items;
  items.push_back({".name = " + cpp_string(a.name)});
  // Long object types: the JSON text as adjacent literals.
  const std::size_t width = CodeWriter::kColumns - 12 - static_cast<std::size_t>(w.indentation());
  std::vector<std::string> type = cpp_string_pieces(type_json(a.type), width);
  // `sv`: the length comes from the literal; constexpr strlen would hit the
  // compiler's loop limit on the largest AWS types (over 256 KB of JSON).
  if (type.size() > 1) type.back() += "sv";
  type[0] = ".type = " + type[0];
  for (std::size_t i = 1; i < type.size(); ++i) type[i] = "        " + type[i];
  items.push_back(std::move(type));
  if (a.required) items.push_back({".required = true"});
  if (a.optional) items.push_back({".optional = true"});
  if (a.computed) items.push_back({".computed = true"});
  if (a.sensitive) items.push_back({".sensitive = true"});
  if (a.deprecated) items.push_back({".deprecated = true"});
  write_initializer(w, items);
}

/// The BlockTypeSpec's implicit limit: a single or group block occurs at most once.
int max_items(const BlockType& bt) {
  if (bt.nesting == Nesting::single || bt.nesting == Nesting::group) return 1;
  return bt.max_items;
}

/// Writes the spec of `b` (nested blocks first) and returns its variable.
std::string write_block(CodeWriter& w, const Block& b, const std::string& path, int& counter) {
  std::vector<std::string> nested;
  for (const auto& bt : b.block_types)
    nested.push_back(
        write_block(w, bt.block, path.empty() ? bt.name : path + "." + bt.name, counter));

  const bool top = path.empty();
  const std::string var = top ? "spec" : fmt::format("b{}", ++counter);
  const std::string prefix = top ? "" : var + "_";
  if (!top) w.comment(path);
  if (!b.attributes.empty()) {
    w.line(fmt::format("static constexpr schema::AttributeSpec {}attributes[] = {{", prefix));
    w.indent(4);
    for (const auto& a : b.attributes) write_attribute(w, a);
    w.dedent(4);
    w.line("};");
  }
  if (!b.block_types.empty()) {
    w.line(fmt::format("static constexpr schema::BlockTypeSpec {}block_types[] = {{", prefix));
    w.indent(4);
    for (std::size_t i = 0; i < b.block_types.size(); ++i) {
      const BlockType& bt = b.block_types[i];
      std::vector<std::vector<std::string>> items;
      items.push_back({".name = " + cpp_string(bt.name)});
      items.push_back({".nesting = " + nesting_name(bt.nesting)});
      if (bt.min_items > 0) items.push_back({fmt::format(".min_items = {}", bt.min_items)});
      if (max_items(bt) > 0) items.push_back({fmt::format(".max_items = {}", max_items(bt))});
      items.push_back({".block = &" + nested[i]});
      write_initializer(w, items);
    }
    w.dedent(4);
    w.line("};");
  }
  w.line(fmt::format("static constexpr schema::BlockSpec {}{{{}, {}}};", var,
                     b.attributes.empty() ? "{}" : prefix + "attributes",
                     b.block_types.empty() ? "{}" : prefix + "block_types"));
  return var;
}

void write_spec_definition(CodeWriter& w, const ClassPlan& c) {
  w.line(fmt::format("const schema::BlockSpec& {}::tf_spec() {{", c.qualified_name));
  w.indent();
  int counter = 0;
  write_block(w, *c.block, "", counter);
  w.line("return spec;");
  w.dedent();
  w.line("}");
}

}  // namespace

std::string spec_definition(const ClassPlan& c) {
  CodeWriter w;
  write_spec_definition(w, c);
  return w.str();
}

std::vector<GeneratedFile> write_specs(const ProviderPlan& p, std::size_t types_per_file) {
  std::vector<const ClassPlan*> classes;
  classes.push_back(&p.provider);
  for (const auto& c : p.resources) classes.push_back(&c);
  for (const auto& c : p.data_sources) classes.push_back(&c);
  types_per_file = std::max<std::size_t>(types_per_file, 1);
  const std::size_t chunks = (classes.size() + types_per_file - 1) / types_per_file;

  std::vector<GeneratedFile> files;
  for (std::size_t chunk = 0; chunk < chunks; ++chunk) {
    const auto first = classes.begin() + static_cast<std::ptrdiff_t>(chunk * types_per_file);
    const auto last = classes.begin() + static_cast<std::ptrdiff_t>(
                                            std::min(classes.size(), (chunk + 1) * types_per_file));
    CodeWriter w;
    w.comment(fmt::format("Schema specs of the {} bindings{}: what the emit-time checks read.",
                          p.local_name,
                          chunks == 1 ? "" : fmt::format(" (part {} of {})", chunk + 1, chunks)));
    w.line("#include <string_view>");
    w.line();
    for (auto it = first; it != last; ++it) w.line(fmt::format("#include \"{}\"", (*it)->header));
    w.line("#include \"stackgen/core/schema_spec.hpp\"");
    w.line();
    w.line("using namespace std::string_view_literals;");
    w.line();
    w.line(fmt::format("namespace stackgen::{} {{", p.local_name));
    if (chunk == 0) {
      w.line();
      w.line("const schema::ProviderInfo& provider_info() {");
      w.indent();
      w.line(fmt::format("static constexpr schema::ProviderInfo info{{{}, {}, {}}};",
                         cpp_string(p.local_name), cpp_string(p.source), cpp_string(p.version)));
      w.line("return info;");
      w.dedent();
      w.line("}");
    }
    for (auto it = first; it != last; ++it) {
      w.line();
      write_spec_definition(w, **it);
    }
    w.line();
    w.line(fmt::format("}}  // namespace stackgen::{}", p.local_name));
    const std::string name = chunks == 1 ? "specs.cpp" : fmt::format("specs_{}.cpp", chunk);
    files.push_back({fmt::format("src/bindings/{}/{}", p.local_name, name),
                     generated_banner(p.schema_label, p.source, p.version) + w.str()});
  }
  return files;
}

}  // namespace stackgen::bindgen
