// The emitted document: exact layout, determinism, and which contexts are
// templates (escaped, "${...}") and which are literal.
#include "test_support.hpp"

using namespace stackgen;
using builtin::TerraformData;
using test::json;
using test::render_json;
using test::render_text;

TEST_CASE("an empty stack renders an empty object", "[emitter]") {
  Stack s("empty");
  auto files = render(s);
  REQUIRE(files.size() == 1);
  CHECK(files[0].path == "empty/main.tf.json");
  CHECK(files[0].content == "{}\n");
}

TEST_CASE("layout: sorted keys, two-space indent, trailing newline", "[emitter]") {
  Stack s("doc");
  auto app = s.variable<std::string>("app").default_value("demo");
  auto b = s.add<TerraformData>("b").input(app + "-b");
  s.add<TerraformData>("a").input(
      Value{{"z", 1}, {"list", Value::list({})}, {"m", Value::object({})}});
  s.output("o", b.output());
  CHECK(render_text(s) == R"({
  "output": {
    "o": {
      "value": "${terraform_data.b.output}"
    }
  },
  "resource": {
    "terraform_data": {
      "a": {
        "input": {
          "list": [],
          "m": {},
          "z": 1
        }
      },
      "b": {
        "input": "${var.app}-b"
      }
    }
  },
  "variable": {
    "app": {
      "default": "demo",
      "type": "string"
    }
  }
}
)");
}

TEST_CASE("keys sort bytewise, arrays keep their order", "[emitter]") {
  Stack s("sort");
  s.local<Any>("x", Value{{"b", 1}, {"B", 2}, {"a_", 3}, {"a", Value::list({3, 1, 2})}});
  CHECK(render_text(s) == R"({
  "locals": {
    "x": {
      "B": 2,
      "a": [
        3,
        1,
        2
      ],
      "a_": 3,
      "b": 1
    }
  }
}
)");
}

namespace {

// One stack, declared in either order.
void declare(Stack& s, bool reversed) {
  auto parts = std::vector<std::function<void()>>{
      [&] { s.variable<std::string>("app").default_value("demo"); },
      [&] { s.variable<Number>("size").default_value(3); },
      [&] { s.add<TerraformData>("one").input(ref<std::string>("var.app")); },
      [&] { s.add<TerraformData>("two").input(ref<Number>("var.size")); },
      [&] { s.add<builtin::TerraformRemoteState>("net").backend("local"); },
      [&] { s.local<std::string>("name", ref<std::string>("var.app") + "-x"); },
      [&] { s.output("first", ref<std::string>("terraform_data.one.id")); },
      [&] { s.output("second", ref<std::string>("terraform_data.two.id")); },
      [&] { s.provider<test::AwsProvider>().region("eu-west-1"); },
      [&] { s.provider<test::AwsProvider>("us").region("us-east-1"); },
      [&] { s.provider<test::AwsProvider>("ap").region("ap-south-1"); },
      [&] { s.module("m1").source("./m1"); },
      [&] { s.module("m2").source("./m2"); },
      [&] { s.moved("terraform_data.old_one", s.add<TerraformData>("moved_one")); },
      [&] { s.moved("terraform_data.old_two", s.add<TerraformData>("moved_two")); },
      [&] { s.removed("terraform_data.gone_a", false); },
      [&] { s.removed("terraform_data.gone_b", true); },
      [&] { s.import_resource(test::add_thing(s, "imp_a"), "id-a"); },
      [&] { s.import_resource(test::add_thing(s, "imp_b"), "id-b"); },
  };
  if (reversed) std::reverse(parts.begin(), parts.end());
  for (auto& p : parts) p();
}

}  // namespace

TEST_CASE("the same stack declared in two orders renders byte-identical output", "[emitter]") {
  Stack forward("same");
  Stack backward("same");
  declare(forward, false);
  declare(backward, true);
  CHECK(validate(forward).items().empty());
  CHECK(validate(backward).items().empty());
  std::string a = render_text(forward);
  std::string b = render_text(backward);
  CHECK(a == b);
  // And rendering twice is stable.
  CHECK(render_text(forward) == a);
  // Provider configurations: default first, then aliases by name.
  auto j = json::parse(a);
  REQUIRE(j["provider"]["aws"].is_array());
  CHECK(j["provider"]["aws"][0] == json{{"region", "eu-west-1"}});
  CHECK(j["provider"]["aws"][1]["alias"] == "ap");
  CHECK(j["provider"]["aws"][2]["alias"] == "us");
  CHECK(j["moved"][0]["from"] == "terraform_data.old_one");
  CHECK(j["removed"][0]["from"] == "terraform_data.gone_a");
  CHECK(j["import"][0]["to"] == "aws_thing.imp_a");
}

