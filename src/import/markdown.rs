//! Markdown and plain-text interview guides → a question set.
//!
//! The shape guides commonly use:
//!
//! ```text
//! # Python interview guide           ← the only top heading: the set's title
//! ## Fundamentals                    ← category (or a plain line alone before questions)
//! ### Beginner                       ← level (Beginner/Intermediate/Advanced, "2-3 years")
//! 12. What is a list comprehension?  ← question: numbered, ending in "?", or "Q3:"
//! What to listen for:                ← rubric label (also "Look for", "Rubric", …)
//! - point                            ← bullets: - * + • 1. 1)
//!   continued point
//! Red flags: / Follow-ups:           ← more lists
//! Answer paragraph…                  ← reference answer
//! ```code```  or "Example code:"     ← example
//! ```
//!
//! Unlabelled bullets right under a question are read as its rubric. A table of contents that
//! lists the questions before the detailed section yields each question once (the detailed
//! copy). Closing and promotional text after the questions ("Conclusion", "Subscribe to…") is
//! skipped; lines in it that look like questions produce a warning.

use super::build::{Draft, finish};
use super::shape::{self, Line, Shape};
use super::text::{
    self, Bullet, HeadingRole, LabelKind, bullet, clean_inline, ends_with_question_mark,
    find_level, has_letters, heading_role, indent_of, is_closing_heading, is_marketing, label,
    parse_minutes, question_prefix, split_inline_meta, starts_like_question, strip_question_prefix,
};
use super::{ImportError, ImportResult, ImportWarning, MAX_IMPORT_BYTES};
use crate::model::Level;

const EMPTY_HINT: &str = "A question is a line ending in \"?\", a numbered line such as \"1. Explain …\", a line starting with \"Q:\", or a heading such as \"### What is …?\". Check that this is the interview guide";

/// The longest line read, in bytes: a flattened web page with dozens of questions on one
/// line stays far below it.
pub const MAX_LINE_BYTES: usize = 256 * 1024;

/// Depth given to plain lines used as category headings, below every Markdown heading.
const PLAIN_HEADING_DEPTH: usize = 7;
/// Depth of a plain line that only names a level ("Beginner"), so it keeps the plain
/// category above it.
const PLAIN_LEVEL_DEPTH: usize = 8;

/// Parses a Markdown or plain-text guide. `source_name` is used in messages and for the
/// default set id and title.
pub fn parse(text: &str, source_name: &str) -> Result<ImportResult, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::whole_file(
            source_name,
            format!(
                "the file is larger than {} MB; split it into smaller files",
                MAX_IMPORT_BYTES / 1_048_576
            ),
        ));
    }
    // No guide has a line this long; such a line is a flattened page or a generated file,
    // and reading it would take seconds for nothing.
    for (index, line) in text.split('\n').enumerate() {
        if line.len() > MAX_LINE_BYTES {
            return Err(ImportError {
                file: source_name.to_string(),
                line: index + 1,
                message: format!(
                    "this line is {} KB long; a line of a guide may be at most {} KB. Open the file in an editor and break the line where its questions start, then import it again",
                    line.len() / 1024,
                    MAX_LINE_BYTES / 1024
                ),
            });
        }
    }
    let text = text::normalise(text);
    if text.trim().is_empty() {
        return Err(ImportError::whole_file(
            source_name,
            "the file is empty; there is nothing to import",
        ));
    }
    let raw: Vec<Line<'_>> = text.split('\n').map(strip_blockquote).collect();
    let prepared = shape::prepare(raw);
    let mut parser = Parser::new(&prepared.lines, &prepared.source_lines, &prepared.shape);
    parser.run();
    let Parser {
        mut drafts,
        mut warnings,
        title,
        ..
    } = parser;
    for &line in &prepared.shape.excerpts {
        warnings.push(ImportWarning {
            line,
            message: "an answer on this line is cut off where the page had a \"Read More\" link; it was kept as an excerpt, so check it against the full article".to_string(),
        });
        for draft in drafts
            .iter_mut()
            .filter(|d| d.line == line && (d.answer.ends_with('…') || d.answer.ends_with("...")))
        {
            draft
                .unsure
                .push("the answer is an excerpt cut off by \"Read More\"".to_string());
        }
    }
    let mut result = finish(drafts, warnings, source_name, title, EMPTY_HINT)?;
    result.shape = prepared.shape;
    Ok(result)
}

/// Text inside `> ` quotes is read like any other text.
fn strip_blockquote(line: &str) -> Line<'_> {
    let mut rest = line;
    loop {
        let t = rest.trim_start();
        match t.strip_prefix('>') {
            Some(after) if indent_of(rest) < 4 => rest = after.strip_prefix(' ').unwrap_or(after),
            _ => break,
        }
    }
    Line::Borrowed(rest)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Section {
    /// No open question.
    Idle,
    /// Right after the question line.
    Prompt,
    /// After the question and a blank line, before anything else.
    Body,
    Answer,
    List(LabelKind),
    /// Bullets right under a question without a label: read as the rubric.
    ImplicitRubric,
    /// After "Example code:", until the next label, heading or question.
    Example,
    /// An indented code block.
    Code,
    /// A label outside any question: what follows is skipped.
    Orphan,
}

