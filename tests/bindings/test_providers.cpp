// The aws (schema/aws-5.100.0.json, the whole provider), tls, random and null
// bindings, generated at build time, in use: a small stack through their
// public API, emitted and checked against the provider schemas (the specs
// are inline in the headers). Include the types used, never aws/all.hpp.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include <stackgen/aws/alb.hpp>
#include <stackgen/aws/alb_target_group.hpp>
#include <stackgen/aws/data/iam_policy_document.hpp>
#include <stackgen/aws/db_instance.hpp>
#include <stackgen/aws/iam_role.hpp>
#include <stackgen/aws/key_pair.hpp>
#include <stackgen/aws/lb.hpp>
#include <stackgen/aws/lb_listener.hpp>
#include <stackgen/aws/lb_listener_rule.hpp>
#include <stackgen/aws/lb_target_group.hpp>
#include <stackgen/aws/provider.hpp>
#include <stackgen/aws/s3_bucket.hpp>
#include <stackgen/aws/security_group.hpp>
#include <stackgen/aws/ssm_parameter.hpp>
#include <stackgen/aws/subnet.hpp>
#include <stackgen/aws/vpc.hpp>
#include <stackgen/core/emit.hpp>
#include <stackgen/null/resource.hpp>
#include <stackgen/random/all.hpp>
#include <stackgen/stackgen.hpp>
#include <stackgen/tls/all.hpp>

#include "bindings_test_support.hpp"

using nlohmann::json;
using namespace stackgen;

namespace {

using bindings_test::render_json;
const auto& findings = bindings_test::findings;

}  // namespace

TEST_CASE("provider info comes from the schema files") {
  CHECK(aws::provider_info().local_name == "aws");
  CHECK(aws::provider_info().source == "hashicorp/aws");
  CHECK(aws::provider_info().version == "5.100.0");
  CHECK(tls::provider_info().source == "hashicorp/tls");
  CHECK(tls::provider_info().version == "4.0.6");
  CHECK(random::provider_info().source == "hashicorp/random");
  CHECK(random::provider_info().version == "3.6.3");
  CHECK(aws::LbListenerRule::tf_type == "aws_lb_listener_rule");
  CHECK(aws::data::IamPolicyDocument::tf_kind == BlockKind::data);
}

TEST_CASE("the specs describe the schema") {
  const auto& spec = aws::LbListenerRule::tf_spec();
  const auto* listener_arn = spec.attribute("listener_arn");
  REQUIRE(listener_arn);
  CHECK(listener_arn->required);
  CHECK(listener_arn->type == "\"string\"");
  const auto* arn = spec.attribute("arn");
  REQUIRE(arn);
  CHECK((arn->computed && !arn->optional && !arn->required));
  const auto* action = spec.block_type("action");
  REQUIRE(action);
  CHECK(action->nesting == schema::Nesting::list);
  CHECK(action->min_items == 1);
  REQUIRE(action->block);
  const auto* forward = action->block->block_type("forward");
  REQUIRE(forward);
  CHECK(forward->max_items == 1);
  const auto* target_group = forward->block->block_type("target_group");
  REQUIRE(target_group);
  CHECK(target_group->nesting == schema::Nesting::set);
  CHECK((target_group->min_items == 1 && target_group->max_items == 5));

  CHECK(random::Password::tf_spec().attribute("result")->sensitive);
  CHECK(random::Password::tf_spec().attribute("number")->deprecated);
  CHECK_FALSE(random::String::tf_spec().attribute("result")->sensitive);
  CHECK(aws::SecurityGroup::tf_spec().attribute("ingress")->type.starts_with(
      "[\"set\",[\"object\","));
  CHECK(aws::Provider::tf_spec().attribute("region"));
  CHECK(tls::Provider::tf_spec().block_type("proxy"));

  // Write-only arguments and deprecated blocks (BlockSpec::deprecated).
  const auto* password_wo = aws::DbInstance::tf_spec().attribute("password_wo");
  REQUIRE(password_wo);
  CHECK((password_wo->write_only && password_wo->optional));
  CHECK_FALSE(aws::DbInstance::tf_spec().attribute("password")->write_only);
  const auto* versioning = aws::S3Bucket::tf_spec().block_type("versioning");
  REQUIRE(versioning);
  CHECK(versioning->block->deprecated);
  CHECK_FALSE(aws::S3Bucket::tf_spec().deprecated);
  CHECK_FALSE(aws::LbListenerRule::tf_spec().block_type("action")->block->deprecated);
}

TEST_CASE("aliases are their own types, with the schema of what they alias") {
  CHECK(aws::Alb::tf_type == "aws_alb");
  CHECK(aws::AlbTargetGroup::tf_type == "aws_alb_target_group");
  CHECK(&aws::Alb::tf_spec() != &aws::Lb::tf_spec());
  CHECK(aws::Alb::tf_spec().attributes.size() == aws::Lb::tf_spec().attributes.size());
  Stack s("alias");
  auto tg = s.add<aws::AlbTargetGroup>("tg").port(80).protocol("HTTP");
  s.add<aws::Alb>("lb").internal(true).name("x");
  INFO(findings(validate(s)));
  CHECK_FALSE(validate(s).has_errors());
  json out = render_json(s);
  CHECK(out["resource"]["aws_alb"]["lb"]["internal"] == true);
  CHECK(out["resource"]["aws_alb_target_group"]["tg"]["port"] == 80);
  (void)tg;
}

