#!/usr/bin/env bash
# Every way the README gives to consume lambda-coro, run as a user runs it, from this clean
# checkout: each builds examples/hello as a static bootstrap + zip, which is then invoked
# through the emulator. The vcpkg port and the conan recipe, whose clients do not install here,
# are checked the same way from lambda-coro installed with exactly the options they pass.
# Prints each route's bootstrap size.
#   .ci/consumers.sh EMULATOR SIMDJSON_SOURCE_DIR INSTALL_PREFIX
set -euo pipefail
cd "$(dirname "$0")/.."
emulator=$(readlink -f "$1") simdjson=$(readlink -f "$2") prefix=$(readlink -f "$3")
repo=$PWD
cpu=$(tools/dev/bootstrap-cpu.sh)
sizes=()

# Checks one route's bootstrap and zip, then invokes the bootstrap through the emulator.
check() {
  local route=$1 bootstrap=$2 zip=$3
  file "$bootstrap" | grep -q 'statically linked' || { echo "$route: $bootstrap is not static" >&2; exit 1; }
  python3 - "$zip" <<'PY'
import sys, zipfile
entries = zipfile.ZipFile(sys.argv[1]).infolist()
assert [e.filename for e in entries] == ["bootstrap"], entries
assert (entries[0].external_attr >> 16) & 0o111, "bootstrap is not executable in the zip"
PY
  local out
  out=$("$emulator" invoke --event examples/hello/event.json -- "$bootstrap")
  [ "$out" = '{"message":"Hello, Lambda!"}' ] || { echo "$route: the emulator answered $out" >&2; exit 1; }
  sizes+=("$route: $(stat -c %s "$bootstrap") B")
  echo "$route: OK ($out)"
}

# tests/consumers built with LAMBDA_CORO_ROUTE=ROUTE in build/ci-consumer-NAME.
cmake_route() {
  local name=$1 route=$2; shift 2
  local dir=build/ci-consumer-$name
  rm -rf "$dir"
  cmake -S tests/consumers -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLAMBDA_CORO_ROUTE="$route" \
    -DLAMBDA_CORO_SIMDJSON_SOURCE_DIR="$simdjson" -DLAMBDA_CORO_BOOTSTRAP_CPU="$cpu" "$@"
  cmake --build "$dir" --target my_function_zip consumer
  ctest --test-dir "$dir" --output-on-failure
  check "cmake-$name" "$dir/my_function/bootstrap" "$dir/my_function.zip"
}

echo "--- CMake: find_package after cmake --install"
cmake_route install install -DCMAKE_PREFIX_PATH="$prefix"
echo "--- CMake: add_subdirectory"
cmake_route subdirectory subdirectory -DLAMBDA_CORO_SOURCE="$repo"
echo "--- CMake: FetchContent from a git URL"
cmake_route fetchcontent fetchcontent -DLAMBDA_CORO_GIT="file://$repo" -DLAMBDA_CORO_GIT_TAG="$(git rev-parse HEAD)"

echo "--- Meson: subproject through a wrap file"
dir=$repo/build/ci-consumer-meson
rm -rf "$dir" && mkdir -p "$dir/src/subprojects"
cp tests/consumers/meson/meson.build examples/hello/main.cpp examples/hello/event.json "$dir/src/"
cat > "$dir/src/subprojects/lambda_coro.wrap" <<WRAP
[wrap-git]
url = file://$repo
revision = $(git rev-parse HEAD)
depth = 1

[provide]
lambda_coro = lambda_coro_dep
lambda_coro_bootstrap = lambda_coro_bootstrap_dep
program_names = lambda-coro-zip-bootstrap
WRAP
meson setup "$dir/build" "$dir/src" -Dlambda_coro:simdjson_source_dir="$simdjson" -Dlambda_coro:bootstrap_cpu="$cpu"
meson compile -C "$dir/build"
meson test -C "$dir/build" --print-errorlogs
check meson "$dir/build/bootstrap" "$dir/build/my_function.zip"
python3 - "$(stat -c %s "$dir/build/bootstrap")" "$(stat -c %s build/ci-consumer-subdirectory/my_function/bootstrap)" <<'PY'
import sys
meson, cmake = map(int, sys.argv[1:])
print(f"Meson helper {meson} B, CMake helper {cmake} B ({meson / cmake:.3f}x, goal within 2%)")
sys.exit(abs(meson / cmake - 1) > 0.02)
PY

