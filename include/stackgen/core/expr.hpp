// Expr<T>: a Terraform value or expression of Terraform type T.
//
// Every typed attribute takes an Expr<T>. It is constructible from a C++
// literal of the matching type ("text", 42, true, {"a", "b"}, {{"k", "v"}})
// and from expressions of the same Terraform type (references, function
// results, variables). Anything else does not compile: that is the point.
#pragma once

#include <initializer_list>
#include <source_location>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "stackgen/core/types.hpp"
#include "stackgen/core/value.hpp"

namespace stackgen {

/// Terraform `null`, of any type: `.description(stackgen::null)` unsets.
struct Null {};
inline constexpr Null null{};

namespace detail {
// Builders of expression nodes, implemented in src/core/expression.cpp.
Value make_null_typed();
Value make_call(std::string_view function, std::vector<Value> args);
/// `function(args...)` with the last argument expanded: `function(a, b...)`.
Value make_call_expanding_last(std::string_view function, std::vector<Value> args);
Value make_binary(std::string_view op, Value lhs, Value rhs);
Value make_unary(std::string_view op, Value operand);
Value make_conditional(Value condition, Value if_true, Value if_false);
Value make_index(Value collection, Value key);
Value make_get_attr(Value object, std::string_view name);
Value make_template(std::vector<Value> parts);
/// a + b as a template (no vector of parts: the most common expression).
Value make_concat(const Value& a, const Value& b);
Value make_raw(std::string hcl);
/// A reference from Terraform text; throws stackgen::Error (located at
/// `where`) unless the text is a traversal: name(.name|[n]|["key"]|[*])*.
Value make_reference_from_text(std::string_view traversal, const std::source_location& where);
Value make_special_reference(std::string_view traversal);
Value make_list_expr(std::vector<Value> items);
Value make_map_expr(std::vector<std::pair<std::string, Value>> fields);
/// An object whose keys may be expressions: Value::object when every key is
/// a literal string, else HCL's object constructor `{(key) = value, ...}`.
Value make_object_expr(std::vector<std::pair<Value, Value>> entries);
Value make_bound_variable(std::string name);
Value make_for(Value collection, std::string key_var, std::string value_var, Value key, Value value,
               Value condition, bool is_object, bool grouping = false);
/// Names the variable of a for-expression by nesting depth (v, v2, ...), so
/// output does not depend on how many other expressions a program built.
class BoundVariableScope {
 public:
  BoundVariableScope();
  ~BoundVariableScope();
  BoundVariableScope(const BoundVariableScope&) = delete;
  BoundVariableScope& operator=(const BoundVariableScope&) = delete;
  /// The value variable: v, v2, ...
  const std::string& name() const { return name_; }
  /// The key variable of `for k, v in ...`: k, k2, ...
  const std::string& key_name() const { return key_name_; }

 private:
  std::string name_;
  std::string key_name_;
};

template <class T>
inline constexpr bool always_false = false;

// Expr<T> and what derives from it (Variable<T>).
template <class U>
concept is_expr = requires { typename U::type; } && std::is_convertible_v<const U&, const Value&>;

// Implicit conversions Terraform performs without loss: list <-> set of the
// same element type, anything -> any, a typed object -> object.
template <class From, class To>
struct converts : std::false_type {};
template <class From>
struct converts<From, Any> : std::true_type {};
template <class E>
struct converts<List<E>, Set<E>> : std::true_type {};
template <class E>
struct converts<Set<E>, List<E>> : std::true_type {};
template <class From>
  requires std::is_base_of_v<ObjectType, From>
struct converts<From, Object> : std::true_type {};
}  // namespace detail

template <class T>
class Expr {
 public:
  using type = T;

  Expr(const char* s)
    requires std::same_as<T, std::string>
      : v_(s) {}
  Expr(std::string s)
    requires std::same_as<T, std::string>
      : v_(std::move(s)) {}
  Expr(std::string_view s)
    requires std::same_as<T, std::string>
      : v_(s) {}
  template <class N>
    requires(std::same_as<T, Number> && std::is_arithmetic_v<N> && !std::same_as<N, bool> &&
             !std::same_as<N, char>)
  Expr(N n) : v_(n) {}
  template <class B>
    requires(std::same_as<T, bool> && std::same_as<B, bool>)
  Expr(B b) : v_(b) {}

