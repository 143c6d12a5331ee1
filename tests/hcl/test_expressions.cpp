// The expression language: literals, collections, traversals, calls, for
// expressions, operators and their precedence.
#include "test_support.hpp"

using hcltest::ex;
using hcltest::expr;
using hcltest::expr_error;
namespace hcl = stackgen::hcl;

TEST_CASE("literal values", "[expr]") {
  CHECK(ex("1") == "1");
  CHECK(ex("42") == "42");
  CHECK(ex("1.5") == "1.5");
  CHECK(ex("1e10") == "1e10");
  CHECK(ex("1E10") == "1E10");
  CHECK(ex("1e+10") == "1e+10");
  CHECK(ex("2.5e-3") == "2.5e-3");
  CHECK(ex("007") == "007");  // kept as written
  CHECK(ex("true") == "true");
  CHECK(ex("false") == "false");
  CHECK(ex("null") == "null");
  CHECK(ex("-1") == "(- 1)");  // as in HCL, a negation of a literal

  auto e = expr("1.5e3");
  const auto* lit = e->get_if<hcl::Literal>();
  REQUIRE(lit);
  CHECK(lit->type == hcl::Literal::Type::Number);
  CHECK(lit->number == "1.5e3");
  auto t = expr("true");
  REQUIRE(t->get_if<hcl::Literal>());
  CHECK(t->get_if<hcl::Literal>()->type == hcl::Literal::Type::Bool);
  CHECK(t->get_if<hcl::Literal>()->boolean);
  CHECK(expr("null")->get_if<hcl::Literal>()->type == hcl::Literal::Type::Null);
}

TEST_CASE("invalid number literals", "[expr][errors]") {
  CHECK(expr_error("1.2.3") == "1:1: Invalid number literal: \"1.2.3\" is not a valid number.");
  CHECK(expr_error("1..2").find("Invalid number literal") != std::string::npos);
  CHECK(expr_error("1e5e6").find("Invalid number literal") != std::string::npos);
  CHECK(expr_error("1a").find("Extra characters after expression") != std::string::npos);
}

TEST_CASE("tuples", "[expr][collections]") {
  CHECK(ex("[]") == "(tuple)");
  CHECK(ex("[1]") == "(tuple 1)");
  CHECK(ex("[1, 2, 3]") == "(tuple 1 2 3)");
  CHECK(ex("[1, 2,]") == "(tuple 1 2)");
  CHECK(ex("[\n  1,\n  2,\n]") == "(tuple 1 2)");
  CHECK(ex("[[1], [2, [3]]]") == "(tuple (tuple 1) (tuple 2 (tuple 3)))");
  CHECK(ex("[(for), foo]") == "(tuple (paren for) foo)");
  CHECK(expr_error("[1 2]") == "1:4: Missing item separator: expected a comma to mark the beginning of the next item.");
  CHECK(expr_error("[1, 2") .find("1:1: Unterminated tuple constructor expression") == 0);
  CHECK(expr_error("[,]").find("Invalid expression") != std::string::npos);
  CHECK(expr_error("[for, foo]").find("Invalid 'for' expression") != std::string::npos);
}

