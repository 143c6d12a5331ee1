// Every function of include/stackgen/core/functions.hpp: its HCL, its type.
#include "test_support.hpp"

using namespace stackgen;
using builtin::TerraformData;
using test::emitted;
using test::hcl;

namespace {
template <class E, class T>
constexpr bool is_expr_of = std::is_same_v<E, Expr<T>>;
}

TEST_CASE("jsonencode of a nested C++ document with references", "[functions]") {
  Stack s("t");
  auto bucket = s.add<TerraformData>("bucket");
  auto app = s.variable<std::string>("app");
  auto policy = jsonencode(Value{
      {"Version", "2012-10-17"},
      {"Statement",
       Value::list({Value{{"Effect", "Allow"},
                          {"Action", Value{"s3:GetObject", "s3:PutObject"}},
                          {"Resource", bucket.id() + "/home/${aws:username}/*"},
                          {"Condition", Value{{"StringEquals", Value{{"aws:app", app}}}}},
                          {"Max", 3},
                          {"Secure", true}}})},
  });
  static_assert(is_expr_of<decltype(policy), std::string>);
  // Keys sorted, literals HCL-quoted, template text escaped once for HCL.
  CHECK(emitted(policy) ==
        "${jsonencode({\"Statement\" = [{\"Action\" = [\"s3:GetObject\", \"s3:PutObject\"], "
        "\"Condition\" = {\"StringEquals\" = {\"aws:app\" = var.app}}, \"Effect\" = \"Allow\", "
        "\"Max\" = 3, \"Resource\" = \"${terraform_data.bucket.id}/home/$${aws:username}/*\", "
        "\"Secure\" = true}], \"Version\" = \"2012-10-17\"})}");
  CHECK(hcl(jsonencode(Value{{"k", "%{x}"}})) == R"(jsonencode({"k" = "%%{x}"}))");
  CHECK(hcl(jsonencode(Value{{"${key}", 1}})) == R"(jsonencode({"$${key}" = 1}))");
  CHECK(hcl(jsonencode(Value::list({}))) == "jsonencode([])");
  CHECK(hcl(jsonencode(nullptr)) == "jsonencode(null)");
}

TEST_CASE("encoding and string functions", "[functions]") {
  Stack s("t");
  auto name = s.variable<std::string>("name");
  auto n = s.variable<Number>("n");

  auto decoded = jsondecode(name);
  static_assert(is_expr_of<decltype(decoded), Any>);
  CHECK(hcl(decoded) == "jsondecode(var.name)");
  CHECK(hcl(base64encode(name)) == "base64encode(var.name)");
  CHECK(hcl(sha256(name)) == "sha256(var.name)");
  CHECK(hcl(format("%s-%03d", name, n)) == R"(format("%s-%03d", var.name, var.n))");
  CHECK(hcl(format("%s/%s", name, "literal")) == R"(format("%s/%s", var.name, "literal"))");
  CHECK(hcl(format("%%{x}")) == R"(format("%%%{x}"))");
  CHECK(hcl(join(",", Expr<List<std::string>>{"a", "b"})) == R"(join(",", ["a", "b"]))");
  auto parts = split(",", name);
  static_assert(is_expr_of<decltype(parts), List<std::string>>);
  CHECK(hcl(parts) == R"(split(",", var.name))");
  CHECK(hcl(replace(name, "_", "-")) == R"(replace(var.name, "_", "-"))");
  CHECK(hcl(lower(name)) == "lower(var.name)");
  CHECK(hcl(upper(name)) == "upper(var.name)");
  CHECK(hcl(trimspace(name)) == "trimspace(var.name)");
  auto text = tostring(n);
  static_assert(is_expr_of<decltype(text), std::string>);
  CHECK(hcl(text) == "tostring(var.n)");
  auto num = tonumber(name);
  static_assert(is_expr_of<decltype(num), Number>);
  CHECK(hcl(num) == "tonumber(var.name)");
}

