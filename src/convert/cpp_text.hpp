// C++ source text that `stackgen convert` writes: string literals, raw
// strings for HCL kept as text, comment lines, and the spelling of binding
// types (a struct name qualified with the class it is declared in).
#pragma once

#include <string>
#include <string_view>

#include "hcl/ast.hpp"

namespace stackgen::convert {

/// A C++ string literal of `s` ("..." with escapes; octal for control bytes).
std::string cpp_string(std::string_view s);
/// A raw string literal R"hcl(...)hcl" whose delimiter does not occur in `text`.
std::string cpp_raw_string(const std::string& text);
/// `text` as `//` comment lines, each prefixed with `indent`.
std::string comment_lines(std::string_view text, const std::string& indent);
/// HCL text of an expression, without its comments.
std::string hcl_text(const hcl::Expression& e);
/// True for the words of a binding's C++ type that are not struct names.
bool is_primitive_type_word(std::string_view w);
/// "List<Ingress>" in scope "aws::SecurityGroup" -> "List<aws::SecurityGroup::Ingress>".
std::string qualify(const std::string& type, const std::string& scope);
/// The core's type names qualified, for code outside `using namespace
/// stackgen`: "List<Any>" -> "stackgen::List<stackgen::Any>".
std::string qualify_core_types(const std::string& type);
/// List<E> or Set<E>; Map<E>; E of either.
bool is_sequence(const std::string& t);
bool is_map(const std::string& t);
std::string element_of(const std::string& t);

}  // namespace stackgen::convert
