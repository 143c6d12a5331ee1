// The data behind the public handles: blocks and stacks. Internal to
// src/core; everything outside reads it through stackgen/core/inspect.hpp.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <source_location>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "node.hpp"
#include "stackgen/core/block_ref.hpp"
#include "stackgen/core/diagnostic.hpp"
#include "stackgen/core/lifecycle.hpp"
#include "stackgen/core/schema_spec.hpp"
#include "stackgen/core/stack.hpp"
#include "stackgen/core/terraform_settings.hpp"

namespace stackgen::detail {

/// Strings that live as long as their stack: names, types, addresses.
/// Attribute names are interned (one copy of "vpc_id" per stack, however
/// many subnets set it); addresses are stored once per block.
class StringArena {
 public:
  StringArena() = default;
  StringArena(const StringArena&) = delete;
  StringArena& operator=(const StringArena&) = delete;
  /// A copy of `s` owned by the arena.
  std::string_view store(std::string_view s);
  /// The arena's one copy of `s`.
  std::string_view intern(std::string_view s);

 private:
  std::vector<std::unique_ptr<char[]>> chunks_;
  char* free_ = nullptr;
  std::size_t left_ = 0;
  std::unordered_set<std::string_view> interned_;
};

/// An argument or a nested block of a block: name (interned) and value.
struct Argument {
  std::string_view name;
  Value value;
};

struct Override {
  std::string path;
  Value value;
  bool remove = false;
  std::source_location where;
};

struct Suppression {
  std::string rule;
  std::string reason;
  std::source_location where;
};

/// `dynamic "<name>" { for_each = ..., iterator = ..., content { ... } }`
struct DynamicBlock {
  std::string_view name;      // interned
  Value for_each;
  std::string iterator;       // empty: the block's name
  Value content;              // the block body
  std::source_location where;
};

/// A provisioner as both syntaxes write it.
struct ProvisionerData {
  std::string_view type;   // interned: "local-exec", "remote-exec", "file"
  std::string_view label;  // interned: `provisioner "local-exec"`, for messages
  /// Arguments, `when`, `on_failure` and the provisioner's own `connection`
  /// (an object), in the JSON syntax's shape.
  Value body;
  bool destroy = false;  // when = destroy
  std::source_location where;
};

/// A resource's provisioners (in order) and its connection block.
struct Provisioning {
  std::vector<ProvisionerData> provisioners;
  Value connection;  // the body, or null
  std::source_location connection_where;
};

/// What only variables, outputs, locals and module calls have.
struct DeclarationDetails {
  std::string variable_type;
  Value default_value;
  bool has_default = false;
  std::map<std::string, std::string> texts;  // description, source, version
  std::map<std::string, bool> flags;         // sensitive, nullable, ephemeral
  std::vector<Condition> validations;        // variable validation / output precondition
  Value value;                               // output / local value
  std::vector<std::pair<std::string, const struct BlockData*>> module_providers;
  /// A data source scoped to a check block: that check (its assertions
  /// are `validations`). Only the check may refer to the data source.
  const struct BlockData* check = nullptr;
};

struct StackData;

struct BlockData {
  BlockKind kind = BlockKind::resource;
  std::uint32_t index = 0;   // position in the stack, for the checks' tables
  std::string_view type;     // resource/data type; provider local name
  std::string_view name;     // local name; provider alias; variable/output/local/module name
  std::string_view address;  // `aws_vpc.vpc`, `data.x.y`, `var.x`, `provider.aws.alias`...
  std::source_location where;
  const schema::BlockSpec* spec = nullptr;
  const schema::ProviderInfo* provider_info = nullptr;
  StackData* stack = nullptr;

  std::vector<Argument> attributes;  // set replaces, order of first set
  std::vector<Argument> blocks;      // nested blocks, appended in order
  std::vector<DynamicBlock> dynamic_blocks;

  // Meta-arguments.
  Value count;
  Value for_each;
  std::vector<const BlockData*> depends_on;
  const BlockData* provider = nullptr;  // provider configuration handle
  std::string_view provider_name;       // provider given by name
  std::unique_ptr<Lifecycle> lifecycle;
  std::unique_ptr<Provisioning> provisioning;  // provisioners and connection
  std::vector<Override> overrides;
  std::vector<Suppression> suppressions;

  std::unique_ptr<DeclarationDetails> details;  // variables, outputs, locals, modules

  /// `aws` or `aws.us-east-1`, for provider configurations.
  std::string_view provider_address;
  /// Aspects that changed the block (diagnostics name them).
  std::vector<std::source_location> changed_by_aspects;
  /// The innermost Construct alive when the block was declared ("" if none),
  /// as a path: "keencho/network".
  std::string_view construct;

  DeclarationDetails& declaration();
  const DeclarationDetails* declaration_if() const { return details.get(); }
  bool flag(std::string_view key) const;
  /// The output / local value (null for other kinds).
  const Value& value() const;
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
  Value for_each;  // import_each: one import per element (each.key / each.value)
};
struct RemovedBlock {
  std::string from;
  bool destroy;
  std::source_location where;
};

/// The blocks of a stack: stable addresses (handles point into it), in
/// chunks of 256 so that a block costs no allocation of its own (a deque
/// of 300-byte elements allocates every one). Past 2,048 blocks, chunks are
/// carved from 2 MB slabs with transparent huge pages (see node.cpp).
class BlockList {
 public:
  static constexpr std::size_t kChunk = 256;
  BlockList() = default;
  BlockList(const BlockList&) = delete;
  BlockList& operator=(const BlockList&) = delete;
  ~BlockList();
  BlockData& emplace_back() {
    if (size_ % kChunk == 0) chunks_.push_back(new_chunk());
    BlockData& b = chunks_.back()[size_ % kChunk];
    b.index = static_cast<std::uint32_t>(size_++);
    return b;
  }
  std::size_t size() const { return size_; }
  const BlockData& operator[](std::size_t i) const { return chunks_[i / kChunk][i % kChunk]; }
  BlockData& operator[](std::size_t i) { return chunks_[i / kChunk][i % kChunk]; }

