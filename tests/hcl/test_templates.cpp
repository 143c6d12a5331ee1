// The template language: quoted strings, escapes, interpolation, directives,
// strip markers, heredocs and bare templates.
#include "test_support.hpp"

using hcltest::attr;
using hcltest::error;
using hcltest::ex;
using hcltest::expr;
using hcltest::expr_error;
using hcltest::tmpl;
namespace hcl = stackgen::hcl;

TEST_CASE("quoted strings", "[template]") {
  CHECK(ex("\"\"") == "\"\"");
  CHECK(ex("\"hello\"") == "\"hello\"");
  CHECK(ex("\"a ${b} c\"") == "(template \"a \" (${} b) \" c\")");
  CHECK(ex("\"${b}\"") == "(template (${} b))");
  CHECK(ex("\"${a}${b}\"") == "(template (${} a) (${} b))");
  CHECK(ex("\"${ a + 1 }\"") == "(template (${} (+ a 1)))");
  CHECK(ex("\"${\n  a\n}\"") == "(template (${} a))");  // newlines are free inside ${ }
  CHECK(ex("\"${ {a = 1} }\"") == "(template (${} (object (a 1))))");
  CHECK(ex("\"${\"${x}\"}\"") == "(template (${} (template (${} x))))");
  CHECK(ex("\"$ % $x %x 100%\"") == "\"$ % $x %x 100%\"");
  CHECK(ex("\"a\\tb\"") == "\"a\\tb\"");

  auto e = expr("\"${x}\"");
  const auto* t = e->get_if<hcl::Template>();
  REQUIRE(t);
  CHECK(t->form == hcl::Template::Form::Quoted);
  CHECK(t->is_wrap());
  CHECK_FALSE(t->is_literal());
  auto lit = expr("\"just text\"");
  CHECK(lit->get_if<hcl::Template>()->is_literal());
  CHECK(lit->get_if<hcl::Template>()->literal_value() == std::optional<std::string>("just text"));
  CHECK(expr("\"\"")->get_if<hcl::Template>()->parts.empty());
  CHECK(expr("\"\"")->get_if<hcl::Template>()->literal_value() == std::optional<std::string>(""));
  CHECK_FALSE(expr("\"a${x}\"")->get_if<hcl::Template>()->is_wrap());
}

TEST_CASE("every escape sequence", "[template][escapes]") {
  auto value = [](const std::string& src) {
    auto e = expr(src);
    auto v = e->get_if<hcl::Template>()->literal_value();
    REQUIRE(v);
    return *v;
  };
  CHECK(value(R"("\n")") == "\n");
  CHECK(value(R"("\r")") == "\r");
  CHECK(value(R"("\t")") == "\t");
  CHECK(value(R"("\"")") == "\"");
  CHECK(value(R"("\\")") == "\\");
  CHECK(value(R"("\u00e9")") == "\xC3\xA9");
  CHECK(value(R"("\u20AC")") == "\xE2\x82\xAC");
  CHECK(value(R"("\U0001F600")") == "\xF0\x9F\x98\x80");
  CHECK(value(R"("\u0041BC")") == "ABC");
  CHECK(value(R"("$${x}")") == "${x}");
  CHECK(value(R"("%%{x}")") == "%{x}");
  CHECK(value(R"("$$${x}")") == "$${x}");  // "$" then the escape
  CHECK(value(R"("$$")") == "$$");
  CHECK(value(R"("a\\nb")") == "a\\nb");
  CHECK(value("\"tab\there\"") == "tab\there");  // a raw tab is allowed

  CHECK(expr_error(R"("\q")") == "1:2: Invalid escape sequence: the symbol \"q\" is not a valid escape sequence selector.");
  CHECK(expr_error(R"("\u12")") == "1:2: Invalid escape sequence: the \\u escape sequence must be followed by four hexadecimal digits.");
  CHECK(expr_error(R"("\U0001F60")").find("1:2: Invalid escape sequence: the \\U escape sequence must be followed by eight") == 0);
  CHECK(expr_error(R"("\uD800")") == "1:2: Invalid escape sequence: cannot encode character U+D800 in UTF-8.");
  CHECK(expr_error(R"("\U00110000")") == "1:2: Invalid escape sequence: cannot encode character U+110000 in UTF-8.");
  CHECK(expr_error("\"abc").find("1:1: Unterminated template string") == 0);
  CHECK(expr_error("\"abc\ndef\"").find("1:5: Invalid multi-line string") == 0);
}

