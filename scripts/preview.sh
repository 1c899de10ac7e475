#!/usr/bin/env bash
# Build and serve a private copy of the working tree, so several people can
# preview at once without sharing dist/:  scripts/preview.sh NAME PORT
# → copies to /tmp/preview-NAME (node_modules linked), builds, serves on PORT.
set -euo pipefail
name=${1:?usage: scripts/preview.sh NAME PORT}
port=${2:?usage: scripts/preview.sh NAME PORT}
src=$(cd "$(dirname "$0")/.." && pwd)
dst=/tmp/preview-$name
mkdir -p "$dst"
rm -rf "$dst" && mkdir -p "$dst"
(cd "$src" && tar --exclude=./node_modules --exclude=./dist --exclude=./.astro --exclude=./test-results --exclude=./.git -cf - .) | (cd "$dst" && tar xf -)
ln -sfn "$src/node_modules" "$dst/node_modules"
cd "$dst"
ASTRO_CACHE_DIR="$dst/.astro-cache" npx astro build >"$dst/build.log" 2>&1 || { tail -40 "$dst/build.log"; exit 1; }
npx pagefind --site dist --output-subdir pagefind >/dev/null
pkill -f "preview-$name/scripts/serve.mjs" 2>/dev/null || true
PORT=$port nohup node "$dst/scripts/serve.mjs" >"$dst/serve.log" 2>&1 &
sleep 1
echo "preview of $name at http://127.0.0.1:$port/ (build log: $dst/build.log)"
