//! Set-up shared by the import and editor tests: waiting for worker threads, and a small set of
//! the user's own questions on disk.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use interview_scorecard::model::{Category, Level, Question, QuestionSet};
use interview_scorecard::store::user_sets;
use interview_scorecard::ui::AppState;
use interview_scorecard::ui::app::Command;

/// The import fixtures folder.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// Steps the UI until `done` holds (files are read and written on worker threads).
pub fn wait_until(
    harness: &mut Harness<'static, AppState>,
    what: &str,
    done: impl Fn(&AppState) -> bool,
) {
    let start = Instant::now();
    while !done(harness.state()) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}"
        );
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    settle(harness);
}

fn question(id: &str, prompt: &str, points: &[&str]) -> Question {
    Question {
        id: id.into(),
        category: "team".into(),
        level: Level::Intermediate,
        prompt: prompt.into(),
        listen_for: points.iter().map(|p| p.to_string()).collect(),
        red_flags: vec!["Blames the tools".into()],
        follow_ups: vec![],
        answer: String::new(),
        example: String::new(),
        minutes: Some(8),
        tags: vec!["team".into()],
    }
}

/// Writes `team.ron` with three questions to the user's folder and reloads the bank, as the
/// app would find it at start.
pub fn with_team_set(state: &mut AppState) -> PathBuf {
    let path = state.shared.dirs.question_sets().join("team.ron");
    let set = QuestionSet {
        id: "team".into(),
        title: "Team questions".into(),
        description: String::new(),
        version: 1,
        categories: vec![Category {
            id: "team".into(),
            title: "Team practices".into(),
        }],
        questions: vec![
            question(
                "team.code-review",
                "How do you review a colleague's code?",
                &["Reads for intent first", "Kind, specific comments"],
            ),
            question(
                "team.incident",
                "Walk me through the last incident you handled.",
                &["Timeline", "Blameless follow-up"],
            ),
            question(
                "team.estimates",
                "How do you estimate a task you have never done?",
                &["Breaks it down", "States the uncertainty"],
            ),
        ],
    };
    user_sets::save_set(&path, &set).expect("team set written");
    state.apply(Command::ReloadBank {
        select: None,
        show_set: None,
    });
    assert!(
        state.shared.load_problems.is_empty(),
        "{:?}",
        state.shared.load_problems
    );
    path
}

/// Selects the bank question with this id, as a click in the results would.
pub fn select(state: &mut AppState, id: &str) {
    state.bank_view.selected = Some(
        state
            .shared
            .bank
            .index_of(id)
            .expect("question in the bank"),
    );
}

/// Replaces the whole text of the field labelled `label`, as select-all and typing would.
pub fn replace_text(harness: &mut Harness<'static, AppState>, label: &str, text: &str) {
    use egui_kittest::kittest::Queryable;
    harness.get_by_label(label).focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}

/// Runs frames until the UI settles. Selecting a question at the end of the results scrolls the
/// list with a short spring animation, which takes more frames than `Harness::run` allows.
pub fn settle(harness: &mut Harness<'static, AppState>) {
    for _ in 0..100 {
        if harness.run_ok().is_some() {
            return;
        }
    }
    harness.run();
}
