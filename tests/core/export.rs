//! Exports of a hostile fixture scorecard: golden files for Markdown, HTML, CSV and JSON, and
//! checks that no note can run a script or a spreadsheet formula. Exports of a realistic
//! interview (9 planned, 5 asked, inline code in the rubric): golden full reports, the ATS
//! summary, and its length bound.
//!
//! The fixture `tests/fixtures/scorecards/hostile.ron` is built by `hostile_session()` below,
//! `tests/golden/five-of-nine.ron` by `five_of_nine_session()`.
//! After an intended change to an export or the fixtures, regenerate them with
//!
//!     UPDATE_GOLDEN=1 cargo test --test export
//!
//! then read the diff of `tests/golden/` before committing it.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use interview_scorecard::export::{self, Format, Options};
use interview_scorecard::model::Level;
use interview_scorecard::model::plan::{InterviewPlan, QuestionSnapshot};
use interview_scorecard::model::session::{Rating, Recommendation, Session};
use interview_scorecard::store::sessions::{load_session, save_session};

fn updating() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v != "0" && !v.is_empty())
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture_path() -> PathBuf {
    root().join("tests/fixtures/scorecards/hostile.ron")
}

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).expect("valid fixture time")
}

fn snapshot(
    id: &str,
    category: &str,
    title: &str,
    level: Level,
    prompt: &str,
    points: &[&str],
) -> QuestionSnapshot {
    QuestionSnapshot {
        id: id.into(),
        category: category.into(),
        category_title: title.into(),
        level,
        prompt: prompt.into(),
        listen_for: points.iter().map(|p| p.to_string()).collect(),
        minutes: 10,
        rubric_hash: format!("hash-{id}"),
        ..QuestionSnapshot::default()
    }
}

