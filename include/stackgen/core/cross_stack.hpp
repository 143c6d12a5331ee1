// Cross-stack references: a handle of one stack used in another.
//
// Terraform root modules cannot see each other's blocks; what one stack
// passes to another goes through an output of the first and a
// `terraform_remote_state` data source in the second, both of which people
// write (and get wrong) by hand. In stackgen the second stack declares the
// dependency and uses the first stack's handles as if they were its own:
//
//   network:  resource "aws_vpc" "main"
//   service:  service.depends_on(network); subnet.vpc_id(vpc.id())
//
// emits, in network, `output "aws_vpc_main_id" { value = aws_vpc.main.id }`
// and, in service, `data "terraform_remote_state" "network"` (its backend
// and config taken from network's backend) and
// `vpc_id = data.terraform_remote_state.network.outputs.aws_vpc_main_id`.
// The C++ types are those of the handle: typed end to end.
//
// What crosses: attributes of resources, data sources and module outputs
// (one instance, every instance by splat, or the instance a key expression
// of the using stack selects), variables and locals. A whole block (as an
// object, or a for-expression over its instances), a provider configuration
// and a precondition are not carried: validation reports them at the using
// block, as it reports a handle used without depends_on and a dependency
// cycle.
#pragma once

#include <vector>

#include "stackgen/core/app.hpp"

namespace stackgen {

/// Rewrites every handle of a stack used in a stack that depends on it
/// (directly) into an output and a remote state reference, as above. Run
/// once, after every stack of the app is built and finished and before
/// validation (the CLI and testing::Synth do).
///
/// Where the remote state is read from: the depended-on stack's backend. No
/// backend (or `local` with a relative path): its state file in the sibling
/// output directory, `../<stack>/terraform.tfstate`, as Terraform finds it
/// when run in OUT/<stack>/. An `s3` backend without a bucket (left to
/// `terraform init -backend-config`): a variable `<stack>_state_bucket` of
/// the using stack (TF_VAR_<stack>_state_bucket in CI).
void connect_stacks(App& app);

/// The app's stacks in the order to apply them: each after every stack it
/// depends on, otherwise by name. Stacks in a dependency cycle (which
/// validation reports) come last, by name. Destroy in the reverse order.
std::vector<const Stack*> apply_order(const App& app);

/// The stacks `stack` depends on (Stack::depends_on), in declaration order.
std::vector<const Stack*> dependencies_of(const App& app, const Stack& stack);

}  // namespace stackgen
