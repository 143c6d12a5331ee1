// Untyped blocks: resources, data sources and providers of a type no
// binding covers.
//
// The escape hatch for a provider stackgen has no schema for (or a type
// newer than the bindings): arguments and nested blocks are set by name,
// attributes read by name, and nothing is checked against a schema. Prefer
// generating a binding (stackgen_add_provider); `stackgen convert` writes
// these, with a comment saying why, for what it cannot type.
//
//   auto n = s.untyped_resource("null_resource", "wait")
//                .set("triggers", Value::object({{"v", "1"}}));
//   s.output("id", n.get<std::string>("id"));
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "stackgen/core/expr.hpp"
#include "stackgen/core/resource.hpp"

namespace stackgen {

/// A resource or data source without a binding.
class UntypedResource : public ResourceBase<UntypedResource> {
 public:
  using ResourceBase::ResourceBase;

  /// `name = value` (replaces an earlier value of the same name).
  UntypedResource set(std::string_view name, const Value& value) const { return tf_with(name, value); }
  /// A nested block `name { ... }`, appended (repeat for several).
  UntypedResource block(std::string_view name, const Value& body) const { return tf_with_block(name, body); }
  /// A reference to an attribute: `type.name.attribute`, typed by the caller.
  template <class T = Any>
  Expr<T> get(std::string_view attribute) const {
    return tf_get<T>(attribute);
  }
};

/// The body of a nested block without a schema: what the builder of an
/// untyped block's `dynamic` block fills in for each element:
///
///   s.untyped_resource("x_firewall", "fw")
///       .dynamic<UntypedBlock>("rule", var_rules, [](UntypedBlock& rule, auto r) {
///         rule.set("port", r.value().template get<Number>("port"));
///       });
class UntypedBlock {
 public:
  /// `name = value` (replaces an earlier value of the same name).
  UntypedBlock& set(std::string name, const Value& value);
  /// A nested block `name { ... }`, appended (repeat for several).
  UntypedBlock& block(std::string name, const Value& body);
  /// The arguments, then each nested block type as a list of bodies.
  Value value() const;

 private:
  std::vector<Value::Field> arguments_;
  std::vector<std::pair<std::string, std::vector<Value>>> blocks_;
};

/// A provider configuration without a binding.
class UntypedProvider : public ProviderBase<UntypedProvider> {
 public:
  using ProviderBase::ProviderBase;

  UntypedProvider set(std::string_view name, const Value& value) const { return tf_with(name, value); }
  UntypedProvider block(std::string_view name, const Value& body) const { return tf_with_block(name, body); }
};

}  // namespace stackgen
