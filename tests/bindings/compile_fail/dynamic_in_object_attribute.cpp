// An object-typed attribute (ingress of aws_security_group) is a value, not a
// block: it has no dynamic blocks (Terraform's dynamic makes blocks only).
// expect-error[GNU]: use of deleted function
#include <stackgen/aws/security_group.hpp>
#include <stackgen/core/stack.hpp>

void declare(stackgen::Stack& s) {
  using stackgen::aws::SecurityGroup;
  auto ports = s.variable<stackgen::List<stackgen::Number>>("ports");
#ifdef STACKGEN_CONTROL
  s.add<SecurityGroup>("sg").template dynamic<SecurityGroup::Timeouts>("timeouts", ports, [](auto& t, auto) {
    t.create("5m");
  });
#else
  SecurityGroup::Ingress ingress;
  ingress.template dynamic<SecurityGroup::Ingress>("ingress", ports, [](auto&, auto) {});
  (void)s;
#endif
}
