// validate(): every core and schema check, each diagnostic located at the
// C++ line that declared the object at fault. `const unsigned x = __LINE__ + 1;`
// names the line of the declaration right below it (a form clang-format keeps).
#include <stackgen/core/allowed_values.hpp>

#include <set>

#include "test_support.hpp"

using namespace stackgen;
using builtin::TerraformData;
using test::describe;
using test::only;
using test::with_rule;
using test::add_thing;
using test::Rule;
using test::Thing;

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

void check_location(const Diagnostic& d, unsigned line) {
  INFO(d.where.file << ":" << d.where.line << ": " << d.message);
  CHECK(ends_with(d.where.file, "test_checks.cpp"));
  CHECK(d.where.line == line);
  CHECK(d.severity == Severity::error);
}

}  // namespace

TEST_CASE("a valid stack has no diagnostics", "[checks]") {
  Stack s("ok");
  auto names = s.variable<List<std::string>>("names").default_value({"a", "b"});
  auto tags = s.variable<Map<std::string>>("tags").default_value({{"k", "v"}});
  auto west = s.provider<test::AwsProvider>("west");
  s.provider<test::AwsProvider>();
  auto counted = s.add<TerraformData>("counted").count(length(names)).input(names[count_index()]);
  auto keyed =
      s.add<TerraformData>("keyed").for_each(tags).input(each_key() + each_value<std::string>());
  auto t = add_thing(s, "t").provider(west).lifecycle(
      Lifecycle().ignore_changes({"tags[\"k\"]", "rule"}));
  add_thing(s, "u").provider("aws.west").depends_on({counted, keyed});
  auto d = s.add<TerraformData>("d").count(2).input(counted[count_index()].id());
  s.add<TerraformData>("e").for_each(tags).input(keyed[each_key()].id());
  s.output("all", splat(counted, &TerraformData::id));
  s.output("each", values_of(keyed, &TerraformData::id));
  s.output("one", d[1].id() + t.arn() + keyed["k"].output().get<std::string>("x"));
  auto m = s.module("m").source("./m").provider("aws", west);
  s.output("mod", m.output<std::string>("x"));
  auto rs = s.add<builtin::TerraformRemoteState>("net").backend("local");
  s.output("remote", rs.output<std::string>("vpc_id"));
  s.output("path", path_module() + ref<std::string>("var.names[0]"));
  s.moved("terraform_data.before", counted[0]);
  auto diags = validate(s);
  INFO(describe(diags));
  CHECK(diags.items().empty());
  CHECK_FALSE(diags.has_errors());
}

TEST_CASE("duplicate addresses name the first declaration", "[checks]") {
  Stack s("dup");
  const unsigned first = __LINE__ + 1;
  s.add<TerraformData>("same");
  const unsigned second = __LINE__ + 1;
  s.add<TerraformData>("same");
  s.variable<std::string>("same");  // other kinds have their own namespace
  auto d = only(validate(s), "core.duplicate-address");
  check_location(d, second);
  CHECK(d.address == "terraform_data.same");
  CHECK(d.stack == "dup");
  CHECK(d.message.find("duplicate address (first declared at ") == 0);
  CHECK(ends_with(d.message, "test_checks.cpp:" + std::to_string(first) + ")"));
}

TEST_CASE("duplicate variables, outputs and provider aliases", "[checks]") {
  Stack s("dup2");
  s.variable<std::string>("v");
  const unsigned var_line = __LINE__ + 1;
  s.variable<Number>("v");
  s.output("o", 1);
  const unsigned out_line = __LINE__ + 1;
  s.output("o", 2);
  s.provider<test::AwsProvider>("x");
  const unsigned prov_line = __LINE__ + 1;
  s.provider<test::AwsProvider>("x");
  auto ds = with_rule(validate(s), "core.duplicate-address");
  REQUIRE(ds.size() == 3);
  check_location(ds[0], var_line);
  CHECK(ds[0].address == "var.v");
  check_location(ds[1], out_line);
  CHECK(ds[1].address == "output.o");
  check_location(ds[2], prov_line);
  CHECK(ds[2].address == "provider.aws.x");
}

