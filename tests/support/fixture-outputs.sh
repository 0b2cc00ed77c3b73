#!/usr/bin/env bash
# Builds every fixture output (sheets, decrees, books, reports, imported
# definitions, with their Typst sources) with the sopkit binary $1 into the
# folder $2, then prints "sha256  path" for every file written (the cache
# folder aside). tests/outputs.rs compares this with fixtures/outputs.sha256.
set -euo pipefail
bin=$1; out=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
unset SOURCE_DATE_EPOCH
for p in denpasar bali panjang; do
  "$bin" build "$root/fixtures/$p" -o "$out/build/$p" --emit-typst >/dev/null 2>&1
done
for p in denpasar bali; do
  "$bin" laporan "$root/fixtures/$p/runs" --project "$root/fixtures/$p" -o "$out/laporan/$p" --emit-typst >/dev/null 2>&1
done
"$bin" import "$root"/fixtures/legacy/*.xlsx "$root"/fixtures/legacy/*.xls "$root"/fixtures/legacy/*.ods -o "$out/import" >/dev/null 2>&1
cd "$out" && find . -type f -not -path '*/.sopkit-cache/*' | LC_ALL=C sort | xargs sha256sum
