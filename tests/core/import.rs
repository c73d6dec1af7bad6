//! Importing the fixture guides and spreadsheets: exact counts, warnings with their lines, and
//! sets that load back through the bank unchanged.

use std::path::{Path, PathBuf};

use interview_scorecard::import::{
    self, Format, ImportResult, NEEDS_RUBRIC_TAG, PLACEHOLDER_POINT, files,
};
use interview_scorecard::model::load::set_to_ron;
use interview_scorecard::model::{Level, QuestionBank, SetOrigin, SetSource};
use interview_scorecard::store::bank_files;

fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn import_fixture(name: &str) -> Result<ImportResult, import::ImportError> {
    let bytes = std::fs::read(fixture_path(name)).expect("read fixture");
    let format = Format::from_extension(name).expect("fixture has a known extension");
    import::import_bytes(&bytes, name, format)
}

fn imported(name: &str) -> ImportResult {
    import_fixture(name).unwrap_or_else(|err| panic!("{name} should import: {err}"))
}

/// (questions, categories, rubric points)
fn counts(result: &ImportResult) -> (usize, usize, usize) {
    (
        result.set.questions.len(),
        result.set.categories.len(),
        result.rubric_points(),
    )
}

/// Warnings as (line, message) for exact comparison of lines and a readable failure.
fn warning_lines(result: &ImportResult) -> Vec<usize> {
    result.warnings.iter().map(|w| w.line).collect()
}

fn levels(result: &ImportResult) -> Vec<Level> {
    result.set.questions.iter().map(|q| q.level).collect()
}

/// Writes the set as RON and loads it through the bank as a user set would be.
fn assert_loads_back(result: &ImportResult) {
    let text = set_to_ron(&result.set).expect("serialise");
    let source = SetSource {
        name: "imported.ron".into(),
        origin: SetOrigin::Extra(PathBuf::from("imported.ron")),
        text,
    };
    let (bank, problems) = QuestionBank::load(&[source]);
    assert!(problems.is_empty(), "{problems:?}");
    let loaded: Vec<_> = bank.entries().iter().map(|e| e.question.clone()).collect();
    assert_eq!(loaded, result.set.questions);
    assert_eq!(bank.sets()[0].categories, result.set.categories);
}

#[test]
fn guide_with_categories_rubrics_and_word_processor_debris() {
    let result = imported("guide.md");
    assert_eq!(counts(&result), (6, 3, 17));
    assert_eq!(result.set.title, "Acme Backend Interview Guide");
    let titles: Vec<&str> = result
        .set
        .categories
        .iter()
        .map(|c| c.title.as_str())
        .collect();
    // The non-breaking space in "Working together" is a plain space now.
    assert_eq!(
        titles,
        ["Python fundamentals", "Databases", "Working together"]
    );
    // The table of contents lists five of these questions first; each is imported once, at
    // the line of its detailed section.
    assert_eq!(result.question_lines, vec![15, 27, 41, 48, 55, 64]);
    assert_eq!(
        levels(&result),
        [
            Level::Entry,
            Level::Entry,
            Level::Intermediate,
            Level::Intermediate,
            Level::Intermediate,
            Level::Intermediate
        ]
    );
    let per_question: Vec<usize> = result
        .set
        .questions
        .iter()
        .map(|q| q.listen_for.len())
        .collect();
    assert_eq!(per_question, [4, 4, 3, 3, 3, 1]);

    let first = &result.set.questions[0];
    assert_eq!(
        first.prompt,
        "What is the difference between a list and a tuple?"
    );
    assert_eq!(first.category, "python-fundamentals");
    assert_eq!(
        first.id,
        "python-fundamentals.what-is-the-difference-between-a-list-and-a-tupl"
    );
    assert_eq!(
        first.listen_for,
        [
            "Lists are mutable, tuples are immutable",
            "Tuples can be dictionary keys when all their items are hashable",
            "Mentions that tuples usually hold a record of fixed shape, while lists hold many items of the same kind",
            "Notes the small memory and speed difference without overstating it",
        ]
    );
    assert_eq!(
        first.red_flags,
        ["Says tuples are \"faster, so always better\""]
    );

    let second = &result.set.questions[1];
    assert_eq!(
        second.listen_for[2],
        "Explains that collisions are resolved by probing other slots"
    );
    assert_eq!(
        second.follow_ups,
        ["What goes wrong if you mutate an object that is used as a key?"]
    );
    assert_eq!(
        result.set.questions[3].listen_for[0],
        "The second writer waits for the first writer's row lock"
    );

    let last = &result.set.questions[5];
    assert_eq!(last.prompt, "Tell me about a time a deploy went wrong.");
    assert_eq!(
        last.answer,
        "Let the candidate lead; ask what they changed in the process afterwards."
    );
    assert_eq!(last.listen_for, [PLACEHOLDER_POINT]);
    assert_eq!(last.tags, [NEEDS_RUBRIC_TAG]);
    assert_eq!(result.needs_rubric, vec![last.id.clone()]);

    for question in &result.set.questions {
        assert!(
            !question.prompt.contains(['\r', '\u{a0}', '\u{feff}']),
            "{:?}",
            question.prompt
        );
        assert!(
            !question.answer.contains("Subscribe"),
            "marketing text leaked into {}",
            question.id
        );
    }

    // The question after the promotional footer is reported, not imported.
    assert_eq!(warning_lines(&result), [0, 74]);
    assert!(
        result.warnings[0]
            .message
            .contains("1 question gives no level"),
        "{:?}",
        result.warnings
    );
    assert!(
        result.warnings[1]
            .message
            .contains("closing text that starts on line 70"),
        "{:?}",
        result.warnings
    );
    assert_loads_back(&result);
}

