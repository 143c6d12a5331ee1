// Issue 9, part 2 to 4: text Terraform evaluates, secrets in output, and
// inputs built to exhaust the stack. Each case is a way a stack program (or
// the data it reads) could make Terraform evaluate something the author did
// not write, leak a secret, or crash stackgen.
#include <stackgen/core/error.hpp>
#include <stackgen/core/inspect.hpp>

#include "test_support.hpp"

using namespace stackgen;
using builtin::TerraformData;
using test::describe;
using test::only;
using test::with_rule;
using test::emitted;
using test::hcl;
using test::render_json;

namespace {

constexpr schema::AttributeSpec kSecretiveAttrs[] = {{"password", "\"string\"", false, true, false, true}};
constexpr schema::BlockSpec kSecretive{kSecretiveAttrs, {}};

/// A resource with a sensitive argument (what aws_db_instance.password is).
struct Secretive : ResourceBase<Secretive> {
  static constexpr BlockKind tf_kind = BlockKind::resource;
  static constexpr std::string_view tf_type = "aws_secretive";
  static const schema::BlockSpec& tf_spec() { return kSecretive; }
  static const schema::ProviderInfo& tf_provider_info() { return test::aws_info(); }
  using ResourceBase::ResourceBase;
  Secretive password(const Expr<std::string>& v) const { return tf_with("password", v); }
};

}  // namespace

TEST_CASE("object field names never inject HCL", "[security][text]") {
  Stack s("t");
  auto v = s.variable<Object>("settings");
  // An identifier is an attribute; anything else an index with a quoted,
  // escaped key: `${file(...)}` stays literal text.
  CHECK(hcl(v.get<std::string>("name")) == "var.settings.name");
  CHECK(hcl(v.get<std::string>("x} ${file(\"/etc/hostname\")")) ==
        "var.settings[\"x} $${file(\\\"/etc/hostname\\\")\"]");
  CHECK(hcl(v.get<std::string>("with.dot")) == "var.settings[\"with.dot\"]");
  auto remote = s.add<builtin::TerraformRemoteState>("net").backend("local");
  CHECK(hcl(remote.output<std::string>("vpc_id")) == "data.terraform_remote_state.net.outputs.vpc_id");
  CHECK(hcl(remote.output<std::string>("a\"} ${x")) ==
        "data.terraform_remote_state.net.outputs[\"a\\\"} $${x\"]");
}

TEST_CASE("ref<T>() takes traversals only, located at the call", "[security][text]") {
  CHECK(hcl(ref<std::string>("aws_vpc.main.id")) == "aws_vpc.main.id");
  CHECK(hcl(ref<std::string>("module.app[0].url")) == "module.app[0].url");
  CHECK(hcl(ref<std::string>("data.aws_region.current.name")) == "data.aws_region.current.name");
  CHECK(hcl(ref<std::string>("aws_s3_bucket.b[\"logs\"].arn")) == "aws_s3_bucket.b[\"logs\"].arn");
  CHECK(hcl(ref<std::string>("aws_subnet.a[*].id")) == "aws_subnet.a[*].id");
  for (const std::string bad : {"aws_vpc.main.id} ${file(\"/etc/passwd\")", "x.y[\"${z}\"]", "aws_vpc", "",
                                "var.x + 1", "a.b(c)", "x.y[\"unterminated", "data.aws_region", "a.b\n.c"}) {
    INFO(bad);
    try {
      const unsigned line = __LINE__ + 1;
      (void)ref<std::string>(bad);
      FAIL("no error");
      (void)line;
    } catch (const Error& e) {
      CHECK(e.rule() == "core.invalid-reference");
      CHECK(e.where().file.find("test_security.cpp") != std::string::npos);
      CHECK(std::string(e.what()).find("is not a Terraform reference") != std::string::npos);
    }
  }
}

TEST_CASE("ref<T>() attributes are checked against the schema of known types", "[security][text]") {
  Stack s("t");
  test::add_thing(s, "thing");
  s.add<TerraformData>("ok").input(ref<std::string>("aws_thing.thing.arn"));
  const unsigned line = __LINE__ + 1;
  s.add<TerraformData>("typo").input(ref<std::string>("aws_thing.thing.anr"));
  auto d = only(validate(s), "core.unknown-attribute");
  CHECK(d.address == "terraform_data.typo");
  CHECK(d.where.line == line);
  CHECK(d.message.find("aws_thing has no attribute 'anr'") != std::string::npos);
}

