// Check blocks (Terraform 1.5): `check "name" { data ... assert { ... } }`.
//
// Continuous validation of the infrastructure: Terraform evaluates each
// assertion at the end of every plan and apply and reports a false one as a
// warning; it never blocks the run. A data source declared in the check is
// scoped to it: read on every plan, its errors are warnings too, and only
// the check's assertions may refer to it (emit reports any other use, as
// Terraform would, at the C++ line).
//
//   auto network = s.check("network_published");
//   auto state = network.data<builtin::TerraformRemoteState>("network").backend("local")
//                    .config(Value::object({{"path", "../network/terraform.tfstate"}}));
//   network.assert_that(!is_null(state.output<std::string>("vpc_id")), "the network stack has no vpc_id");
//
// (A provider's data source is declared the same way: check.data<T>("name")
// with T a data:: binding.)
#pragma once

#include <source_location>
#include <string_view>

#include "stackgen/core/block_ref.hpp"
#include "stackgen/core/expr.hpp"
#include "stackgen/core/schema_spec.hpp"
#include "stackgen/core/untyped.hpp"

namespace stackgen {

class Stack;

namespace detail {
void add_check_assertion(BlockData& check, const Value& condition, const Value& error_message);
BlockData* declare_scoped_data(Stack& s, BlockData& check, std::string_view type, std::string_view name,
                               const schema::BlockSpec* spec, const schema::ProviderInfo* provider,
                               std::source_location where);
}  // namespace detail

/// A check block of a Stack (Stack::check). Not a BlockRef: nothing in a
/// configuration refers to a check.
class Check {
 public:
  Check(Stack& stack, detail::BlockData* data) noexcept : stack_(&stack), data_(data) {}

  /// `assert { condition = ..., error_message = ... }`; at least one per
  /// check (validation reports a check without).
  Check assert_that(const Expr<bool>& condition, const Expr<std::string>& error_message) const {
    detail::add_check_assertion(*data_, condition.value(), error_message.value());
    return *this;
  }

  /// A data source scoped to this check: check.data<T>("name"), T a data:: binding.
  template <class T>
  T data(std::string_view name, std::source_location where = std::source_location::current()) const {
    static_assert(T::tf_kind == BlockKind::data, "a check scopes data sources only (the data:: bindings)");
    return T(detail::declare_scoped_data(*stack_, *data_, T::tf_type, name, &T::tf_spec(), &T::tf_provider_info(),
                                         where));
  }

  /// A scoped data source of a type without a binding (untyped.hpp), e.g.
  /// the http provider's: `type` and `name` must be identifiers.
  UntypedResource untyped_data(std::string_view type, std::string_view name,
                               std::source_location where = std::source_location::current()) const;

  /// The block, for inspection (its kind is BlockKind::check).
  detail::BlockData* tf_data() const noexcept { return data_; }

 private:
  Stack* stack_;
  detail::BlockData* data_;
};

}  // namespace stackgen
