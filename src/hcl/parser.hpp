// Entry points: parse a configuration file, a standalone expression, or a
// standalone template (HCL's ParseConfig, ParseExpression, ParseTemplate).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "hcl/ast.hpp"
#include "hcl/error.hpp"

namespace stackgen::hcl {

struct ParseOptions {
  /// The deepest nesting of brackets, blocks, unary operators, conditional
  /// branches and template directives accepted; deeper input is a
  /// "nesting too deep" error instead of a stack overflow.
  std::size_t max_nesting = 1000;
  /// A second bound on nesting, in bytes of stack used by the parser: deeper
  /// input is the same "nesting too deep" error. An optimized build needs
  /// about 1 KiB per nesting level; sanitizer builds need several times that,
  /// and this keeps them from overflowing too. Lower it when parsing on a
  /// thread with a small stack.
  std::size_t max_stack_bytes = std::size_t{2} << 20;
  /// The position of the first byte of the source, for text embedded in
  /// another file (e.g. a string of a .tf.json file).
  Pos start{};
};

/// A configuration file (`.tf`): its top-level body. The source must be valid
/// UTF-8 (a leading byte order mark is skipped; the other entry points keep
/// it as a character).
ParseResult<File> parse_file(std::string_view source, std::string filename = "",
                             const ParseOptions& options = {});

/// One expression, e.g. "var.a + 1" (surrounding whitespace, newlines and
/// comments allowed).
ParseResult<ExpressionPtr> parse_expression(std::string_view source, std::string filename = "",
                                            const ParseOptions& options = {});

/// A bare template, e.g. "${var.x}-suffix" as found in the strings of Terraform's
/// JSON syntax: literal text with interpolations and directives, no quotes, no
/// backslash escapes. The result is a Template expression with Form::Bare.
ParseResult<ExpressionPtr> parse_template(std::string_view source, std::string filename = "",
                                          const ParseOptions& options = {});

/// The same, throwing ParseError instead.
File parse_file_or_throw(std::string_view source, std::string filename = "",
                         const ParseOptions& options = {});
ExpressionPtr parse_expression_or_throw(std::string_view source, std::string filename = "",
                                        const ParseOptions& options = {});
ExpressionPtr parse_template_or_throw(std::string_view source, std::string filename = "",
                                      const ParseOptions& options = {});

}  // namespace stackgen::hcl
