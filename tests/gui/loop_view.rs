//! The Loop screen: open the panel's shared folder, see coverage with its gap, start your
//! interview from the loop, see whose scorecard is missing until it arrives, and run the
//! debrief to a sealed decision record.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::Duration as Span;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use interview_scorecard::model::decision::Decision;
use interview_scorecard::model::session::Recommendation;
use interview_scorecard::model::signature::SignatureCheck;
use interview_scorecard::store::loop_folder;
use interview_scorecard::ui::{AppState, View};

use crate::common;
use crate::loop_support::{monday, scorecard, three_interview_loop, write_through_store};

pub(crate) fn open_folder(harness: &mut Harness<'static, AppState>, folder: &Path) {
    common::type_into(harness, "Loop folder", &folder.display().to_string());
    harness.get_by_label("Open").click();
    harness.step();
    wait_until(harness, "the folder to be read", |s| {
        s.loop_view.folder.is_some() && !s.loop_view.is_loading()
    });
}

pub(crate) fn wait_until(
    harness: &mut Harness<'static, AppState>,
    what: &str,
    done: impl Fn(&AppState) -> bool,
) {
    let start = Instant::now();
    while !done(harness.state()) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}; note: {:?}",
            harness.state().loop_view.note
        );
        std::thread::sleep(Duration::from_millis(10));
        harness.step();
    }
    harness.run();
}

/// Scrolls the widget labelled `label` into view, as a user would, and clicks it.
pub(crate) fn click_below_the_fold(harness: &mut Harness<'static, AppState>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    // One frame: the click may start background work whose spinner keeps the window busy;
    // the callers wait for that work themselves.
    harness.step();
}

/// How many widgets show text containing `text`.
pub(crate) fn count(harness: &Harness<'static, AppState>, text: &str) -> usize {
    harness.query_all_by_label_contains(text).count()
}

pub(crate) fn setup(data: &Path, folder: &Path, me: &str) -> Harness<'static, AppState> {
    std::fs::create_dir_all(folder).expect("folder");
    let mut state = common::state_in(data, View::Loop);
    state.shared.prefs.interviewer = me.into();
    // Three days after the first interviews: every scorecard is due.
    state.loop_view.now = Some(monday() + Span::days(3));
    // Read again only when asked, so the test decides when files "arrive".
    state.loop_view.refresh_every = Duration::from_secs(3600);
    state.loop_view.typed_paths_only = true;
    common::harness(state, egui::Theme::Light)
}

#[test]
fn coverage_shows_the_gap_and_an_interview_starts_from_the_loop() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("shared");
    let mut plan = three_interview_loop();
    // Nobody asks about collaboration: a gap.
    plan.interviews[2].questions.clear();
    std::fs::create_dir_all(&folder).expect("folder");
    loop_folder::save_loop_plan(&folder.join("backend.loop.ron"), &plan).expect("loop saved");

    let mut harness = setup(&dir.path().join("data"), &folder, "Ann Lee");
    open_folder(&mut harness, &folder);
    assert!(count(&harness, "Gap: nobody covers it") > 0);
    assert!(count(&harness, "Covered once") > 0);

    // Ann's own interview is proposed; she types the candidate and presses Enter.
    common::type_into(&mut harness, "Candidate", "Ada Lovelace");
    harness.key_press(egui::Key::Enter);
    harness.run();
    let state = harness.state();
    assert_eq!(state.shared.prefs.view, View::Interview);
    let active = state.active.as_ref().expect("an interview is open");
    let loop_ref = active
        .session
        .loop_ref
        .as_ref()
        .expect("it belongs to the loop");
    assert_eq!(
        (loop_ref.loop_id.as_str(), loop_ref.interview_id.as_str()),
        ("backend-2026", "coding")
    );
    assert_eq!(active.session.candidate, "Ada Lovelace");
    assert_eq!(active.session.questions.len(), 2);

    // Submitting it (here straight on the session, as the Scorecard's Submit does) sends the
    // signed scorecard to the loop folder the Loop screen has open.
    harness.step();
    {
        let active = harness.state_mut().active.as_mut().expect("open");
        active.session.recommendation = Some(Recommendation::Yes);
        active
            .session
            .submit(chrono::Local::now().fixed_offset())
            .expect("submits");
        active.changed();
    }
    harness.step();
    wait_until(&mut harness, "the scorecard to be published", |s| {
        !s.loop_view.is_writing()
    });
    let read = loop_folder::load_loop_folder(&folder, std::time::SystemTime::now());
    let published = read.sessions();
    assert_eq!(published.len(), 1, "{:?}", harness.state().loop_view.note);
    assert_eq!(published[0].candidate, "Ada Lovelace");
    assert!(matches!(
        published[0].signature_check(),
        SignatureCheck::Valid { .. }
    ));
}

