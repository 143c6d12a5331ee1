// The C++ shape of a provider's bindings, decided before any text is
// written: class and struct names, member names after escaping, C++ types.
// Every naming decision and collision check lives here, so the writers only
// format.
#pragma once

#include <string>
#include <vector>

#include "schema.hpp"

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
};

/// A generated struct: a nested block (NestedBlock<S>) or an object type
/// (ObjectValue<S>), with the structs nested in it.
struct StructPlan {
  enum class Kind { block, object };
  Kind kind = Kind::block;
  std::string name;  ///< schema name of the block / attribute / field
  std::string cpp_name;
  std::string doc;  ///< one-line summary for the doc comment
  std::vector<StructPlan> structs;
  std::vector<FieldPlan> fields;
  std::vector<BlockSetterPlan> blocks;
  std::string type_constraint;  ///< object: Terraform type constraint, e.g. object({a = string})
};

/// A resource, data source or provider configuration class.
struct ClassPlan {
  enum class Kind { resource, data, provider };
  Kind kind = Kind::resource;
  std::string tf_type;           ///< "aws_lb_listener_rule"; the local name for the provider
  std::string cpp_name;          ///< "LbListenerRule"
  std::string qualified_name;    ///< relative to the provider namespace: "data::Region"
  std::string header;            ///< include path: "stackgen/aws/lb_listener_rule.hpp"
  std::vector<std::string> doc;  ///< doc comment lines (without "/// ")
  StructPlan body;               ///< members; body.cpp_name == cpp_name
  const Block* block = nullptr;  ///< the schema, for the spec writer
};

struct ProviderPlan {
  std::string local_name;    ///< also the C++ namespace: stackgen::<local_name>
  std::string source;        ///< "hashicorp/aws"
  std::string version;       ///< "5.100.0"
  std::string schema_label;  ///< how generated files name the schema: "schema/aws.json"
  ClassPlan provider;
  std::vector<ClassPlan> resources;
  std::vector<ClassPlan> data_sources;
};

/// Plans the bindings of `schema` (which must outlive the plan). Throws
/// SchemaError when names cannot be mapped (a collision the escaping rules
/// do not resolve, a name that is not an identifier).
ProviderPlan plan_provider(const ProviderSchema& schema, std::string schema_label);

/// Terraform's type constraint syntax for `t`: list(string), object({a = number}).
std::string type_constraint(const Type& t);

}  // namespace stackgen::bindgen