TEST_CASE("objects", "[expr][collections]") {
  CHECK(ex("{}") == "(object)");
  CHECK(ex("{ a = 1 }") == "(object (a 1))");
  CHECK(ex("{ a = 1, b = 2 }") == "(object (a 1) (b 2))");
  CHECK(ex("{ a: 1, b: 2 }") == "(object (a 1) (b 2))");
  CHECK(ex("{\n  a = 1\n  b = 2\n}") == "(object (a 1) (b 2))");
  CHECK(ex("{\n  a = 1,\n  b = 2,\n}") == "(object (a 1) (b 2))");
  CHECK(ex("{ \"quoted key\" = 1 }") == "(object (\"quoted key\" 1))");
  CHECK(ex("{ (var.k) = 1 }") == "(object ((paren var.k) 1))");
  CHECK(ex("{ \"${var.k}\" = 1 }") == "(object ((template (${} var.k)) 1))");
  CHECK(ex("{ baz = 2, for = 1 }") == "(object (baz 2) (for 1))");
  CHECK(ex("{ \"for\" = 1 }") == "(object (\"for\" 1))");
  CHECK(ex("{ a = { b = { c = 1 } } }") == "(object (a (object (b (object (c 1))))))");

  auto e = expr("{ foo = 1, \"bar\" = 2, (baz) = 3, \"${x}\" = 4 }");
  const auto& items = e->get_if<hcl::Object>()->items;
  REQUIRE(items.size() == 4);
  CHECK(items[0].key_name() == std::optional<std::string>("foo"));
  CHECK(items[1].key_name() == std::optional<std::string>("bar"));
  CHECK_FALSE(items[2].key_name());
  CHECK_FALSE(items[3].key_name());

  CHECK(expr_error("{ for = 1 }").find("Invalid 'for' expression") != std::string::npos);
  CHECK(expr_error("{ a = 1 b = 2 }").find("1:9: Missing attribute separator") == 0);
  CHECK(expr_error("{ a }").find("1:5: Missing key/value separator") == 0);
  CHECK(expr_error("{ a\n = 1 }").find("1:4: Missing attribute value") == 0);
  CHECK(expr_error("{ a = 1").find("1:1: Unterminated object constructor expression") == 0);
  // Objects are newline-sensitive: a value cannot continue on the next line.
  CHECK(expr_error("{ a = 1 +\n 2 }").find("2:0") == std::string::npos);
  CHECK(expr_error("{ a = 1 +\n 2 }").find("1:10: Invalid expression") == 0);
}

TEST_CASE("for expressions", "[expr][for]") {
  CHECK(ex("[for x in xs : x]") == "(for-tuple x xs x)");
  CHECK(ex("[for i, x in xs : x]") == "(for-tuple i x xs x)");
  CHECK(ex("[for x in xs : f(x) if x != null]") == "(for-tuple x xs (call f x) if (!= x null))");
  CHECK(ex("{for k, v in m : k => v}") == "(for-object k v m k => v)");
  CHECK(ex("{for k, v in m : v => k...}") == "(for-object k v m v => k...)");
  CHECK(ex("{for k, v in m : upper(k) => v... if v > 0}") ==
        "(for-object k v m (call upper k) => v... if (> v 0))");
  CHECK(ex("[\n  for x in xs :\n  x\n  if x\n]") == "(for-tuple x xs x if x)");
  CHECK(ex("{\n  for k, v in m :\n  k => v\n}") == "(for-object k v m k => v)");
  CHECK(ex("[for x in a ? b : c : x]") == "(for-tuple x (? a b c) x)");
  CHECK(ex("[for x in xs : [for y in x : y]]") == "(for-tuple x xs (for-tuple y x y))");

  auto e = expr("{for k, v in m : k => v... if v}");
  const auto* f = e->get_if<hcl::ForExpr>();
  REQUIRE(f);
  CHECK(f->object);
  CHECK(f->key_var == "k");
  CHECK(f->value_var == "v");
  CHECK(f->grouping);
  REQUIRE(f->key);
  REQUIRE(f->condition);

  CHECK(expr_error("[for x in xs : k => v]") ==
        "1:16: Invalid 'for' expression: a key expression is not valid when building a tuple.");
  CHECK(expr_error("{for x in xs : x}") ==
        "1:16: Invalid 'for' expression: a key expression is required when building an object.");
  CHECK(expr_error("[for x in xs : x...]").find("grouping ellipsis") != std::string::npos);
  CHECK(expr_error("[for x xs : x]").find("1:8: Invalid 'for' expression: a for expression requires the 'in'") == 0);
  CHECK(expr_error("[for in xs : x]").find("1:9: Invalid 'for' expression") == 0);
  CHECK(expr_error("[for x, in xs : x]").find("1:12: Invalid 'for' expression") == 0);  // "in" is the value variable
  CHECK(expr_error("[for x in xs x]").find("1:14: Invalid 'for' expression: a for expression requires a colon") == 0);
  CHECK(expr_error("[for x in xs : x y]").find("1:18: Invalid 'for' expression: extra characters") == 0);
}

