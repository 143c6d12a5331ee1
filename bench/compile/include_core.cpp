// Compile-time probe: the core API only.
#include <stackgen/stackgen.hpp>

int bench_include_probe() { return 0; }
