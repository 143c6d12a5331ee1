// The iterator of a `dynamic` block: what its builder lambda receives, and
// the key type Terraform gives each kind of collection.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "stackgen/core/expr.hpp"

namespace stackgen {

namespace detail {
/// References to a dynamic block's iterator: `<iterator>.key`, `<iterator>.value`.
Value iterator_reference(std::string_view iterator, std::string_view member);
}  // namespace detail

/// Inside a dynamic block's builder: the current element of its for_each.
/// For a list, key() is the index; for a map, the key; for a set, the element.
template <class Key, class Element>
class DynamicIterator {
 public:
  explicit DynamicIterator(std::string name) : name_(std::move(name)) {}
  Expr<Key> key() const { return Expr<Key>::unchecked(detail::iterator_reference(name_, "key")); }
  Expr<Element> value() const { return Expr<Element>::unchecked(detail::iterator_reference(name_, "value")); }

 private:
  std::string name_;
};

namespace detail {
template <class C>
struct dynamic_key {
  using type = Number;  // lists: the index
};
template <class V>
struct dynamic_key<Map<V>> {
  using type = std::string;
};
template <class E>
struct dynamic_key<Set<E>> {
  using type = E;
};
template <>
struct dynamic_key<Any> {
  using type = Any;
};
}  // namespace detail

}  // namespace stackgen
