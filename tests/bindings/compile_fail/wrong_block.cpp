// A nested block setter takes its own struct (or a builder of it) only.
// expect-error[GNU]: no matching function for call to 'stackgen::aws::LbListenerRule::action(stackgen::aws::LbListenerRule::Condition)'
// expect-error[GNU]: no known conversion for argument 1 from 'stackgen::aws::LbListenerRule::Condition' to 'const stackgen::aws::LbListenerRule::Action&'
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
