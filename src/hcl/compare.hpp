// Structural equality and a compact dump, for tests and debugging.
#pragma once

#include <string>

#include "hcl/ast.hpp"

namespace stackgen::hcl {

/// Same tree, ignoring source ranges and comments. Everything else counts:
/// node kinds, names, literal text, number spelling, parentheses, template
/// form, heredoc marker and flush flag, strip markers, block label quoting
/// and one-line block form.
bool equal(const Expression& a, const Expression& b);
bool equal(const Body& a, const Body& b);

/// An S-expression rendering without positions, e.g. "(+ a (* b 2))" for
/// `a + b * 2`, meant for test expectations and debugging. See
/// docs/hcl-parser.md for the notation.
std::string dump(const Expression& e);
std::string dump(const Body& body);

}  // namespace stackgen::hcl
