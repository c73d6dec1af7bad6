//! Parsing and validating question-set text, with errors that point at file, line and column.
//!
//! This module never touches the disk: callers hand it the text and a display name.

use std::collections::HashSet;
use std::fmt;

use super::question::{LISTEN_FOR_RANGE, MINUTES_RANGE, Question, QuestionSet};

/// Where a question set came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SetOrigin {
    /// Embedded in the binary; read-only.
    Bundled,
    /// A file in the user's data folder; editable.
    User(std::path::PathBuf),
    /// A file from `--bank DIR` or a path given on the command line.
    Extra(std::path::PathBuf),
}

impl SetOrigin {
    pub fn is_editable(&self) -> bool {
        matches!(self, SetOrigin::User(_))
    }
}

/// Text of one question-set file, ready to parse.
#[derive(Clone, Debug)]
pub struct SetSource {
    /// Name shown in messages: a path, or `question_sets/python.ron (bundled)`.
    pub name: String,
    pub origin: SetOrigin,
    pub text: String,
}

/// One thing wrong with a question-set file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadProblem {
    pub file: String,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based; 0 when unknown.
    pub column: usize,
    pub message: String,
}

impl fmt::Display for LoadProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file,
                self.line,
                self.column.max(1),
                self.message
            )
        }
    }
}

fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Parses the RON text of a set. Syntax and shape errors (unknown or missing fields, wrong
/// types) come back as a single problem with the position RON reports.
pub fn parse_set(source: &SetSource) -> Result<QuestionSet, LoadProblem> {
    // A UTF-8 byte-order mark is invisible in editors; accept it rather than fail on line 1.
    let text = source.text.strip_prefix('\u{feff}').unwrap_or(&source.text);
    ron_options()
        .from_str::<QuestionSet>(text)
        .map_err(|err| LoadProblem {
            file: source.name.clone(),
            line: err.span.start.line,
            column: err.span.start.col,
            message: explain_ron_error(&err.code),
        })
}

/// Serialises a set as pretty RON in the same shape the bundled files use.
pub fn set_to_ron(set: &QuestionSet) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .depth_limit(6)
        .indentor("    ".to_string());
    ron_options().to_string_pretty(set, config)
}

fn explain_ron_error(code: &ron::Error) -> String {
    use ron::Error as E;
    match code {
        E::NoSuchStructField {
            expected, found, ..
        } => format!(
            "unknown field `{found}`; check the spelling (allowed here: {})",
            expected.join(", ")
        ),
        E::MissingStructField { field, outer } => match outer {
            Some(outer) => format!("`{outer}` is missing the required field `{field}`; add it"),
            None => format!("missing the required field `{field}`; add it"),
        },
        E::NoSuchEnumVariant {
            expected, found, ..
        } => format!(
            "unknown value `{found}`; use one of: {}",
            expected.join(", ")
        ),
        E::DuplicateStructField { field, .. } => {
            format!("the field `{field}` appears twice; keep one")
        }
        other => format!("{other}; fix the RON syntax here (commas, brackets, quotes)"),
    }
}

