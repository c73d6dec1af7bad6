//! Question lines: their "Q1." or "Question 3:" numbering, and whether a line reads as a
//! question at all.

use std::borrow::Cow;

use super::bullets::bullet;
use super::metadata::split_inline_meta;

/// Removes "Q:", "Q1.", "Q12:", "Question 3:", "Question:" and "12." numbering before a
/// question. Returns the text unchanged when there is no prefix.
pub fn strip_question_prefix(text: &str) -> Cow<'_, str> {
    let (rest, _) = question_prefix(text);
    rest
}

/// Like [`strip_question_prefix`], also telling whether an explicit "Q"/"Question" prefix was
/// present (a strong sign the line is a question even without a question mark).
/// Most lines have no prefix and are returned borrowed.
pub fn question_prefix(text: &str) -> (Cow<'_, str>, bool) {
    let t = text.trim();
    for word in ["question", "q"] {
        if t.get(..word.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(word))
        {
            let after = &t[word.len()..];
            let after_trim = after.trim_start();
            let digits: String = after_trim
                .chars()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            let after_digits = &after_trim[digits.len()..];
            let sep = after_digits.chars().next();
            if matches!(sep, Some('.' | ':' | ')' | '-' | '–' | '—')) {
                // "Q.E.D." or "question." as a sentence are not prefixes.
                let body = after_digits[sep.map_or(0, char::len_utf8)..].trim();
                if !body.is_empty() && (!digits.is_empty() || sep == Some(':')) {
                    return (Cow::Borrowed(body), true);
                }
            }
            if !digits.is_empty() && after_digits.starts_with(' ') {
                return (Cow::Borrowed(after_digits.trim()), true);
            }
        }
    }
    // Only a line starting with a digit can be numbered; other bullets are not looked at.
    if t.starts_with(|c: char| c.is_ascii_digit())
        && let Some(b) = bullet(t).filter(|b| b.number.is_some())
    {
        return (Cow::Owned(b.text), false);
    }
    (Cow::Borrowed(t), false)
}

/// Key used to spot the same question written twice: lowercase letters and digits only,
/// question numbering removed.
pub fn prompt_key(prompt: &str) -> String {
    let cleaned = strip_question_prefix(prompt.trim());
    let mut key = String::with_capacity(cleaned.len());
    for c in cleaned.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                key.push(c.to_ascii_lowercase());
            }
        } else if c.is_alphanumeric() {
            key.extend(c.to_lowercase());
        }
    }
    key
}

/// Whether a cleaned line reads as a question: it ends with a question mark (ignoring
/// trailing quotes, emphasis or brackets).
pub fn ends_with_question_mark(text: &str) -> bool {
    let ends = |t: &str| {
        t.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '*' | '_' | '"' | '\'' | ')' | ']')
        })
        .ends_with('?')
    };
    // "What is X? (Beginner)": the level in brackets comes after the question mark.
    ends(text) || (text.trim_end().ends_with([')', ']']) && ends(&split_inline_meta(text).0))
}

/// Words that open an interview prompt written as an instruction ("Explain…", "Design…").
const PROMPT_OPENERS: &[&str] = &[
    "explain",
    "describe",
    "what",
    "what's",
    "whats",
    "how",
    "why",
    "when",
    "where",
    "which",
    "who",
    "write",
    "implement",
    "design",
    "compare",
    "tell",
    "walk",
    "give",
    "define",
    "discuss",
    "name",
    "list",
    "show",
    "can",
    "could",
    "would",
    "should",
    "do",
    "does",
    "did",
    "is",
    "are",
    "have",
    "has",
    "suppose",
    "imagine",
    "given",
    "find",
    "create",
    "build",
    "debug",
    "refactor",
    "review",
    "estimate",
    "sketch",
    "outline",
    "contrast",
    "differentiate",
    "distinguish",
    "reverse",
    "sort",
    "merge",
    "parse",
    "convert",
    "optimize",
    "optimise",
    "model",
    "talk",
    "share",
    "identify",
    "predict",
    "fix",
    "rewrite",
];

/// Whether text starts like a prompt ("Explain the GIL", "How would you…").
pub fn starts_like_question(text: &str) -> bool {
    let word = text.split_whitespace().next().unwrap_or("");
    // No opener is longer than 13 letters: a first word of over 24 bytes is answered unbuilt.
    if word.len() > 24 {
        return false;
    }
    // The word's letters, digits and apostrophes in lower case, on the stack: this runs for
    // most lines of a guide.
    let mut key = [0u8; 24];
    let mut len = 0;
    for c in word.chars() {
        if c.is_ascii_alphanumeric() || c == '\'' {
            key[len] = c.to_ascii_lowercase() as u8;
            len += 1;
        } else if c.is_alphanumeric() {
            // No opener has a letter outside ASCII.
            return false;
        }
    }
    std::str::from_utf8(&key[..len]).is_ok_and(|first| PROMPT_OPENERS.contains(&first))
}

/// Whether text has at least one letter, so a stray "?" or "1." is not taken as a question.
pub fn has_letters(text: &str) -> bool {
    text.chars().any(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn question_prefixes() {
        assert_eq!(
            question_prefix("Q1. What is X?"),
            ("What is X?".into(), true)
        );
        assert_eq!(
            question_prefix("Question 3: Explain Y"),
            ("Explain Y".into(), true)
        );
        assert_eq!(question_prefix("Q: Why?"), ("Why?".into(), true));
        assert_eq!(
            question_prefix("12. What is Z?"),
            ("What is Z?".into(), false)
        );
        assert_eq!(
            question_prefix("Quick sort is fast"),
            ("Quick sort is fast".into(), false)
        );
    }

    #[test]
    fn prompt_keys_ignore_numbering_and_punctuation() {
        assert_eq!(
            prompt_key("12. What is a Closure?"),
            prompt_key("what is a closure")
        );
    }
}
