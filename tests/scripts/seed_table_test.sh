#!/usr/bin/env bash
# digitlab seed-table --jobs: rows fitted at once on several threads give the same table,
# in the order asked, as one at a time (only the seconds may differ), and a bad --jobs is
# refused; --lbfgs-unscaled changes the fits' steps, not their optimum. Needs MNIST_DIR (scripts/test.sh sets it); without it the test fails.
#   tests/scripts/seed_table_test.sh build/native/digitlab
set -uo pipefail
[ -n "${MNIST_DIR:-}" ] || { echo "FAIL: MNIST_DIR is not set" >&2; exit 1; }
digitlab=$1
rows=raw,pca30,minmax  # the first row is the longest, so the later ones finish before it
strip_seconds() { sed -E 's/"(fit|preprocess)_seconds":[^,]*,//g'; }
one=$("$digitlab" seed-table --rows $rows --subset 2000 --json --quiet --jobs 1 | strip_seconds) || exit 1
two=$("$digitlab" seed-table --rows $rows --subset 2000 --json --quiet --jobs 2 | strip_seconds) || exit 1
failed=0
if [ "$(wc -l <<<"$one")" != 3 ] || [ "$one" != "$two" ]; then
  echo "FAIL: --jobs 2 gave a different table from --jobs 1:" >&2
  diff <(echo "$one") <(echo "$two") >&2
  failed=1
fi
order=$(grep -o '"step":"[^"]*"' <<<"$two" | tr '\n' ' ')
if [ "$order" != '"step":"raw pixels" "step":"MinMaxScaler + PCA30" "step":"MinMaxScaler" ' ]; then
  echo "FAIL: rows out of order: $order" >&2
  failed=1
fi
# --lbfgs-unscaled reaches the rows' fits: scipy's steps take another number of iterations
# to the same optimum (the test accuracy within half a point).
iterations() { grep -o '"iterations":[0-9]*' | cut -d: -f2; }
acc() { grep -o '"accuracy":[0-9.]*' | cut -d: -f2; }
scaled=$("$digitlab" seed-table --rows pca30 --subset 2000 --json --quiet --jobs 1) || exit 1
unscaled=$("$digitlab" seed-table --rows pca30 --subset 2000 --json --quiet --jobs 1 --lbfgs-unscaled) || exit 1
if [ "$(iterations <<<"$scaled")" = "$(iterations <<<"$unscaled")" ] ||
   ! awk -v a="$(acc <<<"$scaled")" -v b="$(acc <<<"$unscaled")" 'BEGIN { d = a - b; exit !(d < 0.005 && d > -0.005) }'; then
  echo "FAIL: --lbfgs-unscaled: $scaled against $unscaled" >&2
  failed=1
fi
out=$("$digitlab" seed-table --jobs 0 2>&1); status=$?
if [ $status != 2 ] || ! grep -qF -- "--jobs is at least 1" <<<"$out"; then
  echo "FAIL: --jobs 0: exit $status, $out" >&2
  failed=1
fi
[ $failed = 0 ] && echo "seed-table --jobs: 3 rows, the same table with 1 and 2 threads; --lbfgs-unscaled reaches the fits"
exit $failed
