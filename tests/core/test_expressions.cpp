// Typed expressions: literals, templates, escaping, operators, references.
#include "test_support.hpp"

using namespace stackgen;
using builtin::TerraformData;
using test::emitted;
using test::hcl;
using test::json;

TEST_CASE("literals render as plain JSON values", "[expr]") {
  CHECK(emitted("text") == "text");
  CHECK(emitted(42) == 42);
  CHECK(emitted(-7) == -7);
  CHECK(emitted(true) == true);
  CHECK(emitted(false) == false);
  CHECK(emitted(Value{}).is_null());
  CHECK(emitted(Expr<std::string>(null)).is_null());
  CHECK(emitted(Value::list({1, "a", false})) == json::array({1, "a", false}));
  CHECK(emitted(Value{{"a", 1}, {"b", "x"}}) == json{{"a", 1}, {"b", "x"}});
  CHECK(emitted(Value{"a", "b"}) == json::array({"a", "b"}));
  CHECK(emitted(Value::object({})) == json::object());
  CHECK(emitted(Value::list({})) == json::array());
  CHECK(emitted(Expr<List<std::string>>{"a", "b"}) == json::array({"a", "b"}));
  CHECK(emitted(Expr<Map<Number>>{{"x", 1}, {"y", 2.5}}) == json{{"x", 1}, {"y", 2.5}});
}

TEST_CASE("string concatenation builds a template", "[expr][template]") {
  Stack s("t");
  auto app = s.variable<std::string>("app_name");
  auto env = s.variable<std::string>("env");
  CHECK(emitted(app + "-vpc") == "${var.app_name}-vpc");
  CHECK(emitted("pre-" + app) == "pre-${var.app_name}");
  CHECK(emitted(app + "-" + env) == "${var.app_name}-${var.env}");
  CHECK(emitted((app + "-") + ("x" + env) + "-y") == "${var.app_name}-x${var.env}-y");
  // Only literals: no template at all.
  CHECK(emitted(Expr<std::string>("a") + "b") == "ab");
  CHECK(emitted(path_module() + "/files/init.sh") == "${path.module}/files/init.sh");
  CHECK(hcl(app + "-vpc") == "\"${var.app_name}-vpc\"");
  CHECK(hcl(upper(app + "-vpc")) == "upper(\"${var.app_name}-vpc\")");
}

TEST_CASE("literal template sequences are escaped in templates", "[expr][escape]") {
  Stack s("t");
  auto app = s.variable<std::string>("app");
  CHECK(emitted("${aws:username}") == "$${aws:username}");
  CHECK(emitted("%{if x}") == "%%{if x}");
  CHECK(emitted("$${already}") == "$$${already}");
  // Lone $ and % are not template sequences.
  CHECK(emitted("cost: 5$, 100%") == "cost: 5$, 100%");
  CHECK(emitted("a${b}c%{d}") == "a$${b}c%%{d}");
  CHECK(emitted(app + "/${literal}") == "${var.app}/$${literal}");
  // Inside lists and objects, and in object keys.
  CHECK(emitted(Value::list({"${x}"})) == json::array({"$${x}"}));
  CHECK(emitted(Value{{"${k}", "%{v}"}}) == json{{"$${k}", "%%{v}"}});
  // In HCL (inside an interpolation) too.
  CHECK(hcl(upper("${x}")) == "upper(\"$${x}\")");
}

TEST_CASE("a literal ending in $ before an interpolation stays a literal $", "[expr][escape]") {
  // "US$" + var must not render "US$${var.price}", which Terraform reads as
  // the escaped literal text "${var.price}".
  Stack s("t");
  auto price = s.variable<std::string>("price");
  CHECK(emitted("US$" + price) == "US${\"$\"}${var.price}");
  CHECK(emitted("$$" + price) == "${\"$$\"}${var.price}");
  CHECK(emitted("$" + price + "$") == "${\"$\"}${var.price}$");
  CHECK(hcl(upper("US$" + price)) == "upper(\"US${\"$\"}${var.price}\")");
  // A trailing % is harmless ("%${" is not "%{").
  CHECK(emitted("100%" + price) == "100%${var.price}");
}

TEST_CASE("strings are quoted for HCL inside expressions", "[expr]") {
  CHECK(hcl(upper("a\"b\\c")) == R"(upper("a\"b\\c"))");
  CHECK(hcl(upper("line\nnext\ttab\r")) == R"(upper("line\nnext\ttab\r"))");
  CHECK(hcl(upper("\x01")) == R"(upper("\u0001"))");
  CHECK(hcl(upper("h\xC3\xA9llo \xE2\x9C\x93")) == "upper(\"h\xC3\xA9llo \xE2\x9C\x93\")");
  // Rendered in JSON, the HCL is a JSON string again.
  CHECK(emitted(upper("a\"b")) == "${upper(\"a\\\"b\")}");
}