impl Section {
    fn is_list(self) -> bool {
        matches!(
            self,
            Section::List(_) | Section::ImplicitRubric | Section::Orphan
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Region {
    Normal,
    /// Under a "Contents" heading: questions are noted, nothing else is read.
    Contents,
    /// Under "Introduction", "How to use this guide"…: skipped.
    Prose,
    /// After "Conclusion" or promotional text: skipped, with warnings for anything that looks
    /// like a question. Holds the line where it began.
    Closing(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Marker {
    Numbered,
    Bullet,
    Heading,
    Plain,
}

#[derive(Clone, Debug)]
struct HeadingCtx {
    depth: usize,
    category: Option<String>,
    level: Option<Level>,
}

#[derive(Clone, Debug, Default)]
struct ListState {
    items: usize,
    /// Points written one per line without bullet markers.
    plain_items: bool,
    numbered: bool,
    last_number: Option<u64>,
    item_indent: usize,
}

struct Fence {
    marker: char,
    len: usize,
    indent: usize,
    line: usize,
    /// Whether the block belongs to the open question.
    keep: bool,
    buf: Vec<String>,
}

struct Parser<'a> {
    lines: &'a [Line<'a>],
    /// Source line of each logical line (the shape pass splits and inserts lines).
    source_lines: &'a [usize],
    shape: &'a Shape,
    /// Number of the last numbered question, across headings.
    last_question_number: Option<u64>,
    drafts: Vec<Draft>,
    warnings: Vec<ImportWarning>,
    title: Option<String>,
    title_line: Option<usize>,
    current: Option<usize>,
    section: Section,
    region: Region,
    stack: Vec<HeadingCtx>,
    /// A "Level:" line outside a question: applies until the next heading.
    loose_level: Option<Level>,
    blank_before: bool,
    prev_was_heading: bool,
    list: ListState,
    marker: Marker,
    question_indent: usize,
    question_number: Option<u64>,
    answer_para_open: bool,
    fence: Option<Fence>,
    /// Contents entries wait here in case a rubric shows they were real questions.
    last_contents_draft: Option<usize>,
    seen_content: bool,
}

impl<'a> Parser<'a> {
    fn new(lines: &'a [Line<'a>], source_lines: &'a [usize], shape: &'a Shape) -> Self {
        Parser {
            lines,
            source_lines,
            shape,
            last_question_number: None,
            drafts: Vec::new(),
            warnings: Vec::new(),
            title: None,
            title_line: find_title(lines)
                .and_then(|line| source_lines.get(line.wrapping_sub(1)).copied()),
            current: None,
            section: Section::Idle,
            region: Region::Normal,
            stack: Vec::new(),
            loose_level: None,
            blank_before: true,
            prev_was_heading: false,
            list: ListState::default(),
            marker: Marker::Plain,
            question_indent: 0,
            question_number: None,
            answer_para_open: false,
            fence: None,
            last_contents_draft: None,
            seen_content: false,
        }
    }

    /// 1-based source line of logical line `index`.
    fn src(&self, index: usize) -> usize {
        self.source_lines.get(index).copied().unwrap_or(index + 1)
    }

    fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.warnings.push(ImportWarning {
            line,
            message: message.into(),
        });
    }

    fn run(&mut self) {
        let mut index = 0;
        while index < self.lines.len() {
            let consumed = self.line(index);
            index += consumed.max(1);
        }
        if let Some(fence) = self.fence.take() {
            let marker: String = std::iter::repeat_n(fence.marker, fence.len).collect();
            self.warn(
                fence.line,
                format!(
                    "this code block is never closed, so everything after it was read as code. Add a closing {marker} line"
                ),
            );
            self.end_fence(fence);
        }
    }

    /// Handles line `index`; returns how many lines were used (2 for a setext heading).
    fn line(&mut self, index: usize) -> usize {
        let lines = self.lines;
        let raw: &str = &lines[index];
        let line_no = self.src(index);
        if let Some(fence) = &mut self.fence {
            if closes_fence(raw, fence) {
                if let Some(fence) = self.fence.take() {
                    self.end_fence(fence);
                }
                self.blank_before = false;
            } else {
                fence.buf.push(strip_indent(raw, fence.indent));
            }
            return 1;
        }
        let indent = indent_of(raw);
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            self.on_blank();
            return 1;
        }
        if let Some((marker, len)) = opens_fence(trimmed) {
            let keep = self.current.is_some() && self.region == Region::Normal;
            self.fence = Some(Fence {
                marker,
                len,
                indent,
                line: line_no,
                keep,
                buf: Vec::new(),
            });
            return 1;
        }
        if let Some((depth, heading, used)) = heading_at(
            self.lines,
            index,
            self.blank_before || self.prev_was_heading,
        ) {
            self.on_heading(line_no, depth, &heading);
            self.blank_before = false;
            self.prev_was_heading = true;
            return used;
        }
        if is_rule(trimmed) {
            self.on_blank();
            if self.current.is_some() && !matches!(self.section, Section::Example | Section::Code) {
                self.section = Section::Body;
            }
            return 1;
        }
        self.on_text(index, indent, trimmed);
        self.blank_before = false;
        self.prev_was_heading = false;
        1
    }

    fn on_blank(&mut self) {
        self.blank_before = true;
        self.answer_para_open = false;
        match self.section {
            Section::Prompt => self.section = Section::Body,
            Section::Example | Section::Code => {
                if let Some(q) = self.current_draft()
                    && !q.example.is_empty()
                {
                    q.example.push('\n');
                }
            }
            _ => {}
        }
    }

