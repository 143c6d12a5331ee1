# Shared helpers for the test folders.
#
# stackgen_catch_test(NAME SOURCES...): a Catch2 v2 executable registered
# with CTest as one test (Catch's own per-case reporting shows in the log).
# It links stackgen::core only; tests of the AWS layer add
# ${STACKGEN_TEST_AWS}, the AWS line the project's stacks use.
add_library(stackgen_catch_main STATIC ${PROJECT_SOURCE_DIR}/tests/catch_main.cpp)
target_link_libraries(stackgen_catch_main PUBLIC Catch2::Catch2)

function(stackgen_catch_test name)
  add_executable(${name} ${ARGN})
  target_link_libraries(${name} PRIVATE stackgen::core stackgen_catch_main)
  stackgen_warnings(${name})
  stackgen_relative_locations(${name})
  # Test code runs for milliseconds and is compiled on every CI run: build it
  # for the compiler's speed (-Og halves a test file's compile time against
  # -O3) while the library under test keeps the build type's optimisation.
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${name} PRIVATE $<$<NOT:$<CONFIG:Debug>>:-Og>)
  endif()
  add_test(NAME ${name} COMMAND ${name})
endfunction()

# Tests that drive terraform report "skipped" with this exit code when
# terraform or the provider mirror is missing (see tools/tf-env.sh).
set(STACKGEN_SKIP_CODE 77)

string(REPLACE "." "_" _stackgen_test_line ${STACKGEN_STACKS_AWS_PROVIDER})
set(STACKGEN_TEST_AWS stackgen::aws_${_stackgen_test_line})
set(STACKGEN_TEST_STACKS stackgen_reference_stacks_${_stackgen_test_line})
