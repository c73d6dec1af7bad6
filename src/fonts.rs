//! Fonts bundled with the app so names and notes in any common script render everywhere: in
//! the window and in exported PDFs. No egui here: the UI registers these bytes with egui, the
//! PDF export embeds them.
//!
//! The files under `assets/fonts/` are subsets of Noto (SIL Open Font License 1.1) and Droid
//! Sans Fallback (Apache License 2.0) made by `assets/fonts/subset.sh`; the licences sit beside
//! them. Together they cover Latin with diacritics, Greek, Cyrillic, Arabic, Hebrew, the scripts
//! of India and Sri Lanka (Devanagari, Bengali, Gurmukhi, Gujarati, Tamil, Telugu, Kannada,
//! Malayalam, Sinhala), Thai, Lao, Myanmar, Khmer, Armenian, Georgian, Ethiopic, Chinese and
//! Japanese (the common CJK ideographs and kana), Korean Hangul, arrows, symbols and monochrome
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
/// Bengali and Assamese.
pub const NOTO_SANS_BENGALI: FontFile =
    font!("NotoSansBengali-Regular", "NotoSansBengali-Regular.ttf");
/// Gurmukhi (Punjabi).
pub const NOTO_SANS_GURMUKHI: FontFile =
    font!("NotoSansGurmukhi-Regular", "NotoSansGurmukhi-Regular.ttf");
/// Gujarati.
pub const NOTO_SANS_GUJARATI: FontFile =
    font!("NotoSansGujarati-Regular", "NotoSansGujarati-Regular.ttf");
/// Tamil.
pub const NOTO_SANS_TAMIL: FontFile = font!("NotoSansTamil-Regular", "NotoSansTamil-Regular.ttf");
/// Telugu.
pub const NOTO_SANS_TELUGU: FontFile =
    font!("NotoSansTelugu-Regular", "NotoSansTelugu-Regular.ttf");
/// Kannada.
pub const NOTO_SANS_KANNADA: FontFile =
    font!("NotoSansKannada-Regular", "NotoSansKannada-Regular.ttf");
/// Malayalam.
pub const NOTO_SANS_MALAYALAM: FontFile =
    font!("NotoSansMalayalam-Regular", "NotoSansMalayalam-Regular.ttf");
/// Sinhala.
pub const NOTO_SANS_SINHALA: FontFile =
    font!("NotoSansSinhala-Regular", "NotoSansSinhala-Regular.ttf");
/// Thai.
pub const NOTO_SANS_THAI: FontFile = font!("NotoSansThai-Regular", "NotoSansThai-Regular.ttf");
/// Lao.
pub const NOTO_SANS_LAO: FontFile = font!("NotoSansLao-Regular", "NotoSansLao-Regular.ttf");
/// Myanmar (Burmese).
pub const NOTO_SANS_MYANMAR: FontFile =
    font!("NotoSansMyanmar-Regular", "NotoSansMyanmar-Regular.ttf");
/// Khmer.
pub const NOTO_SANS_KHMER: FontFile = font!("NotoSansKhmer-Regular", "NotoSansKhmer-Regular.ttf");
/// Armenian.
pub const NOTO_SANS_ARMENIAN: FontFile =
    font!("NotoSansArmenian-Regular", "NotoSansArmenian-Regular.ttf");
/// Georgian.
pub const NOTO_SANS_GEORGIAN: FontFile =
    font!("NotoSansGeorgian-Regular", "NotoSansGeorgian-Regular.ttf");
/// Ethiopic (Amharic, Tigrinya).
pub const NOTO_SANS_ETHIOPIC: FontFile =
    font!("NotoSansEthiopic-Regular", "NotoSansEthiopic-Regular.ttf");
/// Hangul (Korean) syllables and jamo, from Noto Sans CJK KR.
pub const NOTO_SANS_KR_HANGUL: FontFile = font!("NotoSansKR-Hangul", "NotoSansKR-Hangul.otf");
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

