//! History against real session files: listing and searching, deleting with confirmation,
//! the retention offer, anonymising (ratings stay, names and notes go), and duplicating an
//! interview as a plan.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use interview_scorecard::model::plan::{InterviewPlan, QuestionSnapshot};
use interview_scorecard::model::session::{Rating, Recommendation, Session, SessionStatus};
use interview_scorecard::model::{Level, QuestionBank};
use interview_scorecard::store::history::{self, DEFAULT_RETENTION_DAYS};
use interview_scorecard::store::{AppDirs, StoreError, sessions};
use interview_scorecard::ui::session::ActiveSession;
use interview_scorecard::ui::shell::notices::{NoticeKind, Notices};
use interview_scorecard::ui::{AppState, Prefs, View};

fn plan() -> InterviewPlan {
    InterviewPlan {
        title: "Backend loop".into(),
        target_level: Level::Advanced,
        target_minutes: 60,
        questions: vec![
            QuestionSnapshot {
                id: "py.gil".into(),
                category: "python".into(),
                category_title: "Python".into(),
                prompt: "What does the GIL protect?".into(),
                listen_for: vec![
                    "Interpreter state".into(),
                    "Not your data structures".into(),
                ],
                ..QuestionSnapshot::default()
            },
            QuestionSnapshot {
                id: "sql.index".into(),
                category: "sql".into(),
                category_title: "SQL".into(),
                prompt: "When does an index not help?".into(),
                listen_for: vec!["Low selectivity".into()],
                ..QuestionSnapshot::default()
            },
        ],
        ..InterviewPlan::default()
    }
}

/// A finished, optionally submitted interview with notes, free text and ratings.
fn scorecard(
    candidate: &str,
    role: &str,
    interviewer: &str,
    when: DateTime<FixedOffset>,
    submit: bool,
) -> Session {
    let mut session = Session::start(&plan(), candidate, role, interviewer, when);
    session.questions[0].toggle_point(0, 10.0);
    session.questions[0].rating = Some(Rating::Solid);
    session.questions[0].notes = format!("{candidate} explained it well");
    session.questions[1].rating = Some(Rating::Partial);
    session.questions[1].notes = "Missed selectivity".into();
    session.strengths = format!("{candidate} is thorough");
    session.concerns = "Slow on SQL".into();
    session.summary = "Hire for the platform team".into();
    session.recommendation = Some(Recommendation::Yes);
    session.finish(when + chrono::Duration::minutes(55));
    if submit {
        session
            .submit(when + chrono::Duration::hours(1))
            .expect("submit");
    }
    session
}

fn save(dir: &Path, session: &Session) -> PathBuf {
    let path = sessions::session_path(dir, session);
    sessions::save_session(&path, session).expect("save session");
    path
}

struct Folder {
    _dir: tempfile::TempDir,
    dirs: AppDirs,
    old: PathBuf,
    recent: PathBuf,
    running: PathBuf,
}

/// An old submitted scorecard, a recent finished one, and an interview still in progress.
fn folder() -> Folder {
    let dir = tempfile::tempdir().expect("temp dir");
    let dirs = AppDirs::at(dir.path());
    dirs.ensure().expect("data folders");
    let now = chrono::Local::now().fixed_offset();
    let sessions_dir = dirs.sessions();
    let old = save(
        &sessions_dir,
        &scorecard(
            "Дмитрий Иванов",
            "Backend engineer",
            "Ann Lee",
            now - chrono::Duration::days(400),
            true,
        ),
    );
    let recent = save(
        &sessions_dir,
        &scorecard(
            "Zoë Ødegård",
            "Data engineer",
            "Bo Chen",
            now - chrono::Duration::days(3),
            false,
        ),
    );
    let mut live = Session::start(
        &plan(),
        "Sam Patel",
        "Backend engineer",
        "Ann Lee",
        now - chrono::Duration::days(1),
    );
    live.questions[0].notes = "Started well".into();
    let running = save(&sessions_dir, &live);
    Folder {
        _dir: dir,
        dirs,
        old,
        recent,
        running,
    }
}

