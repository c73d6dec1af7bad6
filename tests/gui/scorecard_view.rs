//! The Scorecard view driven like a user would: choose a recommendation, submit, amend, export,
//! and check what reaches the file on disk. Plus a snapshot of the view.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, FixedOffset, TimeZone};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use interview_scorecard::model::plan::{InterviewPlan, QuestionSnapshot};
use interview_scorecard::model::session::{Rating, Recommendation, Session};
use interview_scorecard::model::{Level, QuestionBank};
use interview_scorecard::store::{AppDirs, sessions};
use interview_scorecard::ui::session::ActiveSession;
use interview_scorecard::ui::shell::notices::{NoticeKind, Notices};
use interview_scorecard::ui::{AppState, Prefs, View};

fn at(h: u32, m: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(3600)
        .and_then(|tz| tz.with_ymd_and_hms(2026, 3, 4, h, m, 0).single())
        .expect("valid date")
}

fn question(
    id: &str,
    category: &str,
    title: &str,
    prompt: &str,
    points: &[&str],
    flags: &[&str],
) -> QuestionSnapshot {
    QuestionSnapshot {
        id: id.into(),
        category: category.into(),
        category_title: title.into(),
        level: Level::Intermediate,
        prompt: prompt.into(),
        listen_for: points.iter().map(|p| p.to_string()).collect(),
        red_flags: flags.iter().map(|p| p.to_string()).collect(),
        follow_ups: vec!["When would you pick one over the other?".into()],
        minutes: 5,
        ..QuestionSnapshot::default()
    }
}

/// A finished interview: two rated questions, one left unrated, no recommendation yet.
fn finished_session() -> Session {
    let plan = InterviewPlan {
        title: "Backend, mid-level".into(),
        target_minutes: 45,
        questions: vec![
            question(
                "py.list-tuple",
                "python",
                "Python fundamentals",
                "Explain the difference between a list and a tuple.",
                &[
                    "Mutability",
                    "Tuples are hashable when their items are",
                    "Typical uses: records vs collections",
                ],
                &["Claims tuples are faster in every case"],
            ),
            question(
                "py.generators",
                "python",
                "Python fundamentals",
                "What happens when you call a generator function?",
                &[
                    "Returns a generator object",
                    "Body runs lazily on next()",
                    "State kept between yields",
                    "StopIteration at the end",
                ],
                &["Confuses generators with lists"],
            ),
            question(
                "design.url-shortener",
                "design",
                "System design",
                "Design a URL shortener for 100 million links.",
                &[
                    "Key generation",
                    "Storage choice",
                    "Caching hot links",
                    "Capacity estimate",
                ],
                &[],
            ),
        ],
        ..InterviewPlan::default()
    };
    let mut plan = plan;
    plan.questions[2].minutes = 20;
    let mut session = Session::start(
        &plan,
        "Zoë Ødegård",
        "Backend engineer",
        "Ann Lee",
        at(14, 5),
    );
    let q = &mut session.questions;
    q[0].toggle_point(0, 40.0);
    q[0].toggle_point(1, 90.0);
    q[0].rating = Some(Rating::Solid);
    q[0].notes = "Clear on mutability; needed a hint on hashing.".into();
    q[0].time_secs = 370.0;
    q[0].toggle_follow_up(0, 200.0);
    q[1].toggle_point(0, 420.0);
    q[1].toggle_red_flag(0, 500.0);
    q[1].rating = Some(Rating::Partial);
    q[1].notes = "Thought the body runs at call time.".into();
    q[1].time_secs = 290.0;
    q[2].toggle_point(0, 900.0);
    q[2].toggle_point(1, 1000.0);
    q[2].toggle_point(2, 1100.0);
    q[2].time_secs = 1100.0;
    session.elapsed_secs = 1760.0;
    session.go_to(1);
    session.go_to(2);
    session.finish(at(14, 41));
    session
}

struct Fixture {
    _dir: tempfile::TempDir,
    root: PathBuf,
    path: PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().to_path_buf();
    let path = root
        .join("sessions")
        .join("20260304-140500-zoe-odegard.ron");
    Fixture {
        _dir: dir,
        root,
        path,
    }
}

fn state_with(fixture: &Fixture, session: Session) -> AppState {
    let dirs = AppDirs::at(&fixture.root);
    dirs.ensure().expect("data folders");
    let mut state = AppState::with_bank(
        dirs,
        QuestionBank::default(),
        vec![],
        Prefs::default(),
        Notices::default(),
    );
    state.active = Some(ActiveSession::open(session, fixture.path.clone()).expect("open session"));
    state.scorecard_view.typed_paths_only = true;
    state
}

