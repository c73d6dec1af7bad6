//! `scorecard loop show|coverage`, `scorecard compare` on a loop folder and `scorecard
//! decision export`, run as a user would run them. The decision record's Markdown is compared
//! with golden files; regenerate them with
//!
//!     UPDATE_GOLDEN=1 cargo test --test cli loop_cli
//!
//! and read the diff of `tests/golden/` before committing it.

use crate::loop_support;

use std::path::{Path, PathBuf};
use std::process::Command;

use interview_scorecard::model::decision::{Decision, DecisionRecord, Dissent};
use interview_scorecard::model::loop_plan::LoopPlan;
use interview_scorecard::model::loop_status::expected_vs_received;
use interview_scorecard::model::session::{Recommendation, Session};
use interview_scorecard::store::loop_folder::{append_decision, save_loop_plan};
use interview_scorecard::store::ron_file;
use loop_support::*;

use crate::run::{scorecard as scorecard_cli, text};

fn updating() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v != "0" && !v.is_empty())
}

fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if updating() {
        std::fs::write(&path, actual).expect("golden written");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run UPDATE_GOLDEN=1 cargo test --test cli loop_cli",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "{} differs; run UPDATE_GOLDEN=1 cargo test --test cli loop_cli and read the diff\n--- actual ---\n{actual}",
        path.display()
    );
}

/// Writes a signed scorecard straight into the folder (fixed keys, so figures and
/// fingerprints are the same on every run).
fn put(folder: &Path, session: &Session) {
    let path = folder.join(format!("{}.ron", session.id));
    ron_file::save(&path, session).expect("scorecard written");
}

/// A loop folder: the plan, Ada's coding and design scorecards, her collaboration interview
/// missing.
fn loop_folder(root: &Path, plan: &LoopPlan) -> PathBuf {
    let folder = root.join("loop");
    std::fs::create_dir_all(&folder).expect("folder");
    save_loop_plan(&folder.join("backend.loop.ron"), plan).expect("plan");
    put(
        &folder,
        &scorecard(plan, "coding", "Ada Lovelace", 3, Recommendation::Yes, true),
    );
    put(
        &folder,
        &scorecard(plan, "design", "Ada Lovelace", 2, Recommendation::No, true),
    );
    folder
}

#[test]
fn loop_show_prints_the_plan_and_each_problem_at_its_line() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("backend.loop.ron");
    save_loop_plan(&path, &three_interview_loop()).expect("plan");
    let p = path.display().to_string();
    let output = scorecard_cli(&["loop", "show", &p], dir.path());
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stdout.starts_with("Backend engineer loop (backend-2026)\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "  design       System design — Bob Ng — 45 min, 1 question (10 min); covers design"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("  design       System design — weight 2"),
        "{stdout}"
    );

    let mut broken = three_interview_loop();
    broken.interviews[1].interviewer.clear();
    save_loop_plan(&path, &broken).expect("plan");
    let output = scorecard_cli(&["loop", "show", &p], dir.path());
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    let line = std::fs::read_to_string(&path)
        .expect("text")
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == "id: \"design\",")
        // The competency's id comes first, then the interview's.
        .nth(1)
        .map(|(i, _)| i + 1)
        .expect("the interview's id line");
    assert!(
        stderr.contains(&format!(
            "{p}:{line}: error: interviews[1].interviewer: \"System design\" has no interviewer assigned; name who runs it"
        )),
        "{stderr}"
    );

    let missing = dir.path().join("nowhere.loop.ron").display().to_string();
    let output = scorecard_cli(&["loop", "show", &missing], dir.path());
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr.contains("nowhere.loop.ron: no such file"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Check the path; loop plans are RON files"),
        "{stderr}"
    );
}

#[test]
fn loop_coverage_marks_the_gap_until_it_is_fixed() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("backend.loop.ron");
    let mut plan = three_interview_loop();
    plan.interviews[2].questions = vec![question("bh.failure", "behaviour", &[])];
    save_loop_plan(&path, &plan).expect("plan");
    let p = path.display().to_string();
    let output = scorecard_cli(&["loop", "coverage", &p], dir.path());
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("Collaboration | —              | —              | * MISSING       GAP"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "Gap: no interview asks about Collaboration; add a question for it to an interview."
        ),
        "{stdout}"
    );
    save_loop_plan(&path, &three_interview_loop()).expect("fixed");
    let output = scorecard_cli(&["loop", "coverage", &p], dir.path());
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("Coding        | *2 q, 20 min"), "{stdout}");
    assert!(
        stdout.contains("Every competency is covered, once."),
        "{stdout}"
    );
}

