#!/usr/bin/env bash
# Builds a Debian package of sopkit: sopkit_<version>_<arch>.deb in OUTDIR.
# Usage: packaging/build-deb.sh [BINARY] [OUTDIR]
#   BINARY  the sopkit executable to pack (default: builds one with
#           `cargo build --release --locked`)
#   OUTDIR  where the .deb goes (default: target/debian)
# Everything sopkit needs at run time is inside the binary (templates,
# fonts, messages): the package holds it, its licence files and a manual
# page pointer. Install with `sudo apt install ./sopkit_*.deb`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
binary=${1:-}
out=${2:-$root/target/debian}
if [ -z "$binary" ]; then
  (cd "$root" && cargo build --release --locked)
  binary=$root/target/release/sopkit
fi
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -1)
arch=$(dpkg --print-architecture)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pkg=$work/sopkit_${version}_${arch}
install -D -m 0755 "$binary" "$pkg/usr/bin/sopkit"
install -D -m 0644 "$root/templates/fonts/LICENSE-LiberationSans.txt" "$pkg/usr/share/doc/sopkit/LICENSE-LiberationSans.txt"
install -D -m 0644 "$root/templates/fonts/LICENSE-TeXGyreBonum.txt" "$pkg/usr/share/doc/sopkit/LICENSE-TeXGyreBonum.txt"
install -D -m 0644 "$root/templates/fonts/LICENSE-NotoSansBalinese.txt" "$pkg/usr/share/doc/sopkit/LICENSE-NotoSansBalinese.txt"
install -D -m 0644 "$root/README.md" "$pkg/usr/share/doc/sopkit/README.md"
size=$(du -k -s "$pkg/usr" | cut -f1)
mkdir -p "$pkg/DEBIAN"
cat > "$pkg/DEBIAN/control" <<CONTROL
Package: sopkit
Version: $version
Architecture: $arch
Maintainer: sopkit <sopkit@localhost>
Installed-Size: $size
Depends: libc6
Section: text
Priority: optional
Homepage: https://example.invalid/sopkit
Description: SOP pemerintah menjadi PDF resmi / government SOPs to official PDFs
 sopkit turns Indonesian government SOP definitions (Permenpan-RB 35/2012)
 into official, signed-ready PDFs: SOP sheets with their flowcharts, the
 Keputusan with its lampiran, the SOP book, per-run reports and a static
 portal. Fonts and templates are built in; nothing is fetched at run time.
CONTROL
mkdir -p "$out"
# SOPKIT_DEB_FAST=1 (the tests): gzip at its fastest instead of xz.
compression=(-Zxz)
[ -n "${SOPKIT_DEB_FAST:-}" ] && compression=(-Zgzip -z1)
dpkg-deb --root-owner-group "${compression[@]}" --build "$pkg" "$out/sopkit_${version}_${arch}.deb" >/dev/null
echo "$out/sopkit_${version}_${arch}.deb"
