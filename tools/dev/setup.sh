#!/usr/bin/env bash
# Installs everything lambda-coro needs to build, test and benchmark on Debian 12:
# the compilers, CMake, Meson and the libraries, all from Debian's packages.
set -euo pipefail

packages=(
  g++ clang libclang-rt-14-dev cmake ninja-build meson python3 pkg-config git dpkg-dev
  libsimdjson-dev libboost1.81-dev doctest-dev libcpp-httplib-dev zlib1g-dev
  nlohmann-json3-dev libboost-json1.81-dev
)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi
