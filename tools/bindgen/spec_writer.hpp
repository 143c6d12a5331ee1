// Writes a binding's tf_spec(): the schema as constexpr schema::BlockSpec
// data (static constexpr arrays local to an inline function, so a type's
// spec is compiled only into programs that include its header, and nothing
// runs at start-up). The header writer puts it at the end of each header.
#pragma once

#include <string>

#include "code_writer.hpp"
#include "plan.hpp"

namespace stackgen::bindgen {

/// Writes `inline const schema::BlockSpec& <Class>::tf_spec() {...}`, for use
/// in the class's namespace after the class definition.
void write_spec_definition(CodeWriter& w, const ClassPlan& c);

/// The same, as text (for the generator tests).
std::string spec_definition(const ClassPlan& c);

}  // namespace stackgen::bindgen
