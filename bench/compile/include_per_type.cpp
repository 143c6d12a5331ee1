// Compile-time probe: the per-type headers stacks/keencho/backend.cpp uses
// (itself and through keencho.hpp), plus the core API.
#include <stackgen/aws/acm_certificate.hpp>
#include <stackgen/aws/appautoscaling_policy.hpp>
#include <stackgen/aws/appautoscaling_target.hpp>
#include <stackgen/aws/cloudwatch_metric_alarm.hpp>
#include <stackgen/aws/codedeploy_app.hpp>
#include <stackgen/aws/codedeploy_deployment_group.hpp>
#include <stackgen/aws/data/iam_policy_document.hpp>
#include <stackgen/aws/db_instance.hpp>
#include <stackgen/aws/db_subnet_group.hpp>
#include <stackgen/aws/ecr_repository.hpp>
#include <stackgen/aws/ecs_cluster.hpp>
#include <stackgen/aws/ecs_service.hpp>
#include <stackgen/aws/ecs_task_definition.hpp>
#include <stackgen/aws/efs_file_system.hpp>
#include <stackgen/aws/efs_mount_target.hpp>
#include <stackgen/aws/iam_role.hpp>
#include <stackgen/aws/iam_role_policy_attachment.hpp>
#include <stackgen/aws/lb.hpp>
#include <stackgen/aws/lb_listener.hpp>
#include <stackgen/aws/lb_listener_rule.hpp>
#include <stackgen/aws/lb_target_group.hpp>
#include <stackgen/aws/provider.hpp>
#include <stackgen/aws/route53_zone.hpp>
#include <stackgen/aws/security_group.hpp>
#include <stackgen/aws/subnet.hpp>
#include <stackgen/aws/vpc.hpp>
#include <stackgen/awsdoc/container_definition.hpp>
#include <stackgen/awsdoc/policy_document.hpp>
#include <stackgen/stackgen.hpp>

int bench_include_probe() { return 0; }
