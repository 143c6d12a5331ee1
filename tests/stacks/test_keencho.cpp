// The emitted reference stack against the spec
// (../shared/spec/seed-infrastructure.md): every address with its count /
// for_each, and the values that carry the design.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <stackgen/stackgen.hpp>

#include <stackgen/aws/ecs_service.hpp>
#include <stackgen/aws/lb_target_group.hpp>
#include <stackgen/lint/aws.hpp>
#include <stackgen/testing/catch2.hpp>

#include "stackgen/core/emit.hpp"

using nlohmann::json;

namespace {

json emit_keencho(stackgen::Context context = {}) {
  for (const auto& def : stackgen::registered_stacks()) {
    if (def.name != "keencho") continue;
    stackgen::Stack s("keencho", std::move(context));
    def.build(s);
    auto diagnostics = stackgen::validate(s);
    for (const auto& d : diagnostics.items()) {
      INFO(d.where.file << ":" << d.where.line << ": " << d.rule << ": " << d.message);
      CHECK(d.severity != stackgen::Severity::error);
    }
    auto files = stackgen::render(s);
    REQUIRE(files.at(0).path == "keencho/main.tf.json");  // then its deploy/ files (docs/delivery.md)
    return json::parse(files[0].content);
  }
  FAIL("stack keencho is not registered");
  return {};
}

const json& r(const json& doc, const std::string& type, const std::string& name) {
  INFO(type << "." << name);
  REQUIRE(doc["resource"].contains(type));
  REQUIRE(doc["resource"][type].contains(name));
  return doc["resource"][type][name];
}

std::set<std::string> addresses(const json& doc) {
  std::set<std::string> out;
  for (const auto& [type, items] : doc["resource"].items())
    for (const auto& [name, body] : items.items()) out.insert(type + "." + name);
  for (const auto& [type, items] : doc["data"].items())
    for (const auto& [name, body] : items.items()) out.insert("data." + type + "." + name);
  return out;
}

}  // namespace

TEST_CASE("every address of the spec is emitted, and nothing else") {
  json doc = emit_keencho();
  std::set<std::string> expected = {
      // network
      "aws_vpc.vpc", "aws_internet_gateway.igw", "aws_eip.nat", "aws_nat_gateway.nat",
      "aws_route_table.rt-public", "aws_main_route_table_association.main", "aws_route.route-public",
      "aws_route_table.rt-private", "aws_route.route-private", "aws_subnet.public", "aws_subnet.private",
      "aws_subnet.private-db", "aws_route_table_association.rt-public-association",
      "aws_route_table_association.rt-private-association",
      "aws_route_table_association.rt-private-db-association",
      // dns and certificates
      "aws_route53_zone.keencho", "aws_acm_certificate.ssl-certificate",
      "aws_acm_certificate.ssl-certificate-virginia", "aws_route53_record.app-certificate-validation",
      "aws_acm_certificate_validation.ssl-certificate-validation",
      // test environment
      "aws_security_group.app-alb-sg", "aws_lb.app-alb", "tls_private_key.pk", "aws_key_pair.app-test-key-pair",
      "aws_security_group.app-test-sg", "aws_instance.app-test-ec2", "aws_eip.app-test-ec2-eip",
      "aws_lb_target_group.app-test", "aws_lb_listener.app-alb-listener-http",
      "aws_lb_listener.app-alb-listener-https", "aws_lb_target_group_attachment.app-test-attachment",
      "aws_lb_listener_rule.app-alb-test-rule", "aws_route53_record.app-admin-test",
      "aws_route53_record.app-user-test",
      // front end
      "aws_s3_bucket.app-prod-react", "aws_s3_bucket_ownership_controls.app-prod-react-ownership",
      "aws_s3_bucket_acl.app-prod-react-acl", "aws_s3_object.app-prod-react-admin",
      "aws_s3_object.app-prod-react-user", "aws_cloudfront_origin_access_control.admin-front",
      "aws_cloudfront_origin_access_control.user-front", "aws_cloudfront_distribution.admin-distribution",
      "aws_cloudfront_distribution.user-distribution", "aws_route53_record.app-admin",
      "aws_route53_record.app-user", "aws_s3_bucket_policy.allow-from-cloudfront-policy",
      // app-resources, built like the SPA distributions
      "aws_s3_bucket.app-resources", "aws_s3_bucket_ownership_controls.app-resources-ownership",
      "aws_s3_bucket_acl.app-resources-acl", "aws_cloudfront_origin_access_control.resources-front",
      "aws_cloudfront_distribution.resources-distribution", "aws_route53_record.app-resources",
      "aws_s3_bucket_policy.allow-resources-from-cloudfront-policy",
      // back end
      "aws_security_group.app-rds-sg", "aws_db_subnet_group.app-rds-subnet-group", "aws_db_instance.app-rds",
      "aws_security_group.app-efs-sg", "aws_efs_file_system.app-efs", "aws_efs_mount_target.app-efs-target",
      "aws_ecr_repository.app-ecr", "aws_iam_role.app-ecs-task-execution-role",
      "aws_iam_role_policy_attachment.app-ecs-task-execution-role-policy-attachment",
      "aws_ecs_task_definition.app-definition", "aws_ecs_cluster.app-cluster",
      "aws_lb_target_group.app-ecs-service-tg1", "aws_lb_target_group.app-ecs-service-tg2",
      "aws_lb_listener_rule.app-alb-ecs-service-rule", "aws_security_group.app-ecs-service-sg",
      "aws_ecs_service.app-ecs-service", "aws_iam_role.app-ecs-autoscale",
      "aws_iam_role_policy_attachment.app-ecs-autoscale", "aws_appautoscaling_target.app-ecs-target",
      "aws_appautoscaling_policy.app-ecs-policy-scale-out", "aws_cloudwatch_metric_alarm.app-ecs-cpu-high",
      "aws_codedeploy_app.app-deploy-app", "data.aws_iam_policy_document.app-deploy-assume-role",
      "aws_iam_role.app-deploy-role", "aws_iam_role_policy_attachment.app-AWSCodeDeployRole",
      "aws_iam_role_policy_attachment.app-AWSCodeDeployRoleForECS",
      "aws_codedeploy_deployment_group.app-deploy-group",
  };
  CHECK(addresses(doc) == expected);
}

