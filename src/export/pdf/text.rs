//! Text for the PDF: font fallback over the bundled fonts, shaping with rustybuzz, line
//! wrapping and right-to-left runs.
//!
//! Each character takes the first font in the chain that has a glyph for it; spaces,
//! punctuation and combining marks stay in the font of the text around them, so an Arabic
//! phrase with spaces is shaped as one run. Right-to-left text uses a reduced form of the
//! Unicode bidirectional algorithm that is enough for names and notes: runs of Arabic or Hebrew
//! are reversed within a left-to-right line, and a paragraph that starts in a right-to-left
//! script is laid out right to left and right-aligned.
//!
//! Text between backticks is code, as in Markdown: it is set in the monospaced font and the
//! backticks are not drawn.

use std::ops::Range;

use krilla::Data;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use rustybuzz::{Direction, Face, UnicodeBuffer};

use crate::fonts::FontFile;

/// The bundled fonts, loaded once per export, and the fallback chains as indices into them.
pub(super) struct FontPool {
    fonts: Vec<LoadedFont>,
    sans: Vec<usize>,
    bold: Vec<usize>,
    mono: Vec<usize>,
}

struct LoadedFont {
    font: Font,
    face: Face<'static>,
    units_per_em: f32,
}

/// Which fallback chain a piece of text uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Chain {
    Sans,
    Bold,
    Mono,
}

/// Which chain each byte of a paragraph uses: `base`, except in the code ranges.
#[derive(Clone, Copy)]
struct Styling<'a> {
    base: Chain,
    code: &'a [Range<usize>],
    /// Where the text being measured starts in the paragraph.
    offset: usize,
}

impl<'a> Styling<'a> {
    #[cfg(test)]
    fn plain(base: Chain) -> Styling<'static> {
        Styling {
            base,
            code: &[],
            offset: 0,
        }
    }

    fn chain_at(&self, at: usize) -> Chain {
        let at = self.offset + at;
        if self.code.iter().any(|r| r.contains(&at)) {
            Chain::Mono
        } else {
            self.base
        }
    }

    fn shifted(&self, by: usize) -> Styling<'a> {
        Styling {
            offset: self.offset + by,
            ..*self
        }
    }
}

/// A run of glyphs from one font in one direction, ready to draw.
#[derive(Clone)]
pub(super) struct Run {
    pub font: usize,
    /// The run's text in logical order; glyph clusters index into it.
    pub text: String,
    /// Glyphs in visual (left-to-right) order, advances in ems.
    pub glyphs: Vec<KrillaGlyph>,
    /// Width in points at the line's size.
    pub width: f32,
}

/// One laid-out line: runs in visual order from left to right.
#[derive(Clone)]
pub(super) struct Line {
    pub runs: Vec<Run>,
    pub width: f32,
    /// The paragraph reads right to left: align the line to the right.
    pub rtl: bool,
}

impl FontPool {
    pub fn load() -> Result<FontPool, String> {
        let mut fonts = Vec::new();
        for file in crate::fonts::ALL {
            let font = Font::new(Data::from(file.bytes), 0)
                .ok_or_else(|| format!("the bundled font {} could not be read", file.name))?;
            let face = Face::from_slice(file.bytes, 0)
                .ok_or_else(|| format!("the bundled font {} could not be read", file.name))?;
            let units_per_em = face.units_per_em() as f32;
            fonts.push(LoadedFont {
                font,
                face,
                units_per_em,
            });
        }
        let chain = |files: &[FontFile]| -> Vec<usize> {
            files
                .iter()
                .filter_map(|file| crate::fonts::ALL.iter().position(|f| f.name == file.name))
                .collect()
        };
        Ok(FontPool {
            sans: chain(crate::fonts::SANS),
            bold: chain(crate::fonts::SANS_BOLD),
            mono: chain(crate::fonts::MONO),
            fonts,
        })
    }

    pub fn font(&self, index: usize) -> &Font {
        &self.fonts[index].font
    }

    fn chain(&self, chain: Chain) -> &[usize] {
        match chain {
            Chain::Sans => &self.sans,
            Chain::Bold => &self.bold,
            Chain::Mono => &self.mono,
        }
    }

