#!/usr/bin/env bash
# The vcpkg port and the conan recipe, checked without their clients (neither installs here):
# lambda-coro configured and installed with exactly the options they pass, the installed layout
# each expects, and tests/consumers' function built from it as a static bootstrap, invoked
# through the emulator.
#   .ci/packages.sh EMULATOR SIMDJSON_SOURCE_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
emulator=$(readlink -f "$1") simdjson=$(readlink -f "$2")
cpu=$(tools/dev/bootstrap-cpu.sh)

invoke() {
  local out
  out=$("$emulator" invoke --event examples/hello/event.json -- "$1")
  [ "$out" = '{"message":"Hello, Lambda!"}' ] || { echo "$1: the emulator answered $out" >&2; exit 1; }
  echo "$1: $(stat -c %s "$1") B, answered $out"
}

echo "--- vcpkg: ports/lambda-coro/portfile.cmake's configure and install, feature emulator"
prefix=$PWD/build/ci-vcpkg/installed
rm -rf build/ci-vcpkg
mapfile -t port_options < <(sed -n 's/^ *\(-DLAMBDA_CORO_[A-Z_]*=[^ ]*\)$/\1/p' ports/lambda-coro/portfile.cmake |
                            sed 's/${PORT}/lambda-coro/')
[ "${#port_options[@]}" -eq 2 ] || { echo "portfile options not found: ${port_options[*]}" >&2; exit 1; }
cmake -S . -B build/ci-vcpkg/build -G Ninja -DCMAKE_BUILD_TYPE=Release -C cmake/packaging.cmake \
  "${port_options[@]}" -DLAMBDA_CORO_BUILD_TOOLS=ON
cmake --build build/ci-vcpkg/build
cmake --install build/ci-vcpkg/build --prefix "$prefix"
for f in share/lambda_coro/lambda_coro-config.cmake share/lambda_coro/lambda_coro_bootstrap.cmake \
         include/lambda_coro.hpp include/lambda_coro/lambda_coro.hpp share/pkgconfig/lambda_coro.pc \
         tools/lambda-coro/lambda-coro-emulator tools/lambda-coro/lambda-coro-bootstrap; do
  [ -e "$prefix/$f" ] || { echo "vcpkg layout: $f is missing" >&2; exit 1; }
done
[ ! -e "$prefix/bin" ] || { echo "vcpkg layout: a header-only port installs no bin/" >&2; exit 1; }
cmake -S tests/consumers -B build/ci-vcpkg/consumer -G Ninja -DCMAKE_BUILD_TYPE=Release -DLAMBDA_CORO_ROUTE=install \
  -DCMAKE_PREFIX_PATH="$prefix" -DLAMBDA_CORO_SIMDJSON_SOURCE_DIR="$simdjson" -DLAMBDA_CORO_BOOTSTRAP_CPU="$cpu"
cmake --build build/ci-vcpkg/consumer --target my_function_zip
invoke build/ci-vcpkg/consumer/my_function/bootstrap
"$prefix/tools/lambda-coro/lambda-coro-bootstrap" --simdjson "$simdjson" --cpu "$cpu" \
  -o build/ci-vcpkg/single/bootstrap tests/consumers/single_header/main.cpp
invoke build/ci-vcpkg/single/bootstrap

echo "--- conan: conan/conanfile.py's package() (CMake install with its options), then CMakeDeps' view of it"
package=$PWD/build/ci-conan/package
rm -rf build/ci-conan
cmake -S . -B build/ci-conan/build -G Ninja -DCMAKE_BUILD_TYPE=Release -C cmake/packaging.cmake \
  -DLAMBDA_CORO_BUILD_TOOLS=OFF -DLAMBDA_CORO_INSTALL_CMAKEDIR=lib/cmake/lambda_coro
cmake --install build/ci-conan/build --prefix "$package"
for f in include/lambda_coro.hpp include/lambda_coro/lambda_coro.hpp lib/cmake/lambda_coro/lambda_coro_bootstrap.cmake \
         lib/cmake/lambda_coro/lambda_coro_bootstrap_terminate.cpp bin/lambda-coro-bootstrap; do
  [ -e "$package/$f" ] || { echo "conan layout: $f is missing" >&2; exit 1; }
done
grep -q '"lib", "cmake", "lambda_coro", "lambda_coro_bootstrap.cmake"' conan/conanfile.py
grep -q 'LAMBDA_CORO_INSTALL_CMAKEDIR"\] = "lib/cmake/lambda_coro"' conan/conanfile.py
cmake -S tests/consumers -B build/ci-conan/consumer -G Ninja -DCMAKE_BUILD_TYPE=Release -DLAMBDA_CORO_ROUTE=conan \
  -DLAMBDA_CORO_PACKAGE="$package" -DLAMBDA_CORO_SIMDJSON_SOURCE_DIR="$simdjson" -DLAMBDA_CORO_BOOTSTRAP_CPU="$cpu"
cmake --build build/ci-conan/consumer --target my_function_zip consumer
ctest --test-dir build/ci-conan/consumer --output-on-failure
invoke build/ci-conan/consumer/my_function/bootstrap
