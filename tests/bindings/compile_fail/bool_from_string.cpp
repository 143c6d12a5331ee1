// A bool attribute does not take a string, not even "true".
// expect-error[GNU]: no matching function for call to 'stackgen::aws::Lb::internal(const char [5])'
// expect-error[GNU]: no known conversion for argument 1 from 'const char [5]' to 'const stackgen::Expr<bool>&'
#include <stackgen/aws/lb.hpp>
#include <stackgen/core/stack.hpp>

void declare(stackgen::Stack& s) {
#ifdef STACKGEN_CONTROL
  s.add<stackgen::aws::Lb>("lb").internal(true);
#else
  s.add<stackgen::aws::Lb>("lb").internal("true");
#endif
}
