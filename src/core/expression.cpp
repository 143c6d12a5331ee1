// Expression nodes: construction and rendering as HCL.
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cmath>
#include <stdexcept>

#include "model.hpp"
#include "stackgen/core/expr.hpp"

namespace stackgen {
namespace detail {
namespace {

std::shared_ptr<Node> new_node(NodeKind kind) {
  auto n = std::make_shared<Node>();
  n->kind = kind;
  return n;
}

Value wrap(std::shared_ptr<Node> n) { return Value(std::shared_ptr<const Node>(std::move(n))); }

const std::vector<Value> kNoItems;
const std::vector<Value::Field> kNoFields;

bool needs_parens(const Value& v) {
  const Node* n = v.node();
  return n && (n->kind == NodeKind::binary || n->kind == NodeKind::conditional);
}

void append_hcl(std::string& out, const Value& v);

std::string operand(const Value& v) {
  if (!needs_parens(v)) return v.to_hcl();
  std::string out = "(";
  append_hcl(out, v);
  out += ')';
  return out;
}

// hcl_quote(escape_template(literal)) in quotes, appended without the two
// intermediate strings (every literal in a jsonencode() document goes
// through here). escape_template only doubles `$` / `%` before `{`, which
// hcl_quote leaves as they are, so one pass can do both.
void append_quoted(std::string& out, std::string_view literal) {
  out += '"';
  const size_t n = literal.size();
  size_t plain_from = 0;
  for (size_t i = 0; i < n; ++i) {
    const char c = literal[i];
    const bool template_start = (c == '$' || c == '%') && i + 1 < n && literal[i + 1] == '{';
    const bool needs_quote = c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
    if (!template_start && !needs_quote) continue;
    out.append(literal.data() + plain_from, i - plain_from);
    plain_from = i + 1;
    if (template_start) {
      out += c;
      out += c;
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      }
    }
  }
  out.append(literal.data() + plain_from, n - plain_from);
  out += '"';
}

void append_hcl(std::string& out, const Value& v) {
  const Node* n = v.node();
  if (!n) {
    out += "null";
    return;
  }
  switch (n->kind) {
    case NodeKind::null_literal:
      out += "null";
      return;
    case NodeKind::boolean:
      out += n->boolean ? "true" : "false";
      return;
    case NodeKind::integer:
      out += std::to_string(n->integer);
      return;
    case NodeKind::real: {
      char buf[64];
      auto r = std::to_chars(buf, buf + sizeof buf, n->real);
      out.append(buf, r.ptr);
      return;
    }
    case NodeKind::string:
      append_quoted(out, n->text);
      return;
    case NodeKind::list:
    case NodeKind::list_expr: {
      out += '[';
      for (size_t i = 0; i < n->items.size(); ++i) {
        if (i) out += ", ";
        append_hcl(out, n->items[i]);
      }
      out += ']';
      return;
    }
    case NodeKind::object: {
      // Keys sorted: the same order as the emitted JSON, and Terraform's
      // jsonencode sorts them anyway.
      std::vector<const Value::Field*> sorted;
      for (const auto& f : n->fields) sorted.push_back(&f);
      std::stable_sort(sorted.begin(), sorted.end(),
                       [](auto* a, auto* b) { return a->first < b->first; });
      out += '{';
      for (size_t i = 0; i < sorted.size(); ++i) {
        if (i) out += ", ";
        append_quoted(out, sorted[i]->first);
        out += " = ";
        append_hcl(out, sorted[i]->second);
      }
      out += '}';
      return;
    }
    case NodeKind::template_: {
      out += '"';
      for (size_t i = 0; i < n->items.size(); ++i) {
        const Value& part = n->items[i];
        const Node* p = part.node();
        if (p && p->kind == NodeKind::string) {
          out += template_literal(p->text, i + 1 < n->items.size(), true);
        } else {
          out += "${";
          append_hcl(out, part);
          out += '}';
        }
      }
      out += '"';
      return;
    }
    case NodeKind::reference:
    case NodeKind::raw:
      out += n->text;
      return;
    case NodeKind::call: {
      out += n->text;
      out += '(';
      for (size_t i = 0; i < n->items.size(); ++i) {
        if (i) out += ", ";
        append_hcl(out, n->items[i]);
      }
      out += ')';
      return;
    }
    case NodeKind::binary:
      out += operand(n->items[0]);
      out += ' ';
      out += n->text;
      out += ' ';
      out += operand(n->items[1]);
      return;
    case NodeKind::unary:
      out += n->text;
      out += operand(n->items[0]);
      return;
    case NodeKind::conditional:
      out += operand(n->items[0]);
      out += " ? ";
      out += operand(n->items[1]);
      out += " : ";
      out += operand(n->items[2]);
      return;
    case NodeKind::index:
      out += operand(n->items[0]);
      out += '[';
      append_hcl(out, n->items[1]);
      out += ']';
      return;
    case NodeKind::get_attr:
      out += operand(n->items[0]);
      out += '.';
      out += n->text;
      return;
    case NodeKind::for_expr: {
      // items: collection, key, value, condition
      out += n->is_object_for ? "{for " : "[for ";
      out += n->text;
      out += " in ";
      append_hcl(out, n->items[0]);
      out += " : ";
      if (n->is_object_for) {
        append_hcl(out, n->items[1]);
        out += " => ";
      }
      append_hcl(out, n->items[2]);
      if (!n->items[3].is_null()) {
        out += " if ";
        append_hcl(out, n->items[3]);
      }
      out += n->is_object_for ? '}' : ']';
      return;
    }
  }
}

ReferenceKind special_kind(std::string_view head) {
  if (head == "count") return ReferenceKind::count;
  if (head == "each") return ReferenceKind::each;
  if (head == "path") return ReferenceKind::path;
  if (head == "self") return ReferenceKind::self;
  return ReferenceKind::unresolved;
}

std::vector<std::string_view> split_traversal(std::string_view t) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= t.size(); ++i) {
    if (i == t.size() || t[i] == '.' || t[i] == '[') {
      parts.push_back(t.substr(start, i - start));
      if (i < t.size() && t[i] == '[') break;  // indexes end the address part
      start = i + 1;
    }
  }
  return parts;
}

