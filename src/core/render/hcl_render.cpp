// Rendering a stack as HCL native syntax (`emit --format hcl`): the same
// configuration as the JSON, laid out as `terraform fmt` would leave it.
//
// Bodies come from the same member objects the JSON writer uses
// (body_object), so overrides and meta-arguments mean the same in both
// syntaxes. What JSON leaves to the schema, HCL must spell: a nested block
// is `name { ... }`, an attribute is `name = value`. The schema of the
// binding says which is which; for a block without one, a list of objects
// inside a nested block is ambiguous and is an error rather than a guess.
//
// Layout rules of `terraform fmt` (hclwrite) followed here: two-space
// indent; the `=` of consecutive single-line attributes aligned, a
// multi-line value, a block or a comment ending the run; `{ k = v }` with
// inner spaces on one line; multi-line lists with a trailing comma.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "../model/hcl_text.hpp"
#include "../model/model.hpp"
#include "../model/node.hpp"
#include "render.hpp"
#include "stackgen/core/error.hpp"

namespace stackgen::detail {

namespace {

constexpr std::size_t kMaxInlineList = 100;  // characters of a one-line list

std::string indent(int depth) { return std::string(static_cast<std::size_t>(depth) * 2, ' '); }

std::string one_line(const Value& v) {
  std::string s;
  append_hcl(s, v, HclStyle{true});
  return s;
}

std::string quoted(std::string_view text) {
  std::string s;
  append_hcl_quoted(s, text);
  return s;
}

std::string object_key(std::string_view key) { return is_bare_object_key(key) ? std::string(key) : quoted(key); }

bool is_collection_literal(const Value& v) {
  const Node* n = v.node();
  return n && (n->kind == NodeKind::object || n->kind == NodeKind::list || n->kind == NodeKind::list_expr) &&
         n->count > 0;
}

/// One line of a body: an attribute (aligned with its neighbours when
/// its value fits on one line), or text written as it is (blocks, comments).
struct Item {
  std::string key;   // empty: `text` is a whole block or comment
  std::string text;  // the value, or the block
};

void write_items(std::string& out, const std::vector<Item>& items, int depth) {
  const std::string pad = indent(depth);
  for (std::size_t i = 0; i < items.size();) {
    if (items[i].key.empty()) {
      out += items[i].text;
      ++i;
      continue;
    }
    // A run of single-line attributes shares one `=` column.
    std::size_t end = i;
    std::size_t width = 0;
    while (end < items.size() && !items[end].key.empty()) {
      const bool single = items[end].text.find('\n') == std::string::npos;
      if (!single && end > i) break;
      width = std::max(width, items[end].key.size());
      ++end;
      if (!single) break;
    }
    for (std::size_t j = i; j < end; ++j) {
      out += pad;
      out += items[j].key;
      out.append(width - items[j].key.size(), ' ');
      out += " = ";
      out += items[j].text;
      out += '\n';
    }
    i = end;
  }
}

/// `v` as an expression at `depth`: literal collections and single-argument
/// calls of them (jsonencode documents) over several lines, the rest on one.
std::string expression(const Value& v, int depth) {
  const Node* n = v.node();
  if (!n) return "null";
  switch (n->kind) {
    case NodeKind::object: {
      if (n->count == 0) return "{}";
      std::vector<Item> items;
      for (std::size_t i = 0; i < n->count; ++i)
        items.push_back({object_key(n->key(i)), expression(n->child(i), depth + 1)});
      std::string out = "{\n";
      write_items(out, items, depth + 1);
      return out + indent(depth) + "}";
    }
    case NodeKind::list:
    case NodeKind::list_expr: {
      if (n->count == 0) return "[]";
      bool inline_ok = true;
      for (const auto& item : n->items())
        if (is_collection_literal(item)) inline_ok = false;
      if (inline_ok) {
        std::string line = one_line(v);
        if (line.size() <= kMaxInlineList && line.find('\n') == std::string::npos) return line;
      }
      std::string out = "[\n";
      for (const auto& item : n->items()) out += indent(depth + 1) + expression(item, depth + 1) + ",\n";
      return out + indent(depth) + "]";
    }
    case NodeKind::call:
      if (n->count == 1 && is_collection_literal(n->child(0)))
        return std::string(n->text()) + "(" + expression(n->child(0), depth) + ((n->flags & kExpandLast) ? "...)" : ")");
      return one_line(v);
    default: return one_line(v);
  }
}

/// A bare traversal written from its text (provider, depends_on, ...).
std::string bare_list(const Value& list) {
  std::string out = "[";
  bool first = true;
  for (const auto& item : list.items()) {
    if (!first) out += ", ";
    first = false;
    out += item.as_string().value_or("");
  }
  return out + "]";
}

class HclWriter {
 public:
  explicit HclWriter(const BlockData& owner) : owner_(owner) {}