  Expr(std::initializer_list<Expr<element_type_t<T>>> items)
    requires is_sequence_type_v<T>
      : v_(Value::list(unwrap(items))) {}
  Expr(const std::vector<Expr<element_type_t<T>>>& items)
    requires is_sequence_type_v<T>
      : v_(Value::list(unwrap(items))) {}
  Expr(std::initializer_list<std::pair<const std::string, Expr<element_type_t<T>>>> entries)
    requires is_map_type_v<T>
  {
    std::vector<Value::Field> fields;
    fields.reserve(entries.size());
    for (const auto& [k, e] : entries) fields.emplace_back(k, e.value());
    v_ = Value::object(std::move(fields));
  }
  Expr(const std::vector<std::pair<std::string, Expr<element_type_t<T>>>>& entries)
    requires is_map_type_v<T>
  {
    std::vector<Value::Field> fields;
    fields.reserve(entries.size());
    for (const auto& [k, e] : entries) fields.emplace_back(k, e.value());
    v_ = Value::object(std::move(fields));
  }
  /// A generated object struct (e.g. aws::SecurityGroup::Ingress).
  Expr(const T& object)
    requires std::is_base_of_v<ObjectType, T>
      : v_(object.value()) {}
  /// Untyped documents are accepted where the type is dynamic.
  Expr(Value v)
    requires(std::same_as<T, Any> || std::same_as<T, Object>)
      : v_(std::move(v)) {}
  /// ... and so is any C++ value a Value can hold ("text", 42, true).
  template <class U>
    requires((std::same_as<T, Any> || std::same_as<T, Object>) &&
             !std::same_as<std::remove_cvref_t<U>, Value> && !detail::is_expr<std::remove_cvref_t<U>> &&
             std::constructible_from<Value, U>)
  Expr(U&& u) : v_(Value(std::forward<U>(u))) {}
  Expr(Null) : v_(detail::make_null_typed()) {}

  template <class U>
    requires detail::converts<U, T>::value
  Expr(const Expr<U>& other) : v_(other.value()) {}

  /// Wraps an untyped value the caller vouches for (generated code, functions).
  static Expr unchecked(Value v) {
    Expr e{Unchecked{}};
    e.v_ = std::move(v);
    return e;
  }

  const Value& value() const noexcept { return v_; }
  operator const Value&() const noexcept { return v_; }

  /// list[index]
  Expr<element_type_t<T>> operator[](const Expr<Number>& index) const
    requires is_sequence_type_v<T>
  {
    return Expr<element_type_t<T>>::unchecked(detail::make_index(v_, index.value()));
  }
  /// map[key]
  Expr<element_type_t<T>> operator[](const Expr<std::string>& key) const
    requires is_map_type_v<T>
  {
    return Expr<element_type_t<T>>::unchecked(detail::make_index(v_, key.value()));
  }
  /// object.field, typed by the caller (objects whose shape C++ does not
  /// know). A name that is not an identifier is written as an index,
  /// object["name"], quoted and escaped.
  template <class F>
  Expr<F> get(std::string_view field) const
    requires(is_object_type_v<T> || std::same_as<T, Any>)
  {
    return Expr<F>::unchecked(detail::make_get_attr(v_, field));
  }

  // String concatenation builds a template: app + "-vpc" -> "${var.app}-vpc".
  friend Expr operator+(const Expr& a, const Expr& b)
    requires std::same_as<T, std::string>
  {
    return unchecked(detail::make_concat(a.v_, b.v_));
  }
  friend Expr operator+(const Expr& a, const Expr& b)
    requires std::same_as<T, Number>
  {
    return unchecked(detail::make_binary("+", a.v_, b.v_));
  }
  friend Expr operator-(const Expr& a, const Expr& b)
    requires std::same_as<T, Number>
  {
    return unchecked(detail::make_binary("-", a.v_, b.v_));
  }
  friend Expr operator*(const Expr& a, const Expr& b)
    requires std::same_as<T, Number>
  {
    return unchecked(detail::make_binary("*", a.v_, b.v_));
  }
  friend Expr operator/(const Expr& a, const Expr& b)
    requires std::same_as<T, Number>
  {
    return unchecked(detail::make_binary("/", a.v_, b.v_));
  }
  friend Expr operator%(const Expr& a, const Expr& b)
    requires std::same_as<T, Number>
  {
    return unchecked(detail::make_binary("%", a.v_, b.v_));
  }
  friend Expr operator&&(const Expr& a, const Expr& b)
    requires std::same_as<T, bool>
  {
    return unchecked(detail::make_binary("&&", a.v_, b.v_));
  }
  friend Expr operator||(const Expr& a, const Expr& b)
    requires std::same_as<T, bool>
  {
    return unchecked(detail::make_binary("||", a.v_, b.v_));
  }
  friend Expr operator!(const Expr& a)
    requires std::same_as<T, bool>
  {
    return unchecked(detail::make_unary("!", a.v_));
  }