TEST_CASE("invalid identifiers", "[checks]") {
  Stack s("ids");
  const unsigned digit = __LINE__ + 1;
  s.add<TerraformData>("1st");
  const unsigned space = __LINE__ + 1;
  s.variable<std::string>("has space");
  const unsigned empty = __LINE__ + 1;
  s.output("", 1);
  const unsigned alias = __LINE__ + 1;
  s.provider<test::AwsProvider>("us.east");
  s.add<TerraformData>("ok-with-dash_and_1");
  auto ds = with_rule(validate(s), "core.invalid-identifier");
  REQUIRE(ds.size() == 4);
  check_location(ds[0], digit);
  CHECK(ds[0].message == "resource name '1st' is not a valid Terraform identifier");
  check_location(ds[1], space);
  CHECK(ds[1].message == "variable name 'has space' is not a valid Terraform identifier");
  check_location(ds[2], empty);
  CHECK(ds[2].message == "output name '' is not a valid Terraform identifier");
  check_location(ds[3], alias);
  CHECK(ds[3].message == "provider name 'us.east' is not a valid Terraform identifier");
}

TEST_CASE("dangling reference through ref<T>()", "[checks][references]") {
  Stack s("dangling");
  s.add<TerraformData>("present");
  const unsigned line = __LINE__ + 1;
  s.add<TerraformData>("a").input(ref<std::string>("aws_x.missing.id"));
  auto d = only(validate(s), "core.dangling-reference");
  check_location(d, line);
  CHECK(d.address == "terraform_data.a");
  CHECK(d.message ==
        "reference to aws_x.missing (in input), which is not declared in stack 'dangling'");
}

TEST_CASE("dangling references in every position", "[checks][references]") {
  Stack s("everywhere");
  auto gone = ref<std::string>("terraform_data.gone.id");
  const unsigned count_line = __LINE__ + 1;
  s.add<TerraformData>("c").count(length(ref<List<std::string>>("var.nope")));
  const unsigned out_line = __LINE__ + 1;
  s.output("o", gone);
  const unsigned local_line = __LINE__ + 1;
  s.local<std::string>("l", gone);
  const unsigned lc_line = __LINE__ + 1;
  s.add<TerraformData>("lc").lifecycle(
      Lifecycle().precondition(eq(gone, Expr<std::string>("")), "m"));
  const unsigned moved_line = __LINE__ + 1;
  s.moved("terraform_data.x", Stack("elsewhere").add<TerraformData>("y"));
  auto ds = with_rule(validate(s), "core.dangling-reference");
  REQUIRE(ds.size() == 5);
  check_location(ds[0], count_line);
  CHECK(ds[0].message ==
        "reference to var.nope (in count), which is not declared in stack 'everywhere'");
  check_location(ds[1], out_line);
  check_location(ds[2], local_line);
  check_location(ds[3], lc_line);
  CHECK(ds[3].message ==
        "reference to terraform_data.gone (in precondition), which is not declared in stack "
        "'everywhere'");
  check_location(ds[4], moved_line);
  CHECK(ds[4].message ==
        "moved block targets terraform_data.y, which is not declared in this stack");
}

