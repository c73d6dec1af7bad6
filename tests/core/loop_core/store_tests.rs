//! A loop folder as a sync engine leaves it: temporary names, a file arriving in pieces,
//! conflict copies, a record edited after it was sealed.

use std::path::Path;
use std::time::{Duration as StdDuration, SystemTime};

use chrono::Duration;
use interview_scorecard::model::decision::{Decision, DecisionRecord};
use interview_scorecard::model::loop_status::{Receipt, expected_vs_received};
use interview_scorecard::model::session::{Recommendation, Session};
use interview_scorecard::store::loop_folder::{
    self, append_decision, load_loop_folder, load_loop_plan, save_loop_plan,
};
use interview_scorecard::store::panel_files::{RejectReason, Trust};

use super::*;

fn unsigned(plan: &LoopPlan, interview: &str, candidate: &str, rating: u8) -> Session {
    let mut session = scorecard(
        plan,
        interview,
        candidate,
        rating,
        Recommendation::Yes,
        true,
    );
    session.signature = None;
    session
}

fn sealed_decision(plan: &LoopPlan, sessions: &[Session], decision: Decision) -> DecisionRecord {
    let now = at("2026-03-05T16:00:00+01:00");
    let statuses = expected_vs_received(plan, sessions, now);
    let mut record = DecisionRecord::draft(plan, &statuses[0], sessions, "Hana Chair", now);
    record.decision = Some(decision);
    record.rationale = "Clear evidence across the loop.".into();
    record.override_reason = "Panel judgement.".into();
    record
        .seal(None, &key_of("Hana Chair"), now)
        .expect("sealed");
    record
}

