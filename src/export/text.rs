//! User text on its way out: invisible and control characters removed, inline code found, and
//! Markdown neutralised so a note can never become a link, an image or a heading.

/// True for characters that draw nothing but can change how text around them reads: control
/// characters, bidi embeddings, overrides, isolates and marks, zero-width characters, the
/// byte-order mark, other format characters and default-ignorable code points.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{0600}'..='\u{0605}' | '\u{06DD}' |
            '\u{070F}' | '\u{0890}'..='\u{0891}' | '\u{08E2}' | '\u{115F}'..='\u{1160}' |
            '\u{17B4}'..='\u{17B5}' | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' |
            '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{3164}' |
            '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF0}'..='\u{FFFB}' |
            '\u{110BD}' | '\u{110CD}' | '\u{13430}'..='\u{1343F}' | '\u{1BCA0}'..='\u{1BCA3}' |
            '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
}

/// True for characters that reorder the text around them (bidi embeddings, overrides and
/// isolates): in running text they can make a note read differently from what it says.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` without invisible characters; whitespace controls (tab, line breaks) become spaces.
/// For file names and other single tokens.
pub fn strip_invisible(text: &str) -> String {
    text.chars()
        .filter_map(|c| {
            if c.is_whitespace() && c.is_control() {
                Some(' ')
            } else if is_invisible(c) {
                None
            } else {
                Some(c)
            }
        })
        .collect()
}

/// Running text as a plain-text reader should get it: line ends unified to `\n`, tabs kept,
/// and control characters, bidi overrides and byte-order marks removed. Joiners and
/// direction marks stay: names in Persian, Arabic or emoji sequences need them.
pub fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|&c| {
            matches!(c, '\n' | '\t') || !(c.is_control() || is_bidi_control(c) || c == '\u{FEFF}')
        })
        .collect()
}

/// A piece of a line of user text: written as is, or as code between backticks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Span<'a> {
    Plain(&'a str),
    /// The code without its backticks (and without the one space padding CommonMark strips).
    Code(&'a str),
}

/// Splits one line into plain text and `code` spans as CommonMark reads them: a run of N
/// backticks opens a span that the next run of exactly N backticks closes. Unmatched backticks
/// stay plain text.
pub fn spans(line: &str) -> Vec<Span<'_>> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut plain_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'`' {
            i += 1;
            continue;
        }
        let open_end = run_end(bytes, i);
        let fence = open_end - i;
        let mut j = open_end;
        let mut close = None;
        while j < bytes.len() {
            if bytes[j] == b'`' {
                let end = run_end(bytes, j);
                if end - j == fence {
                    close = Some((j, end));
                    break;
                }
                j = end;
            } else {
                j += 1;
            }
        }
        match close {
            Some((close_start, close_end)) => {
                let mut code = &line[open_end..close_start];
                if code.len() >= 2
                    && code.starts_with(' ')
                    && code.ends_with(' ')
                    && !code.trim().is_empty()
                {
                    code = &code[1..code.len() - 1];
                }
                if plain_start < i {
                    out.push(Span::Plain(&line[plain_start..i]));
                }
                if !code.is_empty() {
                    out.push(Span::Code(code));
                }
                i = close_end;
                plain_start = close_end;
            }
            None => i = open_end,
        }
    }
    if plain_start < line.len() {
        out.push(Span::Plain(&line[plain_start..]));
    }
    out
}

fn run_end(bytes: &[u8], start: usize) -> usize {
    let mut end = start;
    while end < bytes.len() && bytes[end] == b'`' {
        end += 1;
    }
    end
}