TEST_CASE("traversals: attributes, indexes, splats", "[expr][traversal]") {
  CHECK(ex("var.region") == "var.region");
  CHECK(ex("aws_instance.web.id") == "aws_instance.web.id");
  CHECK(ex("a.b[0]") == "a.b[0]");
  CHECK(ex("a[\"k\"]") == "a[\"k\"]");
  CHECK(ex("a[b + 1]") == "a[(+ b 1)]");
  CHECK(ex("a[b[c]]") == "a[b[c]]");
  CHECK(ex("a[\n  0\n]") == "a[0]");
  CHECK(ex("a[*]") == "a[*]");
  CHECK(ex("a[*].id") == "a[*].id");
  CHECK(ex("a[*].b[0].c") == "a[*].b[0].c");
  CHECK(ex("a.*") == "a.*");
  CHECK(ex("a.*.id") == "a.*.id");
  CHECK(ex("a.*.b.c[0]") == "a.*.b.c[0]");
  CHECK(ex("a.*.b.0") == "a.*.b.0");
  CHECK(ex("a[*].b.*.c") == "a[*].b.*.c");
  CHECK(ex("a.0") == "a.0");
  CHECK(ex("a.0.b") == "a.0.b");
  CHECK(ex("a.10.b") == "a.10.b");
  CHECK(ex("a . b") == "a.b");
  CHECK(ex("f(x).y[0]") == "{(call f x)}.y[0]");
  CHECK(ex("(a).b") == "{(paren a)}.b");
  CHECK(ex("[1, 2][*]") == "{(tuple 1 2)}[*]");
  CHECK(ex("\"s\"[0]") == "{\"s\"}[0]");
  CHECK(ex("true.x") == "{true}.x");
  CHECK(ex("foo-bar.baz") == "foo-bar.baz");  // dashes belong to identifiers
  CHECK(ex("for.in.if") == "for.in.if");      // keywords are identifiers here

  auto e = expr("module.vpc.subnets[0].id");
  const auto* t = e->get_if<hcl::Traversal>();
  REQUIRE(t);
  CHECK(t->is_variable());
  CHECK(t->root == "module");
  REQUIRE(t->steps.size() == 4);
  CHECK(t->steps[0].kind == hcl::TraversalStep::Kind::GetAttr);
  CHECK(t->steps[0].name == "vpc");
  CHECK(t->steps[2].kind == hcl::TraversalStep::Kind::Index);
  CHECK(hcl::dump(*t->steps[2].key) == "0");
  CHECK(t->steps[3].name == "id");

  auto legacy = expr("a.0");
  CHECK(legacy->get_if<hcl::Traversal>()->steps[0].kind == hcl::TraversalStep::Kind::LegacyIndex);
  CHECK(legacy->get_if<hcl::Traversal>()->steps[0].name == "0");
  auto splat = expr("a.*.b[*]");
  const auto& steps = splat->get_if<hcl::Traversal>()->steps;
  REQUIRE(steps.size() == 3);
  CHECK(steps[0].kind == hcl::TraversalStep::Kind::AttrSplat);
  CHECK(steps[1].kind == hcl::TraversalStep::Kind::GetAttr);
  CHECK(steps[2].kind == hcl::TraversalStep::Kind::FullSplat);

  CHECK(expr_error("a.0.1") ==
        "1:3: Invalid legacy index syntax: when using the legacy index syntax, chaining two indexes together is "
        "not permitted. Use the proper index syntax instead, like [0][1].");
  CHECK(expr_error("a.*.b.*").find("1:7: Nested splat expression not allowed") == 0);
  CHECK(expr_error("a.\"b\"").find("1:3: Invalid attribute name") == 0);
  CHECK(expr_error("a.").find("1:3: Invalid attribute name") == 0);
  CHECK(expr_error("a[*b]").find("1:4: Missing close bracket on splat index") == 0);
  CHECK(expr_error("a[0").find("1:4: Missing close bracket on index") == 0);
}

