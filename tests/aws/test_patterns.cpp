// Patterns (include/stackgen/patterns/): what each declares, its defaults,
// the faithful stack's overrides, and the inputs it refuses at the caller's
// line.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include <stackgen/aws/security_group.hpp>
#include <stackgen/aws/subnet.hpp>
#include <stackgen/aws/vpc.hpp>
#include <stackgen/core/emit.hpp>
#include <stackgen/core/error.hpp>
#include <stackgen/lint/aws.hpp>
#include <stackgen/aws/provider.hpp>
#include <stackgen/aws/ecs_task_definition.hpp>
#include <stackgen/aws/lb.hpp>
#include <stackgen/aws/lb_listener_rule.hpp>
#include <stackgen/awsdoc/container_definition.hpp>
#include <stackgen/patterns/codedeploy_blue_green.hpp>
#include <stackgen/patterns/database.hpp>
#include <stackgen/patterns/dns_validated_certificate.hpp>
#include <stackgen/patterns/fargate_service.hpp>
#include <stackgen/patterns/log_file_system.hpp>
#include <stackgen/patterns/network.hpp>
#include <stackgen/patterns/registry.hpp>
#include <stackgen/patterns/secure_bucket.hpp>
#include <stackgen/patterns/spa_with_api.hpp>
#include <stackgen/stackgen.hpp>

#include "pattern_support.hpp"

using nlohmann::json;
using namespace stackgen;
using namespace pattern_test;

namespace {

/// How an expression is written in the emitted JSON.
std::string emitted_hcl(const Expr<std::string>& e) {
  Stack probe("probe");
  probe.output("x", e);
  return json::parse(render(probe)[0].content)["output"]["x"]["value"].dump();
}


}  // namespace

TEST_CASE("registry: immutable, scanned, with a lifecycle policy by default") {
  Stack s("t");
  auto r = patterns::registry(s, "images", "orders");
  CHECK(r.lifecycle_policy.has_value());
  json doc = emit(s);
  const json& repo = doc["resource"]["aws_ecr_repository"]["images"];
  CHECK(repo["name"] == "orders");
  CHECK(repo["image_tag_mutability"] == "IMMUTABLE");
  CHECK(repo["image_scanning_configuration"][0]["scan_on_push"] == true);
  const json& policy = doc["resource"]["aws_ecr_lifecycle_policy"]["images-lifecycle"];
  CHECK(policy["repository"] == "${aws_ecr_repository.images.name}");
  const std::string text = policy["policy"];
  CHECK(text.find("\"countNumber\" = 7") != std::string::npos);
  CHECK(text.find("\"countNumber\" = 90") != std::string::npos);
  CHECK(text.find("\"rulePriority\" = 2") != std::string::npos);
  // The defaults leave nothing for the ECR rules to report.
  auto rules = rules_of(s);
  CHECK_FALSE(rules.count("ops.ecr-no-lifecycle-policy"));
  CHECK_FALSE(rules.count("sec.ecr-mutable-tags"));
  CHECK_FALSE(rules.count("sec.ecr-no-scan-on-push"));
}

TEST_CASE("registry: every default can be turned off, and the lint says what that costs") {
  Stack s("t");
  auto r = patterns::registry(s, "app-ecr", "app-ecr",
                              {.immutable_tags = false, .scan_on_push = false, .expire_untagged_after_days = 0, .keep_images = 0});
  CHECK_FALSE(r.lifecycle_policy.has_value());
  json doc = emit(s);
  CHECK(doc["resource"]["aws_ecr_repository"]["app-ecr"]["image_tag_mutability"] == "MUTABLE");
  CHECK_FALSE(doc["resource"].contains("aws_ecr_lifecycle_policy"));
  auto rules = rules_of(s);
  CHECK(rules.count("ops.ecr-no-lifecycle-policy"));
  CHECK(rules.count("sec.ecr-mutable-tags"));

  Stack one("t");
  patterns::registry(one, "r", "repo", {.expire_untagged_after_days = 0, .keep_images = 5});
  const std::string text = emit(one)["resource"]["aws_ecr_lifecycle_policy"]["r-lifecycle"]["policy"];
  CHECK(text.find("\"rulePriority\" = 1") != std::string::npos);  // the one rule is first
  CHECK(text.find("untagged") == std::string::npos);
}

TEST_CASE("registry: refuses negative counts at the caller's line") {
  Stack s("t");
  CHECK_THROWS_WITH(patterns::registry(s, "r", "r", {.keep_images = -1}), Catch::Contains("keep_images must be 0"));
  const unsigned line = __LINE__ + 1;
  auto e = thrown_by([&] { patterns::registry(s, "r2", "r2", {.expire_untagged_after_days = -3}); });
  CHECK(e.where().line == line);
  CHECK(std::string(e.where().file).find("test_patterns.cpp") != std::string::npos);
}

