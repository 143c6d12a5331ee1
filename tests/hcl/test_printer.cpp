// The printer: canonical output, round trips of the tricky cases (several
// found by the fuzzer), and hand-built trees.
#include <stdexcept>

#include "test_support.hpp"

namespace hcl = stackgen::hcl;

namespace {

std::string reprint_file(std::string_view src) { return hcl::to_hcl(hcltest::file(src)); }
std::string reprint_expr(std::string_view src) { return hcl::to_hcl(*hcltest::expr(src)); }

hcl::ExpressionPtr var(std::string name) {
  auto e = std::make_unique<hcl::Expression>();
  hcl::Traversal t;
  t.root = std::move(name);
  e->node = std::move(t);
  return e;
}

hcl::ExpressionPtr num(std::string text) {
  auto e = std::make_unique<hcl::Expression>();
  hcl::Literal l;
  l.type = hcl::Literal::Type::Number;
  l.number = std::move(text);
  e->node = std::move(l);
  return e;
}

hcl::ExpressionPtr bin(hcl::BinaryOperator op, hcl::ExpressionPtr a, hcl::ExpressionPtr b) {
  auto e = std::make_unique<hcl::Expression>();
  e->node = hcl::BinaryOp(op, std::move(a), std::move(b));
  return e;
}

hcl::ExpressionPtr literal_template(hcl::Template::Form form, std::vector<std::string> texts) {
  auto e = std::make_unique<hcl::Expression>();
  hcl::Template t;
  t.form = form;
  t.heredoc_marker = "EOT";
  for (auto& s : texts) t.parts.push_back(hcl::TemplatePart{hcl::TemplateLiteral{std::move(s), {}}});
  e->node = std::move(t);
  return e;
}

}  // namespace

TEST_CASE("canonical layout", "[printer]") {
  CHECK(reprint_file("a=1\nlong_name=2\nb{\nc=3\n}\nd=4") ==
        "a         = 1\n"
        "long_name = 2\n"
        "\n"
        "b {\n"
        "  c = 3\n"
        "}\n"
        "\n"
        "d = 4\n");
  CHECK(reprint_file("a = { x = 1, yy = [1,2] }\n") == "a = {\n  x  = 1\n  yy = [1, 2]\n}\n");
  CHECK(reprint_file("b \"l\" x { a = 1 }\n") == "b \"l\" x { a = 1 }\n");
  CHECK(reprint_file("b {}\n") == "b {}\n");
  CHECK(reprint_expr("f(a,b...)") == "f(a, b...)");
  CHECK(reprint_expr("{for k,v in m: k=>v... if v}") == "{for k, v in m : k => v... if v}");
  CHECK(reprint_expr("a?b:c") == "a ? b : c");
  CHECK(reprint_expr("!a&&-b<=c") == "!a && -b <= c");
  CHECK(reprint_expr("\"${ a }%{if b}x%{ endif }\"") == "\"${a}%{ if b }x%{ endif }\"");
  CHECK(reprint_expr("\"${~a~}\"") == "\"${~a~}\"");
  CHECK(reprint_expr("a.0.b[*].c.*.d") == "a.0.b[*].c.*.d");
  // Long or multi-line lists break one item per line.
  std::string long_list = "[\"" + std::string(40, 'a') + "\", \"" + std::string(40, 'b') + "\"]";
  CHECK(reprint_expr(long_list) == "[\n  \"" + std::string(40, 'a') + "\",\n  \"" + std::string(40, 'b') + "\",\n]");
  CHECK(reprint_expr("f([{a = 1}], x...)") == "f(\n  [\n    {\n      a = 1\n    },\n  ],\n  x...\n)");
  // Inside a template, objects stay on one line.
  CHECK(reprint_expr("\"${ {a = 1, b = 2} }\"") == "\"${{ a = 1, b = 2 }}\"");
}

TEST_CASE("flush heredocs are re-indented with the code", "[printer][heredoc]") {
  CHECK(reprint_file("b {\n  p = <<-EOT\n      {\n        \"k\": 1\n      }\n\n    EOT\n}\n") ==
        "b {\n  p = <<-EOT\n    {\n      \"k\": 1\n    }\n\n  EOT\n}\n");
  // Not when a line starts with a sequence: the indentation would stay.
  CHECK(reprint_file("b {\n  p = <<-EOT\n    x\n${y}\n  EOT\n}\n") == "b {\n  p = <<-EOT\n    x\n${y}\nEOT\n}\n");
  // Plain heredocs are literal text: never re-indented.
  CHECK(reprint_file("b {\n  p = <<EOT\n  x\nEOT\n}\n") == "b {\n  p = <<EOT\n  x\nEOT\n}\n");
}

