//! What the import understood, for the preview: per question its section, whether its level
//! and rubric came from the source, its source line and anything the reader was unsure about;
//! and small edits the user makes before writing (a wrong level, a heading taken as a
//! question, proposed rubric points to accept or drop).

use std::path::{Path, PathBuf};

use super::{
    Format, ImportResult, ImportWarning, NEEDS_RUBRIC_TAG, PLACEHOLDER_POINT, PROPOSED_RUBRIC_TAG,
    files,
};
use crate::model::Level;
use crate::model::QuestionBank;
use crate::store::paths::unique_path;
use crate::store::user_sets;

/// Where a question's rubric came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RubricOrigin {
    /// Written in the source ("What to listen for", a rubric column, bullets under a question).
    Source,
    /// Proposed from the answer's sentences or bullets: the user accepts, edits or drops them.
    Proposed,
    /// No rubric and nothing to propose: the single [`PLACEHOLDER_POINT`].
    Placeholder,
}

/// What the reader understood about one question, parallel to `set.questions`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionPreview {
    /// 1-based source line of the question.
    pub line: usize,
    /// Section (category title) as the guide names it.
    pub section: String,
    /// Whether the level came from the guide (a heading, label or card); otherwise it is the
    /// default and worth a look.
    pub level_given: bool,
    pub rubric: RubricOrigin,
    /// Reasons to check this question; empty when the reader is sure.
    pub unsure: Vec<String>,
}

/// A section as the preview lists it: title, first source line, questions and levels in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionSummary {
    pub title: String,
    pub first_line: usize,
    pub questions: usize,
    /// Levels of its questions, in scale order, with counts.
    pub levels: Vec<(Level, usize)>,
}

impl ImportResult {
    /// The sections in the order the guide has them, with counts and levels.
    pub fn sections(&self) -> Vec<SectionSummary> {
        // One pass over the questions, each counted in its category's slot: a guide with
        // hundreds of thousands of sections stays linear.
        let slot: std::collections::HashMap<&str, usize> = self
            .set
            .categories
            .iter()
            .enumerate()
            .rev()
            .map(|(index, c)| (c.id.as_str(), index))
            .collect();
        let mut tallies = vec![(0usize, 0usize, [0usize; 4]); self.set.categories.len()];
        for (index, q) in self.set.questions.iter().enumerate() {
            let Some(&at) = slot.get(q.category.as_str()) else {
                continue;
            };
            let (first_line, questions, counts) = &mut tallies[at];
            if *questions == 0 {
                *first_line = self.question_lines.get(index).copied().unwrap_or(0);
            }
            *questions += 1;
            counts[q.level.rank()] += 1;
        }
        self.set
            .categories
            .iter()
            .map(|category| {
                // A category declared twice shows the same figures under each declaration.
                let (first_line, questions, counts) = tallies[slot[category.id.as_str()]];
                SectionSummary {
                    title: category.title.clone(),
                    first_line,
                    questions,
                    levels: Level::ALL
                        .iter()
                        .zip(counts)
                        .filter(|(_, n)| *n > 0)
                        .map(|(l, n)| (*l, n))
                        .collect(),
                }
            })
            .collect()
    }

