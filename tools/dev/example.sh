#!/usr/bin/env bash
# Installs the dependencies, builds examples/hello as a static, stripped bootstrap and
# invokes it once through the local emulator with examples/hello/event.json.
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/dev/setup.sh
build=${LAMBDA_CORO_BUILD_DIR:-build/example}
case "$build" in /*) ;; *) build="$PWD/$build" ;; esac  # relative to the repository
tools/dev/simdjson-source.sh "$build/_deps/simdjson"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLAMBDA_CORO_BUILD_TESTS=OFF \
  -DLAMBDA_CORO_SIMDJSON_SOURCE_DIR="$build/_deps/simdjson" -DLAMBDA_CORO_BOOTSTRAP_CPU="$(tools/dev/bootstrap-cpu.sh)"
cmake --build "$build" -j "$(nproc)" --target hello_bootstrap hello_bootstrap_zip lambda-coro-emulator
bootstrap="$build/examples/hello_bootstrap/bootstrap"
echo "built $bootstrap ($(stat -c %s "$bootstrap") bytes, $(ldd "$bootstrap" 2>&1 | tr -d '\t')) and $build/examples/hello_bootstrap.zip"
"$build/tools/emulator/lambda-coro-emulator" invoke --event examples/hello/event.json -- "$bootstrap"