    fn current_draft(&mut self) -> Option<&mut Draft> {
        let index = self.current?;
        self.drafts.get_mut(index)
    }

    fn close_question(&mut self) {
        self.current = None;
        self.section = Section::Idle;
        self.list = ListState::default();
        self.answer_para_open = false;
    }

    fn current_category(&self) -> Option<String> {
        self.stack.iter().rev().find_map(|h| h.category.clone())
    }

    fn current_level(&self) -> Option<Level> {
        self.loose_level
            .or_else(|| self.stack.iter().rev().find_map(|h| h.level))
    }

    fn on_heading(&mut self, line_no: usize, depth: usize, heading: &str) {
        let text = clean_inline(heading);
        if let Region::Closing(_) = self.region {
            if is_closing_heading(&text) {
                return;
            }
            self.region = Region::Normal;
        }
        if self.title_line == Some(line_no) {
            self.title = Some(
                strip_question_prefix(&text)
                    .trim_end_matches(':')
                    .trim()
                    .to_string(),
            );
            self.close_question();
            self.region = Region::Normal;
            return;
        }
        if let Some((kind, rest)) = label(&text) {
            if self.region == Region::Normal || self.region == Region::Contents {
                self.on_label(line_no, kind, rest);
            }
            return;
        }
        let (body, prefixed) = question_prefix(&text);
        let numbered = bullet(&text).is_some_and(|b| b.number.is_some());
        let is_question = ends_with_question_mark(&body)
            || prefixed
            || (numbered && (starts_like_question(&body) || body.split_whitespace().count() >= 8));
        if is_question {
            if self.region != Region::Prose {
                let number = bullet(&text).and_then(|b| b.number);
                self.start_question(line_no, &body, Marker::Heading, 0, number);
            }
            return;
        }
        self.close_question();
        self.loose_level = None;
        if let Some(role) = heading_role(&text) {
            self.region = match role {
                HeadingRole::Closing if self.drafts.is_empty() => Region::Prose,
                HeadingRole::Closing => Region::Closing(line_no),
                HeadingRole::Prose => Region::Prose,
                HeadingRole::Contents => Region::Contents,
            };
            self.stack.retain(|h| h.depth < depth);
            return;
        }
        self.region = Region::Normal;
        let name = strip_question_prefix(&text)
            .trim_end_matches(':')
            .trim()
            .to_string();
        let (level, category) = match find_level(&name) {
            Some((level, rest)) => (Some(level), Some(rest).filter(|r| !r.is_empty())),
            None => (None, Some(name).filter(|n| has_letters(n))),
        };
        let category = category.map(|c| text::category_title(&c));
        self.stack.retain(|h| h.depth < depth);
        self.stack.push(HeadingCtx {
            depth,
            category,
            level,
        });
    }

    fn start_question(
        &mut self,
        line_no: usize,
        prompt: &str,
        marker: Marker,
        indent: usize,
        number: Option<u64>,
    ) {
        let (prompt, inline_level, minutes) = split_inline_meta(&clean_inline(prompt));
        if !has_letters(&prompt) {
            return;
        }
        self.close_question();
        self.seen_content = true;
        let draft = Draft {
            line: line_no,
            prompt,
            category: self.current_category(),
            level: inline_level.or_else(|| self.current_level()),
            minutes,
            from_contents: self.region == Region::Contents,
            ..Draft::default()
        };
        self.drafts.push(draft);
        self.marker = marker;
        self.question_indent = indent;
        self.question_number = number;
        if number.is_some() {
            self.last_question_number = number;
        }
        if self.region == Region::Contents {
            self.last_contents_draft = Some(self.drafts.len() - 1);
            return;
        }
        self.last_contents_draft = None;
        self.current = Some(self.drafts.len() - 1);
        self.section = Section::Prompt;
    }

    fn on_label(&mut self, line_no: usize, kind: LabelKind, rest: String) {
        if self.region == Region::Contents
            && !matches!(
                kind,
                LabelKind::Level | LabelKind::Minutes | LabelKind::Tags
            )
        {
            // A rubric under a "contents" heading means the questions there are real.
            self.region = Region::Normal;
            if let Some(index) = self.last_contents_draft.take() {
                self.current = Some(index);
                self.section = Section::Body;
            }
        }
        match kind {
            LabelKind::Level => {
                let level = Level::parse_loose(&rest).or_else(|| find_level(&rest).map(|(l, _)| l));
                match level {
                    Some(level) => match self.current {
                        Some(_) => {
                            if let Some(q) = self.current_draft() {
                                q.level = Some(level);
                            }
                        }
                        None => self.loose_level = Some(level),
                    },
                    None => self.warn(
                        line_no,
                        format!(
                            "\"{}\" is not a level; use Beginner, Intermediate, Advanced, Expert or years such as \"2-3 years\"",
                            text::squash(&rest)
                        ),
                    ),
                }
            }
            LabelKind::Minutes => match (parse_minutes(&rest), self.current.is_some()) {
                (Some(minutes), true) => {
                    if let Some(q) = self.current_draft() {
                        q.minutes = Some(minutes);
                    }
                }
                (None, _) if !rest.trim().is_empty() => self.warn(
                    line_no,
                    format!(
                        "\"{}\" is not a number of minutes; it was ignored",
                        text::squash(&rest)
                    ),
                ),
                _ => {}
            },
            LabelKind::Tags => {
                if let Some(q) = self.current_draft() {
                    q.tags
                        .extend(rest.split([',', ';']).map(|t| t.trim().to_string()));
                }
            }
            LabelKind::Rubric
            | LabelKind::RedFlags
            | LabelKind::FollowUps
            | LabelKind::Answer
            | LabelKind::Example => {
                if self.current.is_none() {
                    if self.region == Region::Normal {
                        self.warn(
                            line_no,
                            format!(
                                "\"{}\" is not under a question, so what follows it was skipped; put it after the question it belongs to",
                                label_name(kind)
                            ),
                        );
                    }
                    self.section = Section::Orphan;
                    return;
                }
                self.list = ListState::default();
                self.answer_para_open = false;
                self.section = match kind {
                    LabelKind::Answer => Section::Answer,
                    LabelKind::Example => Section::Example,
                    other => Section::List(other),
                };
                let rest = rest.trim().to_string();
                if !rest.is_empty() {
                    match kind {
                        LabelKind::Answer => self.append_answer(&rest),
                        LabelKind::Example => {
                            if let Some(q) = self.current_draft() {
                                push_example_line(q, &rest);
                            }
                        }
                        _ => {
                            let cleaned = clean_inline(&rest);
                            self.push_item(cleaned.into_owned(), 0, None);
                        }
                    }
                }
            }
        }
    }

