// Value: an untyped Terraform value or expression.
//
// A Value is a small immutable handle (one shared pointer) to a node of an
// expression tree: a literal (null, bool, number, string, list, object) or an
// expression (reference, function call, template, operator, ...). Typed code
// uses Expr<T>, which wraps a Value; Value is what documents passed to
// jsonencode, escape hatches and the emitter work with.
#pragma once

#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace stackgen {

namespace detail {
struct Node;
}

class Value {
 public:
  using Field = std::pair<std::string, Value>;

  /// null
  Value() noexcept = default;
  // Out of line: stack programs copy and destroy Values in every setter
  // chain, and inlining the shared_ptr reference counting there made stack
  // translation units a quarter slower to compile (bench/README.md).
  Value(const Value& other) noexcept;
  Value(Value&& other) noexcept;
  Value& operator=(const Value& other) noexcept;
  Value& operator=(Value&& other) noexcept;
  ~Value();
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
  Value(std::string s);
  Value(std::string_view s);
  /// Like nlohmann::json: a list whose elements are all two-element lists
  /// starting with a literal string is an object; anything else is a list.
  /// Use Value::list / Value::object to say which explicitly.
  Value(std::initializer_list<Value> items);

  static Value list(std::vector<Value> items);
  static Value object(std::vector<Field> fields);

  bool is_null() const noexcept { return node_ == nullptr; }
  /// True when the value contains no expression (references, calls...).
  bool is_literal() const noexcept;
  /// The literal string, or nullptr when this is not a literal string.
  const std::string* as_string() const noexcept;
  /// The literal number, when this is a literal integer or double.
  bool as_number(double& out) const noexcept;
  bool as_bool(bool& out) const noexcept;
  /// Elements of a literal list (empty for anything else).
  const std::vector<Value>& items() const noexcept;
  /// Fields of a literal object (empty for anything else).
  const std::vector<Field>& fields() const noexcept;
  /// The field of a literal object with this key, or a null Value.
  Value field(std::string_view key) const noexcept;

  /// The value as an HCL expression (what stands inside `${...}`).
  std::string to_hcl() const;

  const detail::Node* node() const noexcept { return node_.get(); }
  explicit Value(std::shared_ptr<const detail::Node> node) noexcept : node_(std::move(node)) {}

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

  std::shared_ptr<const detail::Node> node_;
};

}  // namespace stackgen
