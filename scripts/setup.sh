#!/usr/bin/env bash
# Installs what Digit Lab needs from Debian's archive (binary and source packages)
# and npm. Idempotent: a second run installs nothing and downloads nothing.
#   scripts/setup.sh            core: compilers, Eigen, Catch2, zlib, Emscripten
#   scripts/setup.sh --browser  also the three browser engines for page tests: Chromium
#                               (playwright-core), Firefox ESR (puppeteer-core) and
#                               WebKitGTK's WebDriver (selenium-webdriver), with Xvfb and
#                               Mesa for the two that need a window
#   scripts/setup.sh --fashion  also Fashion-MNIST (Debian's dataset-fashion-mnist, 31 MB:
#                               /usr/share/datasets/fashion-mnist), for
#                               `digitlab seed-table --data` on a second dataset and the
#                               page's dataset switch (build-wasm.sh adds it when installed)
#   scripts/setup.sh --sklearn  also python3-sklearn (reference figures only), with OpenBLAS
#                               for numpy (recommends are skipped, so without it numpy would
#                               run on netlib's reference BLAS, about 7x slower) and
#                               threadpoolctl, which the bench asks which BLAS numpy uses
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
deps="$root/build/_deps"
mkdir -p "$deps"

want=(build-essential cmake pkg-config libeigen3-dev catch2 zlib1g-dev libstb-dev
      emscripten nodejs fonts-dejavu-core brotli fonttools)
for arg in "$@"; do
  case "$arg" in
    --browser) want+=(chromium firefox-esr webkit2gtk-driver xvfb xauth libgl1-mesa-dri libegl-mesa0) ;;
    --sklearn) want+=(python3-sklearn libopenblas0-pthread python3-threadpoolctl) ;;
    --fuzz) want+=(clang libclang-rt-14-dev) ;;
    --fashion) want+=(dataset-fashion-mnist) ;;
  esac
done

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The npm drivers drive Debian's browsers; none of them may download a browser.
if printf '%s\n' "$@" | grep -qx -- --browser; then
  for module in playwright-core puppeteer-core selenium-webdriver; do
    if [ ! -d "$root/tests/e2e/node_modules/$module" ]; then
      (cd "$root/tests/e2e" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 \
        npm install --no-audit --no-fund --silent)
      break
    fi
  done
fi
# OpenBLAS installs itself as an alternative for libblas.so.3 and liblapack.so.3 with a
# higher priority than netlib's; point them at it in case they were set by hand.
if printf '%s\n' "$@" | grep -qx -- --sklearn; then
  for lib in libblas.so.3 liblapack.so.3; do
    target=$(update-alternatives --list "$lib-x86_64-linux-gnu" 2>/dev/null | grep openblas-pthread | head -1 || true)
    if [ -n "$target" ]; then update-alternatives --quiet --set "$lib-x86_64-linux-gnu" "$target"; fi
  done
fi
echo "setup: ok"