  /// `header {` body `}` at depth.
  std::string block(std::string_view header, const std::vector<Item>& items, int depth) const {
    std::string out = indent(depth);
    out += header;
    if (items.empty()) return out + " {\n" + indent(depth) + "}\n";
    out += " {\n";
    write_items(out, items, depth + 1);
    return out + indent(depth) + "}\n";
  }

  /// The items of a block body given as an object. `spec` says which
  /// members are nested blocks; `top` marks a resource / data / provider
  /// body, whose meta-arguments are written in Terraform's customary order.
  std::vector<Item> body(const Value& object, const schema::BlockSpec* spec, int depth, bool top) const {
    std::vector<Item> first, attributes, blocks, last;
    for (auto [key, value] : object.fields()) {
      if (top && key == "//") {
        std::string comment = indent(depth) + "# ";
        for (char c : value.as_string().value_or("")) comment += (c == '\n' || c == '\r') ? ' ' : c;
        first.insert(first.begin(), Item{"", comment + "\n"});
      } else if (top && (key == "count" || key == "for_each")) {
        first.push_back({std::string(key), expression(value, depth)});
      } else if (top && key == "provider") {
        first.push_back({"provider", std::string(value.as_string().value_or(""))});
      } else if (top && key == "depends_on") {
        last.push_back({"depends_on", bare_list(value)});
      } else if (top && key == "lifecycle") {
        last.push_back({"", lifecycle(value, depth)});
      } else if (top && key == "connection") {
        last.push_back({"", connection(value, depth)});
      } else if (top && key == "provisioner") {
        for (const auto& item : value.items())
          for (auto [type, body] : item.fields()) last.push_back({"", provisioner(type, body, depth)});
      } else if (key == "dynamic" && value.node() && value.node()->kind == NodeKind::object) {
        for (auto [name, entries] : value.fields()) {
          const schema::BlockSpec* inner = nested_spec(spec, name);
          for (const auto& e : entries_of(entries)) blocks.push_back({"", dynamic_block(name, e, inner, depth)});
        }
      } else if (is_block(spec, key, value, top)) {
        const schema::BlockSpec* inner = nested_spec(spec, key);
        for (const auto& e : entries_of(value)) {
          if (!e.node() || e.node()->kind != NodeKind::object)
            fail("nested block `" + std::string(key) + "` is not an object (HCL writes blocks as `" +
                 std::string(key) + " { ... }`, which an expression cannot fill)");
          blocks.push_back({"", block(header(key), body(e, inner, depth + 1, false), depth)});
        }
      } else {
        attributes.push_back({std::string(key), expression(value, depth)});
      }
    }
    std::vector<Item> items = std::move(first);
    for (auto* group : {&attributes, &blocks, &last}) items.insert(items.end(), group->begin(), group->end());
    return items;
  }

  [[noreturn]] void fail(const std::string& why) const {
    throw Error(std::string(owner_.address) + ": cannot write HCL: " + why, SourceLocation::from(owner_.where),
                "core.hcl-output");
  }

 private:
  static std::string header(std::string_view name) { return std::string(name); }

