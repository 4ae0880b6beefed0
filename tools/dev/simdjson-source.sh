#!/usr/bin/env bash
# Puts simdjson's amalgamated source (simdjson.h, simdjson.cpp) into DIR, from Debian's
# source package of the libsimdjson-dev that is installed, so that a bootstrap can link
# simdjson statically. Adds deb-src entries for Debian's archive when there are none.
set -euo pipefail
dir=${1:?usage: simdjson-source.sh DIR}
[ -f "$dir/simdjson.cpp" ] && [ -f "$dir/simdjson.h" ] && exit 0

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

if ! grep -rqs '^Types:.*deb-src\|^deb-src ' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  as_root tee /etc/apt/sources.list.d/lambda-coro-deb-src.sources >/dev/null <<'SOURCES'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
  as_root apt-get update
fi
command -v dpkg-source >/dev/null || as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends dpkg-dev

version=$(dpkg-query -W -f='${source:Version}' libsimdjson-dev)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get source --only-source "simdjson=$version" >/dev/null 2>&1 || (cd "$work" && apt-get source --only-source simdjson))
src=$(find "$work" -maxdepth 2 -type d -name singleheader | head -n 1)
[ -n "$src" ] || { echo "simdjson-source.sh: no singleheader/ in the source package" >&2; exit 1; }
mkdir -p "$dir"
cp "$src/simdjson.h" "$src/simdjson.cpp" "$dir/"