#[test]
fn compare_in_a_loop_folder_lists_expected_and_missing_scorecards() {
    let dir = tempfile::tempdir().expect("dir");
    let plan = three_interview_loop();
    let folder = loop_folder(dir.path(), &plan);
    let f = folder.display().to_string();
    let output = scorecard_cli(
        &[
            "compare",
            "--show-all",
            "--at",
            "2026-03-04T13:45:00+01:00",
            &f,
        ],
        dir.path(),
    );
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stdout.starts_with("# Loop: Backend engineer loop\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("- Collaboration — Cy Twombly: **MISSING**, overdue 1 d 2 h\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("- Coding — Ann Lee: submitted 2026-03-02 09:50 +01:00\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("# Panel comparison"),
        "the comparison follows: {stdout}"
    );
    assert!(
        stderr.contains("Backend engineer loop: 4 scorecards still owed. Cy Twombly: Ada Lovelace – Collaboration (overdue 1 d 2 h)"),
        "{stderr}"
    );
    let output = scorecard_cli(
        &["compare", "--show-all", "--at", "Tuesday", &f],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("write it like 2026-03-04T13:45:00+01:00"));
}

/// True when `pattern` occurs in `markdown` without a backslash escaping its first character.
fn live(markdown: &str, pattern: &str) -> bool {
    let first = pattern.trim_start_matches('\n');
    markdown.match_indices(pattern).any(|(at, _)| {
        let start = at + (pattern.len() - first.len());
        !markdown[..start].ends_with('\\')
    })
}

/// A sealed decision with an override, dissent and the missing scorecard recorded, amended
/// two days later; `hostile` fills the people's fields with Markdown that must stay text.
fn decided(folder: &Path, plan: &LoopPlan, hostile: bool) -> PathBuf {
    let sessions: Vec<Session> = ["coding", "design"]
        .iter()
        .filter_map(|id| {
            let path = std::fs::read_dir(folder)
                .ok()?
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .find(|p| {
                    std::fs::read_to_string(p)
                        .is_ok_and(|t| t.contains(&format!("interview_id: \"{id}\"")))
                })?;
            interview_scorecard::store::sessions::load_session(&path).ok()
        })
        .collect();
    let now = at("2026-03-05T16:00:00+01:00");
    let statuses = expected_vs_received(plan, &sessions, now);
    let mut record = DecisionRecord::draft(plan, &statuses[0], &sessions, "Hana Chair", now);
    record.decision = Some(Decision::Hire);
    record.rationale = if hostile {
        "[click](javascript:alert(1)) <script>x</script>\n# not a heading\n![pixel](http://evil.example/p.png)".into()
    } else {
        "Strong coding; design was probed above the level of the role.\nCollaboration was not assessed.".into()
    };
    record.override_reason =
        "The rule holds without collaboration evidence; the panel accepts the risk.".into();
    record
        .attendees
        .extend(["Ann Lee".to_string(), "Bob Ng".to_string()]);
    record.dissent.push(Dissent {
        name: if hostile {
            "Bob <b>Ng</b>".into()
        } else {
            "Bob Ng".into()
        },
        preferred: Some(Decision::Hold),
        note: if hostile {
            "see https://evil.example".into()
        } else {
            "Wants the collaboration interview first.".into()
        },
    });
    if hostile {
        record.attendees.push("Bob <b>Ng</b>".into());
        record.candidate = "Ada *Lovelace* [x](http://e.example)".into();
    }
    record
        .seal(None, &key_of("Hana Chair"), now)
        .expect("sealed");
    let first = append_decision(folder, &record).expect("appended");
    if hostile {
        return first;
    }
    let later = at("2026-03-07T10:00:00+01:00");
    let mut amendment = record.amend(
        "The collaboration interview took place and was positive.",
        later,
    );
    amendment.decision = Some(Decision::Hire);
    amendment
        .rationale
        .push_str("\nCollaboration interview done on 6 March.");
    amendment
        .seal(Some(&record), &key_of("Hana Chair"), later)
        .expect("sealed");
    append_decision(folder, &amendment).expect("amendment appended")
}

#[test]
fn decision_export_writes_markdown_and_pdf() {
    let dir = tempfile::tempdir().expect("dir");
    let plan = three_interview_loop();
    let folder = loop_folder(dir.path(), &plan);
    let amended = decided(&folder, &plan, false);
    let a = amended.display().to_string();
    let output = scorecard_cli(&["decision", "export", &a], dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    golden("decision-ada.md", &text(&output.stdout));

    let pdf = dir.path().join("decision.pdf");
    let output = scorecard_cli(
        &[
            "decision",
            "export",
            &a,
            "--format",
            "pdf",
            "-o",
            &pdf.display().to_string(),
        ],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let bytes = std::fs::read(&pdf).expect("pdf");
    assert!(bytes.starts_with(b"%PDF-"), "a PDF");
    if let Ok(extracted) = Command::new("pdftotext").arg(&pdf).arg("-").output() {
        let extracted = text(&extracted.stdout);
        for expected in [
            "DECISION RECORD",
            "Ada Lovelace",
            "Override: Hire instead of the rule",
            "Decided without",
        ] {
            assert!(extracted.contains(expected), "{expected} in\n{extracted}");
        }
    }

    let hostile_dir = tempfile::tempdir().expect("dir");
    let folder = loop_folder(hostile_dir.path(), &plan);
    let hostile = decided(&folder, &plan, true);
    let output = scorecard_cli(
        &["decision", "export", &hostile.display().to_string()],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let markdown = text(&output.stdout);
    for pattern in [
        "](javascript",
        "<script>",
        "![pixel]",
        "<b>",
        "\n# not a heading",
        "https://evil",
    ] {
        assert!(
            !live(&markdown, pattern),
            "{pattern} left live in\n{markdown}"
        );
    }
    golden("decision-hostile.md", &markdown);

    let output = scorecard_cli(
        &[
            "decision",
            "export",
            &folder.join("nothing.decision.ron").display().to_string(),
        ],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("no such decision record"));
}