  static std::vector<Value> entries_of(const Value& v) {
    const Node* n = v.node();
    if (!n || n->kind == NodeKind::null_literal) return {};
    if (n->kind == NodeKind::list) return {n->items().begin(), n->items().end()};
    return {v};
  }

  static const schema::BlockSpec* nested_spec(const schema::BlockSpec* spec, std::string_view name) {
    if (!spec) return nullptr;
    const auto* bt = spec->block_type(name);
    return bt ? bt->block : nullptr;
  }

  bool is_block(const schema::BlockSpec* spec, std::string_view key, const Value& value, bool top) const {
    if (spec) return spec->block_type(key) != nullptr;
    if (top) {
      // Without a schema, the blocks the author declared as blocks.
      return std::any_of(owner_.blocks.begin(), owner_.blocks.end(), [&](const Argument& a) { return a.name == key; });
    }
    const Node* n = value.node();
    if (n && n->kind == NodeKind::list && n->count > 0 &&
        std::all_of(n->items().begin(), n->items().end(),
                    [](const Value& e) { return e.node() && e.node()->kind == NodeKind::object; }))
      fail("`" + std::string(key) +
           "` is a list of objects in a block without a schema: HCL must say whether it is a nested block or an "
           "attribute (use the typed binding, or the JSON output)");
    return false;
  }

  std::string dynamic_block(std::string_view name, const Value& entry, const schema::BlockSpec* inner,
                            int depth) const {
    std::vector<Item> items;
    items.push_back({"for_each", expression(entry.field("for_each"), depth + 1)});
    if (auto it = entry.field("iterator").as_string()) items.push_back({"iterator", std::string(*it)});
    const Value content = entry.field("content");
    items.push_back({"", block("content", body(content, inner, depth + 2, false), depth + 1)});
    return block("dynamic " + quoted(name), items, depth);
  }

  /// `connection { ... }`: arguments only.
  std::string connection(const Value& c, int depth) const {
    return block("connection", body(c, nullptr, depth + 1, false), depth);
  }

  /// `provisioner "type" { ... }`: `when` and `on_failure` are keywords,
  /// written bare; its own connection is a block.
  std::string provisioner(std::string_view type, const Value& p, int depth) const {
    std::vector<Item> attributes, blocks;
    for (auto [key, value] : p.fields()) {
      if (key == "when" || key == "on_failure")
        attributes.push_back({std::string(key), std::string(value.as_string().value_or(""))});
      else if (key == "connection")
        blocks.push_back({"", connection(value, depth + 1)});
      else
        attributes.push_back({std::string(key), expression(value, depth + 1)});
    }
    attributes.insert(attributes.end(), blocks.begin(), blocks.end());
    return block("provisioner " + quoted(type), attributes, depth);
  }

  std::string lifecycle(const Value& lc, int depth) const {
    std::vector<Item> attributes, blocks;
    for (auto [key, value] : lc.fields()) {
      if (key == "ignore_changes") {
        auto all = value.as_string();
        attributes.push_back({"ignore_changes", all ? std::string(*all) : bare_list(value)});
      } else if (key == "replace_triggered_by") {
        attributes.push_back({"replace_triggered_by", bare_list(value)});
      } else if (key == "precondition" || key == "postcondition") {
        for (const auto& c : value.items()) blocks.push_back({"", condition_block(key, c, depth + 1)});
      } else {
        attributes.push_back({std::string(key), expression(value, depth + 1)});
      }
    }
    attributes.insert(attributes.end(), blocks.begin(), blocks.end());
    return block("lifecycle", attributes, depth);
  }

 public:
  std::string condition_block(std::string_view name, const Value& c, int depth) const {
    return block(name,
                 {{"condition", expression(c.field("condition"), depth + 1)},
                  {"error_message", expression(c.field("error_message"), depth + 1)}},
                 depth);
  }