TEST_CASE("settings, providers and variables") {
  json doc = emit_keencho();
  const json& tf = doc["terraform"]["required_providers"];
  CHECK(tf["aws"] == json{{"source", "hashicorp/aws"}, {"version", "~> 5.100"}});
  CHECK(tf["tls"]["source"] == "hashicorp/tls");

  const json& providers = doc["provider"]["aws"];
  REQUIRE(providers.is_array());
  REQUIRE(providers.size() == 2);
  CHECK(providers[0]["region"] == "${var.aws_region}");
  CHECK(providers[0]["default_tags"][0]["tags"] == json{{"Project", "${var.app_project_name}"}});
  CHECK(providers[1]["alias"] == "us-east-1");
  CHECK(providers[1]["region"] == "us-east-1");

  const json& v = doc["variable"];
  CHECK(v["app_name"]["default"] == "app");
  CHECK(v["app_project_name"]["default"] == "appProject");
  CHECK(v["aws_region"]["default"] == "ap-northeast-2");
  CHECK(v["availability_zones"]["type"] == "list(string)");
  CHECK(v["availability_zones"]["default"] == json::array({"a", "b"}));
  CHECK(v["vpc_cidr"]["default"] == "10.0.0.0/16");
  CHECK(v["public_subnet_cidrs"]["default"] == json::array({"10.0.1.0/24", "10.0.2.0/24"}));
  CHECK(v["private_subnet_cidrs"]["default"] == json::array({"10.0.3.0/24", "10.0.4.0/24"}));
  CHECK(v["db_subnet_cidrs"]["default"] == json::array({"10.0.5.0/24", "10.0.6.0/24"}));
  CHECK(v["alb-health-check-path"]["default"] == "/health-check");  // the series' final default
  CHECK(v["nginx-container-name"]["default"] == "nginx");
  CHECK(v["domain"]["default"] == "keencho.com");
  for (const char* secret : {"db-username", "db-password"}) {
    CHECK(v[secret]["sensitive"] == true);
    CHECK_FALSE(v[secret].contains("default"));
  }
  CHECK(doc["output"]["private_key"]["sensitive"] == true);
  CHECK(doc["output"]["private_key"]["value"] == "${tls_private_key.pk.private_key_pem}");
}

