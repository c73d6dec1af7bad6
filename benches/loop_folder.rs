//! Opening a hiring loop's folder: 2,000 signed scorecards (400 candidates × 5 interviews of 6
//! questions) and 200 sealed decision records, read, verified against the pinned keys, matched
//! against the loop plan (expected vs received) and the decision histories built. The Panel
//! does all of this when the folder opens, so it must take ≤ 1 s on this machine.
//!
//! Run with `cargo bench --bench loop_folder`.

mod common;

use std::time::SystemTime;

use common::{Check, Report, Stats, Verdict, ms, time};
use interview_scorecard::model::decision::{Decision, DecisionRecord};
use interview_scorecard::model::loop_plan::{LoopInterview, LoopPlan, LoopRef};
use interview_scorecard::model::loop_status::expected_vs_received;
use interview_scorecard::model::session::Session;
use interview_scorecard::model::signature::{self, SigningKey};
use interview_scorecard::store::loop_folder::{self, append_decision, load_loop_folder};
use interview_scorecard::store::ron_file;

const OPEN_BUDGET_MS: f64 = 1_000.0;
const CANDIDATES: usize = 400;
const INTERVIEWS: usize = 5;
const DECISIONS: usize = 200;

fn main() {
    let mut report = Report::new("Loop folder");
    let bank = common::synthetic_bank(2_000);
    let mut plan = LoopPlan {
        id: "bench-loop".into(),
        title: "Bench loop".into(),
        role: "Backend developer".into(),
        ..LoopPlan::default()
    };
    for i in 0..INTERVIEWS {
        let questions = common::plan(&bank, 6, 100 + i as u64).questions;
        plan.interviews.push(LoopInterview {
            id: format!("interview-{i}"),
            title: format!("Interview {i}"),
            interviewer: format!("Interviewer {i}"),
            minutes: 60,
            questions,
            ..LoopInterview::default()
        });
    }
    let now = chrono::Local::now().fixed_offset();
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path();
    loop_folder::save_loop_plan(&folder.join("bench.loop.ron"), &plan).expect("loop plan");
    let keys: Vec<SigningKey> = (0..=INTERVIEWS)
        .map(|i| SigningKey::from_bytes(&[i as u8 + 1; 32]))
        .collect();
    let mut cards: Vec<Session> = Vec::with_capacity(CANDIDATES * INTERVIEWS);
    for c in 0..CANDIDATES {
        for (i, interview) in plan.interviews.iter().enumerate() {
            let mut card = common::session(
                &plan.interview_plan(interview),
                &format!("Candidate {c:03}"),
                &interview.interviewer,
                (c * 31 + i) as u64,
            );
            card.id = format!("{}-{c}-{i}", card.id);
            card.loop_ref = Some(LoopRef {
                loop_id: plan.id.clone(),
                interview_id: interview.id.clone(),
            });
            card.submit(now).expect("submits");
            signature::sign(&mut card, &keys[i]);
            ron_file::save(&folder.join(format!("{}.ron", card.id)), &card).expect("scorecard");
            cards.push(card);
        }
    }
    let statuses = expected_vs_received(&plan, &cards, now);
    for status in statuses.iter().take(DECISIONS) {
        let mut record = DecisionRecord::draft(&plan, status, &cards, "Chair", now);
        let mechanical = record.mechanical.as_ref().map(|m| m.decision);
        record.decision = mechanical.or(Some(Decision::Hold));
        record.rationale = "As the rule says.".into();
        record.seal(None, &keys[INTERVIEWS], now).expect("sealed");
        append_decision(folder, &record).expect("decision");
    }

    let mut opens = Vec::new();
    let mut reads = Vec::new();
    for _ in 0..5 {
        let (_, wall, (loaded, statuses, histories)) = time(|| {
            let (_, read, loaded) = time(|| load_loop_folder(folder, SystemTime::now()));
            reads.push(read);
            let sessions = loaded.sessions();
            let statuses = loaded.status(0, &sessions, now).unwrap_or_default();
            let histories = loaded.decision_histories();
            (loaded, statuses, histories)
        });
        assert_eq!(loaded.panel.scorecards.len(), CANDIDATES * INTERVIEWS);
        assert!(loaded.panel.scorecards.iter().all(|s| s.trust.counts()));
        assert_eq!(loaded.decisions.len(), DECISIONS);
        assert_eq!(statuses.len(), CANDIDATES);
        assert!(
            statuses.iter().all(|s| s.all_in()),
            "every scorecard counts"
        );
        assert_eq!(histories.len(), DECISIONS);
        opens.push(wall);
    }
    report.timing(
        &format!(
            "Loop folder, {} scorecards + {DECISIONS} decisions: open",
            CANDIDATES * INTERVIEWS
        ),
        &Stats::of(&opens),
        Check::Median,
        Some(OPEN_BUDGET_MS),
    );
    report.row(
        "  of which reading and verifying the files",
        format!("median {:.1} ms", ms(Stats::of(&reads).median)),
        "—",
        Verdict::Info,
    );
    report.finish("loop_folder");
}
