//! The question-set loader reports each class of error with the file and line it is on.

use std::path::{Path, PathBuf};

use interview_scorecard::model::{LoadProblem, QuestionBank};
use interview_scorecard::store::bank_files;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sets")
        .join(name)
}

fn load(names: &[&str]) -> (QuestionBank, Vec<LoadProblem>) {
    let paths: Vec<PathBuf> = names.iter().map(|n| fixture(n)).collect();
    let (sources, mut problems) = bank_files::read_paths(&paths);
    let (bank, mut more) = QuestionBank::load(&sources);
    problems.append(&mut more);
    (bank, problems)
}

fn only_problem(names: &[&str]) -> LoadProblem {
    let (_, problems) = load(names);
    assert_eq!(problems.len(), 1, "expected one problem, got {problems:#?}");
    problems.into_iter().next().expect("one problem")
}

#[test]
fn good_file_loads_without_problems() {
    let (bank, problems) = load(&["good.ron"]);
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(bank.len(), 1);
    let q = bank.get("fx.good.one").expect("question loaded");
    assert_eq!(q.listen_for.len(), 2);
    assert_eq!(q.minutes, Some(5));
}

#[test]
fn syntax_error_points_at_the_line() {
    let p = only_problem(&["syntax_error.ron"]);
    assert!(p.file.ends_with("syntax_error.ron"), "{p}");
    assert_eq!(p.line, 13, "{p}");
    assert!(p.column > 1, "{p}");
    assert!(p.to_string().contains("syntax_error.ron:13:"), "{p}");
}

#[test]
fn unknown_field_is_an_error_naming_it() {
    let p = only_problem(&["unknown_field.ron"]);
    assert_eq!(p.line, 14, "{p}");
    assert!(p.message.contains("unknown field `listen_fro`"), "{p}");
    assert!(
        p.message.contains("listen_for"),
        "the allowed names are listed: {p}"
    );
}

#[test]
fn missing_field_is_named() {
    let p = only_problem(&["missing_field.ron"]);
    assert!(p.message.contains("`prompt`"), "{p}");
    assert!(p.line >= 9 && p.line <= 14, "{p}");
}

#[test]
fn duplicate_ids_across_files_name_both_files() {
    let (bank, problems) = load(&["duplicate_a.ron", "duplicate_b.ron"]);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let p = &problems[0];
    assert!(p.file.ends_with("duplicate_b.ron"), "{p}");
    assert_eq!(p.line, 16, "{p}");
    assert!(
        p.message.contains("duplicate_a.ron:9"),
        "names the first place: {p}"
    );
    // The first definition and the other question still load.
    assert_eq!(bank.len(), 2);
    assert_eq!(
        bank.get("fx.shared.id").map(|q| q.prompt.as_str()),
        Some("What is a dict?")
    );
}

#[test]
fn semantic_errors_each_name_their_line_and_the_rest_loads() {
    let (bank, problems) = load(&["broken.ron"]);
    let lines: Vec<(usize, &str)> = problems
        .iter()
        .map(|p| (p.line, p.message.as_str()))
        .collect();
    assert_eq!(problems.len(), 4, "{problems:#?}");
    assert!(
        lines
            .iter()
            .any(|(l, m)| *l == 19 && m.contains("empty `prompt`")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|(l, m)| *l == 27 && m.contains("no `listen_for` points")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|(l, m)| *l == 31 && m.contains("unknown category `nowhere`")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|(l, m)| *l == 42 && m.contains("90 minutes")),
        "{lines:?}"
    );
    assert_eq!(bank.len(), 1, "the valid question still loads");
    assert!(bank.get("fx.broken.ok").is_some());
}

#[test]
fn not_utf8_and_missing_files_are_reported_not_panics() {
    let dir = tempfile::tempdir().expect("temp dir");
    let binary = dir.path().join("binary.ron");
    std::fs::write(&binary, [0x51u8, 0x0a, 0xff, 0xfe, 0x00]).expect("write");
    let (sources, problems) = bank_files::read_paths(&[binary, dir.path().join("absent.ron")]);
    assert!(sources.is_empty());
    assert_eq!(problems.len(), 2);
    assert!(problems[0].message.contains("not UTF-8"), "{}", problems[0]);
    assert_eq!(problems[0].line, 2);
    assert!(
        problems[1].message.contains("no such file"),
        "{}",
        problems[1]
    );
}

