//! Spreadsheets → a question set.
//!
//! The first row names the columns, in any order and any case: `prompt` (required; also
//! "question"), `category`, `level`, `listen_for` (also "rubric", "what to listen for"),
//! `red_flags`, `follow_ups`, `answer`, `example`, `minutes`, `tags`, `id`. List cells hold
//! several points separated by `|` or by line breaks inside the quoted cell. Commas,
//! semicolons and tabs are recognised as separators.

use super::build::{DEFAULT_LEVEL, Draft, finish};
use super::text::{self, bullet, parse_minutes};
use super::{ImportError, ImportResult, ImportWarning, MAX_IMPORT_BYTES, decode};
use crate::model::Level;
// A column is known by the question field it fills.
use crate::model::QuestionField as Column;

const EMPTY_HINT: &str = "Every row needs a question in the `prompt` column";

const COLUMNS: &[(&str, Column)] = &[
    ("id", Column::Id),
    ("prompt", Column::Prompt),
    ("question", Column::Prompt),
    ("questions", Column::Prompt),
    ("question text", Column::Prompt),
    ("category", Column::Category),
    ("topic", Column::Category),
    ("section", Column::Category),
    ("level", Column::Level),
    ("difficulty", Column::Level),
    ("seniority", Column::Level),
    ("experience", Column::Level),
    ("listen for", Column::Rubric),
    ("what to listen for", Column::Rubric),
    ("look for", Column::Rubric),
    ("what to look for", Column::Rubric),
    ("rubric", Column::Rubric),
    ("evaluation criteria", Column::Rubric),
    ("red flags", Column::RedFlags),
    ("red flag", Column::RedFlags),
    ("follow ups", Column::FollowUps),
    ("follow up", Column::FollowUps),
    ("followups", Column::FollowUps),
    ("follow up questions", Column::FollowUps),
    ("answer", Column::Answer),
    ("reference answer", Column::Answer),
    ("sample answer", Column::Answer),
    ("model answer", Column::Answer),
    ("example", Column::Example),
    ("example code", Column::Example),
    ("code", Column::Example),
    ("minutes", Column::Minutes),
    ("time", Column::Minutes),
    ("duration", Column::Minutes),
    ("tags", Column::Tags),
    ("tag", Column::Tags),
    ("keywords", Column::Tags),
];

fn column_for(header: &str) -> Option<Column> {
    let key: String = text::normalise(header)
        .trim()
        .chars()
        .map(|c| if c == '_' || c == '-' { ' ' } else { c })
        .flat_map(char::to_lowercase)
        .collect();
    let key = text::squash(key.trim_end_matches(':'));
    COLUMNS
        .iter()
        .find(|(name, _)| *name == key)
        .map(|(_, c)| *c)
}

/// The separator the header row uses most: comma, semicolon or tab.
fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let count = |c: char| header.matches(c).count();
    let (comma, semicolon, tab) = (count(','), count(';'), count('\t'));
    if tab > comma && tab >= semicolon {
        b'\t'
    } else if semicolon > comma {
        b';'
    } else {
        b','
    }
}