TEST_CASE("log_file_system: encrypted, a mount target per subnet, an optional access point") {
  Stack s("t");
  auto vpc = s.add<aws::Vpc>("vpc").cidr_block("10.0.0.0/16");
  auto cidrs = s.variable<List<std::string>>("cidrs").default_value({"10.0.1.0/24", "10.0.2.0/24"});
  auto subnets = s.add<aws::Subnet>("private").count(length(cidrs)).vpc_id(vpc.id()).cidr_block(cidrs[count_index()]);
  auto sg = s.add<aws::SecurityGroup>("nfs").vpc_id(vpc.id());
  auto logs = patterns::log_file_system(s, "logs", {.subnets = subnets, .count = length(cidrs), .security_groups = {sg.id()}},
                                        {.access_point_path = "/logs"});
  REQUIRE(logs.access_point.has_value());
  json doc = emit(s);
  const json& fs = doc["resource"]["aws_efs_file_system"]["logs"];
  CHECK(fs["encrypted"] == true);
  CHECK(fs["lifecycle_policy"][0]["transition_to_ia"] == "AFTER_90_DAYS");
  const json& targets = doc["resource"]["aws_efs_mount_target"]["logs-target"];
  CHECK(targets["count"] == "${length(var.cidrs)}");
  CHECK(targets["subnet_id"] == "${aws_subnet.private[count.index].id}");
  CHECK(targets["security_groups"] == json::array({"${aws_security_group.nfs.id}"}));
  const json& ap = doc["resource"]["aws_efs_access_point"]["logs-access-point"];
  CHECK(ap["root_directory"][0]["path"] == "/logs");
  CHECK(ap["root_directory"][0]["creation_info"][0]["permissions"] == "0755");
  CHECK(ap["posix_user"][0]["uid"] == 1000);
  CHECK_FALSE(rules_of(s).count("sec.efs-unencrypted"));
}

TEST_CASE("log_file_system: refuses mount targets without a security group, and relative paths") {
  Stack s("t");
  auto subnets = s.add<aws::Subnet>("private").vpc_id("vpc-1").cidr_block("10.0.1.0/24");
  CHECK_THROWS_WITH(patterns::log_file_system(s, "logs", {.subnets = subnets, .count = 1, .security_groups = {}}),
                    Catch::Contains("at least one security group"));
  const unsigned line = __LINE__ + 2;
  auto e = thrown_by([&] {
    patterns::log_file_system(s, "logs2", {.subnets = subnets, .count = 1, .security_groups = {"sg-1"}},
                              {.access_point_path = "logs"});
  });
  CHECK(std::string(e.what()).find("absolute path") != std::string::npos);
  CHECK(e.where().line == line);
}

TEST_CASE("dns_validated_certificate: records from the certificate's own options, the us-east-1 copy from the same call") {
  Stack s("t");
  s.provider<aws::Provider>().region("eu-west-1");
  auto virginia = s.provider<aws::Provider>("us-east-1").region("us-east-1");
  auto zone = s.add<aws::Route53Zone>("zone").name("example.org");
  auto cert = patterns::dns_validated_certificate(s, "web", "*.example.org", zone,
                                                  {.subject_alternative_names = {"example.org"},
                                                   .cloudfront_provider = virginia});
  REQUIRE(cert.cloudfront_certificate.has_value());
  REQUIRE(cert.cloudfront_validation.has_value());
  json doc = emit(s);
  const json& certs = doc["resource"]["aws_acm_certificate"];
  CHECK(certs["web"]["validation_method"] == "DNS");
  CHECK(certs["web"]["subject_alternative_names"] == json::array({"example.org"}));
  CHECK(certs["web"]["lifecycle"]["create_before_destroy"] == true);
  CHECK_FALSE(certs["web"].contains("provider"));
  CHECK(certs["web-us-east-1"]["provider"] == "aws.us-east-1");
  const json& records = doc["resource"]["aws_route53_record"]["web-validation-records"];
  CHECK(records["for_each"].get<std::string>().find("aws_acm_certificate.web.domain_validation_options") !=
        std::string::npos);
  CHECK(records["ttl"] == 60);
  CHECK(records["allow_overwrite"] == true);
  const json& validations = doc["resource"]["aws_acm_certificate_validation"];
  CHECK(validations["web-validation"]["certificate_arn"] == "${aws_acm_certificate.web.arn}");
  CHECK(validations["web-us-east-1-validation"]["certificate_arn"] == "${aws_acm_certificate.web-us-east-1.arn}");
  CHECK(validations["web-us-east-1-validation"]["provider"] == "aws.us-east-1");
  // One set of records validates both: ACM validates a domain once per account.
  CHECK(validations["web-us-east-1-validation"]["validation_record_fqdns"] ==
        validations["web-validation"]["validation_record_fqdns"]);
}

TEST_CASE("dns_validated_certificate: a regional one alone, and what it refuses") {
  Stack s("t");
  auto zone = s.add<aws::Route53Zone>("zone").name("example.org");
  auto cert = patterns::dns_validated_certificate(s, "api", "api.example.org", zone);
  CHECK_FALSE(cert.cloudfront_certificate.has_value());
  json doc = emit(s);
  CHECK(doc["resource"]["aws_acm_certificate"].size() == 1);
  CHECK(doc["resource"]["aws_acm_certificate_validation"].size() == 1);

  CHECK_THROWS_WITH(patterns::dns_validated_certificate(s, "a", "a.example.org", zone, {.record_ttl = 0}),
                    Catch::Contains("record_ttl must be 1..172800"));
  auto virginia = s.provider<aws::Provider>("us-east-1").region("us-east-1");
  CHECK_THROWS_WITH(patterns::dns_validated_certificate(s, "b", "b.example.org", zone,
                                                        {.cloudfront_provider = virginia, .cloudfront_copy_address = "b"}),
                    Catch::Contains("named like the certificate, 'b'"));
}

