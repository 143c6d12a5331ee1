// Internal rendering entry points shared by the emitter and the checks.
#pragma once

#include <string>

#include "json.hpp"
#include "model.hpp"

namespace stackgen::detail {

/// A value in a template context: literal text escaped, expressions "${...}".
Json to_json_template(const Value& v);
/// A value in a literal context: nothing escaped.
Json to_json_literal(const Value& v);
/// The whole main.tf.json of a stack.
std::string render_main(const StackData& s);

}  // namespace stackgen::detail