  template <class L, class B>
  class basic_iterator {
   public:
    using value_type = BlockData;
    using difference_type = std::ptrdiff_t;
    basic_iterator() = default;
    basic_iterator(L* list, std::size_t i) : list_(list), i_(i) {}
    B& operator*() const { return (*list_)[i_]; }
    B* operator->() const { return &(*list_)[i_]; }
    basic_iterator& operator++() {
      ++i_;
      return *this;
    }
    basic_iterator operator++(int) {
      auto copy = *this;
      ++i_;
      return copy;
    }
    bool operator==(const basic_iterator& o) const { return i_ == o.i_; }

   private:
    L* list_ = nullptr;
    std::size_t i_ = 0;
  };
  using iterator = basic_iterator<BlockList, BlockData>;
  using const_iterator = basic_iterator<const BlockList, const BlockData>;
  iterator begin() { return {this, 0}; }
  iterator end() { return {this, size_}; }
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size_}; }

 private:
  /// kChunk value-initialised blocks.
  BlockData* new_chunk();

  std::vector<BlockData*> chunks_;  // each holds kChunk constructed blocks
  std::vector<void*> memory_;       // what chunks live in (std::free)
  char* slab_free_ = nullptr;       // the rest of the current slab
  std::size_t slab_left_ = 0;
  std::size_t size_ = 0;
};

/// `a.depends_on(b)`: b is applied before a, and a may use b's handles.
struct StackDependency {
  const StackData* stack;
  std::source_location where;
};

/// Stack::file: a file emitted with the stack.
struct StackFile {
  std::string path;  // relative to the stack's directory
  std::string content;
  std::source_location where;
};

struct StackData {
  std::string name;
  Context context;
  std::source_location where;
  StringArena strings;
  BlockList blocks;
  TerraformSettings terraform;
  std::vector<MovedBlock> moved;
  std::vector<ImportBlock> imports;
  std::vector<RemovedBlock> removed;
  std::string_view construct;  // the Construct being built, as a path
  std::vector<StackDependency> dependencies;  // in declaration order
  std::vector<StackFile> files;               // in declaration order

  struct Aspect {
    std::string type;  // empty: every block
    std::function<void(BlockData*)> visit;
    std::source_location where;
    bool done = false;
  };
  std::vector<Aspect> aspects;
  /// The aspect running now, if any: setters record it on what they change.
  const std::source_location* running_aspect = nullptr;
};

/// Blocks that have a provider type and (when typed) a schema: resources,
/// data sources and ephemeral resources.
constexpr bool is_typed_kind(BlockKind k) noexcept {
  return k == BlockKind::resource || k == BlockKind::data || k == BlockKind::ephemeral;
}

/// The stack data of a Stack (the core's own access; the rest of the
/// library goes through inspect.hpp).
StackData& stack_data(Stack& s);
const StackData& stack_data(const Stack& s);

/// The values whose references are a block's dependencies: arguments,
/// nested blocks, count, for_each, (outputs, locals) value and (checks)
/// assertions. Calls f(where_in_block, value). The dependency graph of the checks and of
/// `stackgen graph` are both built from exactly these (plus depends_on, and the values of
/// for_each_provisioning_value, walked apart because `self` is valid only there).
template <class F>
void for_each_dependency_value(const BlockData& b, F&& f) {
  for (const auto& a : b.attributes) f(a.name, a.value);
  for (const auto& a : b.blocks) f(a.name, a.value);
  f(std::string_view("count"), b.count);
  f(std::string_view("for_each"), b.for_each);
  f(std::string_view("value"), b.value());
  for (const auto& d : b.dynamic_blocks) {
    f(d.name, d.for_each);
    f(d.name, d.content);
  }
  // A check block depends on what its assertions read (nothing refers to
  // a check, so this adds no cycle).
  if (b.kind == BlockKind::check && b.details)
    for (const auto& c : b.details->validations) {
      f(std::string_view("condition"), c.condition);
      f(std::string_view("error_message"), c.error_message);
    }
}

/// The values of a block's provisioners and connection, where `self` is
/// the block: f(where_in_block, value, destroy_time). destroy_time: the
/// value is read at destroy time: a destroy-time provisioner's body, and
/// the block's connection once any provisioner is destroy-time (Terraform
/// holds it to the same rule then, whichever connection that one uses).
/// Their references are dependencies too (Terraform orders by them).
template <class B, class F>
void for_each_provisioning_value(B& b, F&& f) {
  if (!b.provisioning) return;
  auto& p = *b.provisioning;
  bool any_destroy = false;
  for (auto& pv : p.provisioners) {
    f(pv.label, pv.body, pv.destroy);
    any_destroy = any_destroy || pv.destroy;
  }
  f(std::string_view("connection"), p.connection, any_destroy);
}

/// Every reference node found in a value (depth first, in order).
void collect_references(const Value& v, std::vector<const Node*>& out);

/// A reference to a declared block: `text` is the whole traversal, of
/// which the first `address_size` characters are the block's address.
Value make_block_reference(const BlockData& target, std::string_view text, std::size_t address_size,
                           ReferenceKind kind, const Value* key);
/// A literal list of a set type: `for_each` writes it as toset([...]).
Value make_set_literal(const Value& list);

SourceLocation to_location(const std::source_location& loc);

}  // namespace stackgen::detail
