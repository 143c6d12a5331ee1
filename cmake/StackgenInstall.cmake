# Install and export: find_package(stackgen) gives the layer targets
# (stackgen::core, aws_common, aws_<line>, aws, tls, random, null, cli, main,
# testing, hcl), the bindgen executable (stackgen::bindgen) and the CMake
# functions (stackgen_add_stack, stackgen_add_provider).
include(CMakePackageConfigHelpers)

install(TARGETS stackgen_core stackgen_aws_common ${STACKGEN_AWS_LINE_TARGETS} stackgen_aws
                stackgen_tls stackgen_random stackgen_null stackgen_cli_library stackgen_main stackgen_testing
                stackgen_hcl stackgen_all stackgen_bindgen stackgen_bindgen_lib stackgen_convert
  EXPORT stackgenTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/stackgen DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
# The generated bindings, one include root per line (both lines' headers are
# <stackgen/aws/...>; a program links one).
foreach(line ${STACKGEN_AWS_LINES})
  install(DIRECTORY ${PROJECT_BINARY_DIR}/bindings/aws-${line}/
          DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/stackgen-aws-${line})
endforeach()
foreach(p tls random null)
  install(DIRECTORY ${PROJECT_BINARY_DIR}/bindings/${p}/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/stackgen-${p})
endforeach()
# The schemas, for stackgen_add_provider users who want to regenerate, and
# for conformance checks of emitted JSON.
# and for `stackgen convert`, which names the typed bindings after them.
set(stackgen_installed_schemas ${PROJECT_SOURCE_DIR}/schema/tls.json ${PROJECT_SOURCE_DIR}/schema/random.json
                               ${PROJECT_SOURCE_DIR}/schema/null.json)
foreach(line ${STACKGEN_AWS_LINES})
  list(APPEND stackgen_installed_schemas ${PROJECT_SOURCE_DIR}/schema/aws-${line}.json)
endforeach()
install(FILES ${stackgen_installed_schemas}
        DESTINATION ${CMAKE_INSTALL_DATADIR}/stackgen/schema)
if(TARGET stackgen_cli)
  install(TARGETS stackgen_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(EXPORT stackgenTargets NAMESPACE stackgen:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/stackgen)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/stackgenConfig.cmake.in
  ${PROJECT_BINARY_DIR}/stackgenConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/stackgen)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/stackgenConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/stackgenConfig.cmake ${PROJECT_BINARY_DIR}/stackgenConfigVersion.cmake
              ${PROJECT_SOURCE_DIR}/cmake/StackgenFunctions.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/stackgen)
