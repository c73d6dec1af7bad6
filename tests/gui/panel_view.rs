//! The Panel view driven like a user would: load a panel, stay blind until your own scorecard
//! is submitted, expand a cell; and snapshots of the matrix and the candidate chart.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use interview_scorecard::model::QuestionBank;
use interview_scorecard::store::AppDirs;
use interview_scorecard::store::sessions::{save_session, session_path};
use interview_scorecard::ui::panel::Section;
use interview_scorecard::ui::shell::notices::Notices;
use interview_scorecard::ui::{AppState, Prefs, View};

use crate::panel_support;
use crate::panel_support::{ADA, ANN, BOB, panel, reject_fixtures, scorecard, write_panel};

fn app_state(data: &Path, me: &str) -> AppState {
    let prefs = Prefs {
        interviewer: me.into(),
        view: View::Panel,
        ..Prefs::default()
    };
    let mut state = AppState::with_bank(
        AppDirs::at(data),
        QuestionBank::default(),
        vec![],
        prefs,
        Notices::default(),
    );
    // No system dialogs in tests, and a quick folder watch.
    state.panel_view.native_dialogs = false;
    state.panel_view.watch_interval = Duration::from_millis(100);
    state
}

fn harness(state: AppState) -> Harness<'static, AppState> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(
            |ui, state: &mut AppState| state.screen_only_ui(ui, View::Panel),
            state,
        );
    interview_scorecard::ui::style::fonts::install(&harness.ctx);
    harness.ctx.set_theme(egui::Theme::Light);
    harness.run();
    harness
}

/// Steps the UI until `done` holds (loading happens on worker threads).
fn wait_until(harness: &mut Harness<'_, AppState>, what: &str, done: impl Fn(&AppState) -> bool) {
    let start = Instant::now();
    while !done(harness.state()) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}"
        );
        harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    harness.run();
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Hides the "read HH:MM:SS" clock in the status line so snapshots do not change by the minute.
fn mask_clock(harness: &mut Harness<'_, AppState>) {
    harness.remove_cursor();
    harness.run();
    let status = harness.get_by_label_contains(" · read ").rect();
    harness.mask(status);
}

fn drop_files(harness: &mut Harness<'_, AppState>, paths: &[PathBuf]) {
    for path in paths {
        harness
            .input_mut()
            .dropped_files
            .push(Arc::new(Dropped(path.clone())));
    }
    harness.step();
}

#[test]
fn typed_folder_loads_and_lists_rejected_files_with_reasons() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("panel");
    write_panel(&folder, &panel(None));
    std::fs::copy(
        reject_fixtures().join("damaged.ron"),
        folder.join("damaged.ron"),
    )
    .expect("copy fixture");
    let mut harness = harness(app_state(dir.path(), ANN));
    assert!(
        harness
            .query_by_label("Compare a panel's scorecards")
            .is_some()
    );

    let field = harness.get_by_label("File or folder");
    field.focus();
    field.type_text(&folder.display().to_string());
    harness.run();
    harness.get_by_label("Add").click();
    wait_until(&mut harness, "the folder to load", |s| {
        !s.panel_view.sessions.is_empty()
    });

    let view = &harness.state().panel_view;
    assert_eq!(view.sessions.len(), 6);
    assert_eq!(view.folders, std::slice::from_ref(&folder));
    assert_eq!(view.rejected.len(), 1);
    assert!(view.rejected[0].path.ends_with("damaged.ron"));
    harness.get_by_label("⚠ 1 file not loaded; the rest did");
    harness.get_by_label_contains("damaged or not valid: line");
    harness.get_by_label_contains("6 scorecards for 2 candidates · watching panel for changes");
    harness.get_by_label("Ada Park: 3 of 3 submitted, panel disagrees");
    harness.get_by_label("Ben Ortiz: 3 of 3 submitted");
}