#[test]
fn history_lists_every_session_newest_first_with_state_and_search() {
    let folder = folder();
    std::fs::write(
        folder.dirs.sessions().join("broken.ron"),
        "Session(candidate: ",
    )
    .expect("write broken file");
    let entries = history::list_history(&folder.dirs.sessions());
    assert_eq!(entries.len(), 4);
    let readable: Vec<_> = entries
        .iter()
        .filter_map(|e| e.summary.as_ref().ok())
        .collect();
    let names: Vec<&str> = readable.iter().map(|s| s.candidate.as_str()).collect();
    assert_eq!(
        names,
        ["Sam Patel", "Zoë Ødegård", "Дмитрий Иванов"],
        "newest first"
    );
    let states: Vec<SessionStatus> = readable.iter().map(|s| s.status).collect();
    assert_eq!(
        states,
        [
            SessionStatus::InProgress,
            SessionStatus::Finished,
            SessionStatus::Submitted
        ]
    );
    let broken = entries
        .iter()
        .find(|e| e.summary.is_err())
        .expect("the broken file is listed");
    assert!(
        broken
            .summary
            .as_ref()
            .expect_err("unreadable")
            .contains("broken.ron:1:"),
        "{:?}",
        broken.summary
    );

    let matching = |query: &str| -> Vec<&str> {
        readable
            .iter()
            .filter(|s| s.matches(query))
            .map(|s| s.candidate.as_str())
            .collect()
    };
    assert_eq!(matching("дмитрий"), ["Дмитрий Иванов"]);
    assert_eq!(matching("backend ann"), ["Sam Patel", "Дмитрий Иванов"]);
    assert_eq!(matching("bo chen"), ["Zoë Ødegård"]);
    let date = readable[1]
        .date()
        .expect("dated")
        .format("%Y-%m-%d")
        .to_string();
    assert!(matching(&date).contains(&"Zoë Ødegård"));
}

#[test]
fn anonymising_keeps_ratings_and_drops_names_and_notes() {
    let folder = folder();
    let before = sessions::load_session(&folder.old).expect("load");
    let after = history::anonymise_file(&folder.old).expect("anonymise");
    let on_disk = sessions::load_session(&folder.old).expect("reload");
    assert_eq!(on_disk, after);
    assert!(on_disk.anonymised);
    let text = std::fs::read_to_string(&folder.old).expect("read file");
    for gone in [
        "Дмитрий",
        "explained it well",
        "Missed selectivity",
        "thorough",
        "Slow on SQL",
        "platform team",
    ] {
        assert!(!text.contains(gone), "{gone:?} is still in the file");
    }
    assert!(
        on_disk.candidate.starts_with("Anonymised "),
        "{}",
        on_disk.candidate
    );
    let ratings = |s: &Session| s.questions.iter().map(|o| o.rating).collect::<Vec<_>>();
    assert_eq!(ratings(&on_disk), ratings(&before));
    assert_eq!(on_disk.questions[0].ticked, before.questions[0].ticked);
    assert_eq!(on_disk.recommendation, before.recommendation);
    assert_eq!(
        on_disk.interviewer, before.interviewer,
        "the interviewer stays for calibration"
    );
    assert!(
        !on_disk.is_tampered(),
        "anonymising re-seals, so the panel does not flag it"
    );
}

#[test]
fn retention_offers_only_old_scorecards_that_still_hold_personal_data() {
    let folder = folder();
    let now = chrono::Local::now().fixed_offset();
    let entries = history::list_history(&folder.dirs.sessions());
    assert_eq!(
        history::expired(&entries, DEFAULT_RETENTION_DAYS, now),
        vec![folder.old.clone()]
    );
    assert_eq!(
        history::expired(&entries, 2, now).len(),
        2,
        "the recent one is 3 days old"
    );
    history::anonymise_file(&folder.old).expect("anonymise");
    let entries = history::list_history(&folder.dirs.sessions());
    assert!(history::expired(&entries, DEFAULT_RETENTION_DAYS, now).is_empty());
}

