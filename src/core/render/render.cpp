// Rendering a stack as Terraform JSON configuration, straight from the
// model through JsonOut (json_out.hpp): no intermediate document tree.
//
// Terraform's JSON syntax evaluates most strings as templates, so values are
// written in a template context (literal text escaped, expressions as
// "${...}") except where Terraform reads text literally: variable types,
// defaults and descriptions, module sources, the terraform block, and the
// bare traversals of depends_on, provider and lifecycle.
#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "../model/model.hpp"
#include "json_out.hpp"
#include "overrides.hpp"
#include "render.hpp"
#include "stackgen/core/emit.hpp"

namespace stackgen::detail {

namespace {

/// One member of a block body: a value, or the nested blocks of one name
/// (found in `owner->blocks`, in the order added).
struct Member {
  std::string_view key;
  Value value;  // when not a block group
  const BlockData* owner = nullptr;
  bool is_blocks = false;
};

Value conditions_value(const std::vector<Condition>& cs) {
  std::vector<Value> items;
  for (const auto& c : cs) items.push_back(Value::object({{"condition", c.condition}, {"error_message", c.error_message}}));
  return Value::list(items);
}

Value strings_value(const std::vector<std::string_view>& v) {
  std::vector<Value> items(v.begin(), v.end());
  return Value::list(items);
}

/// The meta-arguments of a resource or data source, as members. Their
/// text (addresses, provider names, attribute names) never contains a
/// template sequence, so writing them in the template context changes no
/// byte; they are checked identifiers.
void meta_members(const BlockData& b, std::vector<Member>& out) {
  if (!b.count.is_null()) out.push_back({"count", b.count, nullptr, false});
  if (!b.for_each.is_null()) out.push_back({"for_each", b.for_each, nullptr, false});
  if (!b.depends_on.empty()) {
    std::vector<std::string_view> deps;
    for (const auto* d : b.depends_on) deps.push_back(d->address);
    out.push_back({"depends_on", strings_value(deps), nullptr, false});
  }
  std::string_view provider = b.provider ? b.provider->provider_address : b.provider_name;
  if (!provider.empty()) out.push_back({"provider", Value(provider), nullptr, false});
  if (b.lifecycle) {
    const LifecycleSettings& l = b.lifecycle->settings();
    std::vector<Value::Field> lc;
    if (l.create_before_destroy) lc.emplace_back("create_before_destroy", *l.create_before_destroy);
    if (l.prevent_destroy) lc.emplace_back("prevent_destroy", *l.prevent_destroy);
    if (l.ignore_all_changes) {
      lc.emplace_back("ignore_changes", Value("all"));
    } else if (!l.ignore_changes.empty()) {
      std::vector<Value> names(l.ignore_changes.begin(), l.ignore_changes.end());
      lc.emplace_back("ignore_changes", Value::list(names));
    }
    if (!l.replace_triggered_by.empty()) {
      std::vector<Value> refs;
      for (const auto& r : l.replace_triggered_by) refs.emplace_back(r.to_hcl());  // bare traversals
      lc.emplace_back("replace_triggered_by", Value::list(refs));
    }
    if (!l.preconditions.empty()) lc.emplace_back("precondition", conditions_value(l.preconditions));
    if (!l.postconditions.empty()) lc.emplace_back("postcondition", conditions_value(l.postconditions));
    if (!lc.empty()) out.push_back({"lifecycle", Value::object(lc), nullptr, false});
  }
  if (b.provisioning) {
    // `"provisioner": [{"local-exec": {...}}, ...]`: a list of single-key
    // objects, the JSON syntax's way of keeping their order.
    const Provisioning& p = *b.provisioning;
    if (!p.provisioners.empty()) {
      std::vector<Value> items;
      for (const auto& pv : p.provisioners) items.push_back(Value::object({{std::string(pv.type), pv.body}}));
      out.push_back({"provisioner", Value::list(items), nullptr, false});
    }
    if (!p.connection.is_null()) out.push_back({"connection", p.connection, nullptr, false});
  }
  if (!b.suppressions.empty()) {
    // Terraform JSON ignores "//" keys: the reviewer sees every silenced
    // lint rule and its reason in the file itself.
    std::string note = "stackgen lint suppressed:";
    for (const auto& sup : b.suppressions) note += " " + sup.rule + " (" + sup.reason + ");";
    note.pop_back();
    out.push_back({"//", Value(note), nullptr, false});
  }
}

/// `"dynamic": {"<name>": {"for_each": ..., "iterator": ..., "content": {...}}}`,
/// a list under the name when there are several of one name.
Value dynamic_member(const BlockData& b) {
  std::vector<std::string_view> names;
  for (const auto& d : b.dynamic_blocks)
    if (std::find(names.begin(), names.end(), d.name) == names.end()) names.push_back(d.name);
  std::vector<Value::Field> by_name;
  for (auto name : names) {
    std::vector<Value> entries;
    for (const auto& d : b.dynamic_blocks) {
      if (d.name != name) continue;
      std::vector<Value::Field> f{{"for_each", d.for_each}, {"content", d.content}};
      if (!d.iterator.empty()) f.emplace_back("iterator", Value(d.iterator));
      entries.push_back(Value::object(f));
    }
    by_name.emplace_back(std::string(name), entries.size() == 1 ? entries[0] : Value::list(entries));
  }
  return Value::object(by_name);
}

/// Arguments, then nested blocks grouped by name (first appearance).
void body_members(const BlockData& b, std::vector<Member>& out) {
  for (const auto& a : b.attributes) out.push_back({a.name, a.value, nullptr, false});
  if (!b.dynamic_blocks.empty()) out.push_back({"dynamic", dynamic_member(b), nullptr, false});
  const std::size_t first_group = out.size();
  for (const auto& nb : b.blocks) {
    auto it = std::find_if(out.begin() + static_cast<std::ptrdiff_t>(first_group), out.end(),
                           [&](const Member& m) { return m.is_blocks && m.key == nb.name; });
    if (it == out.end()) out.push_back({nb.name, Value{}, &b, true});
  }
}

/// The members as one object Value (what overrides edit), and back.
Value members_object(const std::vector<Member>& members) {
  std::vector<Value::Field> fields;
  fields.reserve(members.size());
  for (const auto& m : members) {
    if (m.is_blocks) {
      std::vector<Value> items;
      for (const auto& nb : m.owner->blocks)
        if (nb.name == m.key) items.push_back(nb.value);
      fields.emplace_back(std::string(m.key), Value::list(items));
    } else {
      fields.emplace_back(std::string(m.key), m.value);
    }
  }
  return Value::object(fields);
}

void write_members(JsonOut& json, std::vector<Member>& members) {
  // A stable insertion sort: bodies have a few members, and std::stable_sort
  // would allocate a buffer for every block.
  for (std::size_t i = 1; i < members.size(); ++i)
    for (std::size_t j = i; j > 0 && members[j].key < members[j - 1].key; --j) std::swap(members[j], members[j - 1]);
  json.begin_object();
  for (const auto& m : members) {
    json.key(m.key);
    if (m.is_blocks) {
      // Nested blocks: always an array of objects (valid for every nesting
      // mode, and adding a second block does not change the first).
      json.begin_array();
      for (const auto& nb : m.owner->blocks)
        if (nb.name == m.key) json.value(nb.value, Context::template_);
      json.end_array();
    } else {
      json.value(m.value, Context::template_);
    }
  }
  json.end_object();
}

/// A resource, data source or provider body; with overrides, the edited
/// object is written by the same code.
void write_block_body(JsonOut& json, const BlockData& b, bool meta) {
  thread_local std::vector<Member>* storage = new std::vector<Member>;
  std::vector<Member>& members = *storage;
  members.clear();
  body_members(b, members);
  if (meta) meta_members(b, members);
  if (b.kind == BlockKind::provider && !b.name.empty()) members.push_back({"alias", Value(b.name), nullptr, false});
  if (!b.overrides.empty()) {
    Value body = members_object(members);
    for (const auto& o : b.overrides) body = apply_override(body, o.path, o.remove ? nullptr : &o.value);
    members.clear();
    for (auto [k, v] : body.fields()) members.push_back({k, v, nullptr, false});
    // `body` owns the keys the members view: write before it goes.
    write_members(json, members);
    members.clear();
    return;
  }
  write_members(json, members);
  members.clear();
}

void write_conditions(JsonOut& json, const std::vector<Condition>& cs) {
  json.value(conditions_value(cs), Context::template_);
}

void write_depends_on(JsonOut& json, const std::vector<const BlockData*>& deps) {
  json.begin_array();
  for (const auto* d : deps) json.string(d->address);
  json.end_array();
}

// Members of variable / output / module bodies come from maps (sorted) and
// fixed names; these merge them in key order.
struct Entry {
  std::string_view key;
  enum class Kind { literal_text, flag, literal_value, template_value, conditions, depends, providers, blocks } kind;
  std::string_view text;
  bool flag = false;
  const Value* value = nullptr;
  const std::vector<Condition>* conditions = nullptr;
  const BlockData* block = nullptr;
};

void write_entries(JsonOut& json, std::vector<Entry>& entries) {
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.key < b.key; });
  json.begin_object();
  for (const auto& e : entries) {
    json.key(e.key);
    switch (e.kind) {
      case Entry::Kind::literal_text: json.string(e.text); break;
      case Entry::Kind::flag: json.boolean(e.flag); break;
      case Entry::Kind::literal_value: json.value(*e.value, Context::literal); break;
      case Entry::Kind::template_value: json.value(*e.value, Context::template_); break;
      case Entry::Kind::conditions: write_conditions(json, *e.conditions); break;
      case Entry::Kind::depends: write_depends_on(json, e.block->depends_on); break;
      case Entry::Kind::providers: {
        std::vector<std::pair<std::string_view, std::string_view>> providers;
        for (const auto& [inner, outer] : e.block->details->module_providers)
          providers.emplace_back(inner, outer->provider_address);
        std::stable_sort(providers.begin(), providers.end());
        json.begin_object();
        for (const auto& [inner, outer] : providers) {
          json.key(inner);
          json.string(outer);
        }
        json.end_object();
        break;
      }
      case Entry::Kind::blocks: break;
    }
  }
  json.end_object();
}