#[test]
fn others_stay_hidden_until_your_own_scorecard_is_submitted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("panel");
    // Ann has not submitted her scorecard for Ada yet; everything else is submitted.
    write_panel(&folder, &panel(Some((ADA, ANN))));
    let mut harness = harness(app_state(dir.path(), ANN));
    drop_files(&mut harness, std::slice::from_ref(&folder));
    wait_until(&mut harness, "the dropped folder to load", |s| {
        s.panel_view.sessions.len() == 6
    });
    assert!(
        harness.state().panel_view.independent,
        "independent scoring is on by default"
    );

    // Ada is shown first: Ann sees her own ratings, nobody else's, and why.
    harness.get_by_label_contains(
        "Your scorecard for Ada Park is loaded but not submitted. Submit it in the Scorecard view",
    );
    harness.get_by_label_contains("Ann Lee on sd.cache: 3 Solid");
    assert!(
        harness
            .query_by_label_contains("Bob Stone on sd.cache")
            .is_none(),
        "Bob's rating must stay hidden"
    );
    assert!(
        harness.query_all_by_label("hidden").count() >= 12,
        "every other cell is marked hidden"
    );
    assert!(
        harness.query_by_label_contains("▼ No").is_none(),
        "Bob's call must stay hidden"
    );
    assert!(
        harness.query_by_label_contains("/ 4 ·").is_none(),
        "the aggregate must stay hidden"
    );
    assert!(
        harness.query_by_label_contains("Disagreements:").is_none(),
        "disagreement would reveal ratings"
    );
    harness.get_by_label("Ada Park: 2 of 3 submitted, hidden until you submit your own scorecard");
    // Ben is unlocked: Ann's scorecard for him is submitted.
    harness.get_by_label("Ben Ortiz: 3 of 3 submitted").click();
    harness.run();
    harness.get_by_label_contains("Bob Stone on sd.cache: 2 Partial");
    // Rankings and calibration leave Ada out while she is hidden.
    harness.get_by_label("Ranking and chart").click();
    harness.run();
    harness.get_by_label_contains("1 candidate left out: independent scoring hides them");

    // Ann submits; her file in the shared folder changes and the folder is read again.
    let submitted = scorecard(ADA, ANN, true);
    save_session(&session_path(&folder, &submitted), &submitted).expect("save submitted scorecard");
    wait_until(&mut harness, "the folder to be re-read", |s| {
        s.panel_view
            .sessions
            .iter()
            .all(|session| session.submitted.is_some())
    });
    harness
        .get_by_label("Ada Park: 3 of 3 submitted, panel disagrees")
        .click();
    harness.run();
    harness.get_by_label_contains("Bob Stone on sd.cache: 1 No evidence");
    harness.get_by_label_contains("▼ No");
    harness.get_by_label_contains("3.17 / 4 · 67% Yes");
    // sd.cache: 3, 1, 3. The design means (3, 1.5, 3) differ by 1.5, under the threshold.
    harness.get_by_label("⚠ Disagreements: recommendations are mixed (Yes and No); ratings on 1 question differ by 2 or more");
    assert!(
        harness
            .query_by_label_contains("Independent scoring ·")
            .is_none()
    );
}

#[test]
fn without_a_name_everything_is_hidden_and_the_way_out_is_explained() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("panel");
    let paths = write_panel(&folder, &panel(None));
    let mut harness = harness(app_state(dir.path(), ""));
    drop_files(&mut harness, &paths);
    wait_until(&mut harness, "the dropped files to load", |s| {
        s.panel_view.sessions.len() == 6
    });
    harness.get_by_label_contains("the app does not know who you are");
    assert!(harness.query_by_label_contains("on sd.cache:").is_none());

    let name = harness.get_by_label("Your name as interviewer");
    name.focus();
    name.type_text(BOB);
    harness.run();
    assert_eq!(harness.state().shared.prefs.interviewer, BOB);
    harness.get_by_label_contains("Ann Lee on sd.cache: 3 Solid");

    // Turning independent scoring off shows everything to someone who did not interview.
    harness.state_mut().shared.prefs.interviewer = "Hiring Manager".into();
    harness.run();
    harness.get_by_label_contains("No scorecard by Hiring Manager for Ada Park is loaded");
    harness.get_by_label("Independent scoring").click();
    harness.run();
    harness.get_by_label_contains("Bob Stone on sd.cache: 1 No evidence");
}

/// Three interviewers drop their three files for Ada; one screen shows where they agree and
/// differ. Expanding Bob's cell shows his notes in full.
#[test]
fn dropped_files_show_the_matrix_and_a_cell_expands_to_its_notes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("panel");
    let paths = write_panel(&folder, &panel(None));
    let mut harness = harness(app_state(dir.path(), ANN));
    drop_files(&mut harness, &paths[..3]);
    wait_until(&mut harness, "the dropped files to load", |s| {
        s.panel_view.sessions.len() == 3
    });

    let cell =
        harness.get_by_label_contains("Bob Stone on sd.cache: 1 No evidence, 2/5 pts · ✎ notes");
    let collapsed_height = cell.rect().height();
    assert!(
        harness
            .query_by_label_contains("went straight to Redis")
            .is_none()
    );
    cell.click();
    harness.run();
    let expanded = harness
        .get_by_label_contains("Bob Stone on sd.cache: 1 No evidence, 2/5 pts · ✎ notes, expanded");
    // The expanded cell reads out the notes in full.
    harness.get_by_label_contains("expanded. Notes: Ada went straight to Redis without asking");
    assert!(
        expanded.rect().height() > collapsed_height + 30.0,
        "the row grew to show the notes: {collapsed_height} → {}",
        expanded.rect().height()
    );
    harness.get_by_label("⚠ 2");
    mask_clock(&mut harness);
    harness.snapshot("panel_matrix");

    harness
        .get_by_label_contains("Bob Stone on sd.cache")
        .click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("went straight to Redis")
            .is_none(),
        "clicking again collapses it"
    );
}

