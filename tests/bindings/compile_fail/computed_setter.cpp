// A computed-only attribute has a getter and no setter.
// expect-error[GNU]: no matching function for call to 'stackgen::aws::Lb::arn(const char [2])'
// expect-error[GNU]: candidate expects 0 arguments, 1 provided
#include <stackgen/aws/lb.hpp>
#include <stackgen/core/stack.hpp>

void declare(stackgen::Stack& s) {
#ifdef STACKGEN_CONTROL
  s.add<stackgen::aws::Lb>("lb").name("x");
#else
  s.add<stackgen::aws::Lb>("lb").arn("x");
#endif
}
