//! What a heading (or, for promotion, any line) says about its section: the category it
//! names, prose to skip, a table of contents, the end of the questions, or site chrome.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::clean::squash;
use super::questions::strip_question_prefix;

/// Phrases that mark promotional or closing text in guides copied from the web.
const MARKETING: &[&str] = &[
    "subscribe to our",
    "subscribe to my",
    "subscribe for",
    "our newsletter",
    "the newsletter",
    "sign up for",
    "sign up now",
    "sign up today",
    "sign up free",
    "free trial",
    "book a demo",
    "request a demo",
    "click here",
    "follow us",
    "our course",
    "our bootcamp",
    "our platform",
    "download our",
    "download the free",
    "download the pdf",
    "download the full",
    "check out our",
    "join our",
    "contact us",
    "get in touch",
    "all rights reserved",
    "copyright ©",
    "©",
    "share this article",
    "share this post",
    "share this guide",
    "thanks for reading",
    "thank you for reading",
    "want more interview",
    "want more questions",
    "want more tips",
    "want more like this",
    "looking for more interview",
    "looking for more questions",
    "hire top",
    "hire vetted",
    "hire the best",
    "hiring platform",
    "our recruiters",
    "sponsored by",
    "sponsored content",
    "affiliate link",
    "promo code",
    "discount code",
    "limited time offer",
    "start here:",
    "book a free",
    "book a call",
    "book your",
    "free mock interview",
    "download our",
    "download the cheat",
    "download your free",
    "free pdf",
    "free e-book",
    "free ebook",
    "enroll now",
    "enrol now",
    "register now",
    "get started today",
    "start your free",
    "try it free",
    "join now",
    "ready to hire?",
    "land your next",
    "bookmark this page",
];

/// Whether a line reads as promotion or site chrome rather than interview content.
pub fn is_marketing(text: &str) -> bool {
    // Every letter in the phrases is ASCII, so case is ignored by comparing ASCII letters, without building
    // a lower-cased copy of each line.
    let trimmed = text.trim();
    let starts = |phrase: &str| {
        trimmed
            .get(..phrase.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(phrase))
    };
    let ends = |phrase: &str| {
        trimmed
            .len()
            .checked_sub(phrase.len())
            .and_then(|at| trimmed.get(at..))
            .is_some_and(|tail| tail.eq_ignore_ascii_case(phrase))
    };
    // A call to action standing alone: "Start Here", "Download the PDF".
    if [
        "start here",
        "read more",
        "learn more",
        "download",
        "get started",
    ]
    .iter()
    .any(|phrase| trimmed.eq_ignore_ascii_case(phrase))
        || (starts("download ") && !trimmed.ends_with('?') && trimmed.len() < 120)
        || ends(" start here")
    {
        return true;
    }
    // One pass over the line for all the phrases, not one search per phrase.
    // The phrases are fixed, so building the matcher cannot fail; were it ever to, each phrase
    // is searched for on its own instead of stopping the import.
    static PHRASES: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(MARKETING)
            .ok()
    });
    match PHRASES.as_ref() {
        Some(phrases) => phrases.is_match(text),
        None => {
            let lower = text.to_ascii_lowercase();
            MARKETING.iter().any(|phrase| lower.contains(phrase))
        }
    }
}

const CLOSING: &[&str] = &[
    "conclusion",
    "conclusions",
    "summary",
    "final thoughts",
    "final words",
    "wrapping up",
    "wrap up",
    "about the author",
    "about us",
    "about the authors",
    "further reading",
    "related articles",
    "related posts",
    "related reading",
    "resources",
    "references",
    "next steps",
    "thanks for reading",
    "get in touch",
    "contact",
    "contact us",
    "share this article",
    "faq",
    "faqs",
    "comments",
];

const PROSE: &[&str] = &[
    "introduction",
    "intro",
    "overview",
    "preface",
    "foreword",
    "about this guide",
    "about this document",
    "how to use this guide",
    "how to use this document",
    "how to use",
    "before you start",
    "instructions",
    "notes for interviewers",
    "scoring guide",
    "scoring",
];

const CONTENTS: &[&str] = &[
    "contents",
    "table of contents",
    "toc",
    "index",
    "in this article",
    "in this guide",
    "list of questions",
    "questions at a glance",
    "all questions",
    "question list",
    "quick list",
];

/// More letters and digits than any fixed heading phrase below has ("how to use this
/// document" has 21): a longer heading is none of them, and is answered without building a key.
const MAX_PHRASE_ALPHANUMERICS: usize = 24;