TEST_CASE("round trips that need care", "[printer]") {
  // Each of these parses, prints, parses back to an equal tree and prints
  // the same text again (hcltest::expr and hcltest::file check it).
  for (const char* src : {
           "0. 0.x",                 // a number literal source with a legacy index
           "1 .e3 .0",               // `.e3` would join a number as its exponent
           "a.0 .e5",
           "a.1 .0000",              // two legacy indexes in a row
           "\"$${~x}\"",             // escape next to a strip marker
           "\"a$ ${~x}\"",           // "$" left at the end of a literal by stripping
           "\"a% %{~ if x }%{ endif }\"",
           "\"${x~}  %{ if y }%{ endif }\"",
           "\"\\u0001\\u007f\"",     // control characters
           "[(for), x]",
           "{ baz = 2, for = 1 }",
           "<<EOT\n${<<EOT\nEOT1\nEOT\n}\nEOT\n",  // nested heredocs, same marker
           "<<EOT\nEOT1\n  x\nEOT\n",
           "<<-EOT\n  %{ if x ~}\n    foo\n  %{ endif }\nEOT\n",
           "<<EOT\n%{ if x ~}   \n  \n%{ endif }\nEOT\n",
           "<<EOT\na\r\nb\r\nEOT\n",
           "<<-EOT\n\ta\n  \n\t\tb\nEOT\n",
           "(<<EOT\nx\nEOT\n + \"y\")",
           "[<<EOT\nx\nEOT\n, 2]",
       }) {
    INFO(src);
    hcltest::expr(src);
  }
  for (const char* src : {
           "// c\r\r\n\n",  // a line comment ending in a lone carriage return
           "a = 1 # x\r\n",
           "a = <<EOT\nx\nEOT\n# after\n",
           "a = { k = <<EOT\nx\nEOT\n  j = 1 }\n",
           "b { a = \"x\" }\n",
           "b \"x\" /* c */ { a = 1 } # d\n",  // a one-line block stays one when it has comments
           "b { /* c */ a = 1 /* d */ }\n",
       }) {
    INFO(src);
    hcltest::file(src);
  }
  // A byte order mark inside a bare template is text, not a file's BOM.
  CHECK(hcltest::tmpl("\xEF\xBB\xBF" "x") == "(bare \"\xEF\xBB\xBF" "x\")");
}

TEST_CASE("hand-built trees", "[printer]") {
  // Parentheses are added where the tree needs them.
  auto e = bin(hcl::BinaryOperator::Multiply, bin(hcl::BinaryOperator::Add, var("a"), var("b")), var("c"));
  CHECK(hcl::to_hcl(*e) == "(a + b) * c");
  auto r = bin(hcl::BinaryOperator::Subtract, var("a"), bin(hcl::BinaryOperator::Subtract, var("b"), var("c")));
  CHECK(hcl::to_hcl(*r) == "a - (b - c)");
  auto l = bin(hcl::BinaryOperator::Subtract, bin(hcl::BinaryOperator::Subtract, var("a"), var("b")), var("c"));
  CHECK(hcl::to_hcl(*l) == "a - b - c");
  CHECK(hcl::to_hcl(*bin(hcl::BinaryOperator::Add, num("1"), num("2"))) == "1 + 2");

  // Heredocs that HCL cannot spell fall back to quoted strings.
  CHECK(hcl::to_hcl(*literal_template(hcl::Template::Form::Heredoc, {"no newline at the end"})) ==
        "\"no newline at the end\"");
  CHECK(hcl::to_hcl(*literal_template(hcl::Template::Form::Heredoc, {"a\rb\n"})) == "\"a\\rb\\n\"");
  CHECK(hcl::to_hcl(*literal_template(hcl::Template::Form::Heredoc, {"EOT\n"})) == "<<EOT1\nEOT\nEOT1\n");
  CHECK(hcl::to_hcl(*literal_template(hcl::Template::Form::Quoted, {"a\"b\\c\n${x}%{y}"})) ==
        "\"a\\\"b\\\\c\\n$${x}%%{y}\"");
  CHECK(hcl::to_hcl(*literal_template(hcl::Template::Form::Bare, {"x ${y}\n"})) == "x $${y}\n");

  // Names that are not identifiers cannot be printed.
  hcl::Body body;
  hcl::Attribute a;
  a.name = "not valid";
  a.expr = num("1");
  body.items.push_back(hcl::BodyItem{std::move(a)});
  CHECK_THROWS_AS(hcl::to_hcl(body), std::invalid_argument);
  CHECK_THROWS_AS(hcl::to_hcl(*num("x")), std::invalid_argument);
  CHECK_THROWS_AS(hcl::to_hcl(*var("1abc")), std::invalid_argument);
  CHECK(hcl::is_identifier("foo-bar_1"));
  CHECK(hcl::is_identifier("名前"));
  CHECK_FALSE(hcl::is_identifier("1a"));
  CHECK_FALSE(hcl::is_identifier(""));
  CHECK_FALSE(hcl::is_identifier("a b"));
}

TEST_CASE("equality ignores positions and comments only", "[printer][compare]") {
  CHECK(hcl::equal(*hcltest::expr("a + b"), *hcltest::expr("a   +   /* c */ b")));
  CHECK_FALSE(hcl::equal(*hcltest::expr("a + b"), *hcltest::expr("(a + b)")));
  CHECK_FALSE(hcl::equal(*hcltest::expr("1.0"), *hcltest::expr("1")));
  CHECK_FALSE(hcl::equal(*hcltest::expr("a.0"), *hcltest::expr("a[0]")));
  CHECK_FALSE(hcl::equal(*hcltest::expr("\"${x}\""), *hcltest::expr("\"${~x}\"")));
  CHECK_FALSE(hcl::equal(*hcltest::expr("<<EOT\nx\nEOT\n"), *hcltest::expr("<<-EOT\nx\nEOT\n")));
  CHECK_FALSE(hcl::equal(*hcltest::expr("<<EOT\nx\nEOT\n"), *hcltest::expr("\"x\\n\"")));
  CHECK(hcl::equal(hcltest::file("b \"x\" {\n}\n").body, hcltest::file("b \"x\" {}\n").body));
  CHECK_FALSE(hcl::equal(hcltest::file("b \"x\" {}\n").body, hcltest::file("b x {}\n").body));
  CHECK_FALSE(hcl::equal(hcltest::file("b { a = 1 }\n").body, hcltest::file("b {\n  a = 1\n}\n").body));
}
