// Terraform's type system as C++ tag types.
//
// These tags never hold data; they parameterise Expr<T> so that the C++
// compiler enforces Terraform's types: an Expr<Number> does not convert to an
// Expr<std::string>, an Expr<List<std::string>> does not convert to a scalar.
#pragma once

#include <string>
#include <type_traits>

namespace stackgen {

/// Terraform `number`.
struct Number {};
/// Terraform `list(T)`.
template <class T>
struct List {};
/// Terraform `set(T)`.
template <class T>
struct Set {};
/// Terraform `map(T)`.
template <class T>
struct Map {};
/// An object whose attributes are not known to the C++ type system (e.g. an
/// element of a computed attribute of type object). Fields are reached with
/// `.get<T>("name")`, which is where the author states the field's type.
struct Object {};
/// Terraform `any` / dynamic: accepts every value. Used where the schema says
/// "dynamic" and for hand-written escape hatches.
struct Any {};

/// Base of generated object-type structs (attributes whose schema type is an
/// object, such as aws_security_group's `ingress` elements).
struct ObjectType {};

namespace detail {
template <class T>
struct is_list : std::false_type {};
template <class T>
struct is_list<List<T>> : std::true_type {};
template <class T>
struct is_set : std::false_type {};
template <class T>
struct is_set<Set<T>> : std::true_type {};
template <class T>
struct is_map : std::false_type {};
template <class T>
struct is_map<Map<T>> : std::true_type {};

template <class T>
struct element_type {
  using type = Any;
};
template <class T>
struct element_type<List<T>> {
  using type = T;
};
template <class T>
struct element_type<Set<T>> {
  using type = T;
};
template <class T>
struct element_type<Map<T>> {
  using type = T;
};
}  // namespace detail

template <class T>
inline constexpr bool is_sequence_type_v = detail::is_list<T>::value || detail::is_set<T>::value;
template <class T>
inline constexpr bool is_map_type_v = detail::is_map<T>::value;
template <class T>
using element_type_t = typename detail::element_type<T>::type;
template <class T>
inline constexpr bool is_object_type_v =
    std::is_same_v<T, Object> || std::is_base_of_v<ObjectType, T>;

/// The Terraform type constraint of T, as written in a variable's `type`.
template <class T>
std::string type_constraint() {
  if constexpr (std::is_same_v<T, std::string>) {
    return "string";
  } else if constexpr (std::is_same_v<T, Number>) {
    return "number";
  } else if constexpr (std::is_same_v<T, bool>) {
    return "bool";
  } else if constexpr (detail::is_list<T>::value) {
    return "list(" + type_constraint<element_type_t<T>>() + ")";
  } else if constexpr (detail::is_set<T>::value) {
    return "set(" + type_constraint<element_type_t<T>>() + ")";
  } else if constexpr (detail::is_map<T>::value) {
    return "map(" + type_constraint<element_type_t<T>>() + ")";
  } else if constexpr (std::is_base_of_v<ObjectType, T>) {
    return T::type_constraint();
  } else {
    return "any";
  }
}

}  // namespace stackgen
