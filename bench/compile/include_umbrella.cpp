// Compile-time probe: every aws binding through the umbrella header.
#include <stackgen/aws/all.hpp>
#include <stackgen/awsdoc/container_definition.hpp>
#include <stackgen/awsdoc/policy_document.hpp>
#include <stackgen/stackgen.hpp>

int bench_include_probe() { return 0; }