fn harness(state: AppState) -> Harness<'static, AppState> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(64)
        .with_context_setup(|ctx| {
            // The app's own fonts and style, as in the real window.
            interview_scorecard::ui::setup_context(ctx);
        })
        .build_ui_state(
            |ui, state: &mut AppState| state.screen_only_ui(ui, View::Scorecard),
            state,
        )
}

fn session<'h>(harness: &'h Harness<'_, AppState>) -> &'h Session {
    &harness
        .state()
        .active
        .as_ref()
        .expect("a session is open")
        .session
}

/// Writes pending edits and reads the file back, as the next app start would.
fn on_disk(harness: &mut Harness<'_, AppState>, path: &Path) -> Session {
    harness
        .state_mut()
        .active
        .as_mut()
        .expect("a session is open")
        .flush();
    sessions::load_session(path).expect("session file reads back")
}

/// Steps frames (with real time passing, for worker threads) until `done` or a timeout.
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

#[test]
fn submit_needs_a_recommendation_then_seals_and_amendments_are_recorded() {
    let fixture = fixture();
    let mut harness = harness(state_with(&fixture, finished_session()));
    harness.run();

    // Nothing is preselected, and Submit says why it refuses.
    assert_eq!(session(&harness).recommendation, None);
    harness.get_by_label("Submit scorecard").click();
    harness.run();
    assert!(session(&harness).submitted.is_none());
    harness.get_by_label_contains("Choose an overall recommendation before submitting");

    harness
        .get_by_role_and_label(Role::RadioButton, "Yes")
        .click();
    harness.run();
    assert_eq!(session(&harness).recommendation, Some(Recommendation::Yes));
    assert!(
        harness
            .query_by_label_contains("Choose an overall recommendation before submitting")
            .is_none(),
        "the refusal goes away once a recommendation is chosen"
    );

    harness.get_by_label("Submit scorecard").click();
    harness.run();
    // Submit asks first, naming what is left unrated, and seals nothing until confirmed.
    assert!(session(&harness).submitted.is_none(), "nothing sealed yet");
    harness.get_by_label("Submit this scorecard?");
    harness.get_by_label("Go back").click();
    harness.run();
    assert!(harness.query_by_label("Submit this scorecard?").is_none());
    assert!(
        session(&harness).submitted.is_none(),
        "Go back seals nothing"
    );
    harness.get_by_label("Submit scorecard").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Submit")
        .click();
    harness.run();
    let submitted = session(&harness).submitted.clone().expect("submitted");
    assert_eq!(submitted.content_hash, session(&harness).content_hash());
    let saved = on_disk(&mut harness, &fixture.path);
    assert_eq!(
        saved.submitted,
        Some(submitted.clone()),
        "the seal is on disk"
    );
    assert!(!saved.is_tampered());

    // Sealed: read-only, no Submit, no recommendation buttons, no note fields.
    assert!(harness.query_by_label("Submit scorecard").is_none());
    assert!(
        harness
            .query_by_role_and_label(Role::RadioButton, "Strong Yes")
            .is_none()
    );
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "Question 3 rating 3 Solid")
            .is_none()
    );
    harness.get_by_label_contains(&submitted.content_hash[..12]);

    // Amend: a change without a reason is refused, with a reason it is recorded.
    harness.get_by_label("Amend…").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::RadioButton, "Strong Yes")
        .click();
    harness
        .get_by_role_and_label(Role::Button, "Question 3 rating 3 Solid")
        .scroll_to_me();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Question 3 rating 3 Solid")
        .click();
    harness.run();
    assert_eq!(
        session(&harness).recommendation,
        Some(Recommendation::Yes),
        "while amending, the submitted scorecard itself does not change"
    );
    harness.get_by_label("Save amendment").click();
    harness.run();
    harness.get_by_label_contains("Say why you are amending");
    assert!(session(&harness).amendments.is_empty());

    harness.get_by_label("Reason for the amendment").focus();
    harness
        .get_by_label("Reason for the amendment")
        .type_text("Re-read my notes on the design question");
    harness.run();
    harness.get_by_label("Save amendment").click();
    harness.run();

    let now = session(&harness).clone();
    assert_eq!(now.recommendation, Some(Recommendation::StrongYes));
    assert_eq!(now.questions[2].rating, Some(Rating::Solid));
    assert_eq!(
        now.submitted,
        Some(submitted.clone()),
        "the original seal is kept"
    );
    assert_eq!(now.amendments.len(), 1);
    let amendment = &now.amendments[0];
    assert_eq!(amendment.reason, "Re-read my notes on the design question");
    assert!(
        amendment
            .changes
            .iter()
            .any(|c| c == "Recommendation: Yes → Strong Yes"),
        "{:?}",
        amendment.changes
    );
    assert!(
        amendment.changes.iter().any(|c| c == "Q3 rating: none → 3"),
        "{:?}",
        amendment.changes
    );
    assert!(!now.is_tampered());
    harness.get_by_label("Reason: Re-read my notes on the design question");
    assert!(
        harness.query_by_label("Save amendment").is_none(),
        "back to read-only after saving"
    );

    let saved = on_disk(&mut harness, &fixture.path);
    assert_eq!(saved.submitted, Some(submitted));
    assert_eq!(saved.amendments, now.amendments, "the amendment is on disk");
    assert_eq!(saved.recommendation, Some(Recommendation::StrongYes));
    assert!(!saved.is_tampered());
}

