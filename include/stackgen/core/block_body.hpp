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
#include <source_location>
#include <string>
#include <string_view>
#include <vector>

#include "stackgen/core/dynamic_iterator.hpp"
#include "stackgen/core/expr.hpp"
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
  /// A `dynamic "<name>"` block inside this one, written as the resource
  /// level's are: `"dynamic": {"<name>": {"for_each", "iterator", "content"}}`.
  void tf_add_dynamic(std::string_view name, const Value& for_each, std::string_view iterator, const Value& content);

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

 public:
  /// A `dynamic` block nested in this block, as ResourceBase::dynamic:
  /// one `Block` for each element of `for_each`, built by
  /// `build(Block&, iterator)`:
  ///
  ///   forward.template dynamic<aws::LbListener::DefaultAction::Forward::TargetGroup>(
  ///       "target_group", arns, [](auto& tg, auto arn) { tg.arn(arn.value()); });
  ///
  /// Its block count is unknown until Terraform expands it, so the schema's
  /// block counts are not checked for that block type.
  template <class Block, class C, class F>
  Derived& dynamic(std::string_view block, const Expr<C>& for_each, F&& build, std::string_view iterator = {}) {
    const std::string name(iterator.empty() ? block : iterator);
    DynamicIterator<typename detail::dynamic_key<C>::type, element_type_t<C>> it(name);
    Block content;
    build(content, it);
    tf_add_dynamic(block, for_each.value(), iterator, content.value());
    return static_cast<Derived&>(*this);
  }
};

/// Chainable setters for a generated object-typed attribute struct.
template <class Derived>
class ObjectValue : public NestedBlock<Derived>, public ObjectType {
 public:
  /// An object value is an attribute, not a block: it has no dynamic blocks.
  template <class Block = void, class... A>
  Derived& dynamic(A&&...) = delete;
};

}  // namespace stackgen
