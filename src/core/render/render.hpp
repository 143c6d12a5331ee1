// Rendering entry points shared by the emitter and the tools.
#pragma once

#include <string>

#include "../model/model.hpp"

namespace stackgen::detail {

/// The whole main.tf.json of a stack.
std::string render_main(const StackData& s);

}  // namespace stackgen::detail
