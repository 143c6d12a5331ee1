// Expression nodes: what a Value points to. Internal to src/core.
//
// A node is one allocation: a 32-byte header followed by its children
// (Values), for objects the end offsets of their keys, and its text. Nodes
// are immutable once built, reference counted (non-atomically: a stack is
// built on one thread) and allocated from per-thread size-class pools, so
// that a stack of 150k resources is a few hundred MB of compact nodes rather
// than millions of malloc'd ones. Nothing that walks nodes recurses: deep
// expressions (a 100k-term chain) are walked with explicit stacks, freed
// with a worklist.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "stackgen/core/value.hpp"

namespace stackgen::detail {

struct BlockData;

enum class NodeKind : std::uint8_t {
  null_literal,  // explicit `null` (Expr(null), unset object fields)
  boolean,       // flags: kTrue
  integer,
  real,
  string,       // text
  list,         // children
  object,       // children = values, keys sorted (stable) by key
  template_,    // children: string parts and expressions, concatenated
  reference,    // text = the traversal; aux = length of its address prefix; children: the instance key, if any
  call,         // text = function name, children = arguments; flags: kExpandLast
  binary,       // text = operator, children = {lhs, rhs}
  unary,        // text = operator, children = {operand}
  conditional,  // children = {condition, if_true, if_false}
  index,        // children = {collection, key}
  get_attr,     // text = attribute name, children = {object}
  list_expr,    // a list whose elements render as HCL even when literal
  for_expr,     // text = "k, v" or "v"; children = {collection, key, value, condition}; flags: kObjectFor, kGrouping
  object_expr,  // an object constructor with keys that are expressions; children = {key, value, key, value, ...}
  raw,          // text = HCL, the caller's word
};

enum class ReferenceKind : std::uint8_t { block, count, each, path, self, bound, terraform, unresolved };

// Node::flags
inline constexpr std::uint8_t kTrue = 1;               // boolean
inline constexpr std::uint8_t kObjectFor = 1;          // for_expr: {for ...}
inline constexpr std::uint8_t kGrouping = 2;           // for_expr: value...
inline constexpr std::uint8_t kExpandLast = 1;         // call: f(a, list...)
inline constexpr std::uint8_t kDuplicateKeys = 1;      // object: two fields share a key
inline constexpr std::uint8_t kTemplateCharsInKey = 2;  // object: a key contains '$' or '%'
inline constexpr std::uint8_t kSetLiteral = 1;         // list: a literal of a set type (for_each wants toset)

struct Node {
  std::uint32_t refs;
  NodeKind kind;
  std::uint8_t flags;
  ReferenceKind ref_kind;
  std::uint8_t reserved;
  std::uint32_t text_size;
  std::uint32_t count;  // children
  std::uint32_t aux;    // reference: size of the address prefix of text
  union {
    std::int64_t integer;
    double real;
    const BlockData* target;  // reference to a declared block (ReferenceKind::block)
    std::uint64_t none;
  };

  const Value* children() const noexcept { return reinterpret_cast<const Value*>(this + 1); }
  Value* children() noexcept { return reinterpret_cast<Value*>(this + 1); }
  std::span<const Value> items() const noexcept { return {children(), count}; }
  const Value& child(std::size_t i) const noexcept { return children()[i]; }
  const std::uint32_t* key_ends() const noexcept {
    return reinterpret_cast<const std::uint32_t*>(children() + count);
  }
  const char* text_data() const noexcept {
    const char* after_children = reinterpret_cast<const char*>(children() + count);
    return kind == NodeKind::object ? after_children + count * sizeof(std::uint32_t) : after_children;
  }
  std::string_view text() const noexcept { return {text_data(), text_size}; }
  /// The key of field i of an object.
  std::string_view key(std::size_t i) const noexcept {
    const std::uint32_t begin = i == 0 ? 0 : key_ends()[i - 1];
    return {text_data() + begin, key_ends()[i] - begin};
  }
  /// The address part of a reference's text: "aws_vpc.vpc" of "aws_vpc.vpc.id".
  std::string_view address() const noexcept { return text().substr(0, aux); }
};
static_assert(sizeof(Node) == 32);

/// A new node with room for `children` Values and `text_size` characters
/// (plus key offsets for objects). Children are default-constructed (null);
/// the caller fills them and the text.
Node* allocate_node(NodeKind kind, std::size_t children, std::size_t text_size);
/// A Value owning `n` (refcount 1).
inline Value adopt(Node* n) noexcept { return Value::from_node(n); }
/// Another Value of an existing node.
inline Value share(const Node* n) noexcept {
  if (n) ++refs_of(n);
  return Value::from_node(n);
}

/// Building input of objects: keys and values, held elsewhere. Up to 32
/// fields live on the stack (no allocation for typical objects).
class FieldViews {
 public:
  using Field = std::pair<std::string_view, const Value*>;
  void reserve(std::size_t n) {
    if (n > kInline) heap_.reserve(n);
  }
  void emplace_back(std::string_view key, const Value* value) {
    if (size_ < kInline && heap_.empty()) {
      inline_[size_++] = {key, value};
      return;
    }
    if (heap_.empty()) heap_.assign(inline_, inline_ + size_);
    heap_.emplace_back(key, value);
    ++size_;
  }
  std::span<const Field> span() const { return heap_.empty() ? std::span<const Field>(inline_, size_) : heap_; }

 private:
  static constexpr std::size_t kInline = 32;
  Field inline_[kInline];
  std::size_t size_ = 0;
  std::vector<Field> heap_;
};

/// Builders used throughout the core.
Value make_string(std::string_view text);
Value make_text_node(NodeKind kind, std::string_view text, std::span<const Value> children);
Value make_object_node(std::span<const std::pair<std::string_view, const Value*>> fields);

/// Frees a node whose count dropped to zero, and every child that thereby
/// drops to zero, with a worklist instead of recursion.
void destroy_node(const Node* n) noexcept;

}  // namespace stackgen::detail