    /// Indexes of questions the reader was unsure about.
    pub fn unsure(&self) -> Vec<usize> {
        self.preview
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.unsure.is_empty())
            .map(|(i, _)| i)
            .collect()
    }

    /// Sets the level of question `index` (a fix made in the preview).
    pub fn set_level(&mut self, index: usize, level: Level) {
        if let Some(q) = self.set.questions.get_mut(index) {
            q.level = level;
        }
        if let Some(p) = self.preview.get_mut(index) {
            p.level_given = true;
        }
    }

    /// Drops question `index` (a heading or a stray line taken as a question), keeping the
    /// parallel lists in step and removing a category left empty.
    pub fn remove_question(&mut self, index: usize) {
        if index >= self.set.questions.len() {
            return;
        }
        let removed = self.set.questions.remove(index);
        if index < self.question_lines.len() {
            self.question_lines.remove(index);
        }
        if index < self.preview.len() {
            self.preview.remove(index);
        }
        self.needs_rubric.retain(|id| *id != removed.id);
        self.proposed_rubric.retain(|id| *id != removed.id);
        if !self
            .set
            .questions
            .iter()
            .any(|q| q.category == removed.category)
        {
            self.set.categories.retain(|c| c.id != removed.category);
        }
    }

    /// Accepts the proposed rubric of question `index`: the points stay and stop being marked
    /// proposed.
    pub fn accept_proposed(&mut self, index: usize) {
        let Some(q) = self.set.questions.get_mut(index) else {
            return;
        };
        q.tags.retain(|t| t != PROPOSED_RUBRIC_TAG);
        let id = q.id.clone();
        self.proposed_rubric.retain(|p| *p != id);
        if let Some(p) = self.preview.get_mut(index) {
            p.rubric = RubricOrigin::Source;
        }
    }

    /// Drops the proposed rubric of question `index`: it gets the placeholder point and the
    /// needs-rubric tag, as a question without any rubric does.
    pub fn drop_proposed(&mut self, index: usize) {
        let Some(q) = self.set.questions.get_mut(index) else {
            return;
        };
        q.tags.retain(|t| t != PROPOSED_RUBRIC_TAG);
        if !q.tags.iter().any(|t| t == NEEDS_RUBRIC_TAG) {
            q.tags.push(NEEDS_RUBRIC_TAG.to_string());
        }
        q.listen_for = vec![PLACEHOLDER_POINT.to_string()];
        let id = q.id.clone();
        self.proposed_rubric.retain(|p| *p != id);
        if !self.needs_rubric.contains(&id) {
            self.needs_rubric.push(id);
        }
        if let Some(p) = self.preview.get_mut(index) {
            p.rubric = RubricOrigin::Placeholder;
        }
    }
}

/// How to read the chosen file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum FormatChoice {
    /// From the extension, else from the content.
    #[default]
    Detect,
    Markdown,
    Csv,
}

impl FormatChoice {
    pub const ALL: [FormatChoice; 3] = [
        FormatChoice::Detect,
        FormatChoice::Markdown,
        FormatChoice::Csv,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FormatChoice::Detect => "Detect from the file",
            FormatChoice::Markdown => "Markdown or plain text",
            FormatChoice::Csv => "CSV (header row)",
        }
    }
}

/// What the import will write, as the preview shows it.
#[derive(Clone, Debug)]
pub struct Preview {
    pub source: PathBuf,
    pub format: Format,
    pub size_bytes: u64,
    /// Checked against the whole bank: what a new file would hold.
    pub result: ImportResult,
    /// The warnings the bank check added: questions already in the bank.
    pub duplicates: Vec<ImportWarning>,
    /// When `target` exists: the import checked against the bank without that file, which is
    /// what replacing it writes.
    pub replacing: Option<(ImportResult, Vec<ImportWarning>)>,
    /// The file the set goes to.
    pub target: PathBuf,
    /// Set title, editable in the preview.
    pub title: String,
    /// Title and question count of the set in `target`, when it exists.
    pub existing: Option<(String, usize)>,
    /// The user pressed Import and `target` exists: ask.
    pub confirm_replace: bool,
    pub summary: Summary,
}

/// The preview's lists, worked out once on the worker thread rather than on every frame.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// Title, questions and rubric points of each category, in the order declared.
    pub categories: Vec<(String, usize, usize)>,
    /// Questions per level, e.g. "Entry 2 · Intermediate 4".
    pub levels: String,
    /// Source line and prompt of each question imported without a rubric.
    pub needs_rubric: Vec<(usize, String)>,
    /// Warnings other than questions already in the bank.
    pub warnings: Vec<ImportWarning>,
}

impl Summary {
    pub fn of(result: &ImportResult, duplicates: &[ImportWarning]) -> Summary {
        use std::collections::{HashMap, HashSet};
        let needing: HashSet<&str> = result.needs_rubric.iter().map(String::as_str).collect();
        let mut per_category: HashMap<&str, (usize, usize)> = HashMap::new();
        let mut needs_rubric = Vec::new();
        for (index, q) in result.set.questions.iter().enumerate() {
            let entry = per_category.entry(q.category.as_str()).or_default();
            entry.0 += 1;
            if needing.contains(q.id.as_str()) {
                let line = result.question_lines.get(index).copied().unwrap_or(0);
                needs_rubric.push((line, q.prompt.clone()));
            } else {
                entry.1 += q.listen_for.len();
            }
        }
        let categories = result
            .set
            .categories
            .iter()
            .map(|c| {
                let (count, points) = per_category.get(c.id.as_str()).copied().unwrap_or_default();
                (c.title.clone(), count, points)
            })
            .collect();
        let levels: Vec<String> = Level::ALL
            .iter()
            .map(|l| {
                (
                    l,
                    result
                        .set
                        .questions
                        .iter()
                        .filter(|q| q.level == *l)
                        .count(),
                )
            })
            .filter(|(_, n)| *n > 0)
            .map(|(l, n)| format!("{} {n}", l.label()))
            .collect();
        let warnings = without(&result.warnings, duplicates);
        Summary {
            categories,
            levels: levels.join(" · "),
            needs_rubric,
            warnings,
        }
    }
}