TEST_CASE("a lone carriage return before an interpolation stays a carriage return", "[security][text]") {
  Stack s("t");
  auto v = s.variable<std::string>("v").default_value("x");
  s.output("cr", Expr<std::string>("a\r") + v);
  s.output("crlf", Expr<std::string>("a\r\n") + v);
  s.output("dollar_cr", Expr<std::string>("US$\r") + v);
  auto j = render_json(s)["output"];
  CHECK(j["cr"]["value"] == "a${\"\\r\"}${var.v}");
  CHECK(j["crlf"]["value"] == "a\r\n${var.v}");
  CHECK(j["dollar_cr"]["value"] == "US${\"$\\r\"}${var.v}");
}

TEST_CASE("invalid UTF-8 anywhere is an emit error with the location", "[security][text]") {
  const std::string bad = "caf\xc3";  // a truncated sequence
  struct Case {
    std::string what;
    std::function<void(Stack&)> declare;
  };
  std::vector<Case> cases = {
      {"attribute", [&](Stack& s) { s.add<TerraformData>("t").input(Value(bad)); }},
      {"object key", [&](Stack& s) { s.add<TerraformData>("t").input(Value::object({{bad, Value(1)}})); }},
      {"template part", [&](Stack& s) {
         auto v = s.variable<std::string>("v").default_value("x");
         s.output("o", Expr<std::string>(bad) + v);
       }},
      {"variable default", [&](Stack& s) { s.variable<std::string>("v").default_value(bad); }},
      {"description", [&](Stack& s) { s.variable<std::string>("v").description(bad); }},
      {"override path", [&](Stack& s) { s.add<TerraformData>("t").add_override("input." + bad, 1); }},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    Stack s("t");
    c.declare(s);
    auto ds = validate(s);
    auto d = only(ds, "core.invalid-utf8");
    CHECK(d.where.file.find("test_security.cpp") != std::string::npos);
    CHECK(d.message.find("not valid UTF-8") != std::string::npos);
    // The diagnostic itself is valid UTF-8: the bad byte is shown escaped.
    CHECK(d.message.find('\xc3') == std::string::npos);
  }
}

TEST_CASE("duplicate keys in map literals and documents are errors", "[security][text]") {
  Stack s("t");
  const unsigned line = __LINE__ + 1;
  s.add<TerraformData>("tags").input(Expr<Map<std::string>>({{"Name", "a"}, {"Name", "b"}}));
  const unsigned doc_line = __LINE__ + 1;
  s.add<TerraformData>("doc").input(jsonencode(Value{{"Sid", "a"}, {"Effect", "Allow"}, {"Sid", "b"}}));
  auto ds = validate(s);
  auto found = with_rule(ds, "core.duplicate-key");
  REQUIRE(found.size() == 2);
  CHECK(found[0].where.line == line);
  CHECK(found[0].message.find("key \"Name\" appears twice") != std::string::npos);
  CHECK(found[1].where.line == doc_line);
  CHECK(found[1].message.find("key \"Sid\"") != std::string::npos);
}

TEST_CASE("a literal set given to for_each is written as toset()", "[security][text]") {
  Stack s("t");
  s.add<TerraformData>("keyed").for_each(Expr<Set<std::string>>{"a", "b"});
  auto v = s.variable<Set<std::string>>("names");
  s.add<TerraformData>("from_var").for_each(v);
  auto j = render_json(s)["resource"]["terraform_data"];
  CHECK(j["keyed"]["for_each"] == "${toset([\"a\", \"b\"])}");
  CHECK(j["from_var"]["for_each"] == "${var.names}");
}

TEST_CASE("names Terraform rejects are rejected at emit", "[security][names]") {
  for (std::string reserved : {"count", "source", "version", "providers", "for_each", "lifecycle", "depends_on", "locals"}) {
    INFO(reserved);
    Stack s("t");
    s.variable<std::string>(reserved);
    CHECK(only(validate(s), "core.reserved-name").address == "var." + reserved);
  }
  Stack s("t");
  auto target = s.add<TerraformData>("new_place");
  const unsigned moved_line = __LINE__ + 1;
  s.moved("aws_thing.old\"} ${x", target);
  s.removed("not an address", false);
  s.removed("module.app[0].aws_instance.web", true);
  s.moved("aws_thing.old[\"k\"]", target);
  auto ds = validate(s);
  auto invalid = with_rule(ds, "core.invalid-address");
  REQUIRE(invalid.size() == 2);
  CHECK(invalid[0].where.line == moved_line);
  CHECK(invalid[1].message.find("'not an address'") != std::string::npos);
}