#[test]
fn ranking_chart_and_calibration() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("panel");
    write_panel(&folder, &panel(None));
    let mut state = app_state(dir.path(), ANN);
    state.panel_view.section = Section::Ranking;
    let mut harness = harness(state);
    drop_files(&mut harness, std::slice::from_ref(&folder));
    wait_until(&mut harness, "the folder to load", |s| {
        s.panel_view.sessions.len() == 6
    });
    harness.get_by_label("Backend engineer loop · 2 candidates");
    harness.get_by_label_contains("Ada Park ⚠").click();
    harness.run();
    assert_eq!(harness.state().panel_view.section, Section::Candidate);
    assert_eq!(
        harness.state().panel_view.selected.as_deref(),
        Some("ada park")
    );
    harness.get_by_label("Ranking and chart").click();
    mask_clock(&mut harness);
    harness.snapshot("panel_chart");

    harness.get_by_label("Calibration").click();
    harness.run();
    harness.get_by_label_contains("of 36 pairs of ratings of the same answer");
    // Bob rates below the others on the same answers in this panel.
    harness.get_by_label("▼ Harsh");
    harness.get_by_label("▲ Lenient");
}

/// 50 candidates × 5 interviewers × 30 questions: the matrix lays out only the rows on screen,
/// and a frame stays quick.
#[test]
fn a_large_panel_lays_out_only_what_is_visible() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("panel");
    write_panel(&folder, &panel_support::large_panel(50, 5, 30));
    let mut state = app_state(dir.path(), "");
    state.panel_view.independent = false;
    let mut harness = harness(state);
    drop_files(&mut harness, std::slice::from_ref(&folder));
    wait_until(&mut harness, "250 scorecards to load", |s| {
        s.panel_view.sessions.len() == 250
    });
    harness.get_by_label_contains("250 scorecards for 50 candidates");
    let cells = harness.query_all_by_label_contains(" on q.").count();
    // 30 questions × 5 interviewers = 150 cells; only the first screenful is laid out.
    assert!(cells > 0 && cells < 100, "{cells} cells laid out");
    let start = Instant::now();
    for _ in 0..10 {
        harness.step();
    }
    let per_frame = start.elapsed() / 10;
    eprintln!("large panel: {per_frame:?} per frame");
    // Generous for an unoptimised build on a shared machine; it is milliseconds in release.
    assert!(
        per_frame < Duration::from_millis(500),
        "{per_frame:?} per frame"
    );
    harness.get_by_label("Calibration").click();
    harness.run();
    harness.get_by_label_contains("7500 from 5 interviewers");
}

/// A scorecard edited by hand after submission is flagged and left out of the aggregate.
#[test]
fn a_scorecard_changed_after_submission_is_flagged_and_not_counted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("panel");
    let paths = write_panel(&folder, &panel(None));
    // Bob's scorecard for Ada: his 1 on sd.cache quietly becomes a 3.
    let bob = &paths[1];
    let text = std::fs::read_to_string(bob).expect("read Bob's scorecard");
    assert!(
        text.contains("NoEvidence"),
        "Bob's file holds his 1 on sd.cache"
    );
    std::fs::write(bob, text.replacen("NoEvidence", "Solid", 1)).expect("edit Bob's scorecard");
    let mut harness = harness(app_state(dir.path(), ANN));
    drop_files(&mut harness, &paths[..3]);
    wait_until(&mut harness, "the dropped files to load", |s| {
        s.panel_view.sessions.len() == 3
    });
    harness.get_by_label_contains("Bob Stone's scorecard changed after it was submitted");
    // On his call card and above his column.
    assert_eq!(
        harness
            .get_all_by_label("⚠ Changed after submission, not counted")
            .count(),
        2
    );
    harness.get_by_label_contains("2 of 3 scorecards counted, 1 changed after submission");
    harness.get_by_label("Ada Park: 3 of 3 submitted, panel disagrees");
}

