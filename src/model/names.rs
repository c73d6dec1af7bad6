//! Turning user text into safe file names and stable slugs.

/// Lowercase ASCII slug of `text`: letters and digits kept, everything else folded into single
/// dashes, at most `max` characters. Non-Latin text that leaves nothing becomes `x`.
pub fn slug(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(max.min(text.len()) + 1);
    let mut dash = false;
    for c in text.chars() {
        let c = if c.is_ascii() { c } else { fold_diacritic(c) };
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
            if out.len() >= max {
                break;
            }
        } else {
            dash = true;
        }
    }
    if out.is_empty() { "x".to_string() } else { out }
}

fn fold_diacritic(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        other => other,
    }
}

/// Names Windows refuses as file names, whatever the extension.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A file name (no folder) made from user text: keeps letters in any script, replaces path
/// separators, control characters and characters Windows forbids, removes leading dots (so no
/// `..` or hidden files), avoids reserved device names and limits the length.
pub fn safe_file_stem(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars() {
        let bad =
            c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|');
        let c = if bad || c.is_whitespace() { '-' } else { c };
        if c == '-' && out.ends_with('-') {
            continue;
        }
        out.push(c);
    }
    let mut out = out
        .trim_matches(|c| c == '-' || c == '.' || c == ' ')
        .to_string();
    while out.contains("..") {
        out = out.replace("..", ".");
    }
    // Keep names short enough for every file system (255 bytes), leaving room for extensions.
    while out.len() > 120 {
        out.pop();
    }
    let stem_lower = out.split('.').next().unwrap_or("").to_lowercase();
    if RESERVED.contains(&stem_lower.as_str()) {
        out.insert(0, '_');
    }
    if out.is_empty() {
        "scorecard".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_and_stable() {
        assert_eq!(slug("Zoë Ødegård", 40), "zoe-odegard");
        assert_eq!(
            slug("  What is a *decorator*?  ", 40),
            "what-is-a-decorator"
        );
        assert_eq!(slug("李雷", 40), "x");
        assert_eq!(slug("abcdef", 3), "abc");
    }

    #[test]
    fn file_stems_are_safe() {
        assert_eq!(safe_file_stem("../../etc/passwd"), "etc-passwd");
        assert_eq!(safe_file_stem("CON"), "_CON");
        assert_eq!(safe_file_stem("con.txt"), "_con.txt");
        assert_eq!(safe_file_stem("a\u{0}b\nc"), "a-b-c");
        assert_eq!(
            safe_file_stem("Zoë Ødegård 2026-11-21"),
            "Zoë-Ødegård-2026-11-21"
        );
        assert_eq!(safe_file_stem("李雷"), "李雷");
        assert_eq!(safe_file_stem("..."), "scorecard");
        assert_eq!(safe_file_stem(""), "scorecard");
        assert_eq!(safe_file_stem("a:b|c?d"), "a-b-c-d");
        assert!(safe_file_stem(&"x".repeat(500)).len() <= 120);
        assert!(!safe_file_stem("a..b").contains(".."));
    }
}
