// ECS-native blue/green exists from the AWS provider 6.4 on: against the
// 5.100 bindings, including its pattern stops the build and says what to use.
// expect-error: patterns::native_blue_green needs AWS provider bindings of 6.4 or later
#ifdef STACKGEN_CONTROL
#include <stackgen/patterns/codedeploy_blue_green.hpp>
#else
#include <stackgen/patterns/native_blue_green.hpp>
#endif

int main() { return 0; }