/// A heading as the fixed phrases are written: lower case, punctuation as spaces, single
/// spaces. `None` for a heading too long to be any of them.
fn phrase_key(text: &str) -> Option<String> {
    if text.chars().filter(|c| c.is_alphanumeric()).count() > MAX_PHRASE_ALPHANUMERICS {
        return None;
    }
    // One pass: lower case, anything but letters and digits as one space between words.
    let mut key = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if gap && !key.is_empty() {
                key.push(' ');
            }
            gap = false;
            if c.is_ascii() {
                key.push(c.to_ascii_lowercase());
            } else {
                key.extend(c.to_lowercase());
            }
        } else {
            gap = true;
        }
    }
    Some(key)
}

/// What a heading that is not a category or a question says about the text under it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeadingRole {
    /// The guide has stopped asking questions ([`is_closing_heading`]).
    Closing,
    /// Introductory prose, whose body is skipped ("Introduction", "How to use this guide").
    Prose,
    /// A table of contents ([`is_contents_heading`]).
    Contents,
}

/// The closing, prose and contents checks at once, the heading's key built once: the answer of the first
/// that holds, in the order closing, prose, contents.
pub fn heading_role(text: &str) -> Option<HeadingRole> {
    let stripped = strip_question_prefix(text);
    let key = phrase_key(&stripped);
    if key.as_deref().is_some_and(|k| CLOSING.contains(&k)) || is_marketing(text) {
        return Some(HeadingRole::Closing);
    }
    // The prose and contents phrases are matched against the whole heading.
    let key = if *stripped == *text.trim() {
        key
    } else {
        phrase_key(text)
    }?;
    if PROSE.contains(&key.as_str()) {
        Some(HeadingRole::Prose)
    } else if CONTENTS.contains(&key.as_str()) {
        Some(HeadingRole::Contents)
    } else {
        None
    }
}

/// Headings after which a guide has stopped asking questions.
pub fn is_closing_heading(text: &str) -> bool {
    let Some(key) = phrase_key(&strip_question_prefix(text)) else {
        return is_marketing(text);
    };
    CLOSING.contains(&key.as_str()) || is_marketing(text)
}

/// Headings that introduce a table of contents.
pub fn is_contents_heading(text: &str) -> bool {
    let Some(key) = phrase_key(text) else {
        return false;
    };
    CONTENTS.contains(&key.as_str())
}

/// A category name from a heading: "Python Interview Questions" → "Python", first letter
/// capitalised. Headings that are nothing but such words are kept as they are.
pub fn category_title(heading: &str) -> String {
    let mut title = squash(heading);
    for suffix in [
        " interview questions",
        " interview question",
        " questions",
        " question",
    ] {
        let cut = title.len().saturating_sub(suffix.len());
        if title.len() > suffix.len()
            && title.is_char_boundary(cut)
            && title[cut..].eq_ignore_ascii_case(suffix)
        {
            title.truncate(cut);
            break;
        }
    }
    match title.chars().next() {
        // Most titles already start with a capital (or with a character that has none).
        Some(first) if first.to_uppercase().eq(std::iter::once(first)) => title,
        Some(first) => first
            .to_uppercase()
            .chain(title[first.len_utf8()..].chars())
            .collect(),
        None => title,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marketing_phrases_are_found_in_any_case() {
        assert!(is_marketing("SUBSCRIBE TO OUR NEWSLETTER"));
        assert!(is_marketing("  Start Here "));
        assert!(is_marketing("Download the full PDF"));
        assert!(is_marketing("New here? start here"));
        assert!(!is_marketing("Download what, and why?"));
        assert!(!is_marketing("What does a generator return?"));
        assert!(!is_marketing("é"));
    }

    #[test]
    fn a_heading_has_at_most_one_role() {
        for (heading, role) in [
            ("Introduction", Some(HeadingRole::Prose)),
            ("How to use this guide:", Some(HeadingRole::Prose)),
            ("Conclusion", Some(HeadingRole::Closing)),
            ("Q9: Summary", Some(HeadingRole::Closing)),
            ("Subscribe to our newsletter", Some(HeadingRole::Closing)),
            ("Table of Contents", Some(HeadingRole::Contents)),
            ("Fundamentals", None),
            (
                "Python Basics for people who have written a lot of code",
                None,
            ),
        ] {
            assert_eq!(heading_role(heading), role, "{heading}");
        }
    }

    #[test]
    fn category_titles_drop_question_words() {
        assert_eq!(category_title("Python Interview Questions"), "Python");
        assert_eq!(category_title("system design questions"), "System design");
        assert_eq!(category_title("Questions"), "Questions");
        assert_eq!(category_title("Databases"), "Databases");
    }
}
