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
#       PROVIDERS adds shipped bindings (tls, random) or those made by
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
                          "(shipped: tls, random; others: stackgen_add_provider(NAME ${p} SCHEMA ...))")
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
  # The core API and what every binding header includes, precompiled once
  # per target: half of a stack file's compile time was parsing them
  # (bench/README.md). STACKGEN_STACK_PCH=OFF turns it off.
  if(NOT DEFINED STACKGEN_STACK_PCH OR STACKGEN_STACK_PCH)
    target_precompile_headers(${target} PRIVATE
      <stackgen/stackgen.hpp> <stackgen/core/block_body.hpp> <stackgen/core/resource.hpp>
      <stackgen/core/schema_spec.hpp>)
  endif()
endfunction()
