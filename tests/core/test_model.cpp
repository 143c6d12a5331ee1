// Each Terraform element and meta-argument, as emitted.
#include "test_support.hpp"

#include <stackgen/core/error.hpp>

using namespace stackgen;
using builtin::TerraformData;
using test::json;
using test::render_json;

TEST_CASE("variables: type constraints, defaults, flags, validation", "[model][variable]") {
  Stack s("vars");
  s.variable<std::string>("s");
  s.variable<Number>("n").default_value(2.5);
  s.variable<bool>("b").default_value(false);
  s.variable<List<std::string>>("ls").default_value({"a", "b"});
  s.variable<Map<Number>>("mn").default_value({{"x", 1}});
  s.variable<Set<std::string>>("ss");
  s.variable<List<Map<std::string>>>("lm");
  s.variable<Any>("any").default_value(Value{{"k", Value{1, 2}}});
  s.variable<std::string>("secret").sensitive().description("A secret");
  s.variable<std::string>("opt").nullable(false).ephemeral().default_value(null);
  auto env = s.variable<std::string>("env").default_value("dev");
  env.validation(contains(Expr<List<std::string>>{"dev", "prod"}, Expr<std::string>(env)),
                 "env must be dev or prod, got " + env);

  auto v = render_json(s)["variable"];
  CHECK(v["s"] == json{{"type", "string"}});
  CHECK(v["n"] == json{{"type", "number"}, {"default", 2.5}});
  CHECK(v["b"] == json{{"type", "bool"}, {"default", false}});
  CHECK(v["ls"] == json{{"type", "list(string)"}, {"default", {"a", "b"}}});
  CHECK(v["mn"] == json{{"type", "map(number)"}, {"default", {{"x", 1}}}});
  CHECK(v["ss"] == json{{"type", "set(string)"}});
  CHECK(v["lm"] == json{{"type", "list(map(string))"}});
  CHECK(v["any"] == json{{"type", "any"}, {"default", {{"k", {1, 2}}}}});
  CHECK(v["secret"] == json{{"type", "string"}, {"sensitive", true}, {"description", "A secret"}});
  CHECK(v["opt"] ==
        json{{"type", "string"}, {"nullable", false}, {"ephemeral", true}, {"default", nullptr}});
  CHECK(v["env"]["validation"] ==
        json::array({{{"condition", "${contains([\"dev\", \"prod\"], var.env)}"},
                      {"error_message", "env must be dev or prod, got ${var.env}"}}}));
  CHECK(validate(s).items().empty());
}

TEST_CASE("outputs: value, description, sensitive, depends_on, precondition", "[model][output]") {
  Stack s("outs");
  auto d = s.add<TerraformData>("d").input(Value("x"));
  s.output("plain", "literal ${x}");
  s.output("full", d.output())
      .description("The output")
      .sensitive()
      .depends_on({d})
      .precondition(ne(d.id(), Expr<std::string>("")), "d has an id");
  auto o = render_json(s)["output"];
  CHECK(o["plain"] == json{{"value", "literal $${x}"}});
  CHECK(o["full"] == json{{"value", "${terraform_data.d.output}"},
                          {"description", "The output"},
                          {"sensitive", true},
                          {"depends_on", {"terraform_data.d"}},
                          {"precondition",
                           {{{"condition", "${terraform_data.d.id != \"\"}"},
                             {"error_message", "d has an id"}}}}});
  CHECK(validate(s).items().empty());
}

TEST_CASE("locals: declared once, referenced as local.name", "[model][local]") {
  Stack s("locals");
  auto app = s.variable<std::string>("app");
  auto name = s.local<std::string>("name", app + "-x");
  auto tags = s.local<Map<std::string>>("tags", {{"Name", name}});
  s.add<TerraformData>("d").input(tags);
  auto j = render_json(s);
  CHECK(j["locals"] == json{{"name", "${var.app}-x"}, {"tags", {{"Name", "${local.name}"}}}});
  CHECK(j["resource"]["terraform_data"]["d"]["input"] == "${local.tags}");
  CHECK(validate(s).items().empty());
}

