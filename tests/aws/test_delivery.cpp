// delivery::deployment_files(): the files it attaches for a rolling
// service, and its refusals at the caller's line. The CodeDeploy files of
// the reference stack are checked against its Terraform by
// tests/stacks/delivery.sh.
#include <stackgen/aws/ecr_repository.hpp>
#include <stackgen/aws/provider.hpp>
#include <stackgen/delivery/deployment_files.hpp>
#include <stackgen/patterns/fargate_service.hpp>

#include "pattern_support.hpp"

namespace aws = stackgen::aws;
namespace delivery = stackgen::delivery;
using pattern_test::fargate_settings;
using pattern_test::thrown_by;

namespace {

std::string file_of(const stackgen::Stack& s, const std::string& path) {
  for (const auto& f : stackgen::render(s))
    if (f.path == s.name() + "/" + path) return f.content;
  FAIL("no file " << path);
  return {};
}

struct Rolling {
  stackgen::patterns::FargateServiceSettings settings;
  stackgen::patterns::FargateService service;
};

Rolling rolling(stackgen::Stack& s) {
  s.provider<aws::Provider>().region("eu-west-1");
  auto repo = s.add<aws::EcrRepository>("web").name("web").image_tag_mutability("IMMUTABLE");
  auto settings = fargate_settings(s);
  settings.containers = {stackgen::awsdoc::ContainerDefinition("web").image(repo.repository_url() + ":web").port(8080)};
  auto service = stackgen::patterns::fargate_service(s, "web", settings);
  return {settings, service};
}

}  // namespace

TEST_CASE("a rolling service is deployed by update-service, its image built and pushed", "[delivery]") {
  stackgen::Stack s("shop");
  auto [settings, app] = rolling(s);
  // The workflow registers task definitions: Terraform must not undo them.
  app.service.lifecycle(stackgen::Lifecycle{}.ignore_changes({"task_definition", "desired_count"}));
  auto files = delivery::deployment_files(s, {.cluster = settings.cluster,
                                              .service = app.service,
                                              .task_definition = app.task_definition,
                                              .images = {{.container = "web", .context = "web"}}});
  CHECK(files.files == std::vector<std::string>{"deploy/task-definition.json", "deploy/resolve.jq",
                                                "deploy/github/shop-deploy.yml", "deploy/github/shop-stack.yml"});
  auto td = nlohmann::json::parse(file_of(s, "deploy/task-definition.json"));
  CHECK(td["family"] == "web");
  CHECK(td["containerDefinitions"][0]["image"] == "@{image.web}");
  CHECK(td["executionRoleArn"] == "@{output.deploy_web_ecs_task_execution_role_arn}");
  auto workflow = file_of(s, "deploy/github/shop-deploy.yml");
  CHECK(workflow.find("aws ecs update-service --cluster 'shop' --service 'web'") != std::string::npos);
  CHECK(workflow.find("create-deployment") == std::string::npos);
  // IMMUTABLE: only the commit's tag is pushed, never the stack's moving one.
  CHECK(workflow.find("--tag \"$image\" --push 'web'") != std::string::npos);
  auto doc = nlohmann::json::parse(file_of(s, "main.tf.json"));
  CHECK(doc["output"].contains("deploy_web_repository_url"));
  CHECK(doc["output"]["deploy_web_repository_url"]["value"] == "${aws_ecr_repository.web.repository_url}");
}

TEST_CASE("a service Terraform deploys is released by terraform apply of the new image tag", "[delivery]") {
  stackgen::Stack s("shop");
  s.provider<aws::Provider>().region("eu-west-1");
  auto tag = s.variable<std::string>("image_tag").default_value("1.0.0");
  auto repo = s.add<aws::EcrRepository>("web").name("web").image_tag_mutability("IMMUTABLE");
  auto settings = fargate_settings(s);
  settings.containers = {stackgen::awsdoc::ContainerDefinition("web").image(repo.repository_url() + ":web-" + tag).port(8080)};
  auto app = stackgen::patterns::fargate_service(s, "web", settings);
  auto files = delivery::deployment_files(s, {.cluster = settings.cluster,
                                              .service = app.service,
                                              .task_definition = app.task_definition,
                                              .images = {{.container = "web", .context = "web"}}});
  // Nothing to register or resolve: Terraform registers the task definition.
  CHECK(files.files == std::vector<std::string>{"deploy/github/shop-deploy.yml", "deploy/github/shop-stack.yml"});
  auto workflow = file_of(s, "deploy/github/shop-deploy.yml");
  CHECK(workflow.find("image=\"$DEPLOY_WEB_REPOSITORY_URL\"':web-'\"$GITHUB_SHA\"") != std::string::npos);
  CHECK(workflow.find("apply -input=false -auto-approve -var 'image_tag='\"$GITHUB_SHA\"") != std::string::npos);
  CHECK(workflow.find("register-task-definition") == std::string::npos);
  // Only what the workflow reads becomes an output: no role ARN of a task
  // definition nobody registers by hand.
  CHECK(files.outputs == std::vector<std::string>{"deploy_web_repository_url"});
}

