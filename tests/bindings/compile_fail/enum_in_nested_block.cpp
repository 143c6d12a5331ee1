// Nested blocks check their literals too: a listener's default action type.
// expect-error[GNU]: Attribute = FixedString<36>{"aws_lb_listener.default_action.type"}; FixedString<...auto...> Allowed = FixedString<72>{"|authenticate-cognito|authenticate-oidc|fixed-response|forward|redirect"}
#include <stackgen/aws/lb_listener.hpp>
#include <stackgen/core/stack.hpp>

void declare(stackgen::Stack& s) {
  auto listener = s.add<stackgen::aws::LbListener>("http").load_balancer_arn("arn");
#ifdef STACKGEN_CONTROL
  listener.default_action([](auto& a) { a.type("redirect"); });
#else
  listener.default_action([](auto& a) { a.type("redirekt"); });
#endif
}
