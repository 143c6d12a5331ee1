# The CMake functions of the stackgen package, the same in the stackgen tree
# and for programs that find_package(stackgen) or add_subdirectory() it:
#
#   stackgen_add_stack(<target> SOURCES <file>... [LIBRARY] [NO_MAIN]
#                      [AWS_PROVIDER <version>|NONE] [PROVIDERS <name>...])
#       A stack program (an executable that is the whole stackgen CLI over
#       the stacks its sources register), or with LIBRARY an object library
#       of stack code to link into a program and its tests. Stack code is
#       compiled for the compiler's speed (-Og), whatever CMAKE_BUILD_TYPE
#       says: it runs once per emit, in milliseconds, while its author waits
#       for the compiler on every edit (bench/README.md, "Edit loop").
#       AWS_PROVIDER picks the line of the AWS bindings (default
#       STACKGEN_AWS_PROVIDER, the newest line shipped); NONE links none.
#       PROVIDERS adds shipped bindings (tls, random, null) or those made by
#       stackgen_add_provider(). NO_MAIN: the sources have their own main()
#       (e.g. to pass rule sets of their own to stackgen::cli::run).
#       The executable is linked statically on Linux (STACKGEN_STATIC_STACKS,
#       default ON; off in sanitizer builds): an emit is a few milliseconds,
#       and the dynamic loader's relocations and page faults were a quarter
#       of them (bench/README.md, "Start-up").
#
#   stackgen_add_provider(NAME <name> SCHEMA <file> [PROVIDER <source>]
#                         [VALUES <file>])
#       Typed bindings of any provider, from the output of
#       `terraform providers schema -json`, generated at build time by the
#       installed stackgen_bindgen into the build tree: an INTERFACE target
#       stackgen_provider_<name> (headers <stackgen/<local name>/<type>.hpp>).
#       PROVIDER chooses one provider when the schema file holds several.
#       VALUES: allowed values of string attributes (docs/values.md), for
#       setters that check literals at compile time.
#
#   stackgen_generate_bindings(<target> SCHEMA <file> [PROVIDER <p>]
#                              [LABEL <text>] [DIR <include root>] [VALUES <file>])
#       The building block of both: bindgen on SCHEMA, headers under DIR
#       (default: the current binary dir), an INTERFACE target for them.
include_guard(GLOBAL)

set(STACKGEN_AWS_LINES_SHIPPED 5.100.0 6.66.0)

function(_stackgen_bindgen_command out)
  if(TARGET stackgen::bindgen)
    set(${out} stackgen::bindgen PARENT_SCOPE)
  else()
    message(FATAL_ERROR "stackgen: no stackgen::bindgen executable (is the stackgen package complete?)")
  endif()
endfunction()

