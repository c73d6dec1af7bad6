//! Parsing and validating question-set text, with errors that point at file, line and column.
//!
//! This module never touches the disk: callers hand it the text and a display name.

use std::collections::HashSet;

use rustc_hash::{FxHashMap, FxHashSet};
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
    /// The question field the problem concerns, so a form can show it beside that field
    /// without reading the message (whose wording may change). `None` for problems of the
    /// file or the set as a whole.
    pub field: Option<QuestionField>,
}

/// A field of a [`Question`], as named in the set's RON text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuestionField {
    Id,
    Category,
    Level,
    Prompt,
    /// `listen_for`: the rubric points.
    Rubric,
    RedFlags,
    FollowUps,
    Answer,
    Example,
    Minutes,
    Tags,
}

impl QuestionField {
    pub const ALL: [QuestionField; 11] = [
        QuestionField::Id,
        QuestionField::Category,
        QuestionField::Level,
        QuestionField::Prompt,
        QuestionField::Rubric,
        QuestionField::RedFlags,
        QuestionField::FollowUps,
        QuestionField::Answer,
        QuestionField::Example,
        QuestionField::Minutes,
        QuestionField::Tags,
    ];

    /// The field's key in the RON text, e.g. `listen_for`.
    pub fn ron_key(self) -> &'static str {
        match self {
            QuestionField::Id => "id",
            QuestionField::Category => "category",
            QuestionField::Level => "level",
            QuestionField::Prompt => "prompt",
            QuestionField::Rubric => "listen_for",
            QuestionField::RedFlags => "red_flags",
            QuestionField::FollowUps => "follow_ups",
            QuestionField::Answer => "answer",
            QuestionField::Example => "example",
            QuestionField::Minutes => "minutes",
            QuestionField::Tags => "tags",
        }
    }

    /// The field a RON key names; `None` for a key that is not a question field.
    pub fn from_ron_key(key: &str) -> Option<QuestionField> {
        QuestionField::ALL.into_iter().find(|f| f.ron_key() == key)
    }
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

pub(crate) fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Parses the RON text of a set. Syntax and shape errors (unknown or missing fields, wrong
/// types) come back as a single problem with the position RON reports.
pub fn parse_set(source: &SetSource) -> Result<QuestionSet, LoadProblem> {
    // A UTF-8 byte-order mark is invisible in editors; accept it rather than fail on line 1.
    let text = source.text.strip_prefix('\u{feff}').unwrap_or(&source.text);
    if let Some(set) = super::set_reader::read_set(text) {
        return Ok(set);
    }
    ron_options()
        .from_str::<QuestionSet>(text)
        .map_err(|err| LoadProblem {
            file: source.name.clone(),
            line: err.span.start.line,
            column: err.span.start.col,
            message: explain_ron_error(&err.code),
            field: ron_error_field(&err.code),
        })
}

/// Files smaller than this are parsed whole: splitting them saves less than starting threads
/// costs.
const SPLIT_MIN_BYTES: usize = 1 << 20;

/// [`parse_set`] spread over up to `parts` threads for a large file: the questions list is cut
/// at question boundaries near equal sizes and each piece parsed on its own. Any doubt (a cut
/// that does not parse, a file with RON attributes, an unusual layout) falls back to parsing the
/// whole file in one go, so results and error positions are exactly those of [`parse_set`].
pub fn parse_set_in_parts(source: &SetSource, parts: usize) -> Result<QuestionSet, LoadProblem> {
    let text = source.text.strip_prefix('\u{feff}').unwrap_or(&source.text);
    if parts > 1 && text.len() >= SPLIT_MIN_BYTES && !text.trim_start().starts_with("#!") {
        if let Some(set) = parse_split(text, parts) {
            return Ok(set);
        }
    }
    parse_set(source)
}

/// The split parse itself: `None` when the file cannot be read this way (the caller then parses
/// it whole).
pub fn parse_split(text: &str, parts: usize) -> Option<QuestionSet> {
    let close = text.rfind(']')?;
    // The set without its questions: if the cut points are not the list's brackets (the words
    // may appear in a description too), this does not parse or still holds questions.
    let header_without_questions = |open: usize| -> Option<QuestionSet> {
        let header = format!("{}{}", &text[..=open], &text[close..]);
        let set: QuestionSet = ron_options().from_str(&header).ok()?;
        set.questions.is_empty().then_some(set)
    };
    let (open, mut set) = text
        .match_indices("questions:")
        .take(8)
        .filter_map(|(field, _)| Some(field + text[field..].find('[')?))
        .filter(|open| *open < close)
        .find_map(|open| Some((open, header_without_questions(open)?)))?;
    let list = &text[open + 1..close];
    let cuts = question_boundaries(list, parts);
    let pieces: Vec<&str> = cuts.windows(2).map(|w| &list[w[0]..w[1]]).collect();
    let (first, rest) = pieces.split_first()?;
    let parsed: Vec<Option<Vec<Question>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = rest
            .iter()
            .map(|piece| scope.spawn(move || parse_questions(piece)))
            .collect();
        let mut parsed = vec![parse_questions(first)];
        parsed.extend(handles.into_iter().map(|h| h.join().ok().flatten()));
        parsed
    });
    for questions in parsed {
        set.questions.extend(questions?);
    }
    Some(set)
}