/// A submitted, amended scorecard whose text tries every trick: markup, formulas, quotes,
/// commas, line breaks, and names in many scripts.
fn hostile_session() -> Session {
    let mut q1 = snapshot(
        "py.data.shallow-vs-deep-copy",
        "python",
        "Python fundamentals",
        Level::Intermediate,
        "What is the difference between a shallow and a deep copy?\nGive an example with nested lists.",
        &[
            "Shallow copy copies the outer container only",
            "Nested objects are shared after a shallow copy",
            "copy.deepcopy recurses, and handles cycles with a memo",
            "Mentions the cost of deep copies",
        ],
    );
    q1.red_flags = vec![
        "Claims list.copy() is a deep copy".into(),
        "Confuses copy with assignment".into(),
    ];
    q1.follow_ups = vec!["How would you copy an object with a file handle?".into()];
    let q2 = snapshot(
        "sql.index.composite",
        "sql",
        "Databases & SQL",
        Level::Advanced,
        "When does a composite index (a, b) help a query filtering on b alone?",
        &[
            "Leftmost-prefix rule",
            "Skip scans in some engines",
            "Covering index reads",
        ],
    );
    let q3 = snapshot(
        "behaviour.conflict",
        "behaviour",
        "Collaboration \"and\" <ethics>",
        Level::Intermediate,
        "Tell me about a disagreement with a colleague, and how it ended.",
        &[
            "Specific situation",
            "Listens to the other side",
            "Outcome and what they learned",
        ],
    );
    let q4 = snapshot(
        "python.gil",
        "python",
        "Python fundamentals",
        Level::Advanced,
        "=cmd|' /C calc'!A0 — what does the GIL protect?",
        &["Interpreter state, not your data", "Releases around I/O"],
    );
    let plan = InterviewPlan {
        title: "Backend, 60 minutes".into(),
        role: "Senior Backend Developer".into(),
        target_level: Level::Advanced,
        target_minutes: 60,
        questions: vec![q1, q2, q3, q4],
        ..InterviewPlan::default()
    };
    let mut s = Session::start(
        &plan,
        "Zoë Ødegård",
        "Senior Backend Developer, \"Platform\" team",
        "Дмитрий Соколов",
        at("2026-11-21T14:05:00+01:00"),
    );

    let o = &mut s.questions[0];
    o.toggle_point(0, 65.0);
    o.toggle_point(2, 190.5);
    o.toggle_red_flag(0, 240.0);
    o.toggle_follow_up(0, 300.0);
    o.rating = Some(Rating::Solid);
    o.time_secs = 612.0;
    o.notes = "<script>alert(1)</script> tried to paste this into the chat.\n\
               =HYPERLINK(\"http://x\") was his example of a \"formula\", he said, laughing.\n\
               Second line, with commas, and a tab\there."
        .into();
    s.next_question();
    let o = &mut s.questions[1];
    o.toggle_point(0, 700.0);
    o.rating = Some(Rating::Partial);
    o.time_secs = 540.0;
    o.notes =
        "+1 for admitting he did not know skip scans\nAsked 李雷 and محمد علي to double-check."
            .into();
    s.next_question();
    let o = &mut s.questions[2];
    o.toggle_point(0, 1300.0);
    o.toggle_point(1, 1310.0);
    o.toggle_point(2, 1400.0);
    o.rating = Some(Rating::Exceptional);
    o.time_secs = 905.0;
    o.flagged = true;
    o.notes = "-2 minutes over time, worth it 👍\n\
               Quoted her mentor: Αλέξανδρος, then Hebrew: שלום עולם, and Hindi: नमस्ते दुनिया.\n\
               \n\
               @SUM(A1) is how she joked about the team's KPIs."
        .into();
    s.next_question();
    let o = &mut s.questions[3];
    o.rating = Some(Rating::NoEvidence);
    o.time_secs = 120.0;
    o.notes = "\tStarts with a tab; \r\nand a Windows line break.".into();
    s.elapsed_secs = 2177.0;
    s.recommendation = Some(Recommendation::Yes);
    s.strengths = "Clear, structured answers; \"thinks aloud\".\nStrong on collaboration.".into();
    s.concerns = "=1+2 Testing depth; <b>bold</b> claims about performance.".into();
    s.summary =
        "Hire for the platform team. محمد agrees; 李雷 would like a second system-design round."
            .into();
    s.submit(at("2026-11-21T15:10:00+01:00"))
        .expect("fixture submits");

    let before = s.clone();
    s.questions[1].rating = Some(Rating::Solid);
    s.record_amendment(
        &before,
        "Re-read the notes with محمد <after> the debrief",
        at("2026-11-22T09:30:00+01:00"),
    );
    s
}

/// The committed fixture; rewritten from `hostile_session()` when updating goldens.
fn fixture() -> Session {
    if updating() {
        save_session(&fixture_path(), &hostile_session()).expect("write fixture");
    }
    load_session(&fixture_path()).expect("fixture loads")
}

fn check_golden(name: &str, actual: &[u8]) {
    let path = root().join("tests/golden").join(name);
    if updating() {
        std::fs::create_dir_all(path.parent().expect("golden folder"))
            .expect("create golden folder");
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run UPDATE_GOLDEN=1 cargo test --test export",
            path.display()
        )
    });
    if expected != actual {
        let expected = String::from_utf8_lossy(&expected);
        let actual = String::from_utf8_lossy(actual);
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs from the export at line {}:\n  golden: {:?}\n  export: {:?}\nIf the change is intended, run UPDATE_GOLDEN=1 cargo test --test export and review the diff.",
            path.display(),
            line + 1,
            expected.lines().nth(line).unwrap_or("<end>"),
            actual.lines().nth(line).unwrap_or("<end>")
        );
    }
}

const NAMES: [&str; 4] = ["Zoë Ødegård", "Дмитрий", "李雷", "محمد"];

#[test]
fn fixture_is_what_the_builder_makes() {
    let loaded = fixture();
    assert_eq!(
        loaded,
        hostile_session(),
        "run UPDATE_GOLDEN=1 cargo test --test export"
    );
    assert!(loaded.is_sealed());
    assert!(
        !loaded.is_tampered(),
        "the fixture's seal must match its content"
    );
    assert_eq!(loaded.amendments.len(), 1);
}