    /// True for the monospaced font that code is set in.
    pub fn is_code_font(&self, font: usize) -> bool {
        self.mono.first() == Some(&font)
    }

    fn has_glyph(&self, font: usize, c: char) -> bool {
        self.fonts[font].face.glyph_index(c).is_some()
    }

    /// Splits text into font runs, in logical order.
    fn itemize(&self, styling: Styling<'_>, text: &str) -> Vec<(Range<usize>, usize)> {
        let mut runs: Vec<(Range<usize>, usize)> = Vec::new();
        let mut prev_chain = None;
        for (at, c) in text.char_indices() {
            let this_chain = styling.chain_at(at);
            let chain = self.chain(this_chain);
            let first = chain.first().copied().unwrap_or(0);
            // A change between code and text always starts a new run.
            let prev = runs
                .last()
                .map(|(_, f)| *f)
                .filter(|_| prev_chain == Some(this_chain));
            prev_chain = Some(this_chain);
            let sticky = is_mark_or_ignorable(c) || !c.is_alphanumeric();
            let font = match prev {
                Some(p) if sticky && (self.has_glyph(p, c) || is_mark_or_ignorable(c)) => p,
                _ => chain
                    .iter()
                    .copied()
                    .find(|&f| self.has_glyph(f, c))
                    .unwrap_or(prev.unwrap_or(first)),
            };
            let end = at + c.len_utf8();
            match runs.last_mut() {
                Some((range, f)) if *f == font && prev.is_some() => range.end = end,
                _ => runs.push((at..end, font)),
            }
        }
        runs
    }

    /// Shapes one run; returns glyphs in visual order and the advance in ems.
    fn shape(&self, font: usize, text: &str, rtl: bool) -> (Vec<KrillaGlyph>, f32) {
        let loaded = &self.fonts[font];
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.set_direction(if rtl {
            Direction::RightToLeft
        } else {
            Direction::LeftToRight
        });
        buffer.guess_segment_properties();
        let output = rustybuzz::shape(&loaded.face, &[], buffer);
        let mut clusters: Vec<usize> = output
            .glyph_infos()
            .iter()
            .map(|i| i.cluster as usize)
            .collect();
        clusters.sort_unstable();
        clusters.dedup();
        let upem = loaded.units_per_em;
        let mut width = 0.0;
        let glyphs = output
            .glyph_infos()
            .iter()
            .zip(output.glyph_positions())
            .map(|(info, pos)| {
                let start = info.cluster as usize;
                let end = clusters
                    .get(clusters.partition_point(|&c| c <= start))
                    .copied()
                    .unwrap_or(text.len());
                width += pos.x_advance as f32 / upem;
                KrillaGlyph::new(
                    GlyphId::new(info.glyph_id),
                    pos.x_advance as f32 / upem,
                    pos.x_offset as f32 / upem,
                    pos.y_offset as f32 / upem,
                    pos.y_advance as f32 / upem,
                    start..end,
                    None,
                )
            })
            .collect();
        (glyphs, width)
    }

    /// Width in points of each cluster of `text`, in logical order (byte offset, width).
    fn cluster_widths(&self, styling: Styling<'_>, text: &str, size: f32) -> Vec<(usize, f32)> {
        let mut widths: Vec<(usize, f32)> = Vec::new();
        for (range, font) in self.itemize(styling, text) {
            let piece = &text[range.clone()];
            let rtl = piece.chars().any(is_rtl);
            let loaded = &self.fonts[font];
            let mut buffer = UnicodeBuffer::new();
            buffer.push_str(piece);
            buffer.set_direction(if rtl {
                Direction::RightToLeft
            } else {
                Direction::LeftToRight
            });
            buffer.guess_segment_properties();
            let output = rustybuzz::shape(&loaded.face, &[], buffer);
            let mut local: Vec<(usize, f32)> = Vec::new();
            for (info, pos) in output.glyph_infos().iter().zip(output.glyph_positions()) {
                let advance = pos.x_advance as f32 / loaded.units_per_em * size;
                let cluster = range.start + info.cluster as usize;
                // Glyphs of one cluster are adjacent in the shaper's output.
                match local.last_mut() {
                    Some((c, w)) if *c == cluster => *w += advance,
                    _ => local.push((cluster, advance)),
                }
            }
            local.sort_by_key(|(c, _)| *c);
            widths.extend(local);
        }
        widths
    }

