// A builder must fill in the setter's own block: one written for another
// block does not match.
// expect-error[GNU]: no matching function for call to 'stackgen::aws::LbListenerRule::action(declare(stackgen::Stack&)::<lambda(stackgen::aws::LbListenerRule::Condition&)>)'
#include <stackgen/aws/lb_listener_rule.hpp>
#include <stackgen/core/stack.hpp>

void declare(stackgen::Stack& s) {
  using Rule = stackgen::aws::LbListenerRule;
#ifdef STACKGEN_CONTROL
  s.add<Rule>("rule").action([](Rule::Action& a) { a.type("forward"); });
#else
  s.add<Rule>("rule").action([](Rule::Condition& c) { c.path_pattern({}); });
#endif
}
