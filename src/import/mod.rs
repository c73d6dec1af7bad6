//! Importing questions from documents people already have: Markdown/plain text and CSV.
//!
//! The parsers ([`markdown::parse`], [`csv::parse`]) are pure: they take text or bytes and
//! return an [`ImportResult`] whose `set` is ready to write and loads through
//! `QuestionBank::load` as it is. File access lives in [`files`], so the parsers can be
//! tested and fuzzed without a disk.
//!
//! Questions the source gives no rubric for cannot load with an empty `listen_for` (the bank
//! requires at least one point). They are imported with the single point [`PLACEHOLDER_POINT`]
//! and the tag [`NEEDS_RUBRIC_TAG`], and their ids are listed in
//! [`ImportResult::needs_rubric`], so they appear in the bank, can be found with the tag filter
//! and are fixed in the editor. Placeholders are not counted as rubric points in summaries.

use std::collections::HashMap;
use std::fmt;

use crate::model::{QuestionBank, QuestionSet};

mod build;
pub mod csv;
mod decode;
pub mod files;
pub mod markdown;
pub mod preview;
pub mod shape;
mod text;

pub use decode::decode;
pub use preview::{QuestionPreview, RubricOrigin, SectionSummary};
pub use shape::Shape;

/// Inputs larger than this are refused: no interview guide is that big, and reading a stray
/// multi-gigabyte file would stall the app.
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;

/// The rubric point given to questions imported without one.
pub const PLACEHOLDER_POINT: &str =
    "Add rubric points: edit this question and list what a strong answer contains";

/// Tag added to questions imported without a rubric, so they can be found and fixed.
pub const NEEDS_RUBRIC_TAG: &str = "needs-rubric";

/// Tag added to questions whose rubric points were proposed from their answer, so they can be
/// found and reviewed. The points are drawn from the answer's own sentences.
pub const PROPOSED_RUBRIC_TAG: &str = "proposed-rubric";

/// Category used for questions that appear before any category heading.
pub const DEFAULT_CATEGORY_TITLE: &str = "General";

/// Something worth telling the user that did not stop the import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportWarning {
    /// 1-based line in the source file; 0 when the warning concerns the whole file.
    pub line: usize,
    pub message: String,
}

/// Why nothing could be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    /// Display name of the source, usually its path.
    pub file: String,
    /// 1-based line; 0 when the error concerns the whole file.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        }
    }
}

impl std::error::Error for ImportError {}

impl ImportError {
    pub(crate) fn whole_file(file: &str, message: impl Into<String>) -> ImportError {
        ImportError {
            file: file.to_string(),
            line: 0,
            message: message.into(),
        }
    }
}

/// What an import produced.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportResult {
    /// The set to write: valid as it stands (every question has a prompt, a declared category
    /// and at least one rubric point, possibly the placeholder).
    pub set: QuestionSet,
    /// Warnings in source order (line 0 first).
    pub warnings: Vec<ImportWarning>,
    /// Ids of questions imported with [`PLACEHOLDER_POINT`] instead of a rubric.
    pub needs_rubric: Vec<String>,
    /// Source line of each question, parallel to `set.questions`.
    pub question_lines: Vec<usize>,
    /// Ids of questions whose rubric points were proposed from their answer (tagged
    /// [`PROPOSED_RUBRIC_TAG`]); the preview offers to accept, edit or drop them.
    pub proposed_rubric: Vec<String>,
    /// What the reader understood about each question, parallel to `set.questions`.
    pub preview: Vec<QuestionPreview>,
    /// What the reader found out about the document's layout (text guides only).
    pub shape: Shape,
}

impl ImportResult {
    /// Rubric points the source gave (placeholders and proposed points not counted).
    pub fn rubric_points(&self) -> usize {
        let needing: std::collections::HashSet<&str> = self
            .needs_rubric
            .iter()
            .chain(&self.proposed_rubric)
            .map(String::as_str)
            .collect();
        self.set
            .questions
            .iter()
            .filter(|q| !needing.contains(q.id.as_str()))
            .map(|q| q.listen_for.len())
            .sum()
    }

