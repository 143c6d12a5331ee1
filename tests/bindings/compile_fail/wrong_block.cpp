// A nested block setter takes its own struct only.
// expect-error[GNU]: cannot convert 'stackgen::aws::LbListenerRule::Condition' to 'const stackgen::aws::LbListenerRule::Action&'
#include <stackgen/aws/lb_listener_rule.hpp>
#include <stackgen/core/stack.hpp>

void declare(stackgen::Stack& s) {
  using Rule = stackgen::aws::LbListenerRule;
#ifdef STACKGEN_CONTROL
  s.add<Rule>("rule").action(Rule::Action{}.type("forward"));
#else
  s.add<Rule>("rule").action(Rule::Condition{});
#endif
}
