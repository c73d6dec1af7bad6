//! Amending a decision on record from the Loop screen's debrief: the form starts from the
//! decision that stands, needs a reason, and adds a new signed record that names the one it
//! amends; a failed write keeps everything typed.

use std::path::Path;

use chrono::Duration as Span;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use interview_scorecard::model::decision::{Decision, DecisionRecord};
use interview_scorecard::model::loop_plan::LoopPlan;
use interview_scorecard::model::loop_status::expected_vs_received;
use interview_scorecard::model::session::Recommendation;
use interview_scorecard::model::signature::{self, SignatureCheck};
use interview_scorecard::store::{keys, loop_folder};
use interview_scorecard::ui::AppState;

use crate::loop_support::{
    at, key_of, monday, scorecard, three_interview_loop, write_through_store,
};
use crate::loop_view::{click_below_the_fold, count, open_folder, setup, tolerant, wait_until};

/// A loop folder where every scorecard of Ada's is in and Ann Lee recorded No hire the day
/// before; Ann's key is in `data`, as on her machine. Returns the record.
fn decided(dir: &Path, folder: &Path, data: &Path) -> (LoopPlan, DecisionRecord) {
    std::fs::create_dir_all(folder).expect("folder");
    let plan = three_interview_loop();
    loop_folder::save_loop_plan(&folder.join("backend.loop.ron"), &plan).expect("loop saved");
    for (interview, rating) in [("coding", 4), ("design", 2), ("behaviour", 3)] {
        let card = scorecard(
            &plan,
            interview,
            "Ada Lovelace",
            rating,
            Recommendation::Yes,
            true,
        );
        write_through_store(&dir.join("others"), folder, &card);
    }
    let sessions = loop_folder::load_loop_folder(folder, std::time::SystemTime::now()).sessions();
    let decided_at = at("2026-03-04T17:00:00+01:00");
    let statuses = expected_vs_received(&plan, &sessions, decided_at);
    let mut record = DecisionRecord::draft(&plan, &statuses[0], &sessions, "Ann Lee", decided_at);
    record.decision = Some(Decision::NoHire);
    record.rationale = "Design answers did not hold up under follow-ups.".into();
    record.attendees = vec!["Ann Lee".into(), "Bob Ng".into(), "Cy Twombly".into()];
    if record.is_override() {
        record.override_reason = "The design gaps matter more for this team.".into();
    }
    record
        .seal(None, &key_of("Ann Lee"), decided_at)
        .expect("sealed");
    loop_folder::append_decision(folder, &record).expect("appended");
    // The same key the record was signed with, so the folder's pinned key recognises Ann.
    let key_file = keys::key_path(&data.join("keys"), "Ann Lee");
    std::fs::create_dir_all(key_file.parent().expect("keys folder")).expect("keys folder");
    std::fs::write(
        &key_file,
        format!("{}\n", signature::hex(key_of("Ann Lee").as_bytes())),
    )
    .expect("key written");
    (plan, record)
}