#[test]
fn a_missing_scorecard_holds_the_calls_until_it_arrives_and_the_decision_is_sealed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("shared");
    std::fs::create_dir_all(&folder).expect("folder");
    let plan = three_interview_loop();
    loop_folder::save_loop_plan(&folder.join("backend.loop.ron"), &plan).expect("loop saved");
    let others = dir.path().join("others");
    for (interview, rating) in [("coding", 4), ("design", 2)] {
        let card = scorecard(
            &plan,
            interview,
            "Ada Lovelace",
            rating,
            Recommendation::Yes,
            true,
        );
        write_through_store(&others, &folder, &card);
    }

    let mut harness = setup(&dir.path().join("data"), &folder, "Ann Lee");
    open_folder(&mut harness, &folder);
    harness.get_by_label("Scorecards").click();
    harness.run();
    // Ada lacks Cy's scorecard; Grace, interviewed a day later, has none of her three yet.
    assert_eq!(count(&harness, "Missing"), 4);
    harness.get_by_label("Copy").click();
    harness.step();
    let copied: Vec<String> = harness
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .collect();
    assert!(
        copied.iter().any(|t| t.contains("Cy Twombly")),
        "the line names who owes a scorecard: {copied:?}"
    );

    harness.get_by_label("Debrief").click();
    harness.run();
    assert!(count(&harness, "Waiting for Cy Twombly") > 0);
    assert!(
        harness
            .query_by_label("Seal the decision and add it to the folder")
            .is_none(),
        "no decision before the calls are revealed"
    );

    // Cy's scorecard arrives through the shared folder.
    let card = scorecard(
        &plan,
        "behaviour",
        "Ada Lovelace",
        3,
        Recommendation::Yes,
        true,
    );
    write_through_store(&others, &folder, &card);
    harness.get_by_label("Read again").click();
    harness.step();
    wait_until(&mut harness, "the folder to be read again", |s| {
        !s.loop_view.is_loading()
    });
    assert!(count(&harness, "Waiting for") == 0);

    // The rule says Hold or Hire from the ratings; the panel says No hire, with a reason.
    click_below_the_fold(&mut harness, "No hire");
    common::type_into(
        &mut harness,
        "Why",
        "Design answers did not hold up under follow-ups.",
    );
    let overriding = harness.query_by_label("Override reason").is_some();
    if overriding {
        common::type_into(
            &mut harness,
            "Override reason",
            "The design gaps matter more for this team.",
        );
    }
    common::type_into(&mut harness, "Dissent", "Bob Ng");
    assert!(
        count(&harness, "Bob Ng dissents but is not listed as attending") > 0,
        "a dissenter must have attended"
    );
    common::type_into(&mut harness, "Attendees", ", Bob Ng, Cy Twombly");
    let unmet: Vec<&str> = [
        "choose the decision",
        "write the rationale",
        "name the chair",
        "list who attended",
        "give the reason for the override",
        "dissents but is not listed",
    ]
    .into_iter()
    .filter(|text| count(&harness, text) > 0)
    .collect();
    assert!(unmet.is_empty(), "still to do before sealing: {unmet:?}");
    click_below_the_fold(&mut harness, "Seal the decision and add it to the folder");
    wait_until(&mut harness, "the decision to be written", |s| {
        !s.loop_view.is_writing()
    });

    let decisions: Vec<_> = std::fs::read_dir(&folder)
        .expect("folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(loop_folder::DECISION_SUFFIX))
        .collect();
    let notices: Vec<String> = harness
        .state()
        .notices
        .items
        .iter()
        .map(|n| format!("{}: {:?}", n.title, n.details))
        .collect();
    assert_eq!(
        decisions.len(),
        1,
        "{decisions:?} {notices:?} {:?}",
        harness.state().loop_view.note
    );
    let read = loop_folder::load_loop_folder(&folder, std::time::SystemTime::now());
    let record = &read
        .decisions
        .first()
        .expect("the record reads back")
        .record;
    assert_eq!(record.decision, Some(Decision::NoHire));
    assert_eq!(record.chair, "Ann Lee");
    assert_eq!(
        record.dissent.first().map(|d| d.name.as_str()),
        Some("Bob Ng")
    );
    assert!(
        record.attendees.iter().any(|a| a == "Bob Ng"),
        "{:?}",
        record.attendees
    );
    assert_eq!(record.scorecards.len(), 3);
    assert!(record.proceeded_without.is_empty());
    assert_eq!(record.is_override(), overriding);
    assert!(
        matches!(record.check(), SignatureCheck::Valid { .. }),
        "{:?}",
        record.check()
    );
}