    fn push_item(&mut self, item: String, indent: usize, number: Option<u64>) {
        let section = self.section;
        self.list.items += 1;
        self.list.item_indent = indent;
        if number.is_some() {
            self.list.numbered = true;
            self.list.last_number = number;
        }
        let Some(q) = self.current_draft() else {
            return;
        };
        match section {
            Section::List(LabelKind::RedFlags) => q.red_flags.push(item),
            Section::List(LabelKind::FollowUps) => q.follow_ups.push(item),
            Section::List(_) | Section::ImplicitRubric => q.listen_for.push(item),
            _ => {}
        }
    }

    fn last_item(&mut self) -> Option<&mut String> {
        let section = self.section;
        let q = self.current_draft()?;
        match section {
            Section::List(LabelKind::RedFlags) => q.red_flags.last_mut(),
            Section::List(LabelKind::FollowUps) => q.follow_ups.last_mut(),
            Section::List(_) | Section::ImplicitRubric => q.listen_for.last_mut(),
            _ => None,
        }
    }

    fn append_answer(&mut self, text: &str) {
        let open = self.answer_para_open;
        if let Some(q) = self.current_draft() {
            if q.answer.is_empty() {
                q.answer.push_str(text);
            } else if open {
                q.answer.push(' ');
                q.answer.push_str(text);
            } else {
                q.answer.push_str("\n\n");
                q.answer.push_str(text);
            }
        }
        self.answer_para_open = true;
        self.section = Section::Answer;
    }

    fn on_text(&mut self, index: usize, indent: usize, trimmed: &str) {
        let line_no = self.src(index);
        let cleaned = clean_inline(trimmed);
        let item = bullet(trimmed).or_else(|| {
            // "**3. What is X?**" is a numbered question in bold.
            (trimmed.starts_with("**") || trimmed.starts_with("__"))
                .then(|| bullet(&cleaned).filter(|b| b.number.is_some()))
                .flatten()
        });

        match self.region {
            Region::Prose => return,
            Region::Closing(since) => {
                let strong = item
                    .as_ref()
                    .is_some_and(|b| b.number.is_some() && ends_with_question_mark(&b.text));
                if strong && !is_marketing(trimmed) {
                    self.region = Region::Normal;
                } else {
                    let looks_like_content = label(trimmed).is_some_and(|(k, _)| k.is_list())
                        || (ends_with_question_mark(&cleaned)
                            && !is_marketing(trimmed)
                            && cleaned.split_whitespace().count() >= 3);
                    if looks_like_content {
                        self.warn(
                            line_no,
                            format!(
                                "this looks like interview content but comes after the closing text that starts on line {since}, so it was not imported; move it above line {since} if it belongs to the guide"
                            ),
                        );
                    }
                    return;
                }
            }
            Region::Contents => {
                if let Some((kind, rest)) = label(trimmed) {
                    self.on_label(line_no, kind, rest);
                    return;
                }
                let candidate = match &item {
                    Some(b) if b.number.is_some() => (ends_with_question_mark(&b.text)
                        || starts_like_question(&b.text))
                    .then(|| b.text.clone()),
                    Some(b) => ends_with_question_mark(&b.text).then(|| b.text.clone()),
                    None => {
                        let (body, prefixed) = question_prefix(&cleaned);
                        (prefixed || ends_with_question_mark(&body)).then(|| body.into_owned())
                    }
                };
                if let Some(prompt) = candidate {
                    self.start_question(line_no, &prompt, Marker::Plain, indent, None);
                }
                return;
            }
            Region::Normal => {}
        }

        let in_code = matches!(self.section, Section::Example | Section::Code);
        if !in_code && is_marketing(trimmed) {
            if !self.drafts.is_empty() {
                self.close_question();
                self.region = Region::Closing(line_no);
            }
            return;
        }

        if let Some((kind, rest)) = label(trimmed).or_else(|| {
            item.as_ref()
                .and_then(|b| label(&b.text))
                .filter(|(kind, rest)| rest.is_empty() && kind.is_list())
        }) && (self.section != Section::Code || indent < 4)
        {
            if self.section == Section::Code {
                self.section = Section::Body;
            }
            self.on_label(line_no, kind, rest);
            return;
        }

        if self.section == Section::Example {
            let ends_example = (self.blank_before
                && indent == 0
                && (item
                    .as_ref()
                    .is_some_and(|b| b.number.is_some() && ends_with_question_mark(&b.text))
                    || ends_with_question_mark(&cleaned)))
                || (indent == 0 && question_prefix(&cleaned).1);
            if !ends_example {
                let raw = self.lines[index].clone();
                if let Some(q) = self.current_draft() {
                    push_example_line(q, raw.trim_end());
                }
                return;
            }
        }
        if self.section == Section::Code {
            if indent >= 4 {
                let raw = strip_indent(&self.lines[index], 4);
                if let Some(q) = self.current_draft() {
                    push_example_line(q, &raw);
                }
                return;
            }
            self.section = Section::Answer;
        }

        match item {
            Some(b) => self.on_bullet(line_no, indent, b),
            None => self.on_plain(index, indent, &cleaned),
        }
    }

