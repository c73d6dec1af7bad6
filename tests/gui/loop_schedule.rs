//! Scheduling a loop's interviews in the loop editor: a start time per candidate and
//! interview, typed fast or wrong, saved to the loop file, and the Scorecards section's
//! overdue times measured from it.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use interview_scorecard::model::loop_plan::Candidates;
use interview_scorecard::model::loop_schedule::parse_local_start_time;
use interview_scorecard::model::session::Recommendation;
use interview_scorecard::store::loop_folder;
use interview_scorecard::ui::AppState;

use crate::loop_support::{at, scorecard, three_interview_loop, write_through_store};
use crate::loop_view::{click_below_the_fold, count, open_folder, setup, wait_until};

fn queue_key(harness: &Harness<'static, AppState>, modifiers: Modifiers, key: Key) {
    for pressed in [true, false] {
        harness.event(egui::Event::Key {
            key,
            physical_key: Some(key),
            pressed,
            repeat: false,
            modifiers,
        });
    }
}

/// Focuses the start-time field `label`, then selects what is in it and types `text`, the
/// selection and the typing in one frame.
fn retype(harness: &mut Harness<'static, AppState>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run();
    queue_key(harness, Modifiers::COMMAND, Key::A);
    harness.event(egui::Event::Text(text.into()));
    harness.run();
}

fn field_text(harness: &Harness<'static, AppState>, label: &str) -> String {
    harness
        .get_by_label(label)
        .accesskit_node()
        .value()
        .unwrap_or_default()
}

#[test]
fn start_times_typed_fast_or_wrong_are_kept_as_typed_and_overdue_counts_from_the_saved_ones() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("shared");
    std::fs::create_dir_all(&folder).expect("folder");
    let plan = three_interview_loop();
    let loop_file = folder.join("backend.loop.ron");
    loop_folder::save_loop_plan(&loop_file, &plan).expect("loop saved");
    let card = scorecard(
        &plan,
        "coding",
        "Ada Lovelace",
        3,
        Recommendation::Yes,
        true,
    );
    write_through_store(&dir.path().join("ann"), &folder, &card);

    let mut harness = setup(&dir.path().join("data"), &folder, "Ann Lee");
    open_folder(&mut harness, &folder);
    harness.get_by_label("Scorecards").click();
    harness.run();
    // Thursday 9:00; Ada's design interview was Monday 10:00, so its scorecard is long overdue.
    assert!(count(&harness, "overdue 1 d 22 h") > 0);

    harness.get_by_label("Plan and coverage").click();
    harness.run();
    harness.get_by_label("Edit the loop…").click();
    harness.run();
    let design = "System design start for Ada Lovelace";
    let behaviour = "Collaboration start for Ada Lovelace";
    assert!(
        field_text(&harness, design).starts_with("2026-03-02 10:00"),
        "{}",
        field_text(&harness, design)
    );

    // A fast typist: select, type, Tab to the next interview, select, type: one frame.
    harness.get_by_label(design).focus();
    harness.run();
    queue_key(&harness, Modifiers::COMMAND, Key::A);
    harness.event(egui::Event::Text("2026-03-05 07:30 +01:00".into()));
    queue_key(&harness, Modifiers::NONE, Key::Tab);
    queue_key(&harness, Modifiers::COMMAND, Key::A);
    harness.event(egui::Event::Text("2026-03-05 9:00".into()));
    harness.run();
    assert_eq!(field_text(&harness, design), "2026-03-05 07:30 +01:00");
    assert_eq!(field_text(&harness, behaviour), "2026-03-05 9:00");

    // A time that does not read is kept as typed, says which form to use, and is not saved.
    let grace = "Coding start for Grace Hopper";
    retype(&mut harness, grace, "Tuesday 10am");
    assert_eq!(field_text(&harness, grace), "Tuesday 10am");
    assert!(count(&harness, "type it as 2026-12-04 14:00") > 0);
    harness.get_by_label("Save to the folder").click();
    harness.run();
    assert!(count(&harness, "Fix the start times marked in red") > 0);
    assert!(
        harness.state().loop_view.draft.is_some(),
        "the editor stays open"
    );
    assert_eq!(
        loop_folder::load_loop_plan(&loop_file).expect("plan").plan,
        plan,
        "nothing saved"
    );
    retype(&mut harness, grace, "2026-03-03 10:00 +01:00");
    assert_eq!(count(&harness, "type it as 2026-12-04 14:00"), 0);

    harness.get_by_label("Save to the folder").click();
    harness.step();
    wait_until(&mut harness, "the loop to be saved and read back", |s| {
        s.loop_view.draft.is_none() && !s.loop_view.is_writing() && !s.loop_view.is_loading()
    });
    let saved = loop_folder::load_loop_plan(&loop_file).expect("plan").plan;
    let Candidates::Named(candidates) = &saved.candidates else {
        panic!("the candidates stay named");
    };
    assert_eq!(
        candidates[0].schedule.get("design"),
        Some(&at("2026-03-05T07:30:00+01:00"))
    );
    assert_eq!(
        candidates[0].schedule.get("behaviour"),
        Some(&parse_local_start_time("2026-03-05 9:00").expect("local time"))
    );
    assert_eq!(
        candidates[0].schedule.get("coding"),
        Some(&at("2026-03-02T09:00:00+01:00")),
        "untouched"
    );
    assert_eq!(
        candidates[1].schedule.get("coding"),
        Some(&at("2026-03-03T10:00:00+01:00"))
    );

    // Overdue is measured from the saved times: Ada's design interview ends Thursday 8:15,
    // its scorecard is due a day later; Grace's coding one ended Tuesday 10:45.
    harness.get_by_label("Scorecards").click();
    harness.run();
    assert!(count(&harness, "due in 23 h 15 min") > 0);
    assert!(count(&harness, "overdue 22 h 15 min") > 0);
    assert_eq!(count(&harness, "overdue 1 d 22 h"), 0);
}

#[test]
fn a_loop_open_to_anyone_gets_named_candidates_to_schedule() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("shared");
    std::fs::create_dir_all(&folder).expect("folder");
    let mut plan = three_interview_loop();
    plan.candidates = Candidates::Any;
    let loop_file = folder.join("backend.loop.ron");
    loop_folder::save_loop_plan(&loop_file, &plan).expect("loop saved");

    let mut harness = setup(&dir.path().join("data"), &folder, "Ann Lee");
    open_folder(&mut harness, &folder);
    harness.get_by_label("Edit the loop…").click();
    harness.run();
    assert!(count(&harness, "Open to any candidate") > 0);
    click_below_the_fold(&mut harness, "+ Candidate");
    harness.run();
    crate::common::type_into(&mut harness, "Name of candidate 1", "Linus T");
    // The field's name follows the candidate's.
    retype(
        &mut harness,
        "Coding start for Linus T",
        "2026-03-06 14:00 +01:00",
    );
    click_below_the_fold(&mut harness, "Save to the folder");
    wait_until(&mut harness, "the loop to be saved", |s| {
        s.loop_view.draft.is_none() && !s.loop_view.is_writing() && !s.loop_view.is_loading()
    });
    let saved = loop_folder::load_loop_plan(&loop_file).expect("plan").plan;
    let Candidates::Named(candidates) = &saved.candidates else {
        panic!("named now: {:?}", saved.candidates);
    };
    assert_eq!(candidates.len(), 1);
    assert_eq!(candidates[0].name, "Linus T");
    assert_eq!(
        candidates[0].schedule.get("coding"),
        Some(&at("2026-03-06T14:00:00+01:00"))
    );
}
