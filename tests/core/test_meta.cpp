// Typed meta-arguments and dynamic blocks (issue 11): ignore_changes from
// the type's own getters, replace_triggered_by from handles, dynamic blocks
// with typed iterators, for expressions with filters and grouping.
#include "test_support.hpp"

using namespace stackgen;
using builtin::TerraformData;
using test::render_json;

TEST_CASE("ignore_changes from typed getters, replace_triggered_by from handles", "[meta]") {
  Stack s("t");
  auto trigger = s.add<TerraformData>("trigger");
  auto thing = test::add_thing(s, "thing")
                   .tags({{"a", "b"}})
                   .ignore_changes(&test::Thing::arn, &test::Thing::id)
                   .replace_triggered_by({trigger})
                   .replace_triggered_by(trigger.output());
  (void)thing;
  CHECK(validate(s).items().empty());
  auto lc = render_json(s)["resource"]["aws_thing"]["thing"]["lifecycle"];
  CHECK(lc["ignore_changes"] == test::json::array({"arn", "id"}));
  CHECK(lc["replace_triggered_by"] == test::json::array({"terraform_data.trigger", "terraform_data.trigger.output"}));
}

TEST_CASE("dynamic blocks: one block per element, typed iterator, checked content", "[meta][dynamic]") {
  Stack s("t");
  auto ports = s.variable<List<Number>>("ports").default_value({80, 443});
  auto rules = s.variable<Map<Object>>("rules");
  test::add_thing(s, "thing")
      .dynamic<test::Rule>("rule", ports, [](test::Rule& r, auto port) {
        static_assert(std::is_same_v<decltype(port.value()), Expr<Number>>);
        static_assert(std::is_same_v<decltype(port.key()), Expr<Number>>);
        r.port(port.value()).description("port " + tostring(port.key()));
      })
      .dynamic<test::Rule>(
          "rule", rules,
          [](test::Rule& r, auto rule) {
            static_assert(std::is_same_v<decltype(rule.key()), Expr<std::string>>);
            r.port(rule.value().template get<Number>("port")).description(rule.key());
          },
          "entry");
  CHECK(validate(s).items().empty());
  auto dyn = render_json(s)["resource"]["aws_thing"]["thing"]["dynamic"];
  REQUIRE(dyn["rule"].is_array());
  CHECK(dyn["rule"][0] ==
        test::json{{"for_each", "${var.ports}"},
                   {"content", {{"port", "${rule.value}"}, {"description", "port ${tostring(rule.key)}"}}}});
  CHECK(dyn["rule"][1] == test::json{{"for_each", "${var.rules}"},
                                     {"iterator", "entry"},
                                     {"content", {{"port", "${entry.value.port}"}, {"description", "${entry.key}"}}}});
}

TEST_CASE("dynamic blocks of an untyped resource build UntypedBlock bodies", "[meta][dynamic][untyped]") {
  Stack s("t");
  auto rules = s.variable<Map<Object>>("rules");
  s.untyped_resource("x_firewall", "fw")
      .set("name", Value("edge"))
      .dynamic<UntypedBlock>(
          "rule", rules,
          [](UntypedBlock& b, auto r) {
            b.set("port", r.value().template get<Number>("port"))
                .set("port", r.value().template get<Number>("to"))  // replaces
                .block("source", Value::object({{"cidr", "10.0.0.0/8"}}))
                .block("source", Value::object({{"cidr", r.key()}}));
          },
          "r");
  CHECK(validate(s).items().empty());
  auto dyn = render_json(s)["resource"]["x_firewall"]["fw"]["dynamic"];
  CHECK(dyn["rule"] == test::json{{"for_each", "${var.rules}"},
                                     {"iterator", "r"},
                                     {"content", {{"port", "${r.value.to}"},
                                                  {"source", test::json::array({{{"cidr", "10.0.0.0/8"}},
                                                                                {{"cidr", "${r.key}"}}})}}}});
}