TEST_CASE("cross-stack references", "[checks][references]") {
  Stack other("other");
  auto foreign = other.add<TerraformData>("foreign");
  auto foreign_provider = other.provider<test::AwsProvider>();
  Stack s("mine");
  const unsigned ref_line = __LINE__ + 1;
  s.add<TerraformData>("a").input(foreign.id());
  const unsigned dep_line = __LINE__ + 1;
  s.add<TerraformData>("b").depends_on({foreign});
  const unsigned prov_line = __LINE__ + 1;
  add_thing(s, "c").provider(foreign_provider);
  const unsigned imp_line = __LINE__ + 1;
  s.import_resource(foreign, "id");
  auto ds = with_rule(validate(s), "core.cross-stack-reference");
  REQUIRE(ds.size() == 4);
  check_location(ds[0], ref_line);
  CHECK(ds[0].message ==
        "reference to terraform_data.foreign.id (in input): terraform_data.foreign is declared in stack 'other', "
        "not in 'mine', and 'mine' does not depend on 'other'");
  CHECK(ds[0].hint ==
        "declare the dependency where the stacks are built: mine.depends_on(other) (stackgen/core/cross_stack.hpp); "
        "stackgen then passes the value through an output and terraform_remote_state");
  check_location(ds[1], dep_line);
  CHECK(ds[1].message ==
        "depends_on terraform_data.foreign: terraform_data.foreign is declared in stack 'other', not in 'mine', "
        "and 'mine' does not depend on 'other'");
  check_location(ds[2], prov_line);
  CHECK(ds[2].message == "provider aws is configured in stack 'other'");
  check_location(ds[3], imp_line);
  // The foreign stack itself is fine.
  CHECK(validate(other).items().empty());
}

TEST_CASE("providers: undeclared alias, type mismatch", "[checks][providers]") {
  Stack s("prov");
  s.provider<test::AwsProvider>("west");
  auto tls = s.provider<test::TlsProvider>();
  const unsigned nope = __LINE__ + 1;
  add_thing(s, "a").provider("aws.nope");
  const unsigned mismatch = __LINE__ + 1;
  add_thing(s, "b").provider(tls);
  add_thing(s, "c").provider("aws.west");

  auto undeclared = only(validate(s), "core.undeclared-provider");
  check_location(undeclared, nope);
  CHECK(undeclared.message == "provider aws.nope is not configured in stack 'prov'");
  auto wrong = only(validate(s), "core.provider-mismatch");
  check_location(wrong, mismatch);
  CHECK(wrong.message == "aws_thing belongs to provider 'aws' but is given provider tls");
}

TEST_CASE("dependency cycles print the cycle", "[checks][cycles]") {
  Stack s("cycle");
  const unsigned a_line = __LINE__ + 1;
  auto a = s.add<TerraformData>("a");
  auto b = s.add<TerraformData>("b").input(a.id());
  a.input(b.id());
  auto d = only(validate(s), "core.dependency-cycle");
  check_location(d, a_line);
  CHECK(d.message == "dependency cycle: terraform_data.a -> terraform_data.b -> terraform_data.a");

  Stack s3("cycle3");
  auto x = s3.add<TerraformData>("x");
  auto z = s3.add<TerraformData>("z").depends_on({x});
  auto y = s3.add<TerraformData>("y").input(z.output());
  const unsigned via_line = __LINE__ + 1;
  auto via = s3.local<std::string>("via", y.id());
  x.input(via);
  // Reported once, at the smallest address of the cycle.
  auto d3 = only(validate(s3), "core.dependency-cycle");
  check_location(d3, via_line);
  CHECK(
      d3.message ==
      "dependency cycle: local.via -> terraform_data.y -> terraform_data.z -> terraform_data.x -> "
      "local.via");

  Stack self("self");
  const unsigned self_line = __LINE__ + 1;
  auto me = self.add<TerraformData>("me");
  me.input(me.id());
  auto ds = only(validate(self), "core.dependency-cycle");
  check_location(ds, self_line);
  CHECK(ds.message == "dependency cycle: terraform_data.me -> terraform_data.me");
}