#[test]
fn a_synced_folder_loads_once_per_scorecard_and_says_what_it_left_out() {
    let data = tempfile::tempdir().expect("data");
    let shared = tempfile::tempdir().expect("shared");
    let folder = shared.path();
    let plan = three_interview_loop();
    save_loop_plan(&folder.join("backend.loop.ron"), &plan).expect("plan saved");

    let coding = write_through_store(
        data.path(),
        folder,
        &unsigned(&plan, "coding", "Ada Lovelace", 3),
    );
    write_through_store(
        data.path(),
        folder,
        &unsigned(&plan, "design", "Ada Lovelace", 2),
    );
    let draft = scorecard(
        &plan,
        "behaviour",
        "Ada Lovelace",
        4,
        Recommendation::Yes,
        false,
    );
    write_through_store(data.path(), folder, &draft);

    // Syncthing's temporary file, an own temporary, a file still arriving in pieces.
    std::fs::write(folder.join(".syncthing.grace.ron.tmp"), "Session(").expect("tmp");
    std::fs::write(folder.join("~syncthing~grace.ron.tmp"), "Session(").expect("tmp");
    std::fs::write(
        folder.join("grace-half.ron"),
        "Session(\n  candidate: \"Gra",
    )
    .expect("half");
    // A conflict copy of the coding scorecard that differs, and an identical one.
    let text = std::fs::read_to_string(&coding).expect("coding");
    let conflict = folder.join(format!(
        "{}.sync-conflict-20260302-101500-ABCDEFG.ron",
        coding.file_stem().and_then(|s| s.to_str()).expect("stem")
    ));
    std::fs::write(
        &conflict,
        text.replace("Ann Lee on py.gen", "Ann Lee, edited"),
    )
    .expect("c");
    let dropbox = folder.join(format!(
        "{} (Bob Ng's conflicted copy 2026-03-02).ron",
        coding.file_stem().and_then(|s| s.to_str()).expect("stem")
    ));
    std::fs::write(&dropbox, &text).expect("dropbox copy");

    let loaded = load_loop_folder(folder, SystemTime::now());
    assert_eq!(loaded.loops.len(), 1);
    assert!(
        !loaded.loops[0].has_errors(),
        "{:?}",
        loaded.loops[0].problems
    );
    assert_eq!(
        loaded.panel.scorecards.len(),
        3,
        "{:#?}",
        loaded.panel.rejected
    );
    let arriving: Vec<String> = loaded
        .arriving
        .iter()
        .filter_map(|p| p.file_name()?.to_str().map(String::from))
        .collect();
    assert_eq!(
        arriving,
        [
            ".syncthing.grace.ron.tmp",
            "grace-half.ron",
            "~syncthing~grace.ron.tmp"
        ]
    );
    let conflicts: Vec<(&Path, bool)> = loaded
        .conflicts()
        .map(|r| match &r.reason {
            RejectReason::ConflictCopy { identical, .. } => (r.path.as_path(), *identical),
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(conflicts.len(), 2);
    assert!(conflicts.contains(&(conflict.as_path(), false)));
    assert!(conflicts.contains(&(dropbox.as_path(), true)));
    let message = loaded
        .conflicts()
        .find(|r| r.path == conflict)
        .map(ToString::to_string)
        .expect("message");
    assert!(
        message.contains("made by Syncthing when two machines changed it at once; not counted"),
        "{message}"
    );

    let sessions = loaded.sessions();
    let statuses = loaded
        .status(0, &sessions, at("2026-03-04T13:45:00+01:00"))
        .expect("status");
    let ada = &statuses[0].expected;
    assert!(matches!(ada[0].receipt, Receipt::Submitted { .. }));
    assert!(
        ada[0].others.is_empty(),
        "conflict copies are never counted"
    );
    assert!(matches!(ada[1].receipt, Receipt::Submitted { .. }));
    assert!(matches!(ada[2].receipt, Receipt::InProgress { .. }));

    // The same half-written file, once it has sat for longer than a sync takes, is damaged.
    let later = SystemTime::now() + loop_folder::SETTLE + StdDuration::from_secs(1);
    let settled = load_loop_folder(folder, later);
    assert!(settled.panel.rejected.iter().any(
        |r| r.path.ends_with("grace-half.ron") && matches!(r.reason, RejectReason::Corrupt(_))
    ));
}

#[test]
fn a_scorecard_or_decision_changed_after_sealing_is_flagged() {
    let data = tempfile::tempdir().expect("data");
    let shared = tempfile::tempdir().expect("shared");
    let folder = shared.path();
    let plan = three_interview_loop();
    save_loop_plan(&folder.join("backend.loop.ron"), &plan).expect("plan");
    let mut sessions = Vec::new();
    for (id, rating) in [("coding", 3), ("design", 3), ("behaviour", 3)] {
        let session = unsigned(&plan, id, "Ada Lovelace", rating);
        let path = write_through_store(data.path(), folder, &session);
        sessions.push(interview_scorecard::store::sessions::load_session(&path).expect("load"));
    }
    // Someone raises a rating in the shared file without the interviewer's key.
    let design = std::fs::read_dir(folder)
        .expect("list")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains("Bob Ng on sd.cache")))
        .expect("design scorecard");
    let text = std::fs::read_to_string(&design).expect("read");
    std::fs::write(
        &design,
        text.replacen("rating: Some(Solid)", "rating: Some(Exceptional)", 1),
    )
    .expect("edit");

    let record = sealed_decision(&plan, &sessions, Decision::Hire);
    let path = append_decision(folder, &record).expect("appended");
    assert!(path.to_string_lossy().ends_with(".decision.ron"));
    let again = append_decision(folder, &record).expect_err("never replaced");
    assert!(
        again.to_string().contains("records are never replaced"),
        "{again}"
    );
    let mut unsealed = record.clone();
    unsealed.id.push_str("-draft");
    unsealed.signature = None;
    assert!(
        append_decision(folder, &unsealed)
            .expect_err("unsealed")
            .to_string()
            .contains("not sealed")
    );
    let mut forged = record.clone();
    forged.id.push_str("-forged");
    forged.signature = record.signature.clone();
    forged.decision = Some(Decision::NoHire);
    let forged_path = loop_folder::decision_path(folder, &forged);
    interview_scorecard::store::ron_file::save(&forged_path, &forged).expect("written by hand");

    let loaded = load_loop_folder(folder, SystemTime::now());
    let design_card = loaded
        .panel
        .scorecards
        .iter()
        .find(|s| s.path == design)
        .expect("design loaded");
    assert!(matches!(design_card.trust, Trust::Tampered { .. }));
    let sessions = loaded.sessions();
    let statuses = loaded
        .status(0, &sessions, at("2026-03-05T10:00:00+01:00"))
        .expect("status");
    assert!(matches!(
        statuses[0].expected[1].receipt,
        Receipt::Tampered { .. }
    ));
    assert_eq!(loaded.decisions.len(), 2);
    let forged_loaded = loaded
        .decisions
        .iter()
        .find(|d| d.path == forged_path)
        .expect("forged loaded");
    assert!(matches!(forged_loaded.trust, Trust::Tampered { .. }));
    let histories = loaded.decision_histories();
    assert_eq!(histories.len(), 1);
    assert_eq!(histories[0].chain.len(), 1);
    assert_eq!(histories[0].set_aside.len(), 1);

    // An amendment is a new file; the history shows both.
    let later = at("2026-03-06T09:00:00+01:00");
    let mut amendment = record.amend("Reference check came back", later);
    amendment.decision = Some(Decision::Hold);
    amendment
        .seal(Some(&record), &key_of("Hana Chair"), later)
        .expect("sealed");
    append_decision(folder, &amendment).expect("amendment appended");
    let loaded = load_loop_folder(folder, SystemTime::now());
    let history = &loaded.decision_histories()[0];
    assert_eq!(history.chain.len(), 2);
    assert_eq!(history.changes[0], ["Decision: Hire → Hold"]);
    let _ = Duration::zero();
}