TEST_CASE("function calls", "[expr][call]") {
  CHECK(ex("f()") == "(call f)");
  CHECK(ex("f(1)") == "(call f 1)");
  CHECK(ex("f(1, 2)") == "(call f 1 2)");
  CHECK(ex("f(1, 2,)") == "(call f 1 2)");
  CHECK(ex("f(\n  1,\n  2\n)") == "(call f 1 2)");
  CHECK(ex("max(xs...)") == "(call max xs...)");
  CHECK(ex("f(a, xs...)") == "(call f a xs...)");
  CHECK(ex("jsonencode({ a = 1 })") == "(call jsonencode (object (a 1)))");
  CHECK(ex("provider::aws::arn_parse(var.arn)") == "(call provider::aws::arn_parse var.arn)");
  CHECK(ex("provider::aws::arn_parse(var.arn).account_id") ==
        "{(call provider::aws::arn_parse var.arn)}.account_id");
  CHECK(ex("core::max(1)") == "(call core::max 1)");
  CHECK(ex("f (1)") == "(call f 1)");
  CHECK(ex("null(1)") == "(call null 1)");

  auto e = expr("provider::aws::arn_parse(x, y...)");
  const auto* c = e->get_if<hcl::FunctionCall>();
  REQUIRE(c);
  CHECK(c->name == "arn_parse");
  CHECK(c->name_space == std::vector<std::string>{"provider", "aws"});
  CHECK(c->full_name() == "provider::aws::arn_parse");
  CHECK(c->args.size() == 2);
  CHECK(c->expand_final);

  CHECK(expr_error("f(1 2)").find("1:5: Missing argument separator") == 0);
  CHECK(expr_error("f(xs..., 1)").find("1:8: Missing closing parenthesis") == 0);
  CHECK(expr_error("f(1").find("1:2: Unterminated function call") == 0);
  CHECK(expr_error("provider::(1)").find("1:11: Missing function name") == 0);
  CHECK(expr_error("provider::aws").find("1:14: Missing open parenthesis") == 0);
}

TEST_CASE("conditionals", "[expr][operators]") {
  CHECK(ex("a ? b : c") == "(? a b c)");
  CHECK(ex("a ? b : c ? d : e") == "(? a b (? c d e))");  // right-associative
  CHECK(ex("a ? b ? c : d : e") == "(? a (? b c d) e)");
  CHECK(ex("a || b ? c + 1 : d * 2") == "(? (|| a b) (+ c 1) (* d 2))");
  CHECK(ex("(a ? b : c) ? d : e") == "(? (paren (? a b c)) d e)");
  CHECK(ex("a ? [1] : {}") == "(? a (tuple 1) (object))");
  CHECK(expr_error("a ? b").find("1:6: Missing false expression in conditional") == 0);
}

TEST_CASE("unary operators", "[expr][operators]") {
  CHECK(ex("-a") == "(- a)");
  CHECK(ex("!a") == "(! a)");
  CHECK(ex("!!a") == "(! (! a))");
  CHECK(ex("- -a") == "(- (- a))");
  CHECK(ex("-a.b[0]") == "(- a.b[0])");       // binds looser than postfix steps
  CHECK(ex("-1 + 2") == "(+ (- 1) 2)");       // tighter than binary operators
  CHECK(ex("!a && b") == "(&& (! a) b)");
  CHECK(ex("-a * -b") == "(* (- a) (- b))");
  CHECK(ex("1 - -1") == "(- 1 (- 1))");
  CHECK(ex("!(a || b)") == "(! (paren (|| a b)))");
}

TEST_CASE("binary operator precedence", "[expr][operators]") {
  // One level against each other level, both ways round.
  const char* levels[6][3] = {
      {"||", nullptr, nullptr}, {"&&", nullptr, nullptr}, {"==", "!=", nullptr},
      {"<", ">", "<="},         {"+", "-", nullptr},      {"*", "/", "%"},
  };
  auto ops_of = [&](int level) {
    std::vector<std::string> out;
    for (const char* op : levels[level]) {
      if (op) out.push_back(op);
    }
    if (level == 3) out.push_back(">=");
    return out;
  };
  for (int lo = 0; lo < 6; ++lo) {
    for (int hi = lo + 1; hi < 6; ++hi) {
      for (const auto& l : ops_of(lo)) {
        for (const auto& h : ops_of(hi)) {
          INFO(l << " against " << h);
          CHECK(ex("a " + l + " b " + h + " c") == "(" + l + " a (" + h + " b c))");
          CHECK(ex("a " + h + " b " + l + " c") == "(" + l + " (" + h + " a b) c)");
        }
      }
    }
  }
}

