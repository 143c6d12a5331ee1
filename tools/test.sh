#!/usr/bin/env bash
# Quick start, step 2: the whole test suite. Runs ctest on ./build (made by
# tools/setup.sh); then the same suite built with AddressSanitizer and
# UndefinedBehaviorSanitizer in ./build-asan; then the fuzz targets (HCL
# parser, template escaping, manifest reader) for a bounded time each, built
# with clang's libFuzzer in ./build-fuzz.
#   STACKGEN_SKIP_SANITIZERS=1   the first pass only (a quick local loop)
#   STACKGEN_SKIP_FUZZ=1         no fuzzing
#   STACKGEN_FUZZ_SECONDS=N      seconds per fuzz target (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)

[ -f build/CMakeCache.txt ] || cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build
echo "== ctest (Release)"
ctest --test-dir build --output-on-failure -j "$jobs"

if [ "${STACKGEN_SKIP_SANITIZERS:-0}" != 1 ]; then
  # One AWS line here: the second line's build is a compile-time proof (and a
  # schema check), which the first pass already made.
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSTACKGEN_SANITIZE=ON \
    -DSTACKGEN_AWS_LINES=5.100.0 >/dev/null
  cmake --build build-asan
  echo "== ctest (ASan + UBSan)"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j "$jobs"
fi

if [ "${STACKGEN_SKIP_FUZZ:-0}" != 1 ]; then
  if command -v clang++ >/dev/null 2>&1 &&
     echo 'extern "C" int LLVMFuzzerTestOneInput(const char*, long) { return 0; }' |
       clang++ -x c++ -fsanitize=fuzzer - -o /dev/null 2>/dev/null; then
    CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSTACKGEN_FUZZ=ON \
      -DSTACKGEN_FUZZ_SECONDS="${STACKGEN_FUZZ_SECONDS:-20}" >/dev/null
    # Only the fuzz targets: clang 14 cannot compile std::source_location
    # against libstdc++ 12, which the rest of the project uses.
    cmake --build build-fuzz --target hcl_fuzz escape_fuzz manifest_fuzz
    echo "== fuzzing (${STACKGEN_FUZZ_SECONDS:-20} s per target)"
    ctest --test-dir build-fuzz --output-on-failure -R '_fuzz$' -j "$jobs"
  else
    echo "== fuzzing SKIPPED: clang++ with libFuzzer (Debian: clang, libclang-rt-14-dev) is not installed"
  fi
fi
