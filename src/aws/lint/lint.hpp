// Shared helpers of the lint rules: reading literal values, following
// references to the blocks they name, finding companion resources and
// reporting findings. Internal to src/lint.
//
// The rules only judge what is known at emit time. A value that is not a
// literal (a reference, a call, a template) is unknown and the rule skips
// it; the only things looked through are variable defaults and locals
// (resolve()), and references to the blocks they name (target()).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "stackgen/core/diagnostic.hpp"
#include "stackgen/core/inspect.hpp"
#include "stackgen/core/rules.hpp"
#include "stackgen/core/stack.hpp"

namespace stackgen::lint {

/// A block as the rules see it: a view of the core's read API, passed by
/// value; an empty view stands for "none" (`if (!t)`).
using Block = inspect::BlockView;
using inspect::ValueKind;

// std::string + std::string_view, as C++26 has it: messages are built from
// the views the read API returns.
inline std::string operator+(std::string a, std::string_view b) { return a.append(b); }
inline std::string operator+(std::string_view a, const std::string& b) { return std::string(a).append(b); }
inline std::string operator+(const char* a, std::string_view b) { return std::string(a).append(b); }
inline std::string operator+(std::string_view a, const char* b) { return std::string(a).append(b); }
inline std::string operator+(std::string_view a, char b) { return std::string(a) + b; }

// --- Values

/// The type the rules judge a block as: the `aws_alb*` aliases are the
/// `aws_lb*` types they stand for (same schema, kept apart by the provider
/// so that existing state keeps its type), everything else its own type.
std::string_view type_of(Block b);

// --- Values

/// Absent, or the null an object-typed attribute declares for unset fields.
bool is_unset(const Value& v);
/// Literal values; nullopt for anything unknown.
std::optional<std::string> literal_string(const Value& v);
/// A literal number, or a literal string holding one ("1024").
std::optional<double> literal_number(const Value& v);
std::optional<bool> literal_bool(const Value& v);
/// A literal list's elements, or the value itself when it is a single
/// literal string (attributes that take one or many).
std::vector<Value> as_list(const Value& v);
/// The strings of a list; nullopt unless every element is a literal string.
std::optional<std::vector<std::string>> literal_strings(const Value& v);

/// The literal value of `v`, looking through variable defaults, locals,
/// templates, lists and indexes built from those; nullopt when unknown.
/// Sensitive variables are never resolved.
std::optional<Value> resolve(const Value& v);
std::optional<std::string> resolved_string(const Value& v);
std::optional<double> resolved_number(const Value& v);

/// Two expressions that are the same text (the same reference, or equal
/// literals). Null never matches.
bool same_expression(const Value& a, const Value& b);
/// The attribute a reference names after the block address: "arn" for
/// `aws_lb.x.arn`, "id" for `aws_subnet.a[0].id`; empty for anything else.
std::string referenced_attribute(const Value& v);
/// The first sensitive thing `v` refers to anywhere inside it: a sensitive
/// variable ("var.db-password") or a sensitive attribute of a resource
/// (schema), e.g. "aws_db_instance.db.password"; "" when none.
std::string sensitive_reference(const Value& v);
/// The variables `v` refers to, anywhere inside it.
std::vector<Block> referenced_variables(const Value& v);

// --- Blocks

/// An argument of a block; null Value when not set.
Value attribute(Block b, std::string_view name);
/// Top-level nested blocks with this name, in order.
std::vector<Value> nested(Block b, std::string_view name);
Value first_nested(Block b, std::string_view name);
/// Nested blocks inside a block body (fields holding lists of objects).
std::vector<Value> nested(const Value& body, std::string_view name);
Value first_nested(const Value& body, std::string_view name);

/// count or for_each set: one declaration, several instances.
bool has_instances(Block b);
/// lifecycle.ignore_changes names `attribute` (or ignores everything).
bool ignores_changes(Block b, std::string_view attribute);

/// The containers of a task definition when its container_definitions are
/// stackgen-built data (jsonencode of a list of objects), else nullopt.
std::optional<std::vector<Value>> container_definitions(Block task);
/// The container with this name, or a null Value.
Value find_container(const std::vector<Value>& containers, std::string_view name);

// --- Messages

/// `"text"`, for messages.
std::string quoted(std::string_view s);
/// A number without a trailing ".0".
std::string number_text(double n);
/// How a value reads in a message: its literal form, or its HCL
/// expression followed by the value it resolves to.
std::string describe(const Value& v);

/// A view of one stack for the rules: blocks by type, reference targets,
/// companions, providers; and the sink for findings. Lookups are indexed
/// (the rules run on stacks of 100,000+ resources).
class Linter {
 public:
  explicit Linter(RuleContext& context);

