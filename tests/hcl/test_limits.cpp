// Robustness: the nesting limit, long flat inputs, and malformed input in
// general (errors, never crashes).
#include <string>

#include "test_support.hpp"

namespace hcl = stackgen::hcl;

namespace {

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

bool too_deep(const hcl::ParseResult<hcl::File>& r) {
  return !r && r.error->message.find("Nesting too deep") == 0;
}

}  // namespace

TEST_CASE("100,000 nested brackets give a clean error", "[limits]") {
  const std::size_t n = 100000;
  for (std::string open : {"(", "[", "{a=", "\"${", "-", "!", "f(", "a[", "x ? y : ", "[for x in y : "}) {
    INFO(open);
    auto r = hcl::parse_file("a = " + repeat(open, n) + "1\n", "deep.tf");
    CHECK(too_deep(r));
  }
  auto blocks = hcl::parse_file(repeat("b {\n", n), "deep.tf");
  CHECK(too_deep(blocks));
  auto directives = hcl::parse_file("a = \"" + repeat("%{ if x }", n) + "\"\n", "deep.tf");
  CHECK(too_deep(directives));
  auto expr = hcl::parse_expression(repeat("(", n) + "1" + repeat(")", n));
  REQUIRE_FALSE(expr);
  CHECK(expr.error->message.find("Nesting too deep") == 0);
  auto tmpl = hcl::parse_template(repeat("${\"", n));
  REQUIRE_FALSE(tmpl);
  CHECK(tmpl.error->message.find("Nesting too deep") == 0);
}

TEST_CASE("the nesting limit is max_nesting", "[limits]") {
  hcl::ParseOptions opts;
  opts.max_nesting = 50;
  // 49 brackets inside the attribute's own expression level is the most.
  auto ok = hcl::parse_file("a = " + repeat("[", 49) + "1" + repeat("]", 49) + "\n", "", opts);
  CHECK(ok);
  auto bad = hcl::parse_file("a = " + repeat("[", 50) + "1" + repeat("]", 50) + "\n", "", opts);
  REQUIRE(too_deep(bad));
  CHECK(bad.error->str() == "1:55: Nesting too deep: this expression or block is nested more than 50 levels deep.");
}

// An optimized build fits 1000 levels in the default stack budget
// (ParseOptions::max_stack_bytes); unoptimized and sanitizer builds use
// several times more stack per level and stop earlier, with the same clean
// "nesting too deep" error.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HCL_TEST_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define HCL_TEST_ASAN 1
#endif
#if defined(NDEBUG) && !defined(HCL_TEST_ASAN)
constexpr bool optimized_build = true;
#else
constexpr bool optimized_build = false;
#endif

TEST_CASE("the default limit of 1000 levels parses, prints and compares", "[limits]") {
  // Just under the default limit: everything else must cope with such a tree too.
  auto check = [](const std::string& src) {
    auto r = hcl::parse_file(src, "deep.tf");
    if (!r) {
      INFO(r.error->str());
      CHECK_FALSE(optimized_build);
      CHECK(r.error->message.find("Nesting too deep") == 0);
      return;
    }
    hcltest::check_round_trip(r.value);
  };
  for (std::string open : {"(", "[", "{a=", "f(", "\"${"}) {
    INFO(open);
    std::string close = open == "(" || open == "f(" ? ")" : open == "[" ? "]" : open == "{a=" ? "}" : "}\"";
    check("a = " + repeat(open, 990) + "1" + repeat(close, 990) + "\n");
  }
  check(repeat("b {\n", 990) + repeat("}\n", 990));
}