    /// Source line of the question with this id, 0 if unknown.
    pub fn line_of(&self, id: &str) -> usize {
        self.set
            .questions
            .iter()
            .position(|q| q.id == id)
            .and_then(|i| self.question_lines.get(i).copied())
            .unwrap_or(0)
    }

    /// Questions per category id, in the order the categories are declared.
    pub fn questions_per_category(&self) -> Vec<(String, usize)> {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for q in &self.set.questions {
            *counts.entry(q.category.as_str()).or_insert(0) += 1;
        }
        self.set
            .categories
            .iter()
            .map(|c| {
                (
                    c.id.clone(),
                    counts.get(c.id.as_str()).copied().unwrap_or(0),
                )
            })
            .collect()
    }
}

/// The kinds of file the importer reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Markdown or plain text.
    Markdown,
    /// Comma-, semicolon- or tab-separated values with a header row.
    Csv,
}

impl Format {
    /// The format a file name suggests: `.md`, `.markdown`, `.txt` are Markdown; `.csv` and
    /// `.tsv` are CSV. `None` for anything else.
    pub fn from_extension(name: &str) -> Option<Format> {
        let ext = name
            .rsplit_once('.')
            .map(|(_, ext)| ext.to_ascii_lowercase())?;
        match ext.as_str() {
            "md" | "markdown" | "mdown" | "mkd" | "txt" | "text" => Some(Format::Markdown),
            "csv" | "tsv" => Some(Format::Csv),
            _ => None,
        }
    }

    /// Parses a `--format` value.
    pub fn parse_name(name: &str) -> Option<Format> {
        match name.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" | "txt" | "text" => Some(Format::Markdown),
            "csv" | "tsv" => Some(Format::Csv),
            _ => None,
        }
    }

    /// Guesses from the content when the extension says nothing: a first line with commas,
    /// semicolons or tabs that names a prompt or question column is CSV, anything else text.
    pub fn sniff(text: &str) -> Format {
        let first = text
            .trim_start_matches('\u{feff}')
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .to_lowercase();
        let separated = first.contains(',') || first.contains(';') || first.contains('\t');
        if separated && (first.contains("prompt") || first.contains("question")) {
            Format::Csv
        } else {
            Format::Markdown
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Format::Markdown => "Markdown/text",
            Format::Csv => "CSV",
        }
    }
}

/// Decodes `bytes` and runs the parser for `format`; decoding notes (e.g. "read as
/// Windows-1252") come back as line-0 warnings.
pub fn import_bytes(
    bytes: &[u8],
    source_name: &str,
    format: Format,
) -> Result<ImportResult, ImportError> {
    match format {
        Format::Csv => csv::parse(bytes, source_name),
        Format::Markdown => {
            let (text, notes) = decode(bytes, source_name)?;
            let mut result = markdown::parse(&text, source_name)?;
            for note in notes.into_iter().rev() {
                result.warnings.insert(0, note);
            }
            result.warnings.sort_by_key(|w| w.line);
            Ok(result)
        }
    }
}