/// `text` with the backticks of its code spans removed: for plain-text output.
pub fn without_code_marks(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            spans(line)
                .into_iter()
                .map(|span| match span {
                    Span::Plain(s) | Span::Code(s) => s,
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// How user text is written into Markdown.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum CodeSpans {
    /// Code spans stay code spans (the full Markdown report).
    Keep,
    /// Backticks are dropped and the code is written as plain text (the ATS summary, which
    /// must read cleanly where Markdown is not rendered).
    Plain,
}

/// One line of user text for Markdown, after our own prefix (`- Role: …`): cleaned, joined to
/// one line, and escaped so that it cannot form a link, an image, an HTML tag or an entity.
pub fn md_inline(text: &str, code: CodeSpans) -> String {
    let line = super::single_line(&clean(text)).replace('\t', " ");
    escape_md_line(&line, code)
}

/// Multi-line user text for Markdown: each line escaped as [`md_inline`], and a line that
/// would start a heading, rule, quote, fence or table is escaped at its start.
pub fn md_lines(text: &str, code: CodeSpans) -> Vec<String> {
    // A tab becomes one space: four would turn the line into a code block.
    clean(text)
        .replace('\t', " ")
        .split('\n')
        .map(|line| {
            let escaped = escape_md_line(line.trim_end(), code);
            guard_line_start(&escaped)
        })
        .collect()
}

fn escape_md_line(line: &str, code: CodeSpans) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    for span in spans(line) {
        match (span, code) {
            (Span::Plain(text), _) => escape_plain(text, &mut out),
            (Span::Code(text), CodeSpans::Plain) => escape_plain(text, &mut out),
            (Span::Code(text), CodeSpans::Keep) => {
                // A fence one longer than the longest backtick run inside never closes early.
                let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
                let fence = "`".repeat(longest + 1);
                let pad = if text.starts_with('`') || text.ends_with('`') {
                    " "
                } else {
                    ""
                };
                out.push_str(&format!("{fence}{pad}{text}{pad}{fence}"));
            }
        }
    }
    out
}

/// Escapes only what can make a link, image, tag, entity or code span, so text stays readable
/// where the Markdown is shown raw: `](` (a link or image target), `<` before a letter, `/`,
/// `!` or `?` (a tag or autolink), `&` starting an entity, `://` and `www.` (bare-URL
/// autolinks), `@` inside an address, any unmatched backtick, and a backslash before
/// punctuation (so our escapes cannot be undone).
fn escape_plain(text: &str, out: &mut String) {
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let escape = match c {
            '\\' => next.is_none_or(|n| n.is_ascii_punctuation()),
            '`' | '[' | ']' => true,
            '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
            '&' => next.is_some_and(|n| n == '#' || n.is_ascii_alphanumeric()),
            ':' => chars.get(i + 1..i + 3) == Some(&['/', '/'][..]),
            '.' => {
                i >= 3
                    && chars[i - 3..i]
                        .iter()
                        .collect::<String>()
                        .eq_ignore_ascii_case("www")
                    && (i == 3 || !chars[i - 4].is_alphanumeric())
            }
            '@' => {
                prev.is_some_and(|p| p.is_alphanumeric() || matches!(p, '.' | '_' | '-' | '+'))
                    && next.is_some_and(char::is_alphanumeric)
            }
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Escapes the start of a line that Markdown would read as structure rather than text.
fn guard_line_start(line: &str) -> String {
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    let only = |allowed: &[char]| trimmed.chars().all(|c| allowed.contains(&c));
    let structural = trimmed.starts_with('#')
        || trimmed.starts_with('>')
        || trimmed.starts_with("~~~")
        || trimmed.starts_with('|')
        || (!trimmed.is_empty() && only(&['-', '=', '*', '_', ' ']))
        || (trimmed.contains('-') && trimmed.contains('|') && only(&['-', ':', '|', ' ']));
    if structural && indent < 4 {
        format!("{}\\{}", &line[..indent], trimmed)
    } else {
        line.to_string()
    }
}

/// `text` cut to at most `max` characters at a word boundary, with `…` when cut.
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let limit = max.saturating_sub(1);
    let cut: String = text.chars().take(limit).collect();
    let at_word = match cut.rfind(char::is_whitespace) {
        Some(space) if space >= cut.len() / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!(
        "{}…",
        at_word.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_are_recognised() {
        for c in [
            '\u{202E}',
            '\u{202A}',
            '\u{2066}',
            '\u{2069}',
            '\u{200B}',
            '\u{200F}',
            '\u{2060}',
            '\u{FEFF}',
            '\u{0}',
            '\u{7F}',
            '\u{85}',
            '\u{E0041}',
            '\u{00AD}',
        ] {
            assert!(is_invisible(c), "{:04X}", c as u32);
        }
        for c in ['a', 'é', '李', 'م', ' ', '-', '👍'] {
            assert!(!is_invisible(c), "{c}");
        }
        assert_eq!(strip_invisible("a\u{202E}fdp.exe\u{200B}"), "afdp.exe");
    }

    #[test]
    fn code_spans_follow_commonmark() {
        assert_eq!(
            spans("use `copy.deepcopy` here"),
            vec![
                Span::Plain("use "),
                Span::Code("copy.deepcopy"),
                Span::Plain(" here")
            ]
        );
        assert_eq!(spans("`` a`b ``"), vec![Span::Code("a`b")]);
        assert_eq!(spans("a ` b"), vec![Span::Plain("a ` b")]);
        assert_eq!(spans("``x` y"), vec![Span::Plain("``x` y")]);
        assert_eq!(
            without_code_marks("`qs[0]` then `qs[1]`"),
            "qs[0] then qs[1]"
        );
    }

    #[test]
    fn markdown_cannot_form_links_images_or_tags() {
        let keep = CodeSpans::Keep;
        assert_eq!(
            md_inline("[click](javascript:alert(1))", keep),
            "\\[click\\](javascript:alert(1))"
        );
        assert_eq!(
            md_inline("![x](http://evil/p.png)", keep),
            "!\\[x\\](http\\://evil/p.png)"
        );
        assert_eq!(
            md_inline("<script>a < b</script>", keep),
            "\\<script>a < b\\</script>"
        );
        assert_eq!(md_inline("see www.x.io", keep), "see www\\.x.io");
        assert_eq!(md_inline("a@b.c and @SUM", keep), "a\\@b.c and @SUM");
        assert_eq!(md_inline("&#106; & x", keep), "\\&#106; & x");
        assert_eq!(md_inline("\\[x]", keep), "\\\\\\[x\\]");
        assert_eq!(md_inline("a\u{0}b\u{202E}c\u{7}", keep), "abc");
        // Code spans stay code spans, untouched inside.
        assert_eq!(md_inline("`qs[0]` ok", keep), "`qs[0]` ok");
        assert_eq!(md_inline("`qs[0]` ok", CodeSpans::Plain), "qs\\[0\\] ok");
        assert_eq!(md_inline("snake_case *args", keep), "snake_case *args");
    }

    #[test]
    fn lines_cannot_become_structure() {
        let lines = md_lines(
            "# h\n---\n> q\n| a | b |\n|---|---|\nok\n```",
            CodeSpans::Keep,
        );
        assert_eq!(
            lines,
            vec![
                "\\# h",
                "\\---",
                "\\> q",
                "\\| a | b |",
                "\\|---|---|",
                "ok",
                "\\`\\`\\`"
            ]
        );
    }

    #[test]
    fn shorten_cuts_at_words() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(
            shorten("What is the difference between a shallow copy", 20),
            "What is the…"
        );
        assert_eq!(shorten("李雷李雷李雷李雷", 4), "李雷李…");
    }
}
