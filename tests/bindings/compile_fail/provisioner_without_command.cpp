// What Terraform requires of a provisioner is a constructor argument: a
// local-exec provisioner without its command does not compile.
// expect-error[GNU]: no matching function for call to 'stackgen::LocalExec::LocalExec()'
#include <stackgen/aws/instance.hpp>
#include <stackgen/core/stack.hpp>

void declare(stackgen::Stack& s) {
  using namespace stackgen;
#ifdef STACKGEN_CONTROL
  s.add<aws::Instance>("web").provisioner([](auto self) { return LocalExec("echo " + self.private_ip()); });
#else
  s.add<aws::Instance>("web").provisioner(LocalExec().when_destroy());
#endif
}