 private:
  struct Unchecked {};
  explicit Expr(Unchecked) {}

  template <class C>
  static std::vector<Value> unwrap(const C& items) {
    std::vector<Value> out;
    out.reserve(items.size());
    for (const auto& e : items) out.push_back(e.value());
    return out;
  }

  Value v_;
};

namespace detail {
/// Text on one side of a `+`: a string expression (or variable), or C++
/// text (a literal, std::string).
template <class T>
concept text_operand = std::derived_from<T, Expr<std::string>> || std::convertible_to<const T&, std::string_view>;
template <class T>
concept number_operand = std::derived_from<T, Expr<Number>>;
}  // namespace detail

/// Text plus a number expression, either way round (`name + "-" +
/// (count_index() + 1)`), is a mistake Terraform would reject too; the
/// message says what to write instead.
template <class L, class R>
  requires((detail::text_operand<L> && detail::number_operand<R>) ||
           (detail::number_operand<L> && detail::text_operand<R>))
Expr<std::string> operator+(const L&, const R&) {
  static_assert(detail::always_false<L>,
                "stackgen: cannot add a string and a number: convert the number with tostring(n), or build the "
                "text with format(\"%s-%d\", text, n)");
  return Expr<std::string>::unchecked(Value{});
}

/// A reference is an expression; the alias documents intent in signatures.
template <class T>
using Ref = Expr<T>;

// --- Comparisons. Named functions rather than operators: C++20 rewrites
// == and != in ways that would not let them return Expr<bool>.
// The second operand takes its type from the first, so literals convert:
// eq(var.env, "prod").
template <class T>
Expr<bool> eq(const Expr<T>& a, const std::type_identity_t<Expr<T>>& b) {
  return Expr<bool>::unchecked(detail::make_binary("==", a.value(), b.value()));
}
template <class T>
Expr<bool> ne(const Expr<T>& a, const std::type_identity_t<Expr<T>>& b) {
  return Expr<bool>::unchecked(detail::make_binary("!=", a.value(), b.value()));
}
inline Expr<bool> lt(const Expr<Number>& a, const Expr<Number>& b) {
  return Expr<bool>::unchecked(detail::make_binary("<", a.value(), b.value()));
}
inline Expr<bool> le(const Expr<Number>& a, const Expr<Number>& b) {
  return Expr<bool>::unchecked(detail::make_binary("<=", a.value(), b.value()));
}
inline Expr<bool> gt(const Expr<Number>& a, const Expr<Number>& b) {
  return Expr<bool>::unchecked(detail::make_binary(">", a.value(), b.value()));
}
inline Expr<bool> ge(const Expr<Number>& a, const Expr<Number>& b) {
  return Expr<bool>::unchecked(detail::make_binary(">=", a.value(), b.value()));
}
/// `value == null`
template <class T>
Expr<bool> is_null(const Expr<T>& a) {
  return Expr<bool>::unchecked(detail::make_binary("==", a.value(), detail::make_null_typed()));
}

/// `condition ? if_true : if_false`; with two literals name the type:
/// cond<Number>(is_prod, 3, 1).
template <class T>
Expr<T> cond(const Expr<bool>& condition, const Expr<T>& if_true,
             const std::type_identity_t<Expr<T>>& if_false) {
  return Expr<T>::unchecked(
      detail::make_conditional(condition.value(), if_true.value(), if_false.value()));
}

/// `count.index` inside a resource with `count`.
inline Expr<Number> count_index() {
  return Expr<Number>::unchecked(detail::make_special_reference("count.index"));
}
/// `each.key` inside a resource with `for_each`.
inline Expr<std::string> each_key() {
  return Expr<std::string>::unchecked(detail::make_special_reference("each.key"));
}
/// `each.value`, typed by the caller.
template <class T = Any>
Expr<T> each_value() {
  return Expr<T>::unchecked(detail::make_special_reference("each.value"));
}
/// `path.module`: the directory of the module the expression is in.
inline Expr<std::string> path_module() {
  return Expr<std::string>::unchecked(detail::make_special_reference("path.module"));
}
/// `path.root`: the directory of the root module.
inline Expr<std::string> path_root() {
  return Expr<std::string>::unchecked(detail::make_special_reference("path.root"));
}
/// `path.cwd`: the directory terraform runs in.
inline Expr<std::string> path_cwd() {
  return Expr<std::string>::unchecked(detail::make_special_reference("path.cwd"));
}
/// `terraform.workspace`: the name of the selected workspace ("default").
inline Expr<std::string> terraform_workspace() {
  return Expr<std::string>::unchecked(detail::make_special_reference("terraform.workspace"));
}

/// A reference written as Terraform text, e.g. ref<std::string>("aws_vpc.main.id").
/// Text that is not a traversal throws stackgen::Error at this line; the
/// address (and, for known types, the attribute) is checked at emit.
template <class T>
Expr<T> ref(std::string_view traversal, std::source_location where = std::source_location::current()) {
  return Expr<T>::unchecked(detail::make_reference_from_text(traversal, where));
}
/// Any HCL expression, verbatim. The escape hatch of last resort: the type is
/// the caller's word and the text is not checked.
template <class T>
Expr<T> raw(std::string hcl) {
  return Expr<T>::unchecked(detail::make_raw(std::move(hcl)));
}
/// Reinterprets a dynamic value as T (Terraform converts at plan time).
template <class T>
Expr<T> as(const Expr<Any>& e) {
  return Expr<T>::unchecked(e.value());
}

namespace detail {
template <class V>
struct expr_type {
  using type = Any;
};
template <class X>
struct expr_type<Expr<X>> {
  using type = X;
};
}  // namespace detail

namespace detail {
/// The key of `for k, v in collection`: a list's index, a map's key, a set's
/// element itself (Terraform iterates a set with each element as its own
/// key), Any for a collection whose type C++ does not know.
template <class C>
struct for_key {
  using type = Any;
};
template <class E>
struct for_key<List<E>> {
  using type = Number;
};
template <class E>
struct for_key<Set<E>> {
  using type = E;
};
template <class E>
struct for_key<Map<E>> {
  using type = std::string;
};

/// The variables of one for expression, bound while its lambdas are called:
/// `v`, or `k, v` when `f` takes (key, value).
template <class C, class F>
class ForVariables {
 public:
  using Key = typename for_key<C>::type;
  using Element = element_type_t<C>;
  static constexpr bool keyed = std::is_invocable_v<F&, const Expr<Key>&, const Expr<Element>&>;

