// Each element of a list of enum-like strings is checked.
// expect-error[GNU]: Attribute = FixedString<49>{"aws_ecs_task_definition.requires_compatibilities"}
#include <stackgen/aws/ecs_task_definition.hpp>
#include <stackgen/core/stack.hpp>

void declare(stackgen::Stack& s) {
  auto td = s.add<stackgen::aws::EcsTaskDefinition>("td").family("app").container_definitions("[]");
#ifdef STACKGEN_CONTROL
  td.requires_compatibilities({"FARGATE"});
#else
  td.requires_compatibilities({"FARGATE", "EC3"});
#endif
}