/// Splits a list cell into points: by `|` or line breaks, dropping bullet markers.
fn split_points(cell: &str) -> Vec<String> {
    cell.split(['|', '\n'])
        .map(|part| {
            let t = part.trim();
            match bullet(t) {
                Some(b) => b.text,
                None => t.to_string(),
            }
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// Parses CSV bytes (any encoding [`decode`] reads). `source_name` is used in messages and for
/// the default set id and title.
pub fn parse(bytes: &[u8], source_name: &str) -> Result<ImportResult, ImportError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::whole_file(
            source_name,
            format!(
                "the file is larger than {} MB; split it into smaller files",
                MAX_IMPORT_BYTES / 1_048_576
            ),
        ));
    }
    let (raw_text, notes) = decode(bytes, source_name)?;
    // Only the BOM and line ends change here; quotes inside cells are straightened per cell.
    let text = raw_text
        .strip_prefix('\u{feff}')
        .unwrap_or(&raw_text)
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    let delimiter = sniff_delimiter(&text);
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|err| ImportError {
            file: source_name.to_string(),
            line: err.position().map_or(1, |p| p.line() as usize),
            message: format!("could not read the header row: {err}"),
        })?
        .clone();
    let header_line = headers.position().map_or(1, |p| line_at(&text, p.byte()));

    let mut warnings: Vec<ImportWarning> = notes;
    let mut columns: Vec<Option<Column>> = Vec::new();
    let mut unknown = Vec::new();
    for header in headers.iter() {
        let column = column_for(header);
        if let Some(c) = column {
            if columns.contains(&Some(c)) {
                warnings.push(ImportWarning {
                    line: header_line,
                    message: format!(
                        "column \"{}\" repeats an earlier column; only the first is used",
                        header.trim()
                    ),
                });
                columns.push(None);
                continue;
            }
        } else if !header.trim().is_empty() {
            unknown.push(format!("\"{}\"", header.trim()));
        }
        columns.push(column);
    }
    let shown: Vec<String> = headers
        .iter()
        .map(|h| format!("\"{}\"", h.trim()))
        .collect();
    if !columns.contains(&Some(Column::Prompt)) {
        return Err(ImportError {
            file: source_name.to_string(),
            line: header_line,
            message: format!(
                "the header row has no `prompt` column (it has {}). Add a column named \"prompt\" (or \"question\") holding each question's text, or check that the first row is the header",
                if shown.is_empty() {
                    "no columns".to_string()
                } else {
                    shown.join(", ")
                }
            ),
        });
    }
    if !unknown.is_empty() {
        warnings.push(ImportWarning {
            line: header_line,
            message: format!(
                "column{} {} {} not used; known columns are prompt, category, level, listen_for, red_flags, follow_ups, answer, example, minutes, tags, id",
                if unknown.len() == 1 { "" } else { "s" },
                unknown.join(", "),
                if unknown.len() == 1 { "is" } else { "are" }
            ),
        });
    }
    for (column, what) in [
        (
            Column::Category,
            "category: every question goes into \"General\"",
        ),
        (
            Column::Level,
            "level: every question is set to Intermediate",
        ),
        (
            Column::Rubric,
            "listen_for: every question gets a placeholder rubric point to fill in",
        ),
    ] {
        if !columns.contains(&Some(column)) {
            warnings.push(ImportWarning {
                line: header_line,
                message: format!("there is no column for {what}"),
            });
        }
    }

    let mut drafts = Vec::new();
    let mut errors = 0usize;
    let mut lines = LineCounter::default();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                errors += 1;
                if errors <= 20 {
                    warnings.push(ImportWarning {
                        line: err.position().map_or(0, |p| lines.line_at(&text, p.byte())),
                        message: format!("this row could not be read and was skipped: {err}"),
                    });
                }
                if errors > 1000 {
                    break;
                }
                continue;
            }
        };
        // The reader does not count blank lines, so the line comes from the byte offset.
        let line = record
            .position()
            .map_or(0, |p| lines.line_at(&text, p.byte()));
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let mut draft = Draft {
            line,
            ..Draft::default()
        };
        for (index, cell) in record.iter().enumerate() {
            let Some(Some(column)) = columns.get(index) else {
                continue;
            };
            let cell = text::normalise(cell);
            let value = cell.trim();
            if value.is_empty() {
                continue;
            }
            match column {
                Column::Id => draft.id = Some(value.to_string()),
                Column::Prompt => {
                    let breaks = value.matches('\n').count();
                    if breaks > 0 {
                        warnings.push(ImportWarning {
                            line,
                            message: format!(
                                "this prompt runs over {} lines; if that is not intended, a closing quote (\") is probably missing and later rows were swallowed",
                                breaks + 1
                            ),
                        });
                    }
                    draft.prompt = text::squash(value);
                }
                Column::Category => draft.category = Some(text::squash(value)),
                Column::Level => match Level::parse_loose(value)
                    .or_else(|| text::find_level(value).map(|(l, _)| l))
                {
                    Some(level) => draft.level = Some(level),
                    None => {
                        warnings.push(ImportWarning {
                            line,
                            message: format!(
                                "level \"{}\" is not one I know (use Beginner, Intermediate, Advanced, Expert or years such as \"2-3 years\"); set to {}",
                                text::squash(value),
                                DEFAULT_LEVEL.label()
                            ),
                        });
                        draft.level = Some(DEFAULT_LEVEL);
                    }
                },
                Column::Rubric => draft.listen_for = split_points(value),
                Column::RedFlags => draft.red_flags = split_points(value),
                Column::FollowUps => draft.follow_ups = split_points(value),
                Column::Answer => draft.answer = value.to_string(),
                Column::Example => draft.example = cell.trim_matches('\n').to_string(),
                Column::Minutes => match parse_minutes(value) {
                    Some(minutes) => draft.minutes = Some(minutes),
                    None => warnings.push(ImportWarning {
                        line,
                        message: format!(
                            "minutes \"{}\" is not a number; ignored",
                            text::squash(value)
                        ),
                    }),
                },
                Column::Tags => {
                    draft.tags = value
                        .split([',', ';', '|', '\n'])
                        .map(|t| t.trim().to_string())
                        .filter(|t| !t.is_empty())
                        .collect()
                }
            }
        }
        if draft.prompt.is_empty() {
            warnings.push(ImportWarning {
                line,
                message: "this row has no prompt and was skipped".to_string(),
            });
            continue;
        }
        drafts.push(draft);
    }
    if errors > 20 {
        warnings.push(ImportWarning {
            line: 0,
            message: format!("{} more rows could not be read", errors - 20),
        });
    }
    finish(drafts, warnings, source_name, None, EMPTY_HINT)
}

