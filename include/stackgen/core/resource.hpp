// Resource and data source handles, with Terraform's meta-arguments.
//
// Generated bindings derive from ResourceBase<Self> (CRTP) so that
// meta-argument setters return the concrete type and chains keep their
// typed setters: s.add<aws::Subnet>("a").count(2).vpc_id(vpc.id()).
#pragma once

#include <concepts>
#include <initializer_list>
#include <source_location>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "stackgen/core/block_ref.hpp"
#include "stackgen/core/dynamic_iterator.hpp"
#include "stackgen/core/expr.hpp"
#include "stackgen/core/lifecycle.hpp"
#include "stackgen/core/provisioner.hpp"

namespace stackgen {

/// A handle to a provider configuration (default or aliased).
class ProviderRef : public BlockRef {
 public:
  using BlockRef::BlockRef;
};

namespace detail {
void set_count(BlockData& b, const Value& count);
/// `is_set`: the collection has a set type; a literal list is then written
/// as toset([...]) (for_each rejects a plain list).
void set_for_each(BlockData& b, const Value& for_each, bool is_set);
void add_depends_on(BlockData& b, const BlockRef& dependency);
void set_provider(BlockData& b, const ProviderRef& provider);
void set_provider_by_name(BlockData& b, std::string_view provider_address);
void set_lifecycle(BlockData& b, const Lifecycle& lifecycle);
void add_override(BlockData& b, std::string path, Value value, bool remove, const std::source_location& where);
void add_suppression(BlockData& b, std::string rule, std::string reason, const std::source_location& where);
/// Adds `attribute` (named by a getter's reference) to lifecycle.ignore_changes.
void add_ignore_changes(BlockData& b, const Value& attribute_reference);
/// Adds a reference (or a whole block) to lifecycle.replace_triggered_by.
void add_replace_triggered_by(BlockData& b, const Value& reference);
Value whole_block_reference(const BlockRef& block);
/// A `dynamic "<name>"` block: content generated for each element of
/// `for_each`, with `iterator` bound in `content`.
void add_dynamic_block(BlockData& b, std::string_view name, const Value& for_each, std::string_view iterator,
                       const Value& content, const std::source_location& where);
void add_provisioner(BlockData& b, const Provisioner& p);
void set_connection(BlockData& b, const Connection& c);
}  // namespace detail

template <class Self>
class ResourceBase : public BlockRef {
 public:
  using BlockRef::BlockRef;

  /// `count = n`. Instances are then referenced as r[i], all of them with
  /// splat(r, &Type::attribute).
  Self count(const Expr<Number>& n) const {
    detail::set_count(*data_, n.value());
    return self();
  }
  /// `for_each` over a map or a set of strings. Instances: r["key"],
  /// all of them with values_of(r, &Type::attribute).
  template <class C>
    requires(is_map_type_v<C> || std::same_as<C, Set<std::string>>)
  Self for_each(const Expr<C>& collection) const {
    detail::set_for_each(*data_, collection.value(), std::same_as<C, Set<std::string>>);
    return self();
  }
  Self depends_on(std::initializer_list<BlockRef> dependencies) const {
    for (const auto& d : dependencies) detail::add_depends_on(*data_, d);
    return self();
  }
  /// `lifecycle.ignore_changes` of attributes named by this type's own
  /// getters: .ignore_changes(&aws::EcsService::desired_count). A getter of
  /// another type does not compile. (Nested blocks and paths such as
  /// `tags["Name"]`: Lifecycle::ignore_changes, checked at emit.)
  template <class... T>
  Self ignore_changes(Expr<T> (Self::*... getters)() const) const {
    (detail::add_ignore_changes(*data_, (self().*getters)().value()), ...);
    return self();
  }
  /// `lifecycle.replace_triggered_by`: replace this resource when another
  /// one (or one of its attributes) changes.
  Self replace_triggered_by(std::initializer_list<BlockRef> resources) const {
    for (const auto& r : resources) detail::add_replace_triggered_by(*data_, detail::whole_block_reference(r));
    return self();
  }
  template <class T>
  Self replace_triggered_by(const Expr<T>& attribute_reference) const {
    detail::add_replace_triggered_by(*data_, attribute_reference.value());
    return self();
  }
  /// A `dynamic` nested block: one `Block` for each element of `for_each`
  /// (a Terraform list, set or map), built by `build(Block&, iterator)`
  /// where iterator.key() / .value() are typed references to the element:
  ///
  ///   rule.dynamic<aws::LbListenerRule::Condition>("condition", hosts,
  ///       [](auto& c, auto host) { c.host_header(...values({host.value()})); });
  template <class Block, class C, class F>
  Self dynamic(std::string_view block, const Expr<C>& for_each, F&& build, std::string_view iterator = {},
               std::source_location where = std::source_location::current()) const {
    const std::string name(iterator.empty() ? block : iterator);
    DynamicIterator<typename detail::dynamic_key<C>::type, element_type_t<C>> it(name);
    Block content;
    build(content, it);
    detail::add_dynamic_block(*data_, block, for_each.value(), iterator, content.value(), where);
    return self();
  }
  Self provider(const ProviderRef& p) const {
    detail::set_provider(*data_, p);
    return self();
  }
  /// `provider = "aws.us-east-1"` by name; checked against the stack's
  /// provider configurations at emit.
  Self provider(std::string_view provider_address) const {
    detail::set_provider_by_name(*data_, provider_address);
    return self();
  }
  /// A provisioner; several run in the order added. Given a builder, the
  /// builder receives this resource's `self` handle, whose getters write
  /// `self.<attr>` (a provisioner may not name its own resource):
  ///
  ///   web.provisioner([](auto self) { return LocalExec("echo " + self.private_ip()); });
  template <class P>
    requires std::derived_from<P, Provisioner>
  Self provisioner(const P& p) const {
    detail::add_provisioner(*data_, p);
    return self();
  }
  template <class F>
    requires std::invocable<F&, Self> && std::derived_from<std::decay_t<std::invoke_result_t<F&, Self>>, Provisioner>
  Self provisioner(F&& build) const {
    detail::add_provisioner(*data_, build(self_handle()));
    return self();
  }
  /// The resource's `connection` block, used by its provisioners that have
  /// none of their own; a builder receives the `self` handle:
  ///
  ///   web.connection([](auto self) { return Connection::ssh(self.public_ip()).user("ec2-user"); });
  Self connection(const Connection& c) const {
    detail::set_connection(*data_, c);
    return self();
  }
  template <class F>
    requires std::invocable<F&, Self> && std::same_as<std::decay_t<std::invoke_result_t<F&, Self>>, Connection>
  Self connection(F&& build) const {
    detail::set_connection(*data_, build(self_handle()));
    return self();
  }
  Self lifecycle(const Lifecycle& l) const {
    detail::set_lifecycle(*data_, l);
    return self();
  }
  /// Escape hatch (CDKTF's addOverride): sets a raw path in the emitted
  /// block, e.g. add_override("default_action.0.order", 1). Applied last;
  /// the path is checked against the schema at emit.
  Self add_override(std::string path, Value value,
                    std::source_location where = std::source_location::current()) const {
    detail::add_override(*data_, std::move(path), std::move(value), false, where);
    return self();
  }
  /// Removes a raw path from the emitted block.
  Self delete_override(std::string path, std::source_location where = std::source_location::current()) const {
    detail::add_override(*data_, std::move(path), Value{}, true, where);
    return self();
  }
  /// Silences lint rule `rule` on this resource; the reason is required
  /// and is shown in the validation report so reviewers see it.
  Self suppress_rule(std::string rule, std::string reason,
                     std::source_location where = std::source_location::current()) const {
    detail::add_suppression(*data_, std::move(rule), std::move(reason), where);
    return self();
  }