    fn new_question_from_bullet(&self, b: &Bullet, indent: usize, text: &str) -> bool {
        let ends_q = ends_with_question_mark(text);
        let opener = starts_like_question(text);
        if self.current.is_none() {
            let continues = b.number.is_some()
                && b.number == self.last_question_number.map(|n| n + 1)
                && has_letters(text);
            return match b.number {
                Some(_) => ends_q || opener || continues || text.split_whitespace().count() >= 8,
                None => ends_q,
            };
        }
        if indent > self.question_indent {
            return false;
        }
        let question_next = self.marker == Marker::Numbered
            && b.number.is_some()
            && self.question_number.map(|n| n + 1) == b.number;
        if b.number.is_none() {
            let same_kind = self.marker == Marker::Bullet && indent == self.question_indent;
            let in_follow_ups = self.section == Section::List(LabelKind::FollowUps);
            return same_kind && ends_q && (!in_follow_ups || self.blank_before);
        }
        let list_next = if self.list.items == 0 || !self.list.numbered {
            b.number == Some(1)
        } else {
            self.list.last_number.map(|n| n + 1) == b.number
        };
        match self.section {
            Section::List(LabelKind::FollowUps) => match (question_next, list_next) {
                (true, false) => true,
                (false, true) => false,
                (true, true) => self.blank_before,
                (false, false) => self.blank_before && (ends_q || opener),
            },
            Section::List(_) | Section::ImplicitRubric => match (question_next, list_next) {
                (_, _) if ends_q && (question_next || !list_next || self.blank_before) => true,
                (true, false) => true,
                (true, true) => opener,
                (false, _) => !list_next && self.blank_before && opener,
            },
            _ => question_next || ends_q || (opener && self.blank_before),
        }
    }

    fn on_bullet(&mut self, line_no: usize, indent: usize, b: Bullet) {
        let text = clean_inline(&b.text);
        if text.is_empty() {
            return;
        }
        if self.new_question_from_bullet(&b, indent, &text) {
            let marker = if b.number.is_some() {
                Marker::Numbered
            } else {
                Marker::Bullet
            };
            self.start_question(line_no, &text, marker, indent, b.number);
            return;
        }
        match self.section {
            Section::Idle | Section::Orphan => {}
            Section::List(_) | Section::ImplicitRubric => {
                self.push_item(text.into_owned(), indent, b.number)
            }
            Section::Prompt | Section::Body if !self.shape.bullets_are_answers => {
                self.section = Section::ImplicitRubric;
                self.list = ListState::default();
                self.push_item(text.into_owned(), indent, b.number);
            }
            Section::Prompt | Section::Body | Section::Answer => {
                self.section = Section::Answer;
                if let Some(q) = self.current_draft() {
                    if !q.answer.is_empty() {
                        q.answer.push('\n');
                    }
                    match b.number {
                        Some(n) => q.answer.push_str(&format!("{n}. {text}")),
                        None => q.answer.push_str(&format!("- {text}")),
                    }
                }
                self.answer_para_open = false;
            }
            Section::Example | Section::Code => {}
        }
    }

    fn is_continuation(&mut self, indent: usize, text: &str) -> bool {
        let item_indent = self.list.item_indent;
        let Some(last) = self.last_item() else {
            return false;
        };
        let first = text.chars().next().unwrap_or(' ');
        // Only a lowercase word can be a dangling conjunction: "mentions A" ends with a name.
        let last_word = last.split_whitespace().last().unwrap_or("").to_string();
        indent > item_indent
            || !(first.is_uppercase() || first.is_ascii_digit())
            || last.ends_with([',', '-', '–', '(', '/', '&'])
            || [
                "and", "or", "the", "a", "an", "of", "to", "with", "for", "in", "on", "that", "as",
                "such", "like", "e.g.", "i.e.", "is", "are", "by", "from", "but",
            ]
            .contains(&last_word.as_str())
    }