  ForVariables()
      : key_(Expr<Key>::unchecked(make_bound_variable(scope_.key_name()))),
        value_(Expr<Element>::unchecked(make_bound_variable(scope_.name()))) {}

  /// `g(value)`, or `g(key, value)` for a keyed for expression; `g` is `f`
  /// or the `keep` lambda, which must take what `f` takes.
  template <class G>
  auto operator()(G&& g) const {
    if constexpr (keyed) {
      static_assert(std::is_invocable_v<G&, const Expr<Key>&, const Expr<Element>&>,
                    "stackgen: the lambdas of one for expression take the same variables: (key, value) for both");
      return g(key_, value_);
    } else {
      static_assert(std::is_invocable_v<G&, const Expr<Element>&>,
                    "stackgen: the lambdas of one for expression take the same variables: (value) for both");
      return g(value_);
    }
  }
  std::string key_var() const { return keyed ? scope_.key_name() : std::string(); }
  const std::string& value_var() const { return scope_.name(); }

 private:
  BoundVariableScope scope_;
  Expr<Key> key_;
  Expr<Element> value_;
};
}  // namespace detail

/// A map whose keys are expressions, HCL's `{"k-${x}" = v, (var.k) = w}`:
///
///   .tags(map_of<std::string>({{"Name", "private"},
///                              {"kubernetes.io/cluster/" + var_cluster, "owned"}}))
///
/// Keys are written in the order given (Terraform evaluates them then; two
/// that evaluate equal are its error). With literal keys only it is the same
/// as Expr<Map<T>>{{"k", v}, ...}.
template <class T>
Expr<Map<T>> map_of(std::vector<std::pair<Expr<std::string>, Expr<T>>> entries) {
  std::vector<std::pair<Value, Value>> e;
  e.reserve(entries.size());
  for (auto& [k, v] : entries) e.emplace_back(k.value(), v.value());
  return Expr<Map<T>>::unchecked(detail::make_object_expr(std::move(e)));
}

/// `[for v in collection : f(v)]`; with `f(k, v)`, `[for k, v in collection
/// : f(k, v)]` (k: a list's index, a map's key, a set's element).
template <class C, class F>
auto for_list(const Expr<C>& collection, F&& f) {
  detail::ForVariables<C, F> vars;
  auto result = vars(f);
  using R = typename detail::expr_type<std::remove_cvref_t<decltype(result)>>::type;
  return Expr<List<R>>::unchecked(detail::make_for(collection.value(), vars.key_var(), vars.value_var(), Value{},
                                                   Value(result), Value{}, false));
}
/// `[for v in collection : f(v) if keep(v)]` (or with (k, v), for both lambdas).
template <class C, class F, class K>
auto for_list(const Expr<C>& collection, F&& f, K&& keep) {
  detail::ForVariables<C, F> vars;
  auto result = vars(f);
  Expr<bool> condition = vars(keep);
  using R = typename detail::expr_type<std::remove_cvref_t<decltype(result)>>::type;
  return Expr<List<R>>::unchecked(detail::make_for(collection.value(), vars.key_var(), vars.value_var(), Value{},
                                                   Value(result), condition.value(), false));
}

/// `{for v in collection : key(v) => value(v)}`. `f` returns {key, value};
/// with `f(k, v)`, `{for k, v in collection : ...}`.
template <class C, class F>
auto for_map(const Expr<C>& collection, F&& f) {
  detail::ForVariables<C, F> vars;
  auto [key, value] = vars(f);
  using R = typename detail::expr_type<std::remove_cvref_t<decltype(value)>>::type;
  return Expr<Map<R>>::unchecked(detail::make_for(collection.value(), vars.key_var(), vars.value_var(), Value(key),
                                                  Value(value), Value{}, true));
}
/// `{for v in collection : key(v) => value(v) if keep(v)}` (or with (k, v)).
template <class C, class F, class K>
auto for_map(const Expr<C>& collection, F&& f, K&& keep) {
  detail::ForVariables<C, F> vars;
  auto [key, value] = vars(f);
  Expr<bool> condition = vars(keep);
  using R = typename detail::expr_type<std::remove_cvref_t<decltype(value)>>::type;
  return Expr<Map<R>>::unchecked(detail::make_for(collection.value(), vars.key_var(), vars.value_var(), Value(key),
                                                  Value(value), condition.value(), true));
}
/// Grouping: `{for v in collection : key(v) => value(v)...}` collects the
/// values of equal keys into lists (Map<List<R>>); `f(k, v)` as for for_map.
template <class C, class F>
auto group_by(const Expr<C>& collection, F&& f) {
  detail::ForVariables<C, F> vars;
  auto [key, value] = vars(f);
  using R = typename detail::expr_type<std::remove_cvref_t<decltype(value)>>::type;
  return Expr<Map<List<R>>>::unchecked(detail::make_for(collection.value(), vars.key_var(), vars.value_var(),
                                                        Value(key), Value(value), Value{}, true, /*grouping=*/true));
}
/// `{for v in collection : key(v) => value(v)... if keep(v)}`: only the
/// elements `keep` accepts are grouped.
template <class C, class F, class K>
auto group_by(const Expr<C>& collection, F&& f, K&& keep) {
  detail::ForVariables<C, F> vars;
  auto [key, value] = vars(f);
  Expr<bool> condition = vars(keep);
  using R = typename detail::expr_type<std::remove_cvref_t<decltype(value)>>::type;
  return Expr<Map<List<R>>>::unchecked(detail::make_for(collection.value(), vars.key_var(), vars.value_var(),
                                                        Value(key), Value(value), condition.value(), true,
                                                        /*grouping=*/true));
}

}  // namespace stackgen