TEST_CASE("count.index and each.* need count and for_each", "[checks][meta]") {
  Stack s("meta");
  auto counted = s.add<TerraformData>("counted").count(2);
  const unsigned no_count = __LINE__ + 1;
  s.add<TerraformData>("a").input(count_index());
  const unsigned no_each = __LINE__ + 1;
  s.add<TerraformData>("b").input(each_key());
  const unsigned no_each_value = __LINE__ + 1;
  s.add<TerraformData>("c").input(each_value());
  // count.index hidden in an instance key still needs count.
  const unsigned in_key = __LINE__ + 1;
  s.add<TerraformData>("d").input(counted[count_index()].id());
  auto ds = with_rule(validate(s), "core.invalid-reference");
  REQUIRE(ds.size() == 4);
  check_location(ds[0], no_count);
  CHECK(ds[0].address == "terraform_data.a");
  CHECK(ds[0].message == "count.index used (in input) but the block has no count");
  check_location(ds[1], no_each);
  CHECK(ds[1].message == "each.key used (in input) but the block has no for_each");
  check_location(ds[2], no_each_value);
  CHECK(ds[2].message == "each.value used (in input) but the block has no for_each");
  check_location(ds[3], in_key);
  CHECK(ds[3].message == "count.index used (in input) but the block has no count");
}

TEST_CASE("instance selection must match count / for_each", "[checks][meta]") {
  Stack s("instances");
  auto counted = s.add<TerraformData>("counted").count(2);
  auto keyed = s.add<TerraformData>("keyed").for_each(Expr<Set<std::string>>{"a"});
  auto single = s.add<TerraformData>("single");
  const unsigned whole_counted = __LINE__ + 1;
  s.add<TerraformData>("a").input(counted.id());
  const unsigned whole_keyed = __LINE__ + 1;
  s.add<TerraformData>("b").input(keyed.output());
  const unsigned indexed_single = __LINE__ + 1;
  s.add<TerraformData>("c").input(single[0].id());
  const unsigned keyed_count = __LINE__ + 1;
  s.add<TerraformData>("d").input(counted["x"].id());
  auto ds = with_rule(validate(s), "core.invalid-reference");
  REQUIRE(ds.size() == 4);
  check_location(ds[0], whole_counted);
  CHECK(
      ds[0].message ==
      "reference to terraform_data.counted.id (in input): terraform_data.counted has count, so an "
      "instance must be selected");
  check_location(ds[1], whole_keyed);
  CHECK(
      ds[1].message ==
      "reference to terraform_data.keyed.output (in input): terraform_data.keyed has for_each, so "
      "an instance must be selected");
  check_location(ds[2], indexed_single);
  CHECK(ds[2].message ==
        "reference to terraform_data.single[0].id (in input): terraform_data.single has neither "
        "count nor for_each");
  check_location(ds[3], keyed_count);
  CHECK(ds[3].message ==
        "reference to terraform_data.counted[\"x\"].id (in input): terraform_data.counted uses "
        "count; select an instance by number");
}

TEST_CASE("count and for_each together", "[checks][meta]") {
  Stack s("both");
  const unsigned line = __LINE__ + 1;
  s.add<TerraformData>("x").count(2).for_each(Expr<Set<std::string>>{"a"});
  auto d = only(validate(s), "core.count-and-for_each");
  check_location(d, line);
  CHECK(d.message == "sets both count and for_each");
}

TEST_CASE("variables: sensitive default, non-literal default", "[checks][variables]") {
  Stack s("vars");
  auto other = s.variable<std::string>("other").default_value("x");
  const unsigned secret = __LINE__ + 1;
  s.variable<std::string>("password").sensitive().default_value("hunter2");
  s.variable<std::string>("token").sensitive().default_value(null);  // null is not a secret
  s.variable<std::string>("plain").sensitive(false).default_value("fine");
  const unsigned computed = __LINE__ + 1;
  s.variable<std::string>("derived").default_value(other + "-y");
  auto ds = validate(s);
  auto d = only(ds, "core.secret-default");
  check_location(d, secret);
  CHECK(d.address == "var.password");
  CHECK(d.hint == "pass it at apply time (TF_VAR_password, -var or a secret store)");
  auto nl = only(ds, "core.invalid-default");
  check_location(nl, computed);
  CHECK(nl.message == "the default of variable derived must be a literal value");
  CHECK(ds.items().size() == 2);
}