function(stackgen_generate_bindings target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "SCHEMA;PROVIDER;LABEL;DIR;VALUES" "")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "stackgen_generate_bindings(${target}): unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_SCHEMA)
    message(FATAL_ERROR "stackgen_generate_bindings(${target}): SCHEMA <file> is required")
  endif()
  get_filename_component(schema "${arg_SCHEMA}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  if(NOT EXISTS "${schema}")
    message(FATAL_ERROR "stackgen_generate_bindings(${target}): no schema file ${schema}")
  endif()
  if(NOT arg_DIR)
    set(arg_DIR "${CMAKE_CURRENT_BINARY_DIR}/stackgen-bindings/${target}")
  endif()
  # The label is what the generated headers say they came from: never an
  # absolute path, so that headers are the same on every machine.
  if(NOT arg_LABEL)
    get_filename_component(arg_LABEL "${schema}" NAME)
  endif()
  set(provider_args)
  if(arg_PROVIDER)
    set(provider_args --provider "${arg_PROVIDER}")
  endif()
  set(values_depends)
  if(arg_VALUES)
    get_filename_component(values "${arg_VALUES}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    if(NOT EXISTS "${values}")
      message(FATAL_ERROR "stackgen_generate_bindings(${target}): no values file ${values}")
    endif()
    list(APPEND provider_args --values "${values}")
    set(values_depends "${values}")
  endif()
  _stackgen_bindgen_command(bindgen)
  set(stamp "${arg_DIR}.stamp")
  add_custom_command(
    OUTPUT "${stamp}"
    COMMAND ${bindgen} "${schema}" --out "${arg_DIR}" --schema-label "${arg_LABEL}" ${provider_args}
    COMMAND ${CMAKE_COMMAND} -E touch "${stamp}"
    DEPENDS "${schema}" ${values_depends} ${bindgen}
    COMMENT "stackgen bindings: ${arg_LABEL}"
    VERBATIM)
  add_custom_target(${target}_generate DEPENDS "${stamp}")
  add_library(${target} INTERFACE)
  target_include_directories(${target} INTERFACE $<BUILD_INTERFACE:${arg_DIR}>)
  add_dependencies(${target} ${target}_generate)
  # The headers are not outputs the build tool knows one by one (2,000 of
  # them); the stamp stands for them, and stackgen_add_stack makes the
  # sources that may include them depend on it.
  set_target_properties(${target} PROPERTIES STACKGEN_BINDINGS_STAMP "${stamp}")
  if(TARGET stackgen::core)
    target_link_libraries(${target} INTERFACE stackgen::core)
  endif()
endfunction()

function(stackgen_add_provider)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "NAME;SCHEMA;PROVIDER;VALUES" "")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "stackgen_add_provider: unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_NAME OR NOT arg_SCHEMA)
    message(FATAL_ERROR "stackgen_add_provider: NAME <name> and SCHEMA <file> are required")
  endif()
  if(NOT arg_NAME MATCHES "^[a-z][a-z0-9_]*$")
    message(FATAL_ERROR "stackgen_add_provider: NAME '${arg_NAME}' is not a provider local name ([a-z][a-z0-9_]*)")
  endif()
  set(extra)
  if(arg_PROVIDER)
    set(extra PROVIDER "${arg_PROVIDER}")
  endif()
  if(arg_VALUES)
    list(APPEND extra VALUES "${arg_VALUES}")
  endif()
  stackgen_generate_bindings(stackgen_provider_${arg_NAME} SCHEMA "${arg_SCHEMA}" ${extra}
    DIR "${CMAKE_CURRENT_BINARY_DIR}/stackgen-bindings/${arg_NAME}")
endfunction()

# The target of the AWS bindings (and patterns) of one line.
function(_stackgen_aws_target out version)
  string(REPLACE "." "_" id "${version}")
  if(TARGET stackgen::aws_${id})
    set(${out} stackgen::aws_${id} PARENT_SCOPE)
  else()
    set(built)
    foreach(v ${STACKGEN_AWS_LINES_SHIPPED})
      string(REPLACE "." "_" vid "${v}")
      if(TARGET stackgen::aws_${vid})
        list(APPEND built ${v})
      endif()
    endforeach()
    list(JOIN built ", " built)
    set(${out} "" PARENT_SCOPE)
    set(_stackgen_aws_lines_built "${built}" PARENT_SCOPE)
  endif()
endfunction()

# Links a stack program statically where that is safe: Linux, and no
# sanitizer in the flags or in stackgen::core's link options.
function(_stackgen_static_link target)
  set(static ON)
  if(DEFINED STACKGEN_STATIC_STACKS)
    set(static ${STACKGEN_STATIC_STACKS})
  endif()
  if(TARGET stackgen::core)
    get_target_property(core_link stackgen::core INTERFACE_LINK_OPTIONS)
  endif()
  if(NOT CMAKE_SYSTEM_NAME STREQUAL "Linux" OR NOT CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang"
     OR "${core_link} ${CMAKE_CXX_FLAGS} ${CMAKE_EXE_LINKER_FLAGS}" MATCHES "sanitize")
    set(static OFF)
  endif()
  if(static)
    target_link_options(${target} PRIVATE -static)
  endif()
endfunction()

function(stackgen_add_stack target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "LIBRARY;NO_MAIN" "AWS_PROVIDER" "SOURCES;PROVIDERS")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "stackgen_add_stack(${target}): unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_SOURCES)
    message(FATAL_ERROR "stackgen_add_stack(${target}): SOURCES <file>... is required")
  endif()
  if(arg_LIBRARY)
    # OBJECT, not STATIC: stacks register themselves from static
    # initialisers, which a linker drops from a static archive.
    add_library(${target} OBJECT ${arg_SOURCES})
    target_link_libraries(${target} PUBLIC stackgen::core)
  else()
    add_executable(${target} ${arg_SOURCES})
    _stackgen_static_link(${target})
    if(arg_NO_MAIN)
      target_link_libraries(${target} PRIVATE stackgen::cli)
    else()
      target_link_libraries(${target} PRIVATE stackgen::main)
    endif()
  endif()
  set(scope PRIVATE)
  if(arg_LIBRARY)
    set(scope PUBLIC)
  endif()

  set(libs)
  if(NOT arg_AWS_PROVIDER)
    set(arg_AWS_PROVIDER "${STACKGEN_AWS_PROVIDER}")
  endif()
  if(NOT arg_AWS_PROVIDER STREQUAL "NONE")
    _stackgen_aws_target(aws "${arg_AWS_PROVIDER}")
    if(NOT aws)
      message(FATAL_ERROR "stackgen_add_stack(${target}): AWS_PROVIDER ${arg_AWS_PROVIDER} is not a line of "
                          "the AWS bindings in this stackgen (built: ${_stackgen_aws_lines_built}). Another "
                          "version: stackgen_add_provider(NAME aws SCHEMA <its providers schema -json>).")
    endif()
    list(APPEND libs ${aws})
  endif()
  foreach(p ${arg_PROVIDERS})
    if(TARGET stackgen_provider_${p})
      list(APPEND libs stackgen_provider_${p})
    elseif(TARGET stackgen::${p})
      list(APPEND libs stackgen::${p})
    else()
      message(FATAL_ERROR "stackgen_add_stack(${target}): no bindings for provider '${p}' "
                          "(shipped: tls, random, null; others: stackgen_add_provider(NAME ${p} SCHEMA ...))")
    endif()
  endforeach()
  target_link_libraries(${target} ${scope} ${libs})

  # Sources recompile when bindings they may include are regenerated.
  set(stamps)
  foreach(lib ${libs})
    if(TARGET ${lib})
      get_target_property(real ${lib} ALIASED_TARGET)
      if(NOT real)
        set(real ${lib})
      endif()
      get_target_property(imported ${real} IMPORTED)
      if(NOT imported)
        get_target_property(stamp ${real} STACKGEN_BINDINGS_STAMP)
        if(stamp)
          list(APPEND stamps "${stamp}")
        endif()
        get_target_property(line_stamp ${real} STACKGEN_BINDINGS_STAMPS)
        if(line_stamp)
          list(APPEND stamps ${line_stamp})
        endif()
      endif()
    endif()
  endforeach()
  if(stamps)
    set_property(SOURCE ${arg_SOURCES} APPEND PROPERTY OBJECT_DEPENDS ${stamps})
  endif()

  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    # -Og after the build type's -O2/-O3, so it wins; the libraries keep
    # theirs. Source locations in diagnostics are relative to the project.
    target_compile_options(${target} PRIVATE -Og "-fmacro-prefix-map=${PROJECT_SOURCE_DIR}/=")
  endif()
  # The core API and the stackgen headers the sources include (bindings,
  # awsdoc, patterns), precompiled once per target: parsing them was most
  # of a stack file's compile time (bench/README.md, "Edit loop").
  # STACKGEN_STACK_PCH=OFF turns it off.
  if(NOT DEFINED STACKGEN_STACK_PCH OR STACKGEN_STACK_PCH)
    _stackgen_stack_pch(${target} ${arg_SOURCES})
  endif()
  if(NOT arg_LIBRARY)
    _stackgen_fast_linker(${target})
  endif()
endfunction()

# Every `#include <stackgen/...>` of the given files and of the project's
# own headers they include with quotes (resolved from the including file's
# directory and its parents up to CMAKE_CURRENT_SOURCE_DIR), sorted.
function(_stackgen_scan_includes out)
  set(queue)
  foreach(f ${ARGN})
    get_filename_component(f "${f}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    list(APPEND queue "${f}")
  endforeach()
  set(seen)
  set(headers)
  while(queue)
    list(POP_FRONT queue f)
    if(f IN_LIST seen OR NOT EXISTS "${f}" OR IS_DIRECTORY "${f}")
      continue()
    endif()
    list(APPEND seen "${f}")
    file(STRINGS "${f}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
    foreach(line IN LISTS lines)
      if(line MATCHES "^[ \t]*#[ \t]*include[ \t]*<(stackgen/[A-Za-z0-9_./-]+\\.hpp)>")
        list(APPEND headers "${CMAKE_MATCH_1}")
      elseif(line MATCHES "^[ \t]*#[ \t]*include[ \t]*\"([A-Za-z0-9_./-]+)\"")
        set(name "${CMAKE_MATCH_1}")
        get_filename_component(dir "${f}" DIRECTORY)
        while(TRUE)
          if(EXISTS "${dir}/${name}")
            get_filename_component(found "${dir}/${name}" ABSOLUTE)
            list(APPEND queue "${found}")
            break()
          endif()
          string(FIND "${dir}/" "${CMAKE_CURRENT_SOURCE_DIR}/" at)
          get_filename_component(parent "${dir}" DIRECTORY)
          if(NOT at EQUAL 0 OR dir STREQUAL CMAKE_CURRENT_SOURCE_DIR OR parent STREQUAL dir)
            break()
          endif()
          set(dir "${parent}")
        endwhile()
      endif()
    endforeach()
  endwhile()
  list(REMOVE_DUPLICATES headers)
  list(SORT headers)
  set(${out} "${headers}" PARENT_SCOPE)
endfunction()

# The target's precompiled header: the core API, then each stackgen header
# its sources include when the header exists (`__has_include`), so that a
# misspelt include is reported at the user's line, not in the PCH. The list
# is read at configure time: an include added later compiles as usual and
# joins the PCH at the next configure. The file is rewritten only when its
# content changes, so a reconfigure does not rebuild the PCH.
function(_stackgen_stack_pch target)
  _stackgen_scan_includes(headers ${ARGN})
  set(text "// Generated by stackgen_add_stack(${target}): what its sources include from stackgen.\n")
  string(APPEND text "#include <stackgen/stackgen.hpp>\n#include <stackgen/core/block_body.hpp>\n"
                     "#include <stackgen/core/resource.hpp>\n#include <stackgen/core/schema_spec.hpp>\n")
  foreach(h ${headers})
    string(APPEND text "#if __has_include(<${h}>)\n#include <${h}>\n#endif\n")
  endforeach()
  set(file "${CMAKE_CURRENT_BINARY_DIR}/stackgen-pch/${target}.hpp")
  file(CONFIGURE OUTPUT "${file}" CONTENT "${text}" @ONLY)
  target_precompile_headers(${target} PRIVATE "${file}")
endfunction()

# A stack program is relinked on every edit of its stack code: with GNU ld
# that was 0.6 s of the loop, lld takes 0.14 s and gold 0.25 s for the same
# static executable (bench/README.md). The first of them the compiler can
# use; STACKGEN_FAST_LINKER=OFF keeps the toolchain's default.
function(_stackgen_linker_flag out)
  set(${out} "" PARENT_SCOPE)
  if((DEFINED STACKGEN_FAST_LINKER AND NOT STACKGEN_FAST_LINKER) OR NOT CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    return()
  endif()
  if(NOT DEFINED CACHE{STACKGEN_LINKER_FLAG})
    include(CheckLinkerFlag)
    set(flag "")
    foreach(ld lld gold)
      check_linker_flag(CXX "-fuse-ld=${ld}" _stackgen_has_ld_${ld})
      if(_stackgen_has_ld_${ld})
        set(flag "-fuse-ld=${ld}")
        break()
      endif()
    endforeach()
    set(STACKGEN_LINKER_FLAG "${flag}" CACHE INTERNAL "the linker flag stackgen_add_stack uses")
  endif()
  set(${out} "${STACKGEN_LINKER_FLAG}" PARENT_SCOPE)
endfunction()

function(_stackgen_fast_linker target)
  _stackgen_linker_flag(flag)
  if(flag)
    target_link_options(${target} PRIVATE ${flag})
  endif()
endfunction()
