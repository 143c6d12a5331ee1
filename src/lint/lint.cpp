// Shared helpers of the lint rules.
#include "lint.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>

#include "stackgen/lint/rules.hpp"

namespace stackgen::lint {

using stackgen::detail::ReferenceKind;

// --- Values

bool is_unset(const Value& v) {
  const Node* n = v.node();
  return !n || n->kind == NodeKind::null_literal;
}

std::optional<std::string> literal_string(const Value& v) {
  if (const std::string* s = v.as_string()) return *s;
  return std::nullopt;
}

std::optional<double> literal_number(const Value& v) {
  double d = 0;
  if (v.as_number(d)) return d;
  if (const std::string* s = v.as_string()) {
    const char* begin = s->data();
    const char* end = begin + s->size();
    auto [ptr, ec] = std::from_chars(begin, end, d);
    if (ec == std::errc() && ptr == end && !s->empty()) return d;
  }
  return std::nullopt;
}

std::optional<bool> literal_bool(const Value& v) {
  bool b = false;
  if (v.as_bool(b)) return b;
  return std::nullopt;
}

std::optional<std::vector<std::string>> literal_strings(const Value& v) {
  const Node* n = v.node();
  if (!n || n->kind != NodeKind::list) return std::nullopt;
  std::vector<std::string> out;
  for (const auto& item : n->items) {
    const std::string* s = item.as_string();
    if (!s) return std::nullopt;
    out.push_back(*s);
  }
  return out;
}

namespace {

bool is_sensitive_variable(const BlockData& b) {
  auto it = b.flags.find("sensitive");
  return b.kind == BlockKind::variable && it != b.flags.end() && it->second;
}

std::optional<std::string> scalar_text(const Value& v) {
  const Node* n = v.node();
  if (!n) return std::nullopt;
  switch (n->kind) {
    case NodeKind::string:
      return n->text;
    case NodeKind::integer:
      return std::to_string(n->integer);
    case NodeKind::real:
      return number_text(n->real);
    case NodeKind::boolean:
      return std::string(n->boolean ? "true" : "false");
    default:
      return std::nullopt;
  }
}

std::optional<Value> resolve_at(const Value& v, int depth) {
  if (depth > 32) return std::nullopt;
  const Node* n = v.node();
  if (!n) return v;
  switch (n->kind) {
    case NodeKind::null_literal:
    case NodeKind::boolean:
    case NodeKind::integer:
    case NodeKind::real:
    case NodeKind::string:
      return v;
    case NodeKind::list:
    case NodeKind::list_expr: {
      std::vector<Value> items;
      for (const auto& item : n->items) {
        auto r = resolve_at(item, depth + 1);
        if (!r) return std::nullopt;
        items.push_back(*r);
      }
      return Value::list(std::move(items));
    }
    case NodeKind::object: {
      std::vector<Value::Field> fields;
      for (const auto& [k, item] : n->fields) {
        auto r = resolve_at(item, depth + 1);
        if (!r) return std::nullopt;
        fields.emplace_back(k, *r);
      }
      return Value::object(std::move(fields));
    }
    case NodeKind::template_: {
      std::string out;
      for (const auto& part : n->items) {
        auto r = resolve_at(part, depth + 1);
        if (!r) return std::nullopt;
        auto text = scalar_text(*r);
        if (!text) return std::nullopt;
        out += *text;
      }
      return Value(out);
    }
    case NodeKind::reference: {
      if (n->ref_kind != ReferenceKind::block || !n->target) return std::nullopt;
      const BlockData& t = *n->target;
      if (t.kind == BlockKind::variable && n->text == "var." + t.name) {
        if (is_sensitive_variable(t) || !t.has_default) return std::nullopt;
        return resolve_at(t.default_value, depth + 1);
      }
      if (t.kind == BlockKind::local && n->text == "local." + t.name)
        return resolve_at(t.value, depth + 1);
      return std::nullopt;
    }
    case NodeKind::index: {
      auto collection = resolve_at(n->items[0], depth + 1);
      auto key = resolve_at(n->items[1], depth + 1);
      if (!collection || !key) return std::nullopt;
      double i = 0;
      if (key->as_number(i)) {
        const auto& items = collection->items();
        if (i >= 0 && i < static_cast<double>(items.size()) && i == std::floor(i))
          return items[static_cast<size_t>(i)];
        return std::nullopt;
      }
      if (const std::string* k = key->as_string()) {
        for (const auto& [name, item] : collection->fields())
          if (name == *k) return item;
      }
      return std::nullopt;
    }
    default:
      return std::nullopt;
  }
}

}  // namespace

std::optional<Value> resolve(const Value& v) { return resolve_at(v, 0); }

std::optional<std::string> resolved_string(const Value& v) {
  auto r = resolve(v);
  if (!r) return std::nullopt;
  return literal_string(*r);
}

std::optional<double> resolved_number(const Value& v) {
  auto r = resolve(v);
  if (!r) return std::nullopt;
  return literal_number(*r);
}

bool same_expression(const Value& a, const Value& b) {
  if (is_unset(a) || is_unset(b)) return false;
  return a.to_hcl() == b.to_hcl();
}

namespace {
std::string attribute_of(const Node* n) {
  if (!n) return "";
  if (n->kind == NodeKind::get_attr) return n->text;
  if (n->kind != NodeKind::reference || !n->target) return "";
  std::string_view text = n->text;
  std::string address = n->target->address();
  if (text.rfind(address, 0) != 0) return "";
  text.remove_prefix(address.size());
  if (!text.empty() && text[0] == '[') {
    auto close = text.find(']');
    if (close == std::string_view::npos) return "";
    text.remove_prefix(close + 1);
  }
  if (text.empty() || text[0] != '.') return "";
  text.remove_prefix(1);
  return std::string(text.substr(0, text.find_first_of(".[")));
}
}  // namespace

std::string referenced_attribute(const Value& v) { return attribute_of(v.node()); }

std::string sensitive_reference(const Value& v) {
  std::vector<const Node*> refs;
  detail::collect_references(v, refs);
  for (const Node* r : refs) {
    if (r->ref_kind != ReferenceKind::block || !r->target) continue;
    const BlockData& t = *r->target;
    if (is_sensitive_variable(t)) return t.address();
    if ((t.kind == BlockKind::resource || t.kind == BlockKind::data) && t.spec) {
      std::string name = attribute_of(r);
      const auto* a = t.spec->attribute(name);
      if (a && a->sensitive) return t.address() + "." + name;
    }
  }
  return "";
}

std::vector<const BlockData*> referenced_variables(const Value& v) {
  std::vector<const Node*> refs;
  detail::collect_references(v, refs);
  std::vector<const BlockData*> out;
  for (const Node* r : refs)
    if (r->ref_kind == ReferenceKind::block && r->target && r->target->kind == BlockKind::variable)
      out.push_back(r->target);
  return out;
}

// --- Blocks

Value attribute(const BlockData& b, std::string_view name) {
  for (const auto& [n, v] : b.attributes)
    if (n == name) return v;
  return Value{};
}

std::vector<Value> nested(const BlockData& b, std::string_view name) {
  std::vector<Value> out;
  for (const auto& [n, v] : b.blocks)
    if (n == name) out.push_back(v);
  return out;
}

Value first_nested(const BlockData& b, std::string_view name) {
  for (const auto& [n, v] : b.blocks)
    if (n == name) return v;
  return Value{};
}

std::vector<Value> nested(const Value& body, std::string_view name) {
  Value field = body.field(name);
  // A nested block is a list of objects; an object-typed attribute may be
  // a single object.
  if (!field.fields().empty()) return {field};
  return field.items();
}

Value first_nested(const Value& body, std::string_view name) {
  auto all = nested(body, name);
  return all.empty() ? Value{} : all.front();
}

bool has_instances(const BlockData& b) { return !b.count.is_null() || !b.for_each.is_null(); }

bool ignores_changes(const BlockData& b, std::string_view attribute) {
  if (!b.lifecycle) return false;
  if (b.lifecycle->ignore_all_) return true;
  for (const auto& a : b.lifecycle->ignore_changes_) {
    std::string_view s = a;
    if (s == attribute) return true;
    if (s.size() > attribute.size() && s.rfind(attribute, 0) == 0 &&
        (s[attribute.size()] == '.' || s[attribute.size()] == '['))
      return true;
  }
  return false;
}

std::optional<std::vector<Value>> container_definitions(const BlockData& task) {
  const Node* n = attribute(task, "container_definitions").node();
  if (!n || n->kind != NodeKind::call || n->text != "jsonencode" || n->items.size() != 1)
    return std::nullopt;
  const Node* list = n->items[0].node();
  if (!list || list->kind != NodeKind::list) return std::nullopt;
  for (const auto& c : list->items)
    if (c.fields().empty()) return std::nullopt;
  return list->items;
}

Value find_container(const std::vector<Value>& containers, std::string_view name) {
  for (const auto& c : containers) {
    auto n = literal_string(c.field("name"));
    if (n && *n == name) return c;
  }
  return Value{};
}

// --- Messages

std::string quoted(std::string_view s) {
  std::string out = "\"";
  out += s;
  out += '"';
  return out;
}

std::string number_text(double n) {
  if (n == std::floor(n) && std::fabs(n) < 1e15) return std::to_string(static_cast<long long>(n));
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, n);
  return std::string(buf, r.ptr);
}

