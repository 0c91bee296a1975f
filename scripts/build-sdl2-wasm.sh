#!/usr/bin/env bash
# Builds SDL2 for wasm from Debian's source package and installs it to
# build/_deps/sdl2-wasm (lib/libSDL2.a, include/SDL2). Emscripten's own SDL port
# downloads from the internet, which Debian's frozen cache forbids (TOOLCHAIN.md trap 2).
#   scripts/build-sdl2-wasm.sh
# Idempotent: does nothing once lib/libSDL2.a exists (about 2 minutes on 2 cores otherwise).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
deps="$root/build/_deps"
prefix="$deps/sdl2-wasm"
export NODE_PATH=/usr/share/nodejs   # emcc needs Debian's acorn (TOOLCHAIN.md trap 1)

"$root/scripts/fetch-sources.sh" libsdl2 imgui

if [ -f "$prefix/lib/libSDL2.a" ]; then
  exit 0
fi

build="$deps/sdl2-wasm-build"
start=$(date +%s)
emcmake cmake -S "$deps/src/libsdl2" -B "$build" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_INSTALL_PREFIX="$prefix" \
  -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF >/dev/null
cmake --build "$build" -j"$(nproc)"
cmake --install "$build" >/dev/null
echo "build-sdl2-wasm: installed to $prefix in $(( $(date +%s) - start ))s"
