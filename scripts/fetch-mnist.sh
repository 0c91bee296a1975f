#!/usr/bin/env bash
# Prints the path of a folder holding digits to learn from, getting one if needed:
#   1. $MNIST_DIR, when it holds the four MNIST files, else ../shared/mnist beside the
#      checkout (this project's machines and CI keep the canonical copy there);
#   2. build/_deps/mnist, fetched earlier or now from the public MNIST mirrors, each
#      file checked against the canonical md5 of its uncompressed bytes;
#   3. offline: opencv's digits.png (5,000 MNIST digits) taken out of Debian's
#      opencv-doc package without installing it.
# Progress goes to stderr; stdout is only the folder.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
files=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)
# Canonical md5 of the uncompressed files (../shared/mnist/README.md).
declare -A md5=(
  [train-images-idx3-ubyte]=6bbc9ace898e44ae57da46a324031adb
  [train-labels-idx1-ubyte]=a25bea736e30d166cdddb491f175f624
  [t10k-images-idx3-ubyte]=2646ac647ad5339dbf082846283269ea
  [t10k-labels-idx1-ubyte]=27ae3e4e09519cfbb04c329615203637
)

has_mnist() {
  for f in "${files[@]}"; do [ -f "$1/$f.gz" ] || [ -f "$1/$f" ] || return 1; done
}
verified() {  # all four present with the right content
  for f in "${files[@]}"; do
    [ -f "$1/$f.gz" ] || return 1
    [ "$(gzip -dc "$1/$f.gz" | md5sum | cut -d' ' -f1)" = "${md5[$f]}" ] || return 1
  done
}

if [ -n "${MNIST_DIR:-}" ] && has_mnist "$MNIST_DIR"; then
  echo "$MNIST_DIR"; exit 0
fi
if [ -n "${MNIST_DIR:-}" ]; then
  echo "fetch-mnist: MNIST_DIR=$MNIST_DIR lacks one of the four MNIST files; looking elsewhere" >&2
fi
beside="$root/../shared/mnist"
if verified "$beside" 2>/dev/null; then (cd "$beside" && pwd); exit 0; fi

target="$root/build/_deps/mnist"
if verified "$target" 2>/dev/null; then echo "$target"; exit 0; fi

mkdir -p "$target"
mirrors=(https://ossci-datasets.s3.amazonaws.com/mnist https://storage.googleapis.com/cvdf-datasets/mnist)
for mirror in "${mirrors[@]}"; do
  ok=1
  for f in "${files[@]}"; do
    if ! curl -fsSL --connect-timeout 10 --max-time 300 -o "$target/$f.gz.part" "$mirror/$f.gz" 2>/dev/null; then ok=0; break; fi
    if [ "$(gzip -dc "$target/$f.gz.part" | md5sum | cut -d' ' -f1)" != "${md5[$f]}" ]; then
      echo "fetch-mnist: $mirror/$f.gz has the wrong md5, skipping this mirror" >&2; ok=0; break
    fi
    mv "$target/$f.gz.part" "$target/$f.gz"
  done
  if [ $ok = 1 ]; then echo "fetch-mnist: MNIST from $mirror" >&2; echo "$target"; exit 0; fi
done
rm -f "$target"/*.part

fallback="$root/build/_deps/opencv-digits"
# Said on every run, not only the first: figures from 5,000 digits are not MNIST's.
echo "fetch-mnist: WARNING no MNIST (no MNIST_DIR, no ../shared/mnist, mirrors unreachable);" \
  "using opencv's 5,000 digits.png from Debian's opencv-doc: accuracies will not match the tutorial's" >&2
if [ ! -f "$fallback/digits.png" ]; then
  mkdir -p "$fallback/deb"
  (cd "$fallback/deb" && ls opencv-doc_*.deb >/dev/null 2>&1 || apt-get download -qq opencv-doc >&2)
  dpkg-deb --fsys-tarfile "$fallback"/deb/opencv-doc_*.deb |
    tar -xO ./usr/share/doc/opencv-doc/examples/data/digits.png > "$fallback/digits.png.part"
  mv "$fallback/digits.png.part" "$fallback/digits.png"
fi
echo "$fallback"