TEST_CASE("network: counts and per-AZ wiring") {
  json doc = emit_keencho();
  for (const char* name : {"public", "private", "private-db"}) {
    const json& subnet = r(doc, "aws_subnet", name);
    CHECK(subnet["availability_zone"] == "${var.aws_region}${var.availability_zones[count.index]}");
    CHECK(subnet["vpc_id"] == "${aws_vpc.vpc.id}");
  }
  CHECK(r(doc, "aws_subnet", "public")["count"] == "${length(var.public_subnet_cidrs)}");
  CHECK(r(doc, "aws_subnet", "public")["map_public_ip_on_launch"] == true);
  CHECK(r(doc, "aws_subnet", "private-db")["cidr_block"] == "${var.db_subnet_cidrs[count.index]}");
  CHECK(r(doc, "aws_eip", "nat")["domain"] == "vpc");
  CHECK_FALSE(r(doc, "aws_eip", "nat").contains("vpc"));  // deprecated v4 form
  const json& nat = r(doc, "aws_nat_gateway", "nat");
  CHECK(nat["count"] == "${length(var.public_subnet_cidrs)}");
  CHECK(nat["allocation_id"] == "${aws_eip.nat[count.index].id}");
  CHECK(nat["subnet_id"] == "${aws_subnet.public[count.index].id}");
  CHECK(nat["depends_on"] == json::array({"aws_internet_gateway.igw"}));
  CHECK(r(doc, "aws_route", "route-private")["nat_gateway_id"] == "${aws_nat_gateway.nat[count.index].id}");
  CHECK(r(doc, "aws_route", "route-public")["gateway_id"] == "${aws_internet_gateway.igw.id}");
  CHECK(r(doc, "aws_main_route_table_association", "main")["route_table_id"] ==
        "${aws_route_table.rt-public.id}");
  CHECK(r(doc, "aws_route_table_association", "rt-private-db-association")["route_table_id"] ==
        "${aws_route_table.rt-private[count.index].id}");
  CHECK(r(doc, "aws_vpc", "vpc")["tags"]["Name"] == "${var.app_name}-vpc");
  CHECK(r(doc, "aws_eip", "nat")["tags"]["Name"] ==
        "${var.app_name}-nat-eip-${var.availability_zones[count.index]}");
}

TEST_CASE("certificates: regions and DNS validation") {
  json doc = emit_keencho();
  CHECK(r(doc, "aws_route53_zone", "keencho")["lifecycle"]["prevent_destroy"] == true);
  const json& regional = r(doc, "aws_acm_certificate", "ssl-certificate");
  const json& virginia = r(doc, "aws_acm_certificate", "ssl-certificate-virginia");
  CHECK(regional["domain_name"] == "*.${var.domain}");
  CHECK(regional["validation_method"] == "DNS");
  CHECK(regional["lifecycle"]["create_before_destroy"] == true);
  CHECK_FALSE(regional.contains("provider"));
  CHECK(virginia["provider"] == "aws.us-east-1");
  const json& rec = r(doc, "aws_route53_record", "app-certificate-validation");
  CHECK(rec["for_each"] ==
        "${{for v in aws_acm_certificate.ssl-certificate.domain_validation_options : v.domain_name => "
        "{\"name\" = v.resource_record_name, \"record\" = v.resource_record_value, \"type\" = "
        "v.resource_record_type}}}");
  CHECK(rec["ttl"] == 60);
  CHECK(rec["allow_overwrite"] == true);
  CHECK(rec["records"] == json::array({"${each.value.record}"}));
  const json& validation = r(doc, "aws_acm_certificate_validation", "ssl-certificate-validation");
  CHECK(validation["certificate_arn"] == "${aws_acm_certificate.ssl-certificate.arn}");
  CHECK(validation["validation_record_fqdns"] ==
        "${[for v in aws_route53_record.app-certificate-validation : v.fqdn]}");
}