thread_local int bound_depth = 0;

}  // namespace

void append_hcl_to(std::string& out, const Value& v) { append_hcl(out, v); }

std::string hcl_quote(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string escape_template(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if ((s[i] == '$' || s[i] == '%') && i + 1 < s.size() && s[i + 1] == '{') out += s[i];
    out += s[i];
  }
  return out;
}

std::string template_literal(std::string_view text, bool before_interpolation, bool for_hcl) {
  size_t keep = text.size();
  if (before_interpolation)
    while (keep > 0 && text[keep - 1] == '$') --keep;
  std::string out = escape_template(text.substr(0, keep));
  if (for_hcl) out = hcl_quote(out);
  if (keep < text.size()) out += "${\"" + std::string(text.substr(keep)) + "\"}";
  return out;
}

void collect_references(const Value& v, std::vector<const Node*>& out) {
  const Node* n = v.node();
  if (!n) return;
  // A reference to one instance keeps its index as an item: r[count.index]
  // and r[var.key] refer to count / var.key too.
  if (n->kind == NodeKind::reference) out.push_back(n);
  for (const auto& item : n->items) collect_references(item, out);
  for (const auto& f : n->fields) collect_references(f.second, out);
}

Value make_null_typed() { return wrap(new_node(NodeKind::null_literal)); }

Value make_call(std::string_view function, std::vector<Value> args) {
  auto n = new_node(NodeKind::call);
  n->text = function;
  n->items = std::move(args);
  return wrap(std::move(n));
}

Value make_binary(std::string_view op, Value lhs, Value rhs) {
  auto n = new_node(NodeKind::binary);
  n->text = op;
  n->items = {std::move(lhs), std::move(rhs)};
  return wrap(std::move(n));
}

Value make_unary(std::string_view op, Value operand_value) {
  auto n = new_node(NodeKind::unary);
  n->text = op;
  n->items = {std::move(operand_value)};
  return wrap(std::move(n));
}

Value make_conditional(Value condition, Value if_true, Value if_false) {
  auto n = new_node(NodeKind::conditional);
  n->items = {std::move(condition), std::move(if_true), std::move(if_false)};
  return wrap(std::move(n));
}

Value make_index(Value collection, Value key) {
  auto n = new_node(NodeKind::index);
  n->items = {std::move(collection), std::move(key)};
  return wrap(std::move(n));
}