    fn on_plain(&mut self, index: usize, indent: usize, cleaned: &str) {
        let line_no = self.src(index);
        let plain_list = matches!(self.section, Section::List(_)) && self.list.plain_items;
        if !self.blank_before {
            if self.section.is_list()
                && self.section != Section::Orphan
                && !plain_list
                && self.is_continuation(indent, cleaned)
            {
                if let Some(last) = self.last_item() {
                    last.push(' ');
                    last.push_str(cleaned);
                }
                return;
            }
            if self.section == Section::Prompt {
                let q_indent = self.question_indent;
                let first_lower = cleaned.chars().next().is_some_and(char::is_lowercase);
                if let Some(q) = self.current_draft()
                    && !ends_with_question_mark(&q.prompt)
                    && (indent > q_indent || first_lower)
                {
                    q.prompt.push(' ');
                    q.prompt.push_str(cleaned);
                    return;
                }
            }
        }

        if let Section::List(kind) = self.section {
            let first = self.list.items == 0;
            let follows_plain = self.list.plain_items && !self.blank_before;
            let is_q = ends_with_question_mark(cleaned);
            if (first || follows_plain)
                && (!is_q || (kind == LabelKind::FollowUps && !self.blank_before))
            {
                self.push_item(cleaned.to_string(), indent, None);
                self.list.plain_items = true;
                return;
            }
        }

        let (body, prefixed) = question_prefix(cleaned);
        let question_here = matches!(
            self.section,
            Section::Idle
                | Section::Prompt
                | Section::Orphan
                | Section::List(_)
                | Section::ImplicitRubric
        );
        if prefixed || (ends_with_question_mark(&body) && (self.blank_before || question_here)) {
            self.start_question(line_no, &body, Marker::Plain, indent, None);
            return;
        }

        let heading_position = self.blank_before
            || self.prev_was_heading
            || (self.section == Section::Prompt
                && self
                    .current
                    .and_then(|i| self.drafts.get(i))
                    .is_some_and(|q| ends_with_question_mark(&q.prompt)));
        if heading_position
            && indent < 4
            && title_like(cleaned)
            && next_is_question(self.lines, index + 1, 2)
        {
            let depth = match find_level(cleaned) {
                Some((_, rest)) if rest.is_empty() => PLAIN_LEVEL_DEPTH,
                _ => PLAIN_HEADING_DEPTH,
            };
            self.on_heading(line_no, depth, cleaned);
            return;
        }

        match self.section {
            Section::Idle | Section::Orphan => {}
            Section::Prompt | Section::Body | Section::Answer => {
                if indent >= 4 && self.blank_before && self.section != Section::Prompt {
                    self.section = Section::Code;
                    let raw = strip_indent(&self.lines[index], 4);
                    if let Some(q) = self.current_draft() {
                        push_example_line(q, &raw);
                    }
                    return;
                }
                if self.blank_before {
                    self.answer_para_open = false;
                }
                self.append_answer(cleaned);
            }
            Section::List(_) | Section::ImplicitRubric => {
                self.answer_para_open = false;
                self.append_answer(cleaned);
            }
            Section::Example | Section::Code => {}
        }
    }

    fn end_fence(&mut self, fence: Fence) {
        if !fence.keep || self.region != Region::Normal {
            return;
        }
        let code = fence.buf.join("\n");
        if let Some(q) = self.current_draft() {
            if code.trim().is_empty() {
                return;
            }
            if !q.example.trim().is_empty() {
                q.example = q.example.trim_end().to_string();
                q.example.push_str("\n\n");
            }
            q.example.push_str(code.trim_matches('\n'));
        }
        if self.current.is_some() {
            self.section = Section::Body;
            self.answer_para_open = false;
        }
    }
}

fn label_name(kind: LabelKind) -> &'static str {
    match kind {
        LabelKind::Rubric => "What to listen for",
        LabelKind::RedFlags => "Red flags",
        LabelKind::FollowUps => "Follow-ups",
        LabelKind::Answer => "Answer",
        LabelKind::Example => "Example code",
        LabelKind::Level => "Level",
        LabelKind::Minutes => "Time",
        LabelKind::Tags => "Tags",
    }
}

fn push_example_line(q: &mut Draft, line: &str) {
    if !q.example.is_empty() && !q.example.ends_with('\n') {
        q.example.push('\n');
    }
    q.example.push_str(line);
}

/// Removes up to `width` columns of leading whitespace.
fn strip_indent(line: &str, width: usize) -> String {
    let mut removed = 0;
    let mut start = 0;
    for (i, c) in line.char_indices() {
        if removed >= width {
            start = i;
            break;
        }
        match c {
            ' ' => removed += 1,
            '\t' => removed += 4,
            _ => {
                start = i;
                break;
            }
        }
        start = i + c.len_utf8();
    }
    line[start..].to_string()
}

fn opens_fence(trimmed: &str) -> Option<(char, usize)> {
    for marker in ['`', '~'] {
        let len = trimmed.chars().take_while(|c| *c == marker).count();
        if len >= 3 {
            let info = &trimmed[len..];
            if marker == '`' && info.contains('`') {
                return None;
            }
            return Some((marker, len));
        }
    }
    None
}

fn closes_fence(raw: &str, fence: &Fence) -> bool {
    let t = raw.trim();
    let len = t.chars().take_while(|c| *c == fence.marker).count();
    len >= fence.len && t[len..].trim().is_empty()
}

fn is_rule(trimmed: &str) -> bool {
    if !trimmed.starts_with(['-', '*', '_']) {
        return false;
    }
    let compact: String = trimmed.chars().filter(|c| !c.is_whitespace()).collect();
    compact.len() >= 3
        && (compact.chars().all(|c| c == '-')
            || compact.chars().all(|c| c == '*')
            || compact.chars().all(|c| c == '_'))
}

