// Ephemeral resources (Terraform 1.10) and where their values may go:
// rendered under "ephemeral" in JSON and as `ephemeral` blocks in HCL,
// referred to as ephemeral.<type>.<name>, and core.ephemeral-value wherever
// an ephemeral value would be stored in plan or state. Terraform's own rule
// (checked against real terraform in tests/testing) is the reference.
#include "test_support.hpp"

using namespace stackgen;
using builtin::TerraformData;
using test::describe;
using test::only;
using test::with_rule;

namespace {

namespace spec {
using stackgen::schema::AttributeSpec;
using stackgen::schema::BlockSpec;
inline constexpr AttributeSpec kSecretAttrs[] = {
    {.name = "name", .type = "\"string\"", .required = true},
    {.name = "value", .type = "\"string\"", .computed = true, .sensitive = true},
};
inline constexpr BlockSpec kSecret{kSecretAttrs, {}};
inline constexpr AttributeSpec kDatabaseAttrs[] = {
    {.name = "id", .type = "\"string\"", .optional = true, .computed = true},
    {.name = "password", .type = "\"string\"", .optional = true, .sensitive = true},
    {.name = "password_wo", .type = "\"string\"", .optional = true, .sensitive = true, .write_only = true},
    {.name = "password_wo_version", .type = "\"number\"", .optional = true},
    {.name = "username", .type = "\"string\"", .optional = true},
};
inline constexpr BlockSpec kDatabase{kDatabaseAttrs, {}};
}  // namespace spec

/// `ephemeral "aws_thing_secret"`: what generated ephemeral bindings look like.
class Secret : public ResourceBase<Secret> {
 public:
  static constexpr BlockKind tf_kind = BlockKind::ephemeral;
  static constexpr std::string_view tf_type = "aws_thing_secret";
  static const schema::BlockSpec& tf_spec() { return spec::kSecret; }
  static const schema::ProviderInfo& tf_provider_info() { return test::aws_info(); }
  using ResourceBase::ResourceBase;

  Secret name(const Expr<std::string>& v) const { return tf_with("name", v); }
  Expr<std::string> value() const { return tf_get<std::string>("value"); }
};

/// `resource "aws_thing_database"` with a write-only password.
class Database : public ResourceBase<Database> {
 public:
  static constexpr BlockKind tf_kind = BlockKind::resource;
  static constexpr std::string_view tf_type = "aws_thing_database";
  static const schema::BlockSpec& tf_spec() { return spec::kDatabase; }
  static const schema::ProviderInfo& tf_provider_info() { return test::aws_info(); }
  using ResourceBase::ResourceBase;

  Database password(const Expr<std::string>& v) const { return tf_with("password", v); }
  Database password_wo(const Expr<std::string>& v) const { return tf_with("password_wo", v); }
  Database password_wo_version(const Expr<Number>& v) const { return tf_with("password_wo_version", v); }
  Database username(const Expr<std::string>& v) const { return tf_with("username", v); }
};

}  // namespace

TEST_CASE("an ephemeral resource renders under \"ephemeral\" and is referred to as ephemeral.<type>.<name>",
          "[ephemeral]") {
  Stack s("eph");
  auto secret = s.add<Secret>("db").name("prod/db");
  s.provider<test::AwsProvider>();
  s.add<Database>("main").password_wo(secret.value()).password_wo_version(1);
  REQUIRE_FALSE(validate(s).has_errors());

  CHECK(secret.value().value().to_hcl() == "ephemeral.aws_thing_secret.db.value");
  CHECK(secret.tf_address() == "ephemeral.aws_thing_secret.db");
  const std::string text = test::render_text(s);
  auto j = nlohmann::json::parse(text);
  CHECK(j["ephemeral"]["aws_thing_secret"]["db"] == nlohmann::json{{"name", "prod/db"}});
  CHECK(j["resource"]["aws_thing_database"]["main"]["password_wo"] == "${ephemeral.aws_thing_secret.db.value}");
  // Root members in key order: data < ephemeral < provider < resource.
  CHECK(text.find("\"ephemeral\"") < text.find("\"provider\""));

  auto hcl = render(s, {.syntax = Syntax::hcl});
  REQUIRE(hcl.size() == 1);
  CHECK(hcl[0].content.find("ephemeral \"aws_thing_secret\" \"db\" {\n  name = \"prod/db\"\n}\n") !=
        std::string::npos);
  CHECK(hcl[0].content.find("password_wo         = ephemeral.aws_thing_secret.db.value") != std::string::npos);
}