void write_variable(JsonOut& json, const BlockData& b) {
  std::vector<Entry> entries;
  const DeclarationDetails* d = b.declaration_if();
  if (d) {
    if (!d->variable_type.empty()) entries.push_back({"type", Entry::Kind::literal_text, d->variable_type});
    if (d->has_default) entries.push_back({"default", Entry::Kind::literal_value, {}, false, &d->default_value});
    for (const auto& [k, t] : d->texts) entries.push_back({k, Entry::Kind::literal_text, t});
    for (const auto& [k, f] : d->flags) entries.push_back({k, Entry::Kind::flag, {}, f});
    if (!d->validations.empty())
      entries.push_back({"validation", Entry::Kind::conditions, {}, false, nullptr, &d->validations});
  }
  write_entries(json, entries);
}

void write_output(JsonOut& json, const BlockData& b) {
  std::vector<Entry> entries;
  entries.push_back({"value", Entry::Kind::template_value, {}, false, &b.value()});
  if (const DeclarationDetails* d = b.declaration_if()) {
    for (const auto& [k, t] : d->texts) entries.push_back({k, Entry::Kind::literal_text, t});
    for (const auto& [k, f] : d->flags) entries.push_back({k, Entry::Kind::flag, {}, f});
    if (!d->validations.empty())
      entries.push_back({"precondition", Entry::Kind::conditions, {}, false, nullptr, &d->validations});
  }
  if (!b.depends_on.empty()) entries.push_back({"depends_on", Entry::Kind::depends, {}, false, nullptr, nullptr, &b});
  write_entries(json, entries);
}

