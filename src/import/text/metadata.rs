//! Metadata on a question line: minutes ("5 min") and a bracketed level or time
//! ("(Beginner)", "[10 min]").

use super::levels::find_level;

/// Reads minutes from text such as "5", "5 min", "10 minutes", "~15m".
pub fn parse_minutes(text: &str) -> Option<u32> {
    let t = text.trim().trim_start_matches('~').trim();
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    let unit = t[digits.len()..].trim().to_lowercase();
    let ok_unit = unit.is_empty()
        || ["m", "min", "mins", "minute", "minutes", "min.", "'"].contains(&unit.as_str());
    if !ok_unit {
        return None;
    }
    digits.parse().ok()
}

/// Splits trailing or leading metadata off a question line: "(Beginner)", "[2-3 years]",
/// "(5 min)". Returns the prompt and what was found.
pub fn split_inline_meta(prompt: &str) -> (String, Option<crate::model::Level>, Option<u32>) {
    let mut text = prompt.trim().to_string();
    let mut level = None;
    let mut minutes = None;
    for _ in 0..3 {
        let mut changed = false;
        if let Some((inner, rest)) = trailing_group(&text) {
            if let Some(m) = parse_minutes(&inner) {
                minutes = Some(m);
                text = rest;
                changed = true;
            } else if let Some((l, left)) = find_level(&inner).filter(|(_, left)| left.is_empty()) {
                let _ = left;
                level = Some(l);
                text = rest;
                changed = true;
            }
        }
        if let Some((inner, rest)) = leading_group(&text)
            && let Some((l, _)) = find_level(&inner).filter(|(_, left)| left.is_empty())
        {
            level = Some(l);
            text = rest;
            changed = true;
        }
        if !changed {
            break;
        }
    }
    (text, level, minutes)
}

fn trailing_group(text: &str) -> Option<(String, String)> {
    let t = text.trim_end();
    let close = t.chars().last()?;
    let open = match close {
        ')' => '(',
        ']' => '[',
        _ => return None,
    };
    let start = t.rfind(open)?;
    let inner = t[start + 1..t.len() - 1].to_string();
    let rest = t[..start]
        .trim_end()
        .trim_end_matches(['-', '–', '—', '|'])
        .trim_end()
        .to_string();
    if rest.is_empty() {
        return None;
    }
    Some((inner, rest))
}

fn leading_group(text: &str) -> Option<(String, String)> {
    let t = text.trim_start();
    let open = t.chars().next()?;
    let close = match open {
        '(' => ')',
        '[' => ']',
        _ => return None,
    };
    let end = t.find(close)?;
    let inner = t[1..end].to_string();
    let rest = t[end + 1..]
        .trim_start()
        .trim_start_matches(['-', '–', '—', '|', ':'])
        .trim_start()
        .to_string();
    if rest.is_empty() {
        return None;
    }
    Some((inner, rest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Level;

    #[test]
    fn inline_meta_on_question_lines() {
        assert_eq!(
            split_inline_meta("What is X? (Beginner)"),
            ("What is X?".into(), Some(Level::Entry), None)
        );
        assert_eq!(
            split_inline_meta("[Advanced] Design Y (10 min)"),
            ("Design Y".into(), Some(Level::Advanced), Some(10))
        );
        assert_eq!(
            split_inline_meta("Explain CAP (consistency, availability)"),
            ("Explain CAP (consistency, availability)".into(), None, None)
        );
    }
}
