//! Small text helpers shared by the importers: normalising what word processors produce,
//! recognising labels, bullets, levels and question lines.

use crate::model::Level;

/// Straightens what word processors and web pages put into text: a leading BOM, CRLF and lone
/// CR line ends, curly quotes, non-breaking and other odd spaces, zero-width characters.
/// Line count is preserved for CRLF files, so line numbers match what an editor shows.
pub fn normalise(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
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
    out
}

/// Collapses runs of whitespace to single spaces and trims.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Key used to spot the same question written twice: lowercase letters and digits only,
/// question numbering removed.
pub fn prompt_key(prompt: &str) -> String {
    let cleaned = strip_question_prefix(prompt.trim());
    cleaned
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
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

/// What a label line introduces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelKind {
    Rubric,
    RedFlags,
    FollowUps,
    Answer,
    Example,
    Level,
    Minutes,
    Tags,
}

impl LabelKind {
    pub fn is_list(self) -> bool {
        matches!(
            self,
            LabelKind::Rubric | LabelKind::RedFlags | LabelKind::FollowUps
        )
    }
}

const LABELS: &[(&str, LabelKind)] = &[
    ("what to listen for", LabelKind::Rubric),
    ("what to look for", LabelKind::Rubric),
    ("things to listen for", LabelKind::Rubric),
    ("things to look for", LabelKind::Rubric),
    ("listen for", LabelKind::Rubric),
    ("look for", LabelKind::Rubric),
    ("rubric", LabelKind::Rubric),
    ("evaluation criteria", LabelKind::Rubric),
    ("scoring criteria", LabelKind::Rubric),
    ("key points", LabelKind::Rubric),
    ("green flags", LabelKind::Rubric),
    ("what good looks like", LabelKind::Rubric),
    ("red flags", LabelKind::RedFlags),
    ("red flag", LabelKind::RedFlags),
    ("warning signs", LabelKind::RedFlags),
    ("watch out for", LabelKind::RedFlags),
    ("weak answers", LabelKind::RedFlags),
    ("common mistakes", LabelKind::RedFlags),
    ("follow ups", LabelKind::FollowUps),
    ("follow up", LabelKind::FollowUps),
    ("followups", LabelKind::FollowUps),
    ("followup", LabelKind::FollowUps),
    ("follow up questions", LabelKind::FollowUps),
    ("follow up question", LabelKind::FollowUps),
    ("probing questions", LabelKind::FollowUps),
    ("answer", LabelKind::Answer),
    ("a", LabelKind::Answer),
    ("sample answer", LabelKind::Answer),
    ("model answer", LabelKind::Answer),
    ("reference answer", LabelKind::Answer),
    ("example answer", LabelKind::Answer),
    ("expected answer", LabelKind::Answer),
    ("suggested answer", LabelKind::Answer),
    ("ideal answer", LabelKind::Answer),
    ("short answer", LabelKind::Answer),
    ("explanation", LabelKind::Answer),
    ("example code", LabelKind::Example),
    ("code example", LabelKind::Example),
    ("sample code", LabelKind::Example),
    ("example", LabelKind::Example),
    ("code", LabelKind::Example),
    ("solution", LabelKind::Example),
    ("level", LabelKind::Level),
    ("difficulty", LabelKind::Level),
    ("experience", LabelKind::Level),
    ("experience level", LabelKind::Level),
    ("seniority", LabelKind::Level),
    ("time", LabelKind::Minutes),
    ("minutes", LabelKind::Minutes),
    ("duration", LabelKind::Minutes),
    ("suggested time", LabelKind::Minutes),
    ("tags", LabelKind::Tags),
    ("keywords", LabelKind::Tags),
];

/// A label line such as "**What to listen for:**" or "Answer: it depends". Without a colon
/// only the whole line may be a label, so "Look for the bug" stays a sentence. The one-letter
/// "A" needs its colon.
pub fn label(line: &str) -> Option<(LabelKind, String)> {
    let text = strip_emphasis(line.trim().trim_start_matches('#').trim());
    if bullet(&text).is_some() {
        return None;
    }
    let (head, rest) = match text.split_once(':') {
        Some((head, rest)) => (
            strip_emphasis(head),
            strip_emphasis(rest).trim().to_string(),
        ),
        None => {
            let whole = strip_emphasis(&text);
            if whole.eq_ignore_ascii_case("a") {
                return None;
            }
            (whole, String::new())
        }
    };
    let key = label_key(&head);
    if key.is_empty() || key.len() > 40 {
        return None;
    }
    LABELS
        .iter()
        .find(|(name, _)| *name == key)
        .map(|(_, kind)| (*kind, rest))
}

fn label_key(head: &str) -> String {
    let lowered: String = head
        .chars()
        .map(|c| if c == '-' || c == '_' { ' ' } else { c })
        .flat_map(char::to_lowercase)
        .collect();
    squash(&lowered)
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

/// Removes "Q:", "Q1.", "Q12:", "Question 3:", "Question:" and "12." numbering before a
/// question. Returns the text unchanged when there is no prefix.
pub fn strip_question_prefix(text: &str) -> String {
    let (rest, _) = question_prefix(text);
    rest
}

/// Like [`strip_question_prefix`], also telling whether an explicit "Q"/"Question" prefix was
/// present (a strong sign the line is a question even without a question mark).
pub fn question_prefix(text: &str) -> (String, bool) {
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
                    return (body.to_string(), true);
                }
            }
            if !digits.is_empty() && after_digits.starts_with(' ') {
                return (after_digits.trim().to_string(), true);
            }
        }
    }
    if let Some(b) = bullet(t).filter(|b| b.number.is_some()) {
        return (b.text, false);
    }
    (t.to_string(), false)
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