void write_module(JsonOut& json, const BlockData& b) {
  // Inputs are template values; source and version literal text.
  std::vector<Entry> entries;
  for (const auto& a : b.attributes) entries.push_back({a.name, Entry::Kind::template_value, {}, false, &a.value});
  const DeclarationDetails* d = b.declaration_if();
  if (d)
    for (const auto& [k, t] : d->texts) entries.push_back({k, Entry::Kind::literal_text, t});
  if (!b.count.is_null()) entries.push_back({"count", Entry::Kind::template_value, {}, false, &b.count});
  if (!b.for_each.is_null()) entries.push_back({"for_each", Entry::Kind::template_value, {}, false, &b.for_each});
  if (!b.depends_on.empty()) entries.push_back({"depends_on", Entry::Kind::depends, {}, false, nullptr, nullptr, &b});
  if (d && !d->module_providers.empty())
    entries.push_back({"providers", Entry::Kind::providers, {}, false, nullptr, nullptr, &b});
  write_entries(json, entries);
}

void write_terraform_block(JsonOut& json, const StackData& s) {
  const auto& settings = s.terraform;
  const auto required = required_providers(s);
  const bool any = settings.required_version() || !required.empty() || settings.backend() || settings.cloud();
  if (!any) return;
  json.key("terraform");
  json.begin_object();
  if (settings.backend()) {
    json.key("backend");
    json.begin_object();
    json.key(settings.backend()->type());
    json.begin_object();
    for (const auto& [k, v] : settings.backend()->settings()) {
      json.key(k);
      if (v.text) json.string(*v.text);
      else if (v.flag) json.boolean(*v.flag);
      else json.value(v.value, Context::literal);
    }
    json.end_object();
    json.end_object();
  }
  if (const auto& c = settings.cloud()) {
    json.key("cloud");
    json.begin_object();
    if (c->hostname()) {
      json.key("hostname");
      json.string(*c->hostname());
    }
    json.key("organization");
    json.string(c->organization());
    if (c->workspace() || c->workspace_tags() || c->project()) {
      json.key("workspaces");
      json.begin_object();
      if (c->workspace()) {
        json.key("name");
        json.string(*c->workspace());
      }
      if (c->project()) {
        json.key("project");
        json.string(*c->project());
      }
      if (c->workspace_tags()) {
        json.key("tags");
        json.begin_array();
        for (const auto& t : *c->workspace_tags()) json.string(t);
        json.end_array();
      }
      json.end_object();
    }
    json.end_object();
  }
  if (!required.empty()) {
    json.key("required_providers");
    json.begin_object();
    for (const auto& [name, p] : required) {
      json.key(name);
      json.begin_object();
      json.key("source");
      json.string(p.source);
      if (!p.version.empty()) {
        json.key("version");
        json.string(p.version);
      }
      json.end_object();
    }
    json.end_object();
  }
  if (settings.required_version()) {
    json.key("required_version");
    json.string(*settings.required_version());
  }
  json.end_object();
}