#[test]
fn markdown_matches_golden_and_cannot_form_html() {
    let md = String::from_utf8(export::export(&fixture(), Format::Markdown).expect("markdown"))
        .expect("utf-8");
    check_golden("hostile.md", md.as_bytes());
    for (i, _) in md.match_indices('<') {
        let next = md[i + 1..].chars().next().unwrap_or(' ');
        assert!(
            !(next.is_ascii_alphabetic() || matches!(next, '/' | '!' | '?'))
                || (i > 0 && md.as_bytes()[i - 1] == b'\\'),
            "unescaped tag at byte {i}"
        );
    }
    for name in NAMES {
        assert!(md.contains(name), "{name} missing");
    }
    assert!(md.contains("# Interview scorecard: Zoë Ødegård"));
    assert!(
        md.contains("- **Rating:** 3/4 Solid — Covered the key points correctly with little help.")
    );
    assert!(md.contains("- **Rubric:** 2 of 4 points\n  - [x] Shallow copy copies the outer container only\n  - [ ] Nested"));
    assert!(md.contains("- **Red flags observed:** 1 of 2\n  - Claims list.copy() is a deep copy"));
    assert!(md.contains("## Recommendation: Yes"));
    assert!(md.contains("## Amendments after submission"));
    assert!(md.contains("Q2 rating: 2 → 3"));
}

#[test]
fn html_matches_golden_escapes_everything_and_is_self_contained() {
    let html =
        String::from_utf8(export::export(&fixture(), Format::Html).expect("html")).expect("utf-8");
    check_golden("hostile.html", html.as_bytes());
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"), "a raw <script> survived");
    assert!(!lower.contains("<b>"), "user markup survived");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("=HYPERLINK(&quot;http://x&quot;)"));
    assert!(html.contains("Collaboration &quot;and&quot; &lt;ethics&gt;"));
    for forbidden in ["src=", "href=", "<link", "@import", "url("] {
        assert!(!lower.contains(forbidden), "external reference {forbidden}");
    }
    assert!(lower.contains("content-security-policy"));
    assert!(html.contains("@media print"));
    for name in NAMES {
        assert!(html.contains(name), "{name} missing");
    }
}

#[test]
fn csv_matches_golden_neutralises_formulas_and_round_trips() {
    let session = fixture();
    let bytes = export::export(&session, Format::Csv).expect("csv");
    check_golden("hostile.csv", &bytes);
    let text = String::from_utf8(bytes).expect("utf-8");
    let body = text
        .strip_prefix('\u{feff}')
        .expect("starts with a byte-order mark for spreadsheets");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(body.as_bytes());
    let headers = reader.headers().expect("header").clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        export::csv::HEADER.to_vec()
    );
    let column = |name: &str| headers.iter().position(|h| h == name).expect("column");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row parses")).collect();
    assert_eq!(rows.len(), session.questions.len());
    for (r, row) in rows.iter().enumerate() {
        assert_eq!(row.len(), headers.len(), "row {r} has every column");
        for cell in row.iter() {
            let first = cell.chars().next();
            assert!(
                !matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')),
                "row {r}: formula-like cell {cell:?}"
            );
        }
    }
    let notes = column("notes");
    // Quotes, commas and line breaks come back exactly.
    assert_eq!(&rows[0][notes], session.questions[0].notes.as_str());
    assert!(rows[0][notes].starts_with("<script>"));
    assert_eq!(rows[1][notes], format!("'{}", session.questions[1].notes));
    assert_eq!(rows[2][notes], format!("'{}", session.questions[2].notes));
    assert!(rows[3][notes].starts_with("'\tStarts with a tab"));
    assert!(rows[3][column("prompt")].starts_with("'=cmd|"));
    assert_eq!(&rows[0][column("candidate")], "Zoë Ødegård");
    assert_eq!(
        &rows[0][column("role")],
        "Senior Backend Developer, \"Platform\" team"
    );
    assert_eq!(&rows[0][column("rating")], "3");
    assert_eq!(&rows[0][column("points_ticked")], "2");
    assert_eq!(
        &rows[0][column("points_covered")],
        "Shallow copy copies the outer container only\ncopy.deepcopy recurses, and handles cycles with a memo"
    );
    assert_eq!(
        &rows[0][column("red_flags")],
        "Claims list.copy() is a deep copy"
    );
}