/// A piece of the questions list as a list of its own. A piece parses only if it starts and
/// ends between two questions, outside any string or comment, which is what makes a wrong cut
/// harmless.
fn parse_questions(piece: &str) -> Option<Vec<Question>> {
    let list = format!("[{piece}]");
    super::set_reader::read_questions(&list).or_else(|| ron_options().from_str(&list).ok())
}

/// Byte offsets that cut `list` into about `parts` pieces, starting with 0 and ending with its
/// length. A cut goes at the start of a line that opens a question (`Question(` or `(`) right
/// after a line ending in a comma, the first such line after each equal share.
fn question_boundaries(list: &str, parts: usize) -> Vec<usize> {
    let mut cuts = vec![0];
    for k in 1..parts {
        let mut from = (list.len() * k / parts).max(cuts.last().copied().unwrap_or(0));
        while !list.is_char_boundary(from) {
            from += 1;
        }
        let Some(offset) = list.get(from..) else {
            continue;
        };
        let found = offset
            .match_indices('\n')
            .map(|(n, _)| from + n)
            .find(|&n| {
                let next = list[n + 1..].trim_start_matches([' ', '\t', '\r']);
                let before = list[..n].trim_end_matches([' ', '\t', '\r']);
                before.ends_with(',') && (next.starts_with("Question(") || next.starts_with('('))
            });
        if let Some(n) = found {
            cuts.push(n + 1);
        }
    }
    cuts.push(list.len());
    cuts
}

/// Serialises a set as pretty RON in the same shape the bundled files use.
pub fn set_to_ron(set: &QuestionSet) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .depth_limit(6)
        .indentor("    ".to_string());
    ron_options().to_string_pretty(set, config)
}

/// The question field a RON error is about, when RON names it: a missing or repeated field of
/// a `Question`, or an unknown `Level`. Other errors (syntax, unknown fields) concern no field.
fn ron_error_field(code: &ron::Error) -> Option<QuestionField> {
    use ron::Error as E;
    match code {
        E::MissingStructField { field, outer } | E::DuplicateStructField { field, outer }
            if outer.as_deref() == Some("Question") =>
        {
            QuestionField::from_ron_key(field)
        }
        E::NoSuchEnumVariant { outer, .. } if outer.as_deref() == Some("Level") => {
            Some(QuestionField::Level)
        }
        _ => None,
    }
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
    let checked = check_set(source, set.clone());
    (checked.questions, checked.problems)
}

/// A validated set: its header (without questions), the questions that passed, and the problems.
pub struct CheckedSet {
    pub header: QuestionSet,
    pub questions: Vec<Question>,
    pub problems: Vec<LoadProblem>,
}

/// Where each `id: "…"` of a set's text stands, found in one pass over the text.
pub struct IdLines<'a>(FxHashMap<&'a str, Vec<(usize, usize)>>);

impl<'a> IdLines<'a> {
    pub fn new(text: &'a str) -> IdLines<'a> {
        IdLines(Locator::id_positions(text))
    }

    /// 1-based line of the first `id: "…"` naming `id`; 0 if it is not there.
    pub fn line(&self, id: &str) -> usize {
        self.position(id).0
    }

    /// 1-based line and column (of the opening quote) of the first `id: "…"` naming `id`;
    /// (0, 0) if it is not there.
    pub fn position(&self, id: &str) -> (usize, usize) {
        self.0
            .get(id)
            .and_then(|all| all.first())
            .copied()
            .unwrap_or((0, 0))
    }
}

/// [`validate_set`] for a set the caller no longer needs: the questions are moved, not copied,
/// which matters when a bank of thousands loads at start.
pub fn check_set(source: &SetSource, mut set: QuestionSet) -> CheckedSet {
    let locator = Locator::new(&source.text);
    let mut problems = Vec::new();
    let mut passed = Vec::with_capacity(set.questions.len());
    let category_ids: FxHashSet<&str> = set.categories.iter().map(|c| c.id.as_str()).collect();
    let mut seen_ids: FxHashSet<&str> = FxHashSet::default();
    // How many questions with each id came before, to point at each copy's own position.
    let mut occurrences: FxHashMap<&str, usize> = FxHashMap::default();

    if set.id.trim().is_empty() {
        problems.push(LoadProblem {
            file: source.name.clone(),
            line: locator.find("id:", 0).0,
            column: 1,
            message: "the set's `id` is empty; give the set a short unique id".into(),
            field: None,
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
                field: None,
            });
        }
    }