TEST_CASE("module without source", "[checks]") {
  Stack s("mod");
  const unsigned line = __LINE__ + 1;
  s.module("m").input("x", 1);
  s.module("ok").source("./ok");
  auto d = only(validate(s), "core.missing-argument");
  check_location(d, line);
  CHECK(d.address == "module.m");
  CHECK(d.message == "module m has no source");
}

TEST_CASE("schema: required arguments and nested block counts", "[checks][schema]") {
  Stack s("schema");
  const unsigned no_name = __LINE__ + 1;
  s.add<Thing>("no_name").rule(Rule().port(1));
  const unsigned no_rule = __LINE__ + 1;
  s.add<Thing>("no_rule").name("x");
  const unsigned too_many = __LINE__ + 1;
  s.add<Thing>("too_many").name("x").rule(Rule().port(1)).rule(Rule().port(2)).rule(Rule().port(3));
  const unsigned no_port = __LINE__ + 1;
  s.add<Thing>("no_port").name("x").rule(Rule().description("d"));
  const unsigned data_line = __LINE__ + 1;
  s.add<test::ThingData>("lookup").rule(Rule().port(1));
  auto ds = validate(s);

  auto missing = with_rule(ds, "schema.missing-argument");
  REQUIRE(missing.size() == 3);
  check_location(missing[0], no_name);
  CHECK(missing[0].message == "missing required argument name");
  CHECK(missing[0].address == "aws_thing.no_name");
  check_location(missing[1], no_port);
  CHECK(missing[1].message == "block rule: missing required argument port");
  CHECK(missing[1].address == "aws_thing.no_port");
  check_location(missing[2], data_line);
  CHECK(missing[2].message == "missing required argument name");
  CHECK(missing[2].address == "data.aws_thing.lookup");

  auto counts = with_rule(ds, "schema.block-count");
  REQUIRE(counts.size() == 2);
  check_location(counts[0], no_rule);
  CHECK(counts[0].message == "block rule is required at least 1 time(s), found 0");
  CHECK(counts[0].address == "aws_thing.no_rule");
  check_location(counts[1], too_many);
  CHECK(counts[1].message == "block rule is allowed at most 2 time(s), found 3");
  CHECK(ds.items().size() == 5);
}

TEST_CASE("schema: overrides can supply or remove arguments", "[checks][schema]") {
  Stack s("override");
  s.add<Thing>("supplied").add_override("name", "x").add_override("rule.0.port", 1);
  const unsigned removed = __LINE__ + 1;
  add_thing(s, "removed").delete_override("name");
  auto d = only(validate(s), "schema.missing-argument");
  check_location(d, removed);
  CHECK(d.address == "aws_thing.removed");
  CHECK(d.message == "missing required argument name");
}

TEST_CASE("schema: a computed-only attribute set through a raw tf_with is caught",
          "[checks][schema]") {
  Stack s("computed");
  const unsigned line = __LINE__ + 1;
  add_thing(s, "t").arn_raw("arn:aws:x");
  auto d = only(validate(s), "schema.computed-argument");
  check_location(d, line);
  CHECK(d.address == "aws_thing.t");
  CHECK(d.message == "arn is computed by the provider and cannot be set");
}

TEST_CASE("schema: lifecycle.ignore_changes names must exist", "[checks][schema]") {
  Stack s("ignore");
  const unsigned line = __LINE__ + 1;
  add_thing(s, "t").lifecycle(Lifecycle().ignore_changes({"tags[\"Name\"]", "rule", "nope.x"}));
  auto d = only(validate(s), "core.unknown-attribute");
  check_location(d, line);
  CHECK(d.message == "lifecycle.ignore_changes names 'nope.x', which aws_thing does not have");
}

