#!/usr/bin/env bash
# Installs the dependencies, builds the examples and runs one on a real AWS sample event.
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/dev/setup.sh
build=${LAMBDA_CORO_BUILD_DIR:-build/example}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLAMBDA_CORO_BUILD_TESTS=OFF -DLAMBDA_CORO_BUILD_EXAMPLES=ON
cmake --build "$build" -j "$(nproc)" --target json_binding
"$build/examples/json_binding" tests/data/events/sqs-event.json
