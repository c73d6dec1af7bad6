//! The Interview view driven from the keyboard with the notes focused, plus navigation,
//! ad-hoc questions, finishing, resuming from disk, and snapshots.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use interview_scorecard::model::plan::{InterviewPlan, QuestionSnapshot};
use interview_scorecard::model::session::{QuestionState, Rating, Session};
use interview_scorecard::store::sessions;
use interview_scorecard::ui::session::ActiveSession;
use interview_scorecard::ui::{AppState, View};

use crate::common;

const CTRL_SHIFT: Modifiers = Modifiers {
    alt: false,
    ctrl: true,
    shift: true,
    mac_cmd: false,
    command: true,
};
const CTRL_ALT: Modifiers = Modifiers {
    alt: true,
    ctrl: true,
    shift: false,
    mac_cmd: false,
    command: true,
};

fn plan(state: &AppState) -> InterviewPlan {
    // Three bank questions that each have at least two red flags.
    let questions: Vec<QuestionSnapshot> = state
        .shared
        .bank
        .entries()
        .iter()
        .filter(|e| e.question.red_flags.len() >= 2 && e.question.listen_for.len() >= 4)
        .take(3)
        .map(|e| {
            QuestionSnapshot::of(
                &e.question,
                state.shared.bank.category_title(&e.question.category),
            )
        })
        .collect();
    assert_eq!(questions.len(), 3);
    InterviewPlan {
        title: "Python onsite".into(),
        questions,
        ..InterviewPlan::default()
    }
}

fn start(dir: &std::path::Path, candidate: &str) -> AppState {
    let mut state = common::state_in(dir, View::Interview);
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-21T10:00:00+01:00").expect("date");
    let session = Session::start(&plan(&state), candidate, "Python developer", "Sam Lee", now);
    let path = sessions::session_path(&state.shared.dirs.sessions(), &session);
    state.active = Some(ActiveSession::open(session, path).expect("open session"));
    state
}

fn session<'h>(harness: &'h egui_kittest::Harness<'static, AppState>) -> &'h Session {
    &harness
        .state()
        .active
        .as_ref()
        .expect("active session")
        .session
}

#[test]
fn hotkeys_tick_and_rate_while_typing_notes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = common::harness(start(dir.path(), "Zoë Ødegård"), egui::Theme::Light);
    harness.run();
    // The notes have focus when the question opens: typing goes straight in.
    harness
        .get_by_label("Notes")
        .type_text("Explains closures. ");
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num3);
    harness.key_press_modifiers(CTRL_SHIFT, Key::Num2);
    harness.key_press_modifiers(CTRL_ALT, Key::Num3);
    harness.run();
    harness.get_by_label("Notes").type_text("Mentions wraps.");
    harness.run();
    let outcome = &session(&harness).questions[0];
    assert_eq!(
        outcome.ticked.iter().map(|t| t.index).collect::<Vec<_>>(),
        [0, 2]
    );
    assert_eq!(
        outcome
            .red_flags
            .iter()
            .map(|t| t.index)
            .collect::<Vec<_>>(),
        [1]
    );
    assert_eq!(outcome.rating, Some(Rating::Solid));
    assert_eq!(
        outcome.notes, "Explains closures. Mentions wraps.",
        "no digits typed into the notes"
    );
    // Toggling again unticks.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    harness.run();
    assert_eq!(session(&harness).questions[0].ticked.len(), 1);
}

#[test]
fn alt_digit_switches_view_without_typing_the_digit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = common::harness(start(dir.path(), "Дмитрий"), egui::Theme::Light);
    harness.run();
    harness.get_by_label("Notes").type_text("abc");
    harness.run();
    // On Linux, Alt+1 arrives as a key press and as the text "1".
    harness.key_press_modifiers(Modifiers::ALT, Key::Num1);
    harness.event(egui::Event::Text("1".into()));
    harness.run();
    assert_eq!(harness.state().shared.prefs.view, View::Bank);
    assert_eq!(session(&harness).questions[0].notes, "abc");
}

