// aws_eip.vpc was deprecated in 5.x (a [[deprecated]] warning against
// 5.100.0) and removed in 6.0 (use domain = "vpc").
// The control compiles this against 5.100.0; against 6.66.0 it must fail,
// naming the attribute.
// expect-error[GNU]: 'class stackgen::aws::Eip' has no member named 'vpc'
#include <stackgen/aws/eip.hpp>
#include <stackgen/core/stack.hpp>

void declare(stackgen::Stack& s) {
  s.add<stackgen::aws::Eip>("nat").vpc(true);
}
