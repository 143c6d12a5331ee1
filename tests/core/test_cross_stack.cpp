// Cross-stack references (stackgen/core/cross_stack.hpp): what
// connect_stacks makes of a handle used in a dependent stack, where the
// remote state is read from, the apply order, and what is refused.
#include <stackgen/core/cross_stack.hpp>

#include "test_support.hpp"

using namespace stackgen;
using builtin::TerraformData;
using test::render_json;
using test::with_rule;

namespace {

struct TwoStacks {
  App app;
  Stack& network = app.stack("network");
  Stack& service = app.stack("service");
};

}  // namespace

TEST_CASE("a handle of a dependency becomes an output there and remote state here", "[cross-stack]") {
  TwoStacks t;
  auto vpc = t.network.add<TerraformData>("vpc").input(Value("10.0.0.0/16"));
  t.service.depends_on(t.network);
  t.service.add<TerraformData>("a").input(vpc.output());
  t.service.add<TerraformData>("b").input(Value{{"id", vpc.id()}, {"again", vpc.output()}});
  connect_stacks(t.app);
  CHECK(validate(t.network).items().empty());
  CHECK(validate(t.service).items().empty());

  auto net = render_json(t.network);
  // One output per expression, however often it is used.
  CHECK(net["output"].size() == 2);
  CHECK(net["output"]["terraform_data_vpc_output"]["value"] == "${terraform_data.vpc.output}");
  CHECK(net["output"]["terraform_data_vpc_id"]["value"] == "${terraform_data.vpc.id}");
  auto svc = render_json(t.service);
  CHECK(svc["data"]["terraform_remote_state"]["network"] ==
        test::json::parse(R"({"backend": "local", "config": {"path": "../network/terraform.tfstate"}})"));
  CHECK(svc["resource"]["terraform_data"]["a"]["input"] ==
        "${data.terraform_remote_state.network.outputs.terraform_data_vpc_output}");
  CHECK(svc["resource"]["terraform_data"]["b"]["input"]["again"] ==
        "${data.terraform_remote_state.network.outputs.terraform_data_vpc_output}");
  // A second run finds nothing left to carry.
  connect_stacks(t.app);
  CHECK(render_json(t.network)["output"].size() == 2);
}

TEST_CASE("cross-stack: an output name already taken gets a suffix", "[cross-stack]") {
  TwoStacks t;
  auto vpc = t.network.add<TerraformData>("vpc");
  t.network.output("terraform_data_vpc_id", Value("mine"));
  t.service.depends_on(t.network);
  t.service.add<TerraformData>("a").input(vpc.id());
  connect_stacks(t.app);
  auto net = render_json(t.network);
  CHECK(net["output"]["terraform_data_vpc_id"]["value"] == "mine");
  CHECK(net["output"]["terraform_data_vpc_id_2"]["value"] == "${terraform_data.vpc.id}");
  CHECK(render_json(t.service)["resource"]["terraform_data"]["a"]["input"] ==
        "${data.terraform_remote_state.network.outputs.terraform_data_vpc_id_2}");
}

