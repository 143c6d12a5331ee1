// Helpers for the HCL parser tests. Every helper that parses successfully
// also checks the round trip (parse -> to_hcl -> parse gives an equal tree,
// and printing again gives the same text), so every test input doubles as a
// printer test.
#pragma once

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "hcl/hcl.hpp"

namespace Catch {
template <>
struct StringMaker<stackgen::hcl::Pos> {
  static std::string convert(const stackgen::hcl::Pos& p) {
    std::string s = "{";
    s += std::to_string(p.line);
    s += ", ";
    s += std::to_string(p.column);
    s += ", ";
    s += std::to_string(p.byte);
    s += "}";
    return s;
  }
};
}  // namespace Catch

namespace hcltest {

namespace hcl = stackgen::hcl;

inline void check_round_trip(const hcl::File& f) {
  std::string text = hcl::to_hcl(f);
  INFO("printed:\n" << text);
  auto again = hcl::parse_file(text, "printed.tf");
  REQUIRE(again.ok());
  CHECK(hcl::equal(f.body, again.value.body));
  CHECK(hcl::to_hcl(again.value) == text);
}

inline void check_round_trip(const hcl::Expression& e, bool bare_template = false) {
  std::string text = hcl::to_hcl(e);
  INFO("printed:\n" << text);
  auto again = bare_template ? hcl::parse_template(text) : hcl::parse_expression(text);
  REQUIRE(again.ok());
  CHECK(hcl::equal(e, *again.value));
  CHECK(hcl::to_hcl(*again.value) == text);
}

/// Parses a file that must be valid; checks the round trip.
inline hcl::File file(std::string_view src, std::string name = "test.tf") {
  INFO("source:\n" << src);
  auto r = hcl::parse_file(src, name);
  if (!r) FAIL("unexpected error: " << r.error->str());
  check_round_trip(r.value);
  return std::move(r.value);
}

/// Parses an expression that must be valid; checks the round trip.
inline hcl::ExpressionPtr expr(std::string_view src) {
  INFO("source: " << src);
  auto r = hcl::parse_expression(src, "expr");
  if (!r) FAIL("unexpected error: " << r.error->str());
  check_round_trip(*r.value);
  return std::move(r.value);
}

/// The dump of a valid expression.
inline std::string ex(std::string_view src) { return hcl::dump(*expr(src)); }

/// The dump of the body of a valid file.
inline std::string body(std::string_view src) { return hcl::dump(file(src).body); }

/// The dump of a valid bare template.
inline std::string tmpl(std::string_view src) {
  INFO("template: " << src);
  auto r = hcl::parse_template(src, "tmpl");
  if (!r) FAIL("unexpected error: " << r.error->str());
  check_round_trip(*r.value, true);
  return hcl::dump(*r.value);
}

/// The value of `a = <src>` in a file, dumped (for templates in context).
inline std::string attr(std::string_view value_src) {
  std::string src = "a = ";
  src += value_src;
  src += "\n";
  hcl::File f = file(src);
  REQUIRE(f.body.items.size() == 1);
  return hcl::dump(*f.body.items[0].attribute()->expr);
}

/// The error of a file that must not parse, as "line:column: message".
inline std::string error(std::string_view src) {
  auto r = hcl::parse_file(src, "");
  if (r) FAIL("expected an error for:\n" << src);
  return r.error->str();
}

/// Only "line:column" of the error.
inline std::string error_at(std::string_view src) {
  std::string e = error(src);
  auto second = e.find(':', e.find(':') + 1);
  return e.substr(0, second);
}

inline std::string expr_error(std::string_view src) {
  auto r = hcl::parse_expression(src, "");
  if (r) FAIL("expected an error for: " << src);
  return r.error->str();
}

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace hcltest