TEST_CASE("load balancer: listeners, rules, target groups") {
  json doc = emit_keencho();
  const json& alb = r(doc, "aws_lb", "app-alb");
  CHECK(alb["name"] == "app-alb");
  CHECK(alb["internal"] == false);
  CHECK(alb["load_balancer_type"] == "application");
  CHECK(alb["enable_deletion_protection"] == false);  // the series' final state, to allow teardown
  CHECK(alb["subnets"] == "${aws_subnet.public[*].id}");

  const json& http = r(doc, "aws_lb_listener", "app-alb-listener-http");
  CHECK(http["port"] == 80);
  CHECK(http["default_action"][0]["type"] == "redirect");
  CHECK(http["default_action"][0]["redirect"][0] ==
        json{{"port", "443"}, {"protocol", "HTTPS"}, {"status_code", "HTTP_301"}});
  const json& https = r(doc, "aws_lb_listener", "app-alb-listener-https");
  CHECK(https["port"] == 443);
  CHECK(https["protocol"] == "HTTPS");
  CHECK(https["certificate_arn"] == "${aws_acm_certificate.ssl-certificate.arn}");
  CHECK(https["default_action"][0]["target_group_arn"] == "${aws_lb_target_group.app-test.arn}");

  const json& test_rule = r(doc, "aws_lb_listener_rule", "app-alb-test-rule");
  CHECK(test_rule["priority"] == 1);
  CHECK(test_rule["listener_arn"] == "${aws_lb_listener.app-alb-listener-https.arn}");
  CHECK(test_rule["condition"][0]["host_header"][0]["values"] ==
        json::array({"app-admin-test.${var.domain}", "app-user-test.${var.domain}"}));
  const json& prod_rule = r(doc, "aws_lb_listener_rule", "app-alb-ecs-service-rule");
  CHECK(prod_rule["priority"] == 2);
  CHECK(prod_rule["action"][0]["target_group_arn"] == "${aws_lb_target_group.app-ecs-service-tg1.arn}");
  CHECK(prod_rule["condition"][0]["host_header"][0]["values"] ==
        json::array({"app-admin.${var.domain}", "app-user.${var.domain}"}));

  CHECK(r(doc, "aws_lb_target_group", "app-test")["target_type"] == "instance");
  for (const char* tg : {"app-test", "app-ecs-service-tg1", "app-ecs-service-tg2"}) {
    CHECK(r(doc, "aws_lb_target_group", tg)["port"] == 80);
    CHECK(r(doc, "aws_lb_target_group", tg)["protocol"] == "HTTP");
    CHECK(r(doc, "aws_lb_target_group", tg)["health_check"][0] ==
          json{{"path", "${var.alb-health-check-path}"}, {"port", "traffic-port"}});
  }
  CHECK(r(doc, "aws_lb_target_group", "app-ecs-service-tg1")["target_type"] == "ip");
  CHECK(r(doc, "aws_lb_target_group_attachment", "app-test-attachment")["port"] == 80);
  CHECK(r(doc, "aws_route53_record", "app-admin-test")["alias"][0] ==
        json{{"evaluate_target_health", true},
             {"name", "${aws_lb.app-alb.dns_name}"},
             {"zone_id", "${aws_lb.app-alb.zone_id}"}});

  // Security groups: ports of the reference.
  auto ports = [&](const char* sg) {
    std::set<int> out;
    for (const auto& rule : r(doc, "aws_security_group", sg)["ingress"]) out.insert(rule["from_port"].get<int>());
    return out;
  };
  CHECK(ports("app-alb-sg") == std::set<int>{80, 443});
  CHECK(ports("app-test-sg") == std::set<int>{22, 80, 5432});
  CHECK(ports("app-rds-sg") == std::set<int>{5432});
  CHECK(ports("app-efs-sg") == std::set<int>{2049});
  CHECK(r(doc, "aws_security_group", "app-ecs-service-sg")["ingress"][0]["to_port"] == 65535);
  CHECK(r(doc, "aws_security_group", "app-alb-sg")["egress"][0]["protocol"] == "-1");
}