TEST_CASE("diagnostics are sorted by file and line, errors detected", "[checks]") {
  Stack s("sorted");
  s.add<TerraformData>("b").input(ref<std::string>("x.y.z"));
  s.add<TerraformData>("a").input(ref<std::string>("x.y.z"));
  auto ds = validate(s);
  REQUIRE(ds.items().size() == 2);
  CHECK(ds.items()[0].address == "terraform_data.b");
  CHECK(ds.items()[0].where.line < ds.items()[1].where.line);
  CHECK(ds.has_errors());
  CHECK(std::string(to_string(Severity::warning)) == "warning");
}

TEST_CASE("rule sets passed to validate() run and suppressions are marked", "[checks]") {
  static constexpr RuleInfo kRules[] = {{"test.custom", Severity::warning, "a custom finding"}};
  RuleSet custom("test", kRules, [](RuleContext& c) {
    for (auto b : c.stack().blocks())
      if (b.kind() == BlockKind::resource) c.report("test.custom", b, "custom finding", "hint");
  });
  Stack s("custom");
  s.add<TerraformData>("quiet").suppress_rule("test.custom", "reviewed: fine here");
  s.add<TerraformData>("loud");
  // Without the set, nothing runs it: and its id is unknown to the suppression.
  auto without = validate(s);
  REQUIRE(without.items().size() == 1);
  CHECK(without.items()[0].rule == "core.unknown-rule");
  auto ds = validate(s, {{custom}});
  REQUIRE(ds.items().size() == 2);
  CHECK_FALSE(ds.has_errors());
  CHECK(ds.has_errors(/*strict=*/true));
  int suppressed = 0;
  for (const auto& d : ds.items())
    if (d.address == "terraform_data.quiet") {
      CHECK(d.suppressed_because == "reviewed: fine here");
      ++suppressed;
    } else {
      CHECK(d.suppressed_because.empty());
    }
  CHECK(suppressed == 1);
}

// --- Allowed values (allowed_values.hpp): what generated setters do for an
// attribute with a closed value set, on a hand-written binding.
namespace {
using schema::AttributeSpec;
constexpr AttributeSpec kListenerRuleAttrs[] = {
    {.name = "type", .type = "\"string\"", .required = true, .allowed = "|forward|redirect"},
};
constexpr schema::BlockSpec kListenerRule{kListenerRuleAttrs, {}};
constexpr schema::BlockTypeSpec kListenerBlocks[] = {{"action", schema::Nesting::list, 0, 0, &kListenerRule}};
constexpr AttributeSpec kListenerAttrs[] = {
    {.name = "protocol", .type = "\"string\"", .optional = true, .allowed = "|HTTP|HTTPS", .allowed_ignore_case = true},
    {.name = "methods", .type = "[\"set\",\"string\"]", .optional = true, .allowed = "|GET|HEAD|POST", .allowed_element = true},
    {.name = "mode", .type = "\"string\"", .optional = true, .allowed = "||a|b"},
};
constexpr schema::BlockSpec kListener{kListenerAttrs, kListenerBlocks};

struct Action : NestedBlock<Action> {
  Action& type(OneOf<"aws_listener.action.type", "|forward|redirect"> v) { return tf_with("type", v.expr()); }
  template <class = void>
  Action& type(const Expr<std::string>& v) { return tf_with("type", v); }
};
struct Listener : ResourceBase<Listener> {
  static constexpr BlockKind tf_kind = BlockKind::resource;
  static constexpr std::string_view tf_type = "aws_listener";
  static const schema::BlockSpec& tf_spec() { return kListener; }
  static const schema::ProviderInfo& tf_provider_info() { return test::aws_info(); }
  using ResourceBase::ResourceBase;
  Listener protocol(OneOf<"aws_listener.protocol", "|HTTP|HTTPS", true> v) const { return tf_with("protocol", v.expr()); }
  template <class = void>
  Listener protocol(const Expr<std::string>& v) const { return tf_with("protocol", v); }
  Listener methods(std::initializer_list<OneOf<"aws_listener.methods", "|GET|HEAD|POST">> v) const {
    return tf_with("methods", checked_list<Set<std::string>>(v));
  }
  template <class = void>
  Listener methods(const Expr<Set<std::string>>& v) const { return tf_with("methods", v); }
  Listener mode(const Expr<std::string>& v) const { return tf_with("mode", v); }
  Listener action(const Action& a) const { return tf_with_block("action", a.value()); }
};
}  // namespace