/// Checks the rules serde cannot express. Returns the problems and the questions that passed,
/// so one bad question does not hide the rest of the set.
pub fn validate_set(source: &SetSource, set: &QuestionSet) -> (Vec<Question>, Vec<LoadProblem>) {
    let locator = Locator::new(&source.text);
    let mut problems = Vec::new();
    let mut good = Vec::new();
    let category_ids: HashSet<&str> = set.categories.iter().map(|c| c.id.as_str()).collect();
    let mut seen_ids: HashSet<&str> = HashSet::new();

    if set.id.trim().is_empty() {
        problems.push(LoadProblem {
            file: source.name.clone(),
            line: locator.find("id:", 0).0,
            column: 1,
            message: "the set's `id` is empty; give the set a short unique id".into(),
        });
    }
    let mut category_seen = HashSet::new();
    for category in &set.categories {
        if !category_seen.insert(category.id.as_str()) {
            let (line, column) = locator.find(&format!("\"{}\"", category.id), 0);
            problems.push(LoadProblem {
                file: source.name.clone(),
                line,
                column,
                message: format!("category `{}` is declared twice; keep one", category.id),
            });
        }
    }

    for question in &set.questions {
        let (line, column) = locator.id_position(&question.id);
        let mut push = |line: usize, column: usize, message: String| {
            problems.push(LoadProblem {
                file: source.name.clone(),
                line,
                column,
                message,
            })
        };
        let mut ok = true;
        if question.id.trim().is_empty() {
            push(
                line,
                column,
                "a question has an empty `id`; give it a unique id such as `py.data.copying-lists`"
                    .into(),
            );
            ok = false;
        } else if !seen_ids.insert(question.id.as_str()) {
            push(
                line,
                column,
                format!(
                    "question id `{}` is used twice in this file; ids must be unique",
                    question.id
                ),
            );
            ok = false;
        }
        if question.prompt.trim().is_empty() {
            let at = locator.find("prompt:", line);
            push(
                at.0,
                at.1,
                format!(
                    "question `{}` has an empty `prompt`; write the question",
                    question.id
                ),
            );
            ok = false;
        }
        let points = question
            .listen_for
            .iter()
            .filter(|p| !p.trim().is_empty())
            .count();
        if points == 0 {
            let at = locator.find("listen_for:", line);
            push(
                at.0,
                at.1,
                format!(
                    "question `{}` has no `listen_for` points; add 1–8 observable points a strong answer contains",
                    question.id
                ),
            );
            ok = false;
        } else if !LISTEN_FOR_RANGE.contains(&question.listen_for.len()) {
            let at = locator.find("listen_for:", line);
            push(
                at.0,
                at.1,
                format!(
                    "question `{}` has {} `listen_for` points; keep it to at most {}",
                    question.id,
                    question.listen_for.len(),
                    LISTEN_FOR_RANGE.end()
                ),
            );
            ok = false;
        }
        if !category_ids.contains(question.category.as_str()) {
            let at = locator.find("category:", line);
            push(
                at.0,
                at.1,
                format!(
                    "question `{}` uses unknown category `{}`; declare it in `categories` or use one of: {}",
                    question.id,
                    question.category,
                    set.categories
                        .iter()
                        .map(|c| c.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
            ok = false;
        }
        if let Some(minutes) = question.minutes {
            if !MINUTES_RANGE.contains(&minutes) {
                let at = locator.find("minutes:", line);
                push(
                    at.0,
                    at.1,
                    format!(
                        "question `{}` suggests {minutes} minutes; use a number from {} to {}",
                        question.id,
                        MINUTES_RANGE.start(),
                        MINUTES_RANGE.end()
                    ),
                );
                ok = false;
            }
        }
        if ok {
            good.push(question.clone());
        }
    }
    (good, problems)
}

/// Finds 1-based line and column of text in a source, so semantic errors can point at the
/// question they concern even though serde does not keep positions.
struct Locator<'a> {
    lines: Vec<&'a str>,
    /// Where each `id: "…"` stands, found in one pass so large sets stay linear.
    ids: std::collections::HashMap<&'a str, (usize, usize)>,
}

impl<'a> Locator<'a> {
    fn new(text: &'a str) -> Self {
        let lines: Vec<&str> = text.lines().collect();
        let mut ids = std::collections::HashMap::new();
        for (index, line) in lines.iter().enumerate() {
            if let Some((column, id)) = id_on_line(line) {
                ids.entry(id).or_insert((index + 1, column));
            }
        }
        Locator { lines, ids }
    }

    fn id_position(&self, id: &str) -> (usize, usize) {
        self.ids.get(id).copied().unwrap_or((0, 0))
    }

    /// First occurrence of `needle` at or after 1-based line `from` (0 = start); (0, 0) if absent.
    fn find(&self, needle: &str, from: usize) -> (usize, usize) {
        let start = from.saturating_sub(1);
        for (index, line) in self.lines.iter().enumerate().skip(start) {
            if let Some(byte) = line.find(needle) {
                let column = line[..byte].chars().count() + 1;
                return (index + 1, column);
            }
        }
        (0, 0)
    }
}

/// The id on a line of the form `id: "…"`, with the 1-based column of its opening quote.
fn id_on_line(line: &str) -> Option<(usize, &str)> {
    let start = line.find("id:")?;
    let rest = &line[start + 3..];
    let open = rest.find('"')?;
    let after = &rest[open + 1..];
    let close = after.find('"')?;
    let column = line[..start + 3 + open].chars().count() + 1;
    Some((column, &after[..close]))
}

/// Line of every question id in a set's text, computed once per file.
pub fn id_lines(text: &str) -> std::collections::HashMap<String, usize> {
    let mut map = std::collections::HashMap::new();
    for (index, line) in text.lines().enumerate() {
        if let Some((_, id)) = id_on_line(line) {
            map.entry(id.to_string()).or_insert(index + 1);
        }
    }
    map
}