TEST_CASE("CloudFront: behaviours, TTLs, certificate of both distributions") {
  json doc = emit_keencho();
  for (const char* name : {"admin-distribution", "user-distribution"}) {
    INFO(name);
    const json& d = r(doc, "aws_cloudfront_distribution", name);
    const std::string spa = std::string(name) == "admin-distribution" ? "admin" : "user";
    CHECK(d["enabled"] == true);
    CHECK(d["default_root_object"] == "index.html");
    CHECK(d["aliases"] == json::array({"app-" + spa + ".${var.domain}"}));
    CHECK(d["price_class"] == "PriceClass_100");
    REQUIRE(d["origin"].size() == 2);
    const json& s3 = d["origin"][0];
    CHECK(s3["origin_path"] == "/" + spa);
    CHECK(s3["domain_name"] == "${aws_s3_bucket.app-prod-react.bucket_regional_domain_name}");
    CHECK(s3["origin_id"] == "${aws_s3_bucket.app-prod-react.id}");
    CHECK(s3["origin_access_control_id"] == "${aws_cloudfront_origin_access_control." + spa + "-front.id}");
    const json& alb = d["origin"][1]["custom_origin_config"][0];
    CHECK(alb["origin_protocol_policy"] == "https-only");
    CHECK(alb["origin_ssl_protocols"] == json::array({"TLSv1.2"}));
    CHECK(alb["origin_keepalive_timeout"] == 5);
    CHECK(alb["origin_read_timeout"] == 30);
    const json& def = d["default_cache_behavior"][0];
    // The series' final state: the user front end allows every method, admin GET and HEAD.
    CHECK(def["allowed_methods"] == (spa == "user" ? json::array({"DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"})
                                                   : json::array({"GET", "HEAD"})));
    CHECK(def["cached_methods"] == json::array({"GET", "HEAD"}));
    CHECK(def["viewer_protocol_policy"] == "redirect-to-https");
    CHECK(std::tuple(def["min_ttl"], def["default_ttl"], def["max_ttl"]) == std::tuple(0, 3600, 86400));
    CHECK(def["forwarded_values"][0]["query_string"] == false);
    CHECK(def["forwarded_values"][0]["cookies"][0]["forward"] == "none");
    const json& api = d["ordered_cache_behavior"][0];
    CHECK(api["path_pattern"] == "/api/*");
    CHECK(api["allowed_methods"].size() == 7);
    CHECK(api["target_origin_id"] == "${aws_lb.app-alb.id}");
    CHECK(std::tuple(api["min_ttl"], api["default_ttl"], api["max_ttl"]) == std::tuple(0, 0, 0));
    CHECK(api["forwarded_values"][0]["query_string"] == true);
    CHECK(api["forwarded_values"][0]["headers"] == json::array({"*"}));
    CHECK(api["forwarded_values"][0]["cookies"][0]["forward"] == "all");
    CHECK(d["restrictions"][0]["geo_restriction"][0]["locations"] == json::array({"KR"}));
    CHECK(d["restrictions"][0]["geo_restriction"][0]["restriction_type"] == "whitelist");
    const json& cert = d["viewer_certificate"][0];
    CHECK(cert["acm_certificate_arn"] == "${aws_acm_certificate.ssl-certificate-virginia.arn}");
    CHECK(cert["ssl_support_method"] == "sni-only");
    CHECK(cert["minimum_protocol_version"] == "TLSv1.2_2021");
    CHECK(d["custom_error_response"][0] == json{{"error_caching_min_ttl", 10},
                                                  {"error_code", 403},
                                                  {"response_code", 200},
                                                  {"response_page_path", "/index.html"}});
  }
  const json& resources = r(doc, "aws_cloudfront_distribution", "resources-distribution");
  CHECK(resources["origin"].size() == 1);
  CHECK_FALSE(resources.contains("ordered_cache_behavior"));
  CHECK(r(doc, "aws_route53_record", "app-admin")["alias"][0]["zone_id"] ==
        "${aws_cloudfront_distribution.admin-distribution.hosted_zone_id}");
  CHECK(r(doc, "aws_s3_bucket_acl", "app-prod-react-acl")["depends_on"] ==
        json::array({"aws_s3_bucket_ownership_controls.app-prod-react-ownership"}));
  const std::string policy = r(doc, "aws_s3_bucket_policy", "allow-from-cloudfront-policy")["policy"];
  CHECK(policy.find("\"s3:GetObject\"") != std::string::npos);
  CHECK(policy.find("\"${aws_s3_bucket.app-prod-react.arn}/*\"") != std::string::npos);
  CHECK(policy.find("\"AWS:SourceArn\" = [aws_cloudfront_distribution.admin-distribution.arn, "
                    "aws_cloudfront_distribution.user-distribution.arn]") != std::string::npos);
}

