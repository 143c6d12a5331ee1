// Value: an untyped Terraform value or expression.
//
// A Value is a small immutable handle (one pointer) to a node of an
// expression tree: a literal (null, bool, number, string, list, object) or an
// expression (reference, function call, template, operator, ...). Typed code
// uses Expr<T>, which wraps a Value; Value is what documents passed to
// jsonencode, escape hatches and the emitter work with.
//
// Nodes are reference counted without atomics: build a stack on one thread
// (values may move between threads, but not be copied on two at once).
#pragma once

#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace stackgen {

namespace detail {
struct Node;
void destroy_node(const Node* n) noexcept;
// The reference count is a node's first member (src/core/model/node.hpp), so
// that copying a Value is an inline increment.
inline std::uint32_t& refs_of(const Node* n) noexcept {
  return *reinterpret_cast<std::uint32_t*>(const_cast<Node*>(n));
}
}  // namespace detail

class Value {
 public:
  /// Building input of Value::object: a key and its value.
  using Field = std::pair<std::string, Value>;
  /// One field of an object, as read: views into the node.
  struct FieldView {
    std::string_view key;
    const Value& value;
  };
  class FieldRange;

  /// null
  Value() noexcept = default;
  Value(const Value& other) noexcept : node_(other.node_) {
    if (node_) ++detail::refs_of(node_);
  }
  Value(Value&& other) noexcept : node_(std::exchange(other.node_, nullptr)) {}
  Value& operator=(const Value& other) noexcept {
    Value copy(other);
    std::swap(node_, copy.node_);
    return *this;
  }
  Value& operator=(Value&& other) noexcept {
    std::swap(node_, other.node_);
    return *this;
  }
  ~Value() {
    if (node_ && --detail::refs_of(node_) == 0) detail::destroy_node(node_);
  }
  Value(std::nullptr_t) noexcept {}
  template <class B>
    requires std::same_as<B, bool>
  Value(B b) : Value(make_bool(b)) {}
  template <class I>
    requires(std::integral<I> && !std::same_as<I, bool> && !std::same_as<I, char>)
  Value(I i) : Value(from_integral(i)) {}
  template <class F>
    requires std::floating_point<F>
  Value(F f) : Value(make_double(static_cast<double>(f))) {}
  Value(const char* s);
  Value(const std::string& s);
  Value(std::string_view s);
  /// Like nlohmann::json: a list whose elements are all two-element lists
  /// starting with a literal string is an object; anything else is a list.
  /// Use Value::list / Value::object to say which explicitly.
  Value(std::initializer_list<Value> items);

  static Value list(std::span<const Value> items);
  static Value list(std::initializer_list<Value> items) { return list(std::span<const Value>(items.begin(), items.size())); }
  static Value list(const std::vector<Value>& items) { return list(std::span<const Value>(items)); }
  /// An object; fields are kept sorted by key (Terraform and the emitter
  /// sort them anyway). Two fields with one key are an error at emit.
  static Value object(const std::vector<Field>& fields);

  bool is_null() const noexcept { return node_ == nullptr; }
  /// True when the value contains no expression (references, calls...).
  bool is_literal() const noexcept;
  /// The literal string; nullopt when this is not a literal string.
  std::optional<std::string_view> as_string() const noexcept;
  /// The literal number, when this is a literal integer or double.
  bool as_number(double& out) const noexcept;
  bool as_bool(bool& out) const noexcept;
  /// Elements of a literal list (empty for anything else).
  std::span<const Value> items() const noexcept;
  /// Fields of a literal object, sorted by key (empty for anything else).
  FieldRange fields() const noexcept;
  /// The field of a literal object with this key, or a null Value.
  Value field(std::string_view key) const noexcept;

  /// The value as an HCL expression (what stands inside `${...}`).
  std::string to_hcl() const;

  const detail::Node* node() const noexcept { return node_; }
  /// Takes over a node whose count is already 1 (the core's builders).
  static Value from_node(const detail::Node* n) noexcept {
    Value v;
    v.node_ = n;
    return v;
  }

 private:
  template <class I>
  static Value from_integral(I i) {
    // Unsigned values beyond int64 stay exact as far as a double can hold them.
    if constexpr (std::is_unsigned_v<I> && sizeof(I) >= sizeof(std::int64_t)) {
      if (i > static_cast<I>(INT64_MAX)) return make_double(static_cast<double>(i));
    }
    return make_int(static_cast<std::int64_t>(i));
  }
  static Value make_bool(bool b);
  static Value make_int(std::int64_t i);
  static Value make_double(double d);

  const detail::Node* node_ = nullptr;
};

/// The fields of an object value: `for (auto [key, value] : v.fields())`.
class Value::FieldRange {
 public:
  class iterator {
   public:
    using value_type = FieldView;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    iterator(const detail::Node* n, std::size_t i) : node_(n), i_(i) {}
    FieldView operator*() const;
    iterator& operator++() {
      ++i_;
      return *this;
    }
    iterator operator++(int) {
      iterator copy = *this;
      ++i_;
      return copy;
    }
    bool operator==(const iterator& o) const { return i_ == o.i_; }

   private:
    const detail::Node* node_ = nullptr;
    std::size_t i_ = 0;
  };
  FieldRange(const detail::Node* n, std::size_t size) : node_(n), size_(size) {}
  iterator begin() const { return {node_, 0}; }
  iterator end() const { return {node_, size_}; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

 private:
  const detail::Node* node_;
  std::size_t size_;
};

}  // namespace stackgen