TEST_CASE("template directives", "[template][directives]") {
  CHECK(ex("\"%{ if a }yes%{ endif }\"") == "(template (%if a (then \"yes\")))");
  CHECK(ex("\"%{ if a }yes%{ else }no%{ endif }\"") == "(template (%if a (then \"yes\") (else \"no\")))");
  CHECK(ex("\"%{ if a }%{ endif }\"") == "(template (%if a (then)))");
  CHECK(ex("\"%{ for x in xs }${x},%{ endfor }\"") == "(template (%for x xs (${} x) \",\"))");
  CHECK(ex("\"%{ for k, v in m }${k}=${v}%{ endfor }\"") ==
        "(template (%for k v m (${} k) \"=\" (${} v)))");
  // Nested both ways.
  CHECK(ex("\"%{ for x in xs }%{ if x > 1 }${x}%{ else }-%{ endif }%{ endfor }\"") ==
        "(template (%for x xs (%if (> x 1) (then (${} x)) (else \"-\"))))");
  CHECK(ex("\"%{ if a }%{ for x in xs }%{ if x }1%{ endif }%{ endfor }%{ endif }\"") ==
        "(template (%if a (then (%for x xs (%if x (then \"1\"))))))");
  CHECK(ex("\"a%{if b}c%{endif}d\"") == "(template \"a\" (%if b (then \"c\")) \"d\")");

  auto e = expr("\"%{ for k, v in m }x%{ endfor }\"");
  const auto& part = e->get_if<hcl::Template>()->parts.at(0);
  const auto* f = std::get_if<hcl::TemplateFor>(&part.node);
  REQUIRE(f);
  CHECK(f->key_var == "k");
  CHECK(f->value_var == "v");
  CHECK(hcl::dump(*f->collection) == "m");
  CHECK(f->range.start == hcl::Pos{1, 2, 1});
  CHECK(f->range.end == hcl::Pos{1, 32, 31});

  CHECK(expr_error("\"%{ if a }x\"") ==
        "1:12: Unexpected end of template: the if directive at 1:2 is missing its corresponding endif directive.");
  CHECK(expr_error("\"%{ for x in y }x\"").find("Unexpected end of template: the for directive") != std::string::npos);
  CHECK(expr_error("\"%{ endif }\"").find("1:2: Unexpected endif directive") == 0);
  CHECK(expr_error("\"%{ else }\"").find("1:2: Unexpected else directive") == 0);
  CHECK(expr_error("\"%{ if a }%{ else }%{ else }%{ endif }\"").find("1:20: Unexpected else directive: already in the else") == 0);
  CHECK(expr_error("\"%{ for x in y }%{ endif }\"").find("1:17: Unexpected endif directive") == 0);
  CHECK(expr_error("\"%{ if a }%{ endfor }\"").find("1:11: Unexpected endfor directive") == 0);
  CHECK(expr_error("\"%{ for x in y }%{ else }%{ endfor }\"").find("else clause is not expected for a for directive") != std::string::npos);
  CHECK(expr_error("\"%{ iff a }\"").find("1:5: Invalid template control keyword: \"iff\"") == 0);
  CHECK(expr_error("\"%{ 1 }\"").find("1:5: Invalid template directive") == 0);
  CHECK(expr_error("\"%{ else x }\"").find("1:10: Extra characters in else marker") == 0);
  CHECK(expr_error("\"%{ for in y }\"").find("Invalid 'for' directive") != std::string::npos);
}

TEST_CASE("interpolation errors", "[template][errors]") {
  CHECK(expr_error("\"${}\"").find("1:4: Invalid expression") == 0);
  CHECK(expr_error("\"${a b}\"").find("1:6: Extra characters after interpolation expression") == 0);
  CHECK(expr_error("\"${a:b}\"").find("1:5: Extra characters after interpolation expression: template interpolation doesn't expect a colon") == 0);
  CHECK(expr_error("\"${a\"").find("1:2: Unclosed template interpolation sequence") == 0);
  CHECK(expr_error("\"${a").find("1:2: Unclosed template interpolation sequence") == 0);
}