TEST_CASE("back end: database, task definition, blue/green and autoscaling") {
  json doc = emit_keencho();
  const json& db = r(doc, "aws_db_instance", "app-rds");
  CHECK(db["engine"] == "postgres");
  CHECK(db["engine_version"] == "15.8");
  CHECK(db["instance_class"] == "db.t3.micro");
  CHECK(db["allocated_storage"] == 20);
  CHECK(db["password"] == "${var.db-password}");
  CHECK(db["publicly_accessible"] == true);
  CHECK(r(doc, "aws_db_subnet_group", "app-rds-subnet-group")["subnet_ids"] == "${aws_subnet.public[*].id}");
  CHECK(r(doc, "aws_efs_mount_target", "app-efs-target")["count"] == "${length(var.private_subnet_cidrs)}");
  CHECK(r(doc, "aws_efs_file_system", "app-efs")["lifecycle_policy"][0]["transition_to_ia"] == "AFTER_90_DAYS");

  const json& task = r(doc, "aws_ecs_task_definition", "app-definition");
  CHECK(task["cpu"] == "1024");
  CHECK(task["memory"] == "2048");
  CHECK(task["network_mode"] == "awsvpc");
  CHECK(task["requires_compatibilities"] == json::array({"FARGATE"}));
  CHECK(task["runtime_platform"][0]["cpu_architecture"] == "ARM64");
  CHECK(task["lifecycle"]["ignore_changes"] == json::array({"container_definitions"}));
  const std::string defs = task["container_definitions"];
  // Normalised: containers sorted by name, essential explicit, hostPort = containerPort.
  CHECK(defs.find("\"name\" = \"admin\"") < defs.find("\"name\" = \"nginx\""));
  CHECK(defs.find("\"name\" = \"nginx\"") < defs.find("\"name\" = \"user\""));
  CHECK(defs.find("{\"containerPort\" = 80, \"hostPort\" = 80}") != std::string::npos);
  CHECK(defs.find("{\"containerPort\" = 10010, \"hostPort\" = 10010}") != std::string::npos);
  CHECK(defs.find("\"protocol\"") == std::string::npos);
  CHECK(defs.find("\"interval\" = 30, \"retries\" = 3") != std::string::npos);
  CHECK(defs.find("jdbc:postgresql://${aws_db_instance.app-rds.endpoint}/${aws_db_instance.app-rds.db_name}") !=
        std::string::npos);

  const json& svc = r(doc, "aws_ecs_service", "app-ecs-service");
  CHECK(svc["deployment_controller"][0]["type"] == "CODE_DEPLOY");
  CHECK(svc["launch_type"] == "FARGATE");
  CHECK(svc["desired_count"] == 1);
  CHECK(svc["health_check_grace_period_seconds"] == 60);
  CHECK(svc["propagate_tags"] == "SERVICE");
  CHECK(svc["network_configuration"][0]["assign_public_ip"] == false);
  CHECK(svc["network_configuration"][0]["subnets"] == "${aws_subnet.private[*].id}");
  CHECK(svc["load_balancer"][0] == json{{"container_name", "${var.nginx-container-name}"},
                                         {"container_port", 80},
                                         {"target_group_arn", "${aws_lb_target_group.app-ecs-service-tg1.arn}"}});
  CHECK(svc["lifecycle"]["ignore_changes"] == json::array({"desired_count"}));

  const json& group = r(doc, "aws_codedeploy_deployment_group", "app-deploy-group");
  CHECK(group["deployment_config_name"] == "CodeDeployDefault.ECSAllAtOnce");
  CHECK(group["deployment_style"][0] ==
        json{{"deployment_option", "WITH_TRAFFIC_CONTROL"}, {"deployment_type", "BLUE_GREEN"}});
  const json& pair = group["load_balancer_info"][0]["target_group_pair_info"][0];
  CHECK(pair["prod_traffic_route"][0]["listener_arns"] ==
        json::array({"${aws_lb_listener.app-alb-listener-https.arn}"}));
  REQUIRE(pair["target_group"].size() == 2);
  CHECK(pair["target_group"][0]["name"] == "${aws_lb_target_group.app-ecs-service-tg1.name}");
  CHECK(pair["target_group"][1]["name"] == "${aws_lb_target_group.app-ecs-service-tg2.name}");
  CHECK(group["blue_green_deployment_config"][0]["terminate_blue_instances_on_deployment_success"][0] ==
        json{{"action", "TERMINATE"}, {"termination_wait_time_in_minutes", 1}});
  CHECK(group["auto_rollback_configuration"][0]["enabled"] == false);

  const json& target = r(doc, "aws_appautoscaling_target", "app-ecs-target");
  CHECK(target["min_capacity"] == 1);
  CHECK(target["max_capacity"] == 4);
  CHECK(target["resource_id"] == "service/${aws_ecs_cluster.app-cluster.name}/${aws_ecs_service.app-ecs-service.name}");
  const json& step = r(doc, "aws_appautoscaling_policy", "app-ecs-policy-scale-out")["step_scaling_policy_configuration"][0];
  CHECK(step["adjustment_type"] == "PercentChangeInCapacity");
  CHECK(step["step_adjustment"][0]["scaling_adjustment"] == 100);
  CHECK(step["step_adjustment"][0]["metric_interval_lower_bound"] == "0");
  const json& alarm = r(doc, "aws_cloudwatch_metric_alarm", "app-ecs-cpu-high");
  CHECK(alarm["threshold"] == 70);
  CHECK(alarm["evaluation_periods"] == 3);
  CHECK(alarm["period"] == 60);
  CHECK(alarm["comparison_operator"] == "GreaterThanOrEqualToThreshold");
  CHECK(alarm["alarm_actions"] == json::array({"${aws_appautoscaling_policy.app-ecs-policy-scale-out.arn}"}));
  CHECK(r(doc, "aws_iam_role", "app-deploy-role")["assume_role_policy"] ==
        "${data.aws_iam_policy_document.app-deploy-assume-role.json}");
}

