// Writes the public headers of a provider's bindings:
// include/stackgen/<p>/{provider_info,provider,all,<type>,data/<type>}.hpp.
#pragma once

#include <vector>

#include "code_writer.hpp"
#include "plan.hpp"

namespace stackgen::bindgen {

std::vector<GeneratedFile> write_headers(const ProviderPlan& plan);

/// The header of one class (exposed for the generator tests).
std::string class_header(const ProviderPlan& plan, const ClassPlan& c);

}  // namespace stackgen::bindgen
