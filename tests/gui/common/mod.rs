//! Shared set-up for the GUI tests: the real bundled bank, an app state in a temporary data
//! folder, and a harness that draws the whole window.
#![allow(dead_code)]

use egui_kittest::Harness;
use interview_scorecard::model::QuestionBank;
use interview_scorecard::store::{AppDirs, bank_files};
use interview_scorecard::ui::shell::notices::Notices;
use interview_scorecard::ui::{AppState, Prefs, View};

pub fn bundled_bank() -> QuestionBank {
    let (bank, problems) = QuestionBank::load(&bank_files::bundled_sources());
    assert!(problems.is_empty(), "{problems:?}");
    bank
}

pub fn state_in(dir: &std::path::Path, view: View) -> AppState {
    let dirs = AppDirs::at(dir);
    dirs.ensure().expect("data folders");
    let prefs = Prefs {
        view,
        ..Prefs::default()
    };
    AppState::with_bank(dirs, bundled_bank(), Vec::new(), prefs, Notices::default())
}

/// The whole window (top bar, notices, current view), as the app draws it.
pub fn harness(state: AppState, theme: egui::Theme) -> Harness<'static, AppState> {
    Harness::builder()
        .with_size(egui::vec2(1200.0, 760.0))
        // Keys typed right after a focus change wait a frame or two for the new field (see
        // `ui::shell::input_hold`), so a burst of keys takes a few more frames to settle.
        .with_max_steps(64)
        .with_theme(theme)
        .with_context_setup(|ctx| {
            interview_scorecard::ui::setup_context(ctx);
        })
        .build_ui_state(|ui, state: &mut AppState| state.ui(ui), state)
}

/// Focuses the field labelled `label` and types `text` into it, as a user would.
pub fn type_into(harness: &mut Harness<'static, AppState>, label: &str, text: &str) {
    use egui_kittest::kittest::Queryable;
    harness.get_by_label(label).focus();
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}