#[test]
fn json_matches_golden_and_follows_the_documented_schema() {
    let session = fixture();
    let text =
        String::from_utf8(export::export(&session, Format::Json).expect("json")).expect("utf-8");
    check_golden("hostile.json", text.as_bytes());
    let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(value["schema"], "interview-scorecard/1");
    assert_eq!(value["candidate"], "Zoë Ødegård");
    assert_eq!(value["status"], "submitted");
    assert_eq!(value["tampered"], false);
    assert_eq!(value["recommendation"]["value"], "yes");
    assert_eq!(value["questions"].as_array().map(Vec::len), Some(4));
    assert_eq!(
        value["questions"][0]["notes"],
        session.questions[0].notes.as_str()
    );
    assert_eq!(value["questions"][0]["rubric"][2]["checked"], true);
    assert_eq!(value["questions"][0]["rubric"][1]["checked"], false);
    assert_eq!(value["questions"][1]["rating"]["value"], 3);
    assert_eq!(value["amendments"][0]["changes"][0], "Q2 rating: 2 → 3");
    // Every top-level and question field is documented.
    let docs = std::fs::read_to_string(root().join("docs/scorecard-json.md"))
        .expect("docs/scorecard-json.md");
    let mut fields: Vec<String> = Vec::new();
    let objects = [
        &value,
        &value["recommendation"],
        &value["categories"][0],
        &value["questions"][0],
        &value["questions"][0]["rating"],
        &value["questions"][0]["rubric"][0],
        &value["amendments"][0],
    ];
    for object in objects {
        fields.extend(object.as_object().expect("object").keys().cloned());
    }
    for field in fields {
        assert!(
            docs.contains(&format!("`{field}`")),
            "field {field} is not documented"
        );
    }
}

#[test]
fn native_ron_reloads_to_the_same_scorecard() {
    let session = fixture();
    let bytes = export::export(&session, Format::Ron).expect("ron");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir
        .path()
        .join(export::default_file_name(&session, Format::Ron));
    std::fs::write(&path, bytes).expect("write");
    assert_eq!(load_session(&path).expect("reload"), session);
    assert_eq!(
        path.file_name().and_then(|n| n.to_str()),
        Some("Scorecard-Zoë-Ødegård-2026-11-21.ron")
    );
}

#[test]
fn an_empty_scorecard_exports_in_every_format() {
    let session = Session::default();
    for format in Format::ALL {
        let bytes = export::export(&session, format).unwrap_or_else(|e| panic!("{format}: {e}"));
        assert!(!bytes.is_empty(), "{format}");
    }
}

// ---------------------------------------------------------------------------------------------
// A realistic interview: nine questions planned, five asked, one skipped, three not reached.

fn five_of_nine_path() -> PathBuf {
    root().join("tests/golden/five-of-nine.ron")
}

fn q(
    id: &str,
    category: &str,
    title: &str,
    level: Level,
    prompt: &str,
    points: &[&str],
) -> QuestionSnapshot {
    snapshot(id, category, title, level, prompt, points)
}