#[test]
fn a_new_loop_is_planned_from_the_bank_and_saved_to_the_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("shared");
    let mut harness = setup(&dir.path().join("data"), &folder, "Ann Lee");
    // The plan built in the Bank: three Python questions.
    let bank = harness.state().shared.bank.clone();
    let questions: Vec<_> = bank
        .entries()
        .iter()
        .filter(|e| e.question.category == "fundamentals")
        .take(3)
        .map(|e| {
            interview_scorecard::model::plan::QuestionSnapshot::of(
                &e.question,
                bank.category_title(&e.question.category),
            )
        })
        .collect();
    assert_eq!(questions.len(), 3);
    harness.state_mut().plan.plan.questions = questions;

    // The folder field has the focus: type the path and press Enter, no pointer needed.
    harness.run();
    harness
        .get_by_label("Loop folder")
        .type_text(&folder.display().to_string());
    harness.key_press(egui::Key::Enter);
    wait_until(&mut harness, "the folder to be read", |s| {
        s.loop_view.folder.is_some()
    });
    assert!(count(&harness, "no loop plan yet") > 0);
    harness.get_by_label("New loop…").click();
    harness.run();
    // Every interview starts empty: every competency is a gap.
    assert_eq!(count(&harness, "Gap: nobody covers it"), 3);
    harness
        .query_all_by_label_contains("Use the Bank's plan")
        .next()
        .expect("a button per interview")
        .click();
    harness.run();
    assert!(count(&harness, "3 questions planned") > 0);
    assert_eq!(
        count(&harness, "Gap: nobody covers it"),
        2,
        "Python is covered now"
    );
    // Saving waits until every interview has someone to run it.
    harness.get_by_label("Save to the folder").click();
    harness.run();
    assert!(count(&harness, "has no interviewer assigned") > 0);
    assert!(
        harness.state().loop_view.draft.is_some(),
        "nothing saved yet"
    );
    for (index, name) in [(1, "Bob Ng"), (2, "Cy Twombly")] {
        let field = harness
            .query_all_by_label("Interviewer")
            .nth(index)
            .expect("a field per interview");
        field.focus();
        harness.run();
        harness
            .query_all_by_label("Interviewer")
            .nth(index)
            .expect("a field per interview")
            .type_text(name);
        harness.run();
    }
    harness.get_by_label("Save to the folder").click();
    harness.step();
    wait_until(&mut harness, "the loop to be saved and read back", |s| {
        !s.loop_view.is_writing()
            && !s.loop_view.is_loading()
            && s.loop_view
                .folder
                .as_ref()
                .is_some_and(|f| !f.loops.is_empty())
    });
    let read = loop_folder::load_loop_folder(&folder, std::time::SystemTime::now());
    let saved = &read.loops.first().expect("the loop file reads back").plan;
    assert_eq!(saved.interviews.len(), 3);
    assert_eq!(saved.interviews[0].questions.len(), 3);
    assert_eq!(
        saved.interviews[0].interviewer, "Ann Lee",
        "the one who plans runs the first"
    );
    assert_eq!(saved.interviews[2].interviewer, "Cy Twombly");
    assert!(
        harness.state().loop_view.draft.is_none(),
        "the editor closed"
    );
    assert!(count(&harness, "Edit the loop") > 0);
}