namespace {
patterns::NetworkSettings two_zones(patterns::NatGateways nat) {
  return {.cidr_block = "10.0.0.0/16",
          .public_subnet_cidrs = {"10.0.1.0/24", "10.0.2.0/24"},
          .private_subnet_cidrs = {"10.0.3.0/24", "10.0.4.0/24"},
          .database_subnet_cidrs = {"10.0.5.0/24", "10.0.6.0/24"},
          .zone = "eu-west-1" + element(Expr<List<std::string>>({"a", "b"}), count_index()),
          .zone_label = element(Expr<List<std::string>>({"a", "b"}), count_index()),
          .name_prefix = "shop",
          .nat_gateways = nat};
}
}  // namespace

TEST_CASE("network: a NAT gateway per zone, each zone's private subnets through its own") {
  Stack s("t");
  auto net = patterns::network(s, two_zones(patterns::NatGateways::one_per_zone));
  json doc = emit(s);
  const json& r = doc["resource"];
  CHECK(r["aws_vpc"]["vpc"]["tags"]["Name"] == "shop-vpc");
  CHECK(r["aws_subnet"]["public"]["map_public_ip_on_launch"] == true);
  CHECK(r["aws_subnet"]["private"]["count"] == "${length([\"10.0.3.0/24\", \"10.0.4.0/24\"])}");
  CHECK(r["aws_nat_gateway"]["nat"]["count"] == r["aws_subnet"]["public"]["count"]);
  CHECK(r["aws_nat_gateway"]["nat"]["depends_on"] == json::array({"aws_internet_gateway.igw"}));
  CHECK(r["aws_route"]["route-private"]["nat_gateway_id"] == "${aws_nat_gateway.nat[count.index].id}");
  CHECK(r["aws_route_table_association"]["rt-private-db-association"]["route_table_id"] ==
        "${aws_route_table.rt-private[count.index].id}");
  CHECK_FALSE(r.contains("aws_main_route_table_association"));
}

TEST_CASE("network: a single NAT gateway, or none") {
  Stack single("t");
  patterns::network(single, two_zones(patterns::NatGateways::single));
  const json r = emit(single)["resource"];
  CHECK(r["aws_nat_gateway"]["nat"]["count"] == 1);
  CHECK(r["aws_route_table"]["rt-private"]["count"] == 1);
  CHECK(r["aws_route"]["route-private"]["nat_gateway_id"] == "${aws_nat_gateway.nat[0].id}");
  CHECK(r["aws_route_table_association"]["rt-private-association"]["route_table_id"] ==
        "${aws_route_table.rt-private[0].id}");

  Stack none("t");
  patterns::network(none, two_zones(patterns::NatGateways::none));
  const json n = emit(none)["resource"];
  CHECK(n["aws_nat_gateway"]["nat"]["count"] == 0);
  CHECK_FALSE(n["aws_route"].contains("route-private"));
}

TEST_CASE("network: more private than public subnets with a NAT gateway per zone is refused") {
  Stack s("t");
  auto settings = two_zones(patterns::NatGateways::one_per_zone);
  settings.public_subnet_cidrs = {"10.0.1.0/24"};
  CHECK_THROWS_WITH(patterns::network(s, settings), Catch::Contains("2 private subnets but 1 public ones"));
  settings.nat_gateways = patterns::NatGateways::single;
  CHECK_NOTHROW(patterns::network(s, settings));
}

namespace {

/// A Fargate service behind an ALB with two target groups and a production
/// and a test listener: what codedeploy_blue_green() wires.
struct BlueGreenFixture {
  patterns::CodeDeployBlueGreenSettings settings;
};

BlueGreenFixture blue_green_fixture(Stack& s) {
  namespace doc = awsdoc;
  auto cluster = s.add<aws::EcsCluster>("cluster").name("shop");
  auto task = s.add<aws::EcsTaskDefinition>("web")
                  .family("web")
                  .requires_compatibilities({"FARGATE"})
                  .network_mode("awsvpc")
                  .cpu("256")
                  .memory("512")
                  .container_definitions(doc::container_definitions({doc::ContainerDefinition("web").image("web:1").port(8080)}));
  auto service = s.add<aws::EcsService>("web")
                     .name("web")
                     .cluster(cluster.id())
                     .task_definition(task.arn())
                     .desired_count(2)
                     .launch_type("FARGATE")
                     .network_configuration([](auto& n) { n.subnets({"subnet-1"}).security_groups({"sg-1"}); });
  auto group = [&](const char* name) {
    return s.add<aws::LbTargetGroup>(name).name(name).port(8080).protocol("HTTP").target_type("ip").vpc_id("vpc-1");
  };
  auto alb = s.add<aws::Lb>("alb").name("shop").load_balancer_type("application").subnets({"subnet-1", "subnet-2"});
  auto blue = group("blue"), green = group("green");
  auto https = https_listener(s, "https", 443, alb.arn()), test = https_listener(s, "test", 8443, alb.arn());
  // Traffic reaches the groups through rules (CodeDeploy swaps their targets).
  for (auto [name, l, tg] : {std::tuple{"prod", https, blue}, std::tuple{"test", test, green}})
    s.add<aws::LbListenerRule>(name)
        .listener_arn(l.arn())
        .priority(1)
        .action([&](auto& a) { a.type("forward").target_group_arn(tg.arn()); })
        .condition([](auto& c) { c.path_pattern([](auto& p) { p.values({"/*"}); }); })
        .lifecycle(Lifecycle{}.ignore_changes({"action"}));
  return {{.cluster = cluster,
           .service = service,
           .container_name = "web",
           .container_port = 8080,
           .blue = blue,
           .green = green,
           .production_listener = https,
           .test_listener = test,
           .application_name = "shop",
           .deployment_group_name = "shop-web",
           .role_name = "shop-codedeploy"}};
}

}  // namespace