fn five_of_nine_session() -> Session {
    let mut questions = vec![
        q(
            "py.data.mutable-default",
            "python",
            "Python fundamentals",
            Level::Intermediate,
            "What happens when a function uses a mutable default argument such as `def add(item, items=[])`?",
            &[
                "Says the default is evaluated once, when `def` runs",
                "Shows the list growing across calls",
                "Fixes it with `None` and a new list inside the function",
                "Mentions linters flag it (B006)",
            ],
        ),
        q(
            "py.gen.generators",
            "python",
            "Python fundamentals",
            Level::Intermediate,
            "How does a generator differ from a list comprehension, and when would you choose one?",
            &[
                "Lazy evaluation: values are produced on demand with `yield`",
                "Memory stays constant for large or infinite sequences",
                "A generator can be consumed only once",
                "Generator expressions: `(x for x in xs)`",
            ],
        ),
        q(
            "django.orm.n-plus-one",
            "backend",
            "Web backends",
            Level::Advanced,
            "A Django page lists 50 orders with their customer names and runs 51 queries. Why, and how do you fix it?",
            &[
                "Identifies the N+1 pattern from lazy foreign-key access",
                "Uses `select_related` for forward ForeignKey/OneToOne",
                "Uses `prefetch_related` for many-to-many and reverse FK",
                "Guards query counts in tests with `assertNumQueries`",
            ],
        ),
        q(
            "sql.index.composite",
            "sql",
            "Databases & SQL",
            Level::Advanced,
            "When does a composite index on `(a, b)` help a query that filters on `b` alone?",
            &[
                "Leftmost-prefix rule",
                "Skip scans in some engines",
                "Covering index reads",
            ],
        ),
        q(
            "py.async.blocking",
            "python",
            "Python fundamentals",
            Level::Advanced,
            "What happens if you call `time.sleep(1)` inside an `async def` handler?",
            &[
                "Blocks the event loop for every task",
                "Uses `await asyncio.sleep` or `run_in_executor` instead",
            ],
        ),
        q(
            "behaviour.incident",
            "behaviour",
            "Collaboration",
            Level::Intermediate,
            "Tell me about a production incident you handled. What did you change afterwards?",
            &[
                "Specific incident with their own role",
                "Communicated while fixing",
                "Blameless follow-up and a lasting change",
            ],
        ),
        q(
            "py.typing.protocols",
            "python",
            "Python fundamentals",
            Level::Advanced,
            "When would you use a `typing.Protocol` rather than an abstract base class?",
            &[
                "Structural vs nominal typing",
                "Third-party classes need no change",
            ],
        ),
        q(
            "testing.mocking",
            "testing",
            "Testing",
            Level::Intermediate,
            "Where do you patch when a module does `from requests import get`?",
            &[
                "Patch where it is looked up: `mymodule.get`",
                "Prefers dependency injection",
            ],
        ),
        q(
            "design.rate-limit",
            "design",
            "System design",
            Level::Advanced,
            "Sketch a rate limiter for a public API running on several servers.",
            &[
                "Token bucket or sliding window",
                "Shared state in Redis",
                "Headers for clients",
            ],
        ),
    ];
    questions[2].red_flags = vec!["Suggests caching the whole page to hide the queries".into()];
    questions[2].follow_ups = vec!["How would you spot this in production?".into()];
    let plan = InterviewPlan {
        title: "Python backend, 60 minutes".into(),
        role: "Backend Engineer (Python)".into(),
        target_level: Level::Advanced,
        target_minutes: 60,
        questions,
        ..InterviewPlan::default()
    };
    let mut s = Session::start(
        &plan,
        "Priya Raman",
        "Backend Engineer (Python)",
        "Tom Becker",
        at("2026-03-12T10:00:00+01:00"),
    );
    // Q1
    let o = &mut s.questions[0];
    o.toggle_point(0, 40.0);
    o.toggle_point(1, 90.0);
    o.toggle_point(2, 150.0);
    o.rating = Some(Rating::Exceptional);
    o.time_secs = 380.0;
    o.notes = "Spotted it straight away; wrote the `None` sentinel fix without prompting.".into();
    s.next_question();
    // Q2
    let o = &mut s.questions[1];
    o.toggle_point(0, 420.0);
    o.toggle_point(1, 470.0);
    o.rating = Some(Rating::Solid);
    o.time_secs = 410.0;
    o.notes =
        "Good on laziness and memory. Did not know a generator is exhausted after one pass.".into();
    s.next_question();
    // Q3
    let o = &mut s.questions[2];
    o.toggle_point(0, 900.0);
    o.toggle_point(1, 940.0);
    o.toggle_follow_up(0, 1000.0);
    o.rating = Some(Rating::Solid);
    o.time_secs = 640.0;
    o.notes = "Named N+1 and `select_related`; needed a hint for the reverse FK case.\n\
               Would add Django Debug Toolbar locally, no test guard."
        .into();
    s.next_question();
    // Q4
    let o = &mut s.questions[3];
    o.toggle_point(0, 1500.0);
    o.rating = Some(Rating::Partial);
    o.time_secs = 540.0;
    o.notes = "Knew the leftmost-prefix rule, unsure about covering indexes.".into();
    s.next_question();
    // Q5 skipped for time
    s.skip_current();
    // Q6
    let o = &mut s.questions[5];
    o.toggle_point(0, 2300.0);
    o.toggle_point(1, 2350.0);
    o.toggle_point(2, 2400.0);
    o.rating = Some(Rating::Solid);
    o.time_secs = 720.0;
    o.notes = "Payment webhook outage; ran the incident channel and wrote the post-mortem.".into();
    s.elapsed_secs = 3110.0;
    s.recommendation = Some(Recommendation::Yes);
    s.strengths = "Strong Python fundamentals; explains trade-offs clearly.\nCalm, structured incident story.".into();
    s.concerns =
        "ORM depth: needed a hint for `prefetch_related`. Indexing knowledge is partial.".into();
    s.summary =
        "Hire for the payments team; pair with a senior on database work in the first months."
            .into();
    s.finish(at("2026-03-12T10:55:00+01:00"));
    s
}

