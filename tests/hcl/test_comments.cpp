// Comments: lexed in all three styles, and attached so a converter can
// re-emit them.
#include "test_support.hpp"

using hcltest::file;
namespace hcl = stackgen::hcl;

namespace {

std::vector<std::string> texts(const std::vector<hcl::Comment>& cs) {
  std::vector<std::string> out;
  for (const auto& c : cs) out.push_back(c.text);
  return out;
}

using V = std::vector<std::string>;

/// Every comment of the tree, in the order a walk finds them.
void collect(const hcl::Expression& e, std::size_t& n);

void collect_parts(const std::vector<hcl::TemplatePart>& parts, std::size_t& n) {
  for (const auto& p : parts) {
    if (const auto* i = std::get_if<hcl::TemplateInterpolation>(&p.node)) collect(*i->expr, n);
    if (const auto* d = std::get_if<hcl::TemplateIf>(&p.node)) {
      collect(*d->condition, n);
      collect_parts(d->then_parts, n);
      collect_parts(d->else_parts, n);
    }
    if (const auto* f = std::get_if<hcl::TemplateFor>(&p.node)) {
      collect(*f->collection, n);
      collect_parts(f->body, n);
    }
  }
}

void count(const hcl::Comments& c, std::size_t& n) { n += c.leading.size() + c.trailing.size() + c.inner.size(); }

void collect(const hcl::Expression& e, std::size_t& n) {
  count(e.comments, n);
  auto sub = [&](const hcl::ExpressionPtr& p) {
    if (p) collect(*p, n);
  };
  std::visit(
      [&](const auto& node) {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, hcl::Template>) collect_parts(node.parts, n);
        if constexpr (std::is_same_v<T, hcl::Traversal>) {
          sub(node.source);
          for (const auto& s : node.steps) sub(s.key);
        }
        if constexpr (std::is_same_v<T, hcl::FunctionCall>) for (const auto& a : node.args) sub(a);
        if constexpr (std::is_same_v<T, hcl::Tuple>) for (const auto& a : node.elements) sub(a);
        if constexpr (std::is_same_v<T, hcl::Object>) {
          for (const auto& i : node.items) {
            count(i.comments, n);
            sub(i.key);
            sub(i.value);
          }
        }
        if constexpr (std::is_same_v<T, hcl::ForExpr>) {
          sub(node.collection);
          sub(node.key);
          sub(node.value);
          sub(node.condition);
        }
        if constexpr (std::is_same_v<T, hcl::Conditional>) {
          sub(node.condition);
          sub(node.true_result);
          sub(node.false_result);
        }
        if constexpr (std::is_same_v<T, hcl::UnaryOp>) sub(node.operand);
        if constexpr (std::is_same_v<T, hcl::BinaryOp>) {
          sub(node.lhs);
          sub(node.rhs);
        }
        if constexpr (std::is_same_v<T, hcl::Parens>) sub(node.expr);
      },
      e.node);
}

std::size_t total(const hcl::Body& b) {
  std::size_t n = b.inner_comments.size();
  for (const auto& item : b.items) {
    count(item.comments(), n);
    if (const auto* a = item.attribute()) collect(*a->expr, n);
    if (const auto* bl = item.block()) n += total(bl->body);
  }
  return n;
}

}  // namespace

TEST_CASE("comment styles", "[comments]") {
  hcl::File f = file("# hash\n// slashes\n/* block */\na = 1\n");
  const auto& leading = f.body.items[0].comments().leading;
  REQUIRE(leading.size() == 3);
  CHECK(leading[0].style == hcl::Comment::Style::Hash);
  CHECK(leading[0].text == "# hash");
  CHECK(leading[0].content() == " hash");
  CHECK(leading[1].style == hcl::Comment::Style::DoubleSlash);
  CHECK(leading[1].content() == " slashes");
  CHECK(leading[2].style == hcl::Comment::Style::Block);
  CHECK(leading[2].content() == " block ");
  CHECK(leading[0].range.start == hcl::Pos{1, 1, 0});
  CHECK(leading[0].range.end == hcl::Pos{1, 7, 6});
  CHECK(leading[2].range.end == hcl::Pos{3, 12, 29});
  // A line comment ends the line like a newline does; a block comment is
  // whitespace, even across lines.
  CHECK(hcltest::body("a = 1 # c\nb = 2 // d\n") == "(body (a = 1) (b = 2))");
  CHECK(hcltest::body("a = /* x */ 1\n") == "(body (a = 1))");
  CHECK(hcltest::error("a = 1 /* x\n */ b = 2\n").find("2:5: Missing newline after argument") == 0);
  // Comment markers inside strings are text.
  CHECK(hcltest::body("a = \"# not // a /* comment\"\n") == "(body (a = \"# not // a /* comment\"))");
  CHECK(hcltest::body("a = <<EOT\n# text\nEOT\n") == "(body (a = (heredoc EOT \"# text\\n\")))");
  // Windows line ends are not part of a comment.
  hcl::File w = file("# c\r\na = 1 # d\r\n");
  CHECK(w.body.items[0].comments().leading[0].text == "# c");
  CHECK(w.body.items[0].comments().trailing[0].text == "# d");
}