TEST_CASE("context ssh_public_key replaces the generated key") {
  json doc = emit_keencho({{"ssh_public_key", "ssh-ed25519 AAAAtest"}});
  CHECK_FALSE(doc["resource"].contains("tls_private_key"));
  CHECK_FALSE(doc["output"].contains("private_key"));  // the deploy_* outputs remain
  CHECK_FALSE(doc["terraform"]["required_providers"].contains("tls"));
  CHECK(r(doc, "aws_key_pair", "app-test-key-pair")["public_key"] == "ssh-ed25519 AAAAtest");
}

TEST_CASE("the blue/green service, through stackgen/testing.hpp and the typed getters") {
  namespace aws = stackgen::aws;
  using namespace stackgen::testing;
  const auto synth = Synth::registered("keencho", {.rule_sets = {stackgen::aws::lint_rules()}});
  CHECK_THAT(synth, matches(has_resource<aws::EcsService>("app-ecs-service")
                                .with(&aws::EcsService::launch_type, "FARGATE")
                                .with_json("deployment_controller[0].type", "CODE_DEPLOY")));
  for (const char* tg : {"app-ecs-service-tg1", "app-ecs-service-tg2"})
    CHECK_THAT(synth, matches(has_resource<aws::LbTargetGroup>(tg)
                                  .with(&aws::LbTargetGroup::target_type, "ip")
                                  .with(&aws::LbTargetGroup::port, 80)));
  // The reference's known weaknesses are findings, at the block that has them.
  CHECK_THAT(synth, matches(has_finding("sec.open-ingress").at("aws_security_group.app-efs-sg")));
  CHECK(validates_cleanly(synth));
}