TEST_CASE("the workflows build the stack with the context it was emitted with", "[delivery]") {
  stackgen::Stack s("shop", stackgen::Context{{"size", "large"}, {"note", "it's"}});
  auto [settings, app] = rolling(s);
  app.service.lifecycle(stackgen::Lifecycle{}.ignore_changes({"task_definition"}));
  delivery::deployment_files(s, {.cluster = settings.cluster, .service = app.service, .task_definition = app.task_definition});
  auto stack_ci = file_of(s, "deploy/github/shop-stack.yml");
  // In the order the map keeps, each value shell-quoted.
  CHECK(stack_ci.find("emit --stack 'shop' -c 'note=it'\\''s' -c 'size=large' --out 'out' --check") != std::string::npos);
  CHECK(stack_ci.find("validate --stack 'shop' -c 'note=it'\\''s' -c 'size=large' --format sarif") != std::string::npos);
  CHECK(file_of(s, "deploy/github/shop-deploy.yml").find("emit --stack 'shop' -c 'note=it'\\''s' -c 'size=large'") !=
        std::string::npos);
}

TEST_CASE("deployment files refuse what they cannot say, at the caller's line", "[delivery]") {
  stackgen::Stack s("shop");
  auto [settings, app] = rolling(s);
  delivery::DeliverySettings d{.cluster = settings.cluster, .service = app.service, .task_definition = app.task_definition};

  SECTION("Terraform owns the task definition, and the image tag is a literal no release changes") {
    d.images = {{.container = "web", .context = "web"}};
    auto e = thrown_by([&] { delivery::deployment_files(s, d); });
    CHECK(std::string(e.what()).find("must end in one variable") != std::string::npos);
  }
  SECTION("an image to build for a container the task does not have") {
    app.service.lifecycle(stackgen::Lifecycle{}.ignore_changes({"task_definition"}));
    d.images = {{.container = "api", .context = "api"}};
    auto line = std::source_location::current().line() + 1;
    auto e = thrown_by([&] { delivery::deployment_files(s, d); });
    CHECK(e.where().line == line);
    CHECK(std::string(e.what()).find("container \"api\", which the task definition does not have") != std::string::npos);
  }
  SECTION("CodeDeploy files for a service ECS deploys itself") {
    auto cd_app = s.add<aws::CodedeployApp>("deploy").name("shop").compute_platform("ECS");
    auto group = s.add<aws::CodedeployDeploymentGroup>("group").app_name(cd_app.name()).deployment_group_name("g");
    d.codedeploy = delivery::CodeDeployTarget{cd_app, group};
    auto e = thrown_by([&] { delivery::deployment_files(s, d); });
    CHECK(std::string(e.what()).find("not CODE_DEPLOY") != std::string::npos);
  }
  SECTION("a task definition argument without a register-task-definition field") {
    app.service.lifecycle(stackgen::Lifecycle{}.ignore_changes({"task_definition"}));  // registered by the workflow
    app.task_definition.proxy_configuration([](auto& p) { p.container_name("web"); });
    auto e = thrown_by([&] { delivery::deployment_files(s, d); });
    CHECK(std::string(e.what()).find("`proxy_configuration` block has no field") != std::string::npos);
  }
  SECTION("settings text that would become a workflow expression") {
    app.service.lifecycle(stackgen::Lifecycle{}.ignore_changes({"task_definition"}));
    d.role_secret = "X }}${{ github.token";
    auto e = thrown_by([&] { delivery::deployment_files(s, d); });
    CHECK(std::string(e.what()).find("is not a secret name") != std::string::npos);
  }
  SECTION("a literal that reads as a placeholder") {
    app.service.lifecycle(stackgen::Lifecycle{}.ignore_changes({"task_definition"}));
    app.task_definition.family("@{output.x}");
    auto e = thrown_by([&] { delivery::deployment_files(s, d); });
    CHECK(std::string(e.what()).find("reads as a placeholder") != std::string::npos);
  }
}

TEST_CASE("Stack::file: beside the configuration, never configuration, never outside", "[delivery][core]") {
  stackgen::Stack s("shop");
  s.file("deploy/notes.md", "# notes\n");
  auto files = stackgen::render(s);
  REQUIRE(files.size() == 2);
  CHECK(files[1].path == "shop/deploy/notes.md");
  CHECK(files[1].content == "# notes\n");
  for (const char* bad : {"extra.tf", "deploy/x.tf.json", "../escape.json", "deploy/.hidden.yml", "/abs.json",
                          "deploy/run.sh", "a/b/c/d/e.json"})
    CHECK_THROWS_AS(s.file(bad, "x"), stackgen::Error);
  auto line = std::source_location::current().line() + 1;
  auto e = thrown_by([&] { s.file("deploy/notes.md", "again"); });
  CHECK(e.where().line == line);
  CHECK(std::string(e.what()).find("already attached") != std::string::npos);
}
