#!/usr/bin/env bash
# Sets up, builds and runs every test: the core's Catch2 tests natively and as wasm
# under node (both through ctest). Reuses earlier downloads and builds.
#   scripts/test.sh
# Then builds the page (./build-wasm.sh) and runs its browser tests in headless Chromium.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jobs=$(nproc)

scripts/setup.sh --browser
scripts/fetch-sources.sh zlib
export MNIST_DIR=$(scripts/fetch-mnist.sh)
export NODE_PATH=/usr/share/nodejs   # emcc needs Debian's acorn (TOOLCHAIN.md)
echo "test: data from $MNIST_DIR"

echo "== native build and tests"
cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/native -j"$jobs"
ctest --test-dir build/native --output-on-failure

echo "== wasm build and tests (node)"
emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/wasm -j"$jobs"
ctest --test-dir build/wasm --output-on-failure

echo "== the page: build, then browser tests (headless Chromium)"
./build-wasm.sh
node --test tests/e2e/
