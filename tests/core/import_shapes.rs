//! The five shapes of interview guide people copy from the web, each in a fixture of our own
//! words: the whole result (sections, levels, prompts, rubric points, answers, examples,
//! warnings, what the preview marks) is compared with a reviewed description in
//! `tests/fixtures/import/expected/`.
//!
//! After a deliberate change, `UPDATE_EXPECTED=1 cargo test --test import_shapes` rewrites
//! the descriptions; review the diff before committing it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use interview_scorecard::import::{self, Format, ImportResult, RubricOrigin};

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import")
}

fn import_fixture(name: &str) -> ImportResult {
    let bytes = std::fs::read(fixture_dir().join(name)).expect("read fixture");
    import::import_bytes(&bytes, name, Format::Markdown)
        .unwrap_or_else(|err| panic!("{name} should import: {err}"))
}

/// Everything the import understood, one fact per line.
fn describe(result: &ImportResult) -> String {
    let mut out = String::new();
    let set = &result.set;
    let _ = writeln!(out, "title: {}", set.title);
    let _ = writeln!(
        out,
        "questions: {}, source rubric points: {}, proposed: {}, placeholders: {}",
        set.questions.len(),
        result.rubric_points(),
        result.proposed_rubric.len(),
        result.needs_rubric.len()
    );
    for section in result.sections() {
        let levels: Vec<String> = section
            .levels
            .iter()
            .map(|(l, n)| format!("{} {n}", l.label()))
            .collect();
        let _ = writeln!(
            out,
            "section: {} (line {}): {} questions, {}",
            section.title,
            section.first_line,
            section.questions,
            levels.join(", ")
        );
    }
    for (index, q) in set.questions.iter().enumerate() {
        let preview = &result.preview[index];
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "[{}] line {} · {} · {}{}",
            index + 1,
            result.question_lines[index],
            set.category_title(&q.category).unwrap_or("?"),
            q.level.label(),
            if preview.level_given {
                ""
            } else {
                " (default)"
            }
        );
        let _ = writeln!(out, "prompt: {}", q.prompt);
        let origin = match preview.rubric {
            RubricOrigin::Source => "rubric",
            RubricOrigin::Proposed => "proposed rubric",
            RubricOrigin::Placeholder => "placeholder rubric",
        };
        let _ = writeln!(out, "{origin}: {}", q.listen_for.len());
        for point in &q.listen_for {
            let _ = writeln!(out, "  - {point}");
        }
        for flag in &q.red_flags {
            let _ = writeln!(out, "red flag: {flag}");
        }
        for follow in &q.follow_ups {
            let _ = writeln!(out, "follow-up: {follow}");
        }
        if !q.answer.is_empty() {
            let _ = writeln!(out, "answer:");
            for line in q.answer.lines() {
                let _ = writeln!(out, "  | {line}");
            }
        }
        if !q.example.is_empty() {
            let _ = writeln!(out, "example:");
            for line in q.example.lines() {
                let _ = writeln!(out, "  | {line}");
            }
        }
        if !q.tags.is_empty() {
            let _ = writeln!(out, "tags: {}", q.tags.join(", "));
        }
        for reason in &preview.unsure {
            let _ = writeln!(out, "unsure: {reason}");
        }
    }
    let _ = writeln!(out);
    for warning in &result.warnings {
        let _ = writeln!(out, "warning {}: {}", warning.line, warning.message);
    }
    out
}

fn check(name: &str) -> ImportResult {
    let result = import_fixture(name);
    let described = describe(&result);
    let expected_path = fixture_dir().join("expected").join(format!("{name}.txt"));
    if std::env::var_os("UPDATE_EXPECTED").is_some() {
        std::fs::create_dir_all(expected_path.parent().expect("folder")).expect("mkdir");
        std::fs::write(&expected_path, &described).expect("write expected");
    }
    let expected = std::fs::read_to_string(&expected_path)
        .unwrap_or_else(|err| panic!("{}: {err}", expected_path.display()));
    if described != expected {
        let diff: Vec<String> = described
            .lines()
            .zip(expected.lines())
            .enumerate()
            .filter(|(_, (a, b))| a != b)
            .take(5)
            .map(|(i, (a, b))| format!("line {}:\n  got      {a}\n  expected {b}", i + 1))
            .collect();
        panic!(
            "{name} imported differently from {}:\n{}\n(got {} lines, expected {})",
            expected_path.display(),
            diff.join("\n"),
            described.lines().count(),
            expected.lines().count()
        );
    }
    result
}