TEST_CASE("codedeploy_blue_green: the service wired for CodeDeploy, and the group with the safe defaults") {
  Stack s("t");
  auto f = blue_green_fixture(s);
  auto deploy = patterns::codedeploy_blue_green(s, "web-deploy", f.settings);
  json doc = emit(s);
  const json& r = doc["resource"];
  const json& service = r["aws_ecs_service"]["web"];
  CHECK(service["deployment_controller"][0]["type"] == "CODE_DEPLOY");
  CHECK(service["load_balancer"][0] == json({{"container_name", "web"},
                                             {"container_port", 8080},
                                             {"target_group_arn", "${aws_lb_target_group.blue.arn}"}}));
  CHECK(service["lifecycle"]["ignore_changes"] == json::array({"desired_count", "task_definition", "load_balancer"}));
  const json& group = r["aws_codedeploy_deployment_group"]["web-deploy-group"];
  CHECK(group["deployment_config_name"] == "CodeDeployDefault.ECSLinear10PercentEvery1Minutes");
  CHECK(group["auto_rollback_configuration"][0] == json({{"enabled", true}, {"events", json::array({"DEPLOYMENT_FAILURE"})}}));
  const json& pair = group["load_balancer_info"][0]["target_group_pair_info"][0];
  CHECK(pair["prod_traffic_route"][0]["listener_arns"] == json::array({"${aws_lb_listener.https.arn}"}));
  CHECK(pair["test_traffic_route"][0]["listener_arns"] == json::array({"${aws_lb_listener.test.arn}"}));
  CHECK(pair["target_group"].size() == 2);
  CHECK(r["aws_iam_role_policy_attachment"]["web-deploy-AWSCodeDeployRoleForECS"]["policy_arn"] ==
        "arn:aws:iam::aws:policy/AWSCodeDeployRoleForECS");
  CHECK(doc["output"]["web-deploy-container-port"]["value"] == 8080);
  CHECK(doc["output"]["web-deploy-deployment-group"]["value"] ==
        "${aws_codedeploy_deployment_group.web-deploy-group.deployment_group_name}");
  // What the blue/green rules check is right by construction.
  auto rules = rules_of(s);
  CHECK_FALSE(rules.count("aws.codedeploy-blue-green"));
  CHECK_FALSE(rules.count("ops.codedeploy-ecs-ignore-changes"));
  CHECK_FALSE(rules.count("ops.codedeploy-no-test-listener"));
  CHECK(rules.count("ops.codedeploy-no-notifications"));  // no topic given
  (void)deploy;
}

TEST_CASE("codedeploy_blue_green: alarms, notifications, and a reproduction's options") {
  Stack s("t");
  auto f = blue_green_fixture(s);
  f.settings.rollback_alarms = {"web-5xx"};
  f.settings.notification_topic_arn = "arn:aws:sns:eu-west-1:123456789012:deployments";
  f.settings.deployment_config = patterns::EcsDeploymentConfig::canary_10_percent_5_minutes();
  patterns::codedeploy_blue_green(s, "web-deploy", f.settings);
  const json group = emit(s)["resource"]["aws_codedeploy_deployment_group"]["web-deploy-group"];
  CHECK(group["auto_rollback_configuration"][0]["events"] == json::array({"DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"}));
  CHECK(group["alarm_configuration"][0]["alarms"] == json::array({"web-5xx"}));
  CHECK(group["trigger_configuration"][0]["trigger_events"].size() == 3);
  CHECK(group["deployment_config_name"] == "CodeDeployDefault.ECSCanary10Percent5Minutes");

  Stack old("t");
  auto g = blue_green_fixture(old);
  g.settings.test_listener.reset();
  g.settings.without_test_listener = true;
  g.settings.ignore_what_codedeploy_changes = false;
  g.settings.rollback_on_failure = false;
  g.settings.trust_policy_as_data_source = true;
  g.settings.outputs = false;
  patterns::codedeploy_blue_green(old, "web-deploy", g.settings);
  json doc = emit(old);
  CHECK(doc["data"]["aws_iam_policy_document"].contains("web-deploy-assume-role"));
  CHECK(doc["resource"]["aws_iam_role"]["web-deploy-role"]["assume_role_policy"] ==
        "${data.aws_iam_policy_document.web-deploy-assume-role.json}");
  CHECK(doc["resource"]["aws_codedeploy_deployment_group"]["web-deploy-group"]["auto_rollback_configuration"][0] ==
        json({{"enabled", false}}));
  CHECK_FALSE(doc.contains("output"));
  auto rules = rules_of(old);
  CHECK(rules.count("ops.codedeploy-ecs-ignore-changes"));  // the price of the reproduction
  CHECK(rules.count("ops.codedeploy-no-test-listener"));
}

