//! Working out a text guide's shape before reading it.
//!
//! Guides copied from web pages follow a handful of layouts, and reading them line by line
//! without knowing which one is in front of us gets the structure wrong: a table of contents
//! becomes questions, a `# comment` in unfenced code becomes a heading, an indented block
//! becomes code. [`prepare`] looks at the whole document first and answers:
//!
//! - is there a numbered **table of contents**? (a run of numbered lines near the top whose
//!   entries reappear later in the body) — it is dropped, and the body lines it names become
//!   section headings wherever they stand (also right after a bullet);
//! - are questions introduced by **label lines** such as `1. Question 1`, with the content
//!   indented below? — the label goes, the block is dedented, the next line is the question;
//! - are there **card labels** such as `PythonBeginner` repeated before each card? — each
//!   becomes a section heading carrying the level, and the line after it is the question;
//! - are questions **inline** in very long lines (`… sentence. 7. What is X? Answer …`)? — the
//!   lines are split, and "Read More" links are dropped;
//! - is there **unfenced code** (Python recognised by its shape)? — it is fenced, so its
//!   `# comment` lines are never headings;
//! - are plain **section headings** (a short line naming a level or "… Questions", or
//!   "Conclusion") standing between questions? — they become headings.
//!
//! The result is a list of logical lines in plain Markdown that the line reader understands,
//! each mapped back to its line in the source, and a [`Shape`] that says what was found (for
//! the preview and for choices the reader makes, such as whether unlabelled bullets are a
//! rubric or part of the answer). Every step is linear in the size of the document.

use std::collections::HashMap;

use super::text::{
    LabelKind, bullet, clean_inline, ends_with_question_mark, find_level, has_letters, indent_of,
    is_closing_heading, label, question_prefix, starts_like_question,
};

/// Lines longer than this are checked for questions written inline inside paragraphs.
const LONG_LINE: usize = 300;

/// What [`prepare`] found out about a document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shape {
    /// Source line (1-based) of a plain first line read as the document's title.
    pub title_line: Option<usize>,
    /// First and last source line of a numbered table of contents, dropped from the body.
    pub contents: Option<(usize, usize)>,
    /// Entries of that table of contents that name a section heading in the body.
    pub contents_sections: usize,
    /// Label lines such as `1. Question 1` that only introduce the question below them.
    pub question_labels: usize,
    /// Card label lines such as `PythonBeginner` read as section and level.
    pub card_labels: usize,
    /// Plain lines read as section headings.
    pub plain_headings: usize,
    /// Questions found inline inside long paragraphs.
    pub inline_questions: usize,
    /// Code blocks without fences, recognised by their shape.
    pub unfenced_code_blocks: usize,
    /// Whether unlabelled bullets under a question are its answer (the guide writes answers)
    /// rather than its rubric (the guide lists only points under each question).
    pub bullets_are_answers: bool,
    /// Source lines (1-based) of answers cut off by a "Read More" link.
    pub excerpts: Vec<usize>,
}

/// A line of the document: borrowed from the text as read, owned once rewritten. Most lines
/// are never rewritten, so a large document is not copied line by line.
pub type Line<'a> = std::borrow::Cow<'a, str>;

/// The document as logical lines, each with its 1-based source line.
#[derive(Clone, Debug, Default)]
pub struct Prepared<'a> {
    pub lines: Vec<Line<'a>>,
    pub source_lines: Vec<usize>,
    pub shape: Shape,
}

