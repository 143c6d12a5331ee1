// Input variables: `variable "name" { ... }`.
#pragma once

#include <string>

#include "stackgen/core/block_ref.hpp"
#include "stackgen/core/expr.hpp"

namespace stackgen {

namespace detail {
void set_variable_default(BlockData& b, const Value& v);
void set_variable_text(BlockData& b, std::string_view key, std::string text);
void set_variable_flag(BlockData& b, std::string_view key, bool on);
void add_variable_validation(BlockData& b, const Value& condition, const Value& message);
void set_variable_type_text(BlockData& b, std::string type);
Value variable_reference(const BlockData& b);
}  // namespace detail

/// A variable is usable wherever an Expr<T> is (it renders `var.name`);
/// its setters configure the declaration and return a copy of the handle.
template <class T>
class Variable : public Expr<T> {
 public:
  Variable(detail::BlockData* data)
      : Expr<T>(Expr<T>::unchecked(detail::variable_reference(*data))), data_(data) {}

  /// The default; must be a literal (Terraform does not allow expressions).
  Variable default_value(const Expr<T>& v) const {
    detail::set_variable_default(*data_, v.value());
    return *this;
  }
  Variable description(std::string text) const {
    detail::set_variable_text(*data_, "description", std::move(text));
    return *this;
  }
  /// Sensitive variables are redacted in plan output; stackgen also refuses
  /// to write a default for them.
  Variable sensitive(bool on = true) const {
    detail::set_variable_flag(*data_, "sensitive", on);
    return *this;
  }
  Variable nullable(bool on) const {
    detail::set_variable_flag(*data_, "nullable", on);
    return *this;
  }
  Variable ephemeral(bool on = true) const {
    detail::set_variable_flag(*data_, "ephemeral", on);
    return *this;
  }
  /// A validation rule; `condition` should refer to this variable.
  Variable validation(const Expr<bool>& condition, const Expr<std::string>& error_message) const {
    detail::add_variable_validation(*data_, condition.value(), error_message.value());
    return *this;
  }

  /// The type constraint as Terraform text, for a Variable<Any> whose type
  /// C++ does not spell: "object({name = string, port = optional(number, 80)})".
  /// Empty: no type constraint at all, as `variable "x" {}` in HCL, which
  /// is not `any`: values from -var and TF_VAR_ are then taken as strings,
  /// not parsed as HCL. `stackgen convert` writes both. Not checked by
  /// stackgen; terraform validate checks it.
  Variable type_constraint(std::string terraform_type) const
    requires std::same_as<T, Any>
  {
    detail::set_variable_type_text(*data_, std::move(terraform_type));
    return *this;
  }

  BlockRef tf_block() const { return BlockRef(data_); }

 private:
  detail::BlockData* data_;
};

}  // namespace stackgen
