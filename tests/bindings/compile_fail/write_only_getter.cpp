// A write-only argument has a setter and no getter: Terraform never stores it.
// expect-error[GNU]: no matching function for call to 'stackgen::aws::DbInstance::password_wo()'
#include <stackgen/aws/db_instance.hpp>
#include <stackgen/core/stack.hpp>

void declare(stackgen::Stack& s) {
  auto db = s.add<stackgen::aws::DbInstance>("db").password_wo("secret");
#ifdef STACKGEN_CONTROL
  (void)db.password();
#else
  (void)db.password_wo();
#endif
}