/// Reads the document's shape and rewrites it into logical lines the reader understands.
pub fn prepare(raw: Vec<Line<'_>>) -> Prepared<'_> {
    let mut shape = Shape::default();
    let (mut lines, mut source_lines) = split_long_lines(raw, &mut shape);
    let fenced = fenced_lines(&lines);
    mark_contents(&mut lines, &source_lines, &fenced, &mut shape);
    mark_question_labels(&mut lines, &fenced, &mut shape);
    mark_card_labels(&mut lines, &fenced, &mut shape);
    mark_title(&mut lines, &source_lines, &fenced, &mut shape);
    mark_plain_headings(&mut lines, &fenced, &mut shape);
    shape.bullets_are_answers = bullets_are_answers(&lines, &fenced);
    let (lines2, sources2) = fence_code(lines, source_lines.split_off(0), &fenced, &mut shape);
    lines = lines2;
    source_lines = sources2;
    Prepared {
        lines,
        source_lines,
        shape,
    }
}

/// Which lines sit inside a fenced code block (fence lines included).
fn fenced_lines(lines: &[Line<'_>]) -> Vec<bool> {
    let mut out = vec![false; lines.len()];
    let mut open: Option<(char, usize)> = None;
    for (index, line) in lines.iter().enumerate() {
        let t = line.trim();
        match open {
            Some((marker, len)) => {
                out[index] = true;
                let n = t.chars().take_while(|c| *c == marker).count();
                if n >= len && t[n * marker.len_utf8()..].trim().is_empty() {
                    open = None;
                }
            }
            None => {
                for marker in ['`', '~'] {
                    let n = t.chars().take_while(|c| *c == marker).count();
                    if n >= 3 && !(marker == '`' && t[n..].contains('`')) {
                        open = Some((marker, n));
                        out[index] = true;
                        break;
                    }
                }
            }
        }
    }
    out
}

fn next_non_blank(lines: &[Line<'_>], from: usize) -> Option<usize> {
    (from..lines.len().min(from + 64)).find(|&i| !lines[i].trim().is_empty())
}

fn prev_non_blank(lines: &[Line<'_>], before: usize) -> Option<usize> {
    (before.saturating_sub(64)..before)
        .rev()
        .find(|&i| !lines[i].trim().is_empty())
}

/// Text used to match a contents entry with a body line: letters and digits, lowercase,
/// numbering and Markdown markers removed.
fn match_key(line: &str) -> String {
    let t = line.trim().trim_start_matches('#').trim();
    let t = clean_inline(t);
    let (body, _) = question_prefix(&t);
    body.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a line reads as a question on its own: a "?" at the end, a "Q:" prefix or a
/// numbered line that starts like a prompt.
fn question_like(line: &str) -> bool {
    let cleaned = clean_inline(line.trim().trim_start_matches('#').trim());
    let (body, prefixed) = question_prefix(&cleaned);
    if prefixed || ends_with_question_mark(&body) {
        return true;
    }
    bullet(&cleaned).is_some_and(|b| b.number.is_some() && starts_like_question(&b.text))
}

/// A short line that could be a heading: a few words, starting with a capital or a digit,
/// not a sentence, a label, a bullet or code.
fn heading_like(line: &str, max_words: usize) -> bool {
    // A heading starts with a capital or a digit. Cleaning only changes the first character
    // of a line that starts with markup, so any other line is answered by its first character.
    let opens = line.trim_start().chars().next().unwrap_or(' ');
    if !(opens.is_uppercase() || opens.is_ascii_digit() || matches!(opens, '[' | '<' | '*' | '_')) {
        return false;
    }
    // Cleaning keeps closing punctuation and a leading "#", so those lines are refused first.
    if line.len() > 400
        || line.split_whitespace().nth(max_words).is_some()
        || line.trim().ends_with(['.', ',', ';', '?', '!', ':'])
        || line.trim_start().starts_with('#')
    {
        return false;
    }
    let t = clean_inline(line.trim());
    let words = t.split_whitespace().count();
    let first = t.chars().next().unwrap_or(' ');
    words > 0
        && words <= max_words
        && t.chars().count() <= 100
        && has_letters(&t)
        && (first.is_uppercase() || first.is_ascii_digit())
        && !t.ends_with(['.', ',', ';', '?', '!', ':'])
        && !line.trim_start().starts_with('#')
        && bullet(line.trim()).is_none()
        && label(&t).is_none()
        && code_strength(line.trim()) == Code::None
}

/// A numbered run of at least three entries near the top whose entries mostly reappear in the
/// body. The run is blanked; entries naming plain body lines make those lines headings.
fn mark_contents(
    lines: &mut [Line<'_>],
    source_lines: &[usize],
    fenced: &[bool],
    shape: &mut Shape,
) {
    // Where the first run of numbered items starts and ends (blank lines allowed inside).
    let limit = lines.len().min(400);
    let mut start = None;
    let mut end = 0;
    let mut expected = 1u64;
    let mut entries: Vec<usize> = Vec::new();
    for index in 0..limit {
        if fenced[index] {
            if start.is_some() {
                break;
            }
            continue;
        }
        let t = lines[index].trim();
        if t.is_empty() {
            continue;
        }
        let item = bullet(t).filter(|b| b.number.is_some());
        match item {
            Some(b) if b.number == Some(expected) && b.text.chars().count() <= 120 => {
                if start.is_none() {
                    start = Some(index);
                }
                entries.push(index);
                end = index;
                expected += 1;
            }
            _ if start.is_some() => break,
            _ => {}
        }
    }
    let Some(start) = start else { return };
    if entries.len() < 3 {
        return;
    }
    // Index every later line by its key once, so matching stays linear.
    let mut later: HashMap<String, Vec<usize>> = HashMap::new();
    for index in end + 1..lines.len() {
        if fenced[index] || lines[index].trim().is_empty() {
            continue;
        }
        let key = match_key(&lines[index]);
        if !key.is_empty() && key.len() <= 400 {
            later.entry(key).or_default().push(index);
        }
    }
    let mut matched_headings = Vec::new();
    let mut matched = 0;
    for &entry in &entries {
        let key = match_key(&lines[entry]);
        if let Some(found) = later.get(&key) {
            matched += 1;
            if let Some(&first) = found.first()
                && !question_like(&lines[first])
                && bullet(lines[first].trim()).is_none_or(|b| b.number.is_none())
            {
                matched_headings.push(first);
            }
        }
    }
    // Most entries reappear in the body; or every entry is a short title (no question) and
    // the body numbers its questions from 1 again.
    let titles_only = entries.iter().all(|&e| {
        let text = bullet(lines[e].trim()).map(|b| b.text).unwrap_or_default();
        !ends_with_question_mark(&text) && text.split_whitespace().count() <= 10
    });
    let restarts = (end + 1..lines.len()).any(|i| {
        !fenced[i]
            && bullet(lines[i].trim()).is_some_and(|b| b.number == Some(1))
            && question_like(&lines[i])
    });
    if matched * 5 < entries.len() * 3 && !(titles_only && restarts) {
        return;
    }
    for line in lines.iter_mut().take(end + 1).skip(start) {
        *line = Line::Borrowed("");
    }
    // A plain "Table of Contents" line right above the run goes too.
    if let Some(above) = prev_non_blank(lines, start)
        && super::text::is_contents_heading(&clean_inline(lines[above].trim()))
        && !lines[above].trim_start().starts_with('#')
    {
        lines[above] = Line::Borrowed("");
    }
    shape.contents_sections = matched_headings.len();
    for index in matched_headings {
        if !lines[index].trim_start().starts_with('#') {
            lines[index] = format!("## {}", lines[index].trim()).into();
        }
    }
    shape.contents = Some((source_lines[start], source_lines[end]));
}

/// "Question 12", "1. Question 1", "Q12" alone on a line: a label for the question below.
fn is_question_label(line: &str) -> bool {
    // Cleaning never adds letters: a line without a "q" cannot become "Q1".
    if !line.contains(['q', 'Q']) {
        return false;
    }
    let t = clean_inline(line.trim());
    let t = match bullet(&t) {
        Some(b) if b.number.is_some() => b.text.into(),
        _ => t,
    };
    let t = t.trim_end_matches([':', '.']).trim();
    let lower = t.to_lowercase();
    let rest = lower
        .strip_prefix("question")
        .or_else(|| lower.strip_prefix('q'))
        .map(str::trim);
    matches!(rest, Some(r) if !r.is_empty() && r.len() <= 6 && r.chars().all(|c| c.is_ascii_digit()))
}

/// Marks the line at `index` as a question for the reader, whatever its punctuation.
fn force_question(lines: &mut [Line<'_>], index: usize) {
    let t = lines[index].trim();
    if question_prefix(&clean_inline(t)).1 {
        return;
    }
    let body = match bullet(t) {
        Some(b) if b.number.is_some() => b.text,
        _ => t.to_string(),
    };
    lines[index] = format!("Q: {body}").into();
}

fn mark_question_labels(lines: &mut [Line<'_>], fenced: &[bool], shape: &mut Shape) {
    let labels: Vec<usize> = (0..lines.len())
        .filter(|&i| !fenced[i] && is_question_label(&lines[i]))
        .collect();
    if labels.len() < 2 {
        return;
    }
    for (n, &index) in labels.iter().enumerate() {
        let label_indent = indent_of(&lines[index]);
        let block_end = labels.get(n + 1).copied().unwrap_or(lines.len());
        lines[index] = Line::Borrowed("");
        shape.question_labels += 1;
        let Some(question) = next_non_blank(lines, index + 1).filter(|&q| q < block_end) else {
            continue;
        };
        // The block under the label: lines indented deeper than the label, up to the next
        // label or the first line back at the label's indent.
        let mut last = index;
        let mut common = usize::MAX;
        for (i, line) in lines.iter().enumerate().take(block_end).skip(index + 1) {
            let t = line.trim();
            if t.is_empty() {
                continue;
            }
            let indent = indent_of(line);
            if indent <= label_indent {
                break;
            }
            common = common.min(indent);
            last = i;
        }
        if last > index && common != usize::MAX {
            for line in lines.iter_mut().take(last + 1).skip(index + 1) {
                *line = strip_columns(line, common).into();
            }
        }
        force_question(lines, question);
    }
}

/// Removes `width` columns of leading whitespace (tabs count four).
fn strip_columns(line: &str, width: usize) -> String {
    let mut removed = 0;
    for (i, c) in line.char_indices() {
        if removed >= width {
            return line[i..].to_string();
        }
        match c {
            ' ' => removed += 1,
            '\t' => removed += 4,
            _ => return line[i..].to_string(),
        }
    }
    String::new()
}

/// A line that only names a topic and a level: `PythonBeginner`, `Python - Advanced`,
/// `Beginner`.
fn card_label(line: &str) -> bool {
    if line.trim().is_empty() {
        return false;
    }
    // Cleaning keeps a closing "." or "?", so such a line is refused before it is cleaned.
    if line.len() > 80
        || line.split_whitespace().nth(4).is_some()
        || line.trim().ends_with(['.', '?'])
    {
        return false;
    }
    let t = clean_inline(line.trim());
    if t.split_whitespace().count() > 4 || t.chars().count() > 40 || t.ends_with(['.', '?']) {
        return false;
    }
    match find_level(&t) {
        Some((_, rest)) => rest.split_whitespace().count() <= 3,
        None => false,
    }
}

fn mark_card_labels(lines: &mut [Line<'_>], fenced: &[bool], shape: &mut Shape) {
    // A card: label line, question line, then an "Answer" label within two lines.
    let mut cards = Vec::new();
    for index in 0..lines.len() {
        // A heading is never a card label; it is ruled out before the costlier reading.
        if fenced[index] || lines[index].trim_start().starts_with('#') || !card_label(&lines[index])
        {
            continue;
        }
        let Some(question) = next_non_blank(lines, index + 1) else {
            continue;
        };
        let answer_follows = next_non_blank(lines, question + 1).is_some_and(|a| {
            matches!(label(lines[a].trim()), Some((LabelKind::Answer, _)))
                || next_non_blank(lines, a + 1)
                    .is_some_and(|b| matches!(label(lines[b].trim()), Some((LabelKind::Answer, _))))
        });
        if answer_follows
            && !card_label(&lines[question])
            && label(lines[question].trim()).is_none()
        {
            cards.push((index, question));
        }
    }
    if cards.len() < 2 {
        return;
    }
    for (index, question) in cards {
        lines[index] = format!("## {}", lines[index].trim()).into();
        force_question(lines, question);
        shape.card_labels += 1;
    }
}

/// A plain first line above prose (not above a question) is the document's title.
fn mark_title(lines: &mut [Line<'_>], source_lines: &[usize], fenced: &[bool], shape: &mut Shape) {
    // A "# " line above code is a comment in unfenced code, not a heading.
    let has_top_heading = (0..lines.len()).any(|i| {
        !fenced[i]
            && lines[i].starts_with("# ")
            && next_non_blank(lines, i + 1)
                .is_none_or(|n| code_strength(lines[n].trim()) == Code::None)
            && prev_non_blank(lines, i)
                .is_none_or(|p| code_strength(lines[p].trim()) != Code::Strong)
    });
    if has_top_heading {
        return;
    }
    let Some(first) = next_non_blank(lines, 0) else {
        return;
    };
    if fenced[first] || !heading_like(&lines[first], 14) || question_like(&lines[first]) {
        return;
    }
    if lines
        .get(first + 1)
        .is_some_and(|l| l.trim().chars().all(|c| c == '=' || c == '-') && !l.trim().is_empty())
    {
        return; // a setext heading already
    }
    let Some(next) = next_non_blank(lines, first + 1) else {
        return;
    };
    // Above prose or a table of contents, not above a label, a question or another heading.
    let below = lines[next].trim();
    let prose = !heading_like(below, 14)
        && label(below).is_none()
        && clean_inline(below).split_whitespace().count() >= 6;
    let contents = super::text::is_contents_heading(&clean_inline(below))
        || shape
            .contents
            .is_some_and(|(start, _)| source_lines[next] <= start);
    if question_like(below) || below.starts_with('#') || !(prose || contents) {
        return;
    }
    lines[first] = format!("# {}", lines[first].trim()).into();
    shape.title_line = Some(source_lines[first]);
}

/// Plain lines that head a section: a short line naming a level or "… Questions" with a
/// numbered question close below; a short line between a bullet and the next numbered
/// question; a closing word ("Conclusion") standing alone.
fn mark_plain_headings(lines: &mut [Line<'_>], fenced: &[bool], shape: &mut Shape) {
    let mut last_number: Option<u64> = None;
    for index in 0..lines.len() {
        if fenced[index] {
            continue;
        }
        let line = &lines[index];
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') || indent_of(line) >= 4 {
            continue;
        }
        if let Some(b) = bullet(t)
            && b.number.is_some()
            && indent_of(line) < 4
            && question_like(t)
        {
            last_number = b.number;
            continue;
        }
        let cleaned = clean_inline(t);
        let words = cleaned.split_whitespace().count();
        if words <= 3
            && heading_like(line, 3)
            && is_closing_heading(&cleaned)
            && index > 0
            && lines[index - 1].trim().is_empty()
        {
            lines[index] = format!("## {cleaned}").into();
            shape.plain_headings += 1;
            continue;
        }
        if index == 0 || !heading_like(line, 12) {
            continue;
        }
        let next = next_non_blank(lines, index + 1);
        let next_number = next.and_then(|n| bullet(lines[n].trim()).and_then(|b| b.number));
        // Between a bullet and the next numbered question, with no blank line around it.
        let after_bullet = !lines[index - 1].trim().is_empty()
            && bullet(lines[index - 1].trim()).is_some()
            && heading_like(line, 8)
            && next == Some(index + 1)
            && next_number.is_some()
            && (next_number == last_number.map(|n| n + 1) || next_number == Some(1));
        let lower = cleaned.to_lowercase();
        let names_section = find_level(&cleaned).is_some() || lower.contains("question");
        let mut question_below = false;
        if names_section {
            let mut cursor = index + 1;
            for _ in 0..3 {
                let Some(n) = next_non_blank(lines, cursor) else {
                    break;
                };
                let t = lines[n].trim();
                if bullet(t).is_some_and(|b| b.number.is_some()) || question_prefix(t).1 {
                    question_below = true;
                    break;
                }
                if heading_like(t, 12) {
                    break;
                }
                cursor = n + 1;
            }
        }
        if after_bullet || question_below {
            lines[index] = format!("## {cleaned}").into();
            shape.plain_headings += 1;
        }
    }
}

/// Whether the guide writes prose answers under its questions and has no rubric labels: then
/// unlabelled bullets under a question belong to its answer.
fn bullets_are_answers(lines: &[Line<'_>], fenced: &[bool]) -> bool {
    let mut rubric_labels = 0usize;
    let mut answer_labels = 0usize;
    let mut prose_after_question = 0usize;
    let mut after_question = false;
    for (index, line) in lines.iter().enumerate() {
        if fenced[index] {
            continue;
        }
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let kind = label(t).map(|(kind, _)| kind);
        match kind {
            Some(LabelKind::Rubric) => rubric_labels += 1,
            Some(LabelKind::Answer) => answer_labels += 1,
            _ => {}
        }
        let question = question_like(t);
        if question || t.starts_with('#') {
            after_question = question;
            continue;
        }
        let is_bullet = bullet(t).is_some();
        if after_question && !is_bullet && kind.is_none() {
            let cleaned = clean_inline(t);
            if cleaned.split_whitespace().count() >= 6 && cleaned.ends_with(['.', ':', '!']) {
                prose_after_question += 1;
            }
        }
        after_question = after_question && !is_bullet;
    }
    rubric_labels == 0 && (answer_labels > 0 || prose_after_question >= 2)
}

/// How sure a line is Python (or shell) code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Code {
    None,
    /// Code inside a block but not enough to open one: comments, `return`, closers.
    Weak,
    Strong,
}

fn is_identifier_path(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '[' | ']' | '\'' | '"'))
}

fn code_strength(t: &str) -> Code {
    if t.is_empty() || bullet(t).is_some() {
        return Code::None;
    }
    if t.starts_with('#') && !t.starts_with("##") {
        // A comment, or a Markdown heading: only code around it decides which.
        return Code::Weak;
    }
    if t.starts_with(">>> ") || t.starts_with("$ ") {
        return Code::Strong;
    }
    let first = t.split_whitespace().next().unwrap_or("");
    let rest = t[first.len()..].trim();
    match first {
        "import" => {
            return if rest.split(',').all(|m| {
                m.split_whitespace().count() <= 3
                    && is_identifier_path(m.split_whitespace().next().unwrap_or(""))
            }) {
                Code::Strong
            } else {
                Code::None
            };
        }
        "from" => {
            let words: Vec<&str> = rest.split_whitespace().collect();
            if words.len() >= 3 && words[1] == "import" && is_identifier_path(words[0]) {
                return Code::Strong;
            }
        }
        "def" | "class" if rest.contains(['(', ':']) && !rest.contains(". ") => {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && t.ends_with(':') {
                return Code::Strong;
            }
        }
        "async" if rest.starts_with("def ") && t.ends_with(':') => return Code::Strong,
        "if" | "elif" | "for" | "while" | "with" | "except" | "async"
            if t.ends_with(':')
                && (rest.contains(['(', '=', '.', '_', '[', ')'])
                    || rest.split_whitespace().count() <= 6) =>
        {
            return Code::Strong;
        }
        "try:" | "else:" | "finally:" | "except:" => return Code::Strong,
        "return" | "yield" | "raise" | "await" | "pass" | "break" | "continue" | "del"
        | "assert" | "global" | "nonlocal" => return Code::Weak,
        "pip" | "pip3" | "python" | "python3" | "source" | "cd" | "export" | "npm" | "docker"
        | "git" | "uvicorn" | "gunicorn" | "celery" | "pytest"
            if !rest.is_empty()
                && (rest.starts_with('-')
                    || rest.contains(['/', '.', '='])
                    || first.starts_with("pip"))
                && !t.ends_with(['.', '?', '!']) =>
        {
            return Code::Strong;
        }
        _ => {}
    }
    if first.starts_with('@')
        && first.len() > 1
        && is_identifier_path(first[1..].split('(').next().unwrap_or(""))
    {
        return Code::Strong;
    }
    if matches!(t, ")" | "]" | "}" | "])" | "})" | ")," | "]," | "},") {
        return Code::Weak;
    }
    // Assignment: `name = value`, `a, b = b, a`, `obj.attr += 1`.
    if let Some(eq) = t.find('=') {
        let (lhs, rhs) = t.split_at(eq);
        let is_assign = !rhs.starts_with("==") && !lhs.ends_with(['!', '<', '>', '=']);
        let lhs = lhs
            .trim_end()
            .trim_end_matches(['+', '-', '*', '/', '%', '|', '&'])
            .trim();
        let rhs = rhs[1..].trim();
        let targets = !lhs.is_empty()
            && lhs.split(',').all(|part| {
                let part = part.trim();
                !part.contains(' ') && is_identifier_path(part)
            });
        if is_assign && targets && !rhs.is_empty() && !t.ends_with(['.', '?', '!']) {
            return Code::Strong;
        }
    }
    // A call on its own: `print(x)`, `client.get(url)`.
    if let Some(open) = t.find('(')
        && t.ends_with(')')
        && is_identifier_path(&t[..open])
        && !t[..open].is_empty()
    {
        return Code::Strong;
    }
    Code::None
}

/// Fences code that stands without fences, so the reader keeps it whole as an example.
fn fence_code<'a>(
    lines: Vec<Line<'a>>,
    sources: Vec<usize>,
    fenced: &[bool],
    shape: &mut Shape,
) -> (Vec<Line<'a>>, Vec<usize>) {
    let n = lines.len();
    let strength: Vec<Code> = lines
        .iter()
        .zip(fenced)
        .map(|(l, f)| {
            if *f || l.trim_start().starts_with("##") {
                Code::None
            } else {
                code_strength(l.trim())
            }
        })
        .collect();
    // Lines of an indented code block (four spaces after a blank line) are already code to
    // the reader.
    let mut indented = vec![false; n];
    let mut inside = false;
    for (index, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let deep = indent_of(line) >= 4;
        inside = deep && (inside || (index > 0 && lines[index - 1].trim().is_empty()));
        indented[index] = inside;
    }
    let mut out_lines = Vec::with_capacity(n + 8);
    let mut out_sources = Vec::with_capacity(n + 8);
    let mut index = 0;
    while index < n {
        let opens = !fenced[index]
            && match strength[index] {
                Code::Strong => true,
                Code::Weak => {
                    // A comment or `return` opens a block only right above strong code.
                    next_non_blank(&lines, index + 1)
                        .is_some_and(|j| j <= index + 2 && strength[j] == Code::Strong)
                        && lines[index].trim_start().starts_with('#')
                }
                Code::None => false,
            };
        if !opens || indented[index] {
            out_lines.push(lines[index].clone());
            out_sources.push(sources[index]);
            index += 1;
            continue;
        }
        let base = indent_of(&lines[index]);
        let mut last = index;
        let mut strong = usize::from(strength[index] == Code::Strong);
        let mut j = index + 1;
        while j < n {
            if fenced[j] {
                break;
            }
            let t = lines[j].trim();
            if t.is_empty() {
                // A blank line continues the block only when code follows it.
                match next_non_blank(&lines, j + 1) {
                    Some(k)
                        if !fenced[k]
                            && (strength[k] != Code::None || indent_of(&lines[k]) > base) =>
                    {
                        j = k;
                        continue;
                    }
                    _ => break,
                }
            }
            let indent = indent_of(&lines[j]);
            let nested = indent > base || (base >= 4 && indent >= base);
            if strength[j] != Code::None || (nested && bullet(t).is_none()) {
                if strength[j] == Code::Strong {
                    strong += 1;
                }
                last = j;
                j += 1;
                continue;
            }
            break;
        }
        if strong == 0 {
            out_lines.push(lines[index].clone());
            out_sources.push(sources[index]);
            index += 1;
            continue;
        }
        let pad = " ".repeat(base);
        out_lines.push(format!("{pad}```").into());
        out_sources.push(sources[index]);
        for k in index..=last {
            out_lines.push(lines[k].clone());
            out_sources.push(sources[k]);
        }
        out_lines.push(format!("{pad}```").into());
        out_sources.push(sources[last]);
        shape.unfenced_code_blocks += 1;
        index = last + 1;
    }
    (out_lines, out_sources)
}

/// Splits very long lines at questions written inline ("… end. 7. What is X? Answer …") and
/// drops "Read More" links. Each piece keeps the source line it came from.
fn split_long_lines<'a>(raw: Vec<Line<'a>>, shape: &mut Shape) -> (Vec<Line<'a>>, Vec<usize>) {
    let mut lines = Vec::with_capacity(raw.len());
    let mut sources = Vec::with_capacity(raw.len());
    let mut expected: Option<u64> = None;
    for (index, line) in raw.into_iter().enumerate() {
        let source = index + 1;
        if line.len() < LONG_LINE || !has_inline_question(&line) {
            // "3. What is X? X is …" on one line: the question, then its answer.
            if let Some((question, answer)) = numbered_question_with_answer(&line) {
                lines.extend([question.into(), Line::Borrowed(""), answer.into()]);
                sources.extend([source; 3]);
                continue;
            }
            lines.push(line);
            sources.push(source);
            continue;
        }
        let pieces = split_inline(&line, &mut expected, shape, source);
        for piece in pieces {
            lines.push(piece.into());
            sources.push(source);
        }
    }
    (lines, sources)
}

/// A numbered question with its answer on the same line: "3. What is X? X is a thing."
fn numbered_question_with_answer(line: &str) -> Option<(String, String)> {
    let t = line.trim();
    bullet(t).filter(|b| b.number.is_some())?;
    let mark = t.find("? ")?;
    let (question, rest) = t.split_at(mark + 1);
    let rest = rest.trim();
    let starts_upper = rest.chars().next().is_some_and(char::is_uppercase);
    (starts_upper && rest.split_whitespace().count() >= 3 && !rest.ends_with('?')).then(|| {
        (
            format!("{}{}", " ".repeat(indent_of(line)), question),
            rest.to_string(),
        )
    })
}

fn has_inline_question(line: &str) -> bool {
    // Cheap check before the real split: a digit followed by ". " and a "?" somewhere.
    line.contains(". ") && line.contains('?') && line.bytes().any(|b| b.is_ascii_digit())
}

/// Where a "Read More" link starts at `pos` (case-insensitive), with its length.
fn read_more_at(bytes: &[u8], pos: usize) -> Option<usize> {
    const WORDS: &[u8] = b"read more";
    let end = pos + WORDS.len();
    if end > bytes.len() || !bytes[pos..end].eq_ignore_ascii_case(WORDS) {
        return None;
    }
    if pos > 0 && bytes[pos - 1].is_ascii_alphanumeric() {
        return None;
    }
    if bytes.get(end).is_some_and(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let mut len = WORDS.len();
    while bytes
        .get(pos + len)
        .is_some_and(|b| matches!(b, b'.' | b'>' | b' ' | b'\xc2' | b'\xbb'))
    {
        len += 1;
    }
    Some(len)
}

/// Splits one long line. A question starts at "N. " where N continues the numbering (or is 1
/// or 2 at the start), after a sentence end or a "Read More", and runs to its "?" (or its
/// first sentence end); what follows is its answer.
fn split_inline(
    line: &str,
    expected: &mut Option<u64>,
    shape: &mut Shape,
    source: usize,
) -> Vec<String> {
    let bytes = line.as_bytes();
    let mut pieces: Vec<String> = Vec::new();
    let mut piece_start = 0usize;
    let mut last_boundary_ok = true; // start of line counts as a sentence end
    let mut i = 0usize;
    let mut answer_excerpt = false;
    let push = |pieces: &mut Vec<String>, text: &str| {
        let t = text.trim();
        if !t.is_empty() {
            pieces.push(t.to_string());
        }
    };
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(len) = read_more_at(bytes, i) {
            let before = line[piece_start..i].trim_end();
            if before.ends_with('…') || before.ends_with("...") {
                answer_excerpt = true;
            }
            push(&mut pieces, before);
            if answer_excerpt {
                shape.excerpts.push(source);
                answer_excerpt = false;
            }
            i += len;
            piece_start = i;
            last_boundary_ok = true;
            continue;
        }
        if b.is_ascii_digit() && last_boundary_ok && (i == 0 || !bytes[i - 1].is_ascii_digit()) {
            let digits = bytes[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            let after = i + digits;
            if digits <= 3 && bytes.get(after) == Some(&b'.') && bytes.get(after + 1) == Some(&b' ')
            {
                let number: u64 = line[i..after].parse().unwrap_or(0);
                let fits = match *expected {
                    Some(next) => number == next,
                    // The first inline question may have any number (a page of a longer
                    // list) if its title ends in "?".
                    None => true,
                };
                let title_start = after + 2;
                if fits
                    && bytes
                        .get(title_start)
                        .is_some_and(|c| c.is_ascii_uppercase())
                {
                    // The title runs to the first "? " or ". " (within reason).
                    let window_end = (title_start + 300).min(bytes.len());
                    let window = &line[title_start..floor_char(line, window_end)];
                    let end = window
                        .find("? ")
                        .map(|p| p + 1)
                        .or_else(|| window.ends_with('?').then_some(window.len()))
                        .or_else(|| expected.and_then(|_| window.find(". ").map(|p| p + 1)));
                    if let Some(end) = end {
                        push(&mut pieces, &line[piece_start..i]);
                        let title_end = title_start + end;
                        pieces.push(line[i..title_end].trim().to_string());
                        // A blank line keeps an answer starting in lower case ("select_related
                        // follows…") from being read as the question's second line.
                        pieces.push(String::new());
                        shape.inline_questions += 1;
                        *expected = Some(number + 1);
                        i = title_end;
                        piece_start = i;
                        last_boundary_ok = true;
                        continue;
                    }
                }
            }
        }
        if !b.is_ascii_whitespace() {
            last_boundary_ok = matches!(b, b'.' | b'?' | b'!' | b')' | b'"');
            if b >= 0x80 {
                // "…" ends a sentence too.
                last_boundary_ok = line[i..].starts_with('…');
                let width = line[i..].chars().next().map_or(1, char::len_utf8);
                i += width;
                continue;
            }
        }
        i += 1;
    }
    push(&mut pieces, &line[piece_start..]);
    pieces
}

fn floor_char(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line<'_>> {
        text.split('\n').map(Line::Borrowed).collect()
    }

    #[test]
    fn code_is_recognised_by_shape() {
        for code in [
            "import math",
            "from os import path",
            "def f(x):",
            "class A:",
            "squares = [n * n for n in range(5)]",
            "a, b = b, a",
            "print(math.pi)",
            "math.pi = 3",
            "pip install requests",
            "@app.route(\"/\")",
        ] {
            assert_eq!(code_strength(code), Code::Strong, "{code}");
        }
        for prose in [
            "Python is a language.",
            "Import the module first.",
            "The result = the sum of parts.",
            "Define a class for it.",
            "- a bullet",
            "What is x = 1?",
        ] {
            assert_ne!(code_strength(prose), Code::Strong, "{prose}");
        }
    }

    #[test]
    fn inline_questions_split_long_lines() {
        let strip = |lines: &[Line<'_>]| -> Vec<String> {
            lines
                .iter()
                .filter(|l| !l.is_empty())
                .map(|l| l.to_string())
                .collect()
        };
        let long = format!(
            "{} 1. What is X? X is a thing. Read More 2. Why Y? Because. 3. Explain Z. Z is … Read More",
            "Intro text that is long enough. ".repeat(10)
        );
        let prepared = prepare(lines(&long));
        let kept = strip(&prepared.lines);
        let pieces: Vec<&str> = kept.iter().map(String::as_str).collect();
        assert_eq!(
            &pieces[1..],
            [
                "1. What is X?",
                "X is a thing.",
                "2. Why Y?",
                "Because.",
                "3. Explain Z.",
                "Z is …"
            ]
        );
        assert_eq!(prepared.shape.inline_questions, 3);
        assert_eq!(prepared.shape.excerpts, [1]);
        assert!(prepared.source_lines.iter().all(|&l| l == 1));
    }
}