#[test]
fn discarding_an_amendment_leaves_the_submitted_scorecard_untouched() {
    let fixture = fixture();
    let mut session = finished_session();
    session.recommendation = Some(Recommendation::No);
    session.submit(at(15, 0)).expect("submit");
    let mut harness = harness(state_with(&fixture, session.clone()));
    harness.run();
    harness.get_by_label("Amend…").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::RadioButton, "Strong No")
        .click();
    harness.run();
    harness.get_by_label("Discard changes").click();
    harness.run();
    assert_eq!(self::session(&harness), &session);
    assert!(harness.query_by_label("Save amendment").is_none());
    // On disk it is the same scorecard, now also signed with the interviewer's key.
    let mut saved = on_disk(&mut harness, &fixture.path);
    assert!(
        matches!(
            interview_scorecard::model::signature::check(&saved),
            interview_scorecard::model::signature::SignatureCheck::Valid { .. }
        ),
        "signed on save"
    );
    saved.signature = None;
    assert_eq!(saved, session);
}

#[test]
fn edits_before_submitting_reach_the_session_and_are_marked_for_saving() {
    let fixture = fixture();
    let mut harness = harness(state_with(&fixture, finished_session()));
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Question 3 rating 4 Exceptional")
        .scroll_to_me();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Question 3 rating 4 Exceptional")
        .click();
    harness.get_by_label("Capacity estimate").click();
    harness.run();
    let outcome = &session(&harness).questions[2];
    assert_eq!(outcome.rating, Some(Rating::Exceptional));
    assert_eq!(outcome.ticked.len(), 4);
    assert!(
        harness
            .state()
            .active
            .as_ref()
            .expect("open")
            .has_unsaved_changes()
    );
    let saved = on_disk(&mut harness, &fixture.path);
    assert_eq!(saved.questions[2].rating, Some(Rating::Exceptional));
    assert_eq!(saved.questions[2].ticked.len(), 4);
}

#[test]
fn export_is_computed_off_the_ui_thread_and_saved_to_a_typed_path() {
    let fixture = fixture();
    let mut harness = harness(state_with(&fixture, finished_session()));
    harness.run();
    harness.get_by_label("Markdown").click();
    wait_for(&mut harness, |s| s.scorecard_view.export.save.is_some());
    // The field is prefilled with the default name from the candidate and date.
    let field = harness.get_by_label("Save to this file");
    let proposed = field.value().expect("path field has a value");
    assert!(
        proposed.ends_with("Scorecard-Zoë-Ødegård-2026-03-04.md"),
        "{proposed}"
    );

    let target = fixture.root.join("exports").join("zoe.md");
    harness
        .state_mut()
        .scorecard_view
        .export
        .save
        .as_mut()
        .expect("save window")
        .typed_path = target.display().to_string();
    harness.run();
    harness.get_by_label("Save").click();
    wait_for(&mut harness, |s| s.scorecard_view.export.save.is_none());

    let text = std::fs::read_to_string(&target).expect("the export was written");
    assert!(text.contains("Zoë Ødegård"), "{text}");
    assert!(
        text.contains("Explain the difference between a list and a tuple."),
        "{text}"
    );
    let notice = harness.state().notices.items.last().expect("a notice");
    assert_eq!(notice.kind, NoticeKind::Success);
    assert_eq!(notice.title, format!("Saved to {}", target.display()));
    assert_eq!(
        harness.state().shared.prefs.export_folder.as_deref(),
        target.parent(),
        "the folder is kept in the preferences, which outlive the window"
    );
    // The next export, even in a new window with the same preferences, proposes that folder.
    let prefs = harness.state().shared.prefs.clone();
    drop(harness);
    let mut state = state_with(&fixture, finished_session());
    state.shared.prefs = prefs;
    let mut harness = self::harness(state);
    harness.run();
    harness.get_by_label("CSV").click();
    wait_for(&mut harness, |s| s.scorecard_view.export.save.is_some());
    let proposed = harness
        .get_by_label("Save to this file")
        .value()
        .expect("path field has a value");
    let folder = target.parent().expect("a folder").display().to_string();
    assert!(proposed.starts_with(&folder), "{proposed} in {folder}");
}

