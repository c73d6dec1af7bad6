//! Levels named in headings and question lines: level words ("Intermediate",
//! "PythonBeginner") and experience ranges ("2-3 years").

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::clean::squash;
use crate::model::Level;

/// Level words recognised inside headings and question lines. "Lead" is left out because it
/// often names a topic ("Leading a team").
const LEVEL_WORDS: &[&str] = &[
    "entry",
    "basic",
    "basics",
    "beginner",
    "beginners",
    "junior",
    "juniors",
    "novice",
    "graduate",
    "easy",
    "intermediate",
    "mid",
    "midlevel",
    "medium",
    "advanced",
    "senior",
    "seniors",
    "hard",
    "expert",
    "experts",
    "staff",
    "principal",
    "fresher",
    "freshers",
    "experienced",
];

/// Words that add nothing to a category name once the level has been taken out
/// ("Intermediate questions", "Questions for beginners").
const FILLER_WORDS: &[&str] = &[
    "level",
    "levels",
    "question",
    "questions",
    "tier",
    "experience",
    "years",
    "year",
    "yrs",
    "for",
    "of",
    "the",
    "and",
    "with",
    "developers",
    "developer",
    "engineers",
    "engineer",
    "candidates",
    "interview",
    "interviews",
    "roles",
    "role",
    "to",
    "answers",
    "answer",
    "top",
];

/// Finds a level in a heading or line ("Python — Intermediate (2-3 years)") and returns it with
/// the text left once it is taken out. `None` when the text names no level.
pub fn find_level(text: &str) -> Option<(Level, String)> {
    // Most lines name no level: one pass tells, before any word is looked at. A range of
    // years needs a digit; a level word, alone or glued to a topic, is a substring.
    if !text.bytes().any(|b| b.is_ascii_digit()) && !mentions_level_word(text) {
        return None;
    }
    if let Some((start, end)) = experience_span(text) {
        let level = Level::parse_loose(&text[start..end])?;
        // A level word next to the range ("Intermediate (2-3 years)") goes too.
        let rest = format!("{} {}", &text[..start], &text[end..]);
        let rest = match word_level(&rest) {
            Some((_, s, e)) => format!("{} {}", &rest[..s], &rest[e..]),
            None => rest,
        };
        return Some((level, tidy_rest(&rest)));
    }
    let (level, start, end) = word_level(text)?;
    let rest = format!("{} {}", &text[..start], &text[end..]);
    Some((level, tidy_rest(&rest)))
}

/// Whether any of [`LEVEL_WORDS`] appears in `text`, in any case, even inside a word.
fn mentions_level_word(text: &str) -> bool {
    // The words are fixed, so building the matcher cannot fail; were it ever to, each word is
    // searched for on its own.
    static WORDS: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(LEVEL_WORDS)
            .ok()
    });
    match WORDS.as_ref() {
        Some(words) => words.is_match(text),
        None => {
            let lower = text.to_ascii_lowercase();
            LEVEL_WORDS.iter().any(|word| lower.contains(word))
        }
    }
}

/// Bytes in the longest of [`LEVEL_WORDS`] ("intermediate").
const LONGEST_LEVEL_WORD: usize = 12;

/// The first level word in `text` with its byte span.
fn word_level(text: &str) -> Option<(Level, usize, usize)> {
    let mut start = None;
    let bytes_len = text.len();
    let mut spans = Vec::new();
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            spans.push((s, i));
        }
    }
    if let Some(s) = start {
        spans.push((s, bytes_len));
    }
    for (index, &(s, e)) in spans.iter().enumerate() {
        // A level glued to a topic: "PythonBeginner", "DjangoAdvanced".
        if let Some((level, start)) = glued_level(&text[s..e]) {
            return Some((level, s + start, e));
        }
        // Compared without lower-casing into a new string: this runs on every word of
        // every heading and short line.
        let raw = &text[s..e];
        if raw.len() > LONGEST_LEVEL_WORD {
            continue;
        }
        // "mid-level" and "mid level" are one word here.
        let (word, e): (&str, usize) = if raw.eq_ignore_ascii_case("mid") {
            match spans.get(index + 1) {
                Some(&(ns, ne)) if text[ns..ne].eq_ignore_ascii_case("level") && ns <= e + 1 => {
                    ("midlevel", ne)
                }
                _ => ("mid", e),
            }
        } else {
            match LEVEL_WORDS.iter().find(|w| w.eq_ignore_ascii_case(raw)) {
                Some(word) => (word, e),
                None => continue,
            }
        };
        let base = match word {
            "midlevel" => "mid",
            "basics" => "basic",
            "beginners" => "beginner",
            "juniors" => "junior",
            "seniors" => "senior",
            "experts" => "expert",
            "fresher" | "freshers" => "entry",
            "experienced" => "advanced",
            other => other,
        };
        if let Some(level) = Level::parse_loose(base) {
            return Some((level, s, e));
        }
    }
    None
}

