// BlockBody: the builder behind generated nested-block structs and
// object-typed attribute structs.
//
// Nested blocks (schema `block_types`) emit only what was set. Object-typed
// attributes (schema `attributes` of type object, e.g. aws_security_group's
// `ingress`) must emit every attribute, null where unset, because Terraform's
// type conversion in JSON syntax rejects an object with missing attributes;
// their generated constructors call tf_declare_fields() with the full list.
#pragma once

#include <concepts>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "stackgen/core/types.hpp"
#include "stackgen/core/value.hpp"

namespace stackgen {

/// A callable that fills in a nested block of type `Block`: every generated
/// block setter also takes one, so that the block's type need not be named:
///   lb.access_logs([](auto& logs) { logs.bucket(bucket.id()).enabled(true); });
template <class F, class Block>
concept BlockBuilder = std::invocable<F&, Block&> && !std::convertible_to<F, const Block&>;

class BlockBody {
 public:
  /// The body as an object value (nested blocks as lists of objects).
  Value value() const;

 protected:
  // Names are string literals of generated code (static storage): kept as
  // views, not copied.
  void tf_set(std::string_view name, Value v);
  void tf_append_block(std::string_view name, Value body);
  void tf_declare_fields(std::initializer_list<std::string_view> names);

 private:
  std::vector<std::pair<std::string_view, Value>> fields_;
};

/// Chainable setters for a generated nested-block struct.
template <class Derived>
class NestedBlock : public BlockBody {
 protected:
  Derived& tf_with(std::string_view name, Value v) {
    tf_set(name, std::move(v));
    return static_cast<Derived&>(*this);
  }
  Derived& tf_with_block(std::string_view name, Value body) {
    tf_append_block(name, std::move(body));
    return static_cast<Derived&>(*this);
  }
};

/// Chainable setters for a generated object-typed attribute struct.
template <class Derived>
class ObjectValue : public NestedBlock<Derived>, public ObjectType {};

}  // namespace stackgen
