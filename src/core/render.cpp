// Rendering a stack as Terraform JSON configuration.
//
// Terraform's JSON syntax evaluates most strings as templates, so two
// contexts exist: in a template context literal text has `${` / `%{`
// escaped and expressions are wrapped in "${...}"; in a literal context
// (variable defaults and types, descriptions, module source, the terraform
// block, bare traversals such as depends_on) text is written as it is.
#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>

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

Json resource_body(const BlockData& b) {
  Json body = block_body(b);
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

}  // namespace

std::string render_main(const StackData& s) {
  Json root = Json::make_object();
  Json terraform = terraform_block(s);
  if (!terraform.empty_object()) root["terraform"] = std::move(terraform);

  for (const auto& b : s.blocks) {
    switch (b.kind) {
      case BlockKind::resource:
        root["resource"][b.type][b.name] = resource_body(b);
        break;
      case BlockKind::data:
        root["data"][b.type][b.name] = resource_body(b);
        break;
      case BlockKind::variable:
        root["variable"][b.name] = variable_body(b);
        break;
      case BlockKind::output:
        root["output"][b.name] = output_body(b);
        break;
      case BlockKind::local:
        root["locals"][b.name] = to_json_template(b.value);
        break;
      case BlockKind::module:
        root["module"][b.name] = module_body(b);
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
                     [](auto* a, auto* b) { return a->to->address() < b->to->address(); });
    Json arr = Json::make_array();
    for (const auto* ip : imports) {
      const auto& i = *ip;
      Json o = Json::make_object();
      o["to"] = Json::make_string(i.to->address());
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
  return write_json(root);
}

}  // namespace stackgen::detail

namespace stackgen {

std::vector<RenderedFile> render(const Stack& stack) {
  const auto& s = stack.tf_data();
  return {RenderedFile{s.name + "/main.tf.json", detail::render_main(s)}};
}

}  // namespace stackgen
