// Stacks for diff.sh: each context flag makes a change `stackgen diff` must
// describe, and `emit --moved` must carry across a rename.
//   rename=1  terraform_data.old is renamed terraform_data.renamed (and
//             its referrer follows)
//   widen=1   the web security group opens SSH to 0.0.0.0/0, the role
//             policy gains s3:DeleteObject
//   secret=2  the database password literal changes (never printed)
//   key=2     the connection private key and password literals change (never printed)
//   check=1   a check block is added (its assertion, a scoped data source)
#include <stackgen/aws/db_instance.hpp>
#include <stackgen/aws/iam_role_policy.hpp>
#include <stackgen/aws/provider.hpp>
#include <stackgen/aws/security_group.hpp>
#include <stackgen/awsdoc/policy_document.hpp>
#include <stackgen/stackgen.hpp>

namespace {

using namespace stackgen;
using builtin::TerraformData;

void moves(Stack& s) {
  const bool renamed = s.context_flag("rename", false);
  auto data = s.add<TerraformData>(renamed ? "renamed" : "old").input(Value("state kept"));
  s.add<TerraformData>("referrer").input(data.id());
  s.output("id", data.id());
  if (s.context_flag("check", false)) {
    auto kept = s.check("state_kept");
    auto peer = kept.data<builtin::TerraformRemoteState>("peer").backend("local");
    kept.assert_that(eq(data.output(), Expr<Any>("state kept")), "the kept value changed")
        .assert_that(is_null(peer.outputs()), "the peer stack has outputs");
  }
}

void security(Stack& s) {
  const bool widen = s.context_flag("widen", false);
  s.provider<aws::Provider>().region("eu-west-1");
  std::vector<Expr<aws::SecurityGroup::Ingress>> ingress{
      aws::SecurityGroup::Ingress{}.protocol("tcp").from_port(443).to_port(443).cidr_blocks({"10.0.0.0/8"})};
  if (widen)
    ingress.push_back(aws::SecurityGroup::Ingress{}.protocol("tcp").from_port(22).to_port(22).cidr_blocks({"0.0.0.0/0"}));
  s.add<aws::SecurityGroup>("web").name("web").ingress(ingress);
  std::vector<Expr<std::string>> actions{"s3:GetObject"};
  if (widen) actions.push_back("s3:DeleteObject");
  s.add<aws::IamRolePolicy>("reader")
      .role("app")
      .policy(jsonencode(awsdoc::PolicyDocument{}
                             .statement(awsdoc::Statement{}.allow().actions(actions).resources({"arn:aws:s3:::bucket/*"}))
                             .to_value()));
  s.add<aws::DbInstance>("db")
      .identifier("db")
      .instance_class("db.t3.micro")
      .engine("postgres")
      .allocated_storage(20)
      .username("app")
      .password(s.context("secret", "1") == "1" ? "first-secret-value" : "second-secret-value");
  // Connection secrets are hidden like sensitive arguments, in the
  // resource's connection and in a provisioner's own.
  const bool first_key = s.context("key", "1") == "1";
  s.add<builtin::TerraformData>("deploy")
      .connection(Connection::ssh("10.0.0.5").private_key(first_key ? "first-key-value" : "second-key-value"))
      .provisioner(RemoteExec::inline_commands(Expr<List<std::string>>{"true"})
                       .connection(Connection::winrm("10.0.0.6").password(first_key ? "first-pw-value" : "second-pw-value")));
}

const StackRegistration r_moves{"moves", moves};
const StackRegistration r_security{"security", security};

}  // namespace