TEST_CASE("codedeploy_blue_green: refuses what cannot work, at the caller's line") {
  Stack s("t");
  auto f = blue_green_fixture(s);
  auto same = f.settings;
  same.green = same.blue;
  CHECK_THROWS_WITH(patterns::codedeploy_blue_green(s, "a", same), Catch::Contains("blue and green are the same target group"));
  auto test_is_prod = f.settings;
  test_is_prod.test_listener = test_is_prod.production_listener;
  CHECK_THROWS_WITH(patterns::codedeploy_blue_green(s, "b", test_is_prod), Catch::Contains("test traffic would reach users"));
  auto untested = f.settings;
  untested.test_listener.reset();
  CHECK_THROWS_WITH(patterns::codedeploy_blue_green(s, "d", untested), Catch::Contains("no test listener"));
  auto http = f.settings;
  http.test_listener = s.add<aws::LbListener>("plain").load_balancer_arn("arn:aws:elasticloadbalancing:x").port(80).protocol(
      "HTTP");
  CHECK_THROWS_WITH(patterns::codedeploy_blue_green(s, "e", http),
                    Catch::Contains("aws_lb_listener.plain is a plain HTTP listener"));
  auto rolling = f.settings;
  rolling.service.deployment_controller([](auto& c) { c.type("ECS"); });
  CHECK_THROWS_WITH(patterns::codedeploy_blue_green(s, "f", rolling),
                    Catch::Contains("is declared with the ECS deployment controller"));
  Stack other("t2");
  auto g = blue_green_fixture(other);
  g.settings.service.load_balancer([](auto& l) { l.target_group_arn("arn:tg").container_name("web").container_port(8080); });
  CHECK_THROWS_WITH(patterns::codedeploy_blue_green(other, "g", g.settings),
                    Catch::Contains("is declared with a load_balancer block"));
  auto long_wait = f.settings;
  long_wait.terminate_blue_after_minutes = 3000;
  const unsigned line = __LINE__ + 1;
  auto e = thrown_by([&] { patterns::codedeploy_blue_green(s, "c", long_wait); });
  CHECK(std::string(e.what()).find("0..2880") != std::string::npos);
  CHECK(e.where().line == line);
}

TEST_CASE("database: private, encrypted, protected, the password managed by RDS") {
  Stack s("t");
  auto subnets = s.add<aws::Subnet>("db").count(2).vpc_id("vpc-1").cidr_block(cidrsubnet("10.0.0.0/16", 8, count_index()));
  auto db = patterns::database(s, "orders", {.identifier = "orders",
                                             .db_name = "orders",
                                             .engine_version = "16.4",
                                             .subnets = subnets,
                                             .subnet_group_name = "orders-db",
                                             .username = "orders",
                                             .security_group_ids = {"sg-1"},
                                             .parameter_group_family = "postgres16",
                                             .parameters = {{"log_min_duration_statement", "500"}},
                                             .final_snapshot_identifier = "orders-final"});
  REQUIRE(db.secret_arn.has_value());
  REQUIRE(db.parameter_group.has_value());
  json doc = emit(s);
  const json& i = doc["resource"]["aws_db_instance"]["orders"];
  CHECK(i["manage_master_user_password"] == true);
  CHECK_FALSE(i.contains("password"));
  CHECK(i["storage_encrypted"] == true);
  CHECK(i["publicly_accessible"] == false);
  CHECK(i["deletion_protection"] == true);
  CHECK(i["backup_retention_period"] == 7);
  CHECK(i["parameter_group_name"] == "${aws_db_parameter_group.orders-parameters.name}");
  CHECK(i["db_subnet_group_name"] == "${aws_db_subnet_group.orders-subnet-group.name}");
  CHECK(doc["resource"]["aws_db_subnet_group"]["orders-subnet-group"]["subnet_ids"] == "${aws_subnet.db[*].id}");
  const json& p = doc["resource"]["aws_db_parameter_group"]["orders-parameters"];
  CHECK(p["family"] == "postgres16");
  CHECK(p["parameter"][0] == json({{"name", "log_min_duration_statement"}, {"value", "500"}}));
  CHECK(emitted_hcl(db.password_secret()) == "\"${aws_db_instance.orders.master_user_secret[0].secret_arn}:password::\"");
  auto rules = rules_of(s);
  for (const char* r : {"sec.rds-public", "sec.rds-unencrypted", "sec.rds-master-password", "sec.rds-no-deletion-protection",
                        "sec.rds-skip-final-snapshot"}) {
    INFO(r);
    CHECK_FALSE(rules.count(r));
  }
}

TEST_CASE("database: refuses what RDS would, at the caller's line") {
  Stack s("t");
  auto subnets = s.add<aws::Subnet>("db").vpc_id("vpc-1").cidr_block("10.0.5.0/24");
  patterns::DatabaseSettings base{.identifier = "d",
                                  .db_name = "d",
                                  .engine_version = "16.4",
                                  .subnets = subnets,
                                  .subnet_group_name = "d",
                                  .username = "d",
                                  .security_group_ids = {"sg-1"},
                                  .final_snapshot_identifier = "d-final"};
  auto no_sg = base;
  no_sg.security_group_ids.clear();
  CHECK_THROWS_WITH(patterns::database(s, "a", no_sg), Catch::Contains("at least one security group"));
  auto no_final = base;
  no_final.final_snapshot_identifier.reset();
  CHECK_THROWS_WITH(patterns::database(s, "b", no_final), Catch::Contains("needs final_snapshot_identifier"));
  auto both = base;
  both.parameter_group_name = "default.postgres16";
  both.parameter_group_family = "postgres16";
  CHECK_THROWS_WITH(patterns::database(s, "c", both), Catch::Contains("not both"));
  auto small = base;
  small.allocated_storage = 5;
  const unsigned line = __LINE__ + 1;
  auto e = thrown_by([&] { patterns::database(s, "e", small); });
  CHECK(std::string(e.what()).find("at least 20 GB") != std::string::npos);
  CHECK(e.where().line == line);
}