std::string describe(const Value& v) {
  if (auto s = literal_string(v)) return quoted(*s);
  if (auto n = literal_number(v)) return number_text(*n);
  if (auto b = literal_bool(v)) return *b ? "true" : "false";
  std::string out = v.to_hcl();
  if (auto r = resolved_string(v))
    out += " (" + quoted(*r) + ")";
  else if (auto d = resolved_number(v))
    out += " (" + number_text(*d) + ")";
  return out;
}

// --- Linter

namespace {
const std::vector<const BlockData*> kNone;

Value value_at(const BlockData& b, std::string_view path) {
  auto dot = path.find('.');
  if (dot == std::string_view::npos) return attribute(b, path);
  return first_nested(b, path.substr(0, dot)).field(path.substr(dot + 1));
}
}  // namespace

Linter::Linter(const Stack& stack, Diagnostics& out) : s_(stack.tf_data()), out_(out) {
  for (const auto& b : s_.blocks) {
    switch (b.kind) {
      case BlockKind::resource:
        resources_[b.type].push_back(&b);
        break;
      case BlockKind::data:
        data_sources_[b.type].push_back(&b);
        break;
      case BlockKind::variable:
        variables_.push_back(&b);
        break;
      case BlockKind::provider:
        providers_.push_back(&b);
        break;
      default:
        break;
    }
  }
}