TEST_CASE("cross-stack: the remote state follows the dependency's backend", "[cross-stack]") {
  SECTION("s3 with a bucket: its address, without the writer's locks") {
    TwoStacks t;
    t.network.terraform().backend(s3_backend(t.network, {.bucket = "acme-state", .region = "eu-west-1"}));
    auto vpc = t.network.add<TerraformData>("vpc");
    t.service.depends_on(t.network);
    t.service.add<TerraformData>("a").input(vpc.id());
    connect_stacks(t.app);
    CHECK(render_json(t.service)["data"]["terraform_remote_state"]["network"] == test::json::parse(R"({
      "backend": "s3",
      "config": {"bucket": "acme-state", "encrypt": true, "key": "network/terraform.tfstate", "region": "eu-west-1"}})"));
  }
  SECTION("s3 with the bucket left to init: a variable of the using stack") {
    TwoStacks t;
    t.network.terraform().backend(s3_backend(t.network, {.key_prefix = "shop/"}));
    auto vpc = t.network.add<TerraformData>("vpc");
    t.service.depends_on(t.network);
    t.service.add<TerraformData>("a").input(vpc.id());
    connect_stacks(t.app);
    auto svc = render_json(t.service);
    CHECK(svc["data"]["terraform_remote_state"]["network"]["config"] == test::json::parse(R"({
      "bucket": "${var.network_state_bucket}", "encrypt": true, "key": "shop/network/terraform.tfstate"})"));
    CHECK(svc["variable"]["network_state_bucket"]["type"] == "string");
    CHECK(validate(t.service).items().empty());
  }
  SECTION("local: relative paths are the sibling directory's, absolute ones kept") {
    TwoStacks t;
    t.network.terraform().backend(local_backend(t.network, "state"));
    auto vpc = t.network.add<TerraformData>("vpc");
    t.service.depends_on(t.network);
    t.service.add<TerraformData>("a").input(vpc.id());
    connect_stacks(t.app);
    CHECK(render_json(t.service)["data"]["terraform_remote_state"]["network"]["config"]["path"] ==
          "../network/state/network.tfstate");
    Stack& other = t.app.stack("other");
    Stack& reader = t.app.stack("reader");
    other.terraform().backend(local_backend(other, "/var/state"));
    auto x = other.add<TerraformData>("x");
    reader.depends_on(other);
    reader.add<TerraformData>("r").input(x.id());
    connect_stacks(t.app);
    CHECK(render_json(reader)["data"]["terraform_remote_state"]["other"]["config"]["path"] == "/var/state/other.tfstate");
  }
}

TEST_CASE("cross-stack: what is not carried is an error at the using line", "[cross-stack]") {
  TwoStacks t;
  auto vpc = t.network.add<TerraformData>("vpc");
  SECTION("no depends_on") {
    const unsigned line = __LINE__ + 1;
    t.service.add<TerraformData>("a").input(vpc.id());
    connect_stacks(t.app);
    auto ds = with_rule(validate(t.service), "core.cross-stack-reference");
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].where.line == line);
    CHECK(ds[0].hint.find("service.depends_on(network)") != std::string::npos);
  }
  SECTION("a whole block") {
    t.service.depends_on(t.network);
    const unsigned line = __LINE__ + 1;
    t.service.add<TerraformData>("a").input(values_of(vpc, &TerraformData::id));
    connect_stacks(t.app);
    auto ds = with_rule(validate(t.service), "core.cross-stack-reference");
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].where.line == line);
    CHECK(ds[0].message.find("only attributes, variables and locals cross stacks") != std::string::npos);
  }
  SECTION("a cycle, at the depends_on that closes it") {
    t.service.depends_on(t.network);
    const unsigned line = __LINE__ + 1;
    t.network.depends_on(t.service);
    auto ds = with_rule(validate(t.network), "core.stack-dependency-cycle");
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].where.line == line);
    CHECK(ds[0].message == "stack 'network' depends on itself: network -> service -> network");
  }
  SECTION("itself, and a stack name twice in one app") {
    CHECK_THROWS_WITH(t.service.depends_on(t.service), "stack 'service' cannot depend on itself");
    CHECK_THROWS_WITH(t.app.stack("network"), Catch::Contains("stack 'network' is already part of this app"));
  }
}

TEST_CASE("apply order: dependencies first, then by name; cycles last", "[cross-stack]") {
  App app;
  Stack& c = app.stack("c");
  Stack& a = app.stack("a");
  Stack& b = app.stack("b");
  Stack& z = app.stack("z");
  a.depends_on(z);  // z before a, though a sorts first
  auto names = [&] {
    std::string out;
    for (const Stack* s : apply_order(app)) out += s->name() + " ";
    return out;
  };
  CHECK(names() == "b c z a ");
  b.depends_on(c);
  c.depends_on(b);
  CHECK(names() == "z a b c ");
  REQUIRE(dependencies_of(app, a).size() == 1);
  CHECK(dependencies_of(app, a)[0] == &z);
}
