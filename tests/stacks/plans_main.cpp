// Catch2's main for tests that may skip: exits 77 (CTest's "skipped") when
// a real terraform plan was skipped and nothing failed.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <stackgen/testing/catch2.hpp>

int main(int argc, char** argv) {
  const int failed = Catch::Session().run(argc, argv);
  if (failed == 0 && stackgen::testing::plans_skipped()) return 77;
  return failed;
}