TEST_CASE("module calls", "[model][module]") {
  Stack s("mods");
  auto west = s.provider<test::AwsProvider>("west").region("us-west-2");
  auto app = s.variable<std::string>("app");
  auto vpc = s.module("vpc")
                 .source("terraform-aws-modules/vpc/aws")
                 .version("~> 5.0")
                 .input("name", app + "-vpc")
                 .input("azs", Expr<List<std::string>>{"a", "b"})
                 .input("single_nat_gateway", true)
                 .provider("aws", west);
  s.module("counted").source("./counted").count(2).depends_on({vpc});
  s.module("each").source("./each").for_each(Expr<Map<std::string>>{{"a", "x"}});
  s.output("vpc_id", vpc.output<std::string>("vpc_id"));
  auto j = render_json(s);
  CHECK(j["module"]["vpc"] == json{{"source", "terraform-aws-modules/vpc/aws"},
                                   {"version", "~> 5.0"},
                                   {"name", "${var.app}-vpc"},
                                   {"azs", {"a", "b"}},
                                   {"single_nat_gateway", true},
                                   {"providers", {{"aws", "aws.west"}}}});
  CHECK(j["module"]["counted"] ==
        json{{"source", "./counted"}, {"count", 2}, {"depends_on", {"module.vpc"}}});
  CHECK(j["module"]["each"] == json{{"source", "./each"}, {"for_each", {{"a", "x"}}}});
  CHECK(j["output"]["vpc_id"]["value"] == "${module.vpc.vpc_id}");
  CHECK(validate(s).items().empty());
}

TEST_CASE("providers: one configuration is an object, several an array", "[model][provider]") {
  SECTION("default only") {
    Stack s("p1");
    s.provider<test::AwsProvider>().region("eu-west-1");
    CHECK(render_json(s)["provider"] == json{{"aws", {{"region", "eu-west-1"}}}});
  }
  SECTION("alias only") {
    Stack s("p2");
    s.provider<test::AwsProvider>("us").region("us-east-1");
    CHECK(render_json(s)["provider"] == json{{"aws", {{"alias", "us"}, {"region", "us-east-1"}}}});
  }
  SECTION("default and aliases") {
    Stack s("p3");
    auto us = s.provider<test::AwsProvider>("us").region("us-east-1");
    auto def = s.provider<test::AwsProvider>().region("eu-west-1");
    test::add_thing(s, "a").provider(us);
    test::add_thing(s, "b").provider(def);
    test::add_thing(s, "c").provider("aws.us");
    auto j = render_json(s);
    CHECK(j["provider"]["aws"] ==
          json::array({{{"region", "eu-west-1"}}, {{"alias", "us"}, {"region", "us-east-1"}}}));
    CHECK(j["resource"]["aws_thing"]["a"]["provider"] == "aws.us");
    CHECK(j["resource"]["aws_thing"]["b"]["provider"] == "aws");
    CHECK(j["resource"]["aws_thing"]["c"]["provider"] == "aws.us");
    CHECK(validate(s).items().empty());
  }
}

