// deployment_files(): reads the service, its task definition, the
// CodeDeploy group and the sites from the stack's blocks and attaches the
// files of docs/delivery.md. The register-task-definition input is built
// from the task definition's own arguments (the same typed container
// definitions Terraform gets), mapped field by field to the ECS API's
// names; an argument without a mapping is an error, never dropped.
#include <stackgen/delivery/deployment_files.hpp>

#include <algorithm>
#include <map>
#include <set>

#include <stackgen/core/inspect.hpp>

#include "delivery_plan.hpp"
#include "stack_values.hpp"
#include "yaml.hpp"

namespace stackgen::delivery {

namespace {

using detail::StackValues;
using detail::Tree;
using inspect::BlockView;
using inspect::ValueKind;

// Fills in at deploy time what the files leave as placeholders: the
// outputs of `terraform output -json` ($outputs) and the images the
// workflow pushed ($images). A placeholder that is a whole string takes
// the output's JSON type (a port stays a number); inside a string it is
// text. A missing one is an error naming it, never an empty value.
constexpr const char* kResolveJq = R"jq(# stackgen: fills in the deployment files (docs/delivery.md).
#   jq --slurpfile outputs outputs.json --slurpfile images images.json -f resolve.jq FILE
# outputs.json: `terraform output -json` of the stack; images.json: {"<container>": "<image>"}.
def lookup($kind; $name):
  if $kind == "output" then
    ($outputs[0][$name] // error("stack output \($name) is missing: emit and apply the stack first")) | .value
  else
    ($images[0][$name] // error("no image was built for container \($name)"))
  end;
def resolve:
  if type == "string" then
    if test("^@\\{(output|image)\\.[A-Za-z0-9_.-]+\\}$") then
      capture("^@\\{(?<kind>output|image)\\.(?<name>[A-Za-z0-9_.-]+)\\}$") as $p | lookup($p.kind; $p.name)
    else
      gsub("@\\{(?<kind>output|image)\\.(?<name>[A-Za-z0-9_.-]+)\\}"; lookup(.kind; .name) | tostring)
    end
  elif type == "array" then map(resolve)
  elif type == "object" then map_values(resolve)
  else . end;
resolve
)jq";

// Task definition arguments Terraform keeps to itself: nothing to register.
const std::set<std::string_view> kTerraformOnly = {"skip_destroy", "track_latest", "region", "tags_all"};

// snake_case -> the ECS API's camelCase, with its exceptions.
std::string api_name(std::string_view name) {
  static const std::map<std::string_view, std::string_view> kExceptions = {
      {"size_in_gib", "sizeInGiB"}, {"configure_at_launch", "configuredAtLaunch"}};
  if (auto it = kExceptions.find(name); it != kExceptions.end()) return std::string(it->second);
  std::string out;
  bool upper = false;
  for (char c : name) {
    if (c == '_') {
      upper = true;
      continue;
    }
    out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  return out;
}

// Letters, digits, '_' (and '-' with `dash`): names that reach a workflow
// expression, a job id or a placeholder.
bool plain_name(const std::string& name, bool dash) {
  bool ok = !name.empty();
  for (char c : name)
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                (dash && c == '-'));
  return ok;
}

class Generator {
 public:
  Generator(Stack& s, const DeliverySettings& settings, std::source_location where)
      : s_(s), settings_(settings), values_(s, where) {}

  DeliveryFiles run();

 private:
  void read_task_definition();
  void read_containers(const Value& definitions);
  Tree task_definition();
  Tree containers();
  Tree nested(const Value& block, const std::string& what);
  Value literal_or(BlockView b, const char* argument, const Value& reference) const;
  void plan_image(const ImageBuild& build, const Value& image);
  std::string appspec();
  Tree create_deployment(const std::string& appspec_text);
  void plan_sites();
  void plan_service();
  std::string region();
  void attach(const std::string& path, std::string content);

  Stack& s_;
  const DeliverySettings& settings_;
  StackValues values_;
  detail::DeliveryPlan plan_;
  // The container definitions as written: awsdoc's list, or a hand-written
  // JSON string parsed; each container's image and mapped ports.
  Value container_list_;
  Tree container_json_;
  std::map<std::string, Value> container_images_;
  std::map<std::string, std::set<double>> container_ports_;
  DeliveryFiles files_;
};

void Generator::attach(const std::string& path, std::string content) {
  s_.file(path, std::move(content));
  files_.files.push_back(path);
}

Tree Generator::nested(const Value& block, const std::string& what) {
  // A nested block is an object whose nested blocks are lists of objects;
  // the API has one object where Terraform allows at most one block.
  Tree o = Tree::object();
  for (auto [key, value] : block.fields()) {
    std::string k(key);
    if (k == "host_path") {  // volume.host_path = "..." is the API's host.sourcePath
      o["host"] = Tree{{"sourcePath", values_.json(value, what + "_host_path")}};
      continue;
    }
    if (inspect::kind(value) == ValueKind::list && !value.items().empty() &&
        inspect::kind(value.items()[0]) == ValueKind::object && value.items().size() == 1)
      o[api_name(k)] = nested(value.items()[0], what + "_" + k);
    else o[api_name(k)] = values_.json(value, what + "_" + k);
  }
  return o;
}

void Generator::read_containers(const Value& definitions) {
  Value list = definitions;
  // awsdoc::container_definitions() gives jsonencode([...]); a literal JSON
  // string (hand-written) is read as it is.
  if (inspect::kind(list) == ValueKind::call && inspect::text(list) == "jsonencode" &&
      inspect::operands(list).size() == 1)
    list = inspect::operands(list)[0];
  if (inspect::kind(list) == ValueKind::string) {
    container_json_ = Tree::parse(std::string(*list.as_string()), nullptr, false);
    if (!container_json_.is_array()) values_.fail("container_definitions is not a JSON list");
    for (const auto& c : container_json_)
      if (c.contains("name") && c["name"].is_string() && c.contains("image") && c["image"].is_string())
        container_images_.emplace(c["name"].get<std::string>(), Value(c["image"].get<std::string>()));
    return;
  }
  if (inspect::kind(list) != ValueKind::list)
    values_.fail("container_definitions must be awsdoc container definitions (jsonencode of a list) or a JSON string");
  for (const auto& c : list.items()) {
    auto name = c.field("name").as_string();
    if (!name) values_.fail("a container definition without a literal name");
    std::string n(*name);
    container_images_.emplace(n, c.field("image"));
    for (const auto& pm : c.field("portMappings").items())
      if (double port = 0; pm.field("containerPort").as_number(port)) container_ports_[n].insert(port);
  }
  container_list_ = list;
}

void Generator::read_task_definition() {
  BlockView td = inspect::view(settings_.task_definition);
  Value definitions = td.argument("container_definitions");
  if (definitions.is_null()) values_.fail("the task definition has no container_definitions");
  read_containers(definitions);
  for (const auto& build : settings_.images) {
    auto it = container_images_.find(build.container);
    if (it == container_images_.end())
      values_.fail("image to build for container \"" + printable(build.container) +
                   "\", which the task definition does not have");
    plan_image(build, it->second);
  }
  auto arch = td.first_block("runtime_platform").field("cpu_architecture").as_string();
  plan_.platform = arch && *arch == "ARM64" ? "linux/arm64" : "linux/amd64";
}

// The containers as the register input has them: the ones the workflow
// builds get the placeholder of the image it pushed.
Tree Generator::containers() {
  if (container_list_.is_null()) return container_json_;
  Tree out = Tree::array();
  for (const auto& c : container_list_.items()) {
    std::string n(*c.field("name").as_string());
    bool built = false;
    for (const auto& i : plan_.images) built = built || i.container == n;
    Tree def = Tree::object();
    for (auto [key, value] : c.fields())
      def[std::string(key)] = key == "image" && built ? Tree("@{image." + n + "}")
                                                      : values_.json(value, n + "_" + std::string(key));
    out.push_back(std::move(def));
  }
  return out;
}

Tree Generator::task_definition() {
  BlockView td = inspect::view(settings_.task_definition);
  Tree out = Tree::object();
  Tree definitions;  // last in the file, as the register input documents it
  for (std::size_t i = 0; i < td.argument_count(); ++i) {
    std::string name(td.argument_name(i));
    const Value& value = td.argument_value(i);
    if (kTerraformOnly.count(name)) continue;
    if (name == "container_definitions") {
      definitions = containers();
      continue;
    }
    if (name == "tags") {
      // The API's tags are a list of {key, value}; default_tags are the
      // provider's and not known here (the service's propagate_tags carries them).
      if (inspect::kind(value) != ValueKind::object) values_.fail("tags of the task definition must be a literal map");
      Tree tags = Tree::array();
      for (auto [k, v] : value.fields())
        tags.push_back(Tree{{"key", std::string(k)}, {"value", values_.json(v, "task_tag_" + std::string(k))}});
      out["tags"] = std::move(tags);
      continue;
    }
    static const std::set<std::string_view> kArguments = {
        "family",        "cpu",      "memory",  "network_mode", "requires_compatibilities", "execution_role_arn",
        "task_role_arn", "pid_mode", "ipc_mode"};
    if (!kArguments.count(name))
      values_.fail("the task definition's `" + name + "` has no field in the register-task-definition input yet");
    out[api_name(name)] = values_.json(value, name);
  }
  static const std::map<std::string_view, std::string_view> kBlocks = {{"runtime_platform", "runtimePlatform"},
                                                                       {"ephemeral_storage", "ephemeralStorage"}};
  static const std::map<std::string_view, std::string_view> kListBlocks = {
      {"volume", "volumes"}, {"placement_constraints", "placementConstraints"},
      {"inference_accelerator", "inferenceAccelerators"}};
  for (std::size_t i = 0; i < td.block_count(); ++i) {
    std::string_view name = td.block_name(i);
    const Value& block = td.block_value(i);
    if (auto it = kBlocks.find(name); it != kBlocks.end()) {
      out[std::string(it->second)] = nested(block, std::string(name));
    } else if (auto lt = kListBlocks.find(name); lt != kListBlocks.end()) {
      std::string key(lt->second);
      if (!out.contains(key)) out[key] = Tree::array();
      out[key].push_back(nested(block, std::string(name) + "_" + std::to_string(out[key].size())));
    } else {
      values_.fail("the task definition's `" + std::string(name) +
                   "` block has no field in the register-task-definition input yet");
    }
  }
  if (!td.dynamic_blocks().empty()) values_.fail("dynamic blocks of the task definition cannot be registered as files");
  out["containerDefinitions"] = std::move(definitions);
  return out;
}

void Generator::plan_image(const ImageBuild& build, const Value& image) {
  // `${aws_ecr_repository.x.repository_url}:<tag>`, or `...:<prefix>${var.x}`
  // (a release sets the variable): a reference, a literal, maybe a variable.
  auto parts = inspect::operands(image);
  auto ref = parts.size() >= 2 ? inspect::reference(parts[0]) : std::nullopt;
  auto tag = parts.size() >= 2 ? parts[1].as_string() : std::nullopt;
  std::string tag_variable;
  if (parts.size() == 3)
    if (auto var = inspect::reference(parts[2]); var && var->target && BlockView(var->target).kind() == BlockKind::variable)
      tag_variable = std::string(BlockView(var->target).name());
  bool shape = parts.size() == 2 ? tag && tag->size() >= 2 : parts.size() == 3 && !tag_variable.empty() && tag;
  if (inspect::kind(image) != ValueKind::template_ || !shape || !ref || !ref->target || (*tag)[0] != ':' ||
      ref->attribute() != "repository_url" || BlockView(ref->target).type() != "aws_ecr_repository")
    values_.fail("container \"" + printable(build.container) + "\" is built by the workflow, so its image must be " +
                 "<aws_ecr_repository>.repository_url + \":<tag>\" (or + \":<prefix>\" + a variable); it is " +
                 image.to_hcl());
  BlockView repo(ref->target);
  auto mutability = repo.argument("image_tag_mutability").as_string();
  detail::ImagePlan p{
      .container = build.container,
      .tag = std::string(tag->substr(1)),
      .tag_variable = tag_variable,
      .repository_url = values_.shell(parts[0], std::string(repo.name()) + "_repository_url"),
      .mutable_tags = !mutability || *mutability == "MUTABLE",
      .context = build.context,
      .dockerfile = build.dockerfile.empty() ? build.context + "/Dockerfile" : build.dockerfile,
  };
  if (p.context.empty()) values_.fail("image of container \"" + printable(build.container) + "\" without a context");
  plan_.images.push_back(std::move(p));
}

std::string Generator::appspec() {
  BlockView service = inspect::view(settings_.service);
  auto lbs = service.blocks("load_balancer");
  if (lbs.size() != 1) values_.fail("a CodeDeploy service needs exactly one load_balancer block");
  const Value& lb = lbs[0];
  Tree name = values_.json(lb.field("container_name"), "container_name");
  Tree port = values_.json(lb.field("container_port"), "container_port");
  // What CodeDeploy routes to must be a container and port of the task.
  if (inspect::kind(lb.field("container_name")) == ValueKind::string && port.is_number()) {
    std::string n = name.get<std::string>();
    if (!container_images_.count(n))
      values_.fail("the service's load balancer names container \"" + printable(n) +
                   "\", which the task definition does not have");
    if (!container_ports_[n].count(port.get<double>()))
      values_.fail("container \"" + printable(n) + "\" has no port mapping " + port.dump() +
                   " for the service's load balancer");
  }
  Tree properties = Tree::object();
  properties["TaskDefinition"] = "<TASK_DEFINITION>";
  properties["LoadBalancerInfo"] = Tree{{"ContainerName", name}, {"ContainerPort", port}};
  if (auto pv = service.argument("platform_version"); !pv.is_null())
    properties["PlatformVersion"] = values_.json(pv, "platform_version");
  Tree target = Tree::object();
  target["Type"] = "AWS::ECS::Service";
  target["Properties"] = std::move(properties);
  Tree doc = Tree::object();
  doc["version"] = 0.0;
  doc["Resources"] = Tree::array({Tree{{"TargetService", std::move(target)}}});
  std::string text = "# CodeDeploy AppSpec of stack " + s_.name() +
                     ", generated by stackgen from the stack (docs/delivery.md).\n"
                     "# <TASK_DEFINITION> is the ARN register-task-definition returns; @{output.*}: resolve.jq.\n" +
                     detail::to_yaml(doc);
  return text;
}

// A name as the stack wrote it when it is a literal, else the attribute
// Terraform knows after apply (through an output).
Value Generator::literal_or(BlockView b, const char* argument, const Value& reference) const {
  Value v = b.argument(argument);
  return inspect::kind(v) == ValueKind::string ? v : reference;
}

Tree Generator::create_deployment(const std::string& appspec_text) {
  BlockView app = inspect::view(settings_.codedeploy->application);
  BlockView group = inspect::view(settings_.codedeploy->group);
  Tree out = Tree::object();
  out["applicationName"] = values_.json(literal_or(app, "name", settings_.codedeploy->application.name().value()),
                                        "codedeploy_application_name");
  out["deploymentGroupName"] = values_.json(
      literal_or(group, "deployment_group_name", settings_.codedeploy->group.deployment_group_name().value()),
      "codedeploy_deployment_group_name");
  out["description"] = "stackgen: " + s_.name() + " deploy";
  out["revision"] = Tree{{"revisionType", "AppSpecContent"}, {"appSpecContent", Tree{{"content", appspec_text}}}};
  return out;
}

void Generator::plan_service() {
  BlockView service = inspect::view(settings_.service);
  auto controller = service.first_block("deployment_controller").field("type").as_string();
  bool codedeploy = controller && *controller == "CODE_DEPLOY";
  if (codedeploy && !settings_.codedeploy)
    values_.fail("the service's deployment controller is CODE_DEPLOY: give `codedeploy` (application and group)");
  if (!codedeploy && settings_.codedeploy)
    values_.fail("`codedeploy` is given but the service's deployment controller is not CODE_DEPLOY");
  // A task definition registered outside Terraform is undone by the next
  // apply unless the service ignores it: otherwise Terraform deploys.
  const auto* lifecycle = service.lifecycle();
  bool ignores_task_definition =
      lifecycle && (lifecycle->ignore_all_changes ||
                    std::find(lifecycle->ignore_changes.begin(), lifecycle->ignore_changes.end(), "task_definition") !=
                        lifecycle->ignore_changes.end());
  plan_.mode = codedeploy                ? detail::DeployMode::codedeploy
               : ignores_task_definition ? detail::DeployMode::update_service
                                         : detail::DeployMode::terraform_apply;
  plan_.cluster = values_.shell(
      literal_or(inspect::view(settings_.cluster), "name", settings_.cluster.name().value()), "cluster_name");
  plan_.service = values_.shell(literal_or(service, "name", settings_.service.name().value()), "service_name");
  // The service must run this task definition, or the deploy ships a family nobody runs.
  auto ref = inspect::reference(service.argument("task_definition"));
  if (!ref || ref->target != inspect::view(settings_.task_definition).data())
    values_.fail("the service's task_definition is not the task definition given");
}

void Generator::plan_sites() {
  std::set<std::string> names;
  for (const auto& site : settings_.sites) {
    if (!plain_name(site.name, /*dash=*/true) || !names.insert(site.name).second)
      values_.fail("site name \"" + printable(site.name) + "\" is empty, repeated or not letters, digits, '-', '_'");
    if (!site.prefix.empty() && (site.prefix.back() != '/' || site.prefix.front() == '/'))
      values_.fail("site \"" + site.name + "\": prefix \"" + printable(site.prefix) +
                   "\" must be a key prefix like \"admin/\"");
    if (site.directory.empty()) values_.fail("site \"" + site.name + "\" without a source directory");
    // The prefix is the one the distribution's S3 origin serves.
    BlockView distribution = inspect::view(site.distribution);
    std::string expected = site.prefix.empty() ? "" : "/" + site.prefix.substr(0, site.prefix.size() - 1);
    bool served = false;
    for (const auto& origin : distribution.blocks("origin")) {
      auto path = origin.field("origin_path").as_string();
      bool bucket_origin = false;
      for (const auto& r : inspect::references(origin.field("domain_name")))
        bucket_origin = bucket_origin || r.target == inspect::view(site.bucket).data();
      if (bucket_origin && std::string(path.value_or("")) == expected) served = true;
    }
    if (!served)
      values_.fail("site \"" + site.name + "\": " + std::string(distribution.address()) + " has no origin on " +
                   std::string(inspect::view(site.bucket).address()) + " with origin_path \"" + expected + "\"");
    plan_.sites.push_back({
        .name = site.name,
        .bucket = values_.shell(literal_or(inspect::view(site.bucket), "bucket", site.bucket.bucket().value()),
                                site.name + "_bucket"),
        .prefix = site.prefix,
        .distribution_id = values_.shell(site.distribution.id().value(), site.name + "_distribution_id"),
        .directory = site.directory,
        .build_command = site.build_command,
        .build_output = site.build_output,
    });
  }
}

std::string Generator::region() {
  // The default aws provider's region: a literal, or a variable's default.
  std::string region;
  inspect::view(s_).for_each_block([&](BlockView b) {
    if (b.kind() != BlockKind::provider || b.type() != "aws" || !b.name().empty()) return;
    Value r = b.argument("region");
    if (auto text = r.as_string()) region = *text;
    else if (auto ref = inspect::reference(r); ref && ref->target && BlockView(ref->target).kind() == BlockKind::variable)
      if (auto d = BlockView(ref->target).default_value().as_string()) region = *d;
  });
  if (region.empty())
    values_.fail("the default aws provider's region is neither a literal nor a variable with a default: "
                 "the workflows need it before they can read the stack's state");
  return region;
}

DeliveryFiles Generator::run() {
  plan_.settings = &settings_;
  plan_.stack = s_.name();
  plan_.stack_dir = settings_.out_dir + "/" + s_.name();
  plan_.context = s_.context_values();
  // Names that go into `${{ secrets.X }}` and placeholders: GitHub's and
  // resolve.jq's alphabets, so no text of the settings becomes an expression.
  if (!plain_name(settings_.role_secret, /*dash=*/false))
    values_.fail("role_secret \"" + printable(settings_.role_secret) + "\" is not a secret name (letters, digits, '_')");
  for (const auto& image : settings_.images)
    if (!plain_name(image.container, /*dash=*/true))
      values_.fail("container \"" + printable(image.container) + "\" to build: names are letters, digits, '-', '_'");
  if (settings_.branch.empty() || settings_.branch.find_first_of("\n\r") != std::string::npos)
    values_.fail("branch \"" + printable(settings_.branch) + "\" is not a branch name");
  plan_.region = region();
  plan_service();

  read_task_definition();
  if (plan_.mode == detail::DeployMode::terraform_apply) {
    // Terraform registers the task definition: the release sets the one
    // variable every built image's tag ends in.
    if (plan_.images.empty())
      values_.fail("the service does not ignore task_definition, so Terraform deploys it, and no image is built: "
                   "there is nothing a release would change");
    for (const auto& image : plan_.images)
      if (image.tag_variable.empty() || image.tag_variable != plan_.images.front().tag_variable)
        values_.fail("the service does not ignore task_definition, so a release is a terraform apply of a new image "
                     "tag: every built image's tag must end in one variable (container \"" + image.container +
                     "\"); or ignore_changes task_definition on the service to register and update-service");
  } else {
    // Only a registered task definition is written out (and only then are
    // its after-apply values outputs of the stack).
    attach("deploy/task-definition.json", task_definition().dump(2) + "\n");
  }
  if (plan_.mode == detail::DeployMode::codedeploy) {
    std::string spec = appspec();
    attach("deploy/appspec.yaml", spec);
    attach("deploy/create-deployment.json", create_deployment(spec).dump(2) + "\n");
  }
  plan_sites();
  if (plan_.mode != detail::DeployMode::terraform_apply) attach("deploy/resolve.jq", kResolveJq);

  // Terraform settings the workflows need: partial backends, variables to pass.
  if (const auto& backend = s_.terraform().backend(); backend && backend->type() == "s3" &&
                                                       !backend->settings().count("bucket")) {
    plan_.backend_config.push_back("-backend-config=\"bucket=${{ secrets." + detail::upper_name(s_.name()) +
                                   "_STATE_BUCKET }}\"");
  }
  inspect::view(s_).for_each_block([&](BlockView b) {
    if (b.kind() == BlockKind::variable && !b.has_default()) plan_.required_variables.emplace_back(b.name());
  });
  // By name: the workflows' text does not depend on the order the files
  // happened to read the values in.
  plan_.outputs = values_.outputs();
  std::sort(plan_.outputs.begin(), plan_.outputs.end());
  for (const auto& o : plan_.outputs)
    if (!values_.is_sensitive(o)) plan_.exported.push_back(o);

  attach("deploy/github/" + s_.name() + "-deploy.yml", detail::deploy_workflow(plan_));
  attach("deploy/github/" + s_.name() + "-stack.yml", detail::stack_workflow(plan_));
  files_.outputs = values_.outputs();
  return files_;
}

}  // namespace

DeliveryFiles deployment_files(Stack& s, const DeliverySettings& settings, std::source_location where) {
  return Generator(s, settings, where).run();
}

}  // namespace stackgen::delivery