 private:
  const BlockData& owner_;
};

std::string labels(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (auto p : parts) {
    if (!out.empty()) out += ' ';
    out += p.front() == '"' ? std::string(p) : quoted(p);
  }
  return out;
}

using Blocks = std::vector<const BlockData*>;

void sort_by_name(Blocks& blocks) {
  std::stable_sort(blocks.begin(), blocks.end(), [](const BlockData* a, const BlockData* b) {
    if (a->type != b->type) return a->type < b->type;
    return a->name < b->name;
  });
  // A repeated address is an error the checks report; the later one wins, as in JSON.
  Blocks unique;
  for (std::size_t i = 0; i < blocks.size(); ++i)
    if (i + 1 == blocks.size() || blocks[i + 1]->type != blocks[i]->type || blocks[i + 1]->name != blocks[i]->name)
      unique.push_back(blocks[i]);
  blocks = std::move(unique);
}

std::string terraform_block(const StackData& s) {
  const auto& settings = s.terraform;
  const auto required = required_providers(s);
  if (!settings.required_version() && required.empty() && !settings.backend() && !settings.cloud()) return {};
  std::vector<Item> items;
  if (settings.required_version()) items.push_back({"required_version", quoted(*settings.required_version())});
  if (settings.backend()) {
    std::vector<Item> b;
    for (const auto& [k, v] : settings.backend()->settings())
      b.push_back({k, v.text ? quoted(*v.text) : v.flag ? (*v.flag ? "true" : "false") : expression(v.value, 2)});
    std::string out = indent(1) + "backend " + quoted(settings.backend()->type()) + " {\n";
    write_items(out, b, 2);
    items.push_back({"", out + indent(1) + "}\n"});
  }
  if (const auto& c = settings.cloud()) {
    std::vector<Item> fields;
    if (c->hostname()) fields.push_back({"hostname", quoted(*c->hostname())});
    fields.push_back({"organization", quoted(c->organization())});
    if (c->workspace() || c->workspace_tags() || c->project()) {
      std::vector<Item> w;
      if (c->workspace()) w.push_back({"name", quoted(*c->workspace())});
      if (c->project()) w.push_back({"project", quoted(*c->project())});
      if (c->workspace_tags()) {
        std::string list = "[";
        for (const auto& t : *c->workspace_tags()) list += (list.size() > 1 ? ", " : "") + quoted(t);
        w.push_back({"tags", list + "]"});
      }
      std::string ws = indent(2) + "workspaces {\n";
      write_items(ws, w, 3);
      fields.push_back({"", ws + indent(2) + "}\n"});
    }
    std::string out = indent(1) + "cloud {\n";
    write_items(out, fields, 2);
    items.push_back({"", out + indent(1) + "}\n"});
  }
  if (!required.empty()) {
    std::vector<Item> providers;
    for (const auto& [name, p] : required) {
      std::vector<Item> fields{{"source", quoted(p.source)}};
      if (!p.version.empty()) fields.push_back({"version", quoted(p.version)});
      std::string value = "{\n";
      write_items(value, fields, 3);
      providers.push_back({object_key(name), value + indent(2) + "}"});
    }
    std::string out = indent(1) + "required_providers {\n";
    write_items(out, providers, 2);
    items.push_back({"", out + indent(1) + "}\n"});
  }
  std::string out = "terraform {\n";
  write_items(out, items, 1);
  return out + "}\n";
}

std::string variable_block(const BlockData& b) {
  HclWriter w(b);
  std::vector<Item> items, blocks;
  if (const DeclarationDetails* d = b.declaration_if()) {
    if (!d->variable_type.empty()) items.push_back({"type", d->variable_type});
    if (d->has_default) items.push_back({"default", expression(d->default_value, 1)});
    for (const auto& [k, t] : d->texts) items.push_back({k, quoted(t)});
    for (const auto& [k, f] : d->flags) items.push_back({k, f ? "true" : "false"});
    for (const auto& c : d->validations)
      blocks.push_back({"", w.condition_block("validation", Value::object({{"condition", c.condition},
                                                                            {"error_message", c.error_message}}),
                                              1)});
  }
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& c) {
    // description first, as Terraform's documentation writes it.
    auto rank = [](const std::string& k) { return k == "description" ? 0 : k == "type" ? 1 : 2; };
    return std::make_pair(rank(a.key), a.key) < std::make_pair(rank(c.key), c.key);
  });
  items.insert(items.end(), blocks.begin(), blocks.end());
  return w.block("variable " + quoted(b.name), items, 0);
}