fn categories(result: &ImportResult) -> Vec<(String, usize)> {
    result
        .sections()
        .into_iter()
        .map(|s| (s.title, s.questions))
        .collect()
}

fn levels(result: &ImportResult) -> Vec<&'static str> {
    result
        .set
        .questions
        .iter()
        .map(|q| q.level.label())
        .collect()
}

fn points(result: &ImportResult) -> Vec<usize> {
    result
        .set
        .questions
        .iter()
        .map(|q| q.listen_for.len())
        .collect()
}

fn owned(items: &[(&str, usize)]) -> Vec<(String, usize)> {
    items.iter().map(|(t, n)| (t.to_string(), *n)).collect()
}

/// A hiring guide: a plain title, a numbered table of contents naming the sections, section
/// headings as short plain lines right after the previous question's last bullet, "What to
/// Listen For:" rubrics, questions ending in "?", "." or ":", marketing at the end.
#[test]
fn hiring_guide_with_contents_and_sections_after_bullets() {
    let result = check("hiring_guide.txt");
    assert_eq!(result.set.title, "48 Python Developer Interview Questions");
    assert_eq!(result.set.questions.len(), 12);
    assert_eq!(
        categories(&result),
        owned(&[
            ("Core Language", 3),
            ("Data Structures", 2),
            ("Design Patterns and Architecture", 2),
            ("Working with Databases", 2),
            (
                "Testing, Tooling and Deployment for Production Python Services Today",
                3
            ),
        ])
    );
    assert_eq!(points(&result), [3, 3, 2, 3, 2, 3, 3, 2, 3, 2, 3, 3]);
    assert_eq!(result.rubric_points(), 32);
    assert!(result.needs_rubric.is_empty() && result.proposed_rubric.is_empty());
    assert_eq!(result.shape.contents, Some((5, 9)));
    assert_eq!(result.shape.contents_sections, 5);
    let prompts: Vec<&str> = result
        .set
        .questions
        .iter()
        .map(|q| q.prompt.as_str())
        .collect();
    assert_eq!(prompts[1], "Explain how Python manages memory.");
    assert_eq!(
        prompts[5],
        "Describe the dependency injection pattern and why it helps testing:"
    );
    assert!(result.set.questions.iter().all(|q| q.answer.is_empty()));
    assert!(result.preview.iter().all(|p| p.unsure.is_empty()));
}

/// Q&A cards: a level label glued to the topic (`PythonBeginner`) before each card, the
/// question (ending in "?" or "."), an `Answer` label, the answer, sometimes bullets or code.
#[test]
fn question_cards_with_glued_level_labels() {
    let result = check("qa_cards.txt");
    assert_eq!(result.set.title, "Python Interview Questions & Answers");
    assert_eq!(result.set.questions.len(), 8);
    assert_eq!(categories(&result), owned(&[("Python", 7), ("Django", 1)]));
    assert_eq!(
        levels(&result),
        [
            "Entry",
            "Entry",
            "Entry",
            "Intermediate",
            "Intermediate",
            "Advanced",
            "Advanced",
            "Intermediate"
        ]
    );
    assert_eq!(result.shape.card_labels, 8);
    let q = &result.set.questions;
    assert_eq!(q[1].prompt, "Explain the difference between `==` and `is`.");
    assert_eq!(q[3].prompt, "Describe what a decorator does.");
    assert!(
        q[3].example
            .starts_with("def shout(func):\n    def wrapper(*args):")
    );
    assert!(q[2].answer.contains("\n- Numbers: int, float and complex"));
    // No rubric in the guide: every question gets points proposed from its answer.
    assert_eq!(result.proposed_rubric.len(), 8);
    assert_eq!(result.rubric_points(), 0);
    assert_eq!(points(&result), [2, 2, 4, 2, 2, 2, 2, 2]);
    assert!(q.iter().all(|q| !q.answer.contains("mock interview")));
}