TEST_CASE("leading, trailing and end-of-body comments", "[comments]") {
  hcl::File f = file(R"(# File header.

# About a.
a = 1 # trailing a
b = 2 /* trailing b */

# About the block.
resource "x" "y" { # on the brace line
  # About c.
  c = 3 // trailing c
  # End of the block body.
} # after the block

# End of the file.
)");
  const auto& items = f.body.items;
  REQUIRE(items.size() == 3);
  CHECK(texts(items[0].comments().leading) == V{"# File header.", "# About a."});
  CHECK(texts(items[0].comments().trailing) == V{"# trailing a"});
  CHECK(texts(items[1].comments().leading).empty());
  CHECK(texts(items[1].comments().trailing) == V{"/* trailing b */"});
  CHECK(texts(items[2].comments().leading) == V{"# About the block."});
  CHECK(texts(items[2].comments().trailing) == V{"# after the block"});
  const hcl::Body& inner = items[2].block()->body;
  CHECK(texts(inner.inner_comments) == V{"# on the brace line", "# End of the block body."});
  REQUIRE(inner.items.size() == 1);
  CHECK(texts(inner.items[0].comments().leading) == V{"# About c."});
  CHECK(texts(inner.items[0].comments().trailing) == V{"// trailing c"});
  CHECK(texts(f.body.inner_comments) == V{"# End of the file."});
  CHECK(total(f.body) == 11);
}

TEST_CASE("comments inside expressions", "[comments]") {
  hcl::File f = file(R"(tags = {
  # The name.
  Name = "web" # trailing Name
  Env  = var.env
  # Commented out: Owner = "me"
}
list = [
  "a", # first
  # before b
  "b",
]
call = merge(
  local.base, # base tags
  var.extra,
)
)");
  const auto& tags = *f.body.items[0].attribute()->expr;
  const auto& obj = *tags.get_if<hcl::Object>();
  CHECK(texts(obj.items[0].comments.leading) == V{"# The name."});
  CHECK(texts(obj.items[0].comments.trailing) == V{"# trailing Name"});
  CHECK(obj.items[1].comments.empty());
  CHECK(texts(tags.comments.inner) == V{"# Commented out: Owner = \"me\""});

  const auto& list = *f.body.items[1].attribute()->expr;
  const auto& el = list.get_if<hcl::Tuple>()->elements;
  CHECK(texts(el[0]->comments.trailing) == V{"# first"});
  CHECK(texts(el[1]->comments.leading) == V{"# before b"});

  const auto& call = *f.body.items[2].attribute()->expr->get_if<hcl::FunctionCall>();
  CHECK(texts(call.args[0]->comments.trailing) == V{"# base tags"});
  CHECK(total(f.body) == 6);
}

TEST_CASE("every comment is attached exactly once", "[comments]") {
  const char* src = R"(/* a */ x /* b */ = /* c */ [ /* d */ 1 /* e */, f( /* f */ 2 /* g */ ) ] /* h */
y = (
  # i
  1 + # j
  2 * 3 # k
)
z = "${ a /* l */ }" # m
w = {for k, v in m : k => v # n
}
b "l" /* o */ {
}
)";
  hcl::File f = file(src);
  CHECK(total(f.body) == 15);
  auto e = hcltest::expr("/* p */ a + b /* q */");
  std::size_t n = 0;
  collect(*e, n);
  CHECK(n == 2);
  CHECK(texts(e->comments.leading) == V{"/* p */"});
  CHECK(texts(e->comments.trailing) == V{"/* q */"});
}

TEST_CASE("the printer re-emits body and object comments", "[comments][printer]") {
  hcl::File f = file("# lead\na = 1 # trail\nb {\n  # inner lead\n  c = { # brace\n    # x lead\n    x = 1 # x trail\n  }\n  # end of b\n}\n# end\n");
  std::string text = hcl::to_hcl(f);
  CHECK(text ==
        "# lead\n"
        "a = 1 # trail\n"
        "\n"
        "b {\n"
        "  # inner lead\n"
        "  c = {\n"
        "    # brace\n"
        "    # x lead\n"
        "    x = 1 # x trail\n"
        "  }\n"
        "  # end of b\n"
        "}\n"
        "# end\n");
  hcl::PrintOptions none;
  none.comments = false;
  CHECK(hcl::to_hcl(f, none) == "a = 1\n\nb {\n  c = {\n    x = 1\n  }\n}\n");
}
