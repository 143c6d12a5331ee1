// Allowed values checked at compile time: the parameter type of generated
// setters whose attribute takes one of a fixed set of strings (the
// provider's own validators, schema/aws-5.100.0.values.json for AWS).
//
//   svc.launch_type("FARGATE");   // checked by the compiler
//   svc.launch_type("FARGTE");    // error: ... value_must_be_one_of() [with
//                                 //   Attribute = "aws_ecs_service.launch_type",
//                                 //   Allowed = "|EC2|EXTERNAL|FARGATE"]
//   svc.launch_type(var_type);    // any Expr<std::string>: a literal inside
//                                 //   it is checked at emit (schema.disallowed-value)
//
// A generated setter comes in two overloads: one taking OneOf (string
// literals only, by its consteval constructor) and a template one taking
// Expr<std::string>. For a literal both are viable through one user-defined
// conversion each, and the non-template wins the tie; anything that is not a
// literal only fits the template. That keeps a literal from silently taking
// the unchecked path.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "stackgen/core/expr.hpp"

namespace stackgen {

/// A string literal as a template argument (C++20 class-type NTTP). GCC
/// prints it as text in diagnostics, which is what makes the error readable.
template <std::size_t N>
struct FixedString {
  char text[N]{};
  consteval FixedString(const char (&s)[N]) {
    for (std::size_t i = 0; i < N; ++i) text[i] = s[i];
  }
  constexpr std::string_view view() const { return {text, N - 1}; }
};

namespace detail {
constexpr char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
/// Calls `visit(start, length)` with the position of each value of `set`
/// ("|a|b|c": its first character is the separator) until `visit` returns
/// true; returns whether it did. Index loops only: GCC 12 under
/// -fsanitize=undefined cannot evaluate string_view::find on a template
/// argument object at compile time.
template <class Visit>
constexpr bool any_allowed_value(std::string_view set, Visit visit) {
  if (set.empty()) return false;
  const char separator = set[0];
  std::size_t start = 1;
  for (std::size_t i = 1; i <= set.size(); ++i) {
    if (i < set.size() && set[i] != separator) continue;
    if (visit(start, i - start)) return true;
    start = i + 1;
  }
  return false;
}
/// Is `value` one of `set`?
constexpr bool in_value_set(std::string_view set, std::string_view value, bool ignore_case) {
  return any_allowed_value(set, [&](std::size_t start, std::size_t length) {
    if (length != value.size()) return false;
    for (std::size_t k = 0; k < length; ++k) {
      const char a = set[start + k], b = value[k];
      if (a != b && !(ignore_case && ascii_lower(a) == ascii_lower(b))) return false;
    }
    return true;
  });
}
}  // namespace detail

/// Not constexpr, on purpose: OneOf calls it for a value outside the set,
/// and the compiler's error names this function with its template
/// arguments, the attribute and the allowed values.
template <FixedString Attribute, FixedString Allowed>
void value_must_be_one_of() {}

/// A string literal that the compiler has checked against `Allowed` (a set
/// written "|a|b|c", its first character the separator). `IgnoreCase`: the
/// provider accepts any letter case.
template <FixedString Attribute, FixedString Allowed, bool IgnoreCase = false>
class OneOf {
 public:
  template <std::size_t N>
  consteval OneOf(const char (&literal)[N]) : text_(literal, N - 1) {
    if (!detail::in_value_set(Allowed.view(), text_, IgnoreCase)) value_must_be_one_of<Attribute, Allowed>();
  }
  constexpr std::string_view text() const { return text_; }
  Expr<std::string> expr() const { return Expr<std::string>(text_); }

 private:
  std::string_view text_;
};

/// The value of a list or set attribute built from checked literals
/// (`{"GET", "HEAD"}`).
template <class Sequence, class Checked>
Expr<Sequence> checked_list(std::initializer_list<Checked> items) {
  std::vector<Expr<std::string>> out;
  out.reserve(items.size());
  for (const auto& i : items) out.push_back(i.expr());
  return Expr<Sequence>(out);
}

}  // namespace stackgen