const std::vector<const BlockData*>& Linter::resources(std::string_view type) const {
  auto it = resources_.find(std::string(type));
  return it == resources_.end() ? kNone : it->second;
}

const std::vector<const BlockData*>& Linter::data_sources(std::string_view type) const {
  auto it = data_sources_.find(std::string(type));
  return it == data_sources_.end() ? kNone : it->second;
}

const BlockData* Linter::find(std::string_view address) const {
  if (by_address_.empty())
    for (const auto& b : s_.blocks) by_address_.emplace(b.address(), &b);
  auto it = by_address_.find(std::string(address));
  return it == by_address_.end() ? nullptr : it->second;
}

const BlockData* Linter::target(const Value& v) const {
  const Node* n = v.node();
  while (n) {
    switch (n->kind) {
      case NodeKind::reference:
        if (n->ref_kind == ReferenceKind::block) return n->target;
        if (n->ref_kind == ReferenceKind::unresolved) return find(n->address);
        return nullptr;
      case NodeKind::index:
      case NodeKind::get_attr:
      case NodeKind::for_expr:  // values_of(r, ...): [for v in r : v.x]
        n = n->items[0].node();
        continue;
      default:
        return nullptr;
    }
  }
  return nullptr;
}

std::vector<const BlockData*> Linter::targets(const Value& v) const {
  std::vector<const BlockData*> out;
  const Node* n = v.node();
  if (n && (n->kind == NodeKind::list || n->kind == NodeKind::list_expr)) {
    for (const auto& item : n->items)
      for (const auto* t : targets(item)) out.push_back(t);
    return out;
  }
  if (const BlockData* t = target(v)) out.push_back(t);
  return out;
}

const Linter::ReverseIndex& Linter::reverse(std::string_view type, std::string_view path) const {
  std::string key = std::string(type) + ' ' + std::string(path);
  auto it = reverse_.find(key);
  if (it != reverse_.end()) return it->second;
  ReverseIndex& index = reverse_[key];
  for (const auto* b : resources(type)) {
    Value v = value_at(*b, path);
    if (const BlockData* t = target(v))
      index.by_target[t].push_back(b);
    else if (auto lit = literal_string(v))
      index.by_literal[*lit].push_back(b);
  }
  return index;
}

std::vector<const BlockData*> Linter::referring(std::string_view type, std::string_view path,
                                                const BlockData& to, std::string_view key) const {
  const ReverseIndex& index = reverse(type, path);
  std::vector<const BlockData*> out;
  if (auto it = index.by_target.find(&to); it != index.by_target.end()) out = it->second;
  if (!key.empty())
    if (auto name = literal_string(attribute(to, key)))
      if (auto it = index.by_literal.find(*name); it != index.by_literal.end())
        out.insert(out.end(), it->second.begin(), it->second.end());
  return out;
}

const std::vector<const BlockData*>& Linter::with_literal(std::string_view type,
                                                          std::string_view path,
                                                          const std::string& value) const {
  const ReverseIndex& index = reverse(type, path);
  auto it = index.by_literal.find(value);
  return it == index.by_literal.end() ? kNone : it->second;
}

const BlockData* Linter::provider_of(const BlockData& b) const {
  if (b.provider) return b.provider;
  std::string address = b.provider_name;
  if (address.empty())
    address = b.provider_info ? std::string(b.provider_info->local_name)
                              : b.type.substr(0, b.type.find('_'));
  for (const auto* p : providers_)
    if (p->provider_address() == address) return p;
  return nullptr;
}

std::optional<std::string> Linter::region_of(const BlockData& b) const {
  const BlockData* p = provider_of(b);
  if (!p) return std::nullopt;
  return resolved_string(attribute(*p, "region"));
}

void Linter::report(std::string_view rule, const BlockData& at, std::string message,
                    std::string hint) const {
  const RuleInfo* info = find_rule(rule);
  if (!info) throw std::logic_error("lint rule " + std::string(rule) + " is not in the rule table");
  Diagnostic d;
  d.severity = info->severity;
  d.rule = std::string(rule);
  d.stack = s_.name;
  d.address = at.address();
  d.where = detail::to_location(at.where);
  d.message = std::move(message);
  d.hint = std::move(hint);
  out_.add(std::move(d));
}

}  // namespace stackgen::lint