std::string output_block(const BlockData& b) {
  HclWriter w(b);
  std::vector<Item> items, blocks;
  if (const DeclarationDetails* d = b.declaration_if()) {
    for (const auto& [k, t] : d->texts) items.push_back({k, quoted(t)});
    items.push_back({"value", expression(b.value(), 1)});
    for (const auto& [k, f] : d->flags) items.push_back({k, f ? "true" : "false"});
    for (const auto& c : d->validations)
      blocks.push_back({"", w.condition_block("precondition", Value::object({{"condition", c.condition},
                                                                              {"error_message", c.error_message}}),
                                              1)});
  } else {
    items.push_back({"value", expression(b.value(), 1)});
  }
  if (!b.depends_on.empty()) {
    std::vector<Value> deps;
    for (const auto* dep : b.depends_on) deps.emplace_back(dep->address);
    items.push_back({"depends_on", bare_list(Value::list(deps))});
  }
  items.insert(items.end(), blocks.begin(), blocks.end());
  return w.block("output " + quoted(b.name), items, 0);
}

std::string module_block(const BlockData& b) {
  HclWriter w(b);
  std::vector<Item> first, inputs, last;
  const DeclarationDetails* d = b.declaration_if();
  if (d) {
    if (auto it = d->texts.find("source"); it != d->texts.end()) first.push_back({"source", quoted(it->second)});
    if (auto it = d->texts.find("version"); it != d->texts.end()) first.push_back({"version", quoted(it->second)});
  }
  if (!b.count.is_null()) first.push_back({"count", expression(b.count, 1)});
  if (!b.for_each.is_null()) first.push_back({"for_each", expression(b.for_each, 1)});
  if (d && !d->module_providers.empty()) {
    std::vector<std::pair<std::string_view, std::string_view>> providers;
    for (const auto& [inner, outer] : d->module_providers) providers.emplace_back(inner, outer->provider_address);
    std::stable_sort(providers.begin(), providers.end());
    std::vector<Item> fields;
    for (const auto& [inner, outer] : providers) fields.push_back({std::string(inner), std::string(outer)});
    std::string value = "{\n";
    write_items(value, fields, 2);
    first.push_back({"providers", value + indent(1) + "}"});
  }
  std::vector<const Argument*> args;
  for (const auto& a : b.attributes) args.push_back(&a);
  std::stable_sort(args.begin(), args.end(), [](auto* x, auto* y) { return x->name < y->name; });
  for (const auto* a : args) inputs.push_back({std::string(a->name), expression(a->value, 1)});
  if (!b.depends_on.empty()) {
    std::vector<Value> deps;
    for (const auto* dep : b.depends_on) deps.emplace_back(dep->address);
    last.push_back({"depends_on", bare_list(Value::list(deps))});
  }
  // An empty line between the module's own settings and its inputs, as the
  // registry's examples write them.
  std::vector<Item> items = first;
  if (!first.empty() && !inputs.empty()) items.push_back({"", "\n"});
  items.insert(items.end(), inputs.begin(), inputs.end());
  items.insert(items.end(), last.begin(), last.end());
  return w.block("module " + quoted(b.name), items, 0);
}

std::string typed_block(std::string_view keyword, const BlockData& b) {
  HclWriter w(b);
  auto items = w.body(body_object(b, true), b.spec, 1, true);
  return w.block(std::string(keyword) + " " + labels({b.type, b.name}), items, 0);
}

