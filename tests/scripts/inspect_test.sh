#!/usr/bin/env bash
# digitlab inspect on IDX files that are valid arrays but cannot serve as digits or as
# labels: the description stays, the line says why, and --as makes it an error (exit 2).
#   tests/scripts/inspect_test.sh build/native/digitlab
#   tests/scripts/inspect_test.sh node --no-experimental-fetch build/wasm/digitlab.js
set -uo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
check() {  # name, expected exit status, expected text, command...
  local name=$1 want_status=$2 want_text=$3
  shift 3
  local out status
  out=$("$@" 2>&1); status=$?
  if [ "$status" = "$want_status" ] && grep -qF -- "$want_text" <<<"$out"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $name: exit $status (wanted $want_status), wanted '$want_text' in:" >&2
    echo "$out" >&2
  fi
}

# IDX headers by hand: 0x00 0x00, type 0x08 (unsigned byte), rank, big-endian dims.
printf '\x00\x00\x08\x03\x00\x00\x00\x00\x00\x00\x00\x1c\x00\x00\x00\x1c' > "$work/zero-images.idx"
printf '\x00\x00\x08\x01\x00\x00\x00\x03\x01\x02\xc8' > "$work/labels-200.idx"
printf '\x00\x00\x08\x01\x00\x00\x00\x03\x01\x02\x09' > "$work/labels-ok.idx"
printf '\x00\x00\x08\x03\x00\x00\x00\x01\x00\x00\x00\x02\x00\x00\x00\x02\x00\x40\x80\xff' > "$work/one-image.idx"

check "zero images described" 0 "shape 0 x 28 x 28" "$@" inspect "$work/zero-images.idx"
check "zero images flagged" 0 "as images: no, holds no images" "$@" inspect "$work/zero-images.idx"
check "zero images --as images" 2 "cannot be read as images: holds no images" "$@" inspect "$work/zero-images.idx" --as images
check "label 200 described" 0 "label counts: 1:1 2:1 200:1" "$@" inspect "$work/labels-200.idx"
check "label 200 flagged" 0 "as labels: no, label 200 at item 2 is outside 0..9" "$@" inspect "$work/labels-200.idx"
check "label 200 --as labels" 2 "cannot be read as labels: label 200 at item 2 is outside 0..9" "$@" inspect "$work/labels-200.idx" --as labels
check "good labels --as labels" 0 "as labels: yes (classes 0..9)" "$@" inspect "$work/labels-ok.idx" --as labels
check "labels --as images" 2 "expected a 3-dimensional image array, found 1 dimensions" "$@" inspect "$work/labels-ok.idx" --as images
check "one image --as images" 0 "as images: yes" "$@" inspect "$work/one-image.idx" --as images
check "bad --as" 2 "--as takes images or labels" "$@" inspect "$work/one-image.idx" --as pictures
echo "inspect: $passed passed, $failed failed"
[ "$failed" = 0 ]
