// Shared helpers of the lint rules.
#include "lint.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>


namespace stackgen::lint {


// --- Values

std::string_view type_of(Block b) {
  static constexpr std::pair<std::string_view, std::string_view> kAliases[] = {
      {"aws_alb", "aws_lb"},
      {"aws_alb_listener", "aws_lb_listener"},
      {"aws_alb_listener_certificate", "aws_lb_listener_certificate"},
      {"aws_alb_listener_rule", "aws_lb_listener_rule"},
      {"aws_alb_target_group", "aws_lb_target_group"},
      {"aws_alb_target_group_attachment", "aws_lb_target_group_attachment"},
  };
  const std::string_view t = b.type();
  for (const auto& [alias, canonical] : kAliases)
    if (t == alias) return canonical;
  return t;
}

bool is_unset(const Value& v) { return inspect::kind(v) == ValueKind::null_value; }

std::optional<std::string> literal_string(const Value& v) {
  if (auto s = v.as_string()) return std::string(*s);
  return std::nullopt;
}

std::optional<double> literal_number(const Value& v) {
  double d = 0;
  if (v.as_number(d)) return d;
  if (auto s = v.as_string()) {
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

std::vector<Value> as_list(const Value& v) {
  if (v.as_string()) return {v};
  return {v.items().begin(), v.items().end()};
}

std::optional<std::vector<std::string>> literal_strings(const Value& v) {
  if (inspect::kind(v) != ValueKind::list) return std::nullopt;
  std::vector<std::string> out;
  for (const auto& item : v.items()) {
    auto s = item.as_string();
    if (!s) return std::nullopt;
    out.emplace_back(*s);
  }
  return out;
}

namespace {

bool is_sensitive_variable(Block b) { return b && b.kind() == BlockKind::variable && b.flag("sensitive"); }

std::optional<std::string> scalar_text(const Value& v) {
  switch (inspect::kind(v)) {
    case ValueKind::string: return std::string(*v.as_string());
    case ValueKind::number: return number_text(*inspect::number(v));
    case ValueKind::boolean: return std::string(*inspect::boolean(v) ? "true" : "false");
    default: return std::nullopt;
  }
}

std::optional<Value> resolve_at(const Value& v, int depth) {
  if (depth > 32) return std::nullopt;
  switch (inspect::kind(v)) {
    case ValueKind::null_value:
    case ValueKind::boolean:
    case ValueKind::number:
    case ValueKind::string: return v;
    case ValueKind::list:
    case ValueKind::list_expression: {
      std::vector<Value> items;
      for (const auto& item : inspect::operands(v)) {
        auto r = resolve_at(item, depth + 1);
        if (!r) return std::nullopt;
        items.push_back(*r);
      }
      return Value::list(items);
    }
    case ValueKind::object: {
      std::vector<Value::Field> fields;
      for (auto [k, item] : v.fields()) {
        auto r = resolve_at(item, depth + 1);
        if (!r) return std::nullopt;
        fields.emplace_back(std::string(k), *r);
      }
      return Value::object(fields);
    }
    case ValueKind::template_: {
      std::string out;
      for (const auto& part : inspect::operands(v)) {
        auto r = resolve_at(part, depth + 1);
        if (!r) return std::nullopt;
        auto text = scalar_text(*r);
        if (!text) return std::nullopt;
        out += *text;
      }
      return Value(out);
    }
    case ValueKind::reference: {
      auto ref = inspect::reference(v);
      Block t = inspect::target(*ref);
      if (!t || ref->kind != inspect::ReferenceKind::block || ref->text != t.address()) return std::nullopt;
      if (t.kind() == BlockKind::variable) {
        if (is_sensitive_variable(t) || !t.has_default()) return std::nullopt;
        return resolve_at(t.default_value(), depth + 1);
      }
      if (t.kind() == BlockKind::local) return resolve_at(t.value(), depth + 1);
      return std::nullopt;
    }
    case ValueKind::index: {
      auto ops = inspect::operands(v);
      auto collection = resolve_at(ops[0], depth + 1);
      auto key = resolve_at(ops[1], depth + 1);
      if (!collection || !key) return std::nullopt;
      double i = 0;
      if (key->as_number(i)) {
        auto items = collection->items();
        if (i >= 0 && i < static_cast<double>(items.size()) && i == std::floor(i)) return items[static_cast<size_t>(i)];
        return std::nullopt;
      }
      if (auto k = key->as_string()) {
        Value f = collection->field(*k);
        if (!f.is_null()) return f;
      }
      return std::nullopt;
    }
    default: return std::nullopt;
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

std::string referenced_attribute(const Value& v) {
  if (inspect::kind(v) == ValueKind::attribute) return std::string(inspect::text(v));
  auto ref = inspect::reference(v);
  if (!ref || !ref->target) return "";
  return std::string(ref->attribute());
}

std::string sensitive_reference(const Value& v) {
  for (const auto& r : inspect::references(v)) {
    Block t = inspect::target(r);
    if (!t) continue;
    if (is_sensitive_variable(t)) return std::string(t.address());
    if ((t.kind() == BlockKind::resource || t.kind() == BlockKind::data) && t.spec()) {
      std::string_view name = r.attribute();
      const auto* a = t.spec()->attribute(name);
      if (a && a->sensitive) return std::string(t.address()) + "." + std::string(name);
    }
  }
  return "";
}

std::vector<Block> referenced_variables(const Value& v) {
  std::vector<Block> out;
  for (const auto& r : inspect::references(v)) {
    Block t = inspect::target(r);
    if (t && t.kind() == BlockKind::variable) out.push_back(t);
  }
  return out;
}

// --- Blocks

Value attribute(Block b, std::string_view name) { return b.argument(name); }

std::vector<Value> nested(Block b, std::string_view name) { return b.blocks(name); }

Value first_nested(Block b, std::string_view name) { return b.first_block(name); }

std::vector<Value> nested(const Value& body, std::string_view name) {
  Value field = body.field(name);
  // A nested block is a list of objects; an object-typed attribute may be
  // a single object.
  if (!field.fields().empty()) return {field};
  return {field.items().begin(), field.items().end()};
}

Value first_nested(const Value& body, std::string_view name) {
  auto all = nested(body, name);
  return all.empty() ? Value{} : all.front();
}

bool has_instances(Block b) { return b.has_instances(); }

bool ignores_changes(Block b, std::string_view attribute) {
  const LifecycleSettings* l = b.lifecycle();
  if (!l) return false;
  if (l->ignore_all_changes) return true;
  for (const auto& a : l->ignore_changes) {
    std::string_view s = a;
    if (s == attribute) return true;
    if (s.size() > attribute.size() && s.rfind(attribute, 0) == 0 &&
        (s[attribute.size()] == '.' || s[attribute.size()] == '['))
      return true;
  }
  return false;
}

std::optional<std::vector<Value>> container_definitions(Block task) {
  Value v = attribute(task, "container_definitions");
  if (inspect::kind(v) != ValueKind::call || inspect::text(v) != "jsonencode" || inspect::operands(v).size() != 1)
    return std::nullopt;
  const Value& list = inspect::operands(v)[0];
  if (inspect::kind(list) != ValueKind::list) return std::nullopt;
  for (const auto& c : list.items())
    if (c.fields().empty()) return std::nullopt;
  return std::vector<Value>(list.items().begin(), list.items().end());
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
const std::vector<Block> kNone;

Value value_at(Block b, std::string_view path) {
  auto dot = path.find('.');
  if (dot == std::string_view::npos) return attribute(b, path);
  return first_nested(b, path.substr(0, dot)).field(path.substr(dot + 1));
}
}  // namespace

Linter::Linter(RuleContext& context) : context_(context) {
  context.stack().for_each_block([&](Block b) {
    switch (b.kind()) {
      case BlockKind::resource: resources_[std::string(type_of(b))].push_back(b); break;
      case BlockKind::data: data_sources_[std::string(type_of(b))].push_back(b); break;
      case BlockKind::variable: variables_.push_back(b); break;
      case BlockKind::provider: providers_.push_back(b); break;
      default: break;
    }
  });
}

const std::vector<Block>& Linter::resources(std::string_view type) const {
  auto it = resources_.find(std::string(type));
  return it == resources_.end() ? kNone : it->second;
}

const std::vector<Block>& Linter::data_sources(std::string_view type) const {
  auto it = data_sources_.find(std::string(type));
  return it == data_sources_.end() ? kNone : it->second;
}

Block Linter::find(std::string_view address) const {
  if (by_address_.empty()) stack().for_each_block([&](Block b) { by_address_.emplace(std::string(b.address()), b); });
  auto it = by_address_.find(std::string(address));
  return it == by_address_.end() ? Block() : it->second;
}

Block Linter::target(const Value& v) const {
  const Value* cur = &v;
  while (true) {
    switch (inspect::kind(*cur)) {
      case ValueKind::reference: {
        auto r = inspect::reference(*cur);
        if (r->kind == inspect::ReferenceKind::block) return inspect::target(*r);
        if (r->kind == inspect::ReferenceKind::unresolved) return find(r->address);
        return Block();
      }
      case ValueKind::index:
      case ValueKind::attribute:
      case ValueKind::for_expression:  // values_of(r, ...): [for v in r : v.x]
        cur = &inspect::operands(*cur)[0];
        continue;
      default: return Block();
    }
  }
}

std::vector<Block> Linter::targets(const Value& v) const {
  std::vector<Block> out;
  const ValueKind k = inspect::kind(v);
  if (k == ValueKind::list || k == ValueKind::list_expression) {
    for (const auto& item : inspect::operands(v))
      for (Block t : targets(item)) out.push_back(t);
    return out;
  }
  if (Block t = target(v)) out.push_back(t);
  return out;
}

const Linter::ReverseIndex& Linter::reverse(std::string_view type, std::string_view path) const {
  std::string key = std::string(type) + ' ' + std::string(path);
  auto it = reverse_.find(key);
  if (it != reverse_.end()) return it->second;
  ReverseIndex& index = reverse_[key];
  for (Block b : resources(type)) {
    Value v = value_at(b, path);
    if (Block t = target(v))
      index.by_target[t].push_back(b);
    else if (auto lit = literal_string(v))
      index.by_literal[*lit].push_back(b);
  }
  return index;
}

std::vector<Block> Linter::referring(std::string_view type, std::string_view path, Block to, std::string_view key) const {
  const ReverseIndex& index = reverse(type, path);
  std::vector<Block> out;
  if (auto it = index.by_target.find(to); it != index.by_target.end()) out = it->second;
  if (!key.empty())
    if (auto name = literal_string(attribute(to, key)))
      if (auto it = index.by_literal.find(*name); it != index.by_literal.end())
        out.insert(out.end(), it->second.begin(), it->second.end());
  return out;
}

const std::vector<Block>& Linter::with_literal(std::string_view type, std::string_view path,
                                               const std::string& value) const {
  const ReverseIndex& index = reverse(type, path);
  auto it = index.by_literal.find(value);
  return it == index.by_literal.end() ? kNone : it->second;
}

Block Linter::provider_of(Block b) const {
  if (Block p = b.provider()) return p;
  std::string address(b.provider_name());
  if (address.empty())
    address = b.provider_info() ? std::string(b.provider_info()->local_name)
                                : std::string(b.type().substr(0, b.type().find('_')));
  for (Block p : providers_)
    if (p.provider_address() == address) return p;
  return Block();
}

std::optional<std::string> Linter::region_of(Block b) const {
  Block p = provider_of(b);
  if (!p) return std::nullopt;
  return resolved_string(attribute(p, "region"));
}

void Linter::report(std::string_view rule, Block at, std::string message, std::string hint) const {
  context_.report(rule, at, std::move(message), std::move(hint));
}

}  // namespace stackgen::lint
