// `dynamic` blocks inside nested blocks: the builder, the JSON and HCL they
// render to, and what validation checks in them (their content; not their
// count). Real terraform validates one on a real AWS type in
// tests/stacks (nested dynamic of aws_lb_listener).
#include "test_support.hpp"

using namespace stackgen;
using test::json;

namespace {

namespace spec {
using schema::AttributeSpec;
using schema::BlockSpec;
using schema::BlockTypeSpec;
using schema::Nesting;
inline constexpr AttributeSpec kTargetAttrs[] = {
    {"arn", "\"string\"", true},
    {"weight", "\"number\"", false, true},
};
inline constexpr BlockSpec kTarget{kTargetAttrs, {}};
inline constexpr AttributeSpec kActionAttrs[] = {{"type", "\"string\"", true}};
inline constexpr BlockTypeSpec kActionBlocks[] = {{"target", Nesting::set, 1, 5, &kTarget}};
inline constexpr BlockSpec kAction{kActionAttrs, kActionBlocks};
inline constexpr AttributeSpec kListenerAttrs[] = {{"port", "\"number\"", false, true}};
inline constexpr BlockTypeSpec kListenerBlocks[] = {{"action", Nesting::list, 1, 0, &kAction}};
inline constexpr BlockSpec kListener{kListenerAttrs, kListenerBlocks};
}  // namespace spec

/// `target { arn, weight }`
class Target : public NestedBlock<Target> {
 public:
  Target& arn(const Expr<std::string>& v) { return tf_with("arn", v); }
  Target& weight(const Expr<Number>& v) { return tf_with("weight", v); }
};
/// `action { type, target 1..5 }`
class Action : public NestedBlock<Action> {
 public:
  Action& type(const Expr<std::string>& v) { return tf_with("type", v); }
  Action& target(const Target& t) { return tf_with_block("target", t.value()); }
};
/// `resource "aws_listener"` (shaped like aws_lb_listener.default_action.forward).
class Listener : public ResourceBase<Listener> {
 public:
  static constexpr BlockKind tf_kind = BlockKind::resource;
  static constexpr std::string_view tf_type = "aws_listener";
  static const schema::BlockSpec& tf_spec() { return spec::kListener; }
  static const schema::ProviderInfo& tf_provider_info() { return test::aws_info(); }
  using ResourceBase::ResourceBase;
  Listener port(const Expr<Number>& v) const { return tf_with("port", v); }
  Expr<std::string> id() const { return tf_get<std::string>("id"); }
  template <BlockBuilder<Action> F>
  Listener action(F&& build) const {
    Action a;
    build(a);
    return tf_with_block("action", a.value());
  }
};

std::string hcl_of(const Stack& s) {
  auto files = render(s, RenderOptions{Syntax::hcl});
  REQUIRE(files.size() == 1);
  return files[0].content;
}

}  // namespace

TEST_CASE("a dynamic block inside a nested block renders as the resource level's", "[dynamic]") {
  Stack s("d");
  auto arns = s.variable<Map<std::string>>("arns");
  s.add<Listener>("l").action([&](Action& a) {
    a.type("forward").template dynamic<Target>("target", arns, [](Target& t, auto arn) {
      t.arn(arn.value()).weight(10);
    });
  });
  const json action = test::render_json(s)["resource"]["aws_listener"]["l"]["action"][0];
  CHECK(action == json::parse(R"({"type": "forward", "dynamic": {"target": {"for_each": "${var.arns}",
      "content": {"arn": "${target.value}", "weight": 10}}}})"));
  const auto ds = validate(s);
  INFO(test::describe(ds));
  CHECK(ds.items().empty());  // target's count (1..5) is unknown: not checked

  // Two of one name, with an iterator: a list under the name.
  Stack two("two");
  auto xs = two.variable<List<std::string>>("xs");
  two.add<Listener>("l").action([&](Action& a) {
    a.type("forward")
        .template dynamic<Target>("target", xs, [](Target& t, auto x) { t.arn(x.value()); }, "x")
        .template dynamic<Target>("target", xs, [](Target& t, auto y) { t.arn(y.value()).weight(y.key()); }, "y");
  });
  const json targets = test::render_json(two)["resource"]["aws_listener"]["l"]["action"][0]["dynamic"]["target"];
  REQUIRE(targets.size() == 2);
  CHECK(targets[0]["iterator"] == "x");
  CHECK(targets[1]["content"]["weight"] == "${y.key}");

  const std::string text = hcl_of(s);
  CHECK(text.find("  action {\n    type = \"forward\"\n    dynamic \"target\" {\n      for_each = var.arns\n"
                  "      content {\n        arn    = target.value\n        weight = 10\n      }\n    }\n  }\n") !=
        std::string::npos);
}

TEST_CASE("a block without dynamic blocks renders as before", "[dynamic]") {
  Stack s("d");
  s.add<Listener>("l").action([](Action& a) { a.type("forward").target(Target().arn("a")); });
  CHECK(test::render_text(s).find("dynamic") == std::string::npos);
}

TEST_CASE("nested dynamic blocks are validated: their type and content, not their count", "[dynamic][checks]") {
  Stack s("d");
  auto xs = s.variable<List<std::string>>("xs");
  s.add<Listener>("l").action([&](Action& a) {
    a.type("forward")
        .template dynamic<Target>("target", xs, [](Target& t, auto) { t.weight(1); })  // arn missing
        .template dynamic<Target>("no_such", xs, [](Target& t, auto x) { t.arn(x.value()); });
  });
  const auto ds = validate(s);
  auto missing = test::only(ds, "schema.missing-argument");
  CHECK(missing.message == "block action.dynamic target: missing required argument arn");
  auto unknown = test::only(ds, "schema.unknown-block");
  CHECK(unknown.message == "block action: no block type no_such (dynamic)");
  // Without the dynamic block, the static count is checked as before.
  Stack none("none");
  none.add<Listener>("l").action([](Action& a) { a.type("forward"); });
  CHECK(test::only(validate(none), "schema.block-count").message ==
        "block action: block target is required at least 1 time(s), found 0");
}

TEST_CASE("iterator references in a nested dynamic block are not dangling", "[dynamic][checks]") {
  Stack s("d");
  auto other = s.add<Listener>("other").action([](Action& a) { a.type("x").target(Target().arn("a")); });
  auto xs = s.variable<List<std::string>>("xs");
  s.add<Listener>("l").action([&](Action& a) {
    a.type("forward").template dynamic<Target>("target", xs, [&](Target& t, auto x) {
      t.arn(x.value() + other.id());
    });
  });
  (void)other;
  CHECK(validate(s).items().empty());
}