/// The file `original` copied to `name` beside it, as a sync engine names a conflict copy;
/// `edit` changes its text first (the other machine's version).
fn copy_beside(original: &Path, name: &str, edit: impl Fn(String) -> String) -> std::path::PathBuf {
    let copy = original.with_file_name(name);
    let text = std::fs::read_to_string(original).expect("original");
    std::fs::write(&copy, edit(text)).expect("copy written");
    copy
}

fn stem(path: &Path) -> String {
    let name = path.file_name().and_then(|n| n.to_str()).expect("name");
    name.strip_suffix(".ron").expect(".ron").to_string()
}

#[test]
fn onedrive_and_google_drive_copies_count_as_conflicts_only_beside_the_same_document() {
    let data = tempfile::tempdir().expect("data");
    let shared = tempfile::tempdir().expect("shared");
    let folder = shared.path();
    let plan = three_interview_loop();
    let loop_file = folder.join("backend.loop.ron");
    save_loop_plan(&loop_file, &plan).expect("plan saved");
    let coding = write_through_store(
        data.path(),
        folder,
        &scorecard(
            &plan,
            "coding",
            "Ada Lovelace",
            3,
            Recommendation::Yes,
            true,
        ),
    );
    let design = write_through_store(
        data.path(),
        folder,
        &scorecard(&plan, "design", "Ada Lovelace", 2, Recommendation::No, true),
    );
    let record = {
        let sessions = load_loop_folder(folder, SystemTime::now()).sessions();
        sealed_decision(&plan, &sessions, Decision::Hold)
    };
    let decision = append_decision(folder, &record).expect("decision appended");

    // OneDrive: the other machine's version (a changed note, so its signature no longer holds)
    // and a second, identical copy; Google Drive: a numbered copy.
    let onedrive = copy_beside(&coding, &format!("{}-LAPTOP-7Q2.ron", stem(&coding)), |t| {
        t.replace("Ann Lee on py.gen", "Ann Lee, edited on the laptop")
    });
    let onedrive_again = copy_beside(
        &coding,
        &format!("{}-LAPTOP-7Q2-2.ron", stem(&coding)),
        |t| t,
    );
    let google = copy_beside(&design, &format!("{} (1).ron", stem(&design)), |t| t);
    let loop_copy = copy_beside(&loop_file, "backend.loop-LAPTOP-7Q2.ron", |t| {
        t.replace("Backend engineer loop", "Backend engineer loop (laptop)")
    });
    let loop_google = copy_beside(&loop_file, "backend.loop (1).ron", |t| t);
    let decision_copy = copy_beside(
        &decision,
        &format!("{}-LAPTOP-7Q2.ron", stem(&decision)),
        |t| t,
    );

    // Names that look like copies but are not: another scorecard, another loop, and a copy
    // whose original is not in the folder (then it is the only version there is).
    let grace = scorecard(
        &plan,
        "coding",
        "Grace Hopper",
        4,
        Recommendation::Yes,
        true,
    );
    let grace_own = write_through_store(data.path(), folder, &grace);
    let lookalike = folder.join(format!("{}-2.ron", stem(&coding)));
    std::fs::rename(&grace_own, &lookalike).expect("renamed");
    let mut other_loop = plan.clone();
    other_loop.id = "backend-2027".into();
    save_loop_plan(&folder.join("backend-2.loop.ron"), &other_loop).expect("second loop");
    let bob = scorecard(
        &plan,
        "design",
        "Grace Hopper",
        3,
        Recommendation::Yes,
        true,
    );
    let bob_own = write_through_store(data.path(), folder, &bob);
    let lonely = folder.join(format!("{}-DESKTOP.ron", stem(&bob_own)));
    std::fs::rename(&bob_own, &lonely).expect("renamed");

    let loaded = load_loop_folder(folder, SystemTime::now());
    let mut conflicts: Vec<(String, String, bool, &str)> = loaded
        .conflicts()
        .map(|r| match &r.reason {
            RejectReason::ConflictCopy {
                original,
                identical,
                by,
            } => (
                r.path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .expect("name")
                    .to_string(),
                original
                    .file_name()
                    .and_then(|n| n.to_str())
                    .expect("name")
                    .to_string(),
                *identical,
                *by,
            ),
            _ => unreachable!(),
        })
        .collect();
    conflicts.sort();
    let name = |p: &Path| {
        p.file_name()
            .and_then(|n| n.to_str())
            .expect("name")
            .to_string()
    };
    let mut expected = vec![
        (name(&onedrive), name(&coding), false, "OneDrive"),
        (name(&onedrive_again), name(&coding), true, "OneDrive"),
        (name(&google), name(&design), true, "Google Drive"),
        (name(&loop_copy), name(&loop_file), false, "OneDrive"),
        (name(&loop_google), name(&loop_file), true, "Google Drive"),
        (name(&decision_copy), name(&decision), true, "OneDrive"),
    ];
    expected.sort();
    assert_eq!(conflicts, expected);
    let message = loaded
        .conflicts()
        .find(|r| r.path == onedrive)
        .map(ToString::to_string)
        .expect("message");
    assert!(
        message.contains("made by OneDrive when two machines changed it at once; not counted"),
        "{message}"
    );

    // Every scorecard once, the look-alikes included; no copy is counted, none is "tampered".
    let mut loaded_paths: Vec<String> = loaded
        .panel
        .scorecards
        .iter()
        .map(|s| name(&s.path))
        .collect();
    loaded_paths.sort();
    let mut want = vec![
        name(&coding),
        name(&design),
        name(&lookalike),
        name(&lonely),
    ];
    want.sort();
    assert_eq!(loaded_paths, want, "{:#?}", loaded.panel.rejected);
    assert!(
        loaded
            .panel
            .rejected
            .iter()
            .all(|r| matches!(r.reason, RejectReason::ConflictCopy { .. })),
        "{:#?}",
        loaded.panel.rejected
    );
    assert!(loaded.panel.scorecards.iter().all(|s| s.trust.counts()));
    let mut loop_ids: Vec<&str> = loaded.loops.iter().map(|l| l.plan.id.as_str()).collect();
    loop_ids.sort();
    assert_eq!(loop_ids, ["backend-2026", "backend-2027"]);
    assert_eq!(
        loaded.loops[0].plan.title, "Backend engineer loop",
        "the original stands"
    );
    assert_eq!(loaded.decisions.len(), 1);
    assert_eq!(loaded.decision_histories()[0].set_aside, []);

    let sessions = loaded.sessions();
    let index = loaded
        .loops
        .iter()
        .position(|l| l.plan.id == "backend-2026")
        .expect("loop");
    let statuses = loaded
        .status(index, &sessions, at("2026-03-05T10:00:00+01:00"))
        .expect("status");
    let ada = &statuses[0].expected;
    assert!(matches!(ada[0].receipt, Receipt::Submitted { .. }));
    assert!(
        ada[0].others.is_empty(),
        "a copy is never a second scorecard"
    );
    assert!(ada[1].others.is_empty());

    // Question health reads the folder the same way: each scorecard once.
    let health = interview_scorecard::store::health_sources::gather(None, &[folder.to_path_buf()]);
    assert_eq!(health.input.scorecards.len(), 4);
    assert_eq!(health.duplicates, 3, "the three scorecard copies");
}