#[test]
fn navigation_skip_flag_ad_hoc_and_finish() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = common::harness(start(dir.path(), "李雷"), egui::Theme::Light);
    harness.run();
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    harness.run();
    assert_eq!(session(&harness).current, 1);
    assert_eq!(
        session(&harness).questions[0].state,
        QuestionState::NotAsked,
        "nothing recorded on question 1"
    );
    harness.get_by_label("Previous question").click();
    harness.run();
    assert_eq!(session(&harness).current, 0);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::G);
    harness.run();
    assert!(session(&harness).questions[0].flagged);
    harness.get_by_label("Skip").click();
    harness.run();
    assert_eq!(session(&harness).questions[0].state, QuestionState::Skipped);
    assert_eq!(session(&harness).current, 1);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::J);
    harness.run();
    common::type_into(&mut harness, "Question", "How would you test this?");
    common::type_into(
        &mut harness,
        "What to listen for (one point per line)",
        "Names pytest\nMentions fixtures",
    );
    harness.get_by_label("Add question").click();
    harness.run();
    let s = session(&harness);
    assert_eq!(s.questions.len(), 4);
    assert_eq!(s.current, 2);
    assert_eq!(
        s.questions[2].question.listen_for,
        ["Names pytest", "Mentions fixtures"]
    );
    assert!(s.questions[2].question.ad_hoc);

    harness.key_press_modifiers(CTRL_SHIFT, Key::Enter);
    harness.run();
    harness.get_by_label("Finish and open scorecard").click();
    harness.run();
    assert_eq!(harness.state().shared.prefs.view, View::Scorecard);
    let path = harness
        .state()
        .active
        .as_ref()
        .expect("active")
        .path
        .clone();
    harness.state_mut().active.as_mut().expect("active").flush();
    let on_disk = sessions::load_session(&path).expect("session file");
    assert!(on_disk.finished_at.is_some());
    assert_eq!(on_disk.questions.len(), 4);
}

#[test]
fn an_unfinished_interview_resumes_at_the_same_question_with_its_notes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path;
    {
        let mut state = start(dir.path(), "محمد");
        let active = state.active.as_mut().expect("active");
        active.session.go_to(2);
        active.session.questions[2].notes = "Halfway through a sentence".into();
        active.session.elapsed_secs = 754.0;
        active.session.questions[2].time_secs = 120.0;
        active.flush();
        path = active.path.clone();
        // Dropping the state is the app closing (or crashing after the last autosave).
    }
    let state = AppState::load(
        interview_scorecard::store::AppDirs::at(dir.path()),
        &[],
        Default::default(),
    );
    assert_eq!(state.resumable.len(), 1);
    let mut harness = common::harness(state, egui::Theme::Light);
    harness.run();
    harness.get_by_label_contains("Resume an unfinished interview");
    harness.get_by_label("Resume").click();
    harness.run();
    let active = harness.state().active.as_ref().expect("resumed");
    assert_eq!(active.path, path);
    assert_eq!(active.session.current, 2);
    assert_eq!(
        active.session.questions[2].notes,
        "Halfway through a sentence"
    );
    assert!(active.session.elapsed_secs >= 754.0);
    assert_eq!(harness.state().shared.prefs.view, View::Interview);
}

#[test]
fn a_second_window_cannot_open_the_same_interview() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = start(dir.path(), "Zoë");
    let path = state.active.as_ref().expect("active").path.clone();
    let second = ActiveSession::resume(path);
    let message = second.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(
        message.contains("open in another Interview Scorecard window"),
        "{message}"
    );
}

/// Masks what changes with the wall clock (the clocks, "Saving…" or "✔ Saved"), so snapshots compare
/// the layout and not the second at which they were taken.
fn mask_time(harness: &mut egui_kittest::Harness<'static, AppState>) {
    harness.remove_cursor();
    let labelled = |harness: &egui_kittest::Harness<'static, AppState>, text: &str| {
        harness
            .query_all_by_label_contains(text)
            .map(|node| node.rect())
            .collect::<Vec<_>>()
    };
    let clocks = labelled(harness, ":00");
    let save_status: Vec<egui::Rect> = ["Saved", "Saving"]
        .iter()
        .flat_map(|text| labelled(harness, text))
        .collect();
    for rect in clocks {
        harness.mask(rect);
    }
    for rect in save_status {
        // "Saving…" and "✔ Saved" differ a little in width: a mask of one width, anchored at
        // the label's right edge, hides whichever the frame happened to show.
        let wide = egui::Rect::from_min_max(
            egui::pos2(
                rect.max.x - SAVE_STATUS_MASK_WIDTH.max(rect.width()),
                rect.min.y,
            ),
            rect.max,
        );
        harness.mask(wide);
    }
}