/// An ATX heading (`## Text`) or, when `may_setext`, a title-like line underlined with `===`
/// or `---`. Returns depth, text and the number of lines used.
fn heading_at(
    lines: &[Line<'_>],
    index: usize,
    may_setext: bool,
) -> Option<(usize, String, usize)> {
    let line = lines.get(index)?;
    let trimmed = line.trim();
    if indent_of(line) < 4 {
        let hashes = trimmed.chars().take_while(|c| *c == '#').count();
        if (1..=6).contains(&hashes) {
            let rest = &trimmed[hashes..];
            if rest.is_empty() || rest.starts_with(' ') || rest.starts_with('\t') {
                let text = rest.trim().trim_end_matches('#').trim();
                if text.is_empty() {
                    return None;
                }
                return Some((hashes, text.to_string(), 1));
            }
        }
    }
    if !may_setext || indent_of(line) >= 4 || bullet(trimmed).is_some() {
        return None;
    }
    let under = lines.get(index + 1)?.trim();
    let depth = if under.len() >= 2 && under.chars().all(|c| c == '=') {
        1
    } else if under.len() >= 3 && under.chars().all(|c| c == '-') {
        2
    } else {
        return None;
    };
    let cleaned = clean_inline(trimmed);
    let question = ends_with_question_mark(&cleaned) || question_prefix(&cleaned).1;
    if question || title_like(&cleaned) {
        Some((depth, trimmed.to_string(), 2))
    } else {
        None
    }
}

/// A short line that could name a category: a few words, no sentence punctuation at the end.
fn title_like(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':').trim();
    let first = t.chars().next().unwrap_or(' ');
    !t.is_empty()
        && has_letters(t)
        && t.chars().count() <= 60
        && t.split_whitespace().count() <= 8
        && (first.is_uppercase() || first.is_ascii_digit())
        && !t.ends_with(['.', ',', ';', '?', '!'])
        && !t.contains('`')
        && !is_marketing(t)
        && label(t).is_none()
}