TEST_CASE("comparisons, conditionals and boolean operators", "[expr][operators]") {
  Stack s("t");
  auto env = s.variable<std::string>("env");
  auto n = s.variable<Number>("n");
  auto a = s.variable<bool>("a");
  auto b = s.variable<bool>("b");
  auto c = s.variable<bool>("c");

  CHECK(emitted(cond(eq(env, Expr<std::string>("prod")), Expr<Number>(3), Expr<Number>(1))) ==
        "${(var.env == \"prod\") ? 3 : 1}");
  CHECK(hcl(ne(env, Expr<std::string>("dev"))) == "var.env != \"dev\"");
  CHECK(hcl(lt(n, 1)) == "var.n < 1");
  CHECK(hcl(le(n, 1)) == "var.n <= 1");
  CHECK(hcl(gt(n, 1)) == "var.n > 1");
  CHECK(hcl(ge(n, 1)) == "var.n >= 1");
  CHECK(hcl(is_null(env)) == "var.env == null");
  CHECK(hcl(a && b) == "var.a && var.b");
  CHECK(hcl((a && b) || !c) == "(var.a && var.b) || !var.c");
  CHECK(hcl(!(a || b)) == "!(var.a || var.b)");
  CHECK(hcl(a && Expr<bool>(true)) == "var.a && true");
  // Nested conditionals and conditions are parenthesised.
  CHECK(hcl(cond(gt(n, 0), cond(a, Expr<Number>(1), Expr<Number>(2)), Expr<Number>(3))) ==
        "(var.n > 0) ? (var.a ? 1 : 2) : 3");
}

TEST_CASE("arithmetic keeps Terraform's precedence explicit", "[expr][operators]") {
  Stack s("t");
  auto n = s.variable<Number>("n");
  CHECK(hcl(n + 1) == "var.n + 1");
  CHECK(hcl((n + 1) * 2) == "(var.n + 1) * 2");
  CHECK(hcl(n - n / 2) == "var.n - (var.n / 2)");
  CHECK(hcl(n % 3) == "var.n % 3");
  CHECK(hcl(n * 0.5) == "var.n * 0.5");
  CHECK(emitted(n + 1) == "${var.n + 1}");
}

TEST_CASE("for expressions bind a variable per nesting depth", "[expr][for]") {
  Stack s("t");
  auto names = s.variable<List<std::string>>("names");
  auto groups = s.variable<List<List<std::string>>>("groups");

  auto upper_names = for_list(names, [](const Expr<std::string>& v) { return upper(v); });
  static_assert(std::is_same_v<decltype(upper_names), Expr<List<std::string>>>);
  CHECK(hcl(upper_names) == "[for v in var.names : upper(v)]");

  auto by_name = for_map(names, [](const Expr<std::string>& v) { return std::pair{v, length(v)}; });
  static_assert(std::is_same_v<decltype(by_name), Expr<Map<Number>>>);
  CHECK(emitted(by_name) == "${{for v in var.names : v => length(v)}}");

  auto nested = for_list(groups, [](const Expr<List<std::string>>& g) {
    return for_list(g, [](const Expr<std::string>& x) { return x + "!"; });
  });
  CHECK(hcl(nested) == "[for v in var.groups : [for v2 in v : \"${v2}!\"]]");
  // The depth counter is restored: a later expression starts at v again.
  CHECK(hcl(for_list(names, [](const Expr<std::string>& v) { return v; })) ==
        "[for v in var.names : v]");
}

TEST_CASE("for expressions with a key variable: lambdas of (key, value)", "[expr][for]") {
  Stack s("t");
  auto names = s.variable<List<std::string>>("names");
  auto ports = s.variable<Map<Number>>("ports");
  auto zones = s.variable<Set<std::string>>("zones");

  // A list's key is its index, a map's its key, a set's the element itself.
  auto numbered = for_list(names, [](const Expr<Number>& i, const Expr<std::string>& n) {
    return tostring(i) + ":" + n;
  });
  static_assert(std::is_same_v<decltype(numbered), Expr<List<std::string>>>);
  CHECK(hcl(numbered) == "[for k, v in var.names : \"${tostring(k)}:${v}\"]");
  auto listeners = for_map(ports, [](const Expr<std::string>& name, const Expr<Number>& port) {
    return std::pair{upper(name), port + 1};
  });
  static_assert(std::is_same_v<decltype(listeners), Expr<Map<Number>>>);
  CHECK(hcl(listeners) == "{for k, v in var.ports : upper(k) => v + 1}");
  CHECK(emitted(listeners) == "${{for k, v in var.ports : upper(k) => v + 1}}");
  auto same = for_list(zones, [](const Expr<std::string>& k, const Expr<std::string>& v) { return eq(k, v); });
  CHECK(hcl(same) == "[for k, v in var.zones : k == v]");
  // The filter takes the same variables.
  auto open = for_map(
      ports, [](auto name, auto port) { return std::pair{name, port}; },
      [](auto name, auto port) { return ne(name, "ssh") && gt(port, 0); });
  CHECK(hcl(open) == "{for k, v in var.ports : k => v if (k != \"ssh\") && (v > 0)}");
  // Nested: each depth has its own pair of names.
  auto pairs = for_list(ports, [&](auto name, auto) {
    return for_list(names, [&](auto i, auto n) { return name + tostring(i) + n; });
  });
  CHECK(hcl(pairs) == "[for k, v in var.ports : [for k2, v2 in var.names : \"${k}${tostring(k2)}${v2}\"]]");
}

