#!/usr/bin/env bash
# Builds Digit Lab for the browser (three programs: WebAssembly SIMD, relaxed SIMD, neither)
# and assembles a static site in build/site.
#   ./build-wasm.sh           install what is missing, build, assemble build/site
#   ./build-wasm.sh --serve   the same, then serve build/site on http://127.0.0.1:8080
# Reuses earlier downloads and builds (build/_deps, build/wasm); see ../shared/TOOLCHAIN.md
# for why SDL2 and zlib are compiled from Debian source packages.
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"
jobs=$(nproc)
serve=0
for arg in "$@"; do
  case "$arg" in
    --serve) serve=1 ;;
    *) echo "usage: ./build-wasm.sh [--serve]" >&2; exit 2 ;;
  esac
done
export NODE_PATH=/usr/share/nodejs   # emcc needs Debian's acorn (TOOLCHAIN.md trap 1)

scripts/setup.sh
scripts/fetch-sources.sh zlib libsdl2 imgui
scripts/build-sdl2-wasm.sh

echo "== wasm build (digitlab_web, and digitlab_fit_worker: training in a Web Worker)"
emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/wasm --target digitlab_web digitlab_fit_worker -j"$jobs"
# The same program without WebAssembly SIMD, for browsers that lack it (Safari before
# 16.4): web/digitlab.js picks one of the two at load.
echo "== wasm build without SIMD (digitlab_web_nosimd)"
emcmake cmake -S . -B build/wasm-nosimd -DCMAKE_BUILD_TYPE=Release -DDIGITLAB_WASM_SIMD=OFF >/dev/null
cmake --build build/wasm-nosimd --target digitlab_web digitlab_fit_worker -j"$jobs"

# The same program with relaxed SIMD's fused multiply-add in its kernels, for browsers that
# have it (Chrome and Edge 114 on): about a fifth off a training pass (README, Speed).
echo "== wasm build with relaxed SIMD (digitlab_web_relaxed)"
emcmake cmake -S . -B build/wasm-relaxed -DCMAKE_BUILD_TYPE=Release -DDIGITLAB_WASM_RELAXED=ON >/dev/null
cmake --build build/wasm-relaxed --target digitlab_web digitlab_fit_worker -j"$jobs"

echo "== assembling build/site"
site=build/site
rm -rf "$site"
mkdir -p "$site/assets"
cp web/index.html web/fetching.js web/digitlab.js web/fit-workers.js web/data-files.js web/model-files.js web/fit-worker.js web/my-drawings.js web/access.js web/address.js web/style.css web/access.css web/favicon.svg web/embed-example.html web/embed-example.css "$site/"
cp build/wasm/digitlab_web.js build/wasm/digitlab_web.wasm "$site/"
cp build/wasm-nosimd/digitlab_web.js "$site/digitlab_web_nosimd.js"
cp build/wasm-nosimd/digitlab_web.wasm "$site/digitlab_web_nosimd.wasm"
cp build/wasm/digitlab_fit_worker.js build/wasm/digitlab_fit_worker.wasm "$site/"
cp build/wasm-nosimd/digitlab_fit_worker.js "$site/digitlab_fit_worker_nosimd.js"
cp build/wasm-nosimd/digitlab_fit_worker.wasm "$site/digitlab_fit_worker_nosimd.wasm"
for name in digitlab_web digitlab_fit_worker; do
  cp "build/wasm-relaxed/$name.js" "$site/${name}_relaxed.js"
  cp "build/wasm-relaxed/$name.wasm" "$site/${name}_relaxed.wasm"
done
# The font, cut down to the characters ImGui loads from it (its default glyph ranges, U+0020
# to U+00FF; web_main.cpp asks for no others): 742 KB of DejaVu Sans become about 30 KB.
font=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf   # Debian fonts-dejavu-core
if [ ! -f "$font" ]; then
  echo "build-wasm: $font missing; the page will use ImGui's built-in font" >&2
elif command -v pyftsubset >/dev/null; then   # Debian fonttools
  pyftsubset "$font" --unicodes=U+0020-00FF --no-hinting --layout-features= \
    --output-file="$site/assets/DejaVuSans-Latin1.ttf"
else
  echo "build-wasm: pyftsubset missing (Debian fonttools); the whole font goes in" >&2
  cp "$font" "$site/assets/DejaVuSans-Latin1.ttf"
fi

