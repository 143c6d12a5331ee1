// stackgen::main: link it with a stack program and the program is the whole
// stackgen CLI over the stacks it registers (the Catch2WithMain model), with
// stackgen's AWS lint. A program with rule sets of its own (policies) writes
// this main() itself and passes them too.
#include "stackgen/cli/cli.hpp"
#include "stackgen/lint/aws.hpp"

int main(int argc, char** argv) {
  return stackgen::cli::run(argc, argv, {.rule_sets = {stackgen::aws::lint_rules()}});
}