TEST_CASE("collection functions", "[functions]") {
  Stack s("t");
  auto names = s.variable<List<std::string>>("names");
  auto more = s.variable<List<std::string>>("more");
  auto tags = s.variable<Map<std::string>>("tags");
  auto nested = s.variable<List<List<std::string>>>("nested");
  auto set = s.variable<Set<std::string>>("set");

  CHECK(hcl(length(names)) == "length(var.names)");
  CHECK(hcl(length(tags)) == "length(var.tags)");
  CHECK(hcl(length(Expr<std::string>("abc"))) == R"(length("abc"))");

  auto e = element(names, count_index());
  static_assert(is_expr_of<decltype(e), std::string>);
  CHECK(emitted(e) == "${element(var.names, count.index)}");

  auto l = lookup(tags, "Name", Expr<std::string>("none"));
  static_assert(is_expr_of<decltype(l), std::string>);
  CHECK(hcl(l) == R"(lookup(var.tags, "Name", "none"))");

  auto merged = merge(tags, Expr<Map<std::string>>{{"Team", "core"}}, tags);
  static_assert(is_expr_of<decltype(merged), Map<std::string>>);
  CHECK(hcl(merged) == R"(merge(var.tags, {"Team" = "core"}, var.tags))");

  auto all = concat(names, more, Expr<List<std::string>>{"x"});
  static_assert(is_expr_of<decltype(all), List<std::string>>);
  CHECK(hcl(all) == R"(concat(var.names, var.more, ["x"]))");

  CHECK(hcl(tolist(set)) == "tolist(var.set)");
  auto as_set = toset(names);
  static_assert(is_expr_of<decltype(as_set), Set<std::string>>);
  CHECK(hcl(as_set) == "toset(var.names)");
  CHECK(hcl(tomap(tags)) == "tomap(var.tags)");
  auto ks = keys(tags);
  static_assert(is_expr_of<decltype(ks), List<std::string>>);
  CHECK(hcl(ks) == "keys(var.tags)");
  CHECK(hcl(values(tags)) == "values(var.tags)");
  auto flat = flatten(nested);
  static_assert(is_expr_of<decltype(flat), List<std::string>>);
  CHECK(hcl(flat) == "flatten(var.nested)");
  CHECK(hcl(distinct(names)) == "distinct(var.names)");
  auto has = contains(names, Expr<std::string>("a"));
  static_assert(is_expr_of<decltype(has), bool>);
  CHECK(hcl(has) == R"(contains(var.names, "a"))");
  CHECK(hcl(contains(set, Expr<std::string>("a"))) == R"(contains(var.set, "a"))");
  auto z = zipmap(names, more);
  static_assert(is_expr_of<decltype(z), Map<std::string>>);
  CHECK(hcl(z) == "zipmap(var.names, var.more)");
}

TEST_CASE("coalesce and try", "[functions]") {
  Stack s("t");
  auto name = s.variable<std::string>("name");
  auto rs = s.add<builtin::TerraformRemoteState>("net").backend("local");
  CHECK(hcl(coalesce(name, "default")) == R"(coalesce(var.name, "default"))");
  CHECK(hcl(coalesce(name, Expr<std::string>(null), "x")) == R"(coalesce(var.name, null, "x"))");
  CHECK(emitted(try_(rs.output<std::string>("vpc_id"), "none")) ==
        "${try(data.terraform_remote_state.net.outputs.vpc_id, \"none\")}");
}

TEST_CASE("network and file functions", "[functions]") {
  Stack s("t");
  auto cidr = s.variable<std::string>("cidr");
  CHECK(emitted(cidrsubnet(cidr, 8, count_index())) == "${cidrsubnet(var.cidr, 8, count.index)}");
  CHECK(hcl(cidrsubnet("10.0.0.0/16", 4, count_index() + 1)) ==
        R"(cidrsubnet("10.0.0.0/16", 4, count.index + 1))");
  CHECK(hcl(cidrhost(cidr, 5)) == "cidrhost(var.cidr, 5)");
  CHECK(emitted(file(path_module() + "/init.sh")) == "${file(\"${path.module}/init.sh\")}");
  CHECK(hcl(templatefile("${path.module}/t.tpl", Value{{"name", cidr}, {"port", 80}})) ==
        R"(templatefile("$${path.module}/t.tpl", {"name" = var.cidr, "port" = 80}))");
  CHECK(hcl(templatefile(path_module() + "/t.tpl", Value::object({}))) ==
        R"(templatefile("${path.module}/t.tpl", {}))");
}

TEST_CASE("expand(list) spreads the last argument of a call", "[functions]") {
  Stack s("t");
  auto sizes = s.variable<List<Number>>("sizes");
  auto lists = s.variable<List<List<std::string>>>("lists");
  CHECK(emitted(function_call<Number>("max", expand(sizes))) == "${max(var.sizes...)}");
  CHECK(hcl(function_call<List<std::string>>("concat", Expr<List<std::string>>{"a"}, expand(lists))) ==
        R"(concat(["a"], var.lists...))");
  CHECK(hcl(function_call<Number>("min", 1, expand(Expr<List<Number>>{2, 3}))) == "min(1, [2, 3]...)");
  // Without expand the same list is one argument.
  CHECK(hcl(function_call<Number>("max", sizes)) == "max(var.sizes)");
}

TEST_CASE("functions compose", "[functions]") {
  Stack s("t");
  auto names = s.variable<List<std::string>>("names");
  auto env = s.variable<std::string>("env");
  auto expr = join("-", concat(Expr<List<std::string>>{lower(env)},
                               for_list(names, [](auto v) { return replace(v, ".", "_"); })));
  CHECK(
      emitted(expr) ==
      "${join(\"-\", concat([lower(var.env)], [for v in var.names : replace(v, \".\", \"_\")]))}");
  CHECK(emitted(Expr<std::string>("n=") + tostring(length(names) * 2)) ==
        "n=${tostring(length(var.names) * 2)}");
}
