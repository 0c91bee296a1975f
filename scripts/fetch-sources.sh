#!/usr/bin/env bash
# Unpacks Debian source packages that must be compiled for wasm (Emscripten cannot use
# the host's binary libraries, and its own ports download from the internet).
#   scripts/fetch-sources.sh zlib libsdl2 imgui
# Each lands in build/_deps/src/<name>; a second run reuses it.
#
# The archive's newest listed version is not always downloadable (bookworm-security's
# zlib 1:1.2.13.dfsg-1+deb12u1 answers 404 while 1:1.2.13.dfsg-1 downloads fine), so every
# version `apt-cache showsrc` lists is tried, newest first, and the first whose files all
# download is used. DIGITLAB_DEPS moves build/_deps (the tests use it with a stub apt).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
deps="${DIGITLAB_DEPS:-$root/build/_deps}"
mkdir -p "$deps/src" "$deps/debs"

source_versions() {  # every version of source package $1 the archive lists, newest first
  local sorted=() v i
  while read -r v; do
    i=${#sorted[@]}
    sorted+=("$v")
    while [ "$i" -gt 0 ] && dpkg --compare-versions "${sorted[i-1]}" lt "$v"; do
      sorted[i]=${sorted[i-1]}; sorted[i-1]=$v; i=$((i - 1))
    done
  done < <(apt-cache showsrc "$1" 2>/dev/null | awk '/^Package: /{p=$2} /^Version: /{if (p == "'"$1"'") print $2}' | sort -u)
  [ ${#sorted[@]} -gt 0 ] && printf '%s\n' "${sorted[@]}"
  return 0
}

add_deb_src() {  # the same archive as the binary packages, source type (TOOLCHAIN.md)
  if ! grep -rqs '^Types: deb-src' /etc/apt/sources.list.d/ /etc/apt/sources.list 2>/dev/null; then
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
      > /etc/apt/sources.list.d/debian-src.sources
  fi
  apt-get update -qq
}

download() {  # $1 package: downloads into $deps/debs the first version that downloads fully
  local pkg=$1 versions tmp ver log
  versions=$(source_versions "$pkg")
  if [ -z "$versions" ]; then add_deb_src; versions=$(source_versions "$pkg"); fi
  if [ -z "$versions" ]; then
    echo "fetch-sources: the archive lists no source package '$pkg' (apt-cache showsrc $pkg)" >&2
    return 1
  fi
  log=$(mktemp)
  for ver in $versions; do
    tmp=$(mktemp -d "$deps/debs/.download.XXXX")
    chmod 755 "$tmp"   # apt's _apt user downloads into it (else a warning per file)
    if (cd "$tmp" && apt-get source --download-only -qq "$pkg=$ver") >"$log" 2>&1 &&
       ls "$tmp"/"${pkg}"_*.orig.tar.* >/dev/null 2>&1; then
      mv "$tmp"/* "$deps/debs/"
      rmdir "$tmp"; rm -f "$log"
      echo "fetch-sources: $pkg $ver downloaded" >&2
      return 0
    fi
    echo "fetch-sources: $pkg $ver did not download ($(grep -m1 '^E:' "$log" || echo "no tarball")); trying the next version" >&2
    rm -rf "$tmp"
  done
  rm -f "$log"
  echo "fetch-sources: no listed version of $pkg downloads (tried: $(echo $versions))" >&2
  return 1
}

for pkg in "$@"; do
  if [ -d "$deps/src/$pkg" ]; then continue; fi
  if ! ls "$deps/debs"/"${pkg}"_*.orig.tar.* >/dev/null 2>&1; then download "$pkg"; fi
  tarball=$(ls "$deps/debs"/"${pkg}"_*.orig.tar.* | sort -V | tail -1)
  tmp=$(mktemp -d "$deps/src/.unpack.XXXX")
  tar -xf "$tarball" -C "$tmp"
  mv "$tmp"/* "$deps/src/$pkg"
  rmdir "$tmp"
  echo "fetch-sources: $pkg from $(basename "$tarball")"
done
