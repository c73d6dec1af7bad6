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
        stdout.contains("from 799 submitted scorecards (400 candidates)"),
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
}
