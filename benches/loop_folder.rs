//! Opening a hiring loop's folder: 2,000 signed scorecards (400 candidates × 5 interviews of 6
//! questions) and 200 sealed decision records, read, verified against the pinned keys, matched
//! against the loop plan (expected vs received) and the decision histories built. The Panel
//! does all of this when the folder opens, so it must take ≤ 1 s on this machine.
//!
//! Run with `cargo bench --bench loop_folder`.

mod common;

use std::time::SystemTime;

use common::{Check, Report, Stats, Verdict, ms, time};
use interview_scorecard::store::loop_folder::load_loop_folder;

const OPEN_BUDGET_MS: f64 = 1_000.0;
const CANDIDATES: usize = 400;
const INTERVIEWS: usize = 5;
const DECISIONS: usize = 200;

fn main() {
    let mut report = Report::new("Loop folder");
    let bank = common::synthetic_bank(2_000);
    let now = chrono::Local::now().fixed_offset();
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path();
    common::write_loop_folder(folder, &bank, CANDIDATES, INTERVIEWS, DECISIONS, now);

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