TEST_CASE("template contexts escape literal text, literal contexts do not", "[emitter][escape]") {
  Stack s("esc");
  auto west = s.provider<test::AwsProvider>("west").region("${region}");
  auto v = s.variable<std::string>("v")
               .default_value("${not_a_template}")
               .description("Use ${var.v} %{if}");
  auto lst = s.variable<List<std::string>>("l").default_value({"${a}", "%{b}"});
  (void)lst;
  auto dep = s.add<TerraformData>("dep");
  test::add_thing(s, "thing")
      .tags({{"${k}", "${v}"}})
      .depends_on({dep})
      .provider(west)
      .lifecycle(Lifecycle()
                     .ignore_changes({"tags[\"${k}\"]"})
                     .replace_triggered_by({dep.id()})
                     .precondition(ne(v, Expr<std::string>("")), "v ${is} empty"));
  s.output("o", v).description("Output ${x}");
  s.module("m").source("git::https://example.com/m.git?ref=${tag}").version("~> 1.0");
  s.terraform().required_version(">= 1.5, ${x}").backend(local_backend("state/${x}.tfstate"));
  s.moved("aws_thing.old", s.add<TerraformData>("new_place"));
  s.removed("aws_thing.gone", true);

  auto j = render_json(s);
  // Templates: escaped.
  CHECK(j["provider"]["aws"]["region"] == "$${region}");
  auto thing = j["resource"]["aws_thing"]["thing"];
  CHECK(thing["tags"] == json{{"$${k}", "$${v}"}});
  CHECK(thing["lifecycle"]["precondition"][0]["error_message"] == "v $${is} empty");
  CHECK(thing["lifecycle"]["precondition"][0]["condition"] == "${var.v != \"\"}");
  // Literal contexts: written as they are, never wrapped in ${}.
  CHECK(j["provider"]["aws"]["alias"] == "west");
  CHECK(j["variable"]["v"]["default"] == "${not_a_template}");
  CHECK(j["variable"]["v"]["description"] == "Use ${var.v} %{if}");
  CHECK(j["variable"]["v"]["type"] == "string");
  CHECK(j["variable"]["l"]["default"] == json::array({"${a}", "%{b}"}));
  CHECK(j["variable"]["l"]["type"] == "list(string)");
  CHECK(j["output"]["o"]["description"] == "Output ${x}");
  CHECK(j["output"]["o"]["value"] == "${var.v}");
  CHECK(j["module"]["m"]["source"] == "git::https://example.com/m.git?ref=${tag}");
  CHECK(j["module"]["m"]["version"] == "~> 1.0");
  CHECK(j["terraform"]["required_version"] == ">= 1.5, ${x}");
  CHECK(j["terraform"]["backend"]["local"]["path"] == "state/${x}.tfstate");
  CHECK(thing["depends_on"] == json::array({"terraform_data.dep"}));
  CHECK(thing["provider"] == "aws.west");
  // ignore_changes entries are HCL traversals: a literal `${` inside a
  // quoted key is escaped as HCL quoted strings require.
  CHECK(thing["lifecycle"]["ignore_changes"] == json::array({"tags[\"$${k}\"]"}));
  CHECK(thing["lifecycle"]["replace_triggered_by"] == json::array({"terraform_data.dep.id"}));
  CHECK(j["moved"] ==
        json::array({{{"from", "aws_thing.old"}, {"to", "terraform_data.new_place"}}}));
  CHECK(j["removed"] ==
        json::array({{{"from", "aws_thing.gone"}, {"lifecycle", {{"destroy", true}}}}}));
}