using Blocks = std::vector<const BlockData*>;

/// A section of blocks by name ("variable", "output", ...), sorted by name.
/// A repeated name is a duplicate address (an error): the later block wins,
/// as the last write would.
template <class Write>
void write_named_section(JsonOut& json, std::string_view section, Blocks blocks, Write write) {
  if (blocks.empty()) return;
  std::stable_sort(blocks.begin(), blocks.end(), [](const BlockData* a, const BlockData* b) { return a->name < b->name; });
  json.key(section);
  json.begin_object();
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (i + 1 < blocks.size() && blocks[i + 1]->name == blocks[i]->name) continue;
    json.key(blocks[i]->name);
    write(json, *blocks[i]);
  }
  json.end_object();
}

/// `resource` / `data`: by type, then name.
void write_typed_section(JsonOut& json, std::string_view section, Blocks blocks) {
  if (blocks.empty()) return;
  std::stable_sort(blocks.begin(), blocks.end(), [](const BlockData* a, const BlockData* b) {
    if (a->type != b->type) return a->type < b->type;
    return a->name < b->name;
  });
  json.key(section);
  json.begin_object();
  for (std::size_t i = 0; i < blocks.size();) {
    std::size_t end = i;
    while (end < blocks.size() && blocks[end]->type == blocks[i]->type) ++end;
    json.key(blocks[i]->type);
    json.begin_object();
    for (std::size_t j = i; j < end; ++j) {
      if (j + 1 < end && blocks[j + 1]->name == blocks[j]->name) continue;
      json.key(blocks[j]->name);
      write_block_body(json, *blocks[j], true);
    }
    json.end_object();
    i = end;
  }
  json.end_object();
}

/// `{"assert": [...], "data": {...}}`: the check's assertions, then the data
/// sources scoped to it.
void write_check(JsonOut& json, const BlockData& check, const std::vector<const BlockData*>& scoped_data) {
  json.begin_object();
  if (const DeclarationDetails* d = check.declaration_if(); d && !d->validations.empty()) {
    json.key("assert");
    write_conditions(json, d->validations);
  }
  write_typed_section(json, "data", scoped_to(check, scoped_data));
  json.end_object();
}

void write_providers(JsonOut& json, Blocks providers) {
  if (providers.empty()) return;
  // By type; within a type the default first, then aliases by name, so the
  // order does not depend on declaration order.
  std::stable_sort(providers.begin(), providers.end(), [](const BlockData* a, const BlockData* b) {
    if (a->type != b->type) return a->type < b->type;
    return a->name < b->name;
  });
  json.key("provider");
  json.begin_object();
  for (std::size_t i = 0; i < providers.size();) {
    std::size_t end = i;
    while (end < providers.size() && providers[end]->type == providers[i]->type) ++end;
    json.key(providers[i]->type);
    if (end - i == 1) {
      write_block_body(json, *providers[i], false);
    } else {
      json.begin_array();
      for (std::size_t j = i; j < end; ++j) write_block_body(json, *providers[j], false);
      json.end_array();
    }
    i = end;
  }
  json.end_object();
}