/// `check "name" { data ... assert { ... } }`: the scoped data sources
/// first (the assertions read them), then the assertions.
std::string check_block(const BlockData& check, const std::vector<const BlockData*>& scoped_data) {
  HclWriter w(check);
  std::vector<Item> items;
  for (const auto* d : scoped_to(check, scoped_data)) {
    HclWriter dw(*d);
    items.push_back({"", dw.block("data " + labels({d->type, d->name}), dw.body(body_object(*d, true), d->spec, 2, true), 1)});
  }
  if (const DeclarationDetails* d = check.declaration_if())
    for (const auto& c : d->validations)
      items.push_back({"", w.condition_block("assert", Value::object({{"condition", c.condition},
                                                                      {"error_message", c.error_message}}),
                                             1)});
  return w.block("check " + quoted(check.name), items, 0);
}

std::string provider_block(const BlockData& b) {
  HclWriter w(b);
  auto items = w.body(body_object(b, false), b.spec, 1, true);
  return w.block("provider " + quoted(b.type), items, 0);
}

}  // namespace

std::string render_main_hcl(const StackData& s) {
  auto [resources, data, variables, outputs, locals, modules, providers, checks, scoped_data, ephemerals] =
      blocks_by_kind(s);
  for (auto* group : {&resources, &data, &variables, &outputs, &locals, &modules, &providers, &checks, &scoped_data,
                      &ephemerals})
    sort_by_name(*group);

  // Blocks separated by one empty line, in the order a reader looks for
  // them: settings, providers, inputs, locals, data, ephemeral resources,
  // resources, modules, outputs, checks, then state operations.
  std::vector<std::string> sections;
  if (auto t = terraform_block(s); !t.empty()) sections.push_back(std::move(t));
  for (const auto* b : providers) sections.push_back(provider_block(*b));
  for (const auto* b : variables) sections.push_back(variable_block(*b));
  if (!locals.empty()) {
    std::vector<Item> items;
    for (const auto* b : locals) items.push_back({std::string(b->name), expression(b->value(), 1)});
    std::string out = "locals {\n";
    write_items(out, items, 1);
    sections.push_back(out + "}\n");
  }
  for (const auto* b : data) sections.push_back(typed_block("data", *b));
  for (const auto* b : ephemerals) sections.push_back(typed_block("ephemeral", *b));
  for (const auto* b : resources) sections.push_back(typed_block("resource", *b));
  for (const auto* b : modules) sections.push_back(module_block(*b));
  for (const auto* b : outputs) sections.push_back(output_block(*b));
  for (const auto* b : checks) sections.push_back(check_block(*b, scoped_data));

  std::vector<const MovedBlock*> moved;
  for (const auto& m : s.moved) moved.push_back(&m);
  std::stable_sort(moved.begin(), moved.end(),
                   [](auto* a, auto* b) { return std::tie(a->from, a->to) < std::tie(b->from, b->to); });
  for (const auto* m : moved) sections.push_back("moved {\n  from = " + m->from + "\n  to   = " + m->to + "\n}\n");
  std::vector<const ImportBlock*> imports;
  for (const auto& i : s.imports) imports.push_back(&i);
  std::stable_sort(imports.begin(), imports.end(), [](auto* a, auto* b) { return a->to_address < b->to_address; });
  for (const auto* i : imports) {
    std::string out = "import {\n";
    std::vector<Item> items;
    if (!i->for_each.is_null()) items.push_back({"for_each", expression(i->for_each, 1)});
    items.push_back({"id", expression(i->id, 1)});
    items.push_back({"to", i->to_address});
    write_items(out, items, 1);
    sections.push_back(out + "}\n");
  }
  std::vector<const RemovedBlock*> removed;
  for (const auto& r : s.removed) removed.push_back(&r);
  std::stable_sort(removed.begin(), removed.end(), [](auto* a, auto* b) { return a->from < b->from; });
  for (const auto* r : removed)
    sections.push_back("removed {\n  from = " + r->from + "\n\n  lifecycle {\n    destroy = " +
                       (r->destroy ? "true" : "false") + "\n  }\n}\n");

  std::string out;
  for (std::size_t i = 0; i < sections.size(); ++i) {
    if (i) out += '\n';
    out += sections[i];
  }
  return out;
}

}  // namespace stackgen::detail