#[test]
fn a_bad_user_file_does_not_stop_the_bundled_bank() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(fixture("syntax_error.ron"), dir.path().join("mine.ron")).expect("copy");
    let (bank, problems) = bank_files::load_bank(Some(dir.path()), &[]);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems[0].file.ends_with("mine.ron"));
    assert!(!bank.is_empty(), "bundled questions still load");
}

/// A set of `count` questions over a megabyte of RON, written as the app writes sets.
fn large_set_text(count: usize) -> String {
    use interview_scorecard::model::{Category, Level, Question, QuestionSet, load::set_to_ron};
    let questions = (0..count)
        .map(|i| Question {
            id: format!("big.q{i:05}"),
            category: "c".into(),
            level: Level::ALL[i % 4],
            prompt: format!("Question {i}: what breaks when `items[{i}]` holds \"(\", ']' or ,?"),
            listen_for: vec![
                format!("Point {i}, with a comma, a bracket ] and a paren )"),
                "Question(, looking like the start of a question".into(),
            ],
            answer: format!(
                "{}\n    Question(\n",
                "An answer long enough to fill the file. ".repeat(12)
            ),
            example: "def f(x):\n    return [x, (x,)]\n".into(),
            red_flags: Vec::new(),
            follow_ups: Vec::new(),
            minutes: Some(5),
            tags: vec!["big".into()],
        })
        .collect();
    let set = QuestionSet {
        id: "big".into(),
        title: "Big".into(),
        description: "questions: [ inside a description".into(),
        version: 1,
        categories: vec![Category {
            id: "c".into(),
            title: "C".into(),
        }],
        questions,
    };
    let text = set_to_ron(&set).expect("serialises");
    assert!(
        text.len() > 1 << 20,
        "large enough to be split: {}",
        text.len()
    );
    text
}

fn source(text: String) -> interview_scorecard::model::SetSource {
    interview_scorecard::model::SetSource {
        name: "big.ron".into(),
        origin: interview_scorecard::model::SetOrigin::Bundled,
        text,
    }
}

#[test]
fn a_large_file_parsed_in_parts_equals_parsing_it_whole() {
    use interview_scorecard::model::load::{parse_set, parse_set_in_parts, parse_split};
    let text = large_set_text(1_500);
    // Hand-written variants: a raw string holding a line that looks like a question boundary,
    // comments between questions, and Windows line ends.
    let raw = text.replacen("tags: [", "tags: [r#\"raw,\n        Question(\n\"#, ", 1);
    let commented = text.replace(
        "\n        Question(",
        "\n        // a comment, (\n        Question(",
    );
    let crlf = text.replace('\n', "\r\n");
    for (what, text) in [
        ("as written", text),
        ("with comments", commented),
        ("CRLF", crlf),
        ("raw string", raw),
    ] {
        let source = source(text);
        let whole = parse_set(&source).expect("parses whole");
        assert_eq!(whole.questions.len(), 1_500, "{what}");
        for parts in [2, 3, 8] {
            assert!(
                parse_split(&source.text, parts).is_some(),
                "{what}: the file really is read in {parts} parts"
            );
            let split = parse_set_in_parts(&source, parts).expect("parses in parts");
            assert!(split == whole, "{what}, {parts} parts: the same set");
        }
    }
}

#[test]
fn a_large_broken_file_reports_the_same_error_as_parsing_it_whole() {
    use interview_scorecard::model::load::{parse_set, parse_set_in_parts, parse_split};
    let text = large_set_text(1_500);
    // Break a question near the end: an unterminated string.
    let at = text.rfind("prompt: \"").expect("a prompt");
    let broken = format!("{}prompt: \"\"{}", &text[..at], &text[at + 9..]);
    let bad_field = text.replacen("level: Advanced", "levle: Advanced", 1);
    let missing_comma = {
        let boundary = "),\n        Question(";
        let at = text.rfind(boundary).expect("a boundary");
        format!(
            "{})\n        Question({}",
            &text[..at],
            &text[at + boundary.len()..]
        )
    };
    for (what, text) in [
        ("quote", broken),
        ("field", bad_field),
        ("comma", missing_comma),
    ] {
        let source = source(text);
        let whole = parse_set(&source).expect_err("the whole file is broken");
        assert!(
            parse_split(&source.text, 3).is_none(),
            "{what}: no split parse"
        );
        let split = parse_set_in_parts(&source, 3).expect_err("and so is each way of reading it");
        assert_eq!(split, whole, "{what}");
        assert!(whole.line > 0, "{what}: {whole}");
    }
}