TEST_CASE("fargate_service: a rolling service behind a rule, open to the load balancer only, scaling on CPU") {
  Stack s("t");
  auto settings = fargate_settings(s);
  auto web = patterns::fargate_service(s, "web", settings);
  CHECK_FALSE(web.green_target_group.has_value());
  CHECK_FALSE(web.test_rule.has_value());
  json doc = emit(s);
  const json& r = doc["resource"];
  const json& service = r["aws_ecs_service"]["web-ecs-service"];
  CHECK(service["load_balancer"][0] == json({{"container_name", "web"},
                                             {"container_port", 8080},
                                             {"target_group_arn", "${aws_lb_target_group.web-ecs-service-tg1.arn}"}}));
  CHECK(service["deployment_circuit_breaker"][0] == json({{"enable", true}, {"rollback", true}}));
  CHECK(service["depends_on"] == json::array({"aws_lb_listener_rule.web-alb-ecs-service-rule"}));
  CHECK(service["lifecycle"]["ignore_changes"] == json::array({"desired_count"}));
  CHECK(service["network_configuration"][0]["assign_public_ip"] == false);
  // Ingress: the container port, from the ALB's group, nothing else.
  const json& ingress = r["aws_security_group"]["web"]["ingress"];
  REQUIRE(ingress.size() == 1);
  CHECK(ingress[0]["from_port"] == 8080);
  CHECK(ingress[0]["to_port"] == 8080);
  CHECK(ingress[0]["security_groups"] == json::array({"${aws_security_group.alb.id}"}));
  CHECK(ingress[0]["cidr_blocks"].empty());
  const json& rule = r["aws_lb_listener_rule"]["web-alb-ecs-service-rule"];
  CHECK(rule["condition"][0]["path_pattern"][0]["values"] == json::array({"/api/*"}));
  CHECK_FALSE(rule.contains("lifecycle"));
  const json& tg = r["aws_lb_target_group"]["web-ecs-service-tg1"];
  CHECK(tg["port"] == 8080);
  CHECK(tg["deregistration_delay"] == "30");
  CHECK(tg["health_check"][0]["path"] == "/health");
  // The container writes to the service's log group.
  const json task = r["aws_ecs_task_definition"]["web-definition"];
  CHECK(task["execution_role_arn"] == "${aws_iam_role.web-ecs-task-execution-role.arn}");
  CHECK_FALSE(task.contains("task_role_arn"));
  const std::string containers = task["container_definitions"];
  CHECK(containers.find("aws_cloudwatch_log_group.web-ecs-logs.name") != std::string::npos);
  CHECK(containers.find("awslogs-stream-prefix") != std::string::npos);
  const json& policy = r["aws_appautoscaling_policy"]["web-ecs-cpu-target"];
  CHECK(policy["name"] == "web-cpu-target");
  CHECK(policy["target_tracking_scaling_policy_configuration"][0]["predefined_metric_specification"][0]
              ["predefined_metric_type"] == "ECSServiceAverageCPUUtilization");
  CHECK_FALSE(r["aws_appautoscaling_target"]["web-ecs-target"].contains("role_arn"));  // the service-linked role
  // The defaults leave the lint nothing to say (clean under --strict).
  auto rules = rules_of(s);
  for (const auto& rule_id : rules) UNSCOPED_INFO(rule_id);
  CHECK(rules.empty());
}

TEST_CASE("fargate_service: blue/green target groups and rules for CodeDeploy, and a reproduction's options") {
  Stack s("t");
  auto f = fargate_settings(s);
  auto test = https_listener(s, "test", 8443, "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/1");
  f.deployment = patterns::ServiceDeployment::codedeploy_blue_green;
  f.green_target_group_name = "web-green";
  f.routing.test_listener = test;
  f.routing.hosts = {"shop.example.com"};
  f.secret_arns = {"arn:aws:secretsmanager:eu-west-1:123456789012:secret:db"};
  f.task_role_name = "web-task";
  f.autoscaling->step_scaling = patterns::StepScaling{.alarm_name = "web-cpu-high"};
  auto web = patterns::fargate_service(s, "web", f);
  REQUIRE(web.green_target_group.has_value());
  REQUIRE(web.test_rule.has_value());
  patterns::CodeDeployBlueGreenSettings settings{.cluster = f.cluster,
                                                 .service = web.service,
                                                 .container_name = "web",
                                                 .container_port = 8080,
                                                 .blue = web.target_group,
                                                 .green = *web.green_target_group,
                                                 .production_listener = f.routing.listener,
                                                 .test_listener = test,
                                                 .application_name = "shop",
                                                 .deployment_group_name = "shop-web",
                                                 .role_name = "shop-codedeploy"};
  patterns::codedeploy_blue_green(s, "web-deploy", settings);
  json doc = emit(s);
  const json& r = doc["resource"];
  const json& service = r["aws_ecs_service"]["web-ecs-service"];
  CHECK(service["deployment_controller"][0]["type"] == "CODE_DEPLOY");
  CHECK_FALSE(service.contains("deployment_circuit_breaker"));
  CHECK(service["load_balancer"].size() == 1);
  const json& test_rule = r["aws_lb_listener_rule"]["web-alb-ecs-service-test-rule"];
  CHECK(test_rule["action"][0]["target_group_arn"] == "${aws_lb_target_group.web-ecs-service-tg2.arn}");
  CHECK(test_rule["lifecycle"]["ignore_changes"] == json::array({"action"}));
  CHECK(test_rule["condition"].size() == 2);  // host and path
  CHECK(r["aws_iam_role_policy"]["web-ecs-read-secrets"]["policy"].get<std::string>().find("secret:db") !=
        std::string::npos);
  CHECK(r["aws_ecs_task_definition"]["web-definition"]["task_role_arn"] == "${aws_iam_role.web-ecs-task-role.arn}");
  CHECK(r["aws_cloudwatch_metric_alarm"]["web-ecs-cpu-high"]["alarm_actions"] ==
        json::array({"${aws_appautoscaling_policy.web-ecs-policy-scale-out.arn}"}));

  // The faithful reference's choices, each one reported by the lint.
  Stack old("t");
  auto g = fargate_settings(old);
  g.task_role_is_execution_role = true;
  g.scaling_role_is_execution_role = true;
  g.ignore_container_definition_changes = true;
  g.every_port_from_load_balancer = true;
  g.service_waits_for_rule = false;
  g.autoscaling = patterns::ServiceAutoscaling{
      .min_capacity = 1, .max_capacity = 4, .target_tracking = {}, .step_scaling = patterns::StepScaling{.alarm_name = "cpu"}};
  g.desired_count = 1;
  patterns::fargate_service(old, "web", g);
  json before = emit(old);
  CHECK(before["resource"]["aws_security_group"]["web"]["ingress"][0]["to_port"] == 65535);
  CHECK_FALSE(before["resource"]["aws_ecs_service"]["web-ecs-service"].contains("depends_on"));
  auto rules = rules_of(old);
  CHECK(rules.count("sec.ecs-task-role-is-execution-role"));
  CHECK(rules.count("ops.autoscaling-role-is-task-role"));
  CHECK(rules.count("ops.ignore-changes-container-definitions"));
}

