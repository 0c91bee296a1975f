#!/usr/bin/env bash
# Finishes an assembled site (build-wasm.sh calls it on build/site): writes its service
# worker and the precompressed copies of its files.
#   scripts/finish-site.sh build/site
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
site=${1:?usage: scripts/finish-site.sh SITE_DIR}

# [SECTION] The offline copy (web/sw.js): every file of the site, and a hash of them all
# naming the cache, so a rebuilt site is a changed sw.js, which the browser installs on the
# next online visit (replacing the old cache).
# The site's own files: not sw.js, nor the copies below (F.br, F.gz beside an F) of an
# earlier run.
# Not a second dataset's files (assets/fashion/, 31 MB): sw.js keeps them once fetched.
files=$(cd "$site" && find . -type f ! -name sw.js ! -name '*.br' ! -path './assets/fashion/*' | sed 's|^\./||' | LC_ALL=C sort |
        while IFS= read -r f; do case "$f" in *.gz) [ -f "${f%.gz}" ] || echo "$f" ;; *) echo "$f" ;; esac; done)
build_id=$(cd "$site" && echo "$files" | xargs md5sum | md5sum | cut -c1-12)
list=$( { echo './'; echo "$files"; } | sed 's/.*/"&"/' | paste -sd, -)
sed -e "s|^const BUILD_ID = 'dev';|const BUILD_ID = '$build_id';|" -e "s|\[/\* FILES \*/\]|[$list]|" "$root/web/sw.js" > "$site/sw.js"
grep -q "BUILD_ID = '$build_id'" "$site/sw.js" || { echo "finish-site: sw.js has no BUILD_ID line" >&2; exit 1; }
echo "== offline copy: build $build_id, $(echo "$files" | wc -l) files"

# [SECTION] Precompressed copies, F.br and F.gz beside F, for servers that send them with
# Content-Encoding (scripts/serve.js; nginx's brotli_static and gzip_static): the program
# travels at about a third of its size. MNIST's .gz files are compressed already.
compress() {
  local f=$1
  gzip -9 -k -n -f "$f"
  if command -v brotli >/dev/null; then brotli -q 11 -k -f "$f"; fi   # Debian brotli
  for c in "$f.gz" "$f.br"; do   # a copy no smaller than the file is no use
    if [ -f "$c" ] && [ "$(stat -c %s "$c")" -ge "$(stat -c %s "$f")" ]; then rm "$c"; fi
  done
}
command -v brotli >/dev/null || echo "finish-site: brotli missing (Debian brotli); gzip copies only" >&2
while IFS= read -r f; do compress "$f"; done < <(find "$site" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' \
  -o -name '*.html' -o -name '*.json' -o -name '*.svg' -o -name '*.ttf' -o -name '*.dlm' -o -name '*.txt' \))