#[test]
fn an_open_session_cannot_be_deleted_behind_its_window() {
    let folder = folder();
    let session = sessions::load_session(&folder.recent).expect("load");
    let active = ActiveSession::open(session, folder.recent.clone()).expect("open");
    let err = history::delete_session(&folder.recent).expect_err("locked");
    assert!(matches!(err, StoreError::Locked { .. }), "{err}");
    assert!(folder.recent.exists());
    drop(active);
    history::delete_session(&folder.recent).expect("delete after closing");
    assert!(!folder.recent.exists());
    assert!(
        !folder.recent.with_extension("lock").exists(),
        "no lock file left behind"
    );
}

fn app(folder: &Folder) -> AppState {
    AppState::with_bank(
        folder.dirs.clone(),
        QuestionBank::default(),
        vec![],
        Prefs::default(),
        Notices::default(),
    )
}

fn harness(state: AppState) -> Harness<'static, AppState> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_context_setup(|ctx| {
            // The app's own fonts and style, as in the real window.
            interview_scorecard::ui::setup_context(ctx);
        })
        .build_ui_state(
            |ui, state: &mut AppState| state.screen_only_ui(ui, View::Scorecard),
            state,
        )
}

fn wait_for(harness: &mut Harness<'_, AppState>, done: impl Fn(&AppState) -> bool) {
    for _ in 0..500 {
        harness.step();
        if done(harness.state()) {
            harness.run();
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("timed out waiting for background work");
}

/// Opens the History window from the empty Scorecard view and waits for its list.
fn open_history(harness: &mut Harness<'_, AppState>) {
    harness.get_by_label("Open History…").click();
    wait_for(harness, |s| {
        s.scorecard_view.history.open && !s.scorecard_view.history.is_loading()
    });
}

#[test]
fn history_window_deletes_after_confirmation_and_anonymises_what_retention_offers() {
    let folder = folder();
    let mut harness = harness(app(&folder));
    // The empty Scorecard view loads the history once and points to History.
    wait_for(&mut harness, |s| s.scorecard_view.history.loaded);
    harness.get_by_label_contains("1 scorecard older than 180 days");
    open_history(&mut harness);

    // Search narrows the list.
    harness.get_by_label("Search").focus();
    harness.get_by_label("Search").type_text("zoë");
    harness.run();
    assert_eq!(harness.get_all_by_label("Delete…").count(), 1);

    // Delete asks first; Cancel keeps the file.
    harness.get_by_label("Delete…").click();
    harness.run();
    harness.get_by_label("Delete the interview with Zoë Ødegård?");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(folder.recent.exists());
    harness.get_by_label("Delete…").click();
    harness.run();
    harness.get_by_label("Delete").click();
    wait_for(&mut harness, |s| {
        !s.scorecard_view.history.is_working() && !s.scorecard_view.history.is_loading()
    });
    assert!(!folder.recent.exists(), "deleted after confirming");
    assert!(
        folder.old.exists() && folder.running.exists(),
        "nothing else was touched"
    );
    assert_eq!(
        harness.state().notices.items.last().map(|n| n.kind),
        Some(NoticeKind::Success)
    );

    // Retention: the old scorecard is offered for anonymising.
    harness.get_by_label("Search").focus();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.key_press(egui::Key::Backspace);
    harness.run();
    harness.get_by_label("Anonymise them…").click();
    harness.run();
    harness.get_by_label("Anonymise 1 scorecard").click();
    wait_for(&mut harness, |s| {
        !s.scorecard_view.history.is_working() && !s.scorecard_view.history.is_loading()
    });
    let old = sessions::load_session(&folder.old).expect("still there");
    assert!(old.anonymised);
    assert!(!old.candidate.contains("Дмитрий"));
    assert_eq!(old.questions[0].rating, Some(Rating::Solid));
    assert!(
        harness.query_by_label("Anonymise them…").is_none(),
        "nothing left to offer"
    );
    harness.get_by_label_contains("nothing is older than that");
}

#[test]
fn duplicate_as_plan_and_open_from_history() {
    let folder = folder();
    let mut harness = harness(app(&folder));
    harness.state_mut().shared.prefs.view = View::Scorecard;
    wait_for(&mut harness, |s| s.scorecard_view.history.loaded);
    open_history(&mut harness);
    harness.get_by_label("Search").focus();
    harness.get_by_label("Search").type_text("Bo Chen");
    harness.run();
    harness.get_by_label("Duplicate as plan").click();
    harness.run();
    let state = harness.state();
    assert_eq!(state.shared.prefs.view, View::Bank);
    let plan = &state.plan.plan;
    assert_eq!(plan.title, "Backend loop (copy)");
    assert_eq!(plan.questions, self::plan().questions);
    assert_eq!(plan.target_level, Level::Advanced);
    assert!(
        state.plan.path.is_none(),
        "a new plan, not the template file"
    );

    // With an unsaved plan in the Bank view, duplicating asks before replacing it.
    harness.state_mut().plan.plan.title = "Mine".into();
    harness.state_mut().shared.prefs.view = View::Scorecard;
    harness.state_mut().scorecard_view.history.open = true;
    harness.run();
    harness.get_by_label("Duplicate as plan").click();
    harness.run();
    harness.get_by_label("Replace the plan you are building?");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(harness.state().plan.plan.title, "Mine", "kept");
    harness.get_by_label("Duplicate as plan").click();
    harness.run();
    harness.get_by_label("Replace plan").click();
    harness.run();
    assert_eq!(
        harness.state().plan.plan.title,
        "Backend loop (copy)",
        "replaced after confirming"
    );
    assert_eq!(harness.state().shared.prefs.view, View::Bank);

    // A finished scorecard opens in the Scorecard view.
    harness.state_mut().shared.prefs.view = View::Scorecard;
    let dir = harness.state().shared.dirs.sessions();
    harness.state_mut().scorecard_view.history.open = true;
    harness.state_mut().scorecard_view.history.refresh(dir);
    wait_for(&mut harness, |s| !s.scorecard_view.history.is_loading());
    harness.get_by_label("Open").click();
    harness.run();
    let state = harness.state();
    let active = state.active.as_ref().expect("opened");
    assert_eq!(active.path, folder.recent);
    assert_eq!(state.shared.prefs.view, View::Scorecard);
    assert!(!state.scorecard_view.history.open);
    harness.get_by_label("Submit scorecard");
}

#[test]
fn tab_reaches_the_last_row_of_a_long_history() {
    let folder = folder();
    let now = chrono::Local::now().fixed_offset();
    for n in 0..40 {
        save(
            &folder.dirs.sessions(),
            &scorecard(
                &format!("Candidate {n:02}"),
                "Backend engineer",
                "Ann Lee",
                now - chrono::Duration::days(10 + n),
                false,
            ),
        );
    }
    let mut harness = harness(app(&folder));
    harness.state_mut().shared.prefs.view = View::Scorecard;
    wait_for(&mut harness, |s| s.scorecard_view.history.loaded);
    open_history(&mut harness);
    harness.get_by_label("Search").focus();
    harness.run();
    // The oldest interview is the last row: Tab from the search box until its Delete… button
    // (the last control of the row) has the focus.
    let mut reached = false;
    for _ in 0..400 {
        harness.key_press(egui::Key::Tab);
        harness.step();
        let focused_delete = harness
            .get_all_by_label("Delete…")
            .filter(|n| n.is_focused())
            .count();
        let last_row_shown = harness.query_by_label("Дмитрий Иванов").is_some();
        if focused_delete > 0 && last_row_shown {
            reached = true;
            break;
        }
    }
    assert!(reached, "Tab never reached the last row");
}
