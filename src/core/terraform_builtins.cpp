#include "stackgen/core/terraform_builtins.hpp"

namespace stackgen::builtin {

// terraform.io/builtin/terraform needs no required_providers entry: an empty
// source tells the emitter to leave it out.
const schema::ProviderInfo& provider_info() {
  static constexpr schema::ProviderInfo info{"terraform", "", ""};
  return info;
}

namespace {
using schema::AttributeSpec;
constexpr AttributeSpec kDataAttrs[] = {
    {"id", "\"string\"", false, false, true},
    {"input", "\"dynamic\"", false, true},
    {"output", "\"dynamic\"", false, false, true},
    {"triggers_replace", "\"dynamic\"", false, true},
};
constexpr AttributeSpec kRemoteStateAttrs[] = {
    {"backend", "\"string\"", true},
    {"config", "\"dynamic\"", false, true},
    {"defaults", "\"dynamic\"", false, true},
    {"outputs", "\"dynamic\"", false, false, true},
    {"workspace", "\"string\"", false, true},
};
}  // namespace

const schema::BlockSpec& TerraformData::tf_spec() {
  static constexpr schema::BlockSpec spec{kDataAttrs, {}};
  return spec;
}

const schema::BlockSpec& TerraformRemoteState::tf_spec() {
  static constexpr schema::BlockSpec spec{kRemoteStateAttrs, {}};
  return spec;
}

}  // namespace stackgen::builtin