TEST_CASE("dynamic blocks are checked against the schema", "[meta][dynamic]") {
  Stack s("t");
  auto ports = s.variable<List<Number>>("ports");
  const unsigned line = __LINE__ + 1;
  test::add_thing(s, "unknown").dynamic<test::Rule>("rules", ports, [](test::Rule& r, auto p) { r.port(p.value()); });
  test::add_thing(s, "missing").dynamic<test::Rule>("rule", ports, [](test::Rule&, auto) {});
  auto ds = validate(s);
  bool unknown = false, missing = false;
  for (const auto& d : ds.items()) {
    if (d.rule == "schema.unknown-block" && d.address == "aws_thing.unknown") {
      unknown = true;
      CHECK(d.where.line == line);
    }
    if (d.rule == "schema.missing-argument" && d.address == "aws_thing.missing") {
      missing = true;
      CHECK(d.message == "block dynamic rule: missing required argument port");
    }
  }
  CHECK(unknown);
  CHECK(missing);
}

TEST_CASE("for expressions: filters on maps and grouping", "[meta][for]") {
  Stack s("t");
  auto names = s.variable<List<std::string>>("names");
  auto by_first = group_by(names, [](const Expr<std::string>& n) { return std::pair{substr(n, 0, 1), n}; });
  static_assert(std::is_same_v<decltype(by_first), Expr<Map<List<std::string>>>>);
  CHECK(by_first.value().to_hcl() == "{for v in var.names : substr(v, 0, 1) => v...}");
  auto long_ones = for_map(
      names, [](const Expr<std::string>& n) { return std::pair{n, length(n)}; },
      [](const Expr<std::string>& n) { return gt(length(n), 3); });
  CHECK(long_ones.value().to_hcl() == "{for v in var.names : v => length(v) if length(v) > 3}");
  // Grouping with a filter: the ellipsis after the value, then `if`.
  auto long_by_first = group_by(
      names, [](const Expr<std::string>& n) { return std::pair{substr(n, 0, 1), n}; },
      [](const Expr<std::string>& n) { return gt(length(n), 3); });
  static_assert(std::is_same_v<decltype(long_by_first), Expr<Map<List<std::string>>>>);
  CHECK(long_by_first.value().to_hcl() == "{for v in var.names : substr(v, 0, 1) => v... if length(v) > 3}");
  // ... and with a key variable.
  auto ports = s.variable<Map<Number>>("ports");
  auto names_by_port = group_by(
      ports, [](auto name, auto port) { return std::pair{tostring(port), name}; },
      [](auto name, auto) { return ne(name, "ssh"); });
  static_assert(std::is_same_v<decltype(names_by_port), Expr<Map<List<std::string>>>>);
  CHECK(names_by_port.value().to_hcl() == "{for k, v in var.ports : tostring(v) => k... if k != \"ssh\"}");
}

TEST_CASE("aspects visit every block of their type, late ones too, and are named in diagnostics", "[meta][aspect]") {
  Stack s("t");
  const unsigned aspect_line = __LINE__ + 1;
  s.aspect<test::Thing>([](test::Thing t) { t.tags({{"owner", "platform"}}); });
  test::add_thing(s, "early");
  s.add<TerraformData>("other");
  test::add_thing(s, "late");
  int seen = 0;
  s.aspect_all([&](BlockRef) { ++seen; });
  s.finish();
  s.finish();  // runs each aspect once
  CHECK(seen == 3);
  auto things = render_json(s)["resource"]["aws_thing"];
  CHECK(things["early"]["tags"] == test::json{{"owner", "platform"}});
  CHECK(things["late"]["tags"] == test::json{{"owner", "platform"}});

  // A mistake an aspect makes is reported at the block, naming the aspect.
  Stack bad("t");
  const unsigned bad_line = __LINE__ + 1;
  bad.aspect<test::Thing>([](test::Thing t) { t.arn_raw("arn:aws:x"); });
  test::add_thing(bad, "thing");
  bad.finish();
  auto ds = validate(bad);
  REQUIRE(ds.items().size() == 1);
  CHECK(ds.items()[0].rule == "schema.computed-argument");
  CHECK(ds.items()[0].hint.find("test_meta.cpp:" + std::to_string(bad_line)) != std::string::npos);
  (void)aspect_line;
}
