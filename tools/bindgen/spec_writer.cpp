#include "spec_writer.hpp"

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

void write_attribute(CodeWriter& w, const Attribute& a, const ValueSet* allowed) {
  std::vector<std::vector<std::string>> items;
  items.push_back({".name = " + cpp_string(a.name) + "sv"});
  // Long object types: the JSON text as adjacent literals.
  const std::size_t width = CodeWriter::kColumns - 12 - static_cast<std::size_t>(w.indentation());
  std::vector<std::string> type = cpp_string_pieces(type_json(a.type), width);
  // `sv` on every literal: the length comes from the literal, where a
  // string_view made from a plain literal is measured by a constexpr strlen
  // loop, character by character (a quarter of a spec's compile time; and
  // over GCC's loop limit on the largest AWS types, 256 KB of JSON).
  type.back() += "sv";
  type[0] = ".type = " + type[0];
  for (std::size_t i = 1; i < type.size(); ++i) type[i] = "        " + type[i];
  items.push_back(std::move(type));
  if (a.required) items.push_back({".required = true"});
  if (a.optional) items.push_back({".optional = true"});
  if (a.computed) items.push_back({".computed = true"});
  if (a.sensitive) items.push_back({".sensitive = true"});
  if (a.deprecated) items.push_back({".deprecated = true"});
  if (a.write_only) items.push_back({".write_only = true"});
  if (allowed) {
    const std::size_t width = CodeWriter::kColumns - 16 - static_cast<std::size_t>(w.indentation());
    std::vector<std::string> joined = cpp_string_pieces(joined_value_set(*allowed), width);
    joined.back() += "sv";
    joined[0] = ".allowed = " + joined[0];
    for (std::size_t i = 1; i < joined.size(); ++i) joined[i] = "           " + joined[i];
    items.push_back(std::move(joined));
    if (allowed->ignore_case) items.push_back({".allowed_ignore_case = true"});
    if (allowed->element) items.push_back({".allowed_element = true"});
  }
  write_initializer(w, items);
}

/// The BlockTypeSpec's implicit limit: a single or group block occurs at most once.
int max_items(const BlockType& bt) {
  if (bt.nesting == Nesting::single || bt.nesting == Nesting::group) return 1;
  return bt.max_items;
}

/// One block of a type's schema, in breadth-first order.
struct SpecBlock {
  const Block* block;
  std::string path;                 ///< "listener.tls"; "" for the type itself
  std::size_t first_attribute = 0;  ///< index into `attributes`
  std::size_t first_block_type = 0;  ///< index into `block_types_<depth>`
};

/// `{array + first, count}`, or `{}` when empty.
std::string span_of(const std::string& array, std::size_t first, std::size_t count) {
  return count == 0 ? "{}" : fmt::format("{{{} + {}, {}}}", array, first, count);
}

std::string block_spec(const SpecBlock& b, std::size_t depth) {
  return fmt::format("{{{}, {}{}}}", span_of("attributes", b.first_attribute, b.block->attributes.size()),
                     span_of(fmt::format("block_types_{}", depth), b.first_block_type,
                             b.block->block_types.size()),
                     b.block->deprecated ? ", true" : "");  // BlockSpec::deprecated
}

/// Writes the spec of one type as a few arrays, not a variable per block:
/// `attributes` (every block's attributes, block by block), then from the
/// deepest level up `blocks_<d>` (the BlockSpecs at depth d) and
/// `block_types_<d>` (the BlockTypeSpecs of the blocks at depth d, each
/// pointing into blocks_<d+1>), and `spec` for the type itself. GCC's cost
/// per declaration, and its lookup among thousands of local names, made the
/// largest types (QuickSight, 8621 blocks) take minutes to compile that way.
void write_spec_arrays(CodeWriter& w, const Block& top, const std::string& type_path,
                       const ValueTable* values) {
  // levels[d]: the blocks at depth d, breadth-first; a block's nested blocks
  // are consecutive in levels[d + 1], in the order of its block_types.
  std::vector<std::vector<SpecBlock>> levels{{SpecBlock{&top, ""}}};
  std::size_t attributes = 0;
  for (std::size_t d = 0; d < levels.size(); ++d) {
    std::vector<SpecBlock> next;
    for (auto& b : levels[d]) {
      b.first_attribute = attributes;
      attributes += b.block->attributes.size();
      b.first_block_type = next.size();
      for (const auto& bt : b.block->block_types)
        next.push_back({&bt.block, b.path.empty() ? bt.name : b.path + "." + bt.name});
    }
    if (next.empty()) break;
    levels.push_back(std::move(next));
  }

  if (attributes > 0) {
    w.line("static constexpr schema::AttributeSpec attributes[] = {");
    w.indent(4);
    for (const auto& level : levels)
      for (const auto& b : level) {
        if (b.block->attributes.empty()) continue;
        w.comment(fmt::format("[{}] {}", b.first_attribute, b.path.empty() ? "(the type)" : b.path));
        for (const auto& a : b.block->attributes) {
          // Only where the setter checks it too: settable, and the same lookup.
          const ValueSet* allowed =
              a.computed_only()
                  ? nullptr
                  : value_set_for(values, type_path + "." + (b.path.empty() ? "" : b.path + ".") + a.name, a.type);
          write_attribute(w, a, allowed);
        }
      }
    w.dedent(4);
    w.line("};");
  }
  for (std::size_t d = levels.size(); d-- > 1;) {
    w.line(fmt::format("static constexpr schema::BlockSpec blocks_{}[] = {{", d));
    w.indent(4);
    for (std::size_t i = 0; i < levels[d].size(); ++i)
      w.line(fmt::format("{},  // [{}] {}", block_spec(levels[d][i], d), i, levels[d][i].path));
    w.dedent(4);
    w.line("};");
    w.line(fmt::format("static constexpr schema::BlockTypeSpec block_types_{}[] = {{", d - 1));
    w.indent(4);
    std::size_t index = 0;
    for (const auto& parent : levels[d - 1])
      for (const auto& bt : parent.block->block_types) {
        std::vector<std::vector<std::string>> items;
        items.push_back({".name = " + cpp_string(bt.name) + "sv"});
        items.push_back({".nesting = " + nesting_name(bt.nesting)});
        if (bt.min_items > 0) items.push_back({fmt::format(".min_items = {}", bt.min_items)});
        if (max_items(bt) > 0) items.push_back({fmt::format(".max_items = {}", max_items(bt))});
        items.push_back({fmt::format(".block = &blocks_{}[{}]", d, index)});
        write_initializer(w, items);
        ++index;
      }
    w.dedent(4);
    w.line("};");
  }
  w.line(fmt::format("static constexpr schema::BlockSpec spec{};", block_spec(levels[0][0], 0)));
}

}  // namespace

void write_spec_definition(CodeWriter& w, const ClassPlan& c) {
  w.line(fmt::format("inline const schema::BlockSpec& {}::tf_spec() {{", c.cpp_name));
  w.indent();
  w.line("using namespace std::string_view_literals;");
  const std::string type_path = address_prefix(c.kind) + c.tf_type;
  write_spec_arrays(w, *c.block, type_path, c.kind == ClassPlan::Kind::provider ? nullptr : c.values);
  w.line("return spec;");
  w.dedent();
  w.line("}");
}

std::string spec_definition(const ClassPlan& c) {
  CodeWriter w;
  write_spec_definition(w, c);
  return w.str();
}

}  // namespace stackgen::bindgen