/// Wide enough for the longest save status the header shows.
const SAVE_STATUS_MASK_WIDTH: f32 = 64.0;

#[test]
fn snapshots_of_the_interview_view() {
    let mut results = egui_kittest::SnapshotResults::new();
    for (theme, suffix) in [(egui::Theme::Light, "light"), (egui::Theme::Dark, "dark")] {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut harness = common::harness(start(dir.path(), "Zoë Ødegård"), theme);
        harness.run();
        mask_time(&mut harness);
        harness.snapshot(format!("interview_start_{suffix}"));
        harness.get_by_label("Notes").type_text("Starts from the definition, then an example with a list inside a tuple. Unsure about hashing.");
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
        harness.key_press_modifiers(CTRL_ALT, Key::Num3);
        harness.run();
        mask_time(&mut harness);
        harness.snapshot(format!("interview_mid_{suffix}"));
        harness.key_press(Key::F1);
        harness.run();
        mask_time(&mut harness);
        harness.snapshot(format!("interview_cheat_sheet_{suffix}"));
        results.extend_harness(&mut harness);
    }
}

/// Queues a key press (down and up) without running a frame, so that several keys and texts
/// arrive in one frame, as they do from a fast typist on a slow frame.
fn queue_key(
    harness: &mut egui_kittest::Harness<'static, AppState>,
    modifiers: Modifiers,
    key: Key,
) {
    queue_key_as(harness, modifiers, key, key);
}

fn queue_text(harness: &mut egui_kittest::Harness<'static, AppState>, text: &str) {
    harness.event(egui::Event::Text(text.into()));
}

/// A bank plan of three questions in the Bank view, with no interviewer remembered.
fn bank_with_plan(dir: &std::path::Path) -> AppState {
    let mut state = common::state_in(dir, View::Bank);
    state.plan.plan = plan(&state);
    state
}

#[test]
fn a_fast_typist_fills_the_start_dialog_and_the_first_note_in_one_frame() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = common::harness(bank_with_plan(dir.path()), egui::Theme::Light);
    harness.run();
    // Everything below arrives in a single frame: the shortcut that opens the dialog, the three
    // fields with Tab between them, Return to start, and the first words of the notes.
    queue_key(&mut harness, Modifiers::COMMAND, Key::Enter);
    queue_text(&mut harness, "Bob Stone");
    queue_key(&mut harness, Modifiers::NONE, Key::Tab);
    queue_text(&mut harness, "Backend dev");
    queue_key(&mut harness, Modifiers::NONE, Key::Tab);
    queue_text(&mut harness, "Carol Jones");
    queue_key(&mut harness, Modifiers::NONE, Key::Enter);
    queue_text(&mut harness, "first note typed");
    harness.run();
    let session = session(&harness);
    assert_eq!(session.candidate, "Bob Stone");
    assert_eq!(session.role, "Backend dev");
    assert_eq!(session.interviewer, "Carol Jones");
    assert_eq!(session.questions[0].notes, "first note typed");
    assert_eq!(harness.state().shared.prefs.view, View::Interview);
}

