// Setting a deprecated attribute warns (an error under -Werror, as here).
// expect-error[GNU]: stackgen::random::Password::number(const stackgen::Expr<bool>&) const' is deprecated: deprecated in the provider schema
#include <stackgen/core/stack.hpp>
#include <stackgen/random/password.hpp>

void declare(stackgen::Stack& s) {
#ifdef STACKGEN_CONTROL
  s.add<stackgen::random::Password>("db").length(32).numeric(true);
#else
  s.add<stackgen::random::Password>("db").length(32).number(true);
#endif
}
