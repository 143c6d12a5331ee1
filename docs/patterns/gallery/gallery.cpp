// The pictures of docs/patterns/: one stack per pattern, each the example of
// its page with just enough around it (a VPC id, a load balancer...) to be a
// whole configuration. tools/update-docs-graph.sh draws them with
// `stackgen graph`; the test cli_docs_graph checks the pictures are current.
// Built against the newest AWS line, so native_blue_green is among them.
#include <stackgen/aws/ecs_cluster.hpp>
#include <stackgen/aws/lb.hpp>
#include <stackgen/aws/lb_listener.hpp>
#include <stackgen/aws/provider.hpp>
#include <stackgen/aws/route53_zone.hpp>
#include <stackgen/aws/security_group.hpp>
#include <stackgen/aws/subnet.hpp>
#include <stackgen/patterns/codedeploy_blue_green.hpp>
#include <stackgen/patterns/database.hpp>
#include <stackgen/patterns/dns_validated_certificate.hpp>
#include <stackgen/patterns/fargate_service.hpp>
#include <stackgen/patterns/log_file_system.hpp>
#include <stackgen/patterns/native_blue_green.hpp>
#include <stackgen/patterns/network.hpp>
#include <stackgen/patterns/registry.hpp>
#include <stackgen/patterns/secure_bucket.hpp>
#include <stackgen/patterns/spa_with_api.hpp>
#include <stackgen/stackgen.hpp>