/// 1-based line where the record starting at byte offset `byte` begins. The reader reports
/// a record as starting before any blank lines it skipped, so those are stepped over.
fn line_at(text: &str, byte: u64) -> usize {
    LineCounter::default().line_at(text, byte)
}

/// Finds lines for byte offsets that only grow, counting each newline once, so a file of many
/// rows is located in linear time.
#[derive(Default)]
struct LineCounter {
    byte: usize,
    newlines: usize,
}

impl LineCounter {
    fn line_at(&mut self, text: &str, byte: u64) -> usize {
        let bytes = text.as_bytes();
        let mut end = usize::try_from(byte).unwrap_or(usize::MAX).min(bytes.len());
        while bytes.get(end) == Some(&b'\n') {
            end += 1;
        }
        if end < self.byte {
            *self = LineCounter::default();
        }
        self.newlines += bytes[self.byte..end]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        self.byte = end;
        self.newlines + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_any_case_and_points_split() {
        let csv = "Prompt,CATEGORY,Level,Listen_For\n\"What is X, really?\",Python,Beginner,\"a|b\"\nWhy Y?,SQL,2-3 years,\"- c\n- d\n- e\"\n";
        let result = parse(csv.as_bytes(), "q.csv").expect("parses");
        let q = &result.set.questions;
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].prompt, "What is X, really?");
        assert_eq!(q[0].listen_for, vec!["a", "b"]);
        assert_eq!(q[0].level, Level::Entry);
        assert_eq!(q[1].listen_for, vec!["c", "d", "e"]);
        assert_eq!(q[1].level, Level::Intermediate);
        assert_eq!(result.question_lines, vec![2, 3]);
        assert!(result.warnings.is_empty(), "{:?}", result.warnings);
    }

    #[test]
    fn semicolons_are_sniffed() {
        let csv = "question;category;rubric\nWhat is X?;Python;a|b\n";
        let result = parse(csv.as_bytes(), "q.csv").expect("parses");
        assert_eq!(result.set.questions[0].listen_for, vec!["a", "b"]);
        assert!(result.warnings.iter().any(|w| w.message.contains("level")));
    }

    #[test]
    fn missing_prompt_column_names_file_and_line() {
        let error = parse(b"category,level\nPython,Beginner\n", "bad.csv").expect_err("no prompt");
        assert_eq!(error.line, 1);
        assert!(error.to_string().starts_with("bad.csv:1: "), "{error}");
        assert!(error.message.contains("\"category\", \"level\""), "{error}");
    }

    #[test]
    fn unterminated_quote_is_reported() {
        let csv = "prompt,level\n\"What is X?,Beginner\nWhy Y?,Advanced\n";
        let result = parse(csv.as_bytes(), "q.csv").expect("parses");
        assert_eq!(result.set.questions.len(), 1);
        assert!(
            result
                .warnings
                .iter()
                .any(|w| w.line == 2 && w.message.contains("closing quote")),
            "{:?}",
            result.warnings
        );
    }

    #[test]
    fn rows_without_prompt_are_skipped_with_a_warning() {
        let csv = "prompt,listen_for\n,orphan point\nWhy?,a\n";
        let result = parse(csv.as_bytes(), "q.csv").expect("parses");
        assert_eq!(result.set.questions.len(), 1);
        assert!(
            result
                .warnings
                .iter()
                .any(|w| w.line == 2 && w.message.contains("no prompt"))
        );
    }
}