fn five_of_nine() -> Session {
    if updating() {
        save_session(&five_of_nine_path(), &five_of_nine_session()).expect("write fixture");
    }
    load_session(&five_of_nine_path()).expect("five-of-nine fixture loads")
}

fn text_of(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).expect("utf-8")
}

#[test]
fn five_of_nine_fixture_is_what_the_builder_makes() {
    assert_eq!(
        five_of_nine(),
        five_of_nine_session(),
        "run UPDATE_GOLDEN=1 cargo test --test export"
    );
}

#[test]
fn full_reports_list_asked_questions_and_summarise_the_rest_in_one_line() {
    let session = five_of_nine();
    let md = text_of(export::export(&session, Format::Markdown).expect("md"));
    check_golden("five-of-nine.md", md.as_bytes());
    for asked in ["### Q1.", "### Q2.", "### Q3.", "### Q4.", "### Q6."] {
        assert!(md.contains(asked), "{asked} missing");
    }
    for not_shown in ["### Q5.", "### Q7.", "### Q8.", "### Q9.", "Token bucket"] {
        assert!(!md.contains(not_shown), "{not_shown} shown in full");
    }
    assert!(
        md.contains("\nNot asked: Q7, Q8, Q9. Skipped: Q5.\n"),
        "{md}"
    );
    // Inline code stays code in Markdown.
    assert!(md.contains("`select_related`"));

    let all = text_of(
        export::export_with(
            &session,
            Format::Markdown,
            &Options {
                all_questions: true,
            },
        )
        .expect("md"),
    );
    check_golden("five-of-nine-all.md", all.as_bytes());
    for shown in ["### Q5.", "### Q7.", "### Q9.", "Token bucket"] {
        assert!(all.contains(shown), "{shown} missing with all_questions");
    }
    assert!(!all.contains("Not asked: Q7"));

    let html = text_of(export::export(&session, Format::Html).expect("html"));
    check_golden("five-of-nine.html", html.as_bytes());
    assert!(html.contains("Uses <code>select_related</code> for forward"));
    assert!(html.contains("<code>def add(item, items=[])</code>"));
    assert!(!html.contains('`'), "backticks printed in the HTML");
    assert!(html.contains("Not asked: Q7, Q8, Q9. Skipped: Q5."));
    assert!(!html.contains("Token bucket"));
    let all = text_of(
        export::export_with(
            &session,
            Format::Html,
            &Options {
                all_questions: true,
            },
        )
        .expect("html"),
    );
    assert!(all.contains("Token bucket"));
}