/// Every script's font after the Latin, Greek and Cyrillic ones: each chain below ends with
/// these, so a name in any of them renders in body text, headings and code alike.
const FALLBACKS: &[FontFile] = &[
    NOTO_SANS_ARABIC,
    NOTO_SANS_HEBREW,
    NOTO_SANS_DEVANAGARI,
    NOTO_SANS_BENGALI,
    NOTO_SANS_GURMUKHI,
    NOTO_SANS_GUJARATI,
    NOTO_SANS_TAMIL,
    NOTO_SANS_TELUGU,
    NOTO_SANS_KANNADA,
    NOTO_SANS_MALAYALAM,
    NOTO_SANS_SINHALA,
    NOTO_SANS_THAI,
    NOTO_SANS_LAO,
    NOTO_SANS_MYANMAR,
    NOTO_SANS_KHMER,
    NOTO_SANS_ARMENIAN,
    NOTO_SANS_GEORGIAN,
    NOTO_SANS_ETHIOPIC,
    DROID_SANS_FALLBACK_CJK,
    NOTO_SANS_KR_HANGUL,
    NOTO_SANS_SYMBOLS,
    NOTO_SANS_SYMBOLS2,
    NOTO_EMOJI,
];

/// `head` followed by [`FALLBACKS`]; `N` must be their combined length (checked when compiled).
const fn then_fallbacks<const N: usize>(head: &[FontFile]) -> [FontFile; N] {
    assert!(N == head.len() + FALLBACKS.len(), "wrong chain length");
    let mut chain = [NOTO_SANS; N];
    let mut i = 0;
    while i < N {
        chain[i] = if i < head.len() {
            head[i]
        } else {
            FALLBACKS[i - head.len()]
        };
        i += 1;
    }
    chain
}

/// Body text: for each character, use the first font in this list that has a glyph for it.
pub const SANS: &[FontFile] = &then_fallbacks::<{ 1 + FALLBACKS.len() }>(&[NOTO_SANS]);

/// Headings and labels: bold Latin, Greek and Cyrillic, then the regular fallbacks (the other
/// scripts have no bold here, so they stay regular rather than turning into boxes).
pub const SANS_BOLD: &[FontFile] = &then_fallbacks::<{ 1 + FALLBACKS.len() }>(&[NOTO_SANS_BOLD]);

/// Code: monospaced first, then the body fonts.
pub const MONO: &[FontFile] =
    &then_fallbacks::<{ 2 + FALLBACKS.len() }>(&[NOTO_SANS_MONO, NOTO_SANS]);

/// Every bundled font once, for registering them all by name.
pub const ALL: &[FontFile] =
    &then_fallbacks::<{ 3 + FALLBACKS.len() }>(&[NOTO_SANS, NOTO_SANS_BOLD, NOTO_SANS_MONO]);

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
        for font in SANS.iter().chain(SANS_BOLD).chain(MONO) {
            assert!(ALL.contains(font), "{} is registered", font.name);
        }
        assert_eq!(SANS.first(), Some(&NOTO_SANS));
        assert_eq!(MONO[..2], [NOTO_SANS_MONO, NOTO_SANS]);
        assert_eq!(SANS.last(), Some(&NOTO_EMOJI));
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
                "김민준",
                "สมชาย",
                "সুমিতা",
                "ਹਰਪ੍ਰੀਤ",
                "જયેશ",
                "கார்த்திக்",
                "సాయి",
                "ಅನಿಲ್",
                "അനുപമ",
                "නිමල්",
                "ສົມສັກ",
                "အောင်",
                "សុខា",
                "Արամ",
                "გიორგი",
                "ሰላም",
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
        assert_eq!(first_covering(SANS, '김'), Some("NotoSansKR-Hangul"));
        assert_eq!(first_covering(SANS, 'ส'), Some("NotoSansThai-Regular"));
        assert_eq!(first_covering(SANS, 'க'), Some("NotoSansTamil-Regular"));
        assert_eq!(first_covering(SANS_BOLD, 'Д'), Some("NotoSans-Bold"));
        assert_eq!(first_covering(MONO, '{'), Some("NotoSansMono-Regular"));
    }

    #[test]
    fn bundled_fonts_stay_compact() {
        let total: usize = ALL.iter().map(|f| f.bytes.len()).sum();
        // About 7.8 MB for some thirty scripts, Hangul being a fifth of it; a jump past this means
        // a font went in without being cut to its script.
        assert!(total < 9_000_000, "bundled fonts grew to {total} bytes");
    }
}
