// Stack: one Terraform root module, emitted to OUT/<stack>/.
//
// A Stack owns every block declared in it; the handles user code gets back
// are small values pointing into it. Each declaration records the C++
// source location of its caller, which every diagnostic about it names.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <source_location>
#include <string>
#include <string_view>

#include "stackgen/core/block_ref.hpp"
#include "stackgen/core/check_block.hpp"
#include "stackgen/core/expr.hpp"
#include "stackgen/core/module_call.hpp"
#include "stackgen/core/output.hpp"
#include "stackgen/core/resource.hpp"
#include "stackgen/core/schema_spec.hpp"
#include "stackgen/core/terraform_settings.hpp"
#include "stackgen/core/untyped.hpp"
#include "stackgen/core/variable.hpp"

namespace stackgen {

class Stack;
namespace detail {
struct StackData;
StackData& stack_data(Stack& s);
const StackData& stack_data(const Stack& s);
struct BlockDeclaration {
  BlockKind kind;
  std::string_view type;  // resource / data type, provider local name
  std::string_view name;  // local name, alias, variable name...
  const schema::BlockSpec* spec = nullptr;
  const schema::ProviderInfo* provider = nullptr;
  std::source_location where;
};
}  // namespace detail

/// Emit-time settings of a stack (CDK's "context"): `stackgen emit -c key=value`.
using Context = std::map<std::string, std::string, std::less<>>;

class Stack {
 public:
  explicit Stack(std::string name, Context context = {},
                 std::source_location where = std::source_location::current());
  ~Stack();
  Stack(const Stack&) = delete;
  Stack& operator=(const Stack&) = delete;

  const std::string& name() const;

  /// Declares a resource, data source or ephemeral resource: s.add<aws::Vpc>("vpc"),
  /// s.add<aws::data::Region>("current"), s.add<aws::ephemeral::SsmParameter>("token").
  template <class T>
  T add(std::string_view name, std::source_location where = std::source_location::current()) {
    return T(declare({T::tf_kind, T::tf_type, name, &T::tf_spec(), &T::tf_provider_info(), where}));
  }
  /// The default configuration of a provider: s.provider<aws::Provider>().
  template <class P>
  P provider(std::source_location where = std::source_location::current()) {
    return P(declare({BlockKind::provider, P::tf_provider_info().local_name, "", &P::tf_spec(),
                      &P::tf_provider_info(), where}));
  }
  /// An aliased configuration: s.provider<aws::Provider>("us-east-1").
  template <class P>
  P provider(std::string_view alias, std::source_location where = std::source_location::current()) {
    return P(declare({BlockKind::provider, P::tf_provider_info().local_name, alias,
                      &P::tf_spec(), &P::tf_provider_info(), where}));
  }
  /// A resource, data source or provider of a type without a binding
  /// (untyped.hpp): set by name, unchecked. `type` and `name` must be
  /// identifiers (stackgen::Error otherwise).
  UntypedResource untyped_resource(std::string_view type, std::string_view name,
                                   std::source_location where = std::source_location::current());
  UntypedResource untyped_data(std::string_view type, std::string_view name,
                               std::source_location where = std::source_location::current());
  /// An ephemeral resource (Terraform 1.10) without a binding.
  UntypedResource untyped_ephemeral(std::string_view type, std::string_view name,
                                    std::source_location where = std::source_location::current());
  UntypedProvider untyped_provider(std::string_view local_name, std::string_view alias = "",
                                   std::source_location where = std::source_location::current());
  template <class T>
  Variable<T> variable(std::string_view name,
                       std::source_location where = std::source_location::current()) {
    auto* b = declare({BlockKind::variable, "", name, nullptr, nullptr, where});
    set_variable_type(*b, type_constraint<T>());
    return Variable<T>(b);
  }
  /// A local value; returns the reference `local.name`.
  template <class T>
  Expr<T> local(std::string_view name, const Expr<T>& value,
                std::source_location where = std::source_location::current()) {
    return Expr<T>::unchecked(declare_local(name, value.value(), where));
  }
  Output output(std::string_view name, const Value& value,
                std::source_location where = std::source_location::current());
  ModuleCall module(std::string_view name,
                    std::source_location where = std::source_location::current());

  TerraformSettings& terraform();

