// Module calls: `module "name" { source = ..., version = ..., inputs }`.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "stackgen/core/block_ref.hpp"
#include "stackgen/core/expr.hpp"
#include "stackgen/core/resource.hpp"

namespace stackgen {

namespace detail {
void set_module_text(BlockData& b, std::string_view key, std::string text);
void add_module_provider(BlockData& b, std::string_view inner, const ProviderRef& outer);
}  // namespace detail

class ModuleCall : public BlockRef {
 public:
  using BlockRef::BlockRef;

  /// A literal module source address (not a template, never escaped).
  ModuleCall source(std::string address) const {
    detail::set_module_text(*data_, "source", std::move(address));
    return *this;
  }
  ModuleCall version(std::string constraint) const {
    detail::set_module_text(*data_, "version", std::move(constraint));
    return *this;
  }
  /// An input variable of the module.
  ModuleCall input(std::string_view name, const Value& value) const {
    tf_set(name, value);
    return *this;
  }
  ModuleCall count(const Expr<Number>& n) const {
    detail::set_count(*data_, n.value());
    return *this;
  }
  template <class C>
    requires(is_map_type_v<C> || std::same_as<C, Set<std::string>>)
  ModuleCall for_each(const Expr<C>& collection) const {
    detail::set_for_each(*data_, collection.value(), std::same_as<C, Set<std::string>>);
    return *this;
  }
  ModuleCall depends_on(std::initializer_list<BlockRef> dependencies) const {
    for (const auto& d : dependencies) detail::add_depends_on(*data_, d);
    return *this;
  }
  /// `providers = { aws = aws.us-east-1 }`
  ModuleCall provider(std::string_view name_in_module, const ProviderRef& p) const {
    detail::add_module_provider(*data_, name_in_module, p);
    return *this;
  }
  /// `module.name.output`, typed by the caller.
  template <class T>
  Expr<T> output(std::string_view name) const {
    return Expr<T>::unchecked(tf_reference(name));
  }
};

}  // namespace stackgen