#[test]
fn question_and_answer_list_keeps_answers_and_code() {
    let result = imported("qa.md");
    assert_eq!(counts(&result), (4, 1, 2));
    assert_eq!(result.question_lines, vec![3, 13, 20, 35]);
    let q = &result.set.questions;
    assert_eq!(q[0].prompt, "What does the `with` statement do?");
    assert_eq!(
        q[0].answer,
        "It calls `__enter__` on the context manager before the block and `__exit__` after it, even when the block raises. This makes cleanup such as closing files automatic."
    );
    // A line ending in "?" inside a code block is code, not a question.
    assert_eq!(
        q[0].example,
        "with open(\"notes.txt\") as handle:\n    first = handle.readline()  # is this line a question?"
    );
    assert_eq!(
        q[1].answer,
        "Use `items.reverse()`. Slicing with `items[::-1]` builds a new list instead."
    );
    assert_eq!(q[1].example, "items = [3, 1, 2]\nitems.reverse()");
    assert_eq!(
        q[2].listen_for,
        [
            "Mentions lazy evaluation and the memory it saves",
            "Knows that a generator can be iterated only once"
        ]
    );
    assert!(
        q[2].example
            .starts_with("def read_lines(path):\n    with open(path) as handle:"),
        "{}",
        q[2].example
    );
    assert_eq!(q[3].prompt, "Explain the difference between `is` and `==`.");
    assert!(q[3].answer.ends_with("which is a trap."), "{}", q[3].answer);
    // The three questions with answers but no rubric get points proposed from the answer.
    assert!(result.needs_rubric.is_empty());
    let proposed: Vec<usize> = result
        .proposed_rubric
        .iter()
        .map(|id| result.line_of(id))
        .collect();
    assert_eq!(proposed, [3, 13, 35]);
    assert_eq!(
        q[3].listen_for,
        [
            "Says that `is` compares identity, `==` compares values",
            "Says that small integers and interned strings can make `is` look as if it compared values, which is a trap"
        ]
    );
    assert_eq!(warning_lines(&result), [0]);
    assert!(
        result.warnings[0]
            .message
            .contains("4 questions give no level")
    );
    assert_loads_back(&result);
}

#[test]
fn levelled_list_maps_headings_years_and_inline_levels() {
    let result = imported("levels.txt");
    assert_eq!(counts(&result), (7, 1, 15));
    assert_eq!(result.set.title, "JavaScript screening questions");
    assert_eq!(
        levels(&result),
        [
            Level::Entry,        // Beginner
            Level::Entry,        // Beginner
            Level::Intermediate, // Intermediate (2-3 years)
            Level::Advanced,     // "(Advanced)" after the question overrides the heading
            Level::Advanced,     // Advanced
            Level::Expert,       // "Level: Expert" under the question
            Level::Expert,       // For 10+ years
        ]
    );
    assert_eq!(result.set.questions[3].prompt, "What is a closure?");
    assert!(result.warnings.is_empty(), "{:?}", result.warnings);
    assert!(result.needs_rubric.is_empty());
    assert_loads_back(&result);
}

