# Warnings for stackgen's own targets (not imposed on consumers).
function(stackgen_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
endfunction()

# Diagnostics name C++ files relative to the project root
# (stacks/keencho/network.cpp:23) instead of absolute build paths, which also
# keeps any output that mentions them identical across machines.
function(stackgen_relative_locations target)
  target_compile_options(${target} PRIVATE "-fmacro-prefix-map=${PROJECT_SOURCE_DIR}/=")
endfunction()