/// Whether the next non-blank line (skipping "Level:" lines and, `depth` times, further
/// heading-like lines) is a question.
fn next_is_question(lines: &[Line<'_>], from: usize, depth: usize) -> bool {
    let mut index = from;
    while let Some(line) = lines.get(index) {
        let trimmed = line.trim();
        if trimmed.is_empty() || matches!(label(trimmed), Some((LabelKind::Level, _))) {
            index += 1;
            continue;
        }
        let cleaned = clean_inline(trimmed);
        if let Some(b) = bullet(trimmed).or_else(|| bullet(&cleaned).filter(|b| b.number.is_some()))
        {
            let text = clean_inline(&b.text);
            return match b.number {
                Some(_) => ends_with_question_mark(&text) || starts_like_question(&text),
                None => ends_with_question_mark(&text),
            };
        }
        let (body, prefixed) = question_prefix(cleaned.trim_start_matches('#').trim());
        if prefixed || ends_with_question_mark(&body) {
            return true;
        }
        if depth > 0 && title_like(&cleaned) {
            return next_is_question(lines, index + 1, depth - 1);
        }
        return false;
    }
    false
}

/// The line of the document's title: the first structural heading when it sits above every
/// other one (a single `#` over `##` sections), or the only structural heading.
fn find_title(lines: &[Line<'_>]) -> Option<usize> {
    let mut headings: Vec<(usize, usize)> = Vec::new();
    let mut in_fence: Option<(char, usize)> = None;
    let mut index = 0;
    let mut blank_before = true;
    while index < lines.len() {
        let trimmed = lines[index].trim();
        if let Some((marker, len)) = in_fence {
            let n = trimmed.chars().take_while(|c| *c == marker).count();
            if n >= len && trimmed[n..].trim().is_empty() {
                in_fence = None;
            }
            index += 1;
            continue;
        }
        if let Some(open) = opens_fence(trimmed) {
            in_fence = Some(open);
            index += 1;
            continue;
        }
        if let Some((depth, text, used)) = heading_at(lines, index, blank_before) {
            // Once the first structural heading and one deeper one are known, only headings
            // as high as the first matter (they mean there is no single title), so deeper
            // ones are not examined.
            if headings.len() > 1 && depth > headings[0].1 {
                index += used;
                blank_before = false;
                continue;
            }
            let text = clean_inline(&text);
            let (body, prefixed) = question_prefix(&text);
            let structural = !(prefixed
                || ends_with_question_mark(&body)
                || label(&text).is_some()
                || heading_role(&text).is_some());
            if structural {
                if headings.first().is_some_and(|&(_, first)| depth <= first) {
                    // A second heading as high as the first: no title.
                    return None;
                }
                headings.push((index + 1, depth));
            }
            index += used;
            blank_before = false;
            continue;
        }
        blank_before = trimmed.is_empty();
        index += 1;
    }
    let &(line, depth) = headings.first()?;
    if headings.len() == 1 && depth > 1 {
        // A lone "## Fundamentals" is a category, not a title.
        return None;
    }
    headings[1..]
        .iter()
        .all(|&(_, d)| d > depth)
        .then_some(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> ImportResult {
        parse(text, "test.md").expect("parses")
    }

    #[test]
    fn numbered_questions_with_rubrics_and_categories() {
        let result = parse_ok(
            "# Guide\n\n## Python\n\n1. What is a decorator?\n\nWhat to listen for:\n- wraps a function\n- returns a callable\n\n2. Explain the GIL\nListen for\n* one thread at a time\n* released on I/O\n\n## SQL\n\n3. What is an index?\nLook for:\n1. speeds reads\n2) slows writes\n",
        );
        let set = &result.set;
        assert_eq!(set.title, "Guide");
        assert_eq!(set.categories.len(), 2);
        assert_eq!(set.questions.len(), 3);
        assert_eq!(
            set.questions[0].listen_for,
            vec!["wraps a function", "returns a callable"]
        );
        assert_eq!(set.questions[1].prompt, "Explain the GIL");
        assert_eq!(set.questions[1].listen_for.len(), 2);
        assert_eq!(set.questions[2].category, "sql");
        assert_eq!(
            set.questions[2].listen_for,
            vec!["speeds reads", "slows writes"]
        );
        assert_eq!(result.question_lines, vec![5, 11, 18]);
        assert!(result.needs_rubric.is_empty());
    }

    #[test]
    fn numbered_rubric_followed_by_next_numbered_question() {
        let result = parse_ok(
            "3. What is X?\nRubric:\n1. a\n2. b\n3. c\n4. What is Y?\nRubric:\n1. d\n5. Explain Z\n- e\n",
        );
        let prompts: Vec<&str> = result
            .set
            .questions
            .iter()
            .map(|q| q.prompt.as_str())
            .collect();
        assert_eq!(prompts, ["What is X?", "What is Y?", "Explain Z"]);
        assert_eq!(result.set.questions[0].listen_for, vec!["a", "b", "c"]);
        assert_eq!(result.set.questions[1].listen_for, vec!["d"]);
        assert_eq!(result.set.questions[2].listen_for, vec!["e"]);
    }

    #[test]
    fn split_bullets_join() {
        let result = parse_ok(
            "What is X?\nListen for:\n- explains that the\n  cache is per process\n- mentions eviction and\nexpiry\n- Names LRU.\nA full sentence after the list is the answer.\n",
        );
        assert_eq!(
            result.set.questions[0].listen_for,
            vec![
                "explains that the cache is per process",
                "mentions eviction and expiry",
                "Names LRU."
            ]
        );
        assert_eq!(
            result.set.questions[0].answer,
            "A full sentence after the list is the answer."
        );
    }

    #[test]
    fn answers_and_code_blocks() {
        let result = parse_ok(
            "Q: What does `zip` do?\nA: It pairs items\nfrom several iterables.\n\nIt stops at the shortest.\n\n```python\nlist(zip([1, 2], 'ab'))\n```\n\nQ: Why use a set?\n\nMembership tests are fast.\n\nExample code:\n    s = {1, 2}\n    2 in s\n",
        );
        let q = &result.set.questions;
        assert_eq!(q.len(), 2);
        assert_eq!(
            q[0].answer,
            "It pairs items from several iterables.\n\nIt stops at the shortest."
        );
        assert_eq!(q[0].example, "list(zip([1, 2], 'ab'))");
        assert_eq!(q[1].answer, "Membership tests are fast.");
        assert_eq!(q[1].example, "s = {1, 2}\n2 in s");
        // No rubric in the source: points are proposed from the answers and marked so.
        assert!(result.needs_rubric.is_empty());
        assert_eq!(result.proposed_rubric.len(), 2);
        assert_eq!(
            q[0].listen_for,
            [
                "Says that it pairs items from several iterables",
                "Says that it stops at the shortest"
            ]
        );
        assert_eq!(q[1].listen_for, ["Says that membership tests are fast"]);
        assert!(
            q[1].tags
                .contains(&crate::import::PROPOSED_RUBRIC_TAG.to_string())
        );
        assert_eq!(result.rubric_points(), 0);
    }

    #[test]
    fn plain_line_categories_and_levels() {
        let result = parse_ok(
            "Python\n\nLevel: Beginner\n\nWhat is a list?\nWhat is a tuple?\n\nDatabases (2-3 years)\n\nWhat is a join?\n",
        );
        let set = &result.set;
        let titles: Vec<&str> = set.categories.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(titles, ["Python", "Databases"]);
        assert_eq!(set.questions.len(), 3);
        assert_eq!(set.questions[0].level, Level::Entry);
        assert_eq!(set.questions[1].level, Level::Entry);
        assert_eq!(set.questions[2].level, Level::Intermediate);
        assert_eq!(set.questions[2].category, "databases");
    }

    #[test]
    fn unclosed_fence_warns() {
        let result = parse_ok("What is X?\n```\ncode\n");
        assert_eq!(result.set.questions[0].example, "code");
        assert!(
            result
                .warnings
                .iter()
                .any(|w| w.line == 2 && w.message.contains("never closed"))
        );
    }

    #[test]
    fn orphan_label_warns() {
        let result = parse_ok("## Python\n\nWhat to listen for:\n- x\n\nWhat is Y?\n- y\n");
        assert_eq!(result.set.questions.len(), 1);
        assert_eq!(result.set.questions[0].listen_for, vec!["y"]);
        assert!(
            result.warnings.iter().any(|w| w.line == 3),
            "{:?}",
            result.warnings
        );
    }

    #[test]
    fn nothing_to_import_is_an_error() {
        let error =
            parse("Just some notes.\nNothing else.", "notes.txt").expect_err("no questions");
        assert!(error.message.contains("no questions"), "{error}");
        assert!(parse("", "e.md").is_err());
    }
}