/// A numbered list whose items are label lines (`  1. Question 1`) with the question, the
/// answer, an `Example code` label and code indented below.
#[test]
fn numbered_labels_with_indented_blocks() {
    let result = check("indented_qa.txt");
    assert_eq!(result.set.questions.len(), 5);
    assert_eq!(result.shape.question_labels, 5);
    let q = &result.set.questions;
    assert_eq!(
        q[0].prompt,
        "What is a virtual environment, and why would you use one?"
    );
    assert_eq!(
        q[0].example,
        "python -m venv .venv\nsource .venv/bin/activate\npip install requests"
    );
    assert_eq!(
        q[1].example,
        "def is_palindrome(text):\n    # ignore case so \"Level\" counts\n    cleaned = text.lower()\n    return cleaned == cleaned[::-1]\n\nprint(is_palindrome(\"Level\"))"
    );
    assert_eq!(
        q[1].answer,
        "Compare the string with its reverse after removing case differences."
    );
    // A numbered list inside an answer stays in the answer.
    assert_eq!(
        q[2].prompt,
        "List the steps Python takes to import a module:"
    );
    assert!(
        q[2].answer
            .ends_with("3. Runs the module's code once and stores the result in sys.modules.")
    );
    assert!(q[2].example.is_empty());
    for question in q {
        assert!(!question.answer.contains("Question"), "{}", question.answer);
        assert!(
            !question.answer.contains("Example code"),
            "{}",
            question.answer
        );
    }
}

/// A blog article with one section per experience range, numbered questions, answers as
/// paragraphs or bullets, unfenced code with `# comment` lines, a conclusion and a call to
/// action.
#[test]
fn blog_with_experience_sections_and_unfenced_code() {
    let result = check("experience_blog.md");
    assert_eq!(result.set.questions.len(), 10);
    assert_eq!(categories(&result), owned(&[("Python", 10)]));
    assert_eq!(
        levels(&result),
        [
            "Entry",
            "Entry",
            "Entry",
            "Intermediate",
            "Intermediate",
            "Intermediate",
            "Advanced",
            "Advanced",
            "Expert",
            "Expert"
        ]
    );
    let q = &result.set.questions;
    assert_eq!(
        q[2].prompt,
        "What is the difference between a module and a package."
    );
    assert_eq!(
        q[3].example,
        "# Apply monkey patch\nimport math\nmath.pi = 3\nprint(math.pi)"
    );
    assert!(q[6].example.contains("\n# Fetch data\nasync def fetch_all"));
    assert!(q[1].answer.starts_with("- Dynamic typing"));
    assert!(q.iter().all(|q| q.answer.len() < 300));
    assert_eq!(result.shape.unfenced_code_blocks, 3);
}

/// A blog index page flattened into a few long lines: numbered questions inline after a
/// sentence end or a "Read More", excerpts, a call to action after the last question.
#[test]
fn flattened_blog_index_with_inline_questions() {
    let result = check("blog_index.txt");
    assert_eq!(result.set.questions.len(), 8);
    assert_eq!(result.shape.inline_questions, 8);
    let q = &result.set.questions;
    assert_eq!(q[6].prompt, "What is Middleware in Django?");
    assert!(
        q[6].answer
            .ends_with("which is how sessions and CSRF checks work …")
    );
    assert_eq!(
        q[7].prompt,
        "Explain the use of select_related and prefetch_related."
    );
    assert!(q.iter().all(|q| !q.answer.contains("Read More")));
    assert!(q.iter().all(|q| !q.answer.contains("Download")));
    assert_eq!(result.question_lines, [3, 3, 3, 4, 4, 4, 4, 4]);
    assert!(!result.preview[6].unsure.is_empty());
}