    fn width(&self, styling: Styling<'_>, text: &str, size: f32) -> f32 {
        self.cluster_widths(styling, text, size)
            .iter()
            .map(|(_, w)| w)
            .sum()
    }

    /// Lays out `text` in lines no wider than `max_width` points. Line breaks in the text are
    /// kept; an empty paragraph gives an empty line.
    pub fn layout(&self, chain: Chain, text: &str, size: f32, max_width: f32) -> Vec<Line> {
        let cleaned = clean(text);
        let mut lines = Vec::new();
        for source in cleaned.split('\n') {
            let (paragraph, code) = strip_code_marks(source);
            let styling = Styling {
                base: chain,
                code: &code,
                offset: 0,
            };
            let rtl = paragraph_is_rtl(&paragraph);
            for range in self.wrap(styling, &paragraph, size, max_width) {
                let line = &paragraph[range.clone()];
                let start = range.start + (line.len() - line.trim_start().len());
                lines.push(self.build_line(styling.shifted(start), line.trim(), rtl, size));
            }
        }
        lines
    }

    /// Greedy line breaking at spaces and around CJK characters; a word wider than the line
    /// is broken between clusters.
    fn wrap(
        &self,
        styling: Styling<'_>,
        text: &str,
        size: f32,
        max_width: f32,
    ) -> Vec<Range<usize>> {
        let mut lines: Vec<Range<usize>> = Vec::new();
        let mut current: Option<Range<usize>> = None;
        let mut width = 0.0f32;
        let mut pending_space = 0.0f32;
        for (token, is_space) in tokens(text) {
            let token_width = self.width(styling.shifted(token.start), &text[token.clone()], size);
            if is_space {
                if current.is_some() {
                    pending_space += token_width;
                }
                continue;
            }
            match current.as_mut() {
                None => {
                    current = Some(token.start..token.start);
                    width = 0.0;
                }
                Some(line) if width + pending_space + token_width > max_width && width > 0.0 => {
                    lines.push(line.clone());
                    current = Some(token.start..token.start);
                    width = 0.0;
                }
                Some(_) => {}
            }
            pending_space = if width > 0.0 { pending_space } else { 0.0 };
            if token_width > max_width && width == 0.0 {
                // A word longer than the line: break it between clusters.
                let mut piece_start = token.start;
                let mut piece_width = 0.0f32;
                for (cluster, w) in
                    self.cluster_widths(styling.shifted(token.start), &text[token.clone()], size)
                {
                    let cluster = token.start + cluster;
                    if piece_width + w > max_width && piece_width > 0.0 {
                        lines.push(piece_start..cluster);
                        piece_start = cluster;
                        piece_width = 0.0;
                    }
                    piece_width += w;
                }
                current = Some(piece_start..token.end);
                width = piece_width;
            } else {
                width += pending_space + token_width;
                if let Some(line) = current.as_mut() {
                    line.end = token.end;
                }
            }
            pending_space = 0.0;
        }
        match current {
            Some(line) => lines.push(line),
            None if lines.is_empty() => lines.push(0..0),
            None => {}
        }
        lines
    }

    /// Shapes one line: splits it into direction segments and font runs, orders them visually.
    fn build_line(&self, styling: Styling<'_>, text: &str, rtl_paragraph: bool, size: f32) -> Line {
        let mut segments = direction_segments(text, rtl_paragraph);
        if rtl_paragraph {
            segments.reverse();
        }
        let mut runs = Vec::new();
        for (segment, rtl) in segments {
            let mut font_runs =
                self.itemize(styling.shifted(segment.start), &text[segment.clone()]);
            if rtl {
                font_runs.reverse();
            }
            for (range, font) in font_runs {
                let piece = &text[segment.start + range.start..segment.start + range.end];
                let (glyphs, em_width) = self.shape(font, piece, rtl);
                runs.push(Run {
                    font,
                    text: piece.to_string(),
                    glyphs,
                    width: em_width * size,
                });
            }
        }
        let width = runs.iter().map(|r| r.width).sum();
        Line {
            runs,
            width,
            rtl: rtl_paragraph,
        }
    }
}