TEST_CASE("a small web stack with every provider validates and emits") {
  Stack s("web");
  s.provider<aws::Provider>()
      .region("eu-west-1")
      .default_tags(aws::Provider::DefaultTags{}.tags({{"app", "web"}}));
  s.provider<aws::Provider>("us-east-1").region("us-east-1");

  auto vpc = s.add<aws::Vpc>("vpc").cidr_block("10.0.0.0/16");
  auto subnets = s.add<aws::Subnet>("public").count(2).vpc_id(vpc.id()).cidr_block(
      cidrsubnet(vpc.cidr_block(), 8, count_index()));
  auto sg = s.add<aws::SecurityGroup>("web").vpc_id(vpc.id()).ingress(
      {aws::SecurityGroup::Ingress{}.from_port(443).to_port(443).protocol("tcp").cidr_blocks(
          {"0.0.0.0/0"})});
  auto lb = s.add<aws::Lb>("web")
                .internal(false)
                .subnets(splat(subnets, &aws::Subnet::id))
                .security_groups({sg.id()});
  auto tg = s.add<aws::LbTargetGroup>("web").port(8080).protocol("HTTP").vpc_id(vpc.id());
  auto listener =
      s.add<aws::LbListener>("https").load_balancer_arn(lb.arn()).port(443).default_action(
          aws::LbListener::DefaultAction{}.type("forward").target_group_arn(tg.arn()));
  s.add<aws::LbListenerRule>("api")
      .listener_arn(listener.arn())
      .action(aws::LbListenerRule::Action{}.type("forward").target_group_arn(tg.arn()))
      .condition(aws::LbListenerRule::Condition{}.path_pattern(
          aws::LbListenerRule::Condition::PathPattern{}.values({"/api/*"})));
  auto policy = s.add<aws::data::IamPolicyDocument>("assume").statement(
      aws::data::IamPolicyDocument::Statement{}
          .actions({"sts:AssumeRole"})
          .principals(
              aws::data::IamPolicyDocument::Statement::Principals{}.type("Service").identifiers(
                  {"ecs-tasks.amazonaws.com"})));
  s.add<aws::IamRole>("task").assume_role_policy(policy.json());

  auto key = s.add<tls::PrivateKey>("key").algorithm("ED25519");
  s.add<aws::KeyPair>("deployer").public_key(key.public_key_openssh());
  auto password = s.add<random::Password>("db").length(32).special(false);
  s.add<aws::SsmParameter>("db-password")
      .name("/web/db")
      .type("SecureString")
      .value(password.result());

  INFO(findings(validate(s)));
  CHECK_FALSE(validate(s).has_errors());

  json out = render_json(s);
  CHECK(out["terraform"]["required_providers"] == json::parse(R"({
    "aws": {"source": "hashicorp/aws", "version": "~> 5.100"},
    "random": {"source": "hashicorp/random", "version": "~> 3.6"},
    "tls": {"source": "hashicorp/tls", "version": "~> 4.0"}})"));
  json r = out["resource"];
  // Object-typed attribute: every field present, null where unset.
  CHECK(r["aws_security_group"]["web"]["ingress"] == json::parse(R"([{
    "cidr_blocks": ["0.0.0.0/0"], "description": null, "from_port": 443,
    "ipv6_cidr_blocks": null, "prefix_list_ids": null, "protocol": "tcp",
    "security_groups": null, "self": null, "to_port": 443}])"));
  CHECK(r["aws_lb"]["web"]["subnets"] == "${aws_subnet.public[*].id}");
  CHECK(r["aws_lb_listener_rule"]["api"]["condition"] ==
        json::parse(R"([{"path_pattern": [{"values": ["/api/*"]}]}])"));
  CHECK(r["aws_iam_role"]["task"]["assume_role_policy"] ==
        "${data.aws_iam_policy_document.assume.json}");
  CHECK(r["aws_key_pair"]["deployer"]["public_key"] == "${tls_private_key.key.public_key_openssh}");
  CHECK(r["aws_ssm_parameter"]["db-password"]["value"] == "${random_password.db.result}");
  CHECK(out["provider"]["aws"].size() == 2);
}

TEST_CASE("schema checks catch what the types cannot") {
  Stack s("web");
  s.add<aws::LbListenerRule>("rule").priority(1);  // no listener_arn, no action, no condition
  auto d = validate(s);
  auto has = [&](const std::string& rule, const std::string& fragment) {
    for (const auto& i : d.items())
      if (i.rule == rule && i.message.find(fragment) != std::string::npos) return true;
    return false;
  };
  INFO(findings(d));
  CHECK(has("schema.missing-argument", "listener_arn"));
  CHECK(has("schema.block-count", "action"));
  CHECK(has("schema.block-count", "condition"));
}

TEST_CASE("hashicorp/null: its bindings live in stackgen::null_ (stackgen::null is the null constant)") {
  CHECK(null_::provider_info().local_name == "null");
  CHECK(null_::provider_info().source == "hashicorp/null");
  CHECK(null_::provider_info().version == "3.2.4");
  Stack s("nulls");
  auto first = s.add<null_::Resource>("first").triggers({{"version", "1"}});
  s.add<null_::Resource>("second").triggers({{"after", first.id()}});
  // The constant keeps its meaning next to the bindings.
  s.output("nothing", Expr<std::string>(null));
  json j = render_json(s);
  CHECK(j["resource"]["null_resource"]["second"]["triggers"]["after"] == "${null_resource.first.id}");
  CHECK(j["terraform"]["required_providers"]["null"] == json{{"source", "hashicorp/null"}, {"version", "~> 3.2"}});
  CHECK(j["output"]["nothing"]["value"].is_null());
}