TEST_CASE("fargate_service: refuses what cannot serve traffic, at the caller's line") {
  Stack s("t");
  auto f = fargate_settings(s);
  auto expect = [&](patterns::FargateServiceSettings settings, const char* message) {
    INFO(message);
    const unsigned line = __LINE__ + 1;
    auto e = thrown_by([&] { patterns::fargate_service(s, "x", settings); });
    CHECK_THAT(e.what(), Catch::Contains(message));
    CHECK(e.where().line == line);
  };
  auto wrong_container = f;
  wrong_container.container_name = "api";
  expect(wrong_container, "no container is named \"api\"");
  auto wrong_port = f;
  wrong_port.container_port = 80;
  expect(wrong_port, "has no port mapping of container_port 80");
  auto open_group = f;
  open_group.security_group = s.add<aws::SecurityGroup>("open").name("open").description("open").vpc_id("vpc-1").ingress(
      {aws::SecurityGroup::Ingress{}.protocol("tcp").from_port(22).to_port(22).cidr_blocks({"0.0.0.0/0"})});
  expect(open_group, "aws_security_group.open is declared with ingress rules");
  auto every_request = f;
  every_request.routing.paths.clear();
  expect(every_request, "no host or path condition");
  auto one_group = f;
  one_group.deployment = patterns::ServiceDeployment::native_blue_green;
  expect(one_group, "needs green_target_group_name");
  auto test_on_rolling = f;
  test_on_rolling.routing.test_listener = f.routing.listener;
  expect(test_on_rolling, "a test listener is for blue/green deployments");
  auto http_blue_green = f;
  http_blue_green.deployment = patterns::ServiceDeployment::codedeploy_blue_green;
  http_blue_green.green_target_group_name = "web-green";
  http_blue_green.routing.listener = s.add<aws::LbListener>("plain").load_balancer_arn("arn:lb").port(80).protocol("HTTP");
  expect(http_blue_green, "is a plain HTTP listener");
  auto outside = f;
  outside.desired_count = 9;
  expect(outside, "desired_count 9 is outside the autoscaling range 2..4");
  auto never = f;
  never.autoscaling->target_tracking.clear();
  expect(never, "would never scale");
  auto requests = f;
  requests.autoscaling->target_tracking = {{.metric = "ALBRequestCountPerTarget"}};
  expect(requests, "needs resource_label");
}

