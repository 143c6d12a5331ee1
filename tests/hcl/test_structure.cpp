// The structural language: bodies, attributes, blocks, labels, one-line
// blocks; and the lexical rules around them (identifiers, newlines,
// encodings).
#include "test_support.hpp"

using hcltest::body;
using hcltest::error;
using hcltest::file;
namespace hcl = stackgen::hcl;

TEST_CASE("attributes and blocks in source order", "[structure]") {
  CHECK(body("") == "(body)");
  CHECK(body("\n\n") == "(body)");
  CHECK(body("a = 1") == "(body (a = 1))");  // no final newline needed
  CHECK(body("a = 1\nb = \"x\"\n") == "(body (a = 1) (b = \"x\"))");
  CHECK(body("b {}\n") == "(body (block b (body)))");
  CHECK(body("b {\n}\n") == "(body (block b (body)))");
  CHECK(body("z = 1\nb \"l1\" l2 \"l3\" {\n  a = 1\n}\ny = 2\n") ==
        "(body (z = 1) (block b \"l1\" l2 \"l3\" (body (a = 1))) (y = 2))");
  CHECK(body("a {\n  b {\n    c {\n      d = 1\n    }\n  }\n}\n") ==
        "(body (block a (body (block b (body (block c (body (d = 1))))))))");
  CHECK(body("b { a = 1 }\n") == "(body (block b one-line (body (a = 1))))");
  CHECK(body("b \"x\" { a = [1, 2] }\n") == "(body (block b \"x\" one-line (body (a = (tuple 1 2)))))");
  CHECK(body("a-b_c = 1\n_x = 2\n") == "(body (a-b_c = 1) (_x = 2))");
  CHECK(body("résumé = 1\n名前 = 2\n") == "(body (résumé = 1) (名前 = 2))");
  CHECK(body("a = 1\r\nb {\r\n  c = 2\r\n}\r\n") == "(body (a = 1) (block b (body (c = 2))))");
  CHECK(body("\xEF\xBB\xBF" "a = 1\n") == "(body (a = 1))");  // a byte order mark is skipped

  hcl::File f = file("resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"x\"\n}\n", "main.tf");
  REQUIRE(f.filename);
  CHECK(*f.filename == "main.tf");
  REQUIRE(f.body.items.size() == 1);
  const hcl::Block* b = f.body.items[0].block();
  REQUIRE(b);
  CHECK(b->type == "resource");
  REQUIRE(b->labels.size() == 2);
  CHECK(b->labels[0].value == "aws_s3_bucket");
  CHECK(b->labels[0].quoted);
  CHECK(b->labels[1].range.start == hcl::Pos{1, 26, 25});
  CHECK(b->labels[1].range.end == hcl::Pos{1, 32, 31});
  CHECK(b->range.start == hcl::Pos{1, 1, 0});
  CHECK(b->range.end == hcl::Pos{3, 2, 50});
  CHECK(b->body.range.start == hcl::Pos{1, 33, 32});
  CHECK(b->range.file() == "main.tf");
  CHECK_FALSE(b->one_line);
  const hcl::Attribute* a = b->body.attribute("bucket");
  REQUIRE(a);
  CHECK(a->name_range.start == hcl::Pos{2, 3, 36});
  CHECK(a->range.end == hcl::Pos{2, 15, 48});
  CHECK(b->body.attribute("nope") == nullptr);
  CHECK(f.body.blocks("resource").size() == 1);
  CHECK(f.body.blocks("data").empty());
  CHECK(hcl::dump(f.body) == "(body (block resource \"aws_s3_bucket\" \"logs\" (body (bucket = \"x\"))))");
}

