// The read API of the core: views of a stack, its blocks and its values.
//
// Lint rules, policies, aspects, graph, diff and the CLI read stacks only
// through these views (nothing outside src/core sees the model). Views are
// small, cheap to copy and valid as long as the Stack they look into.
//
//   for (auto b : inspect::view(stack).blocks())
//     if (b.kind() == BlockKind::resource && b.type() == "aws_s3_bucket" && b.argument("tags").is_null())
//       ...
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <source_location>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "stackgen/core/block_ref.hpp"
#include "stackgen/core/diagnostic.hpp"
#include "stackgen/core/lifecycle.hpp"
#include "stackgen/core/schema_spec.hpp"
#include "stackgen/core/value.hpp"

namespace stackgen {
class Stack;
namespace detail {
struct BlockData;
struct StackData;
}  // namespace detail
}  // namespace stackgen

namespace stackgen::inspect {

/// What a value is. Literals: null_value .. object; the rest are expressions.
enum class ValueKind {
  null_value,   ///< no value, or an explicit null
  boolean,
  number,
  string,
  list,
  object,
  template_,    ///< string concatenation: parts() are strings and expressions
  reference,    ///< a traversal: reference() says to what
  call,         ///< text() is the function name, operands() the arguments
  operation,    ///< binary or unary operator: text() is the operator
  conditional,  ///< operands(): condition, if_true, if_false
  index,        ///< operands(): collection, key
  attribute,    ///< operands(): object; text(): the attribute name
  list_expression,
  for_expression,  ///< operands(): collection, key, value, condition
  object_expression,  ///< an object with expression keys (map_of): operands() key, value, key, value...
  raw,          ///< HCL text given by the author (raw<T>())
};

ValueKind kind(const Value& v);
/// Function name, operator, attribute name, raw HCL or reference text;
/// the string of a literal string. Empty for everything else.
std::string_view text(const Value& v);
/// The parts of an expression (arguments, operands, template parts...),
/// the elements of a list.
std::span<const Value> operands(const Value& v);
/// A literal number, or nullopt.
std::optional<double> number(const Value& v);
std::optional<bool> boolean(const Value& v);

class BlockView;

/// What a reference points to.
enum class ReferenceKind { block, count, each, path, self, bound, terraform, unresolved };

struct Reference {
  ReferenceKind kind;
  /// The whole traversal: `aws_subnet.a[0].id`.
  std::string_view text;
  /// Its address part: `aws_subnet.a` (`var.x`, `data.t.n`, `count`...).
  std::string_view address;
  /// The block it names, when it was made from a handle (or a resolved
  /// variable / local); invalid for text references (`ref<T>("...")`),
  /// which name it only by `address`.
  const detail::BlockData* target = nullptr;

  /// The first attribute after the address and any instance key: `id` of
  /// `aws_subnet.a[0].id`; empty when the reference names the block.
  std::string_view attribute() const;
  /// The instance key when one instance is selected (r[0], r["k"]).
  Value instance_key;
};

/// The reference `v` is, if it is one.
std::optional<Reference> reference(const Value& v);
/// Every reference inside `v`, depth first in order (no recursion).
std::vector<Reference> references(const Value& v);

class StackView;

class BlockView {
 public:
  BlockView() = default;
  explicit BlockView(const detail::BlockData* data) : b_(data) {}

  explicit operator bool() const { return b_ != nullptr; }
  bool operator==(const BlockView& o) const { return b_ == o.b_; }
  /// An arbitrary but fixed order, for sets of blocks.
  bool operator<(const BlockView& o) const { return std::less<const void*>()(b_, o.b_); }
  /// A stable identity, for hashing.
  const void* id() const { return b_; }

  BlockKind kind() const;
  /// Resource / data source type; provider local name.
  std::string_view type() const;
  /// Local name; provider alias; variable / output / local / module name.
  std::string_view name() const;
  /// `aws_vpc.vpc`, `data.x.y`, `var.x`, `local.x`, `module.x`, `output.x`, `provider.aws.alias`.
  std::string_view address() const;
  SourceLocation location() const;
  std::source_location source_location() const;
  /// The schema of resources, data sources and providers from bindings.
  const schema::BlockSpec* spec() const;
  const schema::ProviderInfo* provider_info() const;
  std::string_view stack_name() const;
  /// The Construct (pattern) that declared the block, as a path
  /// ("network", "service/blue_green"); empty when none.
  std::string_view construct() const;

