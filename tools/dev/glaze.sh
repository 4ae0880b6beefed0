#!/usr/bin/env bash
# Fetches glaze v6.4.0 (headers only) into DIR for benchmarks/json/glaze_bench; never vendored.
set -euo pipefail
dir=${1:?usage: glaze.sh DIR}
[ -f "$dir/include/glaze/glaze.hpp" ] && exit 0
git clone --quiet --depth 1 --branch v6.4.0 https://github.com/stephenberry/glaze "$dir"