void write_moved_import_removed(JsonOut& json, const StackData& s, std::string_view which) {
  // Terraform does not care about their order: sorted, so the output does
  // not depend on declaration order.
  if (which == "moved" && !s.moved.empty()) {
    std::vector<const MovedBlock*> moved;
    for (const auto& m : s.moved) moved.push_back(&m);
    std::stable_sort(moved.begin(), moved.end(),
                     [](auto* a, auto* b) { return std::tie(a->from, a->to) < std::tie(b->from, b->to); });
    json.key("moved");
    json.begin_array();
    for (const auto* m : moved) {
      json.begin_object();
      json.key("from");
      json.string(m->from);
      json.key("to");
      json.string(m->to);
      json.end_object();
    }
    json.end_array();
  }
  if (which == "import" && !s.imports.empty()) {
    std::vector<const ImportBlock*> imports;
    for (const auto& i : s.imports) imports.push_back(&i);
    std::stable_sort(imports.begin(), imports.end(), [](auto* a, auto* b) { return a->to_address < b->to_address; });
    json.key("import");
    json.begin_array();
    for (const auto* i : imports) {
      json.begin_object();
      if (!i->for_each.is_null()) {
        json.key("for_each");
        json.value(i->for_each, Context::template_);
      }
      json.key("id");
      json.value(i->id, Context::template_);
      json.key("to");
      json.string(i->to_address);
      json.end_object();
    }
    json.end_array();
  }
  if (which == "removed" && !s.removed.empty()) {
    std::vector<const RemovedBlock*> removed;
    for (const auto& r : s.removed) removed.push_back(&r);
    std::stable_sort(removed.begin(), removed.end(), [](auto* a, auto* b) { return a->from < b->from; });
    json.key("removed");
    json.begin_array();
    for (const auto* r : removed) {
      json.begin_object();
      json.key("from");
      json.string(r->from);
      json.key("lifecycle");
      json.begin_object();
      json.key("destroy");
      json.boolean(r->destroy);
      json.end_object();
      json.end_object();
    }
    json.end_array();
  }
}

}  // namespace

namespace {

// The constraint written for bindings generated from provider version X.Y.Z:
// "~> X.Y", any later release of the same major line (what users write and
// what `terraform init -upgrade` may move within), not an exact pin. Other
// version texts are written as they are.
std::string version_constraint(std::string_view version) {
  const auto digits = [](std::string_view t) {
    return !t.empty() && t.find_first_not_of("0123456789") == std::string_view::npos;
  };
  const auto first = version.find('.');
  const auto second = first == std::string_view::npos ? first : version.find('.', first + 1);
  if (second == std::string_view::npos) return std::string(version);
  const auto major = version.substr(0, first), minor = version.substr(first + 1, second - first - 1),
             patch = version.substr(second + 1);
  if (!digits(major) || !digits(minor) || !digits(patch)) return std::string(version);
  return "~> " + std::string(version.substr(0, second));
}

/// Transparent huge pages for a large output buffer (Linux, where THP is
/// `madvise` or `always`): 87 MB of JSON written into fresh 4 KB pages is
/// 21k page faults. Only whole 2 MB pages inside the buffer are advised;
/// bytes written are the same either way.
void advise_huge_pages(std::string& out) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t kHuge = 2 * 1024 * 1024;
  if (out.capacity() < 8 * kHuge) return;
  const auto begin = reinterpret_cast<std::uintptr_t>(out.data());
  const std::uintptr_t first = (begin + kHuge - 1) & ~(kHuge - 1);
  const std::uintptr_t last = (begin + out.capacity()) & ~(kHuge - 1);
  if (last > first) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#else
  (void)out;
#endif
}

}  // namespace