Value make_get_attr(Value object, std::string_view name) {
  auto n = new_node(NodeKind::get_attr);
  n->text = name;
  n->items = {std::move(object)};
  return wrap(std::move(n));
}

Value make_template(std::vector<Value> parts) {
  auto n = new_node(NodeKind::template_);
  for (auto& p : parts) {
    const Node* pn = p.node();
    if (pn && pn->kind == NodeKind::template_) {
      for (const auto& inner : pn->items) n->items.push_back(inner);
    } else if (pn && pn->kind == NodeKind::string && !n->items.empty() &&
               n->items.back().node()->kind == NodeKind::string) {
      // Merge adjacent literal parts.
      auto merged = new_node(NodeKind::string);
      merged->text = n->items.back().node()->text + pn->text;
      n->items.back() = wrap(std::move(merged));
    } else {
      n->items.push_back(std::move(p));
    }
  }
  // Adjacent literals that arrived through inner templates.
  std::vector<Value> merged;
  for (auto& p : n->items) {
    if (!merged.empty() && p.node() && p.node()->kind == NodeKind::string &&
        merged.back().node() && merged.back().node()->kind == NodeKind::string) {
      auto m = new_node(NodeKind::string);
      m->text = merged.back().node()->text + p.node()->text;
      merged.back() = wrap(std::move(m));
    } else {
      merged.push_back(std::move(p));
    }
  }
  if (merged.size() == 1 && merged[0].node() && merged[0].node()->kind == NodeKind::string)
    return merged[0];
  n->items = std::move(merged);
  return wrap(std::move(n));
}

Value make_raw(std::string hcl) {
  auto n = new_node(NodeKind::raw);
  n->text = std::move(hcl);
  return wrap(std::move(n));
}

Value make_reference_from_text(std::string_view traversal) {
  auto n = new_node(NodeKind::reference);
  n->text = traversal;
  auto parts = split_traversal(traversal);
  std::string_view head = parts.empty() ? std::string_view{} : parts[0];
  n->ref_kind = special_kind(head);
  if (n->ref_kind != ReferenceKind::unresolved) {
    n->address = head;
  } else if ((head == "var" || head == "local" || head == "module") && parts.size() >= 2) {
    n->address = std::string(head) + "." + std::string(parts[1]);
  } else if (head == "data" && parts.size() >= 3) {
    n->address = "data." + std::string(parts[1]) + "." + std::string(parts[2]);
  } else if (parts.size() >= 2) {
    n->address = std::string(head) + "." + std::string(parts[1]);
  } else {
    n->address = traversal;
  }
  return wrap(std::move(n));
}

Value make_special_reference(std::string_view traversal) { return make_reference_from_text(traversal); }

Value make_list_expr(std::vector<Value> items) {
  auto n = new_node(NodeKind::list_expr);
  n->items = std::move(items);
  return wrap(std::move(n));
}

Value make_map_expr(std::vector<std::pair<std::string, Value>> fields) {
  return Value::object(std::move(fields));
}

Value make_bound_variable(std::string name) {
  auto n = new_node(NodeKind::reference);
  n->ref_kind = ReferenceKind::bound;
  n->address = name;
  n->text = std::move(name);
  return wrap(std::move(n));
}

Value make_for(Value collection, std::string key_var, std::string value_var, Value key, Value value,
               Value condition, bool is_object) {
  auto n = new_node(NodeKind::for_expr);
  n->text = key_var.empty() ? value_var : key_var + ", " + value_var;
  n->is_object_for = is_object;
  n->items = {std::move(collection), std::move(key), std::move(value), std::move(condition)};
  return wrap(std::move(n));
}

BoundVariableScope::BoundVariableScope() {
  ++bound_depth;
  // to_string then insert: "v" + to_string(...) trips a GCC 12 -Wrestrict
  // false positive.
  name_ = bound_depth == 1 ? std::string(1, 'v') : std::to_string(bound_depth).insert(0, 1, 'v');
}
BoundVariableScope::~BoundVariableScope() { --bound_depth; }

SourceLocation to_location(const std::source_location& loc) {
  return SourceLocation{loc.file_name(), static_cast<unsigned>(loc.line())};
}

}  // namespace detail

// --- Value

