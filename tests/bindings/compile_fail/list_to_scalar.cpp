// A collection passed to a scalar attribute does not compile.
// expect-error[GNU]: no matching function for call to 'stackgen::aws::LbTargetGroup::vpc_id(stackgen::Expr<stackgen::Set<std::__cxx11::basic_string<char> > >)'
#include <stackgen/aws/lb.hpp>
#include <stackgen/aws/lb_target_group.hpp>
#include <stackgen/aws/vpc.hpp>
#include <stackgen/core/stack.hpp>

void declare(stackgen::Stack& s) {
  namespace aws = stackgen::aws;
  auto vpc = s.add<aws::Vpc>("vpc").cidr_block("10.0.0.0/16");
  auto lb = s.add<aws::Lb>("lb").subnets({"subnet-1", "subnet-2"});
#ifdef STACKGEN_CONTROL
  s.add<aws::LbTargetGroup>("tg").vpc_id(vpc.id());
  (void)lb;
#else
  s.add<aws::LbTargetGroup>("tg").vpc_id(lb.subnets());
  (void)vpc;
#endif
}