TEST_CASE("ephemeral values may go to write-only arguments, providers, locals and other ephemeral resources",
          "[ephemeral]") {
  Stack s("ok");
  auto first = s.add<Secret>("first").name("a");
  auto token = s.local<std::string>("token", first.value());
  s.add<Secret>("second").name(token);                       // another ephemeral resource
  s.provider<test::AwsProvider>().region(first.value());      // a provider configuration
  s.add<Database>("db").password_wo(token).username("admin");  // a write-only argument
  // ephemeralasnull() makes the value storable (it is null in plan and state).
  s.add<TerraformData>("marker").input(Expr<Any>(function_call<std::string>("ephemeralasnull", first.value())));
  auto ds = validate(s);
  INFO(describe(ds));
  CHECK_FALSE(ds.has_errors());
}

TEST_CASE("an ephemeral value where Terraform stores values is core.ephemeral-value at the C++ line",
          "[ephemeral]") {
  Stack s("bad");
  auto secret = s.add<Secret>("db").name("prod/db");
  auto via_local = s.local<std::string>("pw", "x-" + secret.value());
  auto ephemeral_var = s.variable<std::string>("session").ephemeral();
  const unsigned argument_line = __LINE__ + 1;
  s.add<Database>("direct").password(secret.value());
  const unsigned local_line = __LINE__ + 1;
  s.add<Database>("through_local").username(via_local);
  const unsigned variable_line = __LINE__ + 1;
  s.add<TerraformData>("from_variable").input(Expr<Any>(ephemeral_var));
  const unsigned output_line = __LINE__ + 1;
  s.output("leak", secret.value()).sensitive();
  // Write-only is fine for the variable too.
  s.add<Database>("fine").password_wo(ephemeral_var);

  auto ds = validate(s);
  auto found = with_rule(ds, "core.ephemeral-value");
  INFO(describe(ds));
  REQUIRE(found.size() == 4);
  auto at = [&](std::string_view address) {
    for (const auto& d : found)
      if (d.address == address) return d;
    FAIL("no finding at " << address);
    return Diagnostic{};
  };
  auto direct = at("aws_thing_database.direct");
  CHECK(direct.where.line == argument_line);
  CHECK(direct.message ==
        "password uses ephemeral.aws_thing_secret.db, an ephemeral value; Terraform keeps this in plan and state "
        "and refuses it");
  CHECK(direct.hint.find("write-only argument") != std::string::npos);
  CHECK(at("aws_thing_database.through_local").where.line == local_line);
  CHECK(at("aws_thing_database.through_local").message.find("username uses ephemeral.aws_thing_secret.db") !=
        std::string::npos);
  CHECK(at("terraform_data.from_variable").where.line == variable_line);
  CHECK(at("terraform_data.from_variable").message.find("input uses var.session") != std::string::npos);
  CHECK(at("output.leak").where.line == output_line);
  CHECK(at("output.leak").message.find("the value uses ephemeral.aws_thing_secret.db") !=
        std::string::npos);
  // No secret value, only addresses, in any message.
  for (const auto& d : found) CHECK(d.message.find("prod/db") == std::string::npos);
}

TEST_CASE("ephemeral resources get the schema, reference and lifecycle checks", "[ephemeral]") {
  Stack s("checks");
  const unsigned missing_line = __LINE__ + 1;
  auto secret = s.add<Secret>("nameless");
  s.add<TerraformData>("t").input(Expr<Any>(ref<std::string>("ephemeral.aws_thing_secret.nameless.nope")));
  const unsigned lifecycle_line = __LINE__ + 1;
  s.add<Secret>("kept").name("k").lifecycle(Lifecycle().prevent_destroy());
  s.add<Secret>("checked").name("c").lifecycle(
      Lifecycle().precondition(ne(secret.value(), Expr<std::string>("")), "the secret is empty"));
  s.add<TerraformData>("dangling").input(Expr<Any>(ref<std::string>("ephemeral.aws_thing_secret.missing.value")));

  auto ds = validate(s);
  INFO(describe(ds));
  CHECK(only(ds, "schema.missing-argument").where.line == missing_line);
  CHECK(only(ds, "core.unknown-attribute").message.find("aws_thing_secret has no attribute 'nope'") !=
        std::string::npos);
  auto lifecycle = only(ds, "core.invalid-lifecycle");
  CHECK(lifecycle.where.line == lifecycle_line);
  CHECK(lifecycle.message ==
        "ephemeral resource ephemeral.aws_thing_secret.kept sets lifecycle.prevent_destroy; an ephemeral resource "
        "has no state to create, replace or destroy");
  CHECK(only(ds, "core.dangling-reference").address == "terraform_data.dangling");
  // A text reference to an ephemeral resource is ephemeral too.
  CHECK(only(ds, "core.ephemeral-value").address == "terraform_data.t");
}
