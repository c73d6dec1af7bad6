//! The Question health screen over a generated history saved in History: it computes off the
//! UI thread, lists the questions the generator made useless under "Needs attention", and the
//! Bank's preview then shows a question's line.

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use interview_scorecard::store::sessions::{save_session, session_path};
use interview_scorecard::ui::{AppState, View};

use crate::common;
use crate::health_support::{CEILING, FLAT, history, now};

/// Candidates in the generated history (two scorecards each): enough for every question to
/// reach the minimum for "separates candidates".
const CANDIDATES: usize = 160;

fn state_with_history(dir: &std::path::Path) -> AppState {
    let mut state = common::state_in(dir, View::Health);
    // The synthetic history ends at `now()`; exposure is judged from there.
    state.health_view.now = Some(now());
    let sessions = state.shared.dirs.sessions();
    for session in history(CANDIDATES, 7) {
        save_session(&session_path(&sessions, &session), &session).expect("save scorecard");
    }
    state
}

/// Steps until the worker's report has arrived (at most a minute).
fn wait_for_report(harness: &mut Harness<'static, AppState>) {
    let deadline = Instant::now() + Duration::from_secs(60);
    harness.step();
    while harness.state().health_view.is_running() {
        assert!(Instant::now() < deadline, "question health never finished");
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
    harness.run();
    assert!(harness.state().health_view.latest.is_some(), "a report");
}

#[test]
fn the_health_screen_lists_the_useless_questions_under_needs_attention() {
    let mut results = egui_kittest::SnapshotResults::new();
    for (theme, name) in [
        (egui::Theme::Light, "health_light"),
        (egui::Theme::Dark, "health_dark"),
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut harness = common::harness(state_with_history(dir.path()), theme);
        harness.set_size(egui::vec2(1024.0, 700.0));
        wait_for_report(&mut harness);
        let latest = harness.state().health_view.latest.clone().expect("report");
        assert_eq!(latest.report.scorecards, CANDIDATES * 2);
        let top: Vec<&str> = latest
            .report
            .attention
            .iter()
            .take(4)
            .map(|a| a.id.as_str())
            .collect();
        assert!(top.contains(&FLAT) && top.contains(&CEILING), "{top:?}");
        harness.get_by_label_contains("Needs attention (");
        for id in [FLAT, CEILING] {
            let prompt = format!("Synthetic question {id}: explain it.");
            assert!(
                harness
                    .query_all_by_label_contains(&prompt)
                    .next()
                    .is_some(),
                "{id} is shown"
            );
        }
        harness.get_by_label_contains(&format!(
            "From {} submitted scorecards ({CANDIDATES} candidates) in History",
            CANDIDATES * 2
        ));
        harness.snapshot(name);
        results.extend_harness(&mut harness);
    }
}

#[test]
fn an_empty_history_says_where_figures_come_from_and_the_bank_stays_quiet() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = common::state_in(dir.path(), View::Health);
    let mut harness = common::harness(state, egui::Theme::Light);
    wait_for_report(&mut harness);
    harness.get_by_label("No submitted scorecards yet");
    harness.get_by_label_contains("press Refresh");
}

#[test]
fn the_bank_preview_shows_the_line_once_figures_are_computed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = common::harness(state_with_history(dir.path()), egui::Theme::Light);
    wait_for_report(&mut harness);
    // Alt+1 goes to the Bank; select a question of the bundled bank and see its line (the
    // generated history asks none of them).
    harness.key_press_modifiers(egui::Modifiers::ALT, egui::Key::Num1);
    harness.run();
    assert_eq!(harness.state().shared.prefs.view, View::Bank);
    harness.state_mut().bank_view.selected = Some(0);
    harness.run();
    harness.get_by_label("not asked in any submitted scorecard yet");
}

#[test]
fn the_health_screen_fits_a_small_window_at_150_percent() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = common::harness(state_with_history(dir.path()), egui::Theme::Light);
    // A 1024×700 window at 150 %: 683×467 points. The zoom resizes the harness first.
    harness.ctx.set_zoom_factor(1.5);
    harness.step();
    harness.set_size(egui::vec2(1024.0, 700.0) / 1.5);
    wait_for_report(&mut harness);
    harness.get_by_label_contains("Needs attention (");
    harness.snapshot("health_zoom150");
}