#[test]
fn summary_matches_golden_and_reads_as_a_plain_note() {
    let session = five_of_nine();
    let summary = export::summary::summary(&session);
    check_golden("five-of-nine.summary.txt", summary.as_bytes());
    for syntax in ["**", "- [", "`", "#", "<", "|", "]("] {
        assert!(
            !summary.contains(syntax),
            "{syntax:?} in the summary:\n{summary}"
        );
    }
    for needed in [
        "Priya Raman",
        "Backend Engineer (Python)",
        "Tom Becker",
        "2026-03-12",
        "Recommendation: Yes",
        "Overall: 3.0/4",
        "Python fundamentals 3.5/4",
        "Strengths: Strong Python fundamentals",
        "Concerns: ORM depth",
        "Summary: Hire for the payments team",
        "- Q3 ",
        "Not asked: Q7, Q8, Q9. Skipped: Q5.",
    ] {
        assert!(summary.contains(needed), "{needed:?} missing:\n{summary}");
    }
    assert!(
        summary.lines().all(|l| l.chars().count() <= 240),
        "{summary}"
    );
    assert!(summary.len() < 2_000, "{} bytes:\n{summary}", summary.len());
}

#[test]
fn summary_of_a_50_question_interview_stays_under_its_stated_length() {
    let long = "A long answer about `asyncio` and [links](http://x) ".repeat(40);
    let outcome = {
        let mut o = interview_scorecard::model::session::QuestionOutcome::new(QuestionSnapshot {
            id: "q".into(),
            category: "c".into(),
            category_title: long.clone(),
            prompt: long.clone(),
            listen_for: (0..12).map(|i| format!("{i} {long}")).collect(),
            red_flags: vec![long.clone()],
            ..QuestionSnapshot::default()
        });
        for i in 0..12 {
            o.toggle_point(i, 1.0);
        }
        o.toggle_red_flag(0, 1.0);
        o.rating = Some(Rating::Solid);
        o.notes = long.clone();
        o.state = interview_scorecard::model::session::QuestionState::Covered;
        o
    };
    let mut session = Session {
        candidate: long.clone(),
        role: long.clone(),
        interviewer: long.clone(),
        strengths: long.clone(),
        concerns: long.clone(),
        summary: long.clone(),
        recommendation: Some(Recommendation::StrongYes),
        ..Session::default()
    };
    for i in 0..50 {
        let mut o = outcome.clone();
        // Fifty categories too, the worst case for the per-category line.
        o.question.category = format!("c{i}");
        session.questions.push(o);
    }
    let summary = export::summary::summary(&session);
    assert!(
        summary.chars().count() <= export::summary::MAX_CHARS,
        "{} characters",
        summary.chars().count()
    );
    assert_eq!(
        summary.matches("\n- Q").count(),
        50,
        "every asked question has its line"
    );
}

/// A session whose every user field carries links, images, tags and control bytes.
fn link_session() -> Session {
    let trap = "[click](javascript:alert(1)) ![img](https://evil.example/x.png) <https://evil.example> <img src=x> \u{0}\u{7}\u{1b}[31m www.evil.example &#106; a@evil.example";
    let mut plan = InterviewPlan {
        title: format!("Plan {trap}"),
        questions: vec![q(
            "x",
            "c",
            &format!("Cat {trap}"),
            Level::Intermediate,
            &format!("Prompt {trap}"),
            &[&format!("Point {trap}")],
        )],
        ..InterviewPlan::default()
    };
    plan.questions[0].red_flags = vec![format!("Flag {trap}")];
    plan.questions[0].follow_ups = vec![format!("Follow-up {trap}")];
    let mut s = Session::start(
        &plan,
        &format!("Name {trap}"),
        &format!("Role {trap}"),
        &format!("Interviewer {trap}"),
        at("2026-03-12T10:00:00+01:00"),
    );
    let o = &mut s.questions[0];
    o.toggle_point(0, 1.0);
    o.toggle_red_flag(0, 1.0);
    o.toggle_follow_up(0, 1.0);
    o.rating = Some(Rating::Solid);
    o.notes = format!("Note {trap}\n[ref]: javascript:alert(2)\n# heading\n===");
    s.strengths = format!("Strengths {trap}");
    s.concerns = format!("Concerns {trap}");
    s.summary = format!("Summary {trap}");
    s
}