/// A level word glued to the end of another word in camel case ("PythonBeginner"): the level
/// and where it starts in `word`.
fn glued_level(word: &str) -> Option<(Level, usize)> {
    // A glued level starts with a capital after the first letter; most words have none.
    if !word.chars().skip(1).any(char::is_uppercase) {
        return None;
    }
    for level_word in LEVEL_WORDS {
        let Some(start) = word.len().checked_sub(level_word.len()) else {
            continue;
        };
        if start == 0 || !word.is_char_boundary(start) {
            continue;
        }
        let (head, tail) = word.split_at(start);
        let boundary = tail.chars().next().is_some_and(char::is_uppercase)
            && head
                .chars()
                .last()
                .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
        if boundary && tail.eq_ignore_ascii_case(level_word) {
            let base = match *level_word {
                "beginners" => "beginner",
                "juniors" => "junior",
                "seniors" => "senior",
                "experts" => "expert",
                "basics" => "basic",
                "fresher" | "freshers" => "entry",
                "experienced" => "advanced",
                other => other,
            };
            return Level::parse_loose(base).map(|level| (level, start));
        }
    }
    None
}

/// Byte span of an experience range such as "2-3 years", "0–1 yrs", "10+ years", "5 yoe".
fn experience_span(text: &str) -> Option<(usize, usize)> {
    // ASCII lowercasing keeps byte offsets valid for slicing `text`.
    let lower = text.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && bytes[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i;
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            j += 1;
        }
        let mut k = j;
        // Optional range: "-3", "–3", " to 3", "+".
        let after = &lower[k..];
        let skip_ws = |s: &str| s.len() - s.trim_start().len();
        let mut rest = &after[skip_ws(after)..];
        let mut consumed = k + skip_ws(after);
        for sep in ["-", "–", "—", "to ", "&", "and ", "/", "or "] {
            if let Some(r) = rest.strip_prefix(sep) {
                let r_trim = r.trim_start();
                let digits = r_trim.bytes().take_while(u8::is_ascii_digit).count();
                if digits > 0 {
                    consumed += sep.len() + (r.len() - r_trim.len()) + digits;
                    rest = &r_trim[digits..];
                    break;
                }
            }
        }
        if let Some(r) = rest.strip_prefix('+') {
            consumed += 1;
            rest = r;
        }
        k = consumed;
        let ws = skip_ws(rest);
        let unit_part = &rest[ws..];
        for unit in ["years", "year", "yrs", "yr", "yoe"] {
            if unit_part.starts_with(unit) {
                let end = k + ws + unit.len();
                let next_is_word = lower[end..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
                if !next_is_word {
                    return Some((start, end));
                }
            }
        }
        i = j.max(start + 1);
    }
    None
}

/// Tidies what is left of a heading after removing its level: empty brackets, separators at
/// the ends and filler words that only made sense with the level.
fn tidy_rest(rest: &str) -> String {
    let mut t = rest
        .replace("()", " ")
        .replace("[]", " ")
        .replace("( )", " ")
        .replace("[ ]", " ");
    loop {
        let before = t.clone();
        t = t
            .trim()
            .trim_matches(|c: char| {
                matches!(
                    c,
                    '-' | '–' | '—' | ':' | '|' | ',' | '/' | '·' | '(' | ')' | '[' | ']'
                )
            })
            .trim()
            .to_string();
        t = squash(&t.replace("( )", " ").replace("()", " ").replace("[]", " "));
        if t == before {
            break;
        }
    }
    let meaningful = t
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| !FILLER_WORDS.contains(&w.to_lowercase().as_str()));
    if !meaningful {
        return String::new();
    }
    // Filler left at either end once the level is out: "Python Interview Questions for".
    let filler = |w: &str| {
        let key: String = w
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        key.is_empty() || FILLER_WORDS.contains(&key.as_str())
    };
    let words: Vec<&str> = t.split_whitespace().collect();
    let first = words.iter().position(|w| !filler(w)).unwrap_or(0);
    let last = words
        .iter()
        .rposition(|w| !filler(w))
        .unwrap_or(words.len().saturating_sub(1));
    let kept = words
        .get(first..=last)
        .map(|w| w.join(" "))
        .unwrap_or_default();
    kept.trim_matches(|c: char| matches!(c, '-' | '–' | '—' | ':' | '|' | ',' | '/' | '(' | ')'))
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_level_word_is_known() {
        assert_eq!(
            LEVEL_WORDS.iter().map(|w| w.len()).max(),
            Some(LONGEST_LEVEL_WORD)
        );
    }

    #[test]
    fn levels_in_headings() {
        assert_eq!(find_level("Beginner"), Some((Level::Entry, String::new())));
        assert_eq!(
            find_level("Intermediate questions"),
            Some((Level::Intermediate, String::new()))
        );
        assert_eq!(
            find_level("Python — Intermediate (2-3 years)"),
            Some((Level::Intermediate, "Python".into()))
        );
        assert_eq!(
            find_level("Advanced Python"),
            Some((Level::Advanced, "Python".into()))
        );
        assert_eq!(
            find_level("For 10+ years"),
            Some((Level::Expert, String::new()))
        );
        assert_eq!(
            find_level("Mid-level"),
            Some((Level::Intermediate, String::new()))
        );
        assert_eq!(
            find_level("Basic Python"),
            Some((Level::Entry, "Python".into()))
        );
        assert_eq!(find_level("Leadership"), None);
        assert_eq!(find_level("Databases"), None);
        assert_eq!(find_level("Python 3 features"), None);
    }
}
