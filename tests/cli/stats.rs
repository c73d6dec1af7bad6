//! `scorecard stats` over a folder of a generated history: needs attention first, then each
//! question, the same figures as JSON, and a readable error for an unknown question.

use std::path::Path;
use std::process::Command;

use crate::health_support::{FLAT, HIDDEN, history};

fn write_history(dir: &Path, cards: &[interview_scorecard::model::Session]) {
    for card in cards {
        let text = interview_scorecard::store::ron_file::to_ron(card).expect("ron");
        std::fs::write(dir.join(format!("{}.ron", card.id)), text).expect("write");
    }
}

fn scorecard(data: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_scorecard"));
    command.env("SCORECARD_DATA_DIR", data);
    command
}

#[test]
fn stats_command_prints_needs_attention_first_then_each_question() {
    let data = tempfile::tempdir().expect("temp");
    let panel = tempfile::tempdir().expect("temp");
    let mut cards = history(400, 3);
    cards[5].recommendation = Some(interview_scorecard::model::Recommendation::StrongYes);
    // A question whose id and prompt a spreadsheet would run as formulas.
    let mut evil = cards[0].clone();
    evil.id = "evil".into();
    evil.submitted = None;
    evil.signature = None;
    evil.questions[0].question.id = "=evil".into();
    evil.questions[0].question.prompt = "=HYPERLINK(\"http://x\")".into();
    evil.submit(crate::health_support::now()).expect("submit");
    cards.push(evil);
    let tampered_id = cards[5].id.clone();
    write_history(panel.path(), &cards);
    std::fs::write(panel.path().join("half-synced.ron"), "Session(cand").expect("write");

    let output = scorecard(data.path())
        .args(["stats", "--folder"])
        .arg(panel.path())
        .output()
        .expect("run scorecard");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stdout}\n{stderr}");
    // Shown with `--nocapture`: what a person reads.
    println!("{stdout}");
    assert!(
        stdout.contains("from 800 submitted scorecards (400 candidates) in 1 folder."),
        "{stdout}"
    );
    assert!(stdout.contains(&tampered_id), "the tampered one is named");
    assert!(stderr.contains("half-synced.ron"), "{stderr}");
    let attention = stdout.find("Needs attention").expect("attention section");
    let per_question = stdout.find("Per question").expect("per-question section");
    assert!(attention < per_question);
    let flat = stdout[attention..].find(FLAT).expect("flat listed") + attention;
    assert!(flat < per_question, "{FLAT} needs attention");
    assert!(stdout.contains("does not follow the candidate's overall outcome"));
    assert!(stdout.contains("separates:   rank correlation"));

    // JSON: the same figures for tools.
    let output = scorecard(data.path())
        .args(["stats", "--json", "--question", HIDDEN, "--folder"])
        .arg(panel.path())
        .output()
        .expect("run scorecard");
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    let questions = json["report"]["questions"].as_array().expect("questions");
    assert_eq!(questions.len(), 1);
    assert_eq!(questions[0]["id"], HIDDEN);
    assert_eq!(questions[0]["versions"][0]["points"][3]["count"], 0);
    assert_eq!(json["report"]["excluded"]["tampered"], 1);

    // An unknown question is an error a person can read.
    let output = scorecard(data.path())
        .args(["stats", "--question", "no.such", "--folder"])
        .arg(panel.path())
        .output()
        .expect("run scorecard");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no.such"));

    // CSV: one row per rubric version, the same figures, formula-like cells neutralised.
    let output = scorecard(data.path())
        .args(["stats", "--format", "csv", "--folder"])
        .arg(panel.path())
        .output()
        .expect("run scorecard");
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().expect("header").clone();
    let column = |name: &str| header.iter().position(|h| h == name).expect(name);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let hidden = rows
        .iter()
        .find(|r| &r[column("question_id")] == HIDDEN)
        .expect("hidden row");
    assert!(hidden[column("points_tick_rates")].contains("4:0.00"));
    let evil = rows
        .iter()
        .find(|r| r[column("question_id")].contains("evil"))
        .expect("the planted row");
    assert_eq!(&evil[column("question_id")], "'=evil");
    assert!(evil[column("prompt")].starts_with("'=HYPERLINK"));
    let flat = rows
        .iter()
        .find(|r| &r[column("question_id")] == FLAT)
        .expect("flat row");
    let rho: f64 = flat[column("rank_correlation")].parse().expect("a number");
    assert!(rho.abs() < 0.2, "{rho}");

    // Markdown: the text report as a document, people's text escaped.
    let mut link = cards[1].clone();
    link.id = "link".into();
    link.submitted = None;
    link.signature = None;
    link.questions[0].question.id = "md.link".into();
    link.questions[0].question.prompt = "What is [this](javascript:alert(1))?".into();
    link.submit(crate::health_support::now()).expect("submit");
    write_history(panel.path(), std::slice::from_ref(&link));
    let output = scorecard(data.path())
        .args(["stats", "--format", "md", "--folder"])
        .arg(panel.path())
        .output()
        .expect("run scorecard");
    assert_eq!(output.status.code(), Some(0));
    let markdown = String::from_utf8(output.stdout).expect("UTF-8");
    println!("{markdown}");
    assert!(markdown.starts_with("# Question health\n"), "{markdown}");
    let attention = markdown
        .find("\n## Needs attention")
        .expect("attention heading");
    let per_question = markdown
        .find("\n## Per question")
        .expect("per-question heading");
    assert!(attention < per_question);
    assert!(markdown[attention..per_question].contains(FLAT));
    assert!(markdown.contains(&format!("\n### {}\n", HIDDEN)));
    assert!(markdown.contains("- **separates:** rank correlation"));
    assert!(
        markdown.contains("\\[this\\](javascript:alert(1))"),
        "the link is escaped"
    );
    assert!(!markdown.contains("[this](javascript"), "no live link");
}