TEST_CASE("terraform.workspace and the path values", "[expr][ref]") {
  CHECK(emitted(terraform_workspace()) == "${terraform.workspace}");
  CHECK(emitted("state-" + terraform_workspace()) == "state-${terraform.workspace}");
  CHECK(emitted(path_root() + "/x") == "${path.root}/x");
  CHECK(hcl(path_cwd()) == "path.cwd");
}

TEST_CASE("references to resources, instances and special values", "[expr][ref]") {
  Stack s("t");
  auto one = s.add<TerraformData>("one");
  auto counted = s.add<TerraformData>("counted").count(2);
  auto keyed = s.add<TerraformData>("keyed").for_each(Expr<Set<std::string>>{"a", "b"});

  CHECK(emitted(one.id()) == "${terraform_data.one.id}");
  CHECK(emitted(one.output()) == "${terraform_data.one.output}");
  CHECK(emitted(counted[0].id()) == "${terraform_data.counted[0].id}");
  CHECK(emitted(counted[count_index()].id()) == "${terraform_data.counted[count.index].id}");
  CHECK(emitted(keyed["a"].id()) == "${terraform_data.keyed[\"a\"].id}");
  CHECK(emitted(keyed[each_key()].id()) == "${terraform_data.keyed[each.key].id}");
  CHECK(emitted(splat(counted, &TerraformData::id)) == "${terraform_data.counted[*].id}");
  CHECK(emitted(values_of(keyed, &TerraformData::id)) ==
        "${[for v in terraform_data.keyed : v.id]}");
  static_assert(
      std::is_same_v<decltype(splat(counted, &TerraformData::id)), Expr<List<std::string>>>);

  CHECK(emitted(count_index()) == "${count.index}");
  CHECK(emitted(each_key()) == "${each.key}");
  CHECK(emitted(each_value<std::string>()) == "${each.value}");
  CHECK(emitted(each_value<Object>().get<Number>("port")) == "${each.value.port}");
  CHECK(emitted(path_module()) == "${path.module}");
  CHECK(emitted(ref<std::string>("aws_vpc.main.id")) == "${aws_vpc.main.id}");
  CHECK(emitted(raw<Number>("length(var.x) + 1")) == "${length(var.x) + 1}");
  // Raw text as an operand keeps its meaning: parenthesised unless it is
  // one operand as written.
  CHECK(emitted(!raw<bool>("var.x == null")) == "${!(var.x == null)}");
  CHECK(emitted(raw<Number>("var.n") * raw<Number>("-var.m")) == "${var.n * (-var.m)}");
  CHECK(emitted(!raw<bool>("contains([\"a b\", \"c\"], var.x)")) == "${!contains([\"a b\", \"c\"], var.x)}");
  CHECK(emitted(raw<Number>("var.n") + raw<Number>("local.m[\"k\"]")) == "${var.n + local.m[\"k\"]}");
  CHECK(emitted(as<Number>(one.output())) == "${terraform_data.one.output}");

  auto rs = s.add<builtin::TerraformRemoteState>("net").backend("local");
  CHECK(emitted(rs.output<std::string>("vpc_id")) ==
        "${data.terraform_remote_state.net.outputs.vpc_id}");
}

TEST_CASE("indexing typed collections", "[expr][ref]") {
  Stack s("t");
  auto names = s.variable<List<std::string>>("names");
  auto tags = s.variable<Map<std::string>>("tags");
  auto obj = s.variable<Object>("settings");
  auto first = names[0];
  static_assert(std::is_same_v<decltype(first), Expr<std::string>>);
  CHECK(hcl(first) == "var.names[0]");
  CHECK(hcl(names[length(names) - 1]) == "var.names[length(var.names) - 1]");
  CHECK(hcl(tags["Name"]) == "var.tags[\"Name\"]");
  CHECK(hcl(obj.get<Number>("port")) == "var.settings.port");
  CHECK(hcl(jsondecode(Expr<std::string>("{}")).get<std::string>("a")) == "jsondecode(\"{}\").a");
}

