// The bindings of tests/bindings/schemas/{demo,clash}.json, generated at
// build time (headers only), in use: every type and nesting mode set from
// C++, emitted, and checked against the schema by the core's checks through
// the specs inline in the headers.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include <stackgen/clash/all.hpp>
#include <stackgen/core/emit.hpp>
#include <stackgen/demo/all.hpp>
#include <stackgen/stackgen.hpp>

#include "bindings_test_support.hpp"

using nlohmann::json;
using namespace stackgen;

namespace bindings_test {
const stackgen::schema::BlockSpec* widget_spec_from_second_tu();
const stackgen::schema::ProviderInfo* demo_info_from_second_tu();
}  // namespace bindings_test

namespace {

using bindings_test::render_json;
const auto& rules_of = bindings_test::findings;

using bindings_test::has_error;

/// A widget with everything required set.
demo::Widget minimal_widget(Stack& s, std::string_view name) {
  return s.add<demo::Widget>(name).name("w").listener(demo::Widget::Listener{}.port(80));
}

}  // namespace

TEST_CASE("generated setters emit every Terraform type") {
  Stack s("demo");
  s.provider<demo::Provider>()
      .region("eu-west-1")
      .endpoint(demo::Provider::Endpoint{}.url("https://x"));
  auto w = s.add<demo::Widget>("w")
               .name("widget")
               .size(3)
               .enabled(true)
               .labels({{"team", "core"}})
               .zones({"a", "b"})
               .ports({80, 443})
               .matrix({{1, 2}, {3}})
               .settings(Value::object({{"k", "v"}}))
               .owner(demo::Widget::Owner{}.name("ops"))
               .rule({demo::Widget::Rule{}
                          .from(80)
                          .to(81)
                          .cidrs({"10.0.0.0/8"})
                          .target(demo::Widget::Rule::Target{}.kind("sg").id("sg-1"))})
               .by_env({{"prod", demo::Widget::ByEnv{}.size(5)}})
               .secret("s3cr3t")
               .listener(demo::Widget::Listener{}.port(443).tls(
                   demo::Widget::Listener::Tls{}.certificate("c")))
               .listener(demo::Widget::Listener{}.port(80))
               .config(demo::Widget::Config{}.mode("fast"))
               .defaults(demo::Widget::Defaults{}.retries(2))
               .tag(demo::Widget::Tag{}.key("k").value_("v"));
  s.add<demo::Gadget>("g").widget_id(w.id());
  s.add<demo::data::Lookup>("l").name(w.name());
  // An ephemeral resource, its value into a local: allowed.
  auto session = s.add<demo::ephemeral::Session>("session").name("ci");
  s.local<std::string>("session_token", session.token());
  s.output("first_node", w.nodes()[0].get<std::string>("address"));
  s.output("status", w.status().get<Number>("code"));

  INFO(rules_of(validate(s)));
  CHECK_FALSE(validate(s).has_errors());
  json out = render_json(s);
  CHECK(out["ephemeral"]["demo_session"]["session"] == json{{"name", "ci"}});
  CHECK(out["locals"]["session_token"] == "${ephemeral.demo_session.session.token}");
  json r = out["resource"]["demo_widget"]["w"];
  CHECK(r["name"] == "widget");
  CHECK(r["size"] == 3);
  CHECK(r["enabled"] == true);
  CHECK(r["labels"] == json{{"team", "core"}});
  CHECK(r["zones"] == json{"a", "b"});
  CHECK(r["ports"] == json{80, 443});
  CHECK(r["matrix"] == json::parse("[[1,2],[3]]"));
  CHECK(r["settings"] == json{{"k", "v"}});
  // Object values list every field, null where unset (Terraform requires it).
  CHECK(r["owner"] == json::parse(R"({"email": null, "name": "ops"})"));
  CHECK(r["rule"] == json::parse(R"([{"cidrs": ["10.0.0.0/8"], "from": 80,
                                      "target": {"id": "sg-1", "kind": "sg"}, "to": 81}])"));
  CHECK(r["by_env"] == json::parse(R"({"prod": {"size": 5}})"));
  // Nested blocks are lists of objects with only what was set; repeated
  // calls append.
  CHECK(r["listener"] ==
        json::parse(R"([{"port": 443, "tls": [{"certificate": "c"}]}, {"port": 80}])"));
  CHECK(r["config"] == json::parse(R"([{"mode": "fast"}])"));
  CHECK(r["defaults"] == json::parse(R"([{"retries": 2}])"));
  CHECK(r["tag"] == json::parse(R"([{"key": "k", "value": "v"}])"));

  CHECK(out["resource"]["demo_gadget"]["g"]["widget_id"] == "${demo_widget.w.id}");
  CHECK(out["data"]["demo_lookup"]["l"]["name"] == "${demo_widget.w.name}");
  CHECK(out["provider"]["demo"] ==
        json::parse(R"({"endpoint": [{"url": "https://x"}], "region": "eu-west-1"})"));
  CHECK(out["terraform"]["required_providers"]["demo"] ==
        json::parse(R"({"source": "stackgen/demo", "version": "~> 1.2"})"));
  CHECK(out["output"]["first_node"]["value"] == "${demo_widget.w.nodes[0].address}");
}

TEST_CASE("a map-nested block is a block labelled with its key") {
  Stack s("demo");
  minimal_widget(s, "w")
      .route("blue", demo::Widget::Route{}.target("b"))
      .route("green", demo::Widget::Route{});
  CHECK(render_json(s)["resource"]["demo_widget"]["w"]["route"] ==
        json::parse(R"([{"blue": {"target": "b"}}, {"green": {}}])"));
}

TEST_CASE("every block setter also takes a builder: no nested type name to spell out") {
  Stack typed("demo");
  minimal_widget(typed, "w")
      .listener(demo::Widget::Listener{}.port(443).tls(demo::Widget::Listener::Tls{}.certificate("c")))
      .route("blue", demo::Widget::Route{}.target("b"));
  Stack built("demo");
  minimal_widget(built, "w")
      .listener([](auto& l) { l.port(443).tls([](auto& t) { t.certificate("c"); }); })
      .route("blue", [](auto& r) { r.target("b"); });
  CHECK(render_json(built) == render_json(typed));
  // A builder of the wrong block does not match the overload: the struct form
  // is still the one a braced value chooses.
  STATIC_REQUIRE_FALSE(stackgen::BlockBuilder<void (*)(demo::Widget::Route&), demo::Widget::Listener>);
  STATIC_REQUIRE(stackgen::BlockBuilder<void (*)(demo::Widget::Listener&), demo::Widget::Listener>);
  STATIC_REQUIRE_FALSE(stackgen::BlockBuilder<demo::Widget::Listener, demo::Widget::Listener>);
}

// A map-nested block's body is {label: block}; the checks look inside each
// labelled block (no provider in schema/ has map-nested blocks yet).
TEST_CASE("the schema checks look inside map-nested blocks") {
  Stack good("demo");
  minimal_widget(good, "w").route("blue", demo::Widget::Route{}.target("b"));
  INFO(rules_of(validate(good)));
  CHECK_FALSE(validate(good).has_errors());
  Stack bad("demo");
  minimal_widget(bad, "w").route("green", demo::Widget::Route{});
  CHECK(has_error(validate(bad), "schema.missing-argument",
                  "route.green: missing required argument target"));
}

TEST_CASE("the generated specs drive the core's schema checks") {
  SECTION("a missing required argument") {
    Stack s("demo");
    s.add<demo::Widget>("w").listener(demo::Widget::Listener{}.port(80));
    CHECK(has_error(validate(s), "schema.missing-argument", "name"));
  }
  SECTION("a missing required argument of a nested block") {
    Stack s("demo");
    s.add<demo::Widget>("w").name("w").listener(demo::Widget::Listener{});
    CHECK(has_error(validate(s), "schema.missing-argument",
                    "listener: missing required argument port"));
  }
  SECTION("min_items and max_items of a list block") {
    Stack s("demo");
    s.add<demo::Widget>("none").name("w");
    auto l = demo::Widget::Listener{}.port(1);
    s.add<demo::Widget>("four").name("w").listener(l).listener(l).listener(l).listener(l);
    auto d = validate(s);
    CHECK(has_error(d, "schema.block-count", "listener is required at least 1"));
    CHECK(has_error(d, "schema.block-count", "listener is allowed at most 3"));
  }
  SECTION("a single block given twice") {
    Stack s("demo");
    minimal_widget(s, "w")
        .config(demo::Widget::Config{}.mode("a"))
        .config(demo::Widget::Config{}.mode("b"));
    CHECK(has_error(validate(s), "schema.block-count", "config is allowed at most 1"));
  }
  SECTION("a minimal widget is valid") {
    Stack s("demo");
    minimal_widget(s, "w");
    INFO(rules_of(validate(s)));
    CHECK_FALSE(validate(s).has_errors());
  }
}

TEST_CASE("deprecated setters still work, with a warning at compile time") {
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#endif
  Stack s("demo");
  minimal_widget(s, "w")
      .legacy_name("old")
      .old_block(demo::Widget::OldBlock{}.x("x"))
      .old_size(2)  // [[deprecated("Use \"size\" instead. Removed in 2.0.")]]
      .legacy(demo::Widget::Legacy{}.y("y"));
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
  INFO(rules_of(validate(s)));
  CHECK_FALSE(validate(s).has_errors());
  json r = render_json(s)["resource"]["demo_widget"]["w"];
  CHECK(r["legacy_name"] == "old");
  CHECK(r["old_block"] == json::parse(R"([{"x": "x"}])"));
  CHECK(r["old_size"] == 2);
  CHECK(r["legacy"] == json::parse(R"([{"y": "y"}])"));
}

TEST_CASE("write-only arguments are set and never referenced") {
  Stack s("demo");
  minimal_widget(s, "w").token("t").password_wo("p");
  INFO(rules_of(validate(s)));
  CHECK_FALSE(validate(s).has_errors());
  json r = render_json(s)["resource"]["demo_widget"]["w"];
  CHECK(r["token"] == "t");
  CHECK(r["password_wo"] == "p");
  const auto* a = demo::Widget::tf_spec().attribute("password_wo");
  REQUIRE(a);
  CHECK((a->write_only && a->sensitive && a->optional));
  CHECK_FALSE(demo::Widget::tf_spec().attribute("secret")->write_only);
}

TEST_CASE("a block whose contents the schema does not state is an empty struct") {
  Stack s("demo");
  minimal_widget(s, "w").opaque(demo::Widget::Opaque{});
  INFO(rules_of(validate(s)));
  CHECK_FALSE(validate(s).has_errors());
  CHECK(render_json(s)["resource"]["demo_widget"]["w"]["opaque"] == json::parse("[{}]"));
  const auto* opaque = demo::Widget::tf_spec().block_type("opaque");
  REQUIRE(opaque);
  CHECK(opaque->block->attributes.empty());
  CHECK(opaque->block->block_types.empty());
}

TEST_CASE("inline specs and provider_info(): one object per program, whatever includes them") {
  CHECK(&demo::Widget::tf_spec() == bindings_test::widget_spec_from_second_tu());
  CHECK(&demo::provider_info() == bindings_test::demo_info_from_second_tu());
  CHECK(&demo::Widget::tf_provider_info() == &demo::provider_info());
  CHECK(demo::provider_info().version == "1.2.3");
  CHECK(clash::provider_info().local_name == "clash");
  // Deprecation of blocks and types is in the specs too.
  CHECK(demo::Gadget::tf_spec().deprecated);
  CHECK_FALSE(demo::Widget::tf_spec().deprecated);
  CHECK(demo::Widget::tf_spec().block_type("legacy")->block->deprecated);
  CHECK(demo::Widget::tf_spec().block_type("old_block")->block->deprecated);
  CHECK_FALSE(demo::Widget::tf_spec().block_type("listener")->block->deprecated);
  const auto* tls = demo::Widget::tf_spec().block_type("listener")->block->block_type("tls");
  REQUIRE(tls);
  CHECK(tls->max_items == 1);
  CHECK(tls->block->attribute("certificate")->required);
}

TEST_CASE("escaped names set the schema's names") {
  Stack s("clash");
  auto k = s.add<clash::Keywords>("k")
               .namespace_("ns")
               .default_("d")
               .and_("a")
               .operator_("op")
               .class_("c")
               .delete_("x")
               .depends_on_("attribute, not the meta-argument")
               .value("v")
               .list({"l"})
               .item(clash::Keywords::Item{}.class_("c").value_("v").item(
                   clash::Keywords::Item::ItemBlock{}.n(1)))
               .rule(clash::Keywords::Rule{}.count(2).value_("rv").rule(
                   clash::Keywords::Rule::RuleBlock{}.and_(true)))
               .set(clash::Keywords::SetBlock{}.x("s"))
               .keywords(clash::Keywords::KeywordsBlock{}.x("k"));
  // Meta-arguments are still ResourceBase's.
  s.add<clash::List_>("l").count(2).depends_on({k}).size(3);
  s.add<clash::data::Keywords>("d").for_each_(k.tf_kind_());
  s.provider<clash::Provider>().count(1).default_("x");

  INFO(rules_of(validate(s)));
  CHECK_FALSE(validate(s).has_errors());
  json out = render_json(s);
  json r = out["resource"]["clash_keywords"]["k"];
  CHECK(r["namespace"] == "ns");
  CHECK(r["default"] == "d");
  CHECK(r["and"] == "a");
  CHECK(r["operator"] == "op");
  CHECK(r["class"] == "c");
  CHECK(r["delete"] == "x");
  CHECK(r["depends_on"] == "attribute, not the meta-argument");
  CHECK(r["value"] == "v");
  CHECK(r["list"] == json{"l"});
  CHECK(r["item"] ==
        json::parse(R"({"class": "c", "item": {"n": 1}, "type_constraint": null, "value": "v"})"));
  CHECK(r["rule"] == json::parse(R"([{"count": 2, "rule": [{"and": true}], "value": "rv"}])"));
  CHECK(r["set"] == json::parse(R"([{"x": "s"}])"));
  CHECK(r["keywords"] == json::parse(R"([{"x": "k"}])"));
  json l = out["resource"]["clash_list"]["l"];
  CHECK(l["count"] == 2);
  CHECK(l["depends_on"] == json{"clash_keywords.k"});
  CHECK(out["data"]["clash_keywords"]["d"]["for_each"] == "${clash_keywords.k.tf_kind}");
  CHECK(out["provider"]["clash"] == json::parse(R"({"count": 1, "default": "x"})"));
}

TEST_CASE("object structs name their Terraform type for variables") {
  CHECK(type_constraint<demo::Widget::Owner>() ==
        "object({email = optional(string), name = string})");
  CHECK(type_constraint<List<demo::Widget::Rule>>() ==
        "list(object({cidrs = list(string), from = number, target = object({id = string, kind = "
        "string}), "
        "to = number}))");
  Stack s("demo");
  auto v = s.variable<demo::Widget::Owner>("owner");
  minimal_widget(s, "w").owner(v);
  CHECK(render_json(s)["variable"]["owner"]["type"] ==
        "object({email = optional(string), name = string})");
}
