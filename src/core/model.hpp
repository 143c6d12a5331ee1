// Internal data model behind the public handles. Not installed.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <source_location>
#include <string>
#include <unordered_map>
#include <vector>

#include "stackgen/core/block_ref.hpp"
#include "stackgen/core/diagnostic.hpp"
#include "stackgen/core/lifecycle.hpp"
#include "stackgen/core/schema_spec.hpp"
#include "stackgen/core/stack.hpp"
#include "stackgen/core/terraform_settings.hpp"
#include "stackgen/core/value.hpp"

namespace stackgen::detail {

enum class NodeKind {
  null_literal,  // explicit `null` inside an expression (Expr(null))
  boolean,
  integer,
  real,
  string,
  list,
  object,
  template_,     // parts: literal strings and expressions, concatenated
  reference,     // traversal to a declared block (or count/each/path/bound variable)
  call,          // text = function name, items = args
  binary,        // text = operator, items = {lhs, rhs}
  unary,         // text = operator, items = {operand}
  conditional,   // items = {cond, a, b}
  index,         // items = {collection, key}
  get_attr,      // items = {object}, text = attribute
  list_expr,     // list whose elements are rendered as HCL even if literal
  for_expr,      // items = {collection, key, value, condition}; text = var
  raw,           // text = HCL
};

enum class ReferenceKind { block, count, each, path, self, bound, unresolved };

struct Node {
  NodeKind kind;
  bool boolean = false;
  bool is_object_for = false;
  std::int64_t integer = 0;
  double real = 0;
  std::string text;
  std::vector<Value> items;
  std::vector<Value::Field> fields;
  // references
  ReferenceKind ref_kind = ReferenceKind::unresolved;
  const BlockData* target = nullptr;  // for ReferenceKind::block
  std::string address;                // "aws_vpc.vpc", "var.x", "count.index"
};

struct Override {
  std::string path;
  Value value;
  bool remove = false;
};

struct Suppression {
  std::string rule;
  std::string reason;
};

struct StackData;

struct BlockData {
  BlockKind kind;
  std::string type;  // resource/data type; provider local name
  std::string name;  // local name; provider alias; variable/output/local/module name
  std::source_location where;
  const schema::BlockSpec* spec = nullptr;
  const schema::ProviderInfo* provider_info = nullptr;
  StackData* stack = nullptr;

  std::vector<Value::Field> attributes;    // set replaces, order of first set
  std::vector<Value::Field> blocks;        // nested blocks, appended in order

  // Meta-arguments.
  Value count;
  Value for_each;
  std::vector<const BlockData*> depends_on;
  const BlockData* provider = nullptr;  // provider configuration handle
  std::string provider_name;            // provider given by name
  std::optional<Lifecycle> lifecycle;
  std::vector<Override> overrides;
  std::vector<Suppression> suppressions;

  // Variables, outputs, modules.
  std::string variable_type;
  Value default_value;
  bool has_default = false;
  std::map<std::string, std::string> texts;  // description, source, version
  std::map<std::string, bool> flags;         // sensitive, nullable, ephemeral
  std::vector<Condition> validations;        // variable validation / output precondition
  Value value;                               // output / local value
  std::vector<std::pair<std::string, const BlockData*>> module_providers;

  /// `aws_vpc.vpc`, `data.x.y`, `var.x`, `local.x`, `module.x`, `output.x`,
  /// `provider.aws.alias`.
  std::string address() const;
  /// `aws` or `aws.us-east-1`
  std::string provider_address() const;
};

struct MovedBlock {
  std::string from;
  std::string to;
  std::source_location where;
};
struct ImportBlock {
  const BlockData* to;
  std::string to_address;  // with the instance key, if one was selected
  Value id;
  std::source_location where;
};
struct RemovedBlock {
  std::string from;
  bool destroy;
  std::source_location where;
};

struct StackData {
  std::string name;
  Context context;
  std::source_location where;
  // deque: stable addresses for handles.
  std::deque<BlockData> blocks;
  TerraformSettings terraform;
  std::vector<MovedBlock> moved;
  std::vector<ImportBlock> imports;
  std::vector<RemovedBlock> removed;
};

/// The values whose references are a block's dependencies: arguments,
/// nested blocks, count, for_each and (outputs, locals) value. Calls
/// f(where_in_block, value). The dependency graph of the checks and of
/// `stackgen graph` are both built from exactly these (plus depends_on).
template <class F>
void for_each_dependency_value(const BlockData& b, F&& f) {
  for (const auto& [name, v] : b.attributes) f(std::string_view(name), v);
  for (const auto& [name, v] : b.blocks) f(std::string_view(name), v);
  f(std::string_view("count"), b.count);
  f(std::string_view("for_each"), b.for_each);
  f(std::string_view("value"), b.value);
}

/// Every reference node found in a value (depth first).
void collect_references(const Value& v, std::vector<const Node*>& out);
/// Appends v.to_hcl() to `out` (no temporary string: the emitter reuses one).
void append_hcl_to(std::string& out, const Value& v);
/// Renders a string literal as the inside of an HCL quoted string.
std::string hcl_quote(std::string_view s);
/// Escapes template sequences (${ -> $${, %{ -> %%{) in literal text.
std::string escape_template(std::string_view s);
/// The literal text of a template part, escaped. Before an interpolation a
/// trailing run of `$` would read as the escape `$${`, so it is written as
/// an interpolation of its own: "US$" + x -> `US${"$"}${x}`. `for_hcl`
/// also quotes the literal text for an HCL string.
std::string template_literal(std::string_view text, bool before_interpolation, bool for_hcl);

SourceLocation to_location(const std::source_location& loc);

}  // namespace stackgen::detail
