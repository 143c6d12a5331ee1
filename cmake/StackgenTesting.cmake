# Shared helpers for the test folders.
#
# stackgen_catch_test(NAME SOURCES...): a Catch2 v2 executable registered
# with CTest as one test (Catch's own per-case reporting shows in the log).
add_library(stackgen_catch_main STATIC ${PROJECT_SOURCE_DIR}/tests/catch_main.cpp)
target_link_libraries(stackgen_catch_main PUBLIC Catch2::Catch2)

function(stackgen_catch_test name)
  add_executable(${name} ${ARGN})
  target_link_libraries(${name} PRIVATE stackgen::stackgen stackgen_catch_main)
  stackgen_warnings(${name})
  stackgen_relative_locations(${name})
  add_test(NAME ${name} COMMAND ${name})
endfunction()

# Tests that drive terraform report "skipped" with this exit code when
# terraform or the provider mirror is missing (see tools/tf-env.sh).
set(STACKGEN_SKIP_CODE 77)