TEST_CASE("strip markers", "[template][strip]") {
  // The spec's examples.
  CHECK(tmpl("hello ${~ \"world\" }") == "(bare \"hello\" (${}~ \"world\"))");
  CHECK(tmpl("%{ if true ~} hello %{~ endif }") == "(bare (%if~ true (then \"hello\") (endif~)))");
  CHECK(tmpl("${\"hello\" ~}${\" world\"}") == "(bare (${}~ \"hello\") (${} \" world\"))");
  // Both sides, and whitespace of every kind (Unicode spaces included).
  CHECK(ex("\"a \t ${~ x ~}  b\"") == "(template \"a\" (${}~~ x) \"b\")");
  CHECK(ex("\"a \\n ${~ x ~} \\t b\"") == "(template \"a\" (${}~~ x) \"b\")");  // escaped whitespace too
  CHECK(ex("\"a\u00A0${~x}\"") == "(template \"a\" (${}~ x))");
  CHECK(ex("\"  ${~x~}  \"") == "(template (${}~~ x))");  // stripped to nothing
  CHECK(ex("\"x ${a~} ${~b} y\"") == "(template \"x \" (${}~ a) (${}~ b) \" y\")");
  // Only the adjacent literal is affected, never an interpolated value.
  CHECK(ex("\"${\" a \"~} b\"") == "(template (${}~ \" a \") \"b\")");
  // In a heredoc a strip marker reaches only to the end of its line.
  CHECK(attr("<<EOT\n%{ if x ~}\n  a\n%{ endif }\nEOT\n") ==
        "(heredoc EOT (%if~ x (then \"  a\\n\")) \"\\n\")");
  CHECK(attr("<<EOT\n  a\n  %{~ if x }b%{ endif }\nEOT\n") ==
        "(heredoc EOT \"  a\\n\" (%if~ x (then \"b\")) \"\\n\")");
  CHECK(attr("<<EOT\na\n%{~ if x }b%{ endif ~}\nEOT\n") == "(heredoc EOT \"a\" (%if~ x (then \"b\") (endif~)))");

  auto e = expr("\"${~ x ~}\"");
  const auto& i = std::get<hcl::TemplateInterpolation>(e->get_if<hcl::Template>()->parts[0].node);
  CHECK(i.strip.left);
  CHECK(i.strip.right);
}

TEST_CASE("heredocs", "[template][heredoc]") {
  CHECK(attr("<<EOT\nhello\nEOT") == "(heredoc EOT \"hello\\n\")");
  CHECK(attr("<<EOT\nhello\nworld\nEOT") == "(heredoc EOT \"hello\\nworld\\n\")");
  CHECK(attr("<<EOT\nEOT") == "(heredoc EOT)");
  CHECK(attr("<<EOT\n\nEOT") == "(heredoc EOT \"\\n\")");
  CHECK(attr("<<EOT\n  indented\n    more\n  EOT") == "(heredoc EOT \"  indented\\n    more\\n\")");
  CHECK(attr("<<END_OF_TEXT\nEOT\nEND_OF_TEXT") == "(heredoc END_OF_TEXT \"EOT\\n\")");
  CHECK(attr("<<EOT\nEOTX\n EOT ") == "(heredoc EOT \"EOTX\\n\")");  // marker line may have spaces
  CHECK(attr("<<EOT\nhi ${name}!\n$${literal} %%{literal} \\n\nEOT") ==
        "(heredoc EOT \"hi \" (${} name) \"!\\n${literal} %{literal} \\\\n\\n\")");
  CHECK(attr("<<EOT\n${a}EOT\nEOT") == "(heredoc EOT (${} a) \"EOT\\n\")");  // not at a line start
  CHECK(attr("<<EOT\n%{ for x in xs }\n- ${x}\n%{ endfor }\nEOT") ==
        "(heredoc EOT (%for x xs \"\\n- \" (${} x) \"\\n\") \"\\n\")");
  CHECK(attr("<<EOT\n${<<INNER\ninner\nINNER\n}\nEOT") == "(heredoc EOT (${} (heredoc INNER \"inner\\n\")) \"\\n\")");
  CHECK(attr("<<EOT\r\nwindows\r\nEOT\r\n") == "(heredoc EOT \"windows\\r\\n\")");
  CHECK(attr("<<-EOT\r\n  windows\r\n  EOT\r\n") == "(heredoc- EOT \"windows\\r\\n\")");

  auto f = hcltest::file("a = <<-EOT\n  x\nEOT\nb = 1\n");
  const auto* t = f.body.items[0].attribute()->expr->get_if<hcl::Template>();
  REQUIRE(t);
  CHECK(t->form == hcl::Template::Form::Heredoc);
  CHECK(t->heredoc_marker == "EOT");
  CHECK(t->heredoc_flush);
  CHECK(f.body.items[0].attribute()->expr->range.end == hcl::Pos{3, 4, 18});
  CHECK(f.body.items[1].attribute()->name == "b");

  CHECK(error("a = <<EOT\nhello\n") ==
        "1:5: Unterminated template string: no closing marker \"EOT\" was found for the heredoc before the end of the file.");
  CHECK(error("a = <<EOT extra\nx\nEOT\n") == "1:5: Invalid heredoc: the marker \"EOT\" must be followed directly by a newline.");
  CHECK(error("a = <<EOT\nx\nEOT b\n").find("Unterminated template string") != std::string::npos);
  // The closing marker must stand alone: text after it is not allowed.
  CHECK(error("a = <<EOT\nx\nEOT\n + 1\n").find("4:2: Argument or block definition required") == 0);
}

