//! After an edit or import, a large bank is read again on a worker thread: the window keeps
//! drawing meanwhile, and the new bank arrives with the asked-for question selected.

use std::time::Duration;

use interview_scorecard::model::load::set_to_ron;
use interview_scorecard::model::{Category, Level, Question, QuestionSet};
use interview_scorecard::store::AppDirs;
use interview_scorecard::ui::app::Command;
use interview_scorecard::ui::app::bank_reload::BACKGROUND_FROM_QUESTIONS;
use interview_scorecard::ui::{AppState, Prefs, View};

use crate::common;

fn set(id: &str, count: usize) -> String {
    let questions = (0..count)
        .map(|i| Question {
            id: format!("{id}.q{i}"),
            category: "c".into(),
            level: Level::ALL[i % 4],
            prompt: format!("Question {i} of set {id}: what would you check first?"),
            listen_for: vec!["Names the first check".into(), "Says why".into()],
            red_flags: Vec::new(),
            follow_ups: Vec::new(),
            answer: String::new(),
            example: String::new(),
            minutes: None,
            tags: Vec::new(),
        })
        .collect();
    let set = QuestionSet {
        id: id.into(),
        title: format!("Set {id}"),
        description: String::new(),
        version: 1,
        categories: vec![Category {
            id: "c".into(),
            title: "Checks".into(),
        }],
        questions,
    };
    set_to_ron(&set).expect("serialises")
}

#[test]
fn a_large_bank_is_read_again_off_the_ui_thread_and_the_new_question_is_selected() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dirs = AppDirs::at(dir.path());
    dirs.ensure().expect("data folders");
    let sets = dirs.question_sets();
    std::fs::write(sets.join("big.ron"), set("big", BACKGROUND_FROM_QUESTIONS)).expect("write");
    let prefs = Prefs {
        view: View::Bank,
        ..Prefs::default()
    };
    let state = AppState::load(dirs, &[], prefs);
    let before = state.shared.bank.len();
    assert!(before > BACKGROUND_FROM_QUESTIONS, "{before} questions");
    let mut harness = common::harness(state, egui::Theme::Light);
    harness.run_steps(2);

    // As an import does: a new file, then a reload asking for its first question.
    std::fs::write(sets.join("new.ron"), set("new", 3)).expect("write");
    harness.state_mut().apply(Command::ReloadBank {
        select: Some("new.q0".into()),
        show_set: None,
    });
    assert!(
        harness.state().bank_reload.is_running(),
        "the read runs on a worker"
    );
    assert_eq!(
        harness.state().shared.bank.len(),
        before,
        "the old bank stays meanwhile"
    );
    for _ in 0..600 {
        harness.step();
        if !harness.state().bank_reload.is_running() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let state = harness.state();
    assert!(!state.bank_reload.is_running(), "the read finished");
    assert_eq!(state.shared.bank.len(), before + 3);
    let selected = state.bank_view.selected.expect("a selection");
    assert_eq!(state.shared.bank.entries()[selected].question.id, "new.q0");
}