#[test]
fn return_in_the_start_dialog_moves_on_until_both_names_are_there() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = common::harness(bank_with_plan(dir.path()), egui::Theme::Light);
    harness.run();
    queue_key(&mut harness, Modifiers::COMMAND, Key::Enter);
    queue_text(&mut harness, "Ana");
    queue_key(&mut harness, Modifiers::NONE, Key::Enter);
    queue_text(&mut harness, "Data engineer");
    queue_key(&mut harness, Modifiers::NONE, Key::Enter);
    queue_text(&mut harness, "Kim");
    harness.run();
    assert!(harness.state().active.is_none(), "not started yet");
    assert!(
        harness.query_by_label_contains("Enter your name").is_none(),
        "Return moves on without scolding"
    );
    queue_key(&mut harness, Modifiers::NONE, Key::Enter);
    queue_text(&mut harness, "Opens with a question");
    harness.run();
    let session = session(&harness);
    assert_eq!(
        (
            session.candidate.as_str(),
            session.role.as_str(),
            session.interviewer.as_str()
        ),
        ("Ana", "Data engineer", "Kim")
    );
    assert_eq!(session.questions[0].notes, "Opens with a question");
}

#[test]
fn an_ad_hoc_question_typed_at_full_speed_keeps_its_prompt_rubric_and_notes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = common::harness(start(dir.path(), "Lee"), egui::Theme::Light);
    harness.run();
    queue_text(&mut harness, "Before. ");
    queue_key(&mut harness, Modifiers::COMMAND, Key::J);
    queue_text(&mut harness, "How would you page a large table?");
    queue_key(&mut harness, Modifiers::NONE, Key::Tab);
    queue_text(&mut harness, "Uses keyset pagination");
    queue_key(&mut harness, Modifiers::NONE, Key::Enter);
    queue_text(&mut harness, "Explains why OFFSET slows down");
    queue_key(&mut harness, Modifiers::COMMAND, Key::Enter);
    queue_text(&mut harness, "Knew keysets.");
    harness.run();
    let session = session(&harness);
    assert_eq!(session.questions[0].notes, "Before. ");
    assert_eq!(session.questions.len(), 4);
    let added = &session.questions[1];
    assert_eq!(added.question.prompt, "How would you page a large table?");
    assert_eq!(
        added.question.listen_for,
        ["Uses keyset pagination", "Explains why OFFSET slows down"]
    );
    assert_eq!(session.current, 1, "the new question is open");
    assert_eq!(added.notes, "Knew keysets.");
}

#[test]
fn return_in_the_ad_hoc_question_moves_to_the_rubric() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = common::harness(start(dir.path(), "Lee"), egui::Theme::Light);
    harness.run();
    queue_key(&mut harness, Modifiers::COMMAND, Key::J);
    queue_text(&mut harness, "What is a generator?");
    queue_key(&mut harness, Modifiers::NONE, Key::Enter);
    queue_text(&mut harness, "Mentions yield");
    harness.run();
    let form = harness
        .state()
        .interview_view
        .ad_hoc
        .as_ref()
        .expect("dialog open");
    assert_eq!(form.prompt, "What is a generator?");
    assert_eq!(form.points, "Mentions yield");
}

#[test]
fn moving_to_the_next_question_and_typing_at_once_writes_in_its_notes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = common::harness(start(dir.path(), "Lee"), egui::Theme::Light);
    harness.run();
    queue_text(&mut harness, "one");
    queue_key(&mut harness, Modifiers::ALT, Key::ArrowRight);
    queue_text(&mut harness, "two");
    queue_key(&mut harness, Modifiers::ALT, Key::ArrowRight);
    queue_text(&mut harness, "three");
    harness.run();
    let notes: Vec<&str> = session(&harness)
        .questions
        .iter()
        .map(|o| o.notes.as_str())
        .collect();
    assert_eq!(notes, ["one", "two", "three"]);
}

