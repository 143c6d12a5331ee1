// awsdoc: typed AWS JSON documents take expressions everywhere a value may
// come from Terraform, keep their checks, never drop a field silently, and
// user types plug into jsonencode through an ADL to_value.
#include <catch2/catch.hpp>

#include <stackgen/awsdoc/container_definition.hpp>
#include <stackgen/awsdoc/policy_document.hpp>
#include <stackgen/core/error.hpp>
#include <stackgen/stackgen.hpp>

using namespace stackgen;
namespace doc = stackgen::awsdoc;

namespace my {
/// A user's own document type.
struct Alarm {
  std::string name;
  int threshold;
};
Value to_value(const Alarm& a) { return Value{{"AlarmName", a.name}, {"Threshold", a.threshold}}; }
}  // namespace my

TEST_CASE("container definitions take expressions for names, sizes, ports, images, environment", "[awsdoc]") {
  Stack s("t");
  auto name = s.variable<std::string>("name");
  auto cpu = s.variable<Number>("cpu");
  auto port = s.variable<Number>("port");
  auto image = s.variable<std::string>("image");
  auto defs = doc::container_definitions(
      {doc::ContainerDefinition(name)
           .image(image + ":latest")
           .cpu(cpu)
           .memory(cpu * 2)
           .port(port)
           .environment("PORT", tostring(port))
           .secret("DB_PASSWORD", ref<std::string>("aws_db_instance.db.master_user_secret[0].secret_arn"))
           .health_check({.command = {"CMD-SHELL", "curl -f http://localhost:" + tostring(port) + "/ || exit 1"}})
           .mount_point({.source_volume = name, .container_path = "/data"}),
       doc::ContainerDefinition("sidecar").image("busybox")});
  const std::string hcl = defs.value().to_hcl();
  // Literal names first (AWS sorts by name); the expression one after.
  CHECK(hcl.find("\"name\" = \"sidecar\"") < hcl.find("\"name\" = var.name"));
  CHECK(hcl.find("\"cpu\" = var.cpu") != std::string::npos);
  CHECK(hcl.find("\"memory\" = var.cpu * 2") != std::string::npos);
  // awsvpc: hostPort is the container port, expression or not.
  CHECK(hcl.find("{\"containerPort\" = var.port, \"hostPort\" = var.port}") != std::string::npos);
  CHECK(hcl.find("\"image\" = \"${var.image}:latest\"") != std::string::npos);
  CHECK(hcl.find("\"valueFrom\" = aws_db_instance.db.master_user_secret[0].secret_arn") != std::string::npos);
}

TEST_CASE("container definitions keep their checks, located", "[awsdoc]") {
  try {
    const unsigned line = __LINE__ + 1;
    doc::container_definitions({doc::ContainerDefinition("app"), doc::ContainerDefinition("app")});
    FAIL("no error");
    (void)line;
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("duplicate container name 'app'") != std::string::npos);
    CHECK(e.where().file.find("test_awsdoc.cpp") != std::string::npos);
  }
}

TEST_CASE("policy statements: expressions, and an empty sid is an error, not dropped", "[awsdoc]") {
  Stack s("t");
  auto action = s.variable<std::string>("action");
  auto doc = doc::PolicyDocument{}.statement(doc::Statement{}.sid("ReadLogs").allow().actions({action, "logs:Get*"}).resources({"*"}));
  const std::string hcl = doc.to_value().to_hcl();
  CHECK(hcl.find("\"Action\" = [var.action, \"logs:Get*\"]") != std::string::npos);
  CHECK(hcl.find("\"Sid\" = \"ReadLogs\"") != std::string::npos);
  CHECK_THROWS_AS(doc::Statement{}.sid(""), Error);
}

TEST_CASE("jsonencode takes any type with an ADL to_value", "[awsdoc]") {
  CHECK(jsonencode(my::Alarm{"cpu-high", 70}).value().to_hcl() ==
        "jsonencode({\"AlarmName\" = \"cpu-high\", \"Threshold\" = 70})");
  auto policy = doc::assume_role_policy("ecs-tasks.amazonaws.com");
  CHECK(jsonencode(policy).value().to_hcl() == policy.json().value().to_hcl());
}
