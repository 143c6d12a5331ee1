// HCL output (`emit --format hcl`): the same configuration as the JSON,
// written as `terraform fmt` leaves it. What it means is proven against
// real terraform elsewhere (plan equality in tests/stacks/test_plans.cpp,
// values in tests/cli/roundtrip.sh); these pin the layout and the cases
// HCL must spell out that JSON leaves to the schema.
#include <cstdlib>

#include <stackgen/core/error.hpp>

#include "test_support.hpp"

using namespace stackgen;
using test::Rule;
using test::Thing;

namespace {

std::string hcl_of(const Stack& s) {
  auto files = render(s, RenderOptions{Syntax::hcl});
  REQUIRE(files.size() == 1);
  CHECK(files[0].path == s.name() + "/main.tf");
  return files[0].content;
}

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("HCL: blocks, aligned arguments and nested blocks from the schema", "[hcl]") {
  Stack s("h");
  s.provider<test::AwsProvider>().region("eu-west-1");
  s.add<Thing>("a")
      .name("alpha")
      .tags(Expr<Map<std::string>>{{"Name", "a"}, {"cost-center", "42"}})
      .rule(Rule().port(443).description("https"))
      .rule(Rule().port(80));
  const std::string text = hcl_of(s);
  CHECK(contains(text, "provider \"aws\" {\n  region = \"eu-west-1\"\n}\n"));
  // Nested blocks as blocks, in the order added; the object attribute as
  // an attribute with aligned keys, quoted where not an identifier.
  CHECK(contains(text, "resource \"aws_thing\" \"a\" {\n  name = \"alpha\"\n  tags = {\n    Name          = \"a\"\n"
                       "    \"cost-center\" = \"42\"\n  }\n  rule {\n    description = \"https\"\n    port        = 443\n"
                       "  }\n  rule {\n    port = 80\n  }\n}\n"));
  CHECK(contains(text, "required_providers {\n    aws = {\n      source  = \"hashicorp/aws\"\n"));
}

TEST_CASE("HCL: text stays literal", "[hcl]") {
  Stack s("h");
  auto v = s.variable<std::string>("x").default_value("${not.a.reference}");
  s.output("dollar", Expr<std::string>("a${b}%{c}"));
  s.output("cr", Expr<std::string>("line\r"));
  s.output("interpolated", Expr<std::string>("pre-") + v);
  s.output("only", Expr<std::string>("") + v);
  const std::string text = hcl_of(s);
  CHECK(contains(text, "default = \"$${not.a.reference}\""));
  CHECK(contains(text, "value = \"a$${b}%%{c}\""));
  CHECK(contains(text, "value = \"pre-${var.x}\""));
  // An interpolation-only template is its value: written bare, as fmt does.
  CHECK(contains(text, "output \"only\" {\n  value = var.x\n}"));
  CHECK(!contains(text, "\r"));
}

TEST_CASE("HCL: meta-arguments, lifecycle, dynamic blocks and suppressions", "[hcl]") {
  Stack s("h");
  auto east = s.provider<test::AwsProvider>("east").region("us-east-1");
  auto ports = s.variable<List<Number>>("ports");
  auto base = test::add_thing(s, "base");
  s.add<Thing>("t")
      .count(2)
      .provider(east)
      .name("t")
      .dynamic<Rule>("rule", ports, [](Rule& r, auto port) { r.port(port.value()); })
      .depends_on({base})
      .lifecycle(Lifecycle().create_before_destroy(true).ignore_changes({"tags"}))
      .suppress_rule("core.example", "because\nreasons");
  const std::string text = hcl_of(s);
  CHECK(contains(text, "resource \"aws_thing\" \"t\" {\n  # stackgen lint suppressed: core.example (because reasons)\n"
                       "  count    = 2\n  provider = aws.east\n  name     = \"t\"\n"));
  CHECK(contains(text, "  dynamic \"rule\" {\n    for_each = var.ports\n    content {\n      port = rule.value\n    }\n  }\n"));
  CHECK(contains(text, "  depends_on = [aws_thing.base]\n"));
  CHECK(contains(text, "  lifecycle {\n    create_before_destroy = true\n    ignore_changes        = [tags]\n  }\n"));
  CHECK(contains(text, "provider \"aws\" {\n  alias  = \"east\"\n  region = \"us-east-1\"\n}\n"));
}

TEST_CASE("HCL: long and nested collections over several lines, with trailing commas", "[hcl]") {
  Stack s("h");
  std::vector<Value> many;
  for (int i = 0; i < 30; ++i) many.emplace_back("item-" + std::to_string(i));
  s.output("short", Expr<Any>(Value::list({"a", "b"})));
  s.output("long", Expr<Any>(Value::list(many)));
  s.output("doc", jsonencode(Value::object({{"Statement", Value::list({Value::object({{"Effect", "Allow"}})})}})));
  s.output("empty", Expr<Any>(Value::object({})));
  const std::string text = hcl_of(s);
  CHECK(contains(text, "value = [\"a\", \"b\"]"));
  CHECK(contains(text, "value = [\n    \"item-0\",\n"));
  CHECK(contains(text, "    \"item-29\",\n  ]\n"));
  CHECK(contains(text, "value = jsonencode({\n    Statement = [\n      {\n        Effect = \"Allow\"\n      },\n    ]\n  })"));
  CHECK(contains(text, "value = {}"));
}

TEST_CASE("HCL: what it cannot say without a schema is an error at the block", "[hcl]") {
  Stack s("h");
  s.untyped_resource("custom_thing", "c").block("outer", Value::object({{"inner", Value::list({Value::object({{"a", 1}})})}}));
  try {
    render(s, RenderOptions{Syntax::hcl});
    FAIL("no error");
  } catch (const stackgen::Error& e) {
    CHECK(std::string(e.what()).find("custom_thing.c: cannot write HCL") != std::string::npos);
    CHECK(e.where().file.find("test_hcl_output.cpp") != std::string::npos);
  }
  // The JSON says the same without needing to know.
  CHECK(render(s).at(0).content.find("\"inner\"") != std::string::npos);
}

TEST_CASE("HCL: untyped blocks, modules, locals and state blocks", "[hcl]") {
  Stack s("h");
  auto n = s.untyped_resource("null_resource", "wait").set("triggers", Value::object({{"v", "1"}})).block("b", Value::object({{"x", 1}}));
  auto local = s.local("greeting", Expr<std::string>("hi"));
  auto m = s.module("net").source("./modules/net").input("name", local);
  s.moved("null_resource.old", n);
  s.removed("null_resource.gone", false);
  s.output("id", n.get<std::string>("id"));
  (void)m;
  const std::string text = hcl_of(s);
  CHECK(contains(text, "resource \"null_resource\" \"wait\" {\n  triggers = {\n    v = \"1\"\n  }\n  b {\n    x = 1\n  }\n}\n"));
  CHECK(contains(text, "locals {\n  greeting = \"hi\"\n}\n"));
  CHECK(contains(text, "module \"net\" {\n  source = \"./modules/net\"\n\n  name = local.greeting\n}\n"));
  CHECK(contains(text, "moved {\n  from = null_resource.old\n  to   = null_resource.wait\n}\n"));
  CHECK(contains(text, "removed {\n  from = null_resource.gone\n\n  lifecycle {\n    destroy = false\n  }\n}\n"));
}

TEST_CASE("HCL: check blocks hold their scoped data sources, then their assertions", "[hcl][check]") {
  Stack s("h");
  auto a = s.add<builtin::TerraformData>("a").input("x");
  auto health = s.check("health");
  auto peer = health.data<builtin::TerraformRemoteState>("peer").backend("local");
  health.assert_that(eq(a.output(), Expr<Any>("x")), "a is " + tostring(a.output()))
      .assert_that(gt(function_call<Number>("length", peer.outputs()), 0), "no outputs");
  const std::string text = hcl_of(s);
  CHECK(contains(text, "check \"health\" {\n  data \"terraform_remote_state\" \"peer\" {\n    backend = \"local\"\n  }\n"
                       "  assert {\n    condition     = terraform_data.a.output == \"x\"\n"
                       "    error_message = \"a is ${tostring(terraform_data.a.output)}\"\n  }\n"
                       "  assert {\n    condition     = length(data.terraform_remote_state.peer.outputs) > 0\n"
                       "    error_message = \"no outputs\"\n  }\n}\n"));
  // The scoped data source is not a root one.
  CHECK(!contains(text, "\ndata \"terraform_remote_state\""));
}

TEST_CASE("HCL: the output is what terraform fmt writes", "[hcl][terraform]") {
  // Real `terraform fmt -check` where terraform is installed.
  if (std::system("terraform version >/dev/null 2>&1") != 0) {
    WARN("SKIPPED: terraform is not on PATH");
    return;
  }
  Stack s("fmt");
  auto ports = s.variable<List<Number>>("ports").default_value(Expr<List<Number>>{80, 443});
  test::add_thing(s, "a").tags(Expr<Map<std::string>>{{"Name", "a"}, {"Longer-Key", "b"}});
  s.add<Thing>("b").count(2).name("b").dynamic<Rule>("rule", ports, [](Rule& r, auto p) { r.port(p.value()); });
  s.output("doc", jsonencode(Value::object({{"a", Value::list({1, 2})}, {"bb", Value::object({{"c", "d"}})}})));
  auto names = s.variable<Set<std::string>>("names");
  auto each = s.add<builtin::TerraformData>("each").for_each(names).input(each_key());
  s.import_each(names, each[each_key()], "id-" + each_value<std::string>());
  auto health = s.check("health");
  auto state = health.data<builtin::TerraformRemoteState>("peer").backend("local").config(
      Value::object({{"path", "peer.tfstate"}}));
  health.assert_that(gt(function_call<Number>("length", state.outputs()), 0), "the peer stack has outputs");
  s.terraform().cloud(Cloud("acme").workspace("fmt"));
  s.untyped_ephemeral("aws_ssm_parameter", "token")
      .set("arn", Value("arn:aws:ssm:eu-west-1:1:parameter/t"))
      .set("with_decryption", Value(true));
  test::TempDir dir;
  test::spit(dir.path() / "main.tf", hcl_of(s));
  const std::string cmd = "TF_CLI_CONFIG_FILE=/dev/null terraform fmt -check -no-color " + dir.path().string() + " >/dev/null 2>&1";
  CHECK(std::system(cmd.c_str()) == 0);
}

TEST_CASE("the cloud block (HCP Terraform): JSON, HCL, and what Terraform refuses", "[hcl][cloud]") {
  Stack s("cloud");
  s.terraform().cloud(Cloud("acme").hostname("tfe.acme.example").workspace_tags({"app", "prod"}).project("shop"));
  REQUIRE_FALSE(validate(s).has_errors());
  auto j = test::render_json(s);
  CHECK(j["terraform"]["cloud"] == test::json::parse(R"({"hostname": "tfe.acme.example", "organization": "acme",
      "workspaces": {"project": "shop", "tags": ["app", "prod"]}})"));
  CHECK(contains(hcl_of(s),
                 "terraform {\n  cloud {\n    hostname     = \"tfe.acme.example\"\n    organization = \"acme\"\n"
                 "    workspaces {\n      project = \"shop\"\n      tags    = [\"app\", \"prod\"]\n    }\n  }\n}\n"));

  Stack both("both");
  both.terraform().backend(local_backend()).cloud(Cloud("acme").workspace("w").workspace_tags({"t"}));
  auto ds = validate(both);
  auto found = test::with_rule(ds, "core.invalid-terraform-settings");
  REQUIRE(found.size() == 2);
  const std::string messages = found[0].message + "\n" + found[1].message;
  CHECK(contains(messages, "both a backend (\"local\") and a cloud block"));
  CHECK(contains(messages, "both by name and by tags"));
}

TEST_CASE("HCL: a map with expression keys (map_of) as an object constructor", "[hcl]") {
  Stack s("h");
  auto cluster = s.variable<std::string>("cluster");
  s.add<Thing>("a").name("alpha").tags(map_of<std::string>({{"Name", "a"}, {"kubernetes.io/cluster/" + cluster, "owned"}}));
  const std::string text = hcl_of(s);
  INFO(text);
  CHECK(contains(text, "  tags = { Name = \"a\", (\"kubernetes.io/cluster/${var.cluster}\") = \"owned\" }\n"));
}

TEST_CASE("backend settings that are objects (s3's assume_role): JSON, HCL, literal only", "[hcl][backend]") {
  Stack s("b");
  s.terraform().backend(std::move(Backend("s3")
                                      .set("bucket", std::string("state"))
                                      .set_value("assume_role", Value::object({{"role_arn", "arn:aws:iam::1:role/t"}}))
                                      .set_value("max_retries", 7)));
  auto j = test::render_json(s);
  CHECK(j["terraform"]["backend"]["s3"] == test::json::parse(R"({"bucket": "state", "max_retries": 7,
      "assume_role": {"role_arn": "arn:aws:iam::1:role/t"}})"));
  // An argument (`=`), as the s3 backend wants it: `assume_role {` is refused.
  CHECK(contains(hcl_of(s), "    assume_role = {\n      role_arn = \"arn:aws:iam::1:role/t\"\n    }\n"));
  auto region = s.variable<std::string>("region");
  Backend b("s3");
  CHECK_THROWS_WITH(b.set_value("endpoints", Value::object({{"s3", region.value()}})),
                    Catch::Contains("setting 'endpoints' is not literal data"));
}