TEST_CASE("an output of a sensitive value must be marked sensitive", "[security][secrets]") {
  Stack s("t");
  auto password = s.variable<std::string>("db_password").sensitive();
  auto indirect = s.local<std::string>("url", "postgres://u:" + password + "@db");
  const unsigned line = __LINE__ + 1;
  s.output("url", indirect);
  s.output("marked", indirect).sensitive();
  s.output("declassified", nonsensitive(indirect));
  auto thing = test::add_thing(s, "thing");
  (void)thing;
  auto d = only(validate(s), "core.sensitive-output");
  CHECK(d.where.line == line);
  CHECK(d.message.find("var.db_password") != std::string::npos);
}

TEST_CASE("a literal in a sensitive attribute is a warning with a hint", "[security][secrets]") {
  Stack s("t");
  auto pw = s.variable<std::string>("pw").sensitive();
  const unsigned line = __LINE__ + 1;
  s.add<Secretive>("literal").password("hunter2");
  s.add<Secretive>("variable").password(pw);
  auto d = only(validate(s), "core.literal-secret");
  CHECK(d.severity == Severity::warning);
  CHECK(d.where.line == line);
  CHECK(d.hint.find("sensitive variable") != std::string::npos);
  // The diagnostic never prints the secret.
  CHECK(d.message.find("hunter2") == std::string::npos);
}

TEST_CASE("control characters in names cannot forge diagnostic lines", "[security][secrets]") {
  Stack s("t");
  s.add<TerraformData>("bad\nstacks/x.cpp:1: error: forged [core.fake]");
  auto ds = validate(s);
  REQUIRE_FALSE(ds.items().empty());
  for (const auto& d : ds.items()) {
    CHECK(d.message.find('\n') == std::string::npos);
    CHECK(d.address.find('\n') == std::string::npos);
  }
}

TEST_CASE("no recursion proportional to the input: 100k-term expressions, 100k-block chains", "[security][robustness]") {
  SECTION("a 100k-term expression renders, validates and is freed") {
    Stack s("t");
    auto v = s.variable<Number>("n").default_value(1);
    Expr<Number> sum = v;
    for (int i = 0; i < 100000; ++i) sum = sum + v;
    s.output("sum", sum);
    // Nesting, not just length: 100k calls one inside the other.
    Expr<std::string> text = tostring(v);
    for (int i = 0; i < 100000; ++i) text = lower(text);
    s.output("text", text);
    CHECK(validate(s).items().empty());
    auto out = test::render_text(s);
    CHECK(out.size() > 100000 * 8);
  }
  SECTION("a 100k-block dependency chain checks, with its cycle found") {
    Stack s("t");
    auto first = s.add<TerraformData>("b0");
    auto prev = first;
    for (int i = 1; i < 100000; ++i) prev = s.add<TerraformData>(std::to_string(i).insert(0, 1, 'b')).input(prev.id());
    CHECK(validate(s).items().empty());
    first.input(prev.id());  // close the loop
    auto d = only(validate(s), "core.dependency-cycle");
    CHECK(d.message.find("dependency cycle: terraform_data.b0 -> terraform_data.b99999 -> ") != std::string::npos);
    CHECK(d.message.find("... (99988 more) -> ") != std::string::npos);
    CHECK(d.message.size() < 1000);
  }
  SECTION("a 100k-deep nested document is checked (an error), printed as HCL and freed") {
    Value doc = Value("leaf");
    for (int i = 0; i < 100000; ++i) doc = Value::list({doc});
    CHECK(doc.to_hcl().size() == 200000 + 6);
    Stack s("t");
    s.add<TerraformData>("deep").input(jsonencode(doc));
    auto d = only(validate(s), "core.nesting-too-deep");
    CHECK(d.address == "terraform_data.deep");
  }
}