TEST_CASE("numbers: integers and shortest round-trip doubles", "[expr][numbers]") {
  auto text_of = [](const Value& v) {
    Stack s("n");
    s.local<Any>("x", Expr<Any>(v));
    std::string t = test::render_text(s);
    auto at = t.find("\"x\": ");
    REQUIRE(at != std::string::npos);
    return t.substr(at + 5, t.find('\n', at) - at - 5);
  };
  CHECK(text_of(0) == "0");
  CHECK(text_of(-12) == "-12");
  CHECK(text_of(std::int64_t{9007199254740993}) == "9007199254740993");
  CHECK(text_of(3.0) == "3");
  CHECK(text_of(-0.0) == "0");
  CHECK(text_of(0.1) == "0.1");
  CHECK(text_of(1.5) == "1.5");
  CHECK(text_of(123456789.125) == "123456789.125");
  CHECK(text_of(1e300) == "1e+300");
  CHECK(text_of(2.5e-7) == "2.5e-07");
  CHECK(json::parse(text_of(0.1)).get<double>() == 0.1);
  CHECK(json::parse(text_of(1.0 / 3)).get<double>() == 1.0 / 3);
  CHECK(hcl(Value(0.25)) == "0.25");
  CHECK_THROWS_AS(Value(std::numeric_limits<double>::infinity()), std::invalid_argument);
}

TEST_CASE("unicode passes through, control characters are escaped", "[expr][strings]") {
  const std::string utf8 = "h\xC3\xA9llo \xE2\x9C\x93 \xF0\x9F\x98\x80";
  CHECK(emitted(utf8) == utf8);
  Stack s("u");
  s.local<std::string>("s", utf8 + "\x01\t\n\"\\");
  std::string text = test::render_text(s);
  CHECK(text.find("\"s\": \"" + utf8 + "\\u0001\\t\\n\\\"\\\\\"") != std::string::npos);
  CHECK(test::render_json(s)["locals"]["s"] == utf8 + "\x01\t\n\"\\");
}

TEST_CASE("map_of: keys that are expressions make HCL's object constructor", "[expr][map]") {
  Stack s("t");
  auto cluster = s.variable<std::string>("cluster");
  auto key = s.variable<std::string>("key");
  auto tags = map_of<std::string>({{"Name", "private"}, {"kubernetes.io/cluster/" + cluster, "owned"}, {key, cluster}});
  // Keys in the order given: Terraform evaluates them; a literal one keeps
  // its `${` literal, a template one is evaluated, a reference parenthesized.
  CHECK(emitted(tags) ==
        "${{\"Name\" = \"private\", (\"kubernetes.io/cluster/${var.cluster}\") = \"owned\", (var.key) = var.cluster}}");
  CHECK(hcl(tags) == "{\"Name\" = \"private\", (\"kubernetes.io/cluster/${var.cluster}\") = \"owned\", (var.key) = var.cluster}");
  auto escaped = map_of<std::string>({{"lit-${x}", "a"}, {key, "b"}});
  CHECK(emitted(escaped) == "${{\"lit-$${x}\" = \"a\", (var.key) = \"b\"}}");
  // Literal keys only: an ordinary map, keys sorted as every object's.
  CHECK(emitted(map_of<Number>({{"b", 2}, {"a", 1}})) == json{{"a", 1}, {"b", 2}});
  CHECK(inspect::kind(tags.value()) == inspect::ValueKind::object_expression);
}

TEST_CASE("terraform_data reads back what it was given", "[expr][ref]") {
  Stack s("t");
  auto d = s.add<TerraformData>("d").input("x").triggers_replace(Value::list({"a"}));
  CHECK(emitted(d.input()) == "${terraform_data.d.input}");
  CHECK(emitted(d.triggers_replace()) == "${terraform_data.d.triggers_replace}");
}

TEST_CASE("indexing the list a splat makes indexes the list, not each instance", "[expr][ref]") {
  Stack s("t");
  auto d = s.add<TerraformData>("d").count(2);
  // r[*].id[0] would index each instance's id; (r[*].id)[0] is the first id.
  CHECK(emitted(splat(d, &TerraformData::id)[0]) == "${(terraform_data.d[*].id)[0]}");
  CHECK(emitted(splat(d, &TerraformData::id)[count_index()]) == "${(terraform_data.d[*].id)[count.index]}");
}
