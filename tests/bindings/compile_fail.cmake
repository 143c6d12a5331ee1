# A compile-fail test: cmake -DCXX=... -DCXX_ID=GNU|Clang -DINCLUDE_DIR=...
#   [-DBINDINGS_INCLUDE_DIR=...] -DSOURCE=file.cpp -P compile_fail.cmake
#
# BINDINGS_INCLUDE_DIR is the include root of the generated provider
# bindings (stackgen_bindgen --out), several separated by '|'; they are
# searched before INCLUDE_DIR.
#
# SOURCE must compile with -DSTACKGEN_CONTROL (the correct use) and must fail
# without it, with every fragment its comment lines name in the compiler's
# output: `// expect-error: TEXT` for any compiler, `// expect-error[GNU]:
# TEXT` or `// expect-error[Clang]: TEXT` for one. A failure for another
# reason (a typo, a missing include) is not a pass. With no fragment for the
# compiler in use the test reports SKIP (diagnostics differ between
# compilers; only GCC's are recorded so far). The compiler runs with LC_ALL=C
# so that GCC quotes with plain apostrophes.
cmake_minimum_required(VERSION 3.25)
foreach(var CXX CXX_ID INCLUDE_DIR SOURCE)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "compile_fail.cmake: -D${var}= is required")
  endif()
endforeach()

set(expected)
file(STRINGS ${SOURCE} lines REGEX "^// expect-error(\\[[A-Za-z]+\\])?: ")
foreach(line IN LISTS lines)
  if(line MATCHES "^// expect-error(\\[([A-Za-z]+)\\])?: (.*)$")
    if("${CMAKE_MATCH_2}" STREQUAL "" OR "${CMAKE_MATCH_2}" STREQUAL "${CXX_ID}")
      list(APPEND expected "${CMAKE_MATCH_3}")
    endif()
  endif()
endforeach()
if(NOT expected)
  message(STATUS "SKIP: ${SOURCE} records no expected diagnostic for ${CXX_ID}")
  return()
endif()

set(includes -I${INCLUDE_DIR})
if(DEFINED BINDINGS_INCLUDE_DIR)
  # Several include roots are separated by '|'.
  string(REPLACE "|" ";" dirs "${BINDINGS_INCLUDE_DIR}")
  foreach(dir IN LISTS dirs)
    list(PREPEND includes -I${dir})
  endforeach()
endif()
set(command ${CMAKE_COMMAND} -E env LC_ALL=C ${CXX} -std=c++20 -fsyntax-only -Werror=deprecated-declarations ${includes})
# CONTROL_BINDINGS_INCLUDE_DIR: the control compiles the same source against
# other bindings (another provider line), e.g. an attribute that 5.100.0 has
# and 6.66.0 removed.
set(control_command ${command})
if(DEFINED CONTROL_BINDINGS_INCLUDE_DIR)
  set(control_includes -I${INCLUDE_DIR})
  string(REPLACE "|" ";" dirs "${CONTROL_BINDINGS_INCLUDE_DIR}")
  foreach(dir IN LISTS dirs)
    list(PREPEND control_includes -I${dir})
  endforeach()
  # What the old line has may be deprecated there (a warning, as users
  # see it before the upgrade), so deprecation is not an error here.
  set(control_command ${CMAKE_COMMAND} -E env LC_ALL=C ${CXX} -std=c++20 -fsyntax-only
                      -Wno-deprecated-declarations ${control_includes})
endif()

execute_process(COMMAND ${control_command} -DSTACKGEN_CONTROL ${SOURCE}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${SOURCE}: the control version (-DSTACKGEN_CONTROL) does not compile, "
                      "so the test proves nothing:\n${out}${err}")
endif()

execute_process(COMMAND ${command} ${SOURCE} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0)
  message(FATAL_ERROR "${SOURCE}: compiled, but this misuse must be rejected")
endif()
foreach(fragment IN LISTS expected)
  string(FIND "${out}${err}" "${fragment}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${SOURCE}: failed to compile, but without the expected diagnostic "
                        "\"${fragment}\":\n${out}${err}")
  endif()
endforeach()
message(STATUS "${SOURCE}: rejected as expected")