TEST_CASE("terraform block: required_providers, required_version, backends", "[model][terraform]") {
  SECTION("nothing to say: no terraform block") {
    Stack s("builtin_only");
    s.add<TerraformData>("d");
    CHECK_FALSE(render_json(s).contains("terraform"));
  }
  SECTION("required_providers filled in from the bindings used") {
    Stack s("auto");
    test::add_thing(s, "t");
    s.provider<test::TlsProvider>();
    CHECK(render_json(s)["terraform"] ==
          json{{"required_providers",
                {{"aws", {{"source", "hashicorp/aws"}, {"version", "~> 5.100"}}},
                 {"tls", {{"source", "hashicorp/tls"}, {"version", "~> 4.0"}}}}}});
  }
  SECTION("an explicit entry overrides, other entries are added") {
    Stack s("override");
    test::add_thing(s, "t");
    s.terraform()
        .required_version(">= 1.10")
        .required_provider("aws", "hashicorp/aws", ">= 5.0, < 6.0")
        .required_provider("random", "hashicorp/random", "");
    CHECK(render_json(s)["terraform"] ==
          json{{"required_version", ">= 1.10"},
               {"required_providers",
                {{"aws", {{"source", "hashicorp/aws"}, {"version", ">= 5.0, < 6.0"}}},
                 {"random", {{"source", "hashicorp/random"}}}}}});
  }
  SECTION("local backend") {
    Stack s("local");
    s.terraform().backend(local_backend());
    CHECK(render_json(s)["terraform"] ==
          json{{"backend", {{"local", {{"path", "terraform.tfstate"}}}}}});
  }
  SECTION("s3 backend") {
    Stack s("s3");
    s.terraform().backend(s3_backend("my-state", "net/terraform.tfstate", "eu-west-1"));
    CHECK(render_json(s)["terraform"]["backend"] == json{{"s3",
                                                          {{"bucket", "my-state"},
                                                           {"key", "net/terraform.tfstate"},
                                                           {"region", "eu-west-1"},
                                                           {"encrypt", true},
                                                           {"use_lockfile", true}}}});
  }
  SECTION("s3 backend of a stack: the key from its name, a partial configuration for CI") {
    Stack s("network");
    s.terraform().backend(s3_backend(s, {.key_prefix = "shop/"}));
    CHECK(render_json(s)["terraform"]["backend"] ==
          json{{"s3", {{"key", "shop/network/terraform.tfstate"}, {"encrypt", true}, {"use_lockfile", true}}}});
    Stack legacy("data");
    legacy.terraform().backend(s3_backend(legacy, {.bucket = "shop-state",
                                                   .region = "eu-west-1",
                                                   .use_lockfile = false,
                                                   .dynamodb_table = "terraform-locks",
                                                   .kms_key_id = "alias/state"}));
    CHECK(render_json(legacy)["terraform"]["backend"]["s3"] == json{{"bucket", "shop-state"},
                                                                    {"region", "eu-west-1"},
                                                                    {"key", "data/terraform.tfstate"},
                                                                    {"encrypt", true},
                                                                    {"dynamodb_table", "terraform-locks"},
                                                                    {"kms_key_id", "alias/state"}});
  }
  SECTION("s3 backend refuses, at the caller's line, what would lose or share state") {
    Stack s("network");
    const unsigned line = __LINE__ + 1;
    auto unlocked = [&] { return s3_backend(s, {.use_lockfile = false}); };
    try {
      unlocked();
      FAIL("no error");
    } catch (const Error& e) {
      CHECK_THAT(e.what(), Catch::Contains("the state would have no lock"));
      CHECK(e.where().line == line);
    }
    CHECK_THROWS_WITH(s3_backend(s, {.key = "/network.tfstate"}), Catch::Contains("must be a relative object key"));
    CHECK_THROWS_WITH(s3_backend(s, {.key_prefix = "shop//"}), Catch::Contains("without empty segments"));
    CHECK_THROWS_WITH(s3_backend(s, {.bucket = "Shop_State"}), Catch::Contains("is not an S3 bucket name"));
  }
  SECTION("local backend of a stack") {
    Stack s("network");
    s.terraform().backend(local_backend(s, "../state"));
    CHECK(render_json(s)["terraform"]["backend"] == json{{"local", {{"path", "../state/network.tfstate"}}}});
  }
}

TEST_CASE("moved, import and removed blocks", "[model]") {
  Stack s("refactor");
  auto now = s.add<TerraformData>("now");
  auto imported = test::add_thing(s, "imported");
  auto counted = s.add<TerraformData>("counted").count(2);
  s.moved("terraform_data.before", now);
  s.moved("terraform_data.single", counted[0]);
  s.import_resource(imported, "thing-" + Expr<std::string>("123"));
  s.import_resource(counted[1], "d-1");
  s.removed("terraform_data.old", false);
  auto j = render_json(s);
  CHECK(j["moved"] ==
        json::array({{{"from", "terraform_data.before"}, {"to", "terraform_data.now"}},
                     {{"from", "terraform_data.single"}, {"to", "terraform_data.counted[0]"}}}));
  CHECK(j["import"] == json::array({{{"id", "thing-123"}, {"to", "aws_thing.imported"}},
                                    {{"id", "d-1"}, {"to", "terraform_data.counted[1]"}}}));
  CHECK(j["removed"] ==
        json::array({{{"from", "terraform_data.old"}, {"lifecycle", {{"destroy", false}}}}}));
  CHECK(validate(s).items().empty());
}

