#!/usr/bin/env bash
# scripts/fetch-sources.sh against a stub apt: the newest listed version's files answer
# 404 (as bookworm-security's zlib 1:1.2.13.dfsg-1+deb12u1 did on 2026-12-01), the next
# one downloads and is used; a package none of whose versions download is an error.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; echo "--- fetch-sources said:" >&2; cat "$work/out" >&2; exit 1; }

mkdir -p "$work/bin" "$work/pkg/demo-1.0"
echo "int demo;" > "$work/pkg/demo-1.0/demo.c"
tar -czf "$work/demo_1.0.orig.tar.gz" -C "$work/pkg" demo-1.0

# apt-cache showsrc lists three versions of demo (out of order) and a binary of another
# source package; broken has two versions, neither downloadable.
cat > "$work/bin/apt-cache" <<STUB
#!/bin/sh
[ "\$1" = showsrc ] || exit 0
case "\$2" in
  demo) printf 'Package: demo\nVersion: 1:1.0-1\n\nPackage: demo\nVersion: 1:1.0-1+deb12u1\n\nPackage: demo\nVersion: 1:0.9-3\n\nPackage: demo-tools\nVersion: 2:5.0-1\n' ;;
  broken) printf 'Package: broken\nVersion: 2.0-1\n\nPackage: broken\nVersion: 1.0-1\n' ;;
esac
STUB
cat > "$work/bin/apt-get" <<STUB
#!/bin/sh
echo "\$*" >> "$work/apt-get.log"
case "\$*" in
  *"demo=1:1.0-1+deb12u1"*) echo "E: Failed to fetch http://archive.invalid/demo_1.0-1+deb12u1.dsc  404  Not Found" >&2; exit 100 ;;
  *"demo=1:1.0-1"*) cp "$work/demo_1.0.orig.tar.gz" . && touch demo_1.0-1.dsc; exit 0 ;;
  *"broken="*) echo "E: Failed to fetch http://archive.invalid/broken.dsc  404  Not Found" >&2; exit 100 ;;
esac
exit 100
STUB
chmod +x "$work/bin/apt-cache" "$work/bin/apt-get"
run() { PATH="$work/bin:$PATH" DIGITLAB_DEPS="$work/deps" "$root/scripts/fetch-sources.sh" "$@" > "$work/out" 2>&1; }

run demo || fail "fetch-sources demo exited $?"
grep -q "demo 1:1.0-1+deb12u1 did not download (E: Failed to fetch.*404" "$work/out" || fail "the 404 of the newest version is not reported"
grep -q "demo 1:1.0-1 downloaded" "$work/out" || fail "the next version is not the one used"
[ -f "$work/deps/src/demo/demo.c" ] || fail "demo was not unpacked into deps/src/demo"
# Newest first, and the version after the one that downloaded is never asked for.
tried=$(grep -o 'demo=[^ ]*' "$work/apt-get.log" | tr '\n' ' ')
[ "$tried" = "demo=1:1.0-1+deb12u1 demo=1:1.0-1 " ] || fail "versions tried: '$tried'"

: > "$work/apt-get.log"
run demo || fail "second run exited $?"
[ ! -s "$work/apt-get.log" ] || fail "a second run downloaded again"

if run broken; then fail "a package with no downloadable version succeeded"; fi
grep -q "no listed version of broken downloads (tried: 2.0-1 1.0-1)" "$work/out" || fail "no clear error for broken"
echo "fetch-sources fallback: 3 passed, 0 failed"
