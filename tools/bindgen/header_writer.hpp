// Writes the headers of a provider's bindings, relative to an include root:
// stackgen/<p>/{provider_info,provider,all,<type>,data/<type>}.hpp. Each
// class header holds the class and, at its end, the inline tf_spec().
#pragma once

#include <string>
#include <vector>

#include "code_writer.hpp"
#include "plan.hpp"

namespace stackgen::bindgen {

std::vector<GeneratedFile> write_headers(const ProviderPlan& plan);

/// The header of one class (exposed for the generator tests).
std::string class_header(const ProviderPlan& plan, const ClassPlan& c);

/// provider_info.hpp: the inline <p>::provider_info() (exposed for the tests).
std::string provider_info_header(const ProviderPlan& plan);

}  // namespace stackgen::bindgen
