# The committed bindings are what bindgen generates from schema/ now:
#   cmake -DBINDGEN=stackgen_bindgen -DSOURCE_DIR=<repo> -DWORK_DIR=<scratch> -P up_to_date.cmake
#
# Regenerates aws, tls and random into WORK_DIR and compares, file by file,
# with include/stackgen/<p>/ and src/bindings/<p>/ in the source tree.
cmake_minimum_required(VERSION 3.25)
foreach(var BINDGEN SOURCE_DIR WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "up_to_date.cmake: -D${var}= is required")
  endif()
endforeach()
set(providers aws tls random)

file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
foreach(p IN LISTS providers)
  # Run from the source root with a relative schema path, as
  # tools/regenerate-bindings.sh does: the banners name the schema as given.
  execute_process(COMMAND ${BINDGEN} schema/${p}.json --out ${WORK_DIR}
                  WORKING_DIRECTORY ${SOURCE_DIR} RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "bindgen failed on schema/${p}.json:\n${err}")
  endif()
endforeach()

set(problems)
set(differing)
foreach(p IN LISTS providers)
  foreach(dir include/stackgen/${p} src/bindings/${p})
    file(GLOB_RECURSE committed RELATIVE ${SOURCE_DIR} ${SOURCE_DIR}/${dir}/*)
    file(GLOB_RECURSE fresh RELATIVE ${WORK_DIR} ${WORK_DIR}/${dir}/*)
    foreach(f IN LISTS fresh)
      if(NOT f IN_LIST committed)
        list(APPEND problems "  missing:   ${f}")
      else()
        execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${SOURCE_DIR}/${f} ${WORK_DIR}/${f}
                        RESULT_VARIABLE rc)
        if(NOT rc EQUAL 0)
          list(APPEND problems "  differs:   ${f}")
          list(APPEND differing ${f})
        endif()
      endif()
    endforeach()
    foreach(f IN LISTS committed)
      if(NOT f IN_LIST fresh)
        list(APPEND problems "  stale:     ${f} (bindgen no longer generates it)")
      endif()
    endforeach()
  endforeach()
endforeach()

if(problems)
  # Show the start of one diff, when a diff tool is around, to make the cause obvious.
  set(sample "")
  find_program(DIFF diff)
  if(DIFF AND differing)
    list(GET differing 0 first)
    execute_process(COMMAND ${DIFF} -u ${SOURCE_DIR}/${first} ${WORK_DIR}/${first}
                    OUTPUT_VARIABLE sample ERROR_QUIET)
    string(SUBSTRING "${sample}" 0 3000 sample)
    set(sample "\nFirst difference (committed vs. generated now):\n${sample}")
  endif()
  list(JOIN problems "\n" problems)
  # NOTICE prints verbatim; FATAL_ERROR would reflow the diff.
  message(NOTICE
          "The committed bindings are out of date with schema/ and tools/bindgen:\n${problems}\n"
          "Regenerate them and commit the result:\n"
          "  tools/regenerate-bindings.sh            # builds bindgen on its own\n"
          "  tools/regenerate-bindings.sh ${BINDGEN}\n"
          "${sample}")
  message(FATAL_ERROR "bindings out of date (see above)")
endif()
message(STATUS "bindings for ${providers} are up to date")
