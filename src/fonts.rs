//! Fonts bundled with the app so names and notes in any common script render everywhere: in
//! the window and in exported PDFs. No egui here: the UI registers these bytes with egui, the
//! PDF export embeds them.
//!
//! The files under `assets/fonts/` are subsets of Noto (SIL Open Font License 1.1) and Droid
//! Sans Fallback (Apache License 2.0) made by `assets/fonts/subset.sh`; the licences sit beside
//! them. Together they cover Latin with diacritics, Greek, Cyrillic, Arabic, Hebrew, Devanagari,
//! Chinese and Japanese (the common CJK ideographs and kana), arrows, symbols and monochrome
//! emoji.

/// One bundled font file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FontFile {
    /// A stable name, unique among the bundled fonts (usable as egui's font key).
    pub name: &'static str,
    /// The TrueType data.
    pub bytes: &'static [u8],
}

macro_rules! font {
    ($name:literal, $file:literal) => {
        FontFile {
            name: $name,
            bytes: include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/fonts/", $file)),
        }
    };
}

/// Latin, Greek and Cyrillic, regular weight.
pub const NOTO_SANS: FontFile = font!("NotoSans-Regular", "NotoSans-Regular.ttf");
/// Latin, Greek and Cyrillic, bold.
pub const NOTO_SANS_BOLD: FontFile = font!("NotoSans-Bold", "NotoSans-Bold.ttf");
/// Monospaced Latin, Greek and Cyrillic for code.
pub const NOTO_SANS_MONO: FontFile = font!("NotoSansMono-Regular", "NotoSansMono-Regular.ttf");
pub const NOTO_SANS_ARABIC: FontFile =
    font!("NotoSansArabic-Regular", "NotoSansArabic-Regular.ttf");
pub const NOTO_SANS_HEBREW: FontFile =
    font!("NotoSansHebrew-Regular", "NotoSansHebrew-Regular.ttf");
pub const NOTO_SANS_DEVANAGARI: FontFile = font!(
    "NotoSansDevanagari-Regular",
    "NotoSansDevanagari-Regular.ttf"
);
/// Chinese ideographs (U+4E00–U+9FFF), kana, CJK punctuation and full-width forms.
pub const DROID_SANS_FALLBACK_CJK: FontFile =
    font!("DroidSansFallback-CJK", "DroidSansFallback-CJK.ttf");
/// Arrows, mathematical and technical symbols.
pub const NOTO_SANS_SYMBOLS: FontFile =
    font!("NotoSansSymbols-Regular", "NotoSansSymbols-Regular.ttf");
/// Dingbats (✓ ✗ ☐ ★) and monochrome emoji.
pub const NOTO_SANS_SYMBOLS2: FontFile =
    font!("NotoSansSymbols2-Regular", "NotoSansSymbols2-Regular.ttf");
/// Monochrome emoji (faces, hands, objects) beyond what Symbols 2 has.
pub const NOTO_EMOJI: FontFile = font!("NotoEmoji-Regular", "NotoEmoji-Regular.ttf");

/// Body text: for each character, use the first font in this list that has a glyph for it.
pub const SANS: &[FontFile] = &[
    NOTO_SANS,
    NOTO_SANS_ARABIC,
    NOTO_SANS_HEBREW,
    NOTO_SANS_DEVANAGARI,
    DROID_SANS_FALLBACK_CJK,
    NOTO_SANS_SYMBOLS,
    NOTO_SANS_SYMBOLS2,
    NOTO_EMOJI,
];

/// Headings and labels: bold Latin, Greek and Cyrillic, then the regular fallbacks (the other
/// scripts have no bold here, so they stay regular rather than turning into boxes).
pub const SANS_BOLD: &[FontFile] = &[
    NOTO_SANS_BOLD,
    NOTO_SANS_ARABIC,
    NOTO_SANS_HEBREW,
    NOTO_SANS_DEVANAGARI,
    DROID_SANS_FALLBACK_CJK,
    NOTO_SANS_SYMBOLS,
    NOTO_SANS_SYMBOLS2,
    NOTO_EMOJI,
];

/// Code: monospaced first, then the body fallbacks.
pub const MONO: &[FontFile] = &[
    NOTO_SANS_MONO,
    NOTO_SANS,
    NOTO_SANS_ARABIC,
    NOTO_SANS_HEBREW,
    NOTO_SANS_DEVANAGARI,
    DROID_SANS_FALLBACK_CJK,
    NOTO_SANS_SYMBOLS,
    NOTO_SANS_SYMBOLS2,
    NOTO_EMOJI,
];

/// Every bundled font once, for registering them all by name.
pub const ALL: &[FontFile] = &[
    NOTO_SANS,
    NOTO_SANS_BOLD,
    NOTO_SANS_MONO,
    NOTO_SANS_ARABIC,
    NOTO_SANS_HEBREW,
    NOTO_SANS_DEVANAGARI,
    DROID_SANS_FALLBACK_CJK,
    NOTO_SANS_SYMBOLS,
    NOTO_SANS_SYMBOLS2,
    NOTO_EMOJI,
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads the cmap through rustybuzz's parser, the same one the PDF export shapes with.
    fn covers(font: &FontFile, c: char) -> bool {
        rustybuzz::Face::from_slice(font.bytes, 0).is_some_and(|face| face.glyph_index(c).is_some())
    }

    fn first_covering(chain: &[FontFile], c: char) -> Option<&'static str> {
        chain.iter().find(|f| covers(f, c)).map(|f| f.name)
    }

    #[test]
    fn every_font_parses_and_names_are_unique() {
        for font in ALL {
            assert!(
                rustybuzz::Face::from_slice(font.bytes, 0).is_some(),
                "{} does not parse",
                font.name
            );
        }
        let mut names: Vec<&str> = ALL.iter().map(|f| f.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ALL.len());
    }

    #[test]
    fn chains_cover_every_script_of_candidate_names() {
        for chain in [SANS, SANS_BOLD, MONO] {
            for text in [
                "Zoë Ødegård",
                "Дмитрий",
                "李雷",
                "محمد",
                "Αλέξανδρος",
                "דוד",
                "प्रिया",
                "さくら",
                "→✓👍",
            ] {
                for c in text.chars().filter(|c| !c.is_whitespace()) {
                    assert!(
                        first_covering(chain, c).is_some(),
                        "no font for {c:?} in {text}"
                    );
                }
            }
        }
        assert_eq!(first_covering(SANS, 'ë'), Some("NotoSans-Regular"));
        assert_eq!(first_covering(SANS, 'م'), Some("NotoSansArabic-Regular"));
        assert_eq!(first_covering(SANS, '李'), Some("DroidSansFallback-CJK"));
        assert_eq!(first_covering(SANS_BOLD, 'Д'), Some("NotoSans-Bold"));
        assert_eq!(first_covering(MONO, '{'), Some("NotoSansMono-Regular"));
    }

    #[test]
    fn bundled_fonts_stay_compact() {
        let total: usize = ALL.iter().map(|f| f.bytes.len()).sum();
        assert!(total < 6_000_000, "bundled fonts grew to {total} bytes");
    }
}