Value Value::make_bool(bool b) {
  auto n = detail::new_node(detail::NodeKind::boolean);
  n->boolean = b;
  return detail::wrap(std::move(n));
}
Value Value::make_int(std::int64_t i) {
  auto n = detail::new_node(detail::NodeKind::integer);
  n->integer = i;
  return detail::wrap(std::move(n));
}
Value Value::make_double(double d) {
  if (!std::isfinite(d)) throw std::invalid_argument("stackgen: numbers must be finite");
  if (d == std::floor(d) && std::fabs(d) < 9.0e15) return make_int(static_cast<std::int64_t>(d));
  auto n = detail::new_node(detail::NodeKind::real);
  n->real = d;
  return detail::wrap(std::move(n));
}
Value::Value(const Value& other) noexcept = default;
Value::Value(Value&& other) noexcept = default;
Value& Value::operator=(const Value& other) noexcept = default;
Value& Value::operator=(Value&& other) noexcept = default;
Value::~Value() = default;

Value::Value(const char* s) : Value(std::string(s ? s : "")) {}
Value::Value(std::string_view s) : Value(std::string(s)) {}
Value::Value(std::string s) {
  auto n = detail::new_node(detail::NodeKind::string);
  n->text = std::move(s);
  node_ = std::move(n);
}

Value::Value(std::initializer_list<Value> items) {
  bool is_object = items.size() > 0;
  for (const auto& item : items) {
    const detail::Node* n = item.node();
    if (!n || n->kind != detail::NodeKind::list || n->items.size() != 2 ||
        !n->items[0].as_string()) {
      is_object = false;
      break;
    }
  }
  if (is_object) {
    std::vector<Field> fields;
    for (const auto& item : items)
      fields.emplace_back(*item.node()->items[0].as_string(), item.node()->items[1]);
    *this = object(std::move(fields));
  } else {
    *this = list(std::vector<Value>(items));
  }
}

Value Value::list(std::vector<Value> items) {
  auto n = detail::new_node(detail::NodeKind::list);
  n->items = std::move(items);
  return detail::wrap(std::move(n));
}

Value Value::object(std::vector<Field> fields) {
  auto n = detail::new_node(detail::NodeKind::object);
  n->fields = std::move(fields);
  return detail::wrap(std::move(n));
}

bool Value::is_literal() const noexcept {
  const detail::Node* n = node();
  if (!n) return true;
  switch (n->kind) {
    case detail::NodeKind::null_literal:
    case detail::NodeKind::boolean:
    case detail::NodeKind::integer:
    case detail::NodeKind::real:
    case detail::NodeKind::string:
      return true;
    case detail::NodeKind::list:
      for (const auto& i : n->items)
        if (!i.is_literal()) return false;
      return true;
    case detail::NodeKind::object:
      for (const auto& f : n->fields)
        if (!f.second.is_literal()) return false;
      return true;
    default:
      return false;
  }
}

const std::string* Value::as_string() const noexcept {
  const detail::Node* n = node();
  return n && n->kind == detail::NodeKind::string ? &n->text : nullptr;
}

bool Value::as_number(double& out) const noexcept {
  const detail::Node* n = node();
  if (n && n->kind == detail::NodeKind::integer) {
    out = static_cast<double>(n->integer);
    return true;
  }
  if (n && n->kind == detail::NodeKind::real) {
    out = n->real;
    return true;
  }
  return false;
}

bool Value::as_bool(bool& out) const noexcept {
  const detail::Node* n = node();
  if (n && n->kind == detail::NodeKind::boolean) {
    out = n->boolean;
    return true;
  }
  return false;
}

const std::vector<Value>& Value::items() const noexcept {
  const detail::Node* n = node();
  return n && n->kind == detail::NodeKind::list ? n->items : detail::kNoItems;
}

const std::vector<Value::Field>& Value::fields() const noexcept {
  const detail::Node* n = node();
  return n && n->kind == detail::NodeKind::object ? n->fields : detail::kNoFields;
}

Value Value::field(std::string_view key) const noexcept {
  for (const auto& f : fields())
    if (f.first == key) return f.second;
  return Value{};
}

std::string Value::to_hcl() const {
  std::string out;
  detail::append_hcl(out, *this);
  return out;
}

}  // namespace stackgen
