//! List items: bullets, numbered items and task-list checkboxes.

/// A list item: its marker and text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bullet {
    /// The number of a numbered item (`3.` or `3)`), `None` for `-`, `*`, `+`, `•`.
    pub number: Option<u64>,
    pub text: String,
}

/// Reads a bullet or numbered list item from a trimmed line.
pub fn bullet(trimmed: &str) -> Option<Bullet> {
    let mut chars = trimmed.chars();
    let first = chars.next()?;
    if matches!(
        first,
        '-' | '*' | '+' | '•' | '◦' | '▪' | '‣' | '–' | '·' | '○' | '■' | '●'
    ) {
        let rest = chars.as_str();
        // "**bold**" and "---" are not bullets; a bullet needs a space after its marker.
        if rest.starts_with(' ') || rest.starts_with('\t') {
            let text = rest.trim();
            let text = strip_checkbox(text);
            return Some(Bullet {
                number: None,
                text: text.to_string(),
            });
        }
        if rest.is_empty() {
            return Some(Bullet {
                number: None,
                text: String::new(),
            });
        }
        return None;
    }
    let digits: String = trimmed.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() || digits.len() > 6 {
        return None;
    }
    let rest = &trimmed[digits.len()..];
    let rest = rest.strip_prefix('.').or_else(|| rest.strip_prefix(')'))?;
    if !(rest.is_empty() || rest.starts_with(' ') || rest.starts_with('\t')) {
        return None;
    }
    Some(Bullet {
        number: digits.parse().ok(),
        text: rest.trim().to_string(),
    })
}

fn strip_checkbox(text: &str) -> &str {
    for box_ in ["[ ] ", "[x] ", "[X] "] {
        if let Some(rest) = text.strip_prefix(box_) {
            return rest.trim_start();
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bullets_of_every_style() {
        for line in [
            "- point",
            "* point",
            "+ point",
            "• point",
            "1. point",
            "2) point",
        ] {
            assert_eq!(
                bullet(line).map(|b| b.text),
                Some("point".to_string()),
                "{line}"
            );
        }
        assert_eq!(bullet("12. What?").and_then(|b| b.number), Some(12));
        assert_eq!(bullet("**bold**"), None);
        assert_eq!(bullet("3.14 is pi"), None);
        assert_eq!(bullet("2024 was a year"), None);
    }
}