#[test]
fn ranking_and_matrix_fit_small_and_large_windows_in_both_themes() {
    let mut results = egui_kittest::SnapshotResults::new();
    for (width, height) in [(1024.0, 700.0), (1600.0, 900.0)] {
        for (theme, suffix) in [(egui::Theme::Light, "light"), (egui::Theme::Dark, "dark")] {
            let dir = tempfile::tempdir().expect("temp dir");
            let folder = dir.path().join("panel");
            write_panel(&folder, &panel(None));
            let mut state = app_state(dir.path(), ANN);
            state.panel_view.section = Section::Ranking;
            let mut harness = Harness::builder()
                .with_size(egui::vec2(width, height))
                .build_ui_state(
                    |ui, state: &mut AppState| state.screen_only_ui(ui, View::Panel),
                    state,
                );
            interview_scorecard::ui::style::fonts::install(&harness.ctx);
            harness.ctx.set_theme(theme);
            harness.run();
            drop_files(&mut harness, std::slice::from_ref(&folder));
            wait_until(&mut harness, "the folder to load", |s| {
                s.panel_view.sessions.len() == 6
            });
            // Every button of the toolbar is on screen and none overlaps another.
            let buttons: Vec<egui::Rect> = ["Reload", "Clear", "Export CSV…", "Export Markdown…"]
                .iter()
                .map(|label| harness.get_by_label(label).rect())
                .collect();
            for (i, a) in buttons.iter().enumerate() {
                assert!(
                    a.max.x <= width && a.min.x >= 0.0,
                    "button {i} off screen: {a:?}"
                );
                for b in &buttons[i + 1..] {
                    assert!(!a.intersects(*b), "{a:?} overlaps {b:?}");
                }
            }
            mask_clock(&mut harness);
            harness.snapshot(format!("panel_ranking_{}_{suffix}", width as u32));
            harness
                .get_by_role_and_label(egui::accesskit::Role::Button, "Candidate")
                .click();
            harness.run();
            mask_clock(&mut harness);
            harness.snapshot(format!("panel_matrix_{}_{suffix}", width as u32));
            results.extend_harness(&mut harness);
        }
    }
}

#[test]
fn seeing_others_ratings_before_submitting_is_recorded_in_your_scorecard() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("panel");
    // The others' scorecards in the shared folder; Ann's own is still open and unsubmitted.
    let others: Vec<_> = panel(None)
        .into_iter()
        .filter(|s| s.interviewer != ANN)
        .collect();
    write_panel(&folder, &others);
    let mut state = app_state(dir.path(), ANN);
    let mine = interview_scorecard::model::session::Session {
        candidate: ADA.into(),
        interviewer: ANN.into(),
        ..Default::default()
    };
    let path = dir.path().join("sessions").join("mine.ron");
    std::fs::create_dir_all(path.parent().expect("folder")).expect("sessions folder");
    state.active = Some(
        interview_scorecard::ui::session::ActiveSession::open(mine, path)
            .expect("open my scorecard"),
    );
    let mut harness = harness(state);
    drop_files(&mut harness, std::slice::from_ref(&folder));
    wait_until(&mut harness, "the folder to load", |s| {
        s.panel_view.sessions.len() == 4
    });
    let viewed = |h: &Harness<'_, AppState>| {
        h.state()
            .active
            .as_ref()
            .and_then(|a| a.session.viewed_other_ratings_at)
    };
    harness.state_mut().panel_view.selected = Some("ada park".into());
    harness.run();
    assert!(
        harness.query_all_by_label_contains("Hidden").count() > 0,
        "the others are hidden"
    );
    assert_eq!(
        viewed(&harness),
        None,
        "hidden by independent scoring: nothing seen"
    );
    // Unticking independent scoring shows the others' calls: that is recorded.
    harness.get_by_label("Independent scoring").click();
    harness.run();
    assert!(
        viewed(&harness).is_some(),
        "recorded when the ratings were shown"
    );
}

#[test]
fn the_panel_at_150_percent_stays_usable() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("panel");
    write_panel(&folder, &panel(None));
    let mut state = app_state(dir.path(), ANN);
    state.panel_view.section = Section::Ranking;
    let mut harness = harness(state);
    harness.ctx.set_zoom_factor(1.5);
    drop_files(&mut harness, std::slice::from_ref(&folder));
    wait_until(&mut harness, "the folder to load", |s| {
        s.panel_view.sessions.len() == 6
    });
    let width = harness.ctx.content_rect().width();
    for label in ["Reload", "Clear", "Export CSV…", "Export Markdown…"] {
        let rect = harness.get_by_label(label).rect();
        assert!(
            rect.max.x <= width + 0.5,
            "{label} runs off the window: {rect:?}"
        );
    }
    mask_clock(&mut harness);
    harness.snapshot("panel_zoom150");
}
