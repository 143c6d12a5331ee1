// Adding a number to a string says what to use instead.
// expect-error[GNU]: stackgen: cannot add a string and a number: convert the number with tostring(n)
#include <stackgen/aws/subnet.hpp>
#include <stackgen/core/stack.hpp>
#include <stackgen/core/functions.hpp>

void declare(stackgen::Stack& s) {
  using namespace stackgen;
#ifdef STACKGEN_CONTROL
  s.add<aws::Subnet>("subnet").vpc_id("vpc-1").cidr_block("10.0." + tostring(count_index() + 1) + ".0/24");
#else
  s.add<aws::Subnet>("subnet").vpc_id("vpc-1").cidr_block("10.0." + (count_index() + 1) + ".0/24");
#endif
}