TEST_CASE("binary operators are left-associative", "[expr][operators]") {
  for (const char* op : {"||", "&&", "==", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "%"}) {
    std::string o = op;
    INFO(o);
    CHECK(ex("a " + o + " b " + o + " c") == "(" + o + " (" + o + " a b) c)");
  }
  CHECK(ex("x / y * z") == "(* (/ x y) z)");
  CHECK(ex("a - b + c") == "(+ (- a b) c)");
  CHECK(ex("a == b != c") == "(!= (== a b) c)");
  CHECK(ex("a < b >= c") == "(>= (< a b) c)");
}

TEST_CASE("a mixed expression", "[expr][operators]") {
  CHECK(ex("!a || b && c == d + e * f - g / h % i >= j") ==
        "(|| (! a) (&& b (== c (>= (- (+ d (* e f)) (% (/ g h) i)) j))))");
  CHECK(ex("a + b * c - d") == "(- (+ a (* b c)) d)");
  CHECK(ex("(a + b) * c") == "(* (paren (+ a b)) c)");
  CHECK(ex("a * (b + c)") == "(* a (paren (+ b c)))");
  CHECK(ex("((a))") == "(paren (paren a))");
  CHECK(ex("(\n  a +\n  b\n)") == "(paren (+ a b))");

  auto e = expr("a+b");
  const auto* b = e->get_if<hcl::BinaryOp>();
  REQUIRE(b);
  CHECK(b->op == hcl::BinaryOperator::Add);
  CHECK(hcl::to_string(b->op) == "+");
  CHECK(hcl::precedence(hcl::BinaryOperator::Or) == 1);
  CHECK(hcl::precedence(hcl::BinaryOperator::Modulo) == 6);
  // `a-b` is one identifier, as in HCL.
  CHECK(ex("a-b") == "a-b");
  CHECK(expr_error("(a").find("1:3: Unbalanced parentheses") == 0);
  CHECK(expr_error("a +").find("1:4: Missing expression") == 0);
  CHECK(expr_error("a & b").find("1:3: Invalid character: bitwise operators are not supported") == 0);
}

TEST_CASE("positions of expression nodes", "[expr][positions]") {
  auto r = hcl::parse_expression("foo(a.b,\n  [1, 22])", "x.tf");
  REQUIRE(r);
  const hcl::Expression& e = *r.value;
  CHECK(e.range.file() == "x.tf");
  CHECK(e.range.start == hcl::Pos{1, 1, 0});
  CHECK(e.range.end == hcl::Pos{2, 11, 19});
  const auto& call = *e.get_if<hcl::FunctionCall>();
  CHECK(call.name_range.end == hcl::Pos{1, 4, 3});
  const auto& arg0 = *call.args[0];
  CHECK(arg0.range.start == hcl::Pos{1, 5, 4});
  CHECK(arg0.range.end == hcl::Pos{1, 8, 7});
  CHECK(arg0.get_if<hcl::Traversal>()->steps[0].range.start == hcl::Pos{1, 6, 5});
  const auto& tuple = *call.args[1];
  CHECK(tuple.range.start == hcl::Pos{2, 3, 11});
  CHECK(tuple.get_if<hcl::Tuple>()->elements[1]->range.start == hcl::Pos{2, 7, 15});
  CHECK(tuple.get_if<hcl::Tuple>()->elements[1]->range.end == hcl::Pos{2, 9, 17});
  CHECK(tuple.range.str() == "x.tf:2:3");
}

TEST_CASE("columns count code points", "[expr][positions]") {
  auto r = hcl::parse_expression("\"héllo\" + ünïcödé", "");
  REQUIRE(r);
  const auto& b = *r.value->get_if<hcl::BinaryOp>();
  CHECK(b.rhs->range.start.column == 11);
  CHECK(b.rhs->range.start.byte == 11);
  CHECK(b.rhs->range.end.column == 18);
  CHECK(hcl::dump(*r.value) == "(+ \"héllo\" ünïcödé)");
}

TEST_CASE("clone copies a tree", "[expr]") {
  auto e = expr("a + b * f(c, [for x in y : x]) + \"${z}\"");
  auto c = hcl::clone(*e);
  CHECK(hcl::equal(*e, *c));
  CHECK(c->range.end == e->range.end);
}