  /// Arguments as set, in the order first set.
  std::size_t argument_count() const;
  std::string_view argument_name(std::size_t i) const;
  const Value& argument_value(std::size_t i) const;
  /// The argument `name`, or a null Value.
  Value argument(std::string_view name) const;
  /// Nested blocks in the order added (one entry per block).
  std::size_t block_count() const;
  std::string_view block_name(std::size_t i) const;
  const Value& block_value(std::size_t i) const;
  /// Nested blocks named `name`, in order.
  std::vector<Value> blocks(std::string_view name) const;
  /// The first nested block named `name`, or a null Value.
  Value first_block(std::string_view name) const;

  struct Dynamic {
    std::string_view name;
    const Value& for_each;
    std::string_view iterator;  ///< empty: the block's name
    const Value& content;
  };
  /// `dynamic` nested blocks, in the order added.
  std::vector<Dynamic> dynamic_blocks() const;

  const Value& count() const;
  const Value& for_each() const;
  /// count or for_each set: one declaration, several instances.
  bool has_instances() const { return !count().is_null() || !for_each().is_null(); }
  std::vector<BlockView> depends_on() const;
  /// The provider configuration given as a handle, if any.
  BlockView provider() const;
  /// The provider given by name (`aws.us-east-1`), if any.
  std::string_view provider_name() const;
  /// For provider configurations: `aws` or `aws.alias`.
  std::string_view provider_address() const;
  const LifecycleSettings* lifecycle() const;

  struct Provisioner {
    std::string_view type;  ///< "local-exec", "remote-exec", "file"
    /// Arguments, `when`, `on_failure` and its own `connection` (an object),
    /// as the JSON syntax writes them.
    const Value& body;
    bool runs_at_destroy;
    std::source_location where;
  };
  /// Provisioners, in the order they run.
  std::vector<Provisioner> provisioners() const;
  /// The block's `connection` body, or a null Value.
  const Value& connection() const;

  struct Suppression {
    std::string_view rule;
    std::string_view reason;
    std::source_location where;
  };
  std::vector<Suppression> suppressions() const;
  struct Override {
    std::string_view path;
    const Value& value;
    bool remove;
    std::source_location where;
  };
  std::vector<Override> overrides() const;

  // Variables, outputs, locals, module calls.
  std::string_view variable_type() const;
  bool has_default() const;
  const Value& default_value() const;
  /// `sensitive`, `nullable`, `ephemeral` as set.
  bool flag(std::string_view name) const;
  /// `description`, module `source` / `version`; empty when unset.
  std::string_view text(std::string_view name) const;
  /// Variable validations, output preconditions, a check's assertions.
  std::span<const Condition> validations() const;
  /// For a data source declared in a check (Check::data): that check;
  /// otherwise a view of nothing.
  BlockView scoped_to() const;
  /// The value of an output or local.
  const Value& value() const;

  const detail::BlockData* data() const { return b_; }

 private:
  const detail::BlockData* b_ = nullptr;
};

struct MovedView {
  std::string_view from;
  std::string_view to;
  std::source_location where;
};
struct ImportView {
  BlockView to;
  std::string_view to_address;
  const Value& id;
  std::source_location where;
  const Value& for_each;  ///< null unless Stack::import_each
};
struct RemovedView {
  std::string_view from;
  bool destroy;
  std::source_location where;
};

class StackView {
 public:
  explicit StackView(const detail::StackData& s) : s_(&s) {}

  std::string_view name() const;
  SourceLocation location() const;
  /// Every block in declaration order.
  std::vector<BlockView> blocks() const;
  std::size_t block_count() const;
  /// Calls f(BlockView) for every block, without building a vector.
  template <class F>
  void for_each_block(F&& f) const {
    for (std::size_t i = 0, n = block_count(); i < n; ++i) f(block_at(i));
  }
  BlockView block_at(std::size_t i) const;
  std::vector<MovedView> moved() const;
  std::vector<ImportView> imports() const;
  std::vector<RemovedView> removed() const;
  /// An emit-time context value (`-c key=value`), or nullopt.
  std::optional<std::string_view> context(std::string_view key) const;

 private:
  const detail::StackData* s_;
};

StackView view(const Stack& stack);
BlockView view(const BlockRef& handle);
/// The block a reference made from a handle names.
inline BlockView target(const Reference& r) { return BlockView(r.target); }

}  // namespace stackgen::inspect

template <>
struct std::hash<stackgen::inspect::BlockView> {
  std::size_t operator()(const stackgen::inspect::BlockView& b) const noexcept {
    return std::hash<const void*>()(b.id());
  }
};
