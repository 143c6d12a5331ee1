# Install and export: find_package(stackgen) gives stackgen::stackgen and
# stackgen::main to out-of-tree stack programs.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS stackgen stackgen_main stackgen_hcl stackgen_testing EXPORT stackgenTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/stackgen DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
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
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/stackgen)