BlocksByKind blocks_by_kind(const StackData& s) {
  BlocksByKind g;
  for (const auto& b : s.blocks) {
    switch (b.kind) {
      case BlockKind::resource: g.resources.push_back(&b); break;
      case BlockKind::data:
        (b.declaration_if() && b.declaration_if()->check ? g.scoped_data : g.data).push_back(&b);
        break;
      case BlockKind::variable: g.variables.push_back(&b); break;
      case BlockKind::output: g.outputs.push_back(&b); break;
      case BlockKind::local: g.locals.push_back(&b); break;
      case BlockKind::module: g.modules.push_back(&b); break;
      case BlockKind::check: g.checks.push_back(&b); break;
      case BlockKind::ephemeral: g.ephemerals.push_back(&b); break;
      case BlockKind::provider: g.providers.push_back(&b); break;
    }
  }
  return g;
}

std::vector<const BlockData*> scoped_to(const BlockData& check, const std::vector<const BlockData*>& scoped_data) {
  std::vector<const BlockData*> out;
  for (const auto* d : scoped_data)
    if (d->declaration_if()->check == &check) out.push_back(d);
  return out;
}

std::map<std::string, RequiredProvider> required_providers(const StackData& s) {
  // Providers the stack uses, from the bindings' own provenance, unless the
  // author set an entry explicitly (TerraformSettings::required_provider).
  std::map<std::string, RequiredProvider> required;
  // Blocks of one binding share its ProviderInfo: a run of them adds it once.
  const schema::ProviderInfo* previous = nullptr;
  for (const auto& b : s.blocks) {
    if (b.provider_info == previous) continue;
    previous = b.provider_info;
    if (b.provider_info && !b.provider_info->source.empty())
      required.emplace(std::string(b.provider_info->local_name),
                       RequiredProvider{std::string(b.provider_info->source),
                                        version_constraint(b.provider_info->version)});
  }
  for (const auto& [name, rp] : s.terraform.required_providers()) required[name] = rp;
  return required;
}

Value body_object(const BlockData& b, bool meta) {
  std::vector<Member> members;
  body_members(b, members);
  if (meta) meta_members(b, members);
  if (b.kind == BlockKind::provider && !b.name.empty()) members.push_back({"alias", Value(b.name), nullptr, false});
  Value body = members_object(members);
  for (const auto& o : b.overrides) body = apply_override(body, o.path, o.remove ? nullptr : &o.value);
  return body;
}

std::string render_main(const StackData& s) {
  auto [resources, data, variables, outputs, locals, modules, providers, checks, scoped_data, ephemerals] =
      blocks_by_kind(s);
  std::string out;
  // Emitted blocks average 0.5-1 KB; reserving more than needed only
  // reserves address space.
  constexpr std::size_t kReservedBytesPerBlock = 2048;
  out.reserve(4096 + kReservedBytesPerBlock * s.blocks.size());
  advise_huge_pages(out);
  JsonOut json(out);
  json.begin_object();
  // Root members in key order.
  write_named_section(json, "check", checks,
                      [&scoped_data](JsonOut& j, const BlockData& b) { write_check(j, b, scoped_data); });
  write_typed_section(json, "data", data);
  write_typed_section(json, "ephemeral", ephemerals);
  write_moved_import_removed(json, s, "import");
  write_named_section(json, "locals", locals,
                      [](JsonOut& j, const BlockData& b) { j.value(b.value(), Context::template_); });
  write_named_section(json, "module", modules, write_module);
  write_moved_import_removed(json, s, "moved");
  write_named_section(json, "output", outputs, write_output);
  write_providers(json, providers);
  write_moved_import_removed(json, s, "removed");
  write_typed_section(json, "resource", resources);
  write_terraform_block(json, s);
  write_named_section(json, "variable", variables, write_variable);
  json.end_object();
  json.finish();
  return out;
}

}  // namespace stackgen::detail

namespace stackgen {

std::vector<RenderedFile> render(const Stack& stack, const RenderOptions& options) {
  const auto& s = detail::stack_data(stack);
  // Moved in, not `return {RenderedFile{...}}`: an initializer list is
  // copied, and at N = 10000 the copy was 87 MB more memory and a memcpy.
  std::vector<RenderedFile> files;
  files.reserve(1 + s.files.size());
  if (options.syntax == Syntax::hcl) files.push_back(RenderedFile{s.name + "/main.tf", detail::render_main_hcl(s)});
  else files.push_back(RenderedFile{s.name + "/main.tf.json", detail::render_main(s)});
  for (const auto& f : s.files) files.push_back(RenderedFile{s.name + "/" + f.path, f.content});
  return files;
}

}  // namespace stackgen
