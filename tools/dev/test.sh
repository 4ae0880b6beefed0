#!/usr/bin/env bash
# Installs the dependencies, builds lambda-coro's tests with CMake and runs them all.
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/dev/setup.sh
build=${LAMBDA_CORO_BUILD_DIR:-build/test}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DLAMBDA_CORO_WERROR=ON "$@"
cmake --build "$build" -j "$(nproc)"
ctest --test-dir "$build" -j "$(nproc)" --output-on-failure
