#!/usr/bin/env bash
# Sets up, builds and runs every test: the core's Catch2 tests natively, natively under
# ASan and UBSan, and as wasm under node with relaxed SIMD, SIMD and neither (all through
# ctest).
# Reuses earlier downloads and builds.
#   scripts/test.sh
# Then builds the page (./build-wasm.sh) and runs its browser tests: the full suite in
# headless Chromium, the core journeys in Firefox and WebKit too (engines.test.mjs).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jobs=$(nproc)

scripts/setup.sh --browser --fashion   # Fashion-MNIST: the page's second dataset (dataset.test.mjs)
scripts/fetch-sources.sh zlib
export MNIST_DIR=$(scripts/fetch-mnist.sh)
export NODE_PATH=/usr/share/nodejs   # emcc needs Debian's acorn (TOOLCHAIN.md)
echo "test: data from $MNIST_DIR"

echo "== native build and tests"
cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/native -j"$jobs"
ctest --test-dir build/native --output-on-failure

echo "== native tests under AddressSanitizer and UndefinedBehaviorSanitizer"
# Bad input must never reach undefined behaviour, and the core's asserts are on here.
# [mnist] is left to the native run: it takes 30 s here under the sanitizers (2 s
# without), the rest 3 s; the set-up script's test needs no second run.
cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=Release -DDIGITLAB_SANITIZE=ON >/dev/null
cmake --build build/asan --target digitlab_tests digitlab -j"$jobs"
ctest --test-dir build/asan --output-on-failure -E 'mnist$|fetch_sources$'

echo "== wasm build and tests (node)"
emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/wasm -j"$jobs"
ctest --test-dir build/wasm --output-on-failure

echo "== wasm build without SIMD and its tests (node)"
# The page's program for browsers without WebAssembly SIMD: the kernels' plain loops.
emcmake cmake -S . -B build/wasm-nosimd -DCMAKE_BUILD_TYPE=Release -DDIGITLAB_WASM_SIMD=OFF >/dev/null
cmake --build build/wasm-nosimd -j"$jobs"
ctest --test-dir build/wasm-nosimd --output-on-failure

echo "== wasm build with relaxed SIMD and its tests (node, relaxed SIMD behind a flag)"
# The page's program where the browser has relaxed SIMD: the kernels' multiply-adds fused.
emcmake cmake -S . -B build/wasm-relaxed -DCMAKE_BUILD_TYPE=Release -DDIGITLAB_WASM_RELAXED=ON >/dev/null
cmake --build build/wasm-relaxed -j"$jobs"
ctest --test-dir build/wasm-relaxed --output-on-failure

echo "== the page: build, then browser tests (headless Chromium)"
./build-wasm.sh
node --test tests/e2e/