/// Drops control characters a PDF cannot show, turns tabs into spaces and unifies line ends.
fn clean(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// The paragraph without the backticks of its code spans, and the byte ranges of the code in
/// the result.
fn strip_code_marks(paragraph: &str) -> (String, Vec<Range<usize>>) {
    let mut text = String::with_capacity(paragraph.len());
    let mut code = Vec::new();
    for span in crate::export::text::spans(paragraph) {
        match span {
            crate::export::text::Span::Plain(plain) => text.push_str(plain),
            crate::export::text::Span::Code(source) => {
                let start = text.len();
                text.push_str(source);
                code.push(start..text.len());
            }
        }
    }
    (text, code)
}

/// Breakable pieces of a paragraph: words, runs of spaces, and single CJK characters.
fn tokens(text: &str) -> Vec<(Range<usize>, bool)> {
    let mut out: Vec<(Range<usize>, bool)> = Vec::new();
    for (at, c) in text.char_indices() {
        let end = at + c.len_utf8();
        let space = c.is_whitespace();
        let wide = is_wide(c);
        match out.last_mut() {
            Some((range, last_space))
                if *last_space == space
                    && !wide
                    && !text[range.clone()].chars().last().is_some_and(is_wide) =>
            {
                range.end = end
            }
            // Marks and joiners stay with the character before them, even a wide one.
            Some((range, false)) if !space && is_mark_or_ignorable(c) => range.end = end,
            _ => out.push((at..end, space)),
        }
    }
    out
}

/// Runs of the line that read in one direction, in logical order.
fn direction_segments(text: &str, rtl_paragraph: bool) -> Vec<(Range<usize>, bool)> {
    // Strong direction of each character; neutrals resolved from their neighbours.
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let strong: Vec<Option<bool>> = chars.iter().map(|&(_, c)| strong_direction(c)).collect();
    let mut resolved = vec![rtl_paragraph; chars.len()];
    let mut prev = rtl_paragraph;
    for i in 0..chars.len() {
        match strong[i] {
            Some(dir) => {
                resolved[i] = dir;
                prev = dir;
            }
            None => {
                let next = strong[i + 1..]
                    .iter()
                    .flatten()
                    .next()
                    .copied()
                    .unwrap_or(rtl_paragraph);
                resolved[i] = if prev == next { prev } else { rtl_paragraph };
            }
        }
    }
    let mut segments: Vec<(Range<usize>, bool)> = Vec::new();
    for (i, &(at, c)) in chars.iter().enumerate() {
        let end = at + c.len_utf8();
        match segments.last_mut() {
            Some((range, dir)) if *dir == resolved[i] => range.end = end,
            _ => segments.push((at..end, resolved[i])),
        }
    }
    segments
}

/// Some(true) for right-to-left letters, Some(false) for other letters and digits.
fn strong_direction(c: char) -> Option<bool> {
    if is_rtl(c) {
        Some(true)
    } else if c.is_alphanumeric() {
        Some(false)
    } else {
        None
    }
}

/// A paragraph reads right to left when its first strong character does.
fn paragraph_is_rtl(text: &str) -> bool {
    text.chars().find_map(strong_direction).unwrap_or(false)
}

/// Hebrew, Arabic, Syriac, Thaana, NKo and their presentation forms.
pub(super) fn is_rtl(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
        && c.is_alphanumeric()
}

/// Characters that break like ideographs: a line may break before or after each.
fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{303F}' | '\u{3040}'..='\u{30FF}' | '\u{3100}'..='\u{31FF}' |
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' |
        '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FF60}' | '\u{20000}'..='\u{2FFFF}')
}

