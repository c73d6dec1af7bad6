//! Exports of a hostile fixture scorecard: golden files for Markdown, HTML, CSV and JSON, and
//! checks that no note can run a script or a spreadsheet formula.
//!
//! The fixture `tests/fixtures/scorecards/hostile.ron` is built by `hostile_session()` below.
//! After an intended change to an export or the fixture, regenerate both with
//!
//!     UPDATE_GOLDEN=1 cargo test --test export
//!
//! then read the diff of `tests/golden/` before committing it.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use interview_scorecard::export::{self, Format};
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
        assert!(
            i > 0 && md.as_bytes()[i - 1] == b'\\',
            "unescaped < at byte {i}"
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