  /// One instance of a resource with `count`.
  Self operator[](int index) const { return selected(Selector::index, Value(index)); }
  Self operator[](const Expr<Number>& index) const {
    return selected(Selector::index, index.value());
  }
  /// One instance of a resource with `for_each`.
  Self operator[](const char* key) const { return selected(Selector::key, Value(key)); }
  Self operator[](const Expr<std::string>& key) const {
    return selected(Selector::key, key.value());
  }

  /// Used by splat() and values_of(); not for stack code.
  Self tf_selected(Selector s, Value key) const { return selected(s, std::move(key)); }

 protected:
  Self tf_with(std::string_view name, const Value& v) const {
    tf_set(name, v);
    return self();
  }
  Self tf_with_block(std::string_view name, const Value& body) const {
    tf_append_block(name, body);
    return self();
  }
  template <class T>
  Expr<T> tf_get(std::string_view name) const {
    return Expr<T>::unchecked(tf_reference(name));
  }

 private:
  Self self() const { return static_cast<const Self&>(*this); }
  Self self_handle() const { return selected(Selector::self, Value{}); }
  Self selected(Selector s, Value key) const {
    Self copy = self();
    copy.tf_select(s, std::move(key));
    return copy;
  }
};

/// `r[*].attribute` for a resource with `count`: splat(subnets, &aws::Subnet::id).
template <class R, class T>
Expr<List<T>> splat(const R& resource, Expr<T> (R::*attribute)() const) {
  R all = resource.tf_selected(BlockRef::Selector::splat, Value{});
  return Expr<List<T>>::unchecked((all.*attribute)().value());
}

namespace detail {
Value values_of_expression(const BlockRef& resource, const Value& attribute_of_bound);
}

/// `[for r in resource : r.attribute]` for a resource with `for_each`.
template <class R, class T>
Expr<List<T>> values_of(const R& resource, Expr<T> (R::*attribute)() const) {
  R one = resource.tf_selected(BlockRef::Selector::bound, Value{});
  return Expr<List<T>>::unchecked(
      detail::values_of_expression(resource, (one.*attribute)().value()));
}

/// Base of generated provider configuration classes (aws::Provider).
template <class Self>
class ProviderBase : public ProviderRef {
 public:
  using ProviderRef::ProviderRef;

 protected:
  Self tf_with(std::string_view name, const Value& v) const {
    tf_set(name, v);
    return static_cast<const Self&>(*this);
  }
  Self tf_with_block(std::string_view name, const Value& body) const {
    tf_append_block(name, body);
    return static_cast<const Self&>(*this);
  }
};

}  // namespace stackgen