TEST_CASE("meta-arguments: count, for_each, depends_on, provider", "[model][meta]") {
  Stack s("meta");
  auto names = s.variable<List<std::string>>("names");
  auto tags = s.variable<Map<std::string>>("tags");
  auto a = s.add<TerraformData>("a").count(3);
  auto b = s.add<TerraformData>("b").count(length(names)).input(element(names, count_index()));
  auto c =
      s.add<TerraformData>("c").for_each(tags).input(each_key() + "=" + each_value<std::string>());
  auto d = s.add<TerraformData>("d").for_each(toset(names)).depends_on({a, b}).depends_on({c});
  (void)d;
  auto r = render_json(s)["resource"]["terraform_data"];
  CHECK(r["a"] == json{{"count", 3}});
  CHECK(r["b"] ==
        json{{"count", "${length(var.names)}"}, {"input", "${element(var.names, count.index)}"}});
  CHECK(r["c"] == json{{"for_each", "${var.tags}"}, {"input", "${each.key}=${each.value}"}});
  CHECK(r["d"] ==
        json{{"for_each", "${toset(var.names)}"},
             {"depends_on", {"terraform_data.a", "terraform_data.b", "terraform_data.c"}}});
  CHECK(validate(s).items().empty());
}

TEST_CASE("lifecycle: every field", "[model][lifecycle]") {
  Stack s("lc");
  auto trigger = s.add<TerraformData>("trigger");
  test::add_thing(s, "all").lifecycle(Lifecycle()
                                          .create_before_destroy()
                                          .prevent_destroy(false)
                                          .ignore_changes({"tags", "rule"})
                                          .ignore_changes({"name"})
                                          .replace_triggered_by({trigger.id(), trigger.output()})
                                          .precondition(Expr<bool>(true), "pre")
                                          .postcondition(Expr<bool>(false), "post ${x}"));
  test::add_thing(s, "everything").lifecycle(Lifecycle().ignore_all_changes());
  test::add_thing(s, "empty").lifecycle(Lifecycle());
  auto r = render_json(s)["resource"]["aws_thing"];
  CHECK(
      r["all"]["lifecycle"] ==
      json{{"create_before_destroy", true},
           {"prevent_destroy", false},
           {"ignore_changes", {"tags", "rule", "name"}},
           {"replace_triggered_by", {"terraform_data.trigger.id", "terraform_data.trigger.output"}},
           {"precondition", {{{"condition", true}, {"error_message", "pre"}}}},
           {"postcondition", {{{"condition", false}, {"error_message", "post $${x}"}}}}});
  CHECK(r["everything"]["lifecycle"] == json{{"ignore_changes", "all"}});
  CHECK_FALSE(r["empty"].contains("lifecycle"));
  CHECK(validate(s).items().empty());
}

TEST_CASE("add_override and delete_override edit the emitted block", "[model][override]") {
  Stack s("ovr");
  auto other = s.add<TerraformData>("other");
  test::add_thing(s, "t")
      .tags({{"a", "1"}, {"b", "2"}})
      .rule(test::Rule().port(8443).description("second"))
      .add_override("rule.0.port", 8080)
      .add_override("rule.1.description", "changed ${x}")
      .add_override("tags.c", other.id())
      .add_override("tags.${key}", "escaped")
      .delete_override("tags.a")
      .add_override("lifecycle.prevent_destroy", true);
  test::add_thing(s, "del").rule(test::Rule().port(1)).delete_override("rule.0");  // add_thing gave one too
  test::add_thing(s, "grow").add_override("rule.1.port", 9);
  CHECK(validate(s).items().empty());
  auto r = render_json(s)["resource"]["aws_thing"];
  CHECK(r["t"]["rule"] ==
        json::array({{{"port", 8080}}, {{"port", 8443}, {"description", "changed $${x}"}}}));
  // Override keys are object keys Terraform evaluates as templates: escaped.
  CHECK(r["t"]["tags"] == json{{"b", "2"}, {"c", "${terraform_data.other.id}"}, {"$${key}", "escaped"}});
  CHECK(r["t"]["lifecycle"] == json{{"prevent_destroy", true}});
  CHECK(r["del"]["rule"] == json::array({{{"port", 1}}}));
  // One past the end appends; nothing further is ever filled in.
  CHECK(r["grow"]["rule"] == json::array({{{"port", 443}}, {{"port", 9}}}));
}

