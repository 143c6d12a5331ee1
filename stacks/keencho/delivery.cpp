// What the series' pipeline did by hand, generated from the stack into
// out/keencho/deploy/ (docs/delivery.md): arm64 images of the three
// containers pushed to the ECR repository, the task definition registered,
// a CodeDeploy blue/green deployment with an AppSpec naming nginx:80, and
// both SPAs synced to their bucket prefixes with their distributions
// invalidated. Names (app-deploy, app-deploy-group, the repository URL,
// the bucket) come from the blocks above, not from CI secrets.
//
// The application repository this assumes: docker/nginx/, backend/admin/,
// backend/user/ (each with a Dockerfile), frontend/admin/, frontend/user/
// (npm projects building into build/).
#include "keencho/shared.hpp"

namespace keencho {

stackgen::delivery::DeliverySettings application_delivery(
    const Frontend& frontend, const aws::EcsCluster& cluster, const stackgen::patterns::FargateService& app,
    const std::optional<stackgen::patterns::CodeDeployBlueGreen>& codedeploy) {
  namespace delivery = stackgen::delivery;
  std::optional<delivery::CodeDeployTarget> target;
  if (codedeploy) target = delivery::CodeDeployTarget{codedeploy->application, codedeploy->group};
  return {.cluster = cluster,
          .service = app.service,
          .task_definition = app.task_definition,
          .codedeploy = target,
          .images = {{.container = "nginx", .context = "docker/nginx"},
                     {.container = "admin", .context = "backend/admin"},
                     {.container = "user", .context = "backend/user"}},
          .sites = {{.name = "admin",
                     .bucket = frontend.bucket,
                     .prefix = "admin/",
                     .distribution = frontend.admin,
                     .directory = "frontend/admin"},
                    {.name = "user",
                     .bucket = frontend.bucket,
                     .prefix = "user/",
                     .distribution = frontend.user,
                     .directory = "frontend/user"}}};
}

void build_delivery(stackgen::Stack& s, const Frontend& frontend, const Backend& backend) {
  stackgen::delivery::deployment_files(s, application_delivery(frontend, backend.cluster, backend.app, backend.deploy));
}

}  // namespace keencho