TEST_CASE("long flat inputs need no deep recursion", "[limits]") {
  const std::size_t n = 100000;
  // A 100,000-term chain: a left-leaning tree 100,000 deep. Parsing, printing,
  // comparing, copying, dumping and destroying it must not recurse per term.
  std::string chain = "a";
  chain += repeat(" + a", n - 1);
  auto r = hcl::parse_expression(chain);
  REQUIRE(r);
  const hcl::Expression* e = r.value.get();
  std::size_t depth = 0;
  while (const auto* b = e->get_if<hcl::BinaryOp>()) {
    ++depth;
    e = b->lhs.get();
  }
  CHECK(depth == n - 1);
  std::string printed = hcl::to_hcl(*r.value);
  CHECK(printed == chain);
  auto again = hcl::parse_expression(printed);
  REQUIRE(again);
  CHECK(hcl::equal(*r.value, *again.value));
  auto copy = hcl::clone(*r.value);
  CHECK(hcl::equal(*copy, *r.value));
  CHECK(hcl::dump(*copy).size() > n);
  // Mixed precedence and comments inside the chain.
  std::string mixed = "(a" + repeat(" * b + c # x\n || d", 20000) + ")";
  hcl::File f = hcltest::file("v = " + mixed + "\n");
  CHECK(f.body.items.size() == 1);

  // Long lists and bodies are loops too.
  CHECK(hcltest::file("a = [" + repeat("1, ", n) + "]\n").body.items.size() == 1);
  CHECK(hcl::parse_file(repeat("a.b.c", 1) + repeat(".d", n), "").error);  // not an attribute
  std::string steps = "a";
  steps += repeat(".b[0]", n);
  CHECK(hcl::parse_expression(steps));
  CHECK(hcl::parse_template(repeat("x${y}", n)));
  std::string many;
  for (std::size_t i = 0; i < 20000; ++i) {
    many += 'a';
    many += std::to_string(i);
    many += " = ";
    many += std::to_string(i);
    many += '\n';
  }
  CHECK(hcl::parse_file(many, "many.tf"));
}

TEST_CASE("malformed input is an error with a position", "[limits][errors]") {
  struct Case {
    const char* src;
    const char* at;
  };
  const Case cases[] = {
      {"a = [1, 2\nb = 3\n", "2:1"},          // "b" where a "," or "]" belongs
      {"a = {\n  b = 1\n", "1:5"},            // unclosed object, reported at its brace
      {"a = \"abc\n", "1:9"},                 // newline in a quoted string
      {"a = f(1, 2\n", "1:6"},                // unclosed call
      {"a = 1 +\n", "1:8"},                   // missing operand
      {"resource \"x\" {\n  a = \n}\n", "2:7"},
      {"a = b.\n", "1:7"},
      {"a = [for x in y]\n", "1:16"},
      {"a = {for x in y : x => x\n", "1:5"},
      {"a = x ? y\n", "1:10"},
      {"a = \"${x\"\n", "1:6"},
      {"a = \"%{ if x }\"\n", "1:15"},
      {"a = <<EOT\nno end\n", "1:5"},
      {"a = 1..2\n", "1:5"},
      {"a = x.0.1\n", "1:7"},
      {"  \t  b {\n", "1:8"},
      {"a = \"\\x\"\n", "1:6"},
  };
  for (const auto& c : cases) {
    INFO(c.src);
    CHECK(hcltest::error_at(c.src) == c.at);
  }
}

TEST_CASE("truncations of a valid file are errors or parse, never crash", "[limits][errors]") {
  const std::string src = R"(variable "x" {
  type = map(object({ a = string }))
  default = { k = { a = "${var.y}-%{ if true }z%{ endif }" } }
}
locals {
  l = [for k, v in var.x : <<-EOT
    ${k}: ${v.a}
  EOT
  if v != null]
  m = a.b[*].c.*.d[0] ? -1.5e3 : provider::p::f(x...)
}
)";
  for (std::size_t n = 0; n <= src.size(); ++n) {
    std::string cut = src.substr(0, n);
    auto r = hcl::parse_file(cut, "cut.tf");
    if (r) {
      hcltest::check_round_trip(r.value);
    } else {
      CHECK(r.error->pos.line >= 1);
      CHECK(r.error->pos.byte <= cut.size());
    }
  }
}