namespace {

namespace aws = stackgen::aws;
namespace patterns = stackgen::patterns;
using stackgen::Expr;
using stackgen::Stack;

constexpr const char* kRegion = "eu-west-1";
constexpr const char* kCertificate = "arn:aws:acm:eu-west-1:123456789012:certificate/shop";

void provider(Stack& s) { s.provider<aws::Provider>().region(kRegion); }

void network(Stack& s) {
  provider(s);
  auto zones = s.variable<stackgen::List<std::string>>("zones").default_value({"a", "b"});
  auto zone = zones[stackgen::count_index()];
  patterns::network(s, {.cidr_block = "10.0.0.0/16",
                        .public_subnet_cidrs = {"10.0.1.0/24", "10.0.2.0/24"},
                        .private_subnet_cidrs = {"10.0.3.0/24", "10.0.4.0/24"},
                        .database_subnet_cidrs = {"10.0.5.0/24", "10.0.6.0/24"},
                        .zone = kRegion + zone,
                        .zone_label = zone,
                        .name_prefix = "shop",
                        .nat_gateways = patterns::NatGateways::single});
}

void certificate(Stack& s) {
  provider(s);
  auto virginia = s.provider<aws::Provider>("us-east-1").region("us-east-1");
  auto zone = s.add<aws::Route53Zone>("zone").name("example.com");
  patterns::dns_validated_certificate(s, "web", "*.example.com", zone, {.cloudfront_provider = virginia});
}

void database(Stack& s) {
  provider(s);
  auto subnets = s.add<aws::Subnet>("db").count(2).vpc_id("vpc-1").cidr_block(
      stackgen::cidrsubnet("10.0.0.0/16", 8, stackgen::count_index()));
  auto db_sg = s.add<aws::SecurityGroup>("db").name("orders-db").description("PostgreSQL from the service").vpc_id("vpc-1");
  patterns::database(s, "orders", {.identifier = "orders",
                                   .db_name = "orders",
                                   .engine_version = "16.4",
                                   .subnets = subnets,
                                   .subnet_group_name = "orders-db",
                                   .username = "orders",
                                   .security_group_ids = {db_sg.id()},
                                   .parameter_group_family = "postgres16",
                                   .parameters = {{"log_min_duration_statement", "500"}},
                                   .final_snapshot_identifier = "orders-final"});
}

void registry(Stack& s) {
  provider(s);
  patterns::registry(s, "images", "shop-images");
}

void log_file_system(Stack& s) {
  provider(s);
  auto subnets = s.add<aws::Subnet>("private").count(2).vpc_id("vpc-1").cidr_block(
      stackgen::cidrsubnet("10.0.0.0/16", 8, stackgen::count_index()));
  auto efs_sg = s.add<aws::SecurityGroup>("efs").name("shop-efs").description("NFS from the service").vpc_id("vpc-1");
  patterns::log_file_system(s, "logs", {.subnets = subnets, .count = 2, .security_groups = {efs_sg.id()}},
                            {.access_point_path = "/logs"});
}

void secure_bucket(Stack& s) {
  provider(s);
  auto logs = patterns::secure_bucket(s, "logs", "shop-logs", {.expiration_days = 365});
  patterns::secure_bucket(s, "files", "shop-files", {.access_log_bucket = logs});
}

/// A cluster, an ALB with an HTTPS and a test listener, their groups.
struct Edge {
  aws::EcsCluster cluster;
  aws::SecurityGroup alb_sg, service_sg;
  aws::Lb alb;
  aws::LbListener https, test;
};

Edge edge(Stack& s) {
  provider(s);
  auto https_listener = [&](const char* name, int port, const aws::Lb& alb) {
    return s.add<aws::LbListener>(name)
        .load_balancer_arn(alb.arn())
        .port(port)
        .protocol("HTTPS")
        .certificate_arn(kCertificate)
        .ssl_policy("ELBSecurityPolicy-TLS13-1-2-2021-06")
        .default_action([](auto& a) {
          a.type("fixed-response").fixed_response([](auto& r) { r.content_type("text/plain").status_code("404"); });
        });
  };
  auto alb_sg = s.add<aws::SecurityGroup>("alb").name("shop-alb").description("the load balancer").vpc_id("vpc-1");
  auto alb = s.add<aws::Lb>("alb").name("shop").load_balancer_type("application").security_groups({alb_sg.id()}).subnets(
      {"subnet-1", "subnet-2"});
  return Edge{s.add<aws::EcsCluster>("cluster").name("shop"),
              alb_sg,
              s.add<aws::SecurityGroup>("web").name("shop-web").description("web tasks").vpc_id("vpc-1"),
              alb,
              https_listener("https", 443, alb),
              https_listener("test", 8443, alb)};
}

patterns::FargateServiceSettings web_service(const Edge& e, patterns::ServiceDeployment deployment) {
  const bool blue_green = deployment != patterns::ServiceDeployment::rolling;
  patterns::FargateServiceSettings settings{
      .cluster = e.cluster,
      .service_name = "web",
      .family = "web",
      .containers = {stackgen::awsdoc::ContainerDefinition("web").image("shop/web:1.0").port(8080)},
      .container_name = "web",
      .container_port = 8080,
      .execution_role_name = "shop-web-execution",
      .vpc_id = "vpc-1",
      .subnet_ids = {"subnet-a", "subnet-b"},
      .security_group = e.service_sg,
      .load_balancer_security_group_id = e.alb_sg.id(),
      .routing = {.listener = e.https, .priority = 10, .hosts = {"shop.example.com"}, .paths = {"/api/*"}},
      .target_group_name = blue_green ? "shop-blue" : "shop-web",
      .health_check_path = "/health",
      .deployment = deployment,
      .logs = patterns::ContainerLogs{.group_name = "/ecs/shop-web", .region = kRegion}};
  if (blue_green) {
    settings.green_target_group_name = "shop-green";
    settings.routing.test_listener = e.test;
  }
  return settings;
}

void fargate_service(Stack& s) {
  patterns::fargate_service(s, "web", web_service(edge(s), patterns::ServiceDeployment::rolling));
}

void codedeploy_blue_green(Stack& s) {
  auto e = edge(s);
  auto web = patterns::fargate_service(s, "web", web_service(e, patterns::ServiceDeployment::codedeploy_blue_green));
  patterns::codedeploy_blue_green(s, "web-deploy",
                                  {.cluster = e.cluster,
                                   .service = web.service,
                                   .container_name = "web",
                                   .container_port = 8080,
                                   .blue = web.target_group,
                                   .green = *web.green_target_group,
                                   .production_listener = e.https,
                                   .test_listener = e.test,
                                   .deployment_config = patterns::EcsDeploymentConfig::canary_10_percent_5_minutes(),
                                   .application_name = "shop",
                                   .deployment_group_name = "shop-web",
                                   .role_name = "shop-codedeploy"});
}

void native_blue_green(Stack& s) {
  auto e = edge(s);
  auto web = patterns::fargate_service(s, "web", web_service(e, patterns::ServiceDeployment::native_blue_green));
  patterns::native_blue_green(s, "web-deploy",
                              {.service = web.service,
                               .container_name = "web",
                               .container_port = 8080,
                               .blue = web.target_group,
                               .green = *web.green_target_group,
                               .production_rule = web.rule,
                               .test_rule = web.test_rule,
                               .role_name = "shop-ecs-blue-green"});
}

void spa_with_api(Stack& s) {
  auto e = edge(s);
  auto bucket = patterns::secure_bucket(s, "web", "shop-web");
  patterns::spa_with_api(s, "web",
                         {.bucket = bucket,
                          .sites = {{.name = "shop", .domain = "shop.example.com", .origin_path = "/shop"},
                                    {.name = "admin", .domain = "admin.example.com", .origin_path = "/admin"}},
                          .api = patterns::ApiOrigin{.load_balancer = e.alb},
                          .zone_id = "Z0123456789",
                          .certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/shop"});
}

const stackgen::StackRegistration registrations[] = {
    {"network", network},
    {"dns-validated-certificate", certificate},
    {"database", database},
    {"registry", registry},
    {"log-file-system", log_file_system},
    {"secure-bucket", secure_bucket},
    {"fargate-service", fargate_service},
    {"codedeploy-blue-green", codedeploy_blue_green},
    {"native-blue-green", native_blue_green},
    {"spa-with-api", spa_with_api},
};

}  // namespace