TEST_CASE("override paths are checked against the schema", "[model][override][security]") {
  struct Case {
    std::string path;
    bool remove;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"inptu", false, "aws_thing has no argument or block 'inptu'"},
      {"", false, "the path is empty"},
      {"tags..x", false, "an empty segment"},
      {"name.7.bar", false, "index 7 into a value that is not a list"},
      {"rule.5.port", false, "index 5 of block rule, which is given 1 time(s)"},
      {"rule.99999999999999999999.port", false, "block rule has no argument or block '99999999999999999999'"},
      {"rule.4294967296", false, "'4294967296'"},
      {"rule.0.nope", false, "block rule has no argument or block 'nope'"},
      {"rule.3", true, "index 3 of block rule"},
      {"0.name", false, "a path cannot start with an index"},
      {std::string(40, 'a') + std::string(".b").append(std::string(70, '.')), false, "more than 32 segments"},
  };
  for (const auto& c : cases) {
    INFO(c.path);
    Stack s("ovr");
    const unsigned line = __LINE__ + 2;
    auto t = test::add_thing(s, "t");
    c.remove ? t.delete_override(c.path) : t.add_override(c.path, 1);
    auto ds = validate(s);
    REQUIRE(ds.items().size() == 1);
    CHECK(ds.items()[0].rule == "core.invalid-override");
    CHECK(ds.items()[0].where.line == line);
    CHECK(ds.items()[0].message.find(c.message) != std::string::npos);
    // Rendering anyway never crashes nor allocates without bound.
    CHECK(test::render_text(s).size() < 4096);
  }
}

TEST_CASE("required_providers: a version constraint, not a pin", "[model][terraform]") {
  Stack s("constraint");
  test::add_thing(s, "t");
  // Bindings from provider 5.100.0 ask for "~> 5.100": any later 5.x, never 6.
  CHECK(render_json(s)["terraform"]["required_providers"]["aws"]["version"] == "~> 5.100");
  // The author's own constraint wins.
  s.terraform().required_provider("aws", "hashicorp/aws", ">= 5.100.0, < 5.200.0");
  CHECK(render_json(s)["terraform"]["required_providers"]["aws"]["version"] == ">= 5.100.0, < 5.200.0");
}

TEST_CASE("large stacks: blocks past the first chunks, nodes past the first pool chunks", "[model][scale]") {
  // Past 2,048 blocks, block storage comes from 2 MB slabs; past 8 MB,
  // nodes come from 2 MB chunks (both with transparent huge pages on
  // Linux). Handles, references and values must not notice.
  Stack s("large");
  constexpr int kBlocks = 6000;
  std::vector<test::Thing> things;
  things.reserve(kBlocks);
  for (int i = 0; i < kBlocks; ++i) {
    std::string name = "t";
    name += std::to_string(i);  // not "t" + ...: GCC 12 warns (-Wrestrict, a false positive)
    auto t = test::add_thing(s, name);
    if (i > 0) t.tags({{"prev", things[i - 1].id()}, {"first", things.front().arn()}, {"n", std::to_string(i)}});
    things.push_back(t);
  }
  auto text = [](int i) {
    std::string t(40, 'x');
    t += std::to_string(i);
    return t;
  };
  std::vector<Value> values;
  constexpr int kValues = 200000;  // ~16 MB of string nodes
  values.reserve(kValues);
  for (int i = 0; i < kValues; ++i) values.emplace_back(text(i));
  CHECK(validate(s).items().empty());
  auto r = render_json(s)["resource"]["aws_thing"];
  REQUIRE(r.size() == kBlocks);
  CHECK(r["t1"]["tags"] == json{{"first", "${aws_thing.t0.arn}"}, {"n", "1"}, {"prev", "${aws_thing.t0.id}"}});
  CHECK(r["t5999"]["tags"]["prev"] == "${aws_thing.t5998.id}");
  CHECK(r["t5999"]["name"] == "t5999");
  for (int i : {0, 1, 4095, 131071, kValues - 1}) CHECK(values[i].as_string() == text(i));
}