#[test]
fn csv_with_pipes_newlines_and_quoted_commas() {
    let result = imported("questions.csv");
    assert_eq!(counts(&result), (5, 3, 11));
    assert_eq!(result.question_lines, vec![2, 3, 6, 8, 10]);
    let q = &result.set.questions;
    assert_eq!(
        q[0].prompt,
        "What is a race condition, and how do you prevent one?"
    );
    assert_eq!(q[0].listen_for.len(), 3);
    assert_eq!(
        q[0].listen_for[2],
        "Names locks, atomics or message passing"
    );
    assert_eq!(q[0].red_flags, ["Thinks adding sleep() fixes it"]);
    assert_eq!(q[0].follow_ups, ["How would you test for one?"]);
    assert_eq!(q[0].minutes, Some(5));
    assert_eq!(q[0].tags, ["threads", "locking"]);
    assert_eq!(
        q[1].listen_for,
        [
            "Chaining: a list per bucket",
            "Open addressing: probe for the next free slot",
            "Resizes when the load factor gets high"
        ]
    );
    assert_eq!(
        q[2].prompt,
        "Explain \"eventual consistency\" to a product manager."
    );
    assert_eq!(q[2].minutes, Some(60));
    assert_eq!(
        q[3].listen_for[0],
        "Consistency, availability, partition tolerance"
    );
    assert_eq!(
        levels(&result),
        [
            Level::Intermediate,
            Level::Entry,
            Level::Advanced,
            Level::Intermediate,
            Level::Advanced
        ]
    );
    assert_eq!(result.needs_rubric, ["data-structures.what-is-a-b-tree"]);
    assert_eq!(warning_lines(&result), [6, 7, 8]);
    assert!(result.warnings[0].message.contains("90 minutes"));
    assert!(result.warnings[1].message.contains("no prompt"));
    assert!(result.warnings[2].message.contains("\"Guru\""));
    assert_loads_back(&result);
}

#[test]
fn broken_files_give_clear_errors() {
    let empty = import_fixture("empty.md").expect_err("empty file");
    assert_eq!(
        empty.to_string(),
        "empty.md: the file is empty; there is nothing to import"
    );

    let binary = import_fixture("binary.md").expect_err("binary file");
    assert!(binary.message.contains("binary data"), "{binary}");

    let bytes = std::fs::read(fixture_path("guide.docx")).expect("read");
    let docx = import::import_bytes(&bytes, "guide.docx", Format::Markdown).expect_err("docx");
    assert!(docx.message.contains("Word"), "{docx}");

    let no_prompt = import_fixture("no_prompt.csv").expect_err("csv without prompt column");
    assert_eq!(no_prompt.line, 1);
    assert!(
        no_prompt
            .to_string()
            .starts_with("no_prompt.csv:1: the header row has no `prompt` column"),
        "{no_prompt}"
    );
    assert!(
        no_prompt
            .message
            .contains("\"Category\", \"Level\", \"Listen For\""),
        "{no_prompt}"
    );

    // A guide as text, but the wrong kind: nothing that reads as a question.
    let bytes = std::fs::read(fixture_path("questions.csv")).expect("read");
    let as_markdown = import::import_bytes(
        b"Notes from the offsite.\nBudget is fine.\n",
        "notes.md",
        Format::Markdown,
    )
    .expect_err("no questions");
    assert!(
        as_markdown.message.contains("found no questions"),
        "{as_markdown}"
    );
    // A spreadsheet forced through the text importer has no question lines either.
    let forced =
        import::import_bytes(&bytes, "questions.csv", Format::Markdown).expect_err("csv as text");
    assert!(forced.message.contains("found no questions"), "{forced}");
}

#[test]
fn other_encodings_are_converted_with_a_warning() {
    let utf16 = imported("utf16.txt");
    assert_eq!(counts(&utf16), (1, 1, 3));
    assert_eq!(utf16.set.categories[0].title, "Networking");
    assert!(
        utf16
            .warnings
            .iter()
            .any(|w| w.line == 0 && w.message.contains("UTF-16"))
    );

    let latin1 = imported("latin1.txt");
    assert_eq!(counts(&latin1), (1, 1, 2));
    assert_eq!(latin1.set.categories[0].title, "Café ordering system");
    assert_eq!(
        latin1.set.questions[0].prompt,
        "How would you model a menu with prices in several currencies?"
    );
    assert!(
        latin1
            .warnings
            .iter()
            .any(|w| w.line == 1 && w.message.contains("Windows-1252"))
    );
}