TEST_CASE("flush heredocs remove the common indentation", "[template][heredoc]") {
  CHECK(attr("<<-EOT\n    a\n      b\n    c\n  EOT") == "(heredoc- EOT \"a\\n  b\\nc\\n\")");
  CHECK(attr("<<-EOT\n\ta\n\t\tb\nEOT") == "(heredoc- EOT \"a\\n\\tb\\n\")");  // a tab counts as one
  // Blank lines do not count and keep their spaces.
  CHECK(attr("<<-EOT\n    a\n\n  \n    b\nEOT") == "(heredoc- EOT \"a\\n\\n  \\nb\\n\")");
  // A line that starts with a sequence has no indentation to remove.
  CHECK(attr("<<-EOT\n    a\n${x}\nEOT") == "(heredoc- EOT \"    a\\n\" (${} x) \"\\n\")");
  // Indentation before a sequence counts; the text after it does not.
  CHECK(attr("<<-EOT\n  ${x}  y\n    z\nEOT") == "(heredoc- EOT (${} x) \"  y\\n  z\\n\")");
  CHECK(attr("<<-EOT\n    %{ if a }\n    yes\n    %{ endif }\nEOT") ==
        "(heredoc- EOT (%if a (then \"\\nyes\\n\")) \"\\n\")");
  // Interpolated values are never re-indented: only the literal text is.
  CHECK(attr("<<-EOT\n    ${\"  v\"}\n    w\nEOT") == "(heredoc- EOT (${} \"  v\") \"\\nw\\n\")");
}

TEST_CASE("bare templates (parse_template)", "[template][bare]") {
  CHECK(tmpl("") == "(bare)");
  CHECK(tmpl("plain text") == "(bare \"plain text\")");
  CHECK(tmpl("${var.x}-suffix") == "(bare (${} var.x) \"-suffix\")");
  CHECK(tmpl("${var.x}") == "(bare (${} var.x))");
  CHECK(tmpl("no \\n escapes \"quotes\" ok") == "(bare \"no \\\\n escapes \\\"quotes\\\" ok\")");
  CHECK(tmpl("line1\nline2\n") == "(bare \"line1\\nline2\\n\")");
  CHECK(tmpl("$${x} %%{y}") == "(bare \"${x} %{y}\")");
  CHECK(tmpl("trailing $") == "(bare \"trailing $\")");
  CHECK(tmpl("%{ for s in var.list }${s}\n%{ endfor }") == "(bare (%for s var.list (${} s) \"\\n\"))");

  auto r = hcl::parse_template("${aws_vpc.main.id}", "main.tf.json");
  REQUIRE(r);
  const auto* t = r.value->get_if<hcl::Template>();
  REQUIRE(t);
  CHECK(t->form == hcl::Template::Form::Bare);
  CHECK(t->is_wrap());

  // Positions can be offset to where the string sits in its file.
  hcl::ParseOptions opts;
  opts.start = hcl::Pos{7, 15, 120};
  auto bad = hcl::parse_template("ok ${ a + }", "main.tf.json", opts);
  REQUIRE_FALSE(bad);
  CHECK(bad.error->str() == "main.tf.json:7:25: Invalid expression: expected the start of an expression, but found \"}\".");
  CHECK(bad.error->pos.byte == 130);

  auto e = hcl::parse_template("${ x }", "", opts);
  REQUIRE(e);
  CHECK(e.value->range.start == hcl::Pos{7, 15, 120});

  CHECK_THROWS_AS(hcl::parse_template_or_throw("${"), hcl::ParseError);
  CHECK(hcl::dump(*hcl::parse_template_or_throw("a${b}")) == "(bare \"a\" (${} b))");
}

TEST_CASE("labels are string literals without templates", "[template][structure]") {
  CHECK(hcltest::body("b \"a\\tb\" \"$${x}\" {}\n") == "(body (block b \"a\\tb\" \"${x}\" (body)))");
  CHECK(error("b \"${x}\" {}\n").find("1:4: Invalid string literal: template sequences are not allowed") == 0);
  CHECK(error("b \"%{ if x }\" {}\n").find("1:4: Invalid string literal") == 0);
  CHECK(error("b \"abc {}\n").find("1:10: Invalid multi-line string") == 0);
}