/// Compares an import with the questions already in the bank and adds a warning for each
/// question that is already there: the same id (the imported one is renamed with `-2`, `-3`…
/// so both load) or the same prompt once case, punctuation and spacing are ignored.
pub fn check_against_bank(result: &mut ImportResult, bank: &QuestionBank) {
    let mut by_prompt: HashMap<String, &str> = HashMap::new();
    for entry in bank.entries() {
        by_prompt
            .entry(text::prompt_key(&entry.question.prompt))
            .or_insert(entry.question.id.as_str());
    }
    let set_name = |id: &str| -> String {
        bank.index_of(id)
            .and_then(|i| bank.set_of(i))
            .map(|s| format!("“{}”", s.title))
            .unwrap_or_else(|| "another set".to_string())
    };
    // The import's own ids, needed only when one clashes with the bank: most imports have no
    // clash and never build it.
    let mut taken: Option<std::collections::HashSet<String>> = None;
    // Renamed ids, applied to the rubric lists once at the end (once per rename would be
    // quadratic when a large import clashes throughout).
    let mut renamed: HashMap<String, String> = HashMap::new();
    let mut notes = Vec::new();
    let keys = prompt_keys(&result.set.questions);
    for (index, key) in keys.into_iter().enumerate() {
        let line = result.question_lines.get(index).copied().unwrap_or(0);
        let question = &result.set.questions[index];
        if let Some(existing) = bank.get(&question.id) {
            let old_id = question.id.clone();
            let taken = taken
                .get_or_insert_with(|| result.set.questions.iter().map(|q| q.id.clone()).collect());
            let new_id = build::unique_id(&old_id, |candidate| {
                taken.contains(candidate) || bank.get(candidate).is_some()
            });
            taken.insert(new_id.clone());
            let same = text::prompt_key(&existing.prompt) == key;
            let what = if same {
                "the same question"
            } else {
                "a question with the same id"
            };
            notes.push((
                line,
                format!(
                    "{what} is already in the bank as `{old_id}` in {}; imported as `{new_id}` so both load — delete one if it is a duplicate",
                    set_name(&old_id)
                ),
            ));
            renamed.insert(old_id, new_id.clone());
            result.set.questions[index].id = new_id;
        } else if let Some(existing) = by_prompt.get(&key) {
            notes.push((
                line,
                format!(
                    "the same question is already in the bank as `{existing}` in {}; delete one of them if it is a duplicate",
                    set_name(existing)
                ),
            ));
        }
    }
    if !renamed.is_empty() {
        for id in result
            .needs_rubric
            .iter_mut()
            .chain(result.proposed_rubric.iter_mut())
        {
            if let Some(new_id) = renamed.get(id.as_str()) {
                *id = new_id.clone();
            }
        }
    }
    // One sort for all of them: sorting after each would be quadratic in a large import.
    result.warnings.extend(
        notes
            .into_iter()
            .map(|(line, message)| ImportWarning { line, message }),
    );
    result.warnings.sort_by_key(|w| w.line);
}

/// Each question's [`text::prompt_key`], computed on two threads for a large import (a few
/// hundred thousand questions), where it is a good part of the comparison's time.
fn prompt_keys(questions: &[crate::model::Question]) -> Vec<String> {
    const PARALLEL_FROM: usize = 20_000;
    let keys_of = |part: &[crate::model::Question]| -> Vec<String> {
        part.iter().map(|q| text::prompt_key(&q.prompt)).collect()
    };
    if questions.len() < PARALLEL_FROM {
        return keys_of(questions);
    }
    let (first, second) = questions.split_at(questions.len() / 2);
    std::thread::scope(|scope| {
        let later = scope.spawn(|| keys_of(second));
        let mut keys = keys_of(first);
        // A thread that cannot finish leaves the work to this one.
        keys.extend(later.join().unwrap_or_else(|_| keys_of(second)));
        keys
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_extensions_and_names() {
        assert_eq!(Format::from_extension("guide.MD"), Some(Format::Markdown));
        assert_eq!(Format::from_extension("notes.txt"), Some(Format::Markdown));
        assert_eq!(Format::from_extension("sheet.csv"), Some(Format::Csv));
        assert_eq!(Format::from_extension("doc.docx"), None);
        assert_eq!(Format::from_extension("noext"), None);
        assert_eq!(Format::parse_name("CSV"), Some(Format::Csv));
        assert_eq!(Format::parse_name("pdf"), None);
        assert_eq!(Format::sniff("Prompt,Category\nx,y"), Format::Csv);
        assert_eq!(Format::sniff("# Guide\n\nWhat is X?"), Format::Markdown);
    }

    #[test]
    fn error_display_names_file_and_line() {
        let error = ImportError {
            file: "a.csv".into(),
            line: 3,
            message: "bad".into(),
        };
        assert_eq!(error.to_string(), "a.csv:3: bad");
        assert_eq!(
            ImportError::whole_file("a.csv", "empty").to_string(),
            "a.csv: empty"
        );
    }
}
