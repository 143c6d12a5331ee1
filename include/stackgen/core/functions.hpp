// Terraform's built-in functions, typed.
//
// Names follow Terraform; `try` is `try_` (a C++ keyword). They live in
// namespace stackgen so that argument-dependent lookup finds them for
// stackgen expressions without qualification.
#pragma once

#include <string>
#include <vector>

#include "stackgen/core/expr.hpp"

namespace stackgen {

namespace detail {
template <class R, class... A>
Expr<R> call(std::string_view name, const A&... args) {
  return Expr<R>::unchecked(make_call(name, std::vector<Value>{Value(args)...}));
}
}  // namespace detail

/// A list spread into the arguments of a call, Terraform's `f(a, xs...)`:
/// the last argument of function_call, made by expand(list).
class Expansion {
 public:
  explicit Expansion(Value list) : list_(std::move(list)) {}
  const Value& value() const noexcept { return list_; }

 private:
  Value list_;
};
/// `list...` as the last argument of function_call:
/// function_call<Number>("max", expand(var_sizes)) is `max(var.sizes...)`.
template <class C>
  requires(is_sequence_type_v<C> || std::same_as<C, Any>)
Expansion expand(const Expr<C>& list) {
  return Expansion(list.value());
}

namespace detail {
template <class... A>
consteval bool last_is_expansion() {
  bool last = false;
  ((last = std::same_as<A, Expansion>), ...);
  return last;
}
template <class A>
Value argument(const A& a) {
  if constexpr (std::same_as<A, Expansion>) return a.value();
  else return Value(a);
}
}  // namespace detail

/// Any function by name, typed by the caller: one without a typed wrapper
/// here, or a provider-defined one ("provider::aws::arn_parse"). Arguments
/// are stackgen expressions or C++ values, the last one may be expand(list).
/// `stackgen convert` writes it.
///
///   auto n = function_call<Number>("length", var_subnets);
template <class R, class... A>
Expr<R> function_call(std::string_view name, const A&... args) {
  constexpr std::size_t expansions = (std::size_t{0} + ... + std::size_t{std::same_as<A, Expansion>});
  static_assert(expansions == 0 || (expansions == 1 && detail::last_is_expansion<A...>()),
                "stackgen: expand(list) can only be the last argument of a call");
  if constexpr (expansions == 1)
    return Expr<R>::unchecked(detail::make_call_expanding_last(name, std::vector<Value>{detail::argument(args)...}));
  else
    return detail::call<R>(name, args...);
}

// --- Encoding
/// jsonencode of a document built in C++ (initializer lists, Value::object,
/// references inside). Literal strings in it are escaped so Terraform never
/// interprets `${...}` in them.
inline Expr<std::string> jsonencode(const Value& document) {
  return detail::call<std::string>("jsonencode", document);
}
/// The customization point of jsonencode (like nlohmann's adl_serializer):
/// a type with a `Value to_value(const T&)` found by argument-dependent
/// lookup is encoded as what that returns.
///
///   namespace my { struct Alarm {...}; stackgen::Value to_value(const Alarm&); }
///   jsonencode(my::Alarm{...});
template <class T>
  requires(!std::convertible_to<const T&, const Value&> && requires(const T& t) {
    { to_value(t) } -> std::convertible_to<Value>;
  })
Expr<std::string> jsonencode(const T& document) {
  return detail::call<std::string>("jsonencode", Value(to_value(document)));
}
inline Expr<Any> jsondecode(const Expr<std::string>& s) { return detail::call<Any>("jsondecode", s); }
inline Expr<std::string> base64encode(const Expr<std::string>& s) {
  return detail::call<std::string>("base64encode", s);
}
inline Expr<std::string> sha256(const Expr<std::string>& s) {
  return detail::call<std::string>("sha256", s);
}

// --- Strings
/// format("%s-%d", ...): arguments of any type.
template <class... A>
Expr<std::string> format(const Expr<std::string>& spec, const A&... args) {
  return detail::call<std::string>("format", spec, Value(args)...);
}
inline Expr<std::string> join(const Expr<std::string>& sep, const Expr<List<std::string>>& list) {
  return detail::call<std::string>("join", sep, list);
}
inline Expr<List<std::string>> split(const Expr<std::string>& sep, const Expr<std::string>& s) {
  return detail::call<List<std::string>>("split", sep, s);
}
inline Expr<std::string> replace(const Expr<std::string>& s, const Expr<std::string>& what,
                                 const Expr<std::string>& with) {
  return detail::call<std::string>("replace", s, what, with);
}
inline Expr<std::string> lower(const Expr<std::string>& s) { return detail::call<std::string>("lower", s); }
inline Expr<std::string> upper(const Expr<std::string>& s) { return detail::call<std::string>("upper", s); }
inline Expr<std::string> trimspace(const Expr<std::string>& s) {
  return detail::call<std::string>("trimspace", s);
}
inline Expr<std::string> substr(const Expr<std::string>& s, const Expr<Number>& offset, const Expr<Number>& length) {
  return detail::call<std::string>("substr", s, offset, length);
}
inline Expr<std::string> title(const Expr<std::string>& s) { return detail::call<std::string>("title", s); }
inline Expr<bool> startswith(const Expr<std::string>& s, const Expr<std::string>& prefix) {
  return detail::call<bool>("startswith", s, prefix);
}
inline Expr<bool> endswith(const Expr<std::string>& s, const Expr<std::string>& suffix) {
  return detail::call<bool>("endswith", s, suffix);
}
template <class T>
Expr<std::string> tostring(const Expr<T>& v) {
  return detail::call<std::string>("tostring", v);
}
inline Expr<Number> tonumber(const Expr<std::string>& v) { return detail::call<Number>("tonumber", v); }

// --- Collections
template <class C>
  requires(is_sequence_type_v<C> || is_map_type_v<C> || std::same_as<C, std::string> ||
           std::same_as<C, Any>)
Expr<Number> length(const Expr<C>& c) {
  return detail::call<Number>("length", c);
}
template <class C>
  requires is_sequence_type_v<C>
Expr<element_type_t<C>> element(const Expr<C>& list, const Expr<Number>& index) {
  return detail::call<element_type_t<C>>("element", list, index);
}
template <class T>
Expr<T> lookup(const Expr<Map<T>>& map, const Expr<std::string>& key,
               const std::type_identity_t<Expr<T>>& fallback) {
  return detail::call<T>("lookup", map, key, fallback);
}
template <class T, class... M>
Expr<Map<T>> merge(const Expr<Map<T>>& first, const M&... rest) {
  return detail::call<Map<T>>("merge", first, Expr<Map<T>>(rest)...);
}
template <class T, class... L>
Expr<List<T>> concat(const Expr<List<T>>& first, const L&... rest) {
  return detail::call<List<T>>("concat", first, Expr<List<T>>(rest)...);
}
template <class T>
Expr<List<T>> tolist(const Expr<Set<T>>& s) {
  return detail::call<List<T>>("tolist", s);
}
template <class T>
Expr<Set<T>> toset(const Expr<List<T>>& l) {
  return detail::call<Set<T>>("toset", l);
}
template <class T>
Expr<Map<T>> tomap(const Expr<Map<T>>& m) {
  return detail::call<Map<T>>("tomap", m);
}
template <class T>
Expr<List<std::string>> keys(const Expr<Map<T>>& m) {
  return detail::call<List<std::string>>("keys", m);
}
template <class T>
Expr<List<T>> values(const Expr<Map<T>>& m) {
  return detail::call<List<T>>("values", m);
}
template <class T>
Expr<List<T>> flatten(const Expr<List<List<T>>>& l) {
  return detail::call<List<T>>("flatten", l);
}
template <class T>
Expr<List<T>> distinct(const Expr<List<T>>& l) {
  return detail::call<List<T>>("distinct", l);
}
template <class C>
  requires is_sequence_type_v<C>
Expr<bool> contains(const Expr<C>& c, const std::type_identity_t<Expr<element_type_t<C>>>& v) {
  return detail::call<bool>("contains", c, v);
}
template <class T>
Expr<Map<T>> zipmap(const Expr<List<std::string>>& keys, const Expr<List<T>>& values) {
  return detail::call<Map<T>>("zipmap", keys, values);
}
template <class T, class... R>
Expr<T> coalesce(const Expr<T>& first, const R&... rest) {
  return detail::call<T>("coalesce", first, Expr<T>(rest)...);
}
template <class T, class... R>
Expr<T> try_(const Expr<T>& first, const R&... rest) {
  return detail::call<T>("try", first, Expr<T>(rest)...);
}

// --- Sensitivity
/// Marks a value sensitive: Terraform redacts it, and an output of it must
/// be marked .sensitive().
template <class T>
Expr<T> sensitive(const Expr<T>& v) {
  return detail::call<T>("sensitive", v);
}
/// Declares a value derived from a secret not to be secret itself (a hash,
/// a length): outputs of it need no .sensitive().
template <class T>
Expr<T> nonsensitive(const Expr<T>& v) {
  return detail::call<T>("nonsensitive", v);
}

// --- Network
inline Expr<std::string> cidrsubnet(const Expr<std::string>& prefix, const Expr<Number>& newbits,
                                    const Expr<Number>& netnum) {
  return detail::call<std::string>("cidrsubnet", prefix, newbits, netnum);
}
inline Expr<std::string> cidrhost(const Expr<std::string>& prefix, const Expr<Number>& hostnum) {
  return detail::call<std::string>("cidrhost", prefix, hostnum);
}

// --- Files
inline Expr<std::string> file(const Expr<std::string>& path) { return detail::call<std::string>("file", path); }
inline Expr<std::string> templatefile(const Expr<std::string>& path, const Value& vars) {
  return detail::call<std::string>("templatefile", path, vars);
}

}  // namespace stackgen
