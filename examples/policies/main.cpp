// The stackgen CLI for this program, with the organisation's policies next
// to stackgen's AWS rules: `validate`, `emit` and `diff` run both, and
// report them alike (text, JSON, SARIF; suppressions with reasons).
#include <stackgen/cli/cli.hpp>
#include <stackgen/lint/aws.hpp>

#include "policies.hpp"

int main(int argc, char** argv) {
  return stackgen::cli::run(argc, argv, {.rule_sets = {stackgen::aws::lint_rules(), acme::policies()}});
}