// ../shared/spec/seed-infrastructure.md, "Final-state details": the values
// the series' own final configuration sets, one check per fact.
namespace {

/// The policy document of a `jsonencode(...)` attribute, as HCL text.
std::string text(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("final-state details of the spec") {
  json doc = emit_keencho();

  SECTION("security groups: name, tag, description, rule descriptions, one IPv4 egress rule") {
    struct Rule {
      std::string description;
      int from, to;
      bool from_world;  // else from the ALB SG
      bool ipv6;
    };
    struct Group {
      std::string name, description;
      std::vector<Rule> ingress;
    };
    const std::vector<Group> groups = {
        {"app-alb-sg", "security group for application load balancer",
         {{"http", 80, 80, true, true}, {"https", 443, 443, true, true}}},
        {"app-test-sg", "security group for app test instance",
         {{"ssh", 22, 22, true, false}, {"postgresSQL", 5432, 5432, true, false}, {"http", 80, 80, false, false}}},
        {"app-rds-sg", "security group for rds", {{"postgresSQL", 5432, 5432, true, false}}},
        {"app-efs-sg", "security group for ecs service", {{"allow 2049", 2049, 2049, true, false}}},
        {"app-ecs-service-sg", "security group for ecs service", {{"alb traffic", 0, 65535, false, false}}},
    };
    for (const auto& g : groups) {
      INFO(g.name);
      const json& sg = r(doc, "aws_security_group", g.name);
      CHECK(sg["name"] == g.name);
      CHECK(sg["tags"] == json({{"Name", g.name}}));
      CHECK(sg["description"] == g.description);
      REQUIRE(sg["egress"].size() == 1);
      CHECK(sg["egress"][0]["protocol"] == "-1");
      CHECK(sg["egress"][0]["cidr_blocks"] == json::array({"0.0.0.0/0"}));
      CHECK(sg["egress"][0]["ipv6_cidr_blocks"].is_null());
      REQUIRE(sg["ingress"].size() == g.ingress.size());
      for (std::size_t i = 0; i < g.ingress.size(); ++i) {
        const Rule& want = g.ingress[i];
        const json& got = sg["ingress"][i];
        INFO(want.description);
        CHECK(got["description"] == want.description);
        CHECK(got["protocol"] == "tcp");
        CHECK(got["from_port"] == want.from);
        CHECK(got["to_port"] == want.to);
        if (want.from_world) {
          CHECK(got["cidr_blocks"] == json::array({"0.0.0.0/0"}));
          CHECK(got["security_groups"].is_null());
        } else {
          CHECK(got["security_groups"] == json::array({"${aws_security_group.app-alb-sg.id}"}));
        }
        CHECK(got["ipv6_cidr_blocks"] == (want.ipv6 ? json::array({"::/0"}) : json()));
      }
    }
  }

  SECTION("names, tags and texts") {
    for (const std::string tg : {"app-test", "app-ecs-service-tg1", "app-ecs-service-tg2"})
      CHECK(r(doc, "aws_lb_target_group", tg)["name"] == tg);
    CHECK(r(doc, "aws_key_pair", "app-test-key-pair")["key_name"] == "app-test-key-pair");
    const json& subnet_group = r(doc, "aws_db_subnet_group", "app-rds-subnet-group");
    CHECK(subnet_group["name"] == "app-rds-subnet-group");
    CHECK(subnet_group["tags"] == json({{"name", "app-rds-subnet-group"}}));
    CHECK(r(doc, "aws_route53_zone", "keencho")["tags"] == json({{"Name", "${var.app_name}-keencho-route53"}}));
    CHECK(r(doc, "aws_instance", "app-test-ec2")["tags"] == json({{"Name", "app-test-ec2"}}));
    CHECK(r(doc, "aws_eip", "app-test-ec2-eip")["tags"] == json({{"Name", "app-test-eip"}}));
    CHECK(r(doc, "aws_s3_bucket", "app-prod-react")["tags"] == json({{"Name", "app-prod-react"}}));
    CHECK(r(doc, "aws_appautoscaling_policy", "app-ecs-policy-scale-out")["name"] == "scale-out");
    for (const std::string spa : {"admin", "user"}) {
      const json& oac = r(doc, "aws_cloudfront_origin_access_control", spa + "-front");
      CHECK(oac["name"] == spa + "-front");
      CHECK(oac["description"] == spa + " front");
      CHECK(r(doc, "aws_cloudfront_distribution", spa + "-distribution")["comment"] == spa + " distribution");
    }
  }

  SECTION("policy statement ids") {
    CHECK(contains(text(r(doc, "aws_s3_bucket_policy", "allow-from-cloudfront-policy")["policy"]),
                   "\"Sid\" = \"AllowCloudFrontServicePrincipal\""));
    CHECK(contains(text(r(doc, "aws_iam_role", "app-ecs-autoscale")["assume_role_policy"]), "\"Sid\" = \"Autoscaling\""));
  }

  SECTION("logging.file.name, literally, command substitution and all") {
    const std::string containers = text(r(doc, "aws_ecs_task_definition", "app-definition")["container_definitions"]);
    for (const std::string app : {"admin", "user"}) {
      INFO(app);
      // HCL inside the jsonencode(...) template: "$(" stays as written; the
      // quote characters are escaped for HCL.
      CHECK(contains(containers, "{\"name\" = \"logging.file.name\", \"value\" = \"/app-efs/logs/prod/" + app +
                                     "/$(curl -s $ECS_CONTAINER_METADATA_URI_V4/task | jq -r .TaskARN | cut -d '/' "
                                     "-f 3).log\"}"));
    }
  }

  SECTION("aliases to CloudFront do not evaluate target health (Route 53 rejects true there)") {
    for (const std::string name : {"app-admin", "app-user"})
      CHECK(r(doc, "aws_route53_record", name)["alias"][0]["evaluate_target_health"] == false);
    for (const std::string name : {"app-admin-test", "app-user-test"})
      CHECK(r(doc, "aws_route53_record", name)["alias"][0]["evaluate_target_health"] == true);
  }
}
