//! Characters, spaces and inline markup: what a line looks like once the noise of word
//! processors, web pages and Markdown is taken out.

/// Straightens what word processors and web pages put into text: a leading BOM, CRLF and lone
/// CR line ends, curly quotes, non-breaking and other odd spaces, zero-width characters.
/// Line count is preserved for CRLF files, so line numbers match what an editor shows.
pub fn normalise(text: &str) -> std::borrow::Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Plain ASCII without carriage returns has nothing to straighten: most files and cells.
    if text.is_ascii() && !text.contains('\r') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => out.push('\''),
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => out.push('"'),
            '\u{00a0}' | '\u{2007}' | '\u{202f}' | '\u{2000}'..='\u{200a}' | '\u{3000}' => {
                out.push(' ')
            }
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{00ad}' => {}
            '\u{2028}' | '\u{2029}' | '\u{85}' => out.push('\n'),
            other => out.push(other),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Collapses runs of whitespace to single spaces and trims.
pub fn squash(text: &str) -> String {
    if is_squashed(text) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// [`squash`] for a string the caller owns: most text is already squashed, and is kept as it
/// is instead of being copied.
pub fn squash_owned(text: String) -> String {
    if is_squashed(&text) {
        text
    } else {
        squash(&text)
    }
}

/// Whether `text` has no leading, trailing, repeated or non-space whitespace.
fn is_squashed(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut previous_space = false;
    for &byte in bytes {
        match byte {
            b' ' if previous_space => return false,
            b' ' => previous_space = true,
            b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => return false,
            // Any non-ASCII character might be Unicode whitespace: the slow path decides.
            0x80.. => return false,
            _ => previous_space = false,
        }
    }
    true
}

/// Width of leading whitespace, tabs counting as four.
pub fn indent_of(line: &str) -> usize {
    let mut width = 0;
    for c in line.chars() {
        match c {
            ' ' => width += 1,
            '\t' => width += 4,
            _ => break,
        }
    }
    width
}

/// Removes emphasis wrapped around text (`**x**`, `__x__`, `*x*`, `_x_`) and a leading
/// emphasis pair (`**Q1.** What…`), but leaves inner stars alone so `**kwargs` survives.
pub fn strip_emphasis(text: &str) -> String {
    let mut t = text.trim().to_string();
    for marker in ["**", "__"] {
        if t.len() > 2 * marker.len() && t.starts_with(marker) && t.ends_with(marker) {
            let inner = &t[marker.len()..t.len() - marker.len()];
            // An even number of markers inside means separate spans ("**a** or **b**");
            // an odd number is a literal one ("**What do **kwargs do?**").
            if inner.matches(marker).count() % 2 == 1 || !inner.contains(marker) {
                t = inner.trim().to_string();
                continue;
            }
        }
        if let Some(rest) = t.strip_prefix(marker)
            && let Some(end) = rest.find(marker)
        {
            let (inner, after) = rest.split_at(end);
            t = format!("{}{}", inner, &after[marker.len()..])
                .trim()
                .to_string();
        }
    }
    for marker in ['*', '_'] {
        if t.len() >= 2
            && t.starts_with(marker)
            && t.ends_with(marker)
            && !t[1..].starts_with(marker)
        {
            t = t[1..t.len() - 1].trim().to_string();
        }
    }
    // A trailing colon inside the emphasis ("**Answer:**") ends up as "Answer:" here.
    t
}

/// Replaces Markdown links with their text and drops a heading anchor such as `{#intro}`.
pub fn strip_links(text: &str) -> String {
    // Each step looks ahead only to the next "[" (link text holds none), and the search for a
    // link's ")" is remembered, so nested or unclosed brackets stay linear.
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    // The first ")" at or after `paren_from`, once searched for.
    let mut paren: Option<Option<usize>> = None;
    let mut paren_from = 0;
    while let Some(found) = text[pos..].find('[') {
        let open = pos + found;
        out.push_str(&text[pos..open]);
        let after = open + 1;
        let next_open = text[after..].find('[').map_or(text.len(), |r| after + r);
        let Some(close) = text[after..next_open].find("](").map(|r| after + r) else {
            out.push('[');
            pos = after;
            continue;
        };
        let target = close + 2;
        let end = match paren {
            Some(cached) if paren_from <= target && cached.is_none_or(|c| c >= target) => cached,
            _ => {
                let found = text[target..].find(')').map(|r| target + r);
                paren = Some(found);
                paren_from = target;
                found
            }
        };
        match end {
            Some(end) => {
                out.push_str(&text[after..close]);
                pos = end + 1;
            }
            None => {
                out.push('[');
                pos = after;
            }
        }
    }
    let rest = &text[pos..];
    out.push_str(rest);
    let trimmed = out.trim_end();
    if trimmed.ends_with('}')
        && let Some(start) = trimmed.rfind("{#")
    {
        return trimmed[..start].trim_end().to_string();
    }
    out
}

/// Whether `text` has nothing [`clean_inline`] would change, in one pass over its bytes: no
/// link, tag, emphasis or escape character, and only single spaces between words.
fn is_plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut previous_space = false;
    let mut ascii = true;
    for &byte in bytes {
        match byte {
            b'[' | b'<' | b'*' | b'_' | b'\\' | b'{' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => {
                return false;
            }
            b' ' if previous_space => return false,
            b' ' => previous_space = true,
            0x80.. => {
                ascii = false;
                previous_space = false;
            }
            _ => previous_space = false,
        }
    }
    ascii || !text.chars().any(|c| c.is_whitespace() && c != ' ')
}

/// Cleans a line for use as a prompt or point: links, emphasis wrapping, simple HTML tags,
/// trailing Markdown line-break backslashes, repeated spaces.
pub fn clean_inline(text: &str) -> std::borrow::Cow<'_, str> {
    // Most lines have nothing to clean: no links, tags, emphasis or repeated spaces.
    if is_plain(text) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut t = strip_links(text);
    for tag in [
        "<br>",
        "<br/>",
        "<br />",
        "<b>",
        "</b>",
        "<strong>",
        "</strong>",
        "<em>",
        "</em>",
        "<i>",
        "</i>",
    ] {
        if t.contains(tag) {
            t = t.replace(tag, " ");
        }
    }
    let t = strip_emphasis(&t);
    let t = t.trim_end_matches('\\');
    std::borrow::Cow::Owned(squash(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_word_processor_text() {
        assert_eq!(normalise("\u{feff}a\r\nb\rc"), "a\nb\nc");
        assert_eq!(
            normalise("\u{201c}hi\u{201d} it\u{2019}s\u{00a0}ok"),
            "\"hi\" it's ok"
        );
    }

    #[test]
    fn links_and_emphasis() {
        assert_eq!(clean_inline("[What is X?](#what-is-x)"), "What is X?");
        assert_eq!(
            clean_inline("**What do *args and **kwargs mean?**"),
            "What do *args and **kwargs mean?"
        );
        assert_eq!(strip_links("Heading {#anchor}"), "Heading");
        assert_eq!(
            strip_emphasis("**Lists** or **tuples**"),
            "Lists or **tuples**"
        );
        assert_eq!(strip_emphasis("**Answer:**"), "Answer:");
    }
}