/// The software renderer antialiases a few pixels of italic text differently from run to run;
/// a handful of pixels is that, a layout change is thousands.
pub(crate) fn tolerant() -> egui_kittest::SnapshotOptions {
    egui_kittest::SnapshotOptions::new().max_failed_pixels(24)
}

#[test]
fn snapshots_of_the_loop_screen() {
    let mut results = egui_kittest::SnapshotResults::new();
    for (theme, suffix) in [(egui::Theme::Light, "light"), (egui::Theme::Dark, "dark")] {
        let dir = tempfile::tempdir().expect("temp dir");
        let folder = dir.path().join("shared");
        std::fs::create_dir_all(&folder).expect("folder");
        let mut plan = three_interview_loop();
        plan.interviews[2].questions.clear();
        loop_folder::save_loop_plan(&folder.join("backend.loop.ron"), &plan).expect("saved");
        let others = dir.path().join("others");
        for (interview, rating) in [("coding", 4), ("design", 2)] {
            let card = scorecard(
                &plan,
                interview,
                "Ada Lovelace",
                rating,
                Recommendation::Yes,
                true,
            );
            write_through_store(&others, &folder, &card);
        }
        let mut state = common::state_in(&dir.path().join("data"), View::Loop);
        state.shared.prefs.interviewer = "Ann Lee".into();
        state.loop_view.now = Some(monday() + Span::days(3));
        state.loop_view.refresh_every = Duration::from_secs(3600);
        let mut harness = common::harness(state, theme);
        open_folder(&mut harness, &folder);
        let mask = |harness: &mut Harness<'static, AppState>| {
            // The pointer rests away from every widget, so no hover effect is half-way through.
            harness.hover_at(egui::pos2(1150.0, 740.0));
            harness.run();
            harness.remove_cursor();
            // The temporary folder's path differs on every run.
            let field: Vec<egui::Rect> = harness
                .query_all_by_label("Loop folder")
                .map(|n| n.rect())
                .collect();
            for rect in field {
                harness.mask(rect);
            }
            let rects: Vec<egui::Rect> = harness
                .query_all_by_label_contains("shared")
                .map(|n| n.rect())
                .collect();
            for rect in rects {
                // To the window's edge: the path's width varies with its random part.
                harness.mask(egui::Rect::from_min_max(
                    rect.min,
                    egui::pos2(1200.0, rect.max.y),
                ));
            }
        };
        mask(&mut harness);
        harness.snapshot_options(format!("loop_plan_{suffix}"), &tolerant());
        harness.get_by_label("Debrief").click();
        harness.run();
        mask(&mut harness);
        harness.snapshot_options(format!("loop_debrief_{suffix}"), &tolerant());
        results.extend_harness(&mut harness);
    }
}

#[test]
fn a_scorecard_arriving_through_the_sync_engine_appears_without_a_click() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("shared");
    std::fs::create_dir_all(&folder).expect("folder");
    let plan = three_interview_loop();
    loop_folder::save_loop_plan(&folder.join("backend.loop.ron"), &plan).expect("loop saved");
    let mut harness = setup(&dir.path().join("data"), &folder, "Ann Lee");
    harness.state_mut().loop_view.refresh_every = Duration::from_millis(100);
    open_folder(&mut harness, &folder);
    harness.get_by_label("Scorecards").click();
    harness.run();
    assert_eq!(count(&harness, "Missing"), 6, "nothing is in yet");

    let card = scorecard(
        &plan,
        "design",
        "Grace Hopper",
        3,
        Recommendation::Yes,
        true,
    );
    write_through_store(&dir.path().join("bob"), &folder, &card);
    wait_until(&mut harness, "the new scorecard to be read", |s| {
        s.loop_view
            .folder
            .as_ref()
            .is_some_and(|f| f.panel.scorecards.len() == 1)
    });
    assert_eq!(count(&harness, "Missing"), 5);
    assert!(count(&harness, "Submitted and signed") > 0);
}