#[test]
fn a_failed_write_is_reported_and_the_save_window_stays_for_another_try() {
    let fixture = fixture();
    let mut harness = harness(state_with(&fixture, finished_session()));
    harness.run();
    harness.get_by_label("CSV").click();
    wait_for(&mut harness, |s| s.scorecard_view.export.save.is_some());
    // A regular file where a folder should be: the write cannot succeed.
    let blocker = fixture.root.join("not-a-folder");
    std::fs::write(&blocker, "x").expect("write blocker");
    harness
        .state_mut()
        .scorecard_view
        .export
        .save
        .as_mut()
        .expect("save window")
        .typed_path = blocker.join("out.csv").display().to_string();
    harness.run();
    harness.get_by_label("Save").click();
    wait_for(&mut harness, |s| !s.notices.items.is_empty());
    let notice = &harness.state().notices.items[0];
    assert_eq!(notice.kind, NoticeKind::Error);
    assert_eq!(notice.title, "The CSV could not be saved");
    assert!(
        notice.details[0].contains("not-a-folder"),
        "{:?}",
        notice.details
    );
    assert!(
        harness.state().scorecard_view.export.save.is_some(),
        "the window stays open"
    );
    harness.get_by_label_contains("Not saved:");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.state().scorecard_view.export.save.is_none());
}

#[test]
fn copy_summary_puts_the_ats_note_on_the_clipboard() {
    let fixture = fixture();
    let mut harness = harness(state_with(&fixture, finished_session()));
    harness.run();
    harness.get_by_label("Copy summary").click();
    harness.step();
    let copied: Vec<String> = harness
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|command| match command {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        copied,
        [interview_scorecard::export::summary::summary(session(
            &harness
        ))],
        "the clipboard gets exactly the export's summary"
    );
    assert!(
        harness.state().notices.items.iter().any(|n| n
            .title
            .contains("copied; paste it into the applicant-tracking system")),
        "the copy is confirmed"
    );
}

#[test]
fn scorecard_at_150_percent_stays_usable() {
    let fixture = fixture();
    let mut harness = harness(state_with(&fixture, finished_session()));
    harness.ctx.set_zoom_factor(1.5);
    harness.run();
    harness.get_by_label("Submit scorecard");
    harness.snapshot("scorecard_zoom150");
}

#[test]
fn scorecard_view_snapshot() {
    let fixture = fixture();
    let mut harness = harness(state_with(&fixture, finished_session()));
    harness.run();
    harness.snapshot("scorecard_view");
}

/// A finished 50-question interview, every question rated "Partial". Cards differ in height
/// (one to six rubric points), as real ones do.
fn long_session() -> Session {
    let points = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth"];
    let questions = (1..=50)
        .map(|n| {
            question(
                &format!("q{n}"),
                "python",
                "Python fundamentals",
                &format!("Prompt number {n}: explain what happens here."),
                &points[..1 + (n * 7) % points.len()],
                &["A red flag"],
            )
        })
        .collect();
    let plan = InterviewPlan {
        title: "Long".into(),
        target_minutes: 240,
        questions,
        ..InterviewPlan::default()
    };
    let mut session = Session::start(&plan, "Sam Long", "Backend", "Ann Lee", at(9, 0));
    for outcome in &mut session.questions {
        outcome.rating = Some(Rating::Partial);
    }
    session.finish(at(13, 0));
    session
}

fn wheel_down(harness: &mut Harness<'_, AppState>, times: usize) {
    wheel(harness, times, -600.0);
}

/// `times` wheel events of `dy` points each (negative scrolls down), then lets it settle.
fn wheel(harness: &mut Harness<'_, AppState>, times: usize, dy: f32) {
    harness.hover_at(egui::pos2(300.0, 500.0));
    for _ in 0..times {
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, dy),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: egui::Modifiers::default(),
        });
        // Cards coming into view are styled a frame after they first appear, so scrolling
        // never settles in the few frames `run` allows.
        harness.step();
    }
    harness.run_steps(30);
}