    for question in &set.questions {
        let occurrence = {
            let count = occurrences.entry(question.id.as_str()).or_insert(0);
            *count += 1;
            *count - 1
        };
        // Positions are looked up only for a problem: most sets have none.
        let at = || locator.id_position(&question.id, occurrence);
        let mut push = |field: QuestionField, line: usize, column: usize, message: String| {
            problems.push(LoadProblem {
                file: source.name.clone(),
                line,
                column,
                message,
                field: Some(field),
            })
        };
        let mut ok = true;
        if question.id.trim().is_empty() {
            push(
                QuestionField::Id,
                at().0,
                at().1,
                "a question has an empty `id`; give it a unique id such as `py.data.copying-lists`"
                    .into(),
            );
            ok = false;
        } else if !seen_ids.insert(question.id.as_str()) {
            push(
                QuestionField::Id,
                at().0,
                at().1,
                format!(
                    "question id `{}` is used twice in this file; ids must be unique",
                    question.id
                ),
            );
            ok = false;
        }
        if question.prompt.trim().is_empty() {
            let at = locator.find("prompt:", at().0);
            push(
                QuestionField::Prompt,
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
            let at = locator.find("listen_for:", at().0);
            push(
                QuestionField::Rubric,
                at.0,
                at.1,
                format!(
                    "question `{}` has no `listen_for` points; add 1–8 observable points a strong answer contains",
                    question.id
                ),
            );
            ok = false;
        } else if !LISTEN_FOR_RANGE.contains(&question.listen_for.len()) {
            let at = locator.find("listen_for:", at().0);
            push(
                QuestionField::Rubric,
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
            let at = locator.find("category:", at().0);
            push(
                QuestionField::Category,
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
                let at = locator.find("minutes:", at().0);
                push(
                    QuestionField::Minutes,
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
        passed.push(ok);
    }
    let all = std::mem::take(&mut set.questions);
    let questions = all
        .into_iter()
        .zip(passed)
        .filter_map(|(question, ok)| ok.then_some(question))
        .collect();
    CheckedSet {
        header: set,
        questions,
        problems,
    }
}

/// Finds 1-based line and column of text in a source, so semantic errors can point at the
/// question they concern even though serde does not keep positions.
struct Locator<'a> {
    text: &'a str,
    /// The text's lines, split only when a problem needs searching for.
    lines: std::cell::OnceCell<Vec<&'a str>>,
    /// Where each `id: "…"` stands, found in one pass (so large sets stay linear) when the
    /// first problem needs it.
    ids: std::cell::OnceCell<FxHashMap<&'a str, Vec<(usize, usize)>>>,
}

impl<'a> Locator<'a> {
    fn new(text: &'a str) -> Self {
        Locator {
            text,
            lines: std::cell::OnceCell::new(),
            ids: std::cell::OnceCell::new(),
        }
    }

    /// Where every `id: "…"` stands, by id, in the order they appear (so the second copy of a
    /// duplicated id is reported at its own line, and several ids on one line each get their
    /// own column). One pass over the text: lines and columns are counted incrementally, so a
    /// file of many ids on one long line stays linear.
    fn id_positions(text: &'a str) -> FxHashMap<&'a str, Vec<(usize, usize)>> {
        let mut ids: FxHashMap<&'a str, Vec<(usize, usize)>> = FxHashMap::default();
        let bytes = text.as_bytes();
        // `counted` is a byte offset whose line and column are known.
        let (mut line, mut column, mut counted) = (1usize, 1usize, 0usize);
        for at in memchr::memmem::find_iter(bytes, b"id:") {
            // `valid:`, `set_id:` and the like are other fields.
            if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_') {
                continue;
            }
            let Some((quote, id)) = quoted_after(text, at + 3) else {
                continue;
            };
            // Both `counted` and `quote` sit on ASCII bytes, so they are character boundaries.
            let Some(between) = text.get(counted..quote) else {
                continue;
            };
            match memchr::memrchr(b'\n', between.as_bytes()) {
                Some(newline) => {
                    line += memchr::memchr_iter(b'\n', between.as_bytes()).count();
                    column = between[newline + 1..].chars().count() + 1;
                }
                None => column += between.chars().count(),
            }
            counted = quote;
            ids.entry(id).or_default().push((line, column));
        }
        ids
    }

    /// Line and column of the `occurrence`-th (0-based) `id: "…"` naming `id`; the last one
    /// found if there are fewer; (0, 0) if none.
    fn id_position(&self, id: &str, occurrence: usize) -> (usize, usize) {
        let ids = self.ids.get_or_init(|| Locator::id_positions(self.text));
        ids.get(id)
            .and_then(|all| all.get(occurrence).or(all.last()))
            .copied()
            .unwrap_or((0, 0))
    }

    /// First occurrence of `needle` at or after 1-based line `from` (0 = start); (0, 0) if absent.
    fn find(&self, needle: &str, from: usize) -> (usize, usize) {
        let start = from.saturating_sub(1);
        let lines = self.lines.get_or_init(|| self.text.lines().collect());
        for (index, line) in lines.iter().enumerate().skip(start) {
            if let Some(byte) = line.find(needle) {
                let column = line[..byte].chars().count() + 1;
                return (index + 1, column);
            }
        }
        (0, 0)
    }
}

/// After `id:` at byte `from`: optional spaces, then a quoted id on the same line. Returns the
/// byte offset of the opening quote and the id.
fn quoted_after(text: &str, from: usize) -> Option<(usize, &str)> {
    let rest = text.get(from..)?;
    let skipped = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let quote = from + skipped;
    let after = text.get(quote..)?.strip_prefix('"')?;
    let close = after.find(['"', '\n'])?;
    (after.as_bytes()[close] == b'"').then(|| (quote, &after[..close]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(questions: &str) -> SetSource {
        SetSource {
            name: "t.ron".into(),
            origin: SetOrigin::Bundled,
            text: format!(
                "QuestionSet(id: \"t\", title: \"T\", categories: [Category(id: \"basics\", title: \"Basics\")], questions: [\n{questions}\n])"
            ),
        }
    }

    /// The field of each problem `check_set` reports for `questions`, in order.
    fn fields(questions: &str) -> Vec<Option<QuestionField>> {
        let source = source(questions);
        let set = parse_set(&source).expect("parses");
        check_set(&source, set)
            .problems
            .iter()
            .map(|p| p.field)
            .collect()
    }

    #[test]
    fn each_question_problem_names_its_field() {
        use QuestionField::*;
        let ok = |id: &str| {
            format!(
                "Question(id: \"{id}\", category: \"basics\", level: Entry, prompt: \"Why?\", listen_for: [\"A point\"]),"
            )
        };
        assert_eq!(fields(&ok("a")), []);
        assert_eq!(
            fields(
                "Question(id: \"\", category: \"basics\", level: Entry, prompt: \"Why?\", listen_for: [\"A\"]),"
            ),
            [Some(Id)]
        );
        assert_eq!(fields(&format!("{}\n{}", ok("a"), ok("a"))), [Some(Id)]);
        assert_eq!(
            fields(
                "Question(id: \"b\", category: \"nope\", level: Entry, prompt: \" \", listen_for: [], minutes: 99),"
            ),
            [Some(Prompt), Some(Rubric), Some(Category), Some(Minutes)]
        );
        let nine = (0..9)
            .map(|i| format!("\"p{i}\""))
            .collect::<Vec<_>>()
            .join(", ");
        assert_eq!(
            fields(&format!(
                "Question(id: \"c\", category: \"basics\", level: Entry, prompt: \"Why?\", listen_for: [{nine}]),"
            )),
            [Some(Rubric)]
        );
    }

    #[test]
    fn ron_errors_name_the_question_field_when_ron_does() {
        let field = |questions: &str| {
            parse_set(&source(questions))
                .map(|_| ())
                .map_err(|p| p.field)
        };
        assert_eq!(
            field("Question(id: \"a\", category: \"basics\", level: Entry, listen_for: [\"A\"]),"),
            Err(Some(QuestionField::Prompt))
        );
        assert_eq!(
            field(
                "Question(id: \"a\", category: \"basics\", level: Beginner, prompt: \"Why?\", listen_for: [\"A\"]),"
            ),
            Err(Some(QuestionField::Level))
        );
        // Syntax errors and unknown fields concern no one field.
        assert_eq!(field("Question(id: \"a\""), Err(None));
        assert_eq!(
            field(
                "Question(id: \"a\", category: \"basics\", level: Entry, prompt: \"Why?\", listen_for: [\"A\"], colour: 1),"
            ),
            Err(None)
        );
    }

    #[test]
    fn ron_keys_round_trip() {
        for field in QuestionField::ALL {
            assert_eq!(QuestionField::from_ron_key(field.ron_key()), Some(field));
        }
        assert_eq!(QuestionField::from_ron_key("title"), None);
    }
}
