// Writes src/bindings/<p>/specs*.cpp: every binding's tf_spec() as
// constexpr schema::BlockSpec data, and <p>::provider_info().
#pragma once

#include <vector>

#include "code_writer.hpp"
#include "plan.hpp"

namespace stackgen::bindgen {

/// One file when the provider has at most `types_per_file` classes
/// (specs.cpp), else specs_0.cpp, specs_1.cpp, ... of that many classes each.
std::vector<GeneratedFile> write_specs(const ProviderPlan& plan, std::size_t types_per_file);

/// The tf_spec() definition of one class (exposed for the generator tests).
std::string spec_definition(const ClassPlan& c);

}  // namespace stackgen::bindgen