namespace {

patterns::SpaWithApiSettings shop_sites(Stack& s) {
  auto bucket = patterns::secure_bucket(s, "web", "shop-web");
  auto alb = s.add<aws::Lb>("alb").name("shop").load_balancer_type("application").subnets({"subnet-1", "subnet-2"});
  return {.bucket = bucket,
          .sites = {{.name = "shop", .domain = "shop.example.com", .origin_path = "/shop"},
                    {.name = "admin", .domain = "admin.example.com", .origin_path = "/admin"}},
          .api = patterns::ApiOrigin{.load_balancer = alb},
          .zone_id = "Z123",
          .certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/web"};
}

}  // namespace

TEST_CASE("spa_with_api: two SPAs in one bucket, /api/* to the ALB, managed policies, one bucket policy for both") {
  Stack s("t");
  auto cdn = patterns::spa_with_api(s, "web", shop_sites(s));
  REQUIRE(cdn.sites.size() == 2);
  json doc = emit(s);
  const json& r = doc["resource"];
  const json& d = r["aws_cloudfront_distribution"]["shop-distribution"];
  CHECK(d["origin"][0]["origin_path"] == "/shop");
  CHECK(d["origin"][0]["origin_access_control_id"] == "${aws_cloudfront_origin_access_control.shop-front.id}");
  CHECK(d["origin"][1]["custom_origin_config"][0]["origin_protocol_policy"] == "https-only");
  const json& site = d["default_cache_behavior"][0];
  CHECK(site["cache_policy_id"] == "658327ea-f89d-4fab-a63d-7e88639e58f6");  // CachingOptimized
  CHECK(site["response_headers_policy_id"] == "67f7725c-6f97-4210-82d7-5512b31e9d03");
  CHECK(site["compress"] == true);
  CHECK_FALSE(site.contains("forwarded_values"));
  const json& api = d["ordered_cache_behavior"][0];
  CHECK(api["path_pattern"] == "/api/*");
  CHECK(api["cache_policy_id"] == "4135ea2d-6df8-44a3-9df3-4b5a84be39ad");           // CachingDisabled
  CHECK(api["origin_request_policy_id"] == "b689b0a8-53d0-40ab-baf2-68738e2966ac");  // AllViewerExceptHostHeader
  CHECK(api["target_origin_id"] == "${aws_lb.alb.id}");
  REQUIRE(d["custom_error_response"].size() == 2);
  CHECK(d["custom_error_response"][1]["error_code"] == 404);
  CHECK(d["restrictions"][0]["geo_restriction"][0]["restriction_type"] == "none");
  CHECK(d["viewer_certificate"][0]["minimum_protocol_version"] == "TLSv1.2_2021");
  CHECK(d["is_ipv6_enabled"] == true);
  CHECK(r["aws_route53_record"]["shop-alias"]["type"] == "A");
  CHECK(r["aws_route53_record"]["shop-alias-ipv6"]["type"] == "AAAA");
  const std::string policy = r["aws_s3_bucket_policy"]["web-policy"]["policy"];
  CHECK(policy.find("aws_cloudfront_distribution.shop-distribution.arn") != std::string::npos);
  CHECK(policy.find("aws_cloudfront_distribution.admin-distribution.arn") != std::string::npos);
  // Nothing for the lint to say but the test bucket's missing access logs
  // (secure_bucket without a log bucket: the test's choice).
  CHECK(rules_of(s) == std::set<std::string>{"sec.s3-no-access-logging"});
}

TEST_CASE("spa_with_api / static_site: the reproduction's legacy caching, and a static site without SPA routing") {
  Stack s("t");
  auto settings = shop_sites(s);
  settings.caching = patterns::CdnCaching::legacy_forwarded_values();
  settings.spa_error_codes = std::vector<int>{403};
  settings.allowed_countries = {"KR"};
  settings.ipv6 = false;
  settings.sites[0].default_methods = patterns::SiteMethods::all;
  patterns::spa_with_api(s, "web", settings);
  auto bucket = patterns::secure_bucket(s, "files", "shop-files");
  patterns::static_site(s, "files", {.bucket = bucket,
                                     .sites = {{.name = "files", .domain = "files.example.com"}},
                                     .zone_id = "Z123",
                                     .certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/web"});
  json doc = emit(s);
  const json& r = doc["resource"];
  const json& d = r["aws_cloudfront_distribution"]["shop-distribution"];
  CHECK(d["default_cache_behavior"][0]["forwarded_values"][0]["query_string"] == false);
  CHECK(d["default_cache_behavior"][0]["allowed_methods"].size() == 7);
  CHECK(d["ordered_cache_behavior"][0]["forwarded_values"][0]["headers"] == json::array({"*"}));
  CHECK(d["restrictions"][0]["geo_restriction"][0]["locations"] == json::array({"KR"}));
  CHECK(d["custom_error_response"].size() == 1);
  CHECK_FALSE(d.contains("is_ipv6_enabled"));
  CHECK_FALSE(r["aws_route53_record"].contains("shop-alias-ipv6"));
  const json& files = r["aws_cloudfront_distribution"]["files-distribution"];
  CHECK_FALSE(files.contains("custom_error_response"));
  CHECK_FALSE(files.contains("ordered_cache_behavior"));
  CHECK_FALSE(files["origin"][0].contains("origin_path"));
  CHECK(rules_of(s).count("ops.cloudfront-legacy-forwarded-values"));
}

TEST_CASE("spa_with_api / static_site: refuse what CloudFront would serve wrongly, at the caller's line") {
  Stack s("t");
  const auto base = shop_sites(s);
  auto expect = [&](patterns::SpaWithApiSettings settings, const char* message, bool static_site = false) {
    INFO(message);
    const unsigned line = __LINE__ + 2;
    auto e = thrown_by([&] {
      static_site ? patterns::static_site(s, "x", settings) : patterns::spa_with_api(s, "x", settings);
    });
    CHECK_THAT(e.what(), Catch::Contains(message));
    CHECK(e.where().line == line);
  };
  auto none = base;
  none.sites.clear();
  expect(none, "no sites");
  auto twice = base;
  twice.sites[1].name = "shop";
  expect(twice, "two sites are named \"shop\"");
  auto trailing = base;
  trailing.sites[0].origin_path = "/shop/";
  expect(trailing, "must start with '/' and not end with one");
  auto relative_api = base;
  relative_api.api->path_pattern = "api/*";
  expect(relative_api, "must start with '/'");
  auto not_an_error = base;
  not_an_error.spa_error_codes = std::vector<int>{200};
  expect(not_an_error, "is not an HTTP error");
  auto country = base;
  country.allowed_countries = {"Korea"};
  expect(country, "ISO 3166-1 alpha-2");
  expect(base, "a static site has no API", /*static_site=*/true);
}