/// Cleans a line for use as a prompt or point: links, emphasis wrapping, simple HTML tags,
/// trailing Markdown line-break backslashes, repeated spaces.
pub fn clean_inline(text: &str) -> String {
    // Most lines have nothing to clean: no links, tags, emphasis or repeated spaces.
    let plain = !text.contains(['[', '<', '*', '_', '\\', '\t', '{'])
        && !text.contains("  ")
        && !text.starts_with(' ')
        && !text.ends_with(' ')
        && !text.chars().any(|c| c.is_whitespace() && c != ' ');
    if plain {
        return text.to_string();
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
    squash(t)
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
    let first: String = text
        .split_whitespace()
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '\'')
        .flat_map(char::to_lowercase)
        .collect();
    PROMPT_OPENERS.contains(&first.as_str())
}

/// Whether text has at least one letter, so a stray "?" or "1." is not taken as a question.
pub fn has_letters(text: &str) -> bool {
    text.chars().any(char::is_alphabetic)
}

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
    let lower = text.to_lowercase();
    let trimmed = lower.trim();
    // A call to action standing alone: "Start Here", "Download the PDF".
    if matches!(
        trimmed,
        "start here" | "read more" | "learn more" | "download" | "get started"
    ) || (trimmed.starts_with("download ") && !trimmed.ends_with('?') && trimmed.len() < 120)
        || trimmed.ends_with(" start here")
    {
        return true;
    }
    MARKETING.iter().any(|phrase| lower.contains(phrase))
}

/// Headings after which a guide has stopped asking questions.
pub fn is_closing_heading(text: &str) -> bool {
    let key = label_key(
        &strip_question_prefix(text).replace(|c: char| !c.is_alphanumeric() && c != ' ', " "),
    );
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
    CLOSING.contains(&key.as_str()) || is_marketing(text)
}

/// Headings that introduce prose, not questions: their bodies are skipped.
pub fn is_prose_heading(text: &str) -> bool {
    let key = label_key(&text.replace(|c: char| !c.is_alphanumeric() && c != ' ', " "));
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
    PROSE.contains(&key.as_str())
}

/// Headings that introduce a table of contents.
pub fn is_contents_heading(text: &str) -> bool {
    let key = label_key(&text.replace(|c: char| !c.is_alphanumeric() && c != ' ', " "));
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
    CONTENTS.contains(&key.as_str())
}

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
        let word = text[s..e].to_lowercase();
        // "mid-level" and "mid level" are one word here.
        let (word, e) = if word == "mid" {
            match spans.get(index + 1) {
                Some(&(ns, ne)) if text[ns..ne].eq_ignore_ascii_case("level") && ns <= e + 1 => {
                    ("midlevel".to_string(), ne)
                }
                _ => (word, e),
            }
        } else {
            (word, e)
        };
        if LEVEL_WORDS.contains(&word.as_str()) {
            let base = match word.as_str() {
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
    }
    None
}

/// A level word glued to the end of another word in camel case ("PythonBeginner"): the level
/// and where it starts in `word`.
fn glued_level(word: &str) -> Option<(Level, usize)> {
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
    let mut chars = title.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => title,
    }
}

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

    #[test]
    fn normalises_word_processor_text() {
        assert_eq!(normalise("\u{feff}a\r\nb\rc"), "a\nb\nc");
        assert_eq!(
            normalise("\u{201c}hi\u{201d} it\u{2019}s\u{00a0}ok"),
            "\"hi\" it's ok"
        );
    }

    #[test]
    fn labels_in_any_case_with_or_without_colon() {
        assert_eq!(
            label("What to listen for:"),
            Some((LabelKind::Rubric, String::new()))
        );
        assert_eq!(
            label("**WHAT TO LOOK FOR**"),
            Some((LabelKind::Rubric, String::new()))
        );
        assert_eq!(
            label("**Listen for:**"),
            Some((LabelKind::Rubric, String::new()))
        );
        assert_eq!(
            label("### Evaluation criteria"),
            Some((LabelKind::Rubric, String::new()))
        );
        assert_eq!(
            label("Red flags: guesses"),
            Some((LabelKind::RedFlags, "guesses".into()))
        );
        assert_eq!(
            label("Follow-ups"),
            Some((LabelKind::FollowUps, String::new()))
        );
        assert_eq!(
            label("A: it depends"),
            Some((LabelKind::Answer, "it depends".into()))
        );
        assert_eq!(
            label("Level: 2-3 years"),
            Some((LabelKind::Level, "2-3 years".into()))
        );
        assert_eq!(label("Look for the bug in this code"), None);
        assert_eq!(label("A"), None);
        assert_eq!(label("Time complexity: O(n)"), None);
    }

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

    #[test]
    fn category_titles_drop_question_words() {
        assert_eq!(category_title("Python Interview Questions"), "Python");
        assert_eq!(category_title("system design questions"), "System design");
        assert_eq!(category_title("Questions"), "Questions");
        assert_eq!(category_title("Databases"), "Databases");
    }

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

    #[test]
    fn prompt_keys_ignore_numbering_and_punctuation() {
        assert_eq!(
            prompt_key("12. What is a Closure?"),
            prompt_key("what is a closure")
        );
    }
}