TEST_CASE("nested blocks render as arrays of objects, in the order added", "[emitter]") {
  Stack s("blocks");
  s.add<test::Thing>("t")
      .name("n")
      .rule(test::Rule().port(80).description("http"))
      .rule(test::Rule().port(443));
  auto j = render_json(s);
  CHECK(j["resource"]["aws_thing"]["t"]["rule"] ==
        json::array({{{"description", "http"}, {"port", 80}}, {{"port", 443}}}));
}

TEST_CASE("setting an attribute twice keeps the last value", "[emitter]") {
  Stack s("twice");
  s.add<test::Thing>("t").name("first").name("second").rule(test::Rule().port(1));
  CHECK(render_json(s)["resource"]["aws_thing"]["t"]["name"] == "second");
}

// The renderer streams resource bodies and falls back to building a JSON
// tree when an override edits one. The two paths must write the same bytes:
// a no-op override forces the tree path on an otherwise identical stack.
TEST_CASE("streamed and tree-built resource bodies are byte-identical") {
  auto declare = [](Stack& s, bool force_tree) {
    auto region = s.variable<std::string>("region");
    auto data = s.add<builtin::TerraformData>("data").input(Value{
        {"literal ${not} %{evaluated}", "US$"},
        {"numbers", Value::list({1, 2.5, -3, 1e21})},
        {"mix", Value::list({region + "-x", true, nullptr, Value::object({{"k$", "v%"}})})}});
    auto thing = s.add<test::Thing>("t")
                     .name("$" + region + "%{x}")
                     .tags({{"Name", region}, {"Key ${x}", "value"}})
                     .rule(test::Rule{}.port(80).description("first"))
                     .rule(test::Rule{}.port(443))
                     .count(2)
                     .depends_on({data})
                     .lifecycle(Lifecycle{}.create_before_destroy().ignore_changes({"tags"}).precondition(
                         eq(region, "eu-west-1"), "region must be ${region}"));
    if (force_tree) {
      data.delete_override("no_such_key");
      thing.delete_override("no_such_key");
    }
  };
  Stack streamed("twin");
  declare(streamed, false);
  Stack tree("twin");
  declare(tree, true);
  CHECK(test::render_text(streamed) == test::render_text(tree));
}

TEST_CASE("check blocks: assertions and scoped data sources under \"check\", sorted by name", "[emitter][check]") {
  Stack s("checked");
  auto a = s.add<TerraformData>("a").input("x");
  auto later = s.check("later");
  later.assert_that(true, "always");
  auto health = s.check("health");
  auto peer = health.data<builtin::TerraformRemoteState>("peer").backend("local");
  health.assert_that(gt(function_call<Number>("length", peer.outputs()), 0), "no outputs from " + tostring(a.output()));
  const json j = render_json(s);
  CHECK(j["check"].size() == 2);
  CHECK(j["check"].begin().key() == "health");
  CHECK(j["check"]["health"] == json::parse(R"({
    "assert": [{"condition": "${length(data.terraform_remote_state.peer.outputs) > 0}",
                "error_message": "no outputs from ${tostring(terraform_data.a.output)}"}],
    "data": {"terraform_remote_state": {"peer": {"backend": "local"}}}
  })"));
  CHECK(j["check"]["later"] == json::parse(R"({"assert": [{"condition": true, "error_message": "always"}]})"));
  // Scoped: not a root data source.
  CHECK(!j.contains("data"));
}

TEST_CASE("import_each: one import block with for_each, to and id from each", "[emitter][import]") {
  Stack s("imports");
  auto names = s.variable<Set<std::string>>("names");
  auto x = s.add<TerraformData>("x").for_each(names).input(each_key());
  s.import_each(names, x[each_key()], each_value<std::string>());
  s.import_each(Expr<Set<std::string>>({"a", "b"}), x[each_key()], "id-" + each_value<std::string>());
  const json j = render_json(s);
  REQUIRE(j["import"].size() == 2);
  // Sorted by address, then stable: declaration order.
  CHECK(j["import"][0] == json::parse(R"({"for_each": "${var.names}", "id": "${each.value}", "to": "terraform_data.x[each.key]"})"));
  CHECK(j["import"][1] ==
        json::parse(R"({"for_each": "${toset([\"a\", \"b\"])}", "id": "id-${each.value}", "to": "terraform_data.x[each.key]"})"));
}
