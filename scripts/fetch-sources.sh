#!/usr/bin/env bash
# Unpacks Debian source packages that must be compiled for wasm (Emscripten cannot use
# the host's binary libraries, and its own ports download from the internet).
#   scripts/fetch-sources.sh zlib libsdl2 imgui
# Each lands in build/_deps/src/<name>; a second run reuses it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
deps="$root/build/_deps"
mkdir -p "$deps/src" "$deps/debs"

if ! grep -rqs '^Types: deb-src' /etc/apt/sources.list.d/ /etc/apt/sources.list 2>/dev/null; then
  # Same archive as the binary packages, source type (see ../shared/TOOLCHAIN.md).
  sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
    > /etc/apt/sources.list.d/debian-src.sources
  apt-get update -qq
fi

for pkg in "$@"; do
  [ -d "$deps/src/$pkg" ] && continue
  (cd "$deps/debs" && ls ${pkg}_*.orig.tar.* >/dev/null 2>&1 || apt-get source --download-only -qq "$pkg" >/dev/null)
  tarball=$(ls "$deps/debs"/${pkg}_*.orig.tar.* | head -1)
  tmp=$(mktemp -d "$deps/src/.unpack.XXXX")
  tar -xf "$tarball" -C "$tmp"
  mv "$tmp"/* "$deps/src/$pkg"
  rmdir "$tmp"
  echo "fetch-sources: $pkg from $(basename "$tarball")"
done