# [SECTION] Data and the pre-trained model
# The page loads MNIST's .gz files itself (un-gzipped in the browser) and a model trained
# here by the native tool on the 60,000 training digits with the tutorial's best pipeline
# (MinMaxScaler + PCA 30 + degree-2 features), so drawing works as soon as it opens.
data_dir=$(scripts/fetch-mnist.sh)
echo "== data: $data_dir"
cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/native --target digitlab -j"$jobs"
model="build/models/model-$(echo "$data_dir" | md5sum | cut -c1-8).dlm"   # one per data folder
if [ ! -f "$model" ]; then
  mkdir -p build/models
  echo "== training the page's model (about a minute)"
  build/native/digitlab train --data "$data_dir" --preset poly2 --out "$model"
fi
cp "$model" "$site/assets/model.dlm"
# Every chapter's experiment with its default settings (src/lessons/experiments.hpp), so
# the chapters open on a result; about 16 s on 2 cores here, run on every build because
# the results follow the code.
echo "== precomputing the chapters' results"
build/native/digitlab chapter-results --data "$data_dir" --out "$site/assets/chapter-results.txt"
mkdir -p "$site/assets/mnist"
names=(t10k-labels-idx1-ubyte t10k-images-idx3-ubyte train-labels-idx1-ubyte train-images-idx3-ubyte)
if ls "$data_dir"/train-images-idx3-ubyte.gz >/dev/null 2>&1; then
  for n in "${names[@]}"; do cp -L "$data_dir/$n.gz" "$site/assets/mnist/"; done
else  # the opencv digits fallback, written out as IDX files
  build/native/digitlab write-idx --data "$data_dir" --out "$site/assets/mnist"
fi
# [SECTION] Fashion-MNIST, when Debian's dataset-fashion-mnist is installed
# (scripts/setup.sh --fashion): its four files, a model trained the same way and its
# chapters' results, under assets/fashion/. The page's Data panel then shows a dataset
# switch (src/app/shell/dataset_switch.hpp); without it the switch is hidden.
fashion_dir=/usr/share/datasets/fashion-mnist
fashion=0
if [ -f "$fashion_dir/train-images-idx3-ubyte.gz" ]; then
  fashion=1
  echo "== data: $fashion_dir (Fashion-MNIST)"
  fashion_model="build/models/model-fashion-$(cat "$fashion_dir"/*.gz | md5sum | cut -c1-8).dlm"
  if [ ! -f "$fashion_model" ]; then
    mkdir -p build/models
    echo "== training the page's Fashion-MNIST model (a few minutes)"
    build/native/digitlab train --data "$fashion_dir" --preset poly2 --out "$fashion_model"
  fi
  mkdir -p "$site/assets/fashion"
  cp "$fashion_model" "$site/assets/fashion/model.dlm"
  echo "== precomputing the chapters' results on Fashion-MNIST"
  build/native/digitlab chapter-results --data "$fashion_dir" --out "$site/assets/fashion/chapter-results.txt"
  for n in "${names[@]}"; do cp -L "$fashion_dir/$n.gz" "$site/assets/fashion/"; done
else
  echo "build-wasm: no Fashion-MNIST ($fashion_dir; scripts/setup.sh --fashion installs it): the page has MNIST only"
fi

# The model first (drawing needs only it), the chapters' results, then the small test set,
# then the training digits; each dataset's own (the page loads one dataset at a time).
{
  echo '[{"name": "model.dlm", "url": "assets/model.dlm", "dataset": "mnist"}'
  echo ',{"name": "chapter-results.txt", "url": "assets/chapter-results.txt", "dataset": "mnist"}'
  for n in "${names[@]}"; do echo ",{\"name\": \"$n\", \"url\": \"assets/mnist/$n.gz\", \"dataset\": \"mnist\"}"; done
  if [ "$fashion" = 1 ]; then
    echo ',{"name": "model.dlm", "url": "assets/fashion/model.dlm", "dataset": "fashion"}'
    echo ',{"name": "chapter-results.txt", "url": "assets/fashion/chapter-results.txt", "dataset": "fashion"}'
    for n in "${names[@]}"; do echo ",{\"name\": \"$n\", \"url\": \"assets/fashion/$n.gz\", \"dataset\": \"fashion\"}"; done
  fi
  echo ']'
} > "$site/assets/manifest.json"

# An empty manifest rather than none: a 404 is a console error in the browser.
[ -f "$site/assets/manifest.json" ] || echo '[]' > "$site/assets/manifest.json"

scripts/finish-site.sh "$site"   # the offline copy (sw.js) and precompressed copies

echo "build-wasm: site ready in $root/$site"
ls -l "$site" "$site/assets" | sed 's/^/  /'

if [ "$serve" = 1 ]; then
  exec node scripts/serve.js "$site" --port 8080
fi