impl Preview {
    /// The file a "keep both" import goes to.
    pub fn new_name(&self) -> PathBuf {
        unique_path(&self.target)
    }
}

/// The warnings in `all` that are not in `taken`, counting repeats (a linear pass, since a
/// damaged file can produce tens of thousands of warnings).
fn without(all: &[ImportWarning], taken: &[ImportWarning]) -> Vec<ImportWarning> {
    let mut counts: std::collections::HashMap<(usize, &str), usize> =
        std::collections::HashMap::new();
    for warning in taken {
        *counts
            .entry((warning.line, warning.message.as_str()))
            .or_default() += 1;
    }
    all.iter()
        .filter(|w| match counts.get_mut(&(w.line, w.message.as_str())) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .cloned()
        .collect()
}

/// Reads, parses and checks the file against the bank (and, when the target set exists,
/// against the bank without it); the whole preview, or a message naming file and line.
pub fn preview_file(
    path: &Path,
    choice: FormatChoice,
    bank: &QuestionBank,
    user_dir: &Path,
    extra: &[PathBuf],
) -> Result<Preview, String> {
    let bytes = files::read_input(path).map_err(|e| e.to_string())?;
    let name = path.display().to_string();
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let format = match choice {
        FormatChoice::Markdown => Format::Markdown,
        FormatChoice::Csv => Format::Csv,
        FormatChoice::Detect => Format::from_extension(&file_name).unwrap_or_else(|| {
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_string();
            Format::sniff(&head)
        }),
    };
    let raw = super::import_bytes(&bytes, &name, format).map_err(|e| e.to_string())?;
    let checked = |bank: &QuestionBank| {
        let mut result = raw.clone();
        super::check_against_bank(&mut result, bank);
        let added = without(&result.warnings, &raw.warnings);
        (result, added)
    };
    let target = files::default_output(user_dir, &raw.set.id);
    let (result, duplicates) = checked(bank);
    let summary = Summary::of(&result, &duplicates);
    let (replacing, existing) = if target.exists() {
        let existing = user_sets::load_set(&target)
            .ok()
            .map(|s| (s.title, s.questions.len()));
        (
            Some(checked(&user_sets::bank_without(user_dir, extra, &target))),
            existing,
        )
    } else {
        (None, None)
    };
    Ok(Preview {
        source: path.to_path_buf(),
        format,
        size_bytes: bytes.len() as u64,
        title: result.set.title.clone(),
        result,
        duplicates,
        replacing,
        target,
        existing,
        confirm_replace: false,
        summary,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warning(line: usize, message: &str) -> ImportWarning {
        ImportWarning {
            line,
            message: message.into(),
        }
    }

    #[test]
    fn without_removes_each_taken_warning_once() {
        let all = [
            warning(0, "a"),
            warning(3, "dup"),
            warning(3, "dup"),
            warning(5, "b"),
        ];
        let taken = [warning(3, "dup")];
        assert_eq!(
            without(&all, &taken),
            [warning(0, "a"), warning(3, "dup"), warning(5, "b")]
        );
    }

    #[test]
    fn summary_counts_points_without_placeholders() {
        let bytes = include_bytes!("../../tests/fixtures/import/guide.md");
        let result =
            super::super::import_bytes(bytes, "guide.md", Format::Markdown).expect("imports");
        let summary = Summary::of(&result, &[]);
        let rows: Vec<(&str, usize, usize)> = summary
            .categories
            .iter()
            .map(|(t, q, p)| (t.as_str(), *q, *p))
            .collect();
        assert_eq!(
            rows,
            [
                ("Python fundamentals", 2, 8),
                ("Databases", 3, 9),
                ("Working together", 1, 0)
            ]
        );
        assert_eq!(
            summary.needs_rubric,
            [(64, "Tell me about a time a deploy went wrong.".to_string())]
        );
        assert_eq!(summary.levels, "Entry 2 · Intermediate 4");
        assert_eq!(summary.warnings.len(), 2);
    }
}