  const inspect::StackView& stack() const { return context_.stack(); }
  const std::vector<Block>& resources(std::string_view type) const;
  const std::vector<Block>& data_sources(std::string_view type) const;
  const std::vector<Block>& variables() const { return variables_; }
  Block find(std::string_view address) const;

  /// The block a reference points to, through instance selectors
  /// (`r[0].id`, `r[*].id`) and index / attribute expressions around it.
  Block target(const Value& v) const;
  /// Targets of a reference, or of every element of a list of references.
  std::vector<Block> targets(const Value& v) const;
  /// Resources of `type` whose value at `path` refers to `to`, or equals the
  /// literal value of `to`'s `key` attribute when both are literal. `path`
  /// is an argument name, or "block.field" for a field of the first nested
  /// block of that name (`ecs_service.service_name`).
  std::vector<Block> referring(std::string_view type, std::string_view path, Block to,
                               std::string_view key = "") const;
  /// Resources of `type` whose value at `path` is this literal string.
  const std::vector<Block>& with_literal(std::string_view type, std::string_view path,
                                         const std::string& value) const;

  /// The provider configuration a resource uses, if declared.
  Block provider_of(Block b) const;
  /// The region of that configuration: literal or a variable default.
  std::optional<std::string> region_of(Block b) const;

  /// Adds a finding; the severity comes from the rule table.
  void report(std::string_view rule, Block at, std::string message, std::string hint) const;

 private:
  struct ReverseIndex {
    std::unordered_map<Block, std::vector<Block>> by_target;
    std::unordered_map<std::string, std::vector<Block>> by_literal;
  };
  const ReverseIndex& reverse(std::string_view type, std::string_view path) const;

  RuleContext& context_;
  std::unordered_map<std::string, std::vector<Block>> resources_;
  std::unordered_map<std::string, std::vector<Block>> data_sources_;
  std::vector<Block> variables_;
  std::vector<Block> providers_;
  // Built on first use.
  mutable std::unordered_map<std::string, Block> by_address_;
  mutable std::unordered_map<std::string, ReverseIndex> reverse_;
};

// --- Shared by several families

/// A name that says it holds a secret: it has a word (split on case and
/// symbols) password, secret, token, credential(s), passphrase... not
/// followed by one saying it is about the secret (arn, name, length, ttl...),
/// or ends in "key" (not "public key").
bool secret_like_name(std::string_view name);
/// Deployment groups whose ecs_service names this service.
std::vector<Block> deployment_groups_for(const Linter& l, Block service);
/// The target groups a deployment group's target_group_pair_info names
/// (found through references or by literal name); empty where unknown.
std::vector<Block> pair_target_groups(const Linter& l, Block group);
/// The target groups of a service's load_balancer blocks (empty where unknown).
std::vector<Block> service_target_groups(const Linter& l, Block service);

// --- Rule families (one file each)

void check_names(const Linter& l);
void check_network(const Linter& l);
void check_load_balancing(const Linter& l);
void check_cloudfront(const Linter& l);
void check_ecs(const Linter& l);
void check_blue_green(const Linter& l);
void check_storage(const Linter& l);
void check_identity(const Linter& l);

}  // namespace stackgen::lint