  /// `moved { from = ..., to = ... }` (addresses, e.g. "aws_instance.old").
  void moved(std::string from, const BlockRef& to,
             std::source_location where = std::source_location::current());
  /// `import { to = ..., id = ... }`
  void import_resource(const BlockRef& to, const Expr<std::string>& id,
                       std::source_location where = std::source_location::current());
  /// `import { for_each = ..., to = ..., id = ... }` (Terraform 1.7): one
  /// import per element of `for_each`, `to` and `id` written with
  /// each_key() / each_value(), e.g. every bucket of a map of names to ids:
  ///   s.import_each(ids, buckets[each_key()], each_value<std::string>());
  template <class C>
    requires(is_map_type_v<C> || std::same_as<C, Set<std::string>>)
  void import_each(const Expr<C>& for_each, const BlockRef& to, const Expr<std::string>& id,
                   std::source_location where = std::source_location::current()) {
    import_for_each(for_each.value(), std::same_as<C, Set<std::string>>, to, id.value(), where);
  }
  /// `removed { from = ..., lifecycle { destroy = ... } }`
  void removed(std::string from, bool destroy,
               std::source_location where = std::source_location::current());
  /// `check "name" { ... }` (check_block.hpp): assertions Terraform reports
  /// as warnings after every plan and apply, and data sources scoped to them.
  Check check(std::string_view name, std::source_location where = std::source_location::current());

  /// An aspect (CDK's and CDKTF's): `visit` runs on every resource or data
  /// source of type T in the stack, when the stack is finished (before
  /// validation), however late the block was declared, and may change it
  /// through the typed binding:
  ///
  ///   s.aspect<aws::S3Bucket>([](aws::S3Bucket b) { b.force_destroy(false); });
  ///
  /// Diagnostics about a block an aspect changed name the aspect's line.
  template <class T, class F>
  void aspect(F visit, std::source_location where = std::source_location::current()) {
    add_aspect(T::tf_type, [visit](detail::BlockData* b) { visit(T(b)); }, where);
  }
  /// Every block of any kind, as a view (for aspects that only read, or
  /// that handle several types).
  void aspect_all(std::function<void(BlockRef)> visit, std::source_location where = std::source_location::current());
  /// Runs the aspects not run yet. stackgen's CLI and testing::Synth call
  /// it; programs that validate stacks themselves call it first.
  void finish();

  /// The resource, data source or module declared at `address`
  /// (`aws_vpc.vpc`, `data.x.y`, `module.m`), or nullopt.
  std::optional<BlockRef> block(std::string_view address) const;

  /// Declares that this stack is applied after `other`, a stack of the same
  /// App, and may use its handles: stackgen turns each one into an output of
  /// `other` and a `terraform_remote_state` of it here (cross_stack.hpp).
  /// A stack cannot depend on itself (stackgen::Error at this line); a
  /// cycle is reported by validation at the depends_on that closes it.
  void depends_on(const Stack& other, std::source_location where = std::source_location::current());

  /// A file emitted beside the stack's configuration, at
  /// `out/<stack>/<path>` (the deployment files of delivery/, a README):
  /// same atomic write, manifest and stale-file removal as the
  /// configuration. `path` is relative ("deploy/appspec.yaml"): components
  /// of letters, digits, '_', '-', '.', not starting with '.', at most four,
  /// ending in .json, .yaml, .yml, .md, .svg or .jq. Never .tf or .tf.json:
  /// Terraform would read it as configuration. stackgen::Error at this line
  /// for a bad path or one given twice.
  void file(std::string_view path, std::string content,
            std::source_location where = std::source_location::current());

  /// Emit-time context value, or `fallback`.
  std::string context(std::string_view key, std::string_view fallback = "") const;
  /// Every context value, by key (what `-c` gave the program).
  const Context& context_values() const;
  /// Context value read as a flag ("true"/"false"/"1"/"0").
  bool context_flag(std::string_view key, bool fallback) const;

 private:
  void add_aspect(std::string_view type, std::function<void(detail::BlockData*)> visit, std::source_location where);
  friend detail::StackData& detail::stack_data(Stack& s);
  friend const detail::StackData& detail::stack_data(const Stack& s);
  friend detail::BlockData* detail::declare_scoped_data(Stack&, detail::BlockData&, std::string_view,
                                                        std::string_view, const schema::BlockSpec*,
                                                        const schema::ProviderInfo*, std::source_location);
  detail::BlockData* declare(const detail::BlockDeclaration& d);
  static void set_variable_type(detail::BlockData& b, std::string type);
  Value declare_local(std::string_view name, const Value& value, std::source_location where);
  void import_for_each(const Value& for_each, bool is_set, const BlockRef& to, const Value& id,
                       std::source_location where);

  std::unique_ptr<detail::StackData> data_;
};

}  // namespace stackgen
