#!/bin/sh
# Rebuilds the bundled font subsets from Debian's packages:
#   apt-get install -y fonts-noto-core fonts-noto-mono fonts-droid-fallback
#   pip install fonttools
# Hinting is dropped (the app and PDFs scale outlines; hints only add size).
set -eu
N=/usr/share/fonts/truetype/noto
D=/usr/share/fonts/truetype/droid
OUT=$(dirname "$0")
# Latin with diacritics and Vietnamese, IPA, Greek, Cyrillic, punctuation, currency, letterlike.
LATIN="U+0000-024F,U+0250-02FF,U+0300-036F,U+0370-03FF,U+0400-052F,U+1AB0-1AFF,U+1C80-1C8F,U+1D00-1DFF,U+1E00-1FFF,U+2000-214F,U+2C60-2C7F,U+2DE0-2DFF,U+2E00-2E7F,U+A640-A69F,U+A720-A7FF,U+AB30-AB6F,U+FB00-FB06,U+FE20-FE2F,U+FEFF,U+FFFD"
sub() {
  pyftsubset "$1" --output-file="$OUT/$2" --unicodes="$3" --layout-features='*' \
    --no-hinting --desubroutinize --name-IDs='*' --name-languages='*' --notdef-outline
}
sub "$N/NotoSans-Regular.ttf" NotoSans-Regular.ttf "$LATIN"
sub "$N/NotoSans-Bold.ttf" NotoSans-Bold.ttf "$LATIN"
sub "$N/NotoSansMono-Regular.ttf" NotoSansMono-Regular.ttf "$LATIN,U+2190-21FF,U+2500-259F"
sub "$N/NotoSansArabic-Regular.ttf" NotoSansArabic-Regular.ttf '*'
sub "$N/NotoSansHebrew-Regular.ttf" NotoSansHebrew-Regular.ttf '*'
sub "$N/NotoSansDevanagari-Regular.ttf" NotoSansDevanagari-Regular.ttf '*'
# Arrows, maths, technical and miscellaneous symbols.
sub "$N/NotoSansSymbols-Regular.ttf" NotoSansSymbols-Regular.ttf '*'
# Dingbats and monochrome emoji.
sub "$N/NotoSansSymbols2-Regular.ttf" NotoSansSymbols2-Regular.ttf '*'
# CJK: symbols and punctuation, kana, the common Unified Ideographs block, full-width forms.
sub "$D/DroidSansFallbackFull.ttf" DroidSansFallback-CJK.ttf \
  "U+3000-303F,U+3040-30FF,U+31F0-31FF,U+4E00-9FFF,U+FF00-FFEF"