#[test]
fn a_copied_set_reports_every_duplicate_with_both_lines_and_keeps_the_first() {
    use interview_scorecard::model::{SetOrigin, SetSource};
    // A user copies a large set file: every id is then used twice.
    let text = large_set_text(1_500);
    let copy = |name: &str| SetSource {
        name: name.into(),
        origin: SetOrigin::Bundled,
        text: text.clone(),
    };
    let (bank, problems) = QuestionBank::load(&[copy("big.ron"), copy("big copy.ron")]);
    assert_eq!(bank.len(), 1_500, "the first file's questions load");
    assert_eq!(problems.len(), 1_500, "one problem per copied question");
    let last = problems.last().expect("a problem");
    let line = text
        .lines()
        .position(|l| l.contains("id: \"big.q01499\""))
        .expect("the id is in the text")
        + 1;
    assert_eq!(last.file, "big copy.ron");
    assert_eq!(last.line, line);
    assert!(
        last.message
            .contains(&format!("already used in big.ron:{line}")),
        "{}",
        last.message
    );
}

fn source_named(name: &str, text: &str) -> interview_scorecard::model::SetSource {
    interview_scorecard::model::SetSource {
        name: name.into(),
        origin: interview_scorecard::model::SetOrigin::Bundled,
        text: text.into(),
    }
}

fn question_line(id: &str) -> String {
    format!(
        "Question(id: \"{id}\", category: \"basics\", level: Entry, prompt: \"Why?\", listen_for: [\"A point\"]),"
    )
}

#[test]
fn each_duplicate_is_reported_at_its_own_line_and_column() {
    // Lines 7 and 8 repeat the id first used on line 6 (each at column 18, its opening quote).
    let text = format!(
        "QuestionSet(\n  id: \"dups\",\n  title: \"Dups\",\n  categories: [Category(id: \"basics\", title: \"Basics\")],\n  questions: [\n    {}\n    {}\n    {}\n  ],\n)\n",
        question_line("a.one"),
        question_line("a.one"),
        question_line("a.one"),
    );
    let (bank, problems) = QuestionBank::load(&[source_named("dups.ron", &text)]);
    assert_eq!(bank.len(), 1);
    let at: Vec<(usize, usize)> = problems.iter().map(|p| (p.line, p.column)).collect();
    assert_eq!(at, [(7, 18), (8, 18)], "{problems:#?}");
}

#[test]
fn several_ids_on_one_line_each_get_their_column() {
    // Three questions on one line: the second and third copies of `b.two` are reported at
    // their own columns on line 5.
    let one_line = [
        question_line("b.two"),
        question_line("b.two"),
        question_line("b.two"),
    ]
    .join(" ");
    let text = format!(
        "QuestionSet(\n  id: \"dups\",\n  title: \"Dups\",\n  categories: [Category(id: \"basics\", title: \"Basics\")],\n  questions: [{one_line}],\n)\n"
    );
    let line5 = text.lines().nth(4).expect("line 5");
    let columns: Vec<usize> = line5
        .match_indices("id: \"b.two\"")
        .map(|(byte, _)| line5[..byte].chars().count() + 5)
        .collect();
    assert_eq!(columns.len(), 3);
    let (_, problems) = QuestionBank::load(&[source_named("one-line.ron", &text)]);
    let at: Vec<(usize, usize)> = problems.iter().map(|p| (p.line, p.column)).collect();
    assert_eq!(at, [(5, columns[1]), (5, columns[2])], "{problems:#?}");
}

#[test]
fn a_duplicate_in_another_file_names_both_positions() {
    let file = |id: &str| {
        format!(
            "QuestionSet(\n  id: \"{id}\",\n  title: \"T\",\n  categories: [Category(id: \"basics\", title: \"Basics\")],\n  questions: [\n    {}\n  ],\n)\n",
            question_line("c.three")
        )
    };
    let (_, problems) = QuestionBank::load(&[
        source_named("first.ron", &file("first")),
        source_named("second.ron", &file("second")),
    ]);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!((problems[0].line, problems[0].column), (6, 18));
    assert!(
        problems[0].message.contains("first.ron:6:18"),
        "{}",
        problems[0].message
    );
}