/// Markdown that no renderer turns into a link, image, tag or entity, with no control bytes.
fn assert_inert_markdown(md: &str) {
    for c in md.chars() {
        assert!(
            !c.is_control() || c == '\n',
            "control character {:?} in:\n{md}",
            c
        );
    }
    let bytes = md.as_bytes();
    let escaped = |i: usize| i > 0 && bytes[i - 1] == b'\\';
    for (i, _) in md.match_indices('[') {
        // Our own task-list boxes are the only brackets left as Markdown.
        let task_box =
            md[..i].ends_with("- ") && (md[i..].starts_with("[x] ") || md[i..].starts_with("[ ] "));
        assert!(escaped(i) || task_box, "live [ at byte {i}:\n{md}");
    }
    for (i, _) in md.match_indices('<') {
        assert!(escaped(i), "live < at byte {i}:\n{md}");
    }
    for (i, _) in md.match_indices("://") {
        assert!(escaped(i), "bare URL at byte {i}:\n{md}");
    }
    for (i, _) in md.match_indices("&#") {
        assert!(escaped(i), "entity at byte {i}:\n{md}");
    }
    assert!(!md.contains("www.evil"), "bare www link:\n{md}");
    assert!(!md.contains("a@evil"), "address autolink:\n{md}");
    assert!(!md.contains("\n# heading") && !md.contains("\n  > # heading"));
}

#[test]
fn markdown_and_summary_escape_every_user_string() {
    let session = link_session();
    let md = text_of(export::export(&session, Format::Markdown).expect("md"));
    assert_inert_markdown(&md);
    assert!(md.contains("\\[click\\](javascript:alert(1))"), "{md}");
    assert!(
        md.contains("!\\[img\\](https\\://evil.example/x.png)"),
        "{md}"
    );
    let summary = export::summary::summary(&session);
    assert_inert_markdown(&summary);
}

#[test]
fn csv_neutralises_formulas_behind_nul_and_whitespace() {
    let mut session = link_session();
    session.candidate = "\u{0}=HYPERLINK(\"http://x\")".into();
    session.role = " +1".into();
    session.interviewer = "\u{0}\u{0}@SUM(A1)".into();
    session.questions[0].notes = "\n-2 minutes".into();
    session.questions[0].question.prompt = "\r=1".into();
    let bytes = export::export(&session, Format::Csv).expect("csv");
    let text = text_of(bytes);
    assert!(!text.contains('\u{0}'), "NUL in the CSV");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let row = reader.records().next().expect("a row").expect("parses");
    for cell in row.iter() {
        let first = cell
            .trim_start_matches(|c: char| c.is_whitespace())
            .chars()
            .next();
        assert!(
            !matches!(first, Some('=' | '+' | '-' | '@')) || cell.starts_with('\''),
            "formula-like cell {cell:?}"
        );
        assert!(
            !matches!(cell.chars().next(), Some('\t' | '\r' | '\n' | '\u{0}')),
            "cell starts with a control: {cell:?}"
        );
    }
    assert_eq!(&row[0], "'=HYPERLINK(\"http://x\")");
    assert_eq!(&row[1], "'+1");
    assert_eq!(&row[2], "'@SUM(A1)");
}

#[test]
fn file_names_drop_bidi_controls_and_invisible_characters() {
    let mut session = five_of_nine();
    for (candidate, expected) in [
        ("\u{202E}fdp.exe", "Scorecard-fdp.exe-2026-03-12.pdf"),
        (
            "Ann\u{200B}\u{2060}\u{FEFF}Lee",
            "Scorecard-AnnLee-2026-03-12.pdf",
        ),
        (
            "\u{2066}Ann\u{2069} \u{202A}Lee\u{202C}\u{200E}",
            "Scorecard-Ann-Lee-2026-03-12.pdf",
        ),
        (
            "Ann\u{00AD}\u{061C}\u{E0041}\tLee",
            "Scorecard-Ann-Lee-2026-03-12.pdf",
        ),
    ] {
        session.candidate = candidate.into();
        let name = export::default_file_name(&session, Format::Pdf);
        assert_eq!(name, expected, "from {candidate:?}");
        assert!(
            name.chars().all(|c| !export::text::is_invisible(c)),
            "{name:?}"
        );
    }
}
