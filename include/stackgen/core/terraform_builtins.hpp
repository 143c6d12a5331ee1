// Terraform's built-in provider, modelled by hand: the terraform_data
// resource and the terraform_remote_state data source.
#pragma once

#include <string_view>

#include "stackgen/core/resource.hpp"
#include "stackgen/core/schema_spec.hpp"

namespace stackgen::builtin {

const schema::ProviderInfo& provider_info();

/// `resource "terraform_data"`: a value that lives in state, and a way to
/// trigger replacement of other resources (lifecycle.replace_triggered_by).
class TerraformData : public ResourceBase<TerraformData> {
 public:
  static constexpr BlockKind tf_kind = BlockKind::resource;
  static constexpr std::string_view tf_type = "terraform_data";
  static const schema::BlockSpec& tf_spec();
  static const schema::ProviderInfo& tf_provider_info() { return provider_info(); }
  using ResourceBase::ResourceBase;

  TerraformData input(const Expr<Any>& v) const { return tf_with("input", v); }
  TerraformData triggers_replace(const Expr<Any>& v) const { return tf_with("triggers_replace", v); }
  /// What input(v) set, read back (`terraform_data.x.input`).
  Expr<Any> input() const { return tf_get<Any>("input"); }
  Expr<Any> triggers_replace() const { return tf_get<Any>("triggers_replace"); }
  Expr<std::string> id() const { return tf_get<std::string>("id"); }
  Expr<Any> output() const { return tf_get<Any>("output"); }
};

/// `data "terraform_remote_state"`: outputs of another root module (how one
/// stack consumes another's outputs).
class TerraformRemoteState : public ResourceBase<TerraformRemoteState> {
 public:
  static constexpr BlockKind tf_kind = BlockKind::data;
  static constexpr std::string_view tf_type = "terraform_remote_state";
  static const schema::BlockSpec& tf_spec();
  static const schema::ProviderInfo& tf_provider_info() { return provider_info(); }
  using ResourceBase::ResourceBase;

  TerraformRemoteState backend(const Expr<std::string>& v) const { return tf_with("backend", v); }
  TerraformRemoteState config(const Expr<Any>& v) const { return tf_with("config", v); }
  TerraformRemoteState defaults(const Expr<Any>& v) const { return tf_with("defaults", v); }
  TerraformRemoteState workspace(const Expr<std::string>& v) const { return tf_with("workspace", v); }
  Expr<Object> outputs() const { return tf_get<Object>("outputs"); }
  /// `data.terraform_remote_state.x.outputs.<name>`, typed by the caller.
  template <class T>
  Expr<T> output(std::string_view name) const {
    return outputs().template get<T>(name);
  }
};

}  // namespace stackgen::builtin
