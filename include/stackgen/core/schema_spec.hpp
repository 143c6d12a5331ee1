// The shape of a resource, data source or provider block as the provider
// schema describes it. Generated bindings define one BlockSpec per type
// (src/bindings/<provider>/specs.cpp); the emit-time checks read it.
#pragma once

#include <span>
#include <string_view>

namespace stackgen::schema {

enum class Nesting { single, list, set, map, group };

struct AttributeSpec {
  std::string_view name;
  /// Terraform's JSON type encoding, e.g. "string" or ["list","string"].
  std::string_view type;
  bool required = false;
  bool optional = false;
  bool computed = false;
  bool sensitive = false;
  bool deprecated = false;
  /// Terraform 1.11 write-only argument: sent to the provider, never stored
  /// in state or plan (and so never referable).
  bool write_only = false;
  /// The closed set of strings the provider accepts here, joined with its
  /// first character as separator ("|HTTP|HTTPS"); empty: any string.
  /// Literals are checked against it at emit (schema.disallowed-value).
  std::string_view allowed{};
  bool allowed_ignore_case = false;
  /// A list/set of strings: `allowed` applies to each element.
  bool allowed_element = false;
};

struct BlockSpec;

struct BlockTypeSpec {
  std::string_view name;
  Nesting nesting = Nesting::list;
  int min_items = 0;
  int max_items = 0;  // 0: unbounded
  const BlockSpec* block = nullptr;
};

struct BlockSpec {
  std::span<const AttributeSpec> attributes;
  std::span<const BlockTypeSpec> block_types;
  /// The schema deprecates this block (a nested block, or a whole resource /
  /// data source type when this is its top-level spec).
  bool deprecated = false;

  const AttributeSpec* attribute(std::string_view name) const noexcept {
    for (const auto& a : attributes)
      if (a.name == name) return &a;
    return nullptr;
  }
  const BlockTypeSpec* block_type(std::string_view name) const noexcept {
    for (const auto& b : block_types)
      if (b.name == name) return &b;
    return nullptr;
  }
};

/// Where a binding comes from: the provider's local name, its registry
/// source and the version of the schema the binding was generated from.
struct ProviderInfo {
  std::string_view local_name;
  std::string_view source;
  std::string_view version;
};

}  // namespace stackgen::schema
