// A typo in an enum-like literal does not compile, and the error lists the
// values the provider accepts (schema/aws-5.100.0.values.json).
// expect-error[GNU]: call to non-'constexpr' function 'void stackgen::value_must_be_one_of() [with FixedString<...auto...> Attribute = FixedString<28>{"aws_ecs_service.launch_type"}; FixedString<...auto...> Allowed = FixedString<22>{"|EC2|EXTERNAL|FARGATE"}]'
// expect-error[GNU]: in 'constexpr' expansion of 'stackgen::OneOf
#include <stackgen/aws/ecs_service.hpp>
#include <stackgen/core/stack.hpp>

void declare(stackgen::Stack& s) {
#ifdef STACKGEN_CONTROL
  s.add<stackgen::aws::EcsService>("svc").name("svc").launch_type("FARGATE");
#else
  s.add<stackgen::aws::EcsService>("svc").name("svc").launch_type("FARGTE");
#endif
}