/// The first question prompt on screen and where it is drawn.
fn first_prompt_on_screen(harness: &Harness<'_, AppState>) -> (usize, f32) {
    (1..=50)
        .find_map(|n| {
            let label = format!("Prompt number {n}: explain what happens here.");
            let node = harness.query_by_label(&label)?;
            let rect = node.rect();
            (rect.top() > 100.0 && rect.bottom() < 790.0).then_some((n, rect.top()))
        })
        .expect("a prompt on screen")
}

#[test]
fn cards_measured_above_the_view_do_not_move_what_is_on_screen() {
    let fixture = fixture();
    let mut harness = harness(state_with(&fixture, long_session()));
    harness.run();
    // One big jump: most cards on the way are skipped, so their heights are still guesses.
    wheel(&mut harness, 1, -12_000.0);
    let before = first_prompt_on_screen(&harness);
    assert!(before.0 > 10, "scrolled well down: {before:?}");
    // Up and back down by the same amount, a notch at a time: the cards measured on the way up
    // are measured while still above the view, and the same prompt comes back to the same place.
    wheel(&mut harness, 6, 400.0);
    assert_ne!(first_prompt_on_screen(&harness).0, before.0, "it scrolled");
    wheel(&mut harness, 6, -400.0);
    let after = first_prompt_on_screen(&harness);
    assert_eq!(after.0, before.0);
    assert!(
        (after.1 - before.1).abs() < 1.0,
        "moved from {before:?} to {after:?}"
    );
}

#[test]
fn a_long_scorecard_draws_the_cards_in_view_and_scrolls_to_the_rest() {
    let fixture = fixture();
    let mut harness = harness(state_with(&fixture, long_session()));
    harness.run();
    let last = "Question 50 rating 4 Exceptional";
    assert!(
        harness
            .query_by_label("Prompt number 1: explain what happens here.")
            .is_some()
    );
    assert!(
        harness
            .query_by_role_and_label(Role::Button, last)
            .is_none(),
        "cards far out of view are not laid out"
    );
    let drawn = harness
        .get_all_by_role_and_label(Role::MultilineTextInput, "Notes")
        .count();
    assert!(drawn < 10, "{drawn} cards drawn at the top of 50");
    // Start typing notes in the first card, scroll to the end, keep typing: the notes keep
    // their focus although their card is far out of view.
    harness
        .get_all_by_role_and_label(Role::MultilineTextInput, "Notes")
        .next()
        .expect("the first card's notes")
        .click();
    harness.run();
    harness
        .get_all_by_role_and_label(Role::MultilineTextInput, "Notes")
        .next()
        .expect("the first card's notes")
        .type_text("Good start. ");
    harness.run();
    wheel_down(&mut harness, 80);
    harness.event(egui::Event::Text("Strong finish.".into()));
    harness.run();
    assert_eq!(
        session(&harness).questions[0].notes,
        "Good start. Strong finish."
    );
    // The last card is reachable and works like any other.
    harness.get_by_role_and_label(Role::Button, last).click();
    harness.run();
    assert_eq!(
        session(&harness).questions[49].rating,
        Some(Rating::Exceptional)
    );
    assert!(
        harness
            .query_by_label("Prompt number 1: explain what happens here.")
            .is_none(),
        "the first card is no longer laid out"
    );
}

#[test]
fn tab_walks_through_every_card_of_a_long_scorecard() {
    let fixture = fixture();
    let mut harness = harness(state_with(&fixture, long_session()));
    harness.run();
    // Keyboard only: Tab from the top until a widget of the last card has the focus. Cards come
    // into view (and are laid out) as the focus reaches them.
    harness
        .get_all_by_role_and_label(Role::MultilineTextInput, "Notes")
        .next()
        .expect("the first card's notes")
        .focus();
    harness.run();
    let last = "Question 50 rating 4 Exceptional";
    let mut reached = false;
    for _ in 0..2_000 {
        harness.key_press(egui::Key::Tab);
        harness.step();
        if harness
            .query_by_role_and_label(Role::Button, last)
            .is_some_and(|node| node.is_focused())
        {
            reached = true;
            break;
        }
    }
    assert!(reached, "Tab never reached the last card");
    harness.key_press(egui::Key::Enter);
    harness.run_steps(3);
    assert_eq!(
        session(&harness).questions[49].rating,
        Some(Rating::Exceptional),
        "Enter on the focused button rates the last question"
    );
}
