// The C++ shape of a provider's bindings, decided before any text is
// written: class and struct names, member names after escaping, C++ types.
// Every naming decision and collision check lives here, so the writers only
// format.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "schema.hpp"
#include "values.hpp"

namespace stackgen::bindgen {

/// An attribute of a block, or a field of an object type.
struct FieldPlan {
  std::string name;      ///< schema name
  std::string cpp_name;  ///< member function name
  std::string cpp_type;  ///< the T of Expr<T>: "std::string", "List<Ingress>", "Object"
  bool setter = true;
  bool getter = true;
  bool sensitive = false;
  bool deprecated = false;
  bool write_only = false;
  /// The message of [[deprecated("...")]] (deprecated only): the schema's
  /// deprecation description, or "deprecated in the provider schema".
  std::string deprecation_message;
  /// The one-line comment above setter and getter (without "/// "): what the
  /// schema says of it and its registry link, e.g. "optional, sensitive.
  /// https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/db_instance#password".
  std::string doc;
  /// Closed value set of the attribute (values.hpp, in the ValueTable the
  /// plan was made with); null when the attribute takes any string.
  const ValueSet* allowed = nullptr;
  /// The attribute's path for messages: "aws_ecs_service.launch_type".
  std::string path;
};

/// A nested block type of a block.
struct BlockSetterPlan {
  std::string name;         ///< schema name
  std::string cpp_name;     ///< member function name
  std::string struct_name;  ///< the nested struct the setter takes
  Nesting nesting = Nesting::list;
  int min_items = 0;
  int max_items = 0;
  bool deprecated = false;
  std::string deprecation_message;  ///< as FieldPlan::deprecation_message
  std::string doc;                  ///< as FieldPlan::doc
};

/// A generated struct: a nested block (NestedBlock<S>) or an object type
/// (ObjectValue<S>), with the structs nested in it.
struct StructPlan {
  enum class Kind { block, object };
  Kind kind = Kind::block;
  std::string name;  ///< schema name of the block / attribute / field
  std::string cpp_name;
  std::string doc;   ///< summary for the doc comment (wrapped)
  std::string link;  ///< registry link, on its own comment line below doc
  std::vector<StructPlan> structs;
  std::vector<FieldPlan> fields;
  std::vector<BlockSetterPlan> blocks;
  std::string type_constraint;  ///< object: Terraform type constraint, e.g. object({a = string})
};

/// A resource, data source, ephemeral resource or provider configuration class.
struct ClassPlan {
  enum class Kind { resource, data, ephemeral, provider };
  Kind kind = Kind::resource;
  std::string tf_type;           ///< "aws_lb_listener_rule"; the local name for the provider
  std::string cpp_name;          ///< "LbListenerRule"
  std::string qualified_name;    ///< relative to the provider namespace: "data::Region"
  std::string header;            ///< include path: "stackgen/aws/lb_listener_rule.hpp"
  std::vector<std::string> doc;  ///< doc comment lines (without "/// "), wrapped
  std::string docs_url;          ///< the registry page of the type (last line of the doc comment)
  std::string alias_of;          ///< the type this one is an alias of ("aws_lb" for aws_alb), or ""
  StructPlan body;               ///< members; body.cpp_name == cpp_name
  const Block* block = nullptr;  ///< the schema, for the spec writer
  const ValueTable* values = nullptr;  ///< allowed values, for the spec writer (or none)
};

struct ProviderPlan {
  std::string local_name;    ///< Terraform's local name ("aws", "null"); the header folder stackgen/<local_name>/
  std::string cpp_namespace;  ///< stackgen::<cpp_namespace>: the local name, escaped (provider_namespace)
  std::string source;        ///< "hashicorp/aws"
  std::string version;       ///< "5.100.0"
  std::string schema_label;  ///< how generated files name the schema: "schema/aws.json"
  /// The provider's versioned documentation root:
  /// https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs
  std::string docs_url;
  ClassPlan provider;
  std::vector<ClassPlan> resources;
  std::vector<ClassPlan> data_sources;
  std::vector<ClassPlan> ephemeral_resources;
};

/// How Terraform spells a kind of type: the block keyword ("resource",
/// "data", "ephemeral", "provider"), which also names the C++ namespace and
/// header folder of data sources and ephemeral resources.
std::string_view kind_keyword(ClassPlan::Kind kind);
/// What comes before a type in a Terraform address: "data." / "ephemeral.", or "".
std::string address_prefix(ClassPlan::Kind kind);

/// Plans the bindings of `schema` (which must outlive the plan). Throws
/// SchemaError when names cannot be mapped (a collision the escaping rules
/// do not resolve, a name that is not an identifier).
/// `values`, when given, makes the setters of the attributes it lists take
/// checked literals (and their specs carry the sets for the emit check).
ProviderPlan plan_provider(const ProviderSchema& schema, std::string schema_label,
                           const ValueTable* values = nullptr);

/// The registry all documentation links point into.
inline constexpr std::string_view kRegistryUrlBase = "https://registry.terraform.io/providers";

/// A type the provider registers under a second name with the same schema
/// and one documentation page (`aws_alb` is `aws_lb`).
struct TypeAlias {
  std::string_view source;  ///< provider source: "hashicorp/aws"
  std::string_view type;    ///< "aws_alb"
  std::string_view target;  ///< "aws_lb"
};
/// The fixed table of aliases bindgen knows; they apply to resources and
/// data sources alike, where both names exist in the schema.
std::span<const TypeAlias> known_aliases();

/// Terraform's type constraint syntax for `t`: list(string), object({a = number}).
std::string type_constraint(const Type& t);

}  // namespace stackgen::bindgen
