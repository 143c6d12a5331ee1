// Rendering a stack as Terraform JSON configuration.
//
// Terraform's JSON syntax evaluates most strings as templates, so two
// contexts exist: in a template context literal text has `${` / `%{`
// escaped and expressions are wrapped in "${...}"; in a literal context
// (variable defaults and types, descriptions, module source, the terraform
// block, bare traversals such as depends_on) text is written as it is.
#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>
#include <unordered_map>

#include "json.hpp"
#include "model.hpp"
#include "render_internal.hpp"
#include "stackgen/core/emit.hpp"

namespace stackgen::detail {

Json to_json_template(const Value& v) {
  const Node* n = v.node();
  if (!n) return Json{};
  switch (n->kind) {
    case NodeKind::null_literal: return Json{};
    case NodeKind::boolean: return Json::make_bool(n->boolean);
    case NodeKind::integer: return Json::make_int(n->integer);
    case NodeKind::real: {
      Json j;
      j.kind = Json::Kind::real;
      j.real = n->real;
      return j;
    }
    case NodeKind::string: return Json::make_string(escape_template(n->text));
    case NodeKind::list: {
      Json j = Json::make_array();
      j.array.reserve(n->items.size());
      for (const auto& i : n->items) j.array.push_back(to_json_template(i));
      return j;
    }
    case NodeKind::object: {
      Json j = Json::make_object();
      j.object.reserve(n->fields.size());
      for (const auto& [k, fv] : n->fields) j.object.emplace_back(escape_template(k), to_json_template(fv));
      return j;
    }
    case NodeKind::template_: {
      std::string s;
      for (size_t i = 0; i < n->items.size(); ++i) {
        const Value& part = n->items[i];
        const Node* p = part.node();
        if (p && p->kind == NodeKind::string) {
          s += template_literal(p->text, i + 1 < n->items.size(), false);
        } else {
          s += "${";
          s += part.to_hcl();
          s += '}';
        }
      }
      return Json::make_string(std::move(s));
    }
    default: return Json::make_string("${" + v.to_hcl() + "}");
  }
}

Json to_json_literal(const Value& v) {
  const Node* n = v.node();
  if (!n) return Json{};
  switch (n->kind) {
    case NodeKind::string: return Json::make_string(n->text);
    case NodeKind::list: {
      Json j = Json::make_array();
      for (const auto& i : n->items) j.array.push_back(to_json_literal(i));
      return j;
    }
    case NodeKind::object: {
      Json j = Json::make_object();
      for (const auto& [k, fv] : n->fields) j.object.emplace_back(k, to_json_literal(fv));
      return j;
    }
    default: return to_json_template(v);
  }
}

namespace {

/// The bare traversal of a reference (no `${}`), as depends_on and
/// replace_triggered_by take it.
std::string bare(const Value& v) { return v.to_hcl(); }

Json conditions(const std::vector<Condition>& cs) {
  Json arr = Json::make_array();
  for (const auto& c : cs) {
    Json o = Json::make_object();
    o["condition"] = to_json_template(c.condition);
    o["error_message"] = to_json_template(c.error_message);
    arr.array.push_back(std::move(o));
  }
  return arr;
}

Json depends_on(const std::vector<const BlockData*>& deps) {
  Json arr = Json::make_array();
  for (const auto* d : deps) arr.array.push_back(Json::make_string(d->address()));
  return arr;
}

void set_path(Json& root, std::string_view path, const Json* value) {
  Json* cur = &root;
  size_t start = 0;
  while (true) {
    size_t dot = path.find('.', start);
    std::string_view seg = path.substr(start, dot == std::string_view::npos ? path.npos : dot - start);
    bool last = dot == std::string_view::npos;
    bool numeric = !seg.empty() && std::all_of(seg.begin(), seg.end(), ::isdigit);
    if (numeric && cur->kind == Json::Kind::array) {
      size_t idx = std::stoul(std::string(seg));
      if (idx >= cur->array.size()) {
        if (!value) return;
        cur->array.resize(idx + 1);
      }
      if (last) {
        if (value) cur->array[idx] = *value;
        else cur->array.erase(cur->array.begin() + static_cast<long>(idx));
        return;
      }
      cur = &cur->array[idx];
    } else if (numeric && cur->kind == Json::Kind::object && !cur->find(seg)) {
      // A single nested block written as an object addressed as ".0".
      if (last) return;
      // stay on the same object
    } else {
      if (last) {
        if (value) (*cur)[seg] = *value;
        else cur->erase(seg);
        return;
      }
      if (!value && !cur->find(seg)) return;
      Json& next = (*cur)[seg];
      if (next.kind == Json::Kind::null) next = Json::make_object();
      cur = &next;
    }
    start = dot + 1;
  }
}

Json block_body(const BlockData& b) {
  Json body = Json::make_object();
  body.object.reserve(b.attributes.size() + 4);
  for (const auto& [name, value] : b.attributes) body.object.emplace_back(name, to_json_template(value));
  // Nested blocks: always an array of objects, in the order appended.
  for (const auto& [name, value] : b.blocks) {
    Json* existing = body.find(name);
    if (!existing) {
      body.object.emplace_back(name, Json::make_array());
      existing = &body.object.back().second;
    }
    existing->array.push_back(to_json_template(value));
  }
  return body;
}

std::string provider_reference(const BlockData& b) {
  if (b.provider) return b.provider->provider_address();
  return b.provider_name;
}

// The meta-arguments of a resource or data source, as the members they add
// to its body, in the order they are added.
Json resource_meta(const BlockData& b) {
  Json body = Json::make_object();
  if (!b.count.is_null()) body["count"] = to_json_template(b.count);
  if (!b.for_each.is_null()) body["for_each"] = to_json_template(b.for_each);
  if (!b.depends_on.empty()) body["depends_on"] = depends_on(b.depends_on);
  std::string p = provider_reference(b);
  if (!p.empty()) body["provider"] = Json::make_string(p);
  if (b.lifecycle) {
    const Lifecycle& l = *b.lifecycle;
    Json lc = Json::make_object();
    if (l.create_before_destroy_) lc["create_before_destroy"] = Json::make_bool(*l.create_before_destroy_);
    if (l.prevent_destroy_) lc["prevent_destroy"] = Json::make_bool(*l.prevent_destroy_);
    if (l.ignore_all_) {
      lc["ignore_changes"] = Json::make_string("all");
    } else if (!l.ignore_changes_.empty()) {
      Json arr = Json::make_array();
      for (const auto& a : l.ignore_changes_) arr.array.push_back(Json::make_string(a));
      lc["ignore_changes"] = std::move(arr);
    }
    if (!l.replace_triggered_by_.empty()) {
      Json arr = Json::make_array();
      for (const auto& r : l.replace_triggered_by_) arr.array.push_back(Json::make_string(bare(r)));
      lc["replace_triggered_by"] = std::move(arr);
    }
    if (!l.preconditions_.empty()) lc["precondition"] = conditions(l.preconditions_);
    if (!l.postconditions_.empty()) lc["postcondition"] = conditions(l.postconditions_);
    if (!lc.empty_object()) body["lifecycle"] = std::move(lc);
  }
  if (!b.suppressions.empty()) {
    // Terraform JSON ignores "//" keys: the reviewer sees every silenced
    // lint rule and its reason in the file itself.
    std::string note = "stackgen lint suppressed:";
    for (const auto& sup : b.suppressions) note += " " + sup.rule + " (" + sup.reason + ");";
    note.pop_back();
    body["//"] = Json::make_string(note);
  }
  return body;
}

Json resource_body(const BlockData& b) {
  Json body = block_body(b);
  for (auto& [key, value] : resource_meta(b).object) body[key] = std::move(value);
  for (const auto& o : b.overrides) {
    if (o.remove) {
      set_path(body, o.path, nullptr);
    } else {
      Json v = to_json_template(o.value);
      set_path(body, o.path, &v);
    }
  }
  return body;
}

Json variable_body(const BlockData& b) {
  Json body = Json::make_object();
  if (!b.variable_type.empty()) body["type"] = Json::make_string(b.variable_type);
  if (b.has_default) body["default"] = to_json_literal(b.default_value);
  for (const auto& [k, t] : b.texts) body[k] = Json::make_string(t);
  for (const auto& [k, f] : b.flags) body[k] = Json::make_bool(f);
  if (!b.validations.empty()) body["validation"] = conditions(b.validations);
  return body;
}

Json output_body(const BlockData& b) {
  Json body = Json::make_object();
  body["value"] = to_json_template(b.value);
  for (const auto& [k, t] : b.texts) body[k] = Json::make_string(t);
  for (const auto& [k, f] : b.flags) body[k] = Json::make_bool(f);
  if (!b.depends_on.empty()) body["depends_on"] = depends_on(b.depends_on);
  if (!b.validations.empty()) body["precondition"] = conditions(b.validations);
  return body;
}

Json module_body(const BlockData& b) {
  Json body = block_body(b);
  for (const auto& [k, t] : b.texts) body[k] = Json::make_string(t);
  if (!b.count.is_null()) body["count"] = to_json_template(b.count);
  if (!b.for_each.is_null()) body["for_each"] = to_json_template(b.for_each);
  if (!b.depends_on.empty()) body["depends_on"] = depends_on(b.depends_on);
  if (!b.module_providers.empty()) {
    Json providers = Json::make_object();
    for (const auto& [inner, outer] : b.module_providers)
      providers[inner] = Json::make_string(outer->provider_address());
    body["providers"] = std::move(providers);
  }
  return body;
}

Json terraform_block(const StackData& s) {
  Json t = Json::make_object();
  const auto& settings = s.terraform;
  if (settings.required_version()) t["required_version"] = Json::make_string(*settings.required_version());
  // Providers the stack uses, from the bindings' own provenance, unless the
  // author set an entry explicitly.
  std::map<std::string, RequiredProvider> required;
  for (const auto& b : s.blocks) {
    if (b.provider_info && !b.provider_info->source.empty()) {
      required.emplace(std::string(b.provider_info->local_name),
                       RequiredProvider{std::string(b.provider_info->source),
                                        std::string(b.provider_info->version)});
    }
  }
  for (const auto& [name, rp] : settings.required_providers()) required[name] = rp;
  if (!required.empty()) {
    Json rp = Json::make_object();
    for (const auto& [name, p] : required) {
      Json e = Json::make_object();
      e["source"] = Json::make_string(p.source);
      if (!p.version.empty()) e["version"] = Json::make_string(p.version);
      rp[name] = std::move(e);
    }
    t["required_providers"] = std::move(rp);
  }
  if (settings.backend()) {
    Json cfg = Json::make_object();
    for (const auto& [k, v] : settings.backend()->settings()) {
      cfg[k] = v.text ? Json::make_string(*v.text) : Json::make_bool(*v.flag);
    }
    Json backend = Json::make_object();
    backend[settings.backend()->type()] = std::move(cfg);
    t["backend"] = std::move(backend);
  }
  return t;
}

Json local_body(const BlockData& b) { return to_json_template(b.value); }

// --- Streaming: resource bodies written straight from the model.
//
// Building a Json tree per resource and then writing it was half of
// rendering. The functions below write exactly what
// write_json_value(out, to_json_template(v) / resource_body(b), depth)
// writes, without the tree; numbers still go through to_json_template, so
// their formatting lives in one place.

// (Not find_first_of: libstdc++ calls memchr on the set for every character.)
bool has_template_sequence_chars(std::string_view s) {
  for (char c : s)
    if (c == '$' || c == '%') return true;
  return false;
}

// Vectors reused from one object to the next, one per nesting depth (a
// deque: growing it keeps the outer depths' vectors in place), so that
// streaming allocates nothing per object but the output.
template <class T>
std::vector<T>& scratch(std::deque<std::vector<T>>& pool, int depth) {
  while (pool.size() <= static_cast<size_t>(depth)) pool.emplace_back();
  auto& v = pool[static_cast<size_t>(depth)];
  v.clear();
  return v;
}
thread_local std::deque<std::vector<std::pair<std::string_view, const Value*>>> object_members;

/// "${hcl}" of an expression as a JSON string's content, through a reused
/// buffer: jsonencode() documents are kilobytes of HCL, and growing a fresh
/// string for each made glibc consolidate its free lists again and again.
void append_interpolation(std::string& out, const Value& v) {
  thread_local std::string hcl;
  hcl.clear();
  append_hcl_to(hcl, v);
  out += "${";
  append_json_escaped(out, hcl);
  out += '}';
}

/// A literal string in a template context: escape_template, then JSON.
void write_template_string(std::string& out, std::string_view text) {
  if (has_template_sequence_chars(text)) append_json_string(out, escape_template(text));
  else append_json_string(out, text);
}

/// write_json_value(out, to_json_template(v), depth).
void write_template(std::string& out, const Value& v, int depth) {
  const Node* n = v.node();
  if (!n) {
    out += "null";
    return;
  }
  switch (n->kind) {
    case NodeKind::null_literal: out += "null"; return;
    case NodeKind::boolean: out += n->boolean ? "true" : "false"; return;
    case NodeKind::string: write_template_string(out, n->text); return;
    case NodeKind::template_: {
      // As to_json_template builds it: literal parts escaped, expressions
      // interpolated; "${" and "}" need no JSON escape.
      out += '"';
      for (size_t i = 0; i < n->items.size(); ++i) {
        const Node* p = n->items[i].node();
        if (p && p->kind == NodeKind::string) {
          append_json_escaped(out, template_literal(p->text, i + 1 < n->items.size(), false));
        } else {
          append_interpolation(out, n->items[i]);
        }
      }
      out += '"';
      return;
    }
    case NodeKind::reference:
    case NodeKind::raw:
      // The HCL of a reference or raw expression is its text.
      out += "\"${";
      append_json_escaped(out, n->text);
      out += "}\"";
      return;
    case NodeKind::list: {
      if (n->items.empty()) {
        out += "[]";
        return;
      }
      out += "[\n";
      for (size_t i = 0; i < n->items.size(); ++i) {
        append_indent(out, depth + 1);
        write_template(out, n->items[i], depth + 1);
        out += i + 1 < n->items.size() ? ",\n" : "\n";
      }
      append_indent(out, depth);
      out += ']';
      return;
    }
    case NodeKind::object: {
      if (n->fields.empty()) {
        out += "{}";
        return;
      }
      // Keys escaped as in a template context, then sorted as write_json
      // sorts them (std::sort over the same sequence: the same order even
      // for repeated keys).
      std::vector<std::string> escaped;  // rarely needed; members view into it
      auto& members = scratch(object_members, depth);
      for (const auto& [k, fv] : n->fields) {
        if (has_template_sequence_chars(k)) {
          if (escaped.empty()) escaped.reserve(n->fields.size());  // never reallocates
          escaped.push_back(escape_template(k));
          members.emplace_back(escaped.back(), &fv);
        } else {
          members.emplace_back(k, &fv);
        }
      }
      std::sort(members.begin(), members.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      out += "{\n";
      for (size_t i = 0; i < members.size(); ++i) {
        append_indent(out, depth + 1);
        append_json_string(out, members[i].first);
        out += ": ";
        write_template(out, *members[i].second, depth + 1);
        out += i + 1 < members.size() ? ",\n" : "\n";
      }
      append_indent(out, depth);
      out += '}';
      return;
    }
    case NodeKind::integer:
    case NodeKind::real: write_json_value(out, to_json_template(v), depth); return;
    default:  // other expressions
      out += '"';
      append_interpolation(out, v);
      out += '"';
      return;
  }
}

/// write_json_value(out, resource_body(b), depth). The tree is still built
/// when an override edits it, or when an argument, a nested block and a
/// meta-argument share a name (block_body and operator[] merge those).
void write_resource_body(std::string& out, const void* block, int depth) {
  const BlockData& b = *static_cast<const BlockData*>(block);
  auto fall_back = [&] { write_json_value(out, resource_body(b), depth); };
  if (!b.overrides.empty()) return fall_back();

  struct Member {
    std::string_view key;
    const Value* argument;  // an argument, or
    bool blocks;            // the nested blocks of this name, in order, or
    const Json* meta;       // a meta-argument
  };
  thread_local std::vector<Member> members;
  members.clear();
  Json meta = resource_meta(b);
  for (const auto& [name, value] : b.attributes) members.push_back({name, &value, false, nullptr});
  const size_t first_block = members.size();
  for (const auto& [name, value] : b.blocks) {
    auto same = std::find_if(members.begin() + static_cast<long>(first_block), members.end(),
                             [&](const Member& m) { return m.key == name; });
    if (same == members.end()) members.push_back({name, nullptr, true, nullptr});
  }
  for (const auto& [key, value] : meta.object) members.push_back({key, nullptr, false, &value});
  std::sort(members.begin(), members.end(), [](const Member& x, const Member& y) { return x.key < y.key; });
  for (size_t i = 1; i < members.size(); ++i)
    if (members[i - 1].key == members[i].key) return fall_back();

  if (members.empty()) {
    out += "{}";
    return;
  }
  out += "{\n";
  for (size_t i = 0; i < members.size(); ++i) {
    const Member& m = members[i];
    append_indent(out, depth + 1);
    append_json_string(out, m.key);
    out += ": ";
    if (m.argument) {
      write_template(out, *m.argument, depth + 1);
    } else if (m.meta) {
      write_json_value(out, *m.meta, depth + 1);
    } else {
      out += "[\n";
      bool first = true;
      for (const auto& [name, value] : b.blocks) {
        if (name != m.key) continue;
        if (!first) out += ",\n";
        first = false;
        append_indent(out, depth + 2);
        write_template(out, value, depth + 2);
      }
      out += '\n';
      append_indent(out, depth + 1);
      out += ']';
    }
    out += i + 1 < members.size() ? ",\n" : "\n";
  }
  append_indent(out, depth);
  out += '}';
}

// A block's body, built when the document is written: only one body's Json
// tree exists at a time instead of the whole stack's (for 150k resources,
// hundreds of MB of short-lived nodes), with the same bytes written.
template <Json (*Body)(const BlockData&)>
void write_body(std::string& out, const void* block, int depth) {
  write_json_value(out, Body(*static_cast<const BlockData*>(block)), depth);
}
template <Json (*Body)(const BlockData&)>
Json deferred(const BlockData& b) {
  return Json::make_deferred(&write_body<Body>, &b);
}
Json deferred_resource(const BlockData& b) { return Json::make_deferred(&write_resource_body, &b); }

// The members of a section (resources of one type, variables, outputs...)
// by name. Json::operator[] searches an object linearly, which made
// rendering quadratic in the number of blocks of one type; here a hash map
// finds the member. Keys are views of the stack's own strings (BlockData
// lives in a deque), which outlive rendering. A repeated name replaces the
// earlier member in place, as operator[] did.
class MemberIndex {
 public:
  Json& operator[](std::string_view key) {
    auto [it, inserted] = positions_.try_emplace(key, object_.object.size());
    if (inserted) object_.object.emplace_back(std::string(key), Json{});
    return object_.object[it->second].second;
  }
  bool empty() const { return object_.object.empty(); }
  Json take() { return std::move(object_); }

 private:
  Json object_ = Json::make_object();
  std::unordered_map<std::string_view, std::size_t> positions_;
};

// `resource` / `data`: type, then name.
class TypeIndex {
 public:
  MemberIndex& operator[](std::string_view type) {
    auto [it, inserted] = positions_.try_emplace(type, types_.size());
    if (inserted) types_.emplace_back(type, MemberIndex{});
    return types_[it->second].second;
  }
  bool empty() const { return types_.empty(); }
  Json take() {
    Json j = Json::make_object();
    j.object.reserve(types_.size());
    for (auto& [type, members] : types_) j.object.emplace_back(std::string(type), members.take());
    return j;
  }

 private:
  std::vector<std::pair<std::string_view, MemberIndex>> types_;
  std::unordered_map<std::string_view, std::size_t> positions_;
};

}  // namespace

std::string render_main(const StackData& s) {
  Json root = Json::make_object();
  Json terraform = terraform_block(s);
  if (!terraform.empty_object()) root["terraform"] = std::move(terraform);

  MemberIndex variables, outputs, locals, modules;
  TypeIndex resources, data;
  for (const auto& b : s.blocks) {
    switch (b.kind) {
      case BlockKind::resource:
        resources[b.type][b.name] = deferred_resource(b);
        break;
      case BlockKind::data:
        data[b.type][b.name] = deferred_resource(b);
        break;
      case BlockKind::variable:
        variables[b.name] = deferred<variable_body>(b);
        break;
      case BlockKind::output:
        outputs[b.name] = deferred<output_body>(b);
        break;
      case BlockKind::local:
        locals[b.name] = deferred<local_body>(b);
        break;
      case BlockKind::module:
        modules[b.name] = deferred<module_body>(b);
        break;
      case BlockKind::provider: {
        Json body = block_body(b);
        if (!b.name.empty()) body["alias"] = Json::make_string(b.name);
        Json& list = root["provider"][b.type];
        if (list.kind != Json::Kind::array) list = Json::make_array();
        list.array.push_back(std::move(body));
        break;
      }
    }
  }
  if (!resources.empty()) root["resource"] = resources.take();
  if (!data.empty()) root["data"] = data.take();
  if (!variables.empty()) root["variable"] = variables.take();
  if (!outputs.empty()) root["output"] = outputs.take();
  if (!locals.empty()) root["locals"] = locals.take();
  if (!modules.empty()) root["module"] = modules.take();
  // Provider configurations: default first, then aliases by name, so the
  // order does not depend on declaration order.
  if (Json* providers = root.find("provider")) {
    for (auto& [name, list] : providers->object) {
      std::stable_sort(list.array.begin(), list.array.end(), [](const Json& a, const Json& b) {
        auto alias = [](const Json& j) {
          for (const auto& [k, v] : j.object)
            if (k == "alias") return v.text;
          return std::string{};
        };
        return alias(a) < alias(b);
      });
      if (list.array.size() == 1) {
        Json only = std::move(list.array[0]);
        list = std::move(only);
      }
    }
  }
  // moved / import / removed blocks: Terraform does not care about their
  // order, so sort them to keep the output independent of declaration order.
  if (!s.moved.empty()) {
    std::vector<const MovedBlock*> moved;
    for (const auto& m : s.moved) moved.push_back(&m);
    std::stable_sort(moved.begin(), moved.end(), [](auto* a, auto* b) {
      return std::tie(a->from, a->to) < std::tie(b->from, b->to);
    });
    Json arr = Json::make_array();
    for (const auto* mp : moved) {
      const auto& m = *mp;
      Json o = Json::make_object();
      o["from"] = Json::make_string(m.from);
      o["to"] = Json::make_string(m.to);
      arr.array.push_back(std::move(o));
    }
    root["moved"] = std::move(arr);
  }
  if (!s.imports.empty()) {
    std::vector<const ImportBlock*> imports;
    for (const auto& i : s.imports) imports.push_back(&i);
    std::stable_sort(imports.begin(), imports.end(),
                     [](auto* a, auto* b) { return a->to_address < b->to_address; });
    Json arr = Json::make_array();
    for (const auto* ip : imports) {
      const auto& i = *ip;
      Json o = Json::make_object();
      o["to"] = Json::make_string(i.to_address);
      o["id"] = to_json_template(i.id);
      arr.array.push_back(std::move(o));
    }
    root["import"] = std::move(arr);
  }
  if (!s.removed.empty()) {
    std::vector<const RemovedBlock*> removed;
    for (const auto& r : s.removed) removed.push_back(&r);
    std::stable_sort(removed.begin(), removed.end(), [](auto* a, auto* b) { return a->from < b->from; });
    Json arr = Json::make_array();
    for (const auto* rp : removed) {
      const auto& r = *rp;
      Json o = Json::make_object();
      o["from"] = Json::make_string(r.from);
      o["lifecycle"]["destroy"] = Json::make_bool(r.destroy);
      arr.array.push_back(std::move(o));
    }
    root["removed"] = std::move(arr);
  }
  // Emitted blocks average 0.5-1 KB; reserving more than needed only
  // reserves address space.
  constexpr std::size_t kReservedBytesPerBlock = 2048;
  return write_json(root, 4096 + kReservedBytesPerBlock * s.blocks.size());
}

}  // namespace stackgen::detail

namespace stackgen {

std::vector<RenderedFile> render(const Stack& stack) {
  const auto& s = stack.tf_data();
  return {RenderedFile{s.name + "/main.tf.json", detail::render_main(s)}};
}

}  // namespace stackgen
