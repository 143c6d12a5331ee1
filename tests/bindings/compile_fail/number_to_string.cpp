// A number reference passed to a string attribute does not compile.
// expect-error[GNU]: no matching function for call to 'stackgen::aws::LbTargetGroup::name(stackgen::Expr<stackgen::Number>)'
// expect-error[GNU]: no known conversion for argument 1 from 'stackgen::Expr<stackgen::Number>' to 'const stackgen::Expr<std::__cxx11::basic_string<char> >&'
#include <stackgen/aws/lb_target_group.hpp>
#include <stackgen/core/stack.hpp>

void declare(stackgen::Stack& s) {
  namespace aws = stackgen::aws;
  auto blue = s.add<aws::LbTargetGroup>("blue").name("blue").port(80);
#ifdef STACKGEN_CONTROL
  s.add<aws::LbTargetGroup>("green").name(blue.name());
#else
  s.add<aws::LbTargetGroup>("green").name(blue.port());
#endif
}