#[test]
fn every_zoom_key_works_and_the_level_is_remembered() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = common::harness(start(dir.path(), "Lee"), egui::Theme::Light);
    harness.run();
    let zoom = |h: &egui_kittest::Harness<'static, AppState>| h.state().shared.prefs.zoom;
    let shift_command = Modifiers::COMMAND | Modifiers::SHIFT;
    for (modifiers, key, expected) in [
        (Modifiers::COMMAND, Key::Minus, 0.9),
        (Modifiers::COMMAND, Key::Minus, 0.8),
        (Modifiers::COMMAND, Key::Num0, 1.0),
        (Modifiers::COMMAND, Key::Plus, 1.1),
        // `+` needs Shift on many layouts; `=` is the same key unshifted.
        (shift_command, Key::Plus, 1.2),
        (Modifiers::COMMAND, Key::Equals, 1.3),
        (Modifiers::COMMAND, Key::Num0, 1.0),
    ] {
        harness.key_press_modifiers(modifiers, key);
        harness.run();
        assert!(
            (zoom(&harness) - expected).abs() < 1e-4,
            "{modifiers:?}+{key:?}: zoom {} instead of {expected}",
            zoom(&harness)
        );
        assert!((harness.ctx.zoom_factor() - expected).abs() < 1e-4);
    }
    for _ in 0..20 {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    }
    harness.run();
    assert!((zoom(&harness) - 0.5).abs() < 1e-4, "stops at 50 %");
    assert_eq!(
        session(&harness).questions[0].notes,
        "",
        "zoom keys type nothing"
    );
}

#[test]
fn the_cheat_sheet_opens_once_from_the_button_and_from_f1_on_any_screen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = common::harness(start(dir.path(), "Lee"), egui::Theme::Light);
    harness.run();
    let sheets = |h: &egui_kittest::Harness<'static, AppState>| {
        h.query_all_by_label("Keyboard shortcuts").count()
    };
    assert_eq!(sheets(&harness), 0);
    harness.get_by_label("Shortcuts (F1)").click();
    harness.run();
    assert_eq!(sheets(&harness), 1, "the button opens one sheet");
    harness.key_press(Key::F1);
    harness.run();
    assert_eq!(sheets(&harness), 0, "F1 closes it");
    harness.state_mut().shared.prefs.view = View::Bank;
    harness.run();
    harness.key_press(Key::F1);
    harness.run();
    assert_eq!(sheets(&harness), 1, "F1 opens it on the Bank screen too");
}

/// Ctrl as egui-winit reports it on Linux and Windows: `command` mirrors `ctrl`.
const CTRL: Modifiers = Modifiers {
    alt: false,
    ctrl: true,
    shift: false,
    mac_cmd: false,
    command: true,
};

/// Presses one key as egui-winit reports it, `key` being what the layout makes of it and
/// `physical` where it sits, with the notes focused and the zoom at `from`; returns the zoom
/// the app remembers after the press. Checks the window's zoom agrees and nothing was typed.
fn zoom_after(from: f32, modifiers: Modifiers, key: Key, physical: Key) -> f32 {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut state = start(dir.path(), "Lee");
    state.shared.prefs.zoom = from;
    let mut harness = common::harness(state, egui::Theme::Light);
    harness.ctx.set_zoom_factor(from);
    harness.run();
    queue_key_as(&mut harness, modifiers, key, physical);
    harness.run();
    let zoom = harness.state().shared.prefs.zoom;
    assert!(
        (harness.ctx.zoom_factor() - zoom).abs() < 1e-4,
        "the window shows {} but the app remembers {zoom}",
        harness.ctx.zoom_factor()
    );
    assert_eq!(
        session(&harness).questions[0].notes,
        "",
        "zoom keys type nothing"
    );
    zoom
}

fn queue_key_as(
    harness: &mut egui_kittest::Harness<'static, AppState>,
    modifiers: Modifiers,
    key: Key,
    physical: Key,
) {
    for pressed in [true, false] {
        harness.event(egui::Event::Key {
            key,
            physical_key: Some(physical),
            pressed,
            repeat: false,
            modifiers,
        });
    }
}

fn assert_zoom(actual: f32, expected: f32) {
    assert!(
        (actual - expected).abs() < 1e-4,
        "zoom {actual} instead of {expected}"
    );
}

#[test]
fn ctrl_plus_with_shift_zooms_in() {
    // US and UK layouts: `+` is Shift+`=`, so the key means Plus and sits on Equals.
    assert_zoom(
        zoom_after(1.0, CTRL | Modifiers::SHIFT, Key::Plus, Key::Equals),
        1.1,
    );
}