TEST_CASE("structural errors", "[structure][errors]") {
  CHECK(error("a = 1 b = 2\n") == "1:7: Missing newline after argument: an argument definition must end with a newline.");
  CHECK(error("a = 1, b = 2\n").find("1:6: Unexpected comma after argument") == 0);
  CHECK(error("a = 1\na = 2\n") ==
        "2:1: Attribute redefined: the argument \"a\" was already set at 1:1. Each argument may be set only once.");
  CHECK(error("\"a\" = 1\n") == "1:1: Invalid argument name: argument names must not be quoted.");
  CHECK(error("a\n").find("1:1: Argument or block definition required") == 0);
  CHECK(error("1 = 2\n").find("1:1: Argument or block definition required") == 0);
  CHECK(error("}\n").find("1:1: Argument or block definition required") == 0);
  CHECK(error("b \"x\" = 1\n").find("1:7: Invalid block definition: the equals sign") == 0);
  CHECK(error("b \"x\"\n{\n}\n").find("1:6: Invalid block definition: a block definition must have block content") == 0);
  CHECK(error("b 1 {}\n").find("1:1: Argument or block definition required") == 0);
  CHECK(error("b \"x\" 1 {}\n").find("1:7: Invalid block definition: either a quoted string block label") == 0);
  CHECK(error("b {\n  a = 1\n") ==
        "1:3: Unclosed configuration block: there is no closing brace for this block before the end of the file. "
        "This may be caused by incorrect brace nesting elsewhere in this file.");
  CHECK(error("b { a = 1 } c = 2\n").find("1:13: Missing newline after block definition") == 0);
  CHECK(error("b {\n  a = 1 }\n").find("2:9: Missing newline after argument") == 0);
  CHECK(error("b { a = 1, c = 2 }\n").find("1:10: Invalid single-argument block definition: single-line block") == 0);
  CHECK(error("b { a = 1\n}\n").find("1:10: Invalid single-argument block definition: an argument definition on the same line") == 0);
  CHECK(error("b { c {} }\n").find("1:5: Argument definition required") == 0);
  CHECK(error("b { a = 1").find("1:3: Unclosed configuration block") == 0);
  CHECK(error("a = 1 +\n  2\n").find("1:8: Invalid expression: expected the start of an expression, but found newline") == 0);
  CHECK(error("a =\n1\n").find("1:4: Invalid expression") == 0);
  CHECK(error("a = f\n(1)\n").find("2:1: Argument or block definition required") == 0);
}

TEST_CASE("lexical errors", "[structure][errors]") {
  CHECK(error("a = 'x'\n") ==
        "1:5: Invalid character: single quotes are not valid; use double quotes (\") to enclose strings.");
  CHECK(error("a = 1;\n").find("1:6: Invalid character: \";\" is not valid") == 0);
  CHECK(error("a = b | c\n").find("1:7: Invalid character: bitwise operators are not supported") == 0);
  CHECK(error("a = `x`\n").find("1:5: Invalid character: \"`\"") == 0);
  CHECK(error("a = $x\n") == "1:5: Invalid character \"$\": this character is not used within the language.");
  CHECK(error("a = ~\n").find("1:5: Invalid character: \"~\" is only valid as a strip marker") == 0);
  CHECK(error("a = \x01\n") == "1:5: Invalid character U+0001: this character is not used within the language.");
  CHECK(error("a = 1\rb = 2\n").find("1:6: Invalid character: a carriage return") == 0);
  CHECK(error("a = 1 /* never closed\n") ==
        "1:7: Unterminated comment: a \"/*\" comment has no closing \"*/\" before the end of the file.");
  CHECK(error("a = \"\xC3\xA9\" + 1\nb = \"\xFF\"\n") ==
        "2:6: Invalid UTF-8: the source text must be valid UTF-8; found an invalid byte sequence.");
  CHECK(error("\xC0\xAF = 1\n").find("1:1: Invalid UTF-8") == 0);          // overlong
  CHECK(error("a = \"\xED\xA0\x80\"\n").find("1:6: Invalid UTF-8") == 0);  // surrogate
  CHECK(error("a = \"\xF4\x90\x80\x80\"\n").find("1:6: Invalid UTF-8") == 0);  // above U+10FFFF
  CHECK(error("a = \"\xE2\x82\"\n").find("1:6: Invalid UTF-8") == 0);  // truncated
  CHECK(error("\xEF\xBB\xBF\xEF\xBB\xBF" "a = 1\n").find("1:1: Invalid character") == 0);  // only one BOM
}

TEST_CASE("error messages name the file", "[structure][errors]") {
  auto r = hcl::parse_file("a = \n", "modules/vpc/main.tf");
  REQUIRE_FALSE(r);
  CHECK(r.error->filename == "modules/vpc/main.tf");
  CHECK(r.error->pos == hcl::Pos{1, 5, 4});
  CHECK(r.error->str() ==
        "modules/vpc/main.tf:1:5: Invalid expression: expected the start of an expression, but found newline.");
  CHECK(r.value.body.items.empty());
  try {
    hcl::parse_file_or_throw("a = \n", "x.tf");
    FAIL("no exception");
  } catch (const hcl::ParseError& e) {
    CHECK(std::string(e.what()) == e.error().str());
    CHECK(e.error().pos.line == 1);
  }
  CHECK(hcl::parse_file_or_throw("a = 1\n").body.items.size() == 1);
  CHECK(hcl::dump(*hcl::parse_expression_or_throw("1")) == "1");
}

TEST_CASE("columns count code points, tabs count one", "[structure][positions]") {
  CHECK(error("é = \"ü\" 1\n") == "1:9: Missing newline after argument: an argument definition must end with a newline.");
  CHECK(error("\ta =\t1\t2\n").find("1:8: Missing newline after argument") == 0);
  CHECK(error("a = \"😀\" x\n").find("1:9: Missing newline") == 0);
}
