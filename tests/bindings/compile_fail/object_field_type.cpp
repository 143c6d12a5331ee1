// Fields of object-typed attributes are typed too.
// expect-error[GNU]: cannot convert 'const char [3]' to 'const stackgen::Expr<stackgen::Number>&'
#include <stackgen/aws/security_group.hpp>
#include <stackgen/core/stack.hpp>

void declare(stackgen::Stack& s) {
  using SecurityGroup = stackgen::aws::SecurityGroup;
#ifdef STACKGEN_CONTROL
  s.add<SecurityGroup>("sg").ingress({SecurityGroup::Ingress{}.from_port(80)});
#else
  s.add<SecurityGroup>("sg").ingress({SecurityGroup::Ingress{}.from_port("80")});
#endif
}
