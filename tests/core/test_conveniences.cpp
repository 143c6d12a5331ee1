// Literals where the type is known from another operand, dynamic values from
// plain C++ values, for-expression filters, large unsigned numbers.
#include "test_support.hpp"

using namespace stackgen;

TEST_CASE("the second operand of a comparison takes the first operand's type") {
  Stack s("conv");
  auto env = s.variable<std::string>("env");
  auto n = s.variable<Number>("n");
  CHECK(test::hcl(eq(env, "prod")) == "var.env == \"prod\"");
  CHECK(test::hcl(ne(n, 3)) == "var.n != 3");
  CHECK(test::hcl(cond(eq(env, "prod"), n, 1)) == "(var.env == \"prod\") ? var.n : 1");
  CHECK(test::hcl(cond<Number>(eq(env, "prod"), 3, 1)) == "(var.env == \"prod\") ? 3 : 1");
}

TEST_CASE("lookup and contains accept literal fallbacks and elements") {
  Stack s("conv");
  auto m = s.variable<Map<std::string>>("m");
  auto l = s.variable<List<std::string>>("l");
  CHECK(test::hcl(lookup(m, "k", "none")) == "lookup(var.m, \"k\", \"none\")");
  CHECK(test::hcl(contains(l, "a")) == "contains(var.l, \"a\")");
}

TEST_CASE("dynamic attributes take plain C++ values") {
  Stack s("conv");
  auto a = s.add<builtin::TerraformData>("a").input("text");
  auto b = s.add<builtin::TerraformData>("b").input(42);
  auto c = s.add<builtin::TerraformData>("c").input(true);
  auto json = test::render_json(s)["resource"]["terraform_data"];
  CHECK(json["a"]["input"] == "text");
  CHECK(json["b"]["input"] == 42);
  CHECK(json["c"]["input"] == true);
}

TEST_CASE("for_list with a filter renders `if`") {
  Stack s("conv");
  auto l = s.variable<List<std::string>>("l");
  auto upper_nonempty = for_list(l, [](const Expr<std::string>& v) { return upper(v); },
                                 [](const Expr<std::string>& v) { return ne(v, ""); });
  CHECK(test::hcl(upper_nonempty) == "[for v in var.l : upper(v) if v != \"\"]");
}

TEST_CASE("unsigned values beyond int64 do not wrap to negative numbers") {
  CHECK(test::emitted(Value(std::uint64_t{18446744073709551615ULL})) == 18446744073709551615.0);
  CHECK(test::emitted(Value(std::uint64_t{42})) == 42);
}
