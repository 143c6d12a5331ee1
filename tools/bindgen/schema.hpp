// The provider schema model bindgen reads: the subset of
// `terraform providers schema -json` that bindings are made from. Keys the
// model does not name are ignored: `version`, descriptions of attributes that
// are not deprecated, and the `stackgen_*` markers of derived schema files
// (schema/aws-6.66.0.json).
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace stackgen::bindgen {

/// A schema that bindgen cannot read; the message names the JSON path.
class SchemaError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ObjectField;

/// A Terraform type, decoded from its JSON encoding ("string",
/// ["list","string"], ["object",{...}], "dynamic", ...).
struct Type {
  enum class Kind { string, number, boolean, dynamic, list, set, map, object, tuple };
  Kind kind = Kind::dynamic;
  /// list / set / map: one element type; tuple: the element types.
  std::vector<Type> elements;
  /// object: the attributes, sorted by name.
  std::vector<ObjectField> fields;
  /// object: attributes declared optional (the encoding's third element).
  std::vector<std::string> optional_fields;

  const Type& element() const { return elements.front(); }
  bool is_collection() const {
    return kind == Kind::list || kind == Kind::set || kind == Kind::map;
  }
};

struct ObjectField {
  std::string name;
  Type type;
};

/// Terraform's JSON encoding of `t`, compact, keys sorted.
std::string type_json(const Type& t);
/// True when `t` is an object or a collection whose elements are objects.
bool contains_object(const Type& t);

struct Attribute {
  std::string name;
  Type type;
  bool required = false;
  bool optional = false;
  bool computed = false;
  bool sensitive = false;
  bool deprecated = false;
  bool write_only = false;
  /// The schema's `description` of a deprecated attribute, which carries the
  /// deprecation message (the schema files keep descriptions of deprecated
  /// attributes and blocks only); empty when not deprecated or none is given.
  std::string deprecation_message;

  /// Set by the provider only: no setter.
  bool computed_only() const { return computed && !required && !optional; }
};

enum class Nesting { single, list, set, map, group };
std::string_view to_string(Nesting n);

struct BlockType;

struct Block {
  std::vector<Attribute> attributes;   // sorted by name
  std::vector<BlockType> block_types;  // sorted by name
  bool deprecated = false;
  /// The `description` of a deprecated block (see Attribute::deprecation_message).
  std::string deprecation_message;
};

struct BlockType {
  std::string name;
  Nesting nesting = Nesting::list;
  int min_items = 0;
  int max_items = 0;  // 0: unbounded
  Block block;
};

/// A resource or data source type.
struct TypeSchema {
  std::string type;  // "aws_lb_listener_rule"
  Block block;
};

struct ProviderSchema {
  std::string address;     // "registry.terraform.io/hashicorp/aws"
  std::string source;      // "hashicorp/aws"
  std::string local_name;  // "aws"
  std::string version;     // "5.100.0", from provider_versions; empty if absent
  Block provider;
  std::vector<TypeSchema> resources;     // sorted by type
  std::vector<TypeSchema> data_sources;  // sorted by type
  std::vector<TypeSchema> ephemeral_resources;  // sorted by type (Terraform 1.10)
};

/// Decodes one provider of a schema document. `provider` selects it by local
/// name ("aws"), source ("hashicorp/aws") or address; empty selects the only
/// provider in the document. Throws SchemaError.
ProviderSchema parse_provider_schema(const nlohmann::json& document,
                                     std::string_view provider = {});

}  // namespace stackgen::bindgen
