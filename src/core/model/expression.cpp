// Expression nodes: the builders behind Expr<T>, functions and handles.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "../text.hpp"
#include "hcl_text.hpp"
#include "model.hpp"
#include "node.hpp"
#include "stackgen/core/error.hpp"
#include "stackgen/core/expr.hpp"

namespace stackgen {
namespace detail {

namespace {

Value node_with(NodeKind kind, std::string_view text, std::initializer_list<Value> children) {
  return make_text_node(kind, text, std::span<const Value>(children.begin(), children.size()));
}

ReferenceKind special_kind(std::string_view head) {
  if (head == "count") return ReferenceKind::count;
  if (head == "each") return ReferenceKind::each;
  if (head == "path") return ReferenceKind::path;
  if (head == "self") return ReferenceKind::self;
  if (head == "terraform") return ReferenceKind::terraform;
  return ReferenceKind::unresolved;
}

/// The result of reading a traversal: `root(.name | [index] | ["key"] | [*] | .*)*`.
struct Traversal {
  std::string error;          // empty when valid
  std::size_t address_size = 0;
  ReferenceKind kind = ReferenceKind::unresolved;
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// The length of the identifier at s[i] (0 if none).
std::size_t identifier_at(std::string_view s, std::size_t i) {
  std::size_t j = i;
  while (j < s.size() && (is_digit(s[j]) || (s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') ||
                          s[j] == '_' || s[j] == '-'))
    ++j;
  if (j == i || is_digit(s[i]) || s[i] == '-') return 0;
  return j - i;
}

Traversal read_traversal(std::string_view t) {
  Traversal r;
  if (!valid_utf8(t)) {
    r.error = "it is not valid UTF-8";
    return r;
  }
  std::size_t i = identifier_at(t, 0);
  if (i == 0) {
    r.error = "it does not start with a name";
    return r;
  }
  const std::string_view head = t.substr(0, i);
  r.kind = special_kind(head);
  // How many `.name` steps make the address.
  std::size_t address_names = r.kind != ReferenceKind::unresolved ? 0
                              : head == "data" || head == "ephemeral"   ? 2
                                                                        : 1;
  if (r.kind == ReferenceKind::unresolved && (head == "var" || head == "local" || head == "module")) address_names = 1;
  while (i < t.size()) {
    const char c = t[i];
    if (c == '.') {
      if (i + 1 < t.size() && t[i + 1] == '*') {
        i += 2;
      } else if (std::size_t n = identifier_at(t, i + 1)) {
        i += 1 + n;
      } else if (i + 1 < t.size() && is_digit(t[i + 1]) && address_names == 0) {
        std::size_t j = i + 1;
        while (j < t.size() && is_digit(t[j])) ++j;
        i = j;
      } else {
        r.error = "after '.' comes neither a name, a number nor '*' (at offset " + std::to_string(i) + ")";
        return r;
      }
    } else if (c == '[' && address_names == 0) {
      std::size_t j = i + 1;
      if (j < t.size() && t[j] == '*') {
        ++j;
      } else if (j < t.size() && is_digit(t[j])) {
        while (j < t.size() && is_digit(t[j])) ++j;
      } else if (j < t.size() && t[j] == '"') {
        // A quoted key: a template in HCL, so no interpolation allowed.
        ++j;
        while (j < t.size() && t[j] != '"') {
          if (static_cast<unsigned char>(t[j]) < 0x20) {
            r.error = "a key contains a control character";
            return r;
          }
          if ((t[j] == '$' || t[j] == '%') && j + 1 < t.size() && t[j + 1] == '{') {
            r.error = "a key contains a template sequence '" + std::string(1, t[j]) + "{'";
            return r;
          }
          if (t[j] == '\\') {
            if (j + 1 >= t.size() || (t[j + 1] != '"' && t[j + 1] != '\\')) {
              r.error = "a key contains an escape other than \\\" or \\\\";
              return r;
            }
            ++j;
          }
          ++j;
        }
        if (j >= t.size()) {
          r.error = "a quoted key is not closed";
          return r;
        }
        ++j;
      } else {
        r.error = "an index must be a number, a quoted key or '*' (at offset " + std::to_string(i) + ")";
        return r;
      }
      if (j >= t.size() || t[j] != ']') {
        r.error = "an index is not closed with ']' (at offset " + std::to_string(i) + ")";
        return r;
      }
      i = j + 1;
    } else {
      r.error = "unexpected '" + printable(t.substr(i, 1)) + "' at offset " + std::to_string(i);
      return r;
    }
    if (address_names > 0) {
      --address_names;
      if (address_names == 0) r.address_size = i;
    }
  }
  if (address_names > 0) {
    r.error.assign(1, '\'');
    r.error += head;
    r.error += head == "data" || head == "ephemeral" ? "' needs a type and a name after it" : "' needs a name after it";
    return r;
  }
  if (r.kind != ReferenceKind::unresolved) r.address_size = head.size();
  return r;
}

thread_local int bound_depth = 0;

}  // namespace

Value make_null_typed() { return adopt(allocate_node(NodeKind::null_literal, 0, 0)); }

Value make_call(std::string_view function, std::vector<Value> args) {
  return make_text_node(NodeKind::call, function, args);
}

Value make_call_expanding_last(std::string_view function, std::vector<Value> args) {
  Value v = make_text_node(NodeKind::call, function, args);
  if (!args.empty()) const_cast<Node*>(v.node())->flags |= kExpandLast;
  return v;
}

Value make_binary(std::string_view op, Value lhs, Value rhs) { return node_with(NodeKind::binary, op, {lhs, rhs}); }

Value make_unary(std::string_view op, Value operand) { return node_with(NodeKind::unary, op, {operand}); }

Value make_conditional(Value condition, Value if_true, Value if_false) {
  return node_with(NodeKind::conditional, {}, {condition, if_true, if_false});
}

Value make_index(Value collection, Value key) { return node_with(NodeKind::index, {}, {collection, key}); }

Value make_get_attr(Value object, std::string_view name) {
  // `object.name` only for identifiers; anything else is an index with a
  // quoted (and template-escaped) key, so the name cannot inject HCL.
  if (is_identifier(name)) return node_with(NodeKind::get_attr, name, {object});
  return make_index(std::move(object), Value(name));
}

namespace {
/// Nested templates flattened, adjacent literals merged, one literal alone
/// is just a string. Scratch storage is reused: string concatenation is
/// the most common expression of stack code.
Value concatenate(std::span<const Value> parts) {
  thread_local std::vector<Value>* flat_storage = new std::vector<Value>;
  thread_local std::string* pending_storage = new std::string;
  std::vector<Value>& flat = *flat_storage;
  std::string& pending = *pending_storage;
  flat.clear();
  pending.clear();
  bool has_pending = false;
  auto flush = [&] {
    if (has_pending) flat.push_back(make_string(pending));
    pending.clear();
    has_pending = false;
  };
  auto add = [&](const Value& p) {
    const Node* n = p.node();
    if (n && n->kind == NodeKind::string) {
      pending += n->text();
      has_pending = true;
    } else {
      flush();
      flat.push_back(p);
    }
  };
  for (const auto& p : parts) {
    const Node* n = p.node();
    if (n && n->kind == NodeKind::template_) {
      for (const auto& inner : n->items()) add(inner);
    } else {
      add(p);
    }
  }
  if (flat.empty()) {
    Value only = make_string(pending);
    pending.clear();
    return only;
  }
  flush();
  Value result = flat.size() == 1 && flat[0].node() && flat[0].node()->kind == NodeKind::string
                     ? flat[0]
                     : make_text_node(NodeKind::template_, {}, flat);
  flat.clear();
  return result;
}
}  // namespace

Value make_template(std::vector<Value> parts) { return concatenate(parts); }

Value make_concat(const Value& a, const Value& b) {
  const Value parts[2] = {a, b};
  return concatenate(parts);
}

Value make_raw(std::string hcl) { return node_with(NodeKind::raw, hcl, {}); }

Value make_reference_from_text(std::string_view traversal, const std::source_location& where) {
  Traversal t = read_traversal(traversal);
  if (!t.error.empty())
    throw Error("'" + printable(traversal) + "' is not a Terraform reference: " + t.error, to_location(where),
                "core.invalid-reference");
  Node* n = allocate_node(NodeKind::reference, 0, traversal.size());
  std::memcpy(const_cast<char*>(n->text_data()), traversal.data(), traversal.size());
  n->ref_kind = t.kind;
  n->aux = static_cast<std::uint32_t>(t.address_size);
  return adopt(n);
}

Value make_special_reference(std::string_view traversal) {
  return make_reference_from_text(traversal, std::source_location::current());
}

Value make_block_reference(const BlockData& target, std::string_view text, std::size_t address_size,
                           ReferenceKind kind, const Value* key) {
  Node* n = allocate_node(NodeKind::reference, key ? 1 : 0, text.size());
  std::memcpy(const_cast<char*>(n->text_data()), text.data(), text.size());
  n->ref_kind = kind;
  n->target = &target;
  n->aux = static_cast<std::uint32_t>(address_size);
  if (key) n->children()[0] = *key;
  return adopt(n);
}

Value make_list_expr(std::vector<Value> items) { return make_text_node(NodeKind::list_expr, {}, items); }

Value make_map_expr(std::vector<std::pair<std::string, Value>> fields) { return Value::object(fields); }

Value make_set_literal(const Value& list) {
  const Node* n = list.node();
  if (!n || n->kind != NodeKind::list) return list;
  Node* copy = allocate_node(NodeKind::list, n->count, 0);
  for (std::size_t i = 0; i < n->count; ++i) copy->children()[i] = n->child(i);
  copy->flags |= kSetLiteral;
  return adopt(copy);
}

Value make_object_expr(std::vector<std::pair<Value, Value>> entries) {
  const bool literal_keys = std::all_of(entries.begin(), entries.end(), [](const auto& e) {
    return e.first.node() && e.first.node()->kind == NodeKind::string;
  });
  if (literal_keys) {
    std::vector<Value::Field> fields;
    fields.reserve(entries.size());
    for (auto& [k, v] : entries) fields.emplace_back(std::string(*k.as_string()), std::move(v));
    return Value::object(fields);
  }
  std::vector<Value> children;
  children.reserve(entries.size() * 2);
  for (auto& [k, v] : entries) {
    children.push_back(std::move(k));
    children.push_back(std::move(v));
  }
  return make_text_node(NodeKind::object_expr, {}, children);
}

Value make_bound_variable(std::string name) {
  Node* n = allocate_node(NodeKind::reference, 0, name.size());
  std::memcpy(const_cast<char*>(n->text_data()), name.data(), name.size());
  n->ref_kind = ReferenceKind::bound;
  n->aux = static_cast<std::uint32_t>(name.size());
  return adopt(n);
}

Value make_for(Value collection, std::string key_var, std::string value_var, Value key, Value value,
               Value condition, bool is_object, bool grouping) {
  std::string vars = key_var.empty() ? value_var : key_var + ", " + value_var;
  Value v = node_with(NodeKind::for_expr, vars, {collection, key, value, condition});
  auto* n = const_cast<Node*>(v.node());
  if (is_object) n->flags |= kObjectFor;
  if (grouping) n->flags |= kGrouping;
  return v;
}

BoundVariableScope::BoundVariableScope() {
  ++bound_depth;
  // to_string then insert: "v" + to_string(...) trips a GCC 12 -Wrestrict
  // false positive.
  name_ = bound_depth == 1 ? std::string(1, 'v') : std::to_string(bound_depth).insert(0, 1, 'v');
  key_name_ = bound_depth == 1 ? std::string(1, 'k') : std::to_string(bound_depth).insert(0, 1, 'k');
}
BoundVariableScope::~BoundVariableScope() { --bound_depth; }

SourceLocation to_location(const std::source_location& loc) { return SourceLocation::from(loc); }

void collect_references(const Value& v, std::vector<const Node*>& out) {
  // Depth first, in order, without recursion. A reference to one instance
  // keeps its index as a child: r[count.index] refers to count too.
  thread_local std::vector<const Node*>* stack_storage = new std::vector<const Node*>;
  std::vector<const Node*>& stack = *stack_storage;
  const std::size_t base = stack.size();
  if (v.node()) stack.push_back(v.node());
  while (stack.size() > base) {
    const Node* n = stack.back();
    stack.pop_back();
    if (n->kind == NodeKind::reference) out.push_back(n);
    for (std::size_t i = n->count; i-- > 0;)
      if (const Node* c = n->child(i).node()) stack.push_back(c);
  }
}

}  // namespace detail

std::string Value::to_hcl() const {
  std::string out;
  detail::append_hcl(out, *this);
  return out;
}

}  // namespace stackgen