#[test]
fn ctrl_plus_on_its_own_key_zooms_in() {
    // German and Nordic layouts: `+` has a key of its own (where US has `]`).
    assert_zoom(zoom_after(1.0, CTRL, Key::Plus, Key::CloseBracket), 1.1);
}

#[test]
fn ctrl_equals_zooms_in() {
    // The same key unshifted, as browsers accept it.
    assert_zoom(zoom_after(1.0, CTRL, Key::Equals, Key::Equals), 1.1);
}

#[test]
fn keypad_plus_zooms_in() {
    // egui-winit reports the keypad key as Plus in both places.
    assert_zoom(zoom_after(1.0, CTRL, Key::Plus, Key::Plus), 1.1);
}

#[test]
fn ctrl_minus_zooms_out() {
    assert_zoom(zoom_after(1.0, CTRL, Key::Minus, Key::Minus), 0.9);
}

#[test]
fn ctrl_shift_minus_zooms_out() {
    // Shift+`-` is `_`, which egui has no key for: only the physical key is known.
    assert_zoom(
        zoom_after(1.0, CTRL | Modifiers::SHIFT, Key::Minus, Key::Minus),
        0.9,
    );
}

#[test]
fn keypad_minus_zooms_out() {
    assert_zoom(zoom_after(1.2, CTRL, Key::Minus, Key::Minus), 1.1);
}

#[test]
fn ctrl_0_resets_the_zoom() {
    assert_zoom(zoom_after(1.5, CTRL, Key::Num0, Key::Num0), 1.0);
}

#[test]
fn keypad_0_resets_the_zoom() {
    // With Num Lock on, egui-winit reports the keypad 0 as Num0.
    assert_zoom(zoom_after(0.7, CTRL, Key::Num0, Key::Num0), 1.0);
}

#[test]
fn the_interview_at_150_percent_stays_usable() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = common::harness(start(dir.path(), "Zoë Ødegård"), egui::Theme::Light);
    harness.ctx.set_zoom_factor(1.5);
    harness.run();
    harness
        .get_by_label("Notes")
        .type_text("Gives the definition first.");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    harness.run();
    harness.get_by_label("Finish ✔");
    mask_time(&mut harness);
    harness.snapshot("interview_zoom150");
}

#[test]
fn notes_typed_right_after_adding_an_ad_hoc_question_go_to_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = common::harness(start(dir.path(), "Lee"), egui::Theme::Light);
    harness.run();
    queue_key(&mut harness, Modifiers::COMMAND, Key::J);
    queue_text(&mut harness, "Why?");
    queue_key(&mut harness, Modifiers::COMMAND, Key::Enter);
    queue_text(&mut harness, "Because.");
    harness.run();
    let session = session(&harness);
    assert_eq!(session.current, 1);
    assert_eq!(session.questions[1].question.prompt, "Why?");
    assert_eq!(session.questions[1].notes, "Because.");
}

#[test]
fn a_failing_save_is_said_in_the_notices_not_over_the_controls() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = start(dir.path(), "Lee");
    let sessions = state.shared.dirs.sessions();
    let mut harness = common::harness(state, egui::Theme::Light);
    harness.run();
    // The sessions folder disappears and a file takes its name: no write can succeed.
    std::fs::remove_dir_all(&sessions).expect("remove sessions");
    std::fs::write(&sessions, "not a folder").expect("block the folder");
    harness.get_by_label("Notes").type_text("Still typing");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while !harness
        .state()
        .notices
        .items
        .iter()
        .any(|n| n.title == "Your changes are not being saved")
    {
        assert!(
            std::time::Instant::now() < deadline,
            "no notice about the failed save"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
        harness.step();
    }
    harness.run();
    // The header says it briefly; the strip says why and what to do.
    harness.get_by_label("⚠ Not saved");
    harness.get_by_label_contains("Free some disk space or make the data folder writable");
    assert_eq!(
        session(&harness).questions[0].notes,
        "Still typing",
        "nothing typed is lost"
    );
    let count = harness
        .state()
        .notices
        .items
        .iter()
        .filter(|n| n.title == "Your changes are not being saved")
        .count();
    assert_eq!(count, 1, "said once, not every frame");
}
