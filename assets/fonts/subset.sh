#!/bin/sh
# Rebuilds the bundled font subsets from Debian's packages:
#   apt-get install -y fonts-noto-core fonts-noto-mono fonts-droid-fallback fonts-noto-cjk
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
# Scripts of South and South-East Asia, the Caucasus and Ethiopia: each font cut to its own
# blocks, plus the joiners (U+200C-200D) and dotted circle (U+25CC) that shaping needs.
JOIN="U+200C-200D,U+25CC"
INDIC="U+0964-0965,$JOIN"
sub "$N/NotoSansBengali-Regular.ttf" NotoSansBengali-Regular.ttf "U+0980-09FF,$INDIC"
sub "$N/NotoSansGurmukhi-Regular.ttf" NotoSansGurmukhi-Regular.ttf "U+0A00-0A7F,$INDIC"
sub "$N/NotoSansGujarati-Regular.ttf" NotoSansGujarati-Regular.ttf "U+0A80-0AFF,$INDIC"
sub "$N/NotoSansTamil-Regular.ttf" NotoSansTamil-Regular.ttf "U+0B80-0BFF,$INDIC"
sub "$N/NotoSansTelugu-Regular.ttf" NotoSansTelugu-Regular.ttf "U+0C00-0C7F,$INDIC"
sub "$N/NotoSansKannada-Regular.ttf" NotoSansKannada-Regular.ttf "U+0C80-0CFF,$INDIC"
sub "$N/NotoSansMalayalam-Regular.ttf" NotoSansMalayalam-Regular.ttf "U+0D00-0D7F,$INDIC"
sub "$N/NotoSansSinhala-Regular.ttf" NotoSansSinhala-Regular.ttf "U+0D80-0DFF,U+111E0-111FF,$INDIC"
sub "$N/NotoSansThai-Regular.ttf" NotoSansThai-Regular.ttf "U+0E00-0E7F,$JOIN"
sub "$N/NotoSansLao-Regular.ttf" NotoSansLao-Regular.ttf "U+0E80-0EFF,$JOIN"
sub "$N/NotoSansMyanmar-Regular.ttf" NotoSansMyanmar-Regular.ttf "U+1000-109F,U+A9E0-A9FF,U+AA60-AA7F,$JOIN"
sub "$N/NotoSansKhmer-Regular.ttf" NotoSansKhmer-Regular.ttf "U+1780-17FF,U+19E0-19FF,$JOIN"
sub "$N/NotoSansArmenian-Regular.ttf" NotoSansArmenian-Regular.ttf "U+0530-058F,U+FB13-FB17"
sub "$N/NotoSansGeorgian-Regular.ttf" NotoSansGeorgian-Regular.ttf "U+10A0-10FF,U+1C90-1CBF,U+2D00-2D2F"
sub "$N/NotoSansEthiopic-Regular.ttf" NotoSansEthiopic-Regular.ttf "U+1200-139F,U+2D80-2DDF,U+AB00-AB2F"
# Hangul (Korean): syllables and jamo from Noto Sans CJK KR (apt-get install fonts-noto-cjk;
# face 1 of the collection).
pyftsubset /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc --font-number=1 \
  --output-file="$OUT/NotoSansKR-Hangul.otf" \
  --unicodes="U+1100-11FF,U+3130-318F,U+A960-A97F,U+AC00-D7A3,U+D7B0-D7FF" \
  --layout-features='*' --no-hinting --desubroutinize --name-IDs='*' --name-languages='*' --notdef-outline
