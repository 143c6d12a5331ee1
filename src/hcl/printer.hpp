// Printing syntax trees back to HCL native syntax.
#pragma once

#include <string>

#include "hcl/ast.hpp"

namespace stackgen::hcl {

struct PrintOptions {
  /// Re-emit the comments attached to attributes, blocks, object items and
  /// bodies (comments inside other expressions are not printed).
  bool comments = true;
};

/// Canonical HCL for an expression (two-space indentation, `=` in objects).
/// For a tree produced by the parser, parsing the result gives an equal tree
/// (see equal()). Throws std::invalid_argument for a hand-built tree that has
/// no HCL spelling (e.g. an attribute name that is not an identifier).
std::string to_hcl(const Expression& e, const PrintOptions& options = {});
/// Canonical HCL for a body: one attribute or block per line, blocks
/// separated by blank lines, ending with a newline when not empty.
std::string to_hcl(const Body& body, const PrintOptions& options = {});
std::string to_hcl(const File& file, const PrintOptions& options = {});

/// Whether `name` is an HCL identifier (ID_Start or '_', then ID_Continue or '-').
bool is_identifier(std::string_view name);

}  // namespace stackgen::hcl