#[test]
fn loop_plan_problems_name_the_file_and_line() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("backend.loop.ron");
    let mut plan = three_interview_loop();
    plan.interviews[2].id = "coding".into();
    save_loop_plan(&path, &plan).expect("saved");
    let loaded = load_loop_plan(&path).expect("parses");
    let text = std::fs::read_to_string(&path).expect("text");
    let duplicate = loaded
        .problems
        .iter()
        .find(|p| p.problem.place == "interviews[2].id")
        .expect("duplicate id");
    let expected_line = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == "id: \"coding\",")
        // The competency, the first interview, then the duplicate.
        .nth(2)
        .map(|(i, _)| i + 1)
        .expect("second coding");
    assert_eq!(duplicate.line, expected_line);
    assert_eq!(
        duplicate.to_string(),
        format!(
            "{}:{expected_line}: error: interviews[2].id: the interview id \"coding\" is used twice; scorecards could not tell the interviews apart",
            path.display()
        )
    );

    std::fs::write(&path, text.replacen("interviewer:", "interviewr:", 1)).expect("typo");
    let err = load_loop_plan(&path).expect_err("typo refused");
    let message = err.to_string();
    assert!(message.contains("backend.loop.ron:"), "{message}");
    assert!(message.contains("interviewr"), "{message}");
    std::fs::write(&path, "LoopPlan(schema_version: 9)").expect("newer");
    assert!(
        load_loop_plan(&path)
            .expect_err("newer")
            .to_string()
            .contains("newer version")
    );
}