echo "--- pkg-config: one compile line against the installed package"
dir=build/ci-consumer-pkgconfig
rm -rf "$dir" && mkdir -p "$dir"
export PKG_CONFIG_PATH=$prefix/share/pkgconfig
# shellcheck disable=SC2046
g++ $(pkg-config --cflags lambda_coro) examples/hello/main.cpp -o "$dir/consumer" $(pkg-config --libs lambda_coro)
[ "$(AWS_LAMBDA_RUNTIME_API='' "$dir/consumer" --event examples/hello/event.json)" = '{"message":"Hello, Lambda!"}' ]
echo "pkg-config: OK"

echo "--- One header: the installed lambda-coro-bootstrap and <lambda_coro.hpp>"
dir=build/ci-consumer-single
rm -rf "$dir"
"$prefix/bin/lambda-coro-bootstrap" --simdjson "$simdjson" --cpu "$cpu" -o "$dir/bootstrap" \
  tests/consumers/single_header/main.cpp
check single-header "$dir/bootstrap" "$dir/bootstrap.zip"
# The opt-in zlib decoder, linked statically as the README says: -- -lz.
tools/bootstrap/lambda-coro-bootstrap --simdjson "$simdjson" --cpu "$cpu" --include include \
  -o "$dir/logs/bootstrap" examples/cloudwatch_logs/main.cpp -- -lz
file "$dir/logs/bootstrap" | grep -q 'statically linked'
logs=$("$emulator" invoke --event tests/data/events/cloudwatch-logs-event.json -- "$dir/logs/bootstrap")
[ "$logs" = '{"log_group":"testLogGroup","events":2,"errors":2}' ] || { echo "zlib bootstrap answered $logs" >&2; exit 1; }
sizes+=("CloudWatch Logs with zlib: $(stat -c %s "$dir/logs/bootstrap") B")
# The same source through the script and through the CMake helper: the same size (goal: within 5%).
tools/bootstrap/lambda-coro-bootstrap --simdjson "$simdjson" --cpu "$cpu" --include include \
  -o "$dir/split/bootstrap" examples/hello/main.cpp
python3 - "$(stat -c %s "$dir/split/bootstrap")" "$(stat -c %s build/ci-consumer-subdirectory/my_function/bootstrap)" <<'PY'
import sys
script, helper = map(int, sys.argv[1:])
print(f"same source: script {script} B, CMake helper {helper} B ({script / helper:.3f}x, goal within 5%)")
sys.exit(abs(script / helper - 1) > 0.05)
PY

echo "--- vcpkg: ports/lambda-coro/portfile.cmake's configure and install, feature emulator"
vcpkg=$repo/build/ci-vcpkg/installed
rm -rf build/ci-vcpkg
mapfile -t port_options < <(sed -n 's/^ *\(-DLAMBDA_CORO_[A-Z_]*=[^ ]*\)$/\1/p' ports/lambda-coro/portfile.cmake |
                            sed 's/${PORT}/lambda-coro/')
[ "${#port_options[@]}" -eq 2 ] || { echo "portfile options not found: ${port_options[*]}" >&2; exit 1; }
cmake -S . -B build/ci-vcpkg/build -G Ninja -DCMAKE_BUILD_TYPE=Release -C cmake/packaging.cmake \
  "${port_options[@]}" -DLAMBDA_CORO_BUILD_TOOLS=ON
cmake --build build/ci-vcpkg/build
cmake --install build/ci-vcpkg/build --prefix "$vcpkg"
for f in share/lambda_coro/lambda_coro-config.cmake share/lambda_coro/lambda_coro_bootstrap.cmake \
         include/lambda_coro.hpp include/lambda_coro/lambda_coro.hpp share/pkgconfig/lambda_coro.pc \
         tools/lambda-coro/lambda-coro-emulator tools/lambda-coro/lambda-coro-bootstrap; do
  [ -e "$vcpkg/$f" ] || { echo "vcpkg layout: $f is missing" >&2; exit 1; }
done
[ ! -e "$vcpkg/bin" ] || { echo "vcpkg layout: a header-only port installs no bin/" >&2; exit 1; }
cmake_route vcpkg install -DCMAKE_PREFIX_PATH="$vcpkg"
"$vcpkg/tools/lambda-coro/lambda-coro-bootstrap" --simdjson "$simdjson" --cpu "$cpu" \
  -o build/ci-vcpkg/single/bootstrap tests/consumers/single_header/main.cpp
check vcpkg-single-header build/ci-vcpkg/single/bootstrap build/ci-vcpkg/single/bootstrap.zip

echo "--- conan: conan/conanfile.py's package() (CMake install with its options), then CMakeDeps' view of it"
package=$repo/build/ci-conan/package
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
cmake_route conan conan -DLAMBDA_CORO_PACKAGE="$package"

printf '%s\n' "--- bootstrap sizes (examples/hello, $cpu CPUs)" "${sizes[@]}"