TEST_CASE("allowed values: literals checked by the compiler, the rest at emit", "[checks][values]") {
  static_assert(detail::in_value_set("|HTTP|HTTPS", "HTTPS", false));
  static_assert(!detail::in_value_set("|HTTP|HTTPS", "https", false));
  static_assert(detail::in_value_set("|HTTP|HTTPS", "https", true));
  static_assert(!detail::in_value_set("|HTTP|HTTPS", "HTTP ", true));
  static_assert(detail::in_value_set("||a|b", "", false));  // "" is a value here
  static_assert(!detail::in_value_set("|a|b", "", false));
  static_assert(!detail::in_value_set("", "", false));
  // A literal outside the set does not compile (tests/bindings/compile_fail);
  // within it, OneOf carries the text.
  constexpr OneOf<"t.a", "|x|y"> checked("y");
  static_assert(checked.text() == "y");

  Stack s("t");
  auto proto = s.variable<std::string>("protocol");
  std::string runtime = "HTTPS";
  s.add<Listener>("literals").protocol("https").methods({"GET", "HEAD"}).action(Action{}.type("forward"));
  s.add<Listener>("expressions").protocol(proto).methods(Expr<Set<std::string>>(s.variable<Set<std::string>>("m")));
  s.add<Listener>("runtime_ok").protocol(runtime).mode("");
  CHECK(validate(s).items().empty());

  const unsigned line = __LINE__ + 1;
  s.add<Listener>("runtime_bad").protocol(std::string("FTP"));
  auto d = only(validate(s), "schema.disallowed-value");
  check_location(d, line);
  CHECK(d.message == "protocol is \"FTP\", which the provider does not accept");
  CHECK(d.hint == "use one of \"HTTP\", \"HTTPS\" (any letter case)");

  Stack e("e");
  std::vector<Expr<std::string>> methods{"GET", "PUT"};
  e.add<Listener>("element").methods(Expr<Set<std::string>>(methods));
  e.add<Listener>("nested").action(Action{}.type(std::string("redirekt")));
  e.add<Listener>("empty").mode("c\n");
  auto ds = with_rule(validate(e), "schema.disallowed-value");
  REQUIRE(ds.size() == 3);
  std::set<std::string> messages;
  for (const auto& x : ds) messages.insert(x.message);
  CHECK(messages == std::set<std::string>{"methods has the element \"PUT\", which the provider does not accept",
                                          "block action: type is \"redirekt\", which the provider does not accept",
                                          "mode is \"c\\n\", which the provider does not accept"});
}

// --- Where in a block a finding is: the path of nested blocks in messages
// (built only when something is reported).
namespace {
constexpr AttributeSpec kPortAttrs[] = {{.name = "port", .type = "\"number\"", .required = true}};
constexpr schema::BlockSpec kPortBody{kPortAttrs, {}};
constexpr schema::BlockTypeSpec kMiddleBlocks[] = {{"inner", schema::Nesting::list, 0, 0, &kPortBody}};
constexpr schema::BlockSpec kMiddle{{}, kMiddleBlocks};
constexpr schema::BlockTypeSpec kOuterBlocks[] = {{"labelled", schema::Nesting::map, 0, 0, &kPortBody},
                                                  {"middle", schema::Nesting::list, 0, 0, &kMiddle}};
constexpr schema::BlockSpec kOuter{{}, kOuterBlocks};

struct Outer : ResourceBase<Outer> {
  static constexpr BlockKind tf_kind = BlockKind::resource;
  static constexpr std::string_view tf_type = "aws_outer";
  static const schema::BlockSpec& tf_spec() { return kOuter; }
  static const schema::ProviderInfo& tf_provider_info() { return test::aws_info(); }
  using ResourceBase::ResourceBase;
  Outer block(std::string_view name, const Value& body) const { return tf_with_block(name, body); }
};
}  // namespace