#[test]
fn oversized_input_is_refused() {
    let huge = "What is X?\n".repeat(import::MAX_IMPORT_BYTES / 11 + 1);
    let error = import::markdown::parse(&huge, "huge.md").expect_err("too big");
    assert!(error.message.contains("MB"), "{error}");
    let error = import::csv::parse(huge.as_bytes(), "huge.csv").expect_err("too big");
    assert!(error.message.contains("MB"), "{error}");
}

#[test]
fn duplicates_against_the_bank_are_reported() {
    let mut sources = bank_files::bundled_sources();
    let first = imported("guide.md");
    sources.push(SetSource {
        name: "earlier.ron".into(),
        origin: SetOrigin::Extra(PathBuf::from("earlier.ron")),
        text: set_to_ron(&first.set).expect("serialise"),
    });
    let (bank, problems) = QuestionBank::load(&sources);
    assert!(problems.is_empty(), "{problems:?}");

    // The same guide again: every id is taken, so each is renamed and reported.
    let mut again = imported("guide.md");
    import::check_against_bank(&mut again, &bank);
    let renamed: Vec<&str> = again.set.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(
        renamed[0],
        "python-fundamentals.what-is-the-difference-between-a-list-and-a-tupl-2"
    );
    assert!(renamed.iter().all(|id| id.ends_with("-2")), "{renamed:?}");
    assert_eq!(again.needs_rubric, [renamed[5].to_string()]);
    let duplicate_lines: Vec<usize> = again
        .warnings
        .iter()
        .filter(|w| w.message.contains("already in the bank"))
        .map(|w| w.line)
        .collect();
    assert_eq!(duplicate_lines, [15, 27, 41, 48, 55, 64]);
    assert!(
        again.warnings[1]
            .message
            .contains("Acme Backend Interview Guide"),
        "{:?}",
        again.warnings
    );

    // A bundled question pasted into a guide under another heading: same prompt, new id.
    let bundled = &bank.entries()[0].question;
    let guide = format!("## Pasted\n\n1. {}\n- a point\n", bundled.prompt);
    let mut pasted = import::markdown::parse(&guide, "pasted.md").expect("parses");
    import::check_against_bank(&mut pasted, &bank);
    assert_eq!(pasted.warnings.len(), 2, "{:?}", pasted.warnings);
    assert_eq!(pasted.warnings[1].line, 3);
    assert!(
        pasted.warnings[1]
            .message
            .contains(&format!("`{}`", bundled.id)),
        "{:?}",
        pasted.warnings
    );

    // Loading the renamed import alongside the first one gives no id clashes.
    sources.push(SetSource {
        name: "again.ron".into(),
        origin: SetOrigin::Extra(PathBuf::from("again.ron")),
        text: set_to_ron(&again.set).expect("serialise"),
    });
    let (bank, problems) = QuestionBank::load(&sources);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(bank.get(renamed[0]).is_some());
}

#[test]
fn written_sets_never_overwrite_without_permission() {
    let dir = tempfile::tempdir().expect("temp dir");
    let result = imported("levels.txt");
    let path = files::default_output(&dir.path().join("question_sets"), &result.set.id);
    assert_eq!(
        path.file_name().and_then(|n| n.to_str()),
        Some("levels.ron")
    );
    files::write_set(&path, &result.set, false).expect("first write");
    let written = std::fs::read_to_string(&path).expect("read back");

    let other = imported("qa.md");
    let error = files::write_set(&path, &other.set, false).expect_err("exists");
    assert!(error.message.contains("already exists"), "{error}");
    assert_eq!(
        std::fs::read_to_string(&path).expect("read back"),
        written,
        "file untouched"
    );

    files::write_set(&path, &other.set, true).expect("overwrite allowed");
    let (sources, problems) = bank_files::read_paths(std::slice::from_ref(&path));
    assert!(problems.is_empty(), "{problems:?}");
    let (bank, problems) = QuestionBank::load(&sources);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(bank.len(), other.set.questions.len());
}
