#!/usr/bin/env bash
# Builds every fixture output (sheets, decrees, books, reports, imported
# definitions, with their Typst sources) with the sopkit binary $1 into the
# folder $2, then prints "sha256  path" for every file written (the cache
# folder aside). tests/cli/outputs.rs compares this with
# fixtures/outputs.sha256. A command that fails prints what it said.
set -euo pipefail
bin=$1; out=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
unset SOURCE_DATE_EPOCH LC_ALL LC_MESSAGES
# Imported definitions carry comments in the user's language: English here.
export LANG=C.UTF-8
quiet() {
  local said
  said=$("$@" 2>&1 >/dev/null) || { printf '%s\n' "$said" >&2; return 1; }
}
for p in denpasar bali panjang; do
  quiet "$bin" build "$root/fixtures/$p" -o "$out/build/$p" --emit-typst
done
for p in denpasar bali; do
  quiet "$bin" laporan "$root/fixtures/$p/runs" --project "$root/fixtures/$p" -o "$out/laporan/$p" --emit-typst
done
quiet "$bin" import "$root"/fixtures/legacy/*.xlsx "$root"/fixtures/legacy/*.xls "$root"/fixtures/legacy/*.ods -o "$out/import"
cd "$out" && find . -type f -not -path '*/.sopkit-cache/*' | LC_ALL=C sort | xargs sha256sum