fn decision_files(folder: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(folder)
        .expect("folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.to_string_lossy().ends_with(loop_folder::DECISION_SUFFIX))
        .collect();
    files.sort();
    files
}

/// Hides what differs from run to run: the temporary folder's path and the pointer.
fn mask_paths(harness: &mut Harness<'static, AppState>) {
    harness.hover_at(egui::pos2(1150.0, 740.0));
    harness.run();
    harness.remove_cursor();
    let rects: Vec<egui::Rect> = harness
        .query_all_by_label("Loop folder")
        .chain(harness.query_all_by_label_contains("shared"))
        .map(|n| n.rect())
        .collect();
    for rect in rects {
        harness.mask(egui::Rect::from_min_max(
            rect.min,
            egui::pos2(1200.0, rect.max.y),
        ));
    }
}

#[test]
fn a_decision_on_record_is_amended_with_a_reason_and_both_versions_stay_signed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("shared");
    let data = dir.path().join("data");
    let (_, original) = decided(dir.path(), &folder, &data);

    let mut harness = setup(&data, &folder, "Ann Lee");
    open_folder(&mut harness, &folder);
    harness.get_by_label("Debrief").click();
    harness.run();
    assert!(count(&harness, "Decision: No hire") > 0);
    assert!(count(&harness, "Decided 2026-03-04 17:00") > 0);
    assert!(
        harness
            .query_by_label("Seal the decision and add it to the folder")
            .is_none(),
        "a second, separate decision is not offered while one stands"
    );

    harness.get_by_label("Amend decision…").click();
    harness.run();
    {
        let form = harness
            .state()
            .loop_view
            .debrief
            .amend
            .as_ref()
            .expect("the form is open");
        assert_eq!(form.draft.rationale, original.rationale, "prefilled");
        assert_eq!(form.draft.decision, Some(Decision::NoHire));
        assert_eq!(form.attendees, "Ann Lee, Bob Ng, Cy Twombly");
    }
    // Nothing changed and no reason given: both are said, and sealing waits.
    assert!(count(&harness, "say why the decision is amended") > 0);
    assert!(count(&harness, "the amendment changes nothing") > 0);
    let seal = "Seal the amendment and add it to the folder";
    assert!(harness.get_by_label(seal).accesskit_node().is_disabled());

    // A fast chair types straight away, two bursts in one frame: the form gave the reason
    // field the focus when it opened.
    harness.event(egui::Event::Text("The reference check ".into()));
    harness.event(egui::Event::Text("came back strong.".into()));
    harness.step();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Hold").click();
    harness.run();
    assert!(count(&harness, "say why the decision is amended") == 0);
    assert!(
        count(&harness, "Decision: No hire → Hold") > 0,
        "the change is shown"
    );
    if harness.query_by_label("Override reason").is_some() {
        crate::common::type_into(
            &mut harness,
            "Override reason",
            "The reference check outweighs one weak interview.",
        );
    }
    assert!(!harness.get_by_label(seal).accesskit_node().is_disabled());

    // The first write fails (a file with the amendment's name is in the way): the form comes
    // back with everything in it and says why.
    let now = monday() + Span::days(3);
    let blocker = loop_folder::decision_path(&folder, &original.amend("", now));
    std::fs::create_dir_all(&blocker).expect("blocker");
    click_below_the_fold(&mut harness, seal);
    wait_until(&mut harness, "the write to fail", |s| {
        !s.loop_view.is_writing()
    });
    let form = harness
        .state()
        .loop_view
        .debrief
        .amend
        .as_ref()
        .expect("the form is back");
    assert_eq!(
        form.draft.amends.as_ref().map(|a| a.reason.as_str()),
        Some("The reference check came back strong.")
    );
    assert_eq!(form.draft.decision, Some(Decision::Hold));
    assert!(
        count(&harness, "Not saved:") > 0,
        "the failure is explained"
    );
    assert_eq!(decision_files(&folder).len(), 1, "nothing half-written");

    std::fs::remove_dir(&blocker).expect("blocker removed");
    click_below_the_fold(&mut harness, seal);
    wait_until(&mut harness, "the amendment to be written and read", |s| {
        !s.loop_view.is_writing()
            && !s.loop_view.is_loading()
            && s.loop_view
                .folder
                .as_ref()
                .is_some_and(|f| f.decisions.len() == 2)
    });

    // On disk: the original, untouched, and the amendment that names it; both verify.
    let files = decision_files(&folder);
    assert_eq!(files.len(), 2, "{files:?}");
    let read = loop_folder::load_loop_folder(&folder, std::time::SystemTime::now());
    assert_eq!(read.decisions.len(), 2);
    for decision in &read.decisions {
        assert!(
            matches!(decision.record.check(), SignatureCheck::Valid { .. }),
            "{:?}",
            decision.record.check()
        );
        assert!(decision.trust.counts(), "{:?}", decision.trust);
    }
    let kept = read
        .decisions
        .iter()
        .find(|d| d.record.id == original.id)
        .expect("the original is still there");
    assert_eq!(kept.record, original, "never overwritten");
    let history = &read.decision_histories()[0];
    assert_eq!(history.chain.len(), 2);
    let amendment = &read.decisions[history.chain[1]].record;
    let amends = amendment.amends.as_ref().expect("names what it amends");
    assert_eq!(amends.record_id, original.id);
    assert_eq!(
        Some(amends.signature.as_str()),
        original.signature.as_ref().map(|s| s.signature.as_str())
    );
    assert_eq!(amends.reason, "The reference check came back strong.");
    assert_eq!(amendment.decision, Some(Decision::Hold));
    assert_eq!(amendment.decided_at, Some(now));
    assert_eq!(amendment.rationale, original.rationale);
    assert!(history.changes[0].contains(&"Decision: No hire → Hold".to_string()));

    // On screen: the decision that stands, and the dated version before it.
    assert!(count(&harness, "Decision: Hold") > 0);
    assert!(count(&harness, "Amended 2026-03-05 09:00") > 0);
    assert!(count(&harness, "Earlier versions (1)") > 0);
    assert!(count(&harness, "2026-03-04 17:00 · Original decision: No hire") > 0);
    assert!(harness.state().loop_view.debrief.amend.is_none());
    harness.state_mut().notices.items.clear();
    // Back to the top of the debrief, where the decision on record is, with the wheel.
    harness.hover_at(egui::pos2(600.0, 400.0));
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, 10_000.0),
        phase: egui::TouchPhase::Move,
        modifiers: egui::Modifiers::NONE,
        source: egui::MouseWheelSource::Wheel,
    });
    harness.run();
    mask_paths(&mut harness);
    harness.snapshot_options("loop_decision_amended", &tolerant());
}