/// The generated history with two of its useless questions renamed to questions of the
/// bundled bank, so they can be opened there: [`FLAT`] (no discrimination) becomes bank entry
/// 3 and [`CEILING`] bank entry 7. Returns the state and the two bank ids.
fn state_with_bank_questions(dir: &std::path::Path) -> (AppState, [String; 2]) {
    let mut state = common::state_in(dir, View::Health);
    state.health_view.now = Some(now());
    let bank = state.shared.bank.clone();
    let ids = [3, 7].map(|i| bank.entry(i).expect("bundled question").question.id.clone());
    let sessions = state.shared.dirs.sessions();
    for mut session in history(CANDIDATES, 7) {
        let at = session.submitted.as_ref().expect("submitted").at;
        session.submitted = None;
        for outcome in &mut session.questions {
            if outcome.question.id == FLAT {
                outcome.question.id = ids[0].clone();
            } else if outcome.question.id == CEILING {
                outcome.question.id = ids[1].clone();
            }
        }
        // Submitted again, so the seal covers the new ids.
        session.submit(at).expect("submit");
        save_session(&session_path(&sessions, &session), &session).expect("save scorecard");
    }
    (state, ids)
}

#[test]
fn a_health_row_opens_its_question_in_the_bank_with_its_figures() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (state, [flat, _]) = state_with_bank_questions(dir.path());
    let mut harness = common::harness(state, egui::Theme::Light);
    wait_for_report(&mut harness);
    // A search that would hide it is cleared on the way.
    harness.state_mut().bank_view.query = "zzzz no such words".into();
    let prompt = "Synthetic question gen.flat: explain it.";
    harness
        .query_all_by_label_contains(prompt)
        .next()
        .expect("the flat question's row")
        .click();
    harness.run();
    let state = harness.state();
    assert_eq!(state.shared.prefs.view, View::Bank);
    let index = state.shared.bank.index_of(&flat).expect("in the bank");
    assert_eq!(state.bank_view.selected, Some(index));
    assert!(state.bank_view.query.is_empty());
    assert!(
        state
            .bank_view
            .results()
            .hits
            .iter()
            .any(|h| h.index() == index),
        "listed, not only previewed"
    );
    // The preview carries its figures (from the history's rubric, not the bank's own).
    harness.get_by_label_contains("does not separate candidates");
}

#[test]
fn the_needs_attention_filter_keeps_only_the_flagged_questions() {
    let mut results = egui_kittest::SnapshotResults::new();
    for (theme, name) in [
        (egui::Theme::Light, "bank_needs_attention_light"),
        (egui::Theme::Dark, "bank_needs_attention_dark"),
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        let (state, ids) = state_with_bank_questions(dir.path());
        let mut harness = common::harness(state, theme);
        harness.set_size(egui::vec2(1024.0, 700.0));
        wait_for_report(&mut harness);
        harness.key_press_modifiers(egui::Modifiers::ALT, egui::Key::Num1);
        harness.run();
        assert_eq!(harness.state().shared.prefs.view, View::Bank);
        harness.get_by_label_contains("Needs attention  (").click();
        harness.run();
        let state = harness.state();
        let mut shown: Vec<&str> = state
            .bank_view
            .results()
            .hits
            .iter()
            .filter_map(|h| state.shared.bank.entry(h.index()))
            .map(|e| e.question.id.as_str())
            .collect();
        shown.sort_unstable();
        let mut expected: Vec<&str> = ids.iter().map(String::as_str).collect();
        expected.sort_unstable();
        assert_eq!(shown, expected, "only the bank's flagged questions");
        let first = harness.state().bank_view.results().hits[0].index();
        harness.state_mut().bank_view.selected = Some(first);
        harness.run();
        harness.snapshot(name);
        results.extend_harness(&mut harness);
    }
}