TEST_CASE("schema: findings in nested blocks name the path", "[checks][schema]") {
  Stack s("paths");
  const Value no_port = Value::object({});
  s.add<Outer>("deep").block("middle", Value::object({{"inner", Value::list(std::vector<Value>{no_port})}}));
  s.add<Outer>("labels").block("labelled", Value::object({{"first", no_port}}));
  auto ds = with_rule(validate(s), "schema.missing-argument");
  REQUIRE(ds.size() == 2);
  std::set<std::string> messages;
  for (const auto& x : ds) messages.insert(x.address + ": " + x.message);
  CHECK(messages == std::set<std::string>{"aws_outer.deep: block middle.inner: missing required argument port",
                                          "aws_outer.labels: block labelled.first: missing required argument port"});
}

TEST_CASE("check blocks: a scoped data source is the check's alone; a check needs an assertion", "[checks][check]") {
  Stack s("scoped");
  auto health = s.check("health");
  const unsigned declared = __LINE__ + 1;
  auto peer = health.data<builtin::TerraformRemoteState>("peer").backend("local");
  health.assert_that(gt(function_call<Number>("length", peer.outputs()), 0), "no outputs");
  // Another scoped data source of the same check may use it too.
  health.data<builtin::TerraformRemoteState>("second").backend("local").workspace(
      peer.output<std::string>("workspace"));
  const unsigned user = __LINE__ + 1;
  s.add<TerraformData>("user").input(peer.outputs());
  const unsigned other_line = __LINE__ + 1;
  auto other = s.check("other");
  other.assert_that(is_null(peer.outputs()), "used from another check");
  const unsigned empty_line = __LINE__ + 1;
  s.check("empty");
  const unsigned twice_line = __LINE__ + 1;
  s.check("other").assert_that(true, "a second check of one name");

  const auto ds = validate(s);
  const auto refs = with_rule(ds, "core.invalid-reference");
  REQUIRE(refs.size() == 2);
  check_location(refs[0], user);
  CHECK(refs[0].message.find("reference to data.terraform_remote_state.peer (in input), a data source scoped to "
                             "check 'health'") == 0);
  check_location(refs[1], other_line);
  CHECK(refs[1].address == "check.other");
  const auto missing = only(ds, "core.missing-argument");
  check_location(missing, empty_line);
  CHECK(missing.message == "check empty has no assertion");
  check_location(only(ds, "core.duplicate-address"), twice_line);
  std::size_t errors = 0;
  for (const auto& d : ds.items()) errors += d.severity == Severity::error;
  CHECK(errors == 4);
  (void)declared;

  // The names of checks are identifiers, refused at the line.
  CHECK_THROWS_WITH(s.check("not a name"), Catch::Contains("check name 'not a name' is not an identifier"));
}

TEST_CASE("imports: each.key and each.value are the import's for_each, and each element needs its instance", "[checks][import]") {
  Stack s("imports");
  auto names = s.variable<Set<std::string>>("names");
  auto x = s.add<TerraformData>("x").for_each(names).input(each_key());
  s.import_each(names, x[each_key()], each_value<std::string>());  // fine
  // A plain import cannot use each, even into a for_each resource.
  s.import_resource(x["a"], each_value<std::string>());
  const unsigned whole = __LINE__ + 1;
  s.import_each(names, x, each_value<std::string>());
  const auto ds = validate(s);
  const auto refs = with_rule(ds, "core.invalid-reference");
  REQUIRE(refs.size() == 2);
  CHECK(refs[0].message == "each.value used (in import id) but the import has no for_each");
  CHECK(refs[0].hint.find("s.import_each(") != std::string::npos);
  CHECK(refs[1].where.line == whole);
  CHECK(refs[1].message == "import_each imports every element into terraform_data.x, one address");
}
