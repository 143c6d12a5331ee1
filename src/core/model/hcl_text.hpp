// Writing values as HCL expressions and as Terraform template text.
//
// Terraform's JSON syntax reads most strings as templates, and the inside of
// `${...}` as HCL. Everything here escapes so that literal text stays
// literal: `${` / `%{` are doubled, a run of `$` just before an
// interpolation is written as an interpolation of its own (`US$${x}` would
// read as an escape), and a lone carriage return becomes `${"\r"}` (Terraform's
// template scanner would otherwise take the rest of the string literally).
// Nothing here recurses: a 100k-term expression prints in a loop.
#pragma once

#include <string>
#include <string_view>

#include "stackgen/core/value.hpp"

namespace stackgen::detail {

/// How append_hcl lays out braces and object keys. The default is the
/// compact form the JSON output embeds in "${...}" (its bytes are part of
/// the emitted files); `formatted` is what `terraform fmt` writes in .tf
/// files: `{ k = v }`, `{ for ... }`, bare identifier keys.
struct HclStyle {
  bool formatted = false;
};

/// Appends `v` as an HCL expression (what stands inside `${...}`).
void append_hcl(std::string& out, const Value& v, HclStyle style = {});
/// Whether an object key can be written bare in HCL and read back as the
/// same literal string (an identifier that is not a keyword).
bool is_bare_object_key(std::string_view key) noexcept;
/// `"literal"` as an HCL quoted template: quotes, backslashes and control
/// characters escaped, `${` / `%{` doubled.
void append_hcl_quoted(std::string& out, std::string_view literal);
/// Literal text of a template in a JSON string, JSON-escaped: what the
/// renderer writes for string values and the literal parts of templates.
/// `before_interpolation`: an interpolation follows in the same string.
void append_json_template_text(std::string& out, std::string_view text, bool before_interpolation);
/// Appends `s` JSON-escaped, without quotes.
void append_json_escaped(std::string& out, std::string_view s);
/// `"s"`, JSON-escaped.
void append_json_string(std::string& out, std::string_view s);

/// Escapes template sequences (${ -> $${, %{ -> %%{) in literal text.
std::string escape_template(std::string_view s);
/// The inside of an HCL quoted string for `s` (no template escaping).
std::string hcl_quote(std::string_view s);

/// HCL identifiers: a letter or '_', then letters, digits, '_' and '-'.
bool is_identifier(std::string_view s) noexcept;

}  // namespace stackgen::detail
