#!/usr/bin/env bash
# Quick start, step 2: the whole test suite. Runs ctest on ./build (made by
# tools/setup.sh), then the same suite built with AddressSanitizer and
# UndefinedBehaviorSanitizer in ./build-asan.
# STACKGEN_SKIP_SANITIZERS=1 runs the first pass only (a quick local loop).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)

[ -f build/CMakeCache.txt ] || cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build
echo "== ctest (Release)"
ctest --test-dir build --output-on-failure -j "$jobs"

if [ "${STACKGEN_SKIP_SANITIZERS:-0}" != 1 ]; then
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSTACKGEN_SANITIZE=ON >/dev/null
  cmake --build build-asan
  echo "== ctest (ASan + UBSan)"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j "$jobs"
fi