/// Combining marks, joiners and variation selectors: they belong to the character before.
fn is_mark_or_ignorable(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}' | '\u{0591}'..='\u{05C7}' |
        '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' |
        '\u{06D6}'..='\u{06ED}' | '\u{0900}'..='\u{0903}' | '\u{093A}'..='\u{094F}' |
        '\u{0951}'..='\u{0957}' | '\u{0962}'..='\u{0963}' | '\u{1AB0}'..='\u{1AFF}' |
        '\u{1DC0}'..='\u{1DFF}' | '\u{200B}'..='\u{200F}' | '\u{20D0}'..='\u{20FF}' |
        '\u{FE00}'..='\u{FE0F}' | '\u{FE20}'..='\u{FE2F}' | '\u{E0100}'..='\u{E01EF}' |
        '\u{1F3FB}'..='\u{1F3FF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pool() -> FontPool {
        FontPool::load().expect("bundled fonts load")
    }

    fn font_names(pool: &FontPool, chain: Chain, text: &str) -> Vec<(String, &'static str)> {
        pool.itemize(Styling::plain(chain), text)
            .into_iter()
            .map(|(range, f)| (text[range].to_string(), crate::fonts::ALL[f].name))
            .collect()
    }

    #[test]
    fn each_script_gets_a_font_that_has_it() {
        let pool = pool();
        let runs = font_names(&pool, Chain::Sans, "Zoë 李雷 محمد علي 👍");
        assert_eq!(
            runs,
            vec![
                ("Zoë ".to_string(), "NotoSans-Regular"),
                ("李雷".to_string(), "DroidSansFallback-CJK"),
                // The CJK subset has no space, so the space falls back to the first font.
                (" ".to_string(), "NotoSans-Regular"),
                ("محمد علي ".to_string(), "NotoSansArabic-Regular"),
                ("👍".to_string(), "NotoSansSymbols2-Regular"),
            ]
        );
    }

    #[test]
    fn code_spans_use_the_monospaced_font_without_backticks() {
        let pool = pool();
        let lines = pool.layout(Chain::Sans, "Use `copy.deepcopy()` here", 10.0, 400.0);
        let runs: Vec<(String, &str)> = lines[0]
            .runs
            .iter()
            .map(|r| (r.text.clone(), crate::fonts::ALL[r.font].name))
            .collect();
        assert_eq!(
            runs,
            vec![
                ("Use ".to_string(), "NotoSans-Regular"),
                ("copy.deepcopy()".to_string(), "NotoSansMono-Regular"),
                (" here".to_string(), "NotoSans-Regular"),
            ]
        );
        // Unmatched backticks are text.
        let line = pool.layout(Chain::Sans, "a ` b", 10.0, 400.0);
        let text: String = line[0].runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(text, "a ` b");
    }

    #[test]
    fn long_text_wraps_within_the_width() {
        let pool = pool();
        let text = "word ".repeat(60);
        let lines = pool.layout(Chain::Sans, &text, 10.0, 200.0);
        assert!(lines.len() > 3, "{} lines", lines.len());
        for line in &lines {
            assert!(line.width <= 200.5, "line of {} pt", line.width);
        }
        let unbroken = "x".repeat(400);
        let lines = pool.layout(Chain::Sans, &unbroken, 10.0, 100.0);
        assert!(lines.len() > 5);
        let rejoined: String = lines
            .iter()
            .flat_map(|l| l.runs.iter().map(|r| r.text.as_str()))
            .collect();
        assert_eq!(rejoined, unbroken);
        for line in &lines {
            assert!(line.width <= 100.5);
        }
    }

    #[test]
    fn cjk_breaks_between_characters_and_newlines_are_kept() {
        let pool = pool();
        let lines = pool.layout(Chain::Sans, &"李雷".repeat(40), 10.0, 100.0);
        assert!(lines.len() >= 8, "{}", lines.len());
        let lines = pool.layout(Chain::Sans, "a\n\nb", 10.0, 100.0);
        assert_eq!(lines.len(), 3);
        assert!(lines[1].runs.is_empty());
    }

    #[test]
    fn right_to_left_runs_are_reversed_in_a_left_to_right_line() {
        let segments = direction_segments("Name: محمد علي (x)", false);
        let dirs: Vec<bool> = segments.iter().map(|(_, d)| *d).collect();
        assert_eq!(dirs, vec![false, true, false]);
        assert_eq!(&"Name: محمد علي (x)"[segments[1].0.clone()], "محمد علي");
        assert!(paragraph_is_rtl("  محمد Smith"));
        assert!(!paragraph_is_rtl("123 محمد"));
        let pool = pool();
        let line = pool.layout(Chain::Sans, "שלום world", 10.0, 300.0);
        assert!(line[0].rtl);
        // Visual order: the Latin word sits left of the Hebrew one.
        assert_eq!(line[0].runs.first().map(|r| r.text.as_str()), Some("world"));
    }
}
