//! A hiring loop's shared folder: its loop plan (`NAME.loop.ron`), every interviewer's
//! scorecard (`*.ron`) and the decision records (`*.decision.ron`), as a sync engine delivers
//! them.
//!
//! A sync engine writes under temporary names, may deliver a file in pieces, and makes conflict
//! copies when two machines change one file. So: files under a temporary name, and files that
//! do not parse yet but changed moments ago, are "arriving" (ignored until complete, counted so
//! the user knows); a conflict copy is reported beside its original and never counted; a
//! scorecard or decision record whose signature no longer matches is flagged. Decision records
//! are only ever added, each in a new file, so two machines never write the same one.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::{DateTime, FixedOffset};

use crate::model::decision::{DECISION_SCHEMA_VERSION, DecisionRecord};
use crate::model::decision_log::{DecisionHistory, histories};
use crate::model::loop_check::{LoopProblem, check};
use crate::model::loop_plan::{LOOP_SCHEMA_VERSION, LoopPlan};
use crate::model::loop_status::{CandidateStatus, expected_vs_received};
use crate::model::names::safe_file_stem;
use crate::model::session::Session;
use crate::model::signature::SignatureCheck;

use super::error::StoreError;
use super::input::read_bounded;
use super::panel_files::{self, PanelLoad, RejectReason, Rejected, parallel_map};
use super::sync_names::{self, NameKind};
use super::trust::{Trust, judge, read_pins, write_pins};
use super::{ron_file, write_atomic};

/// Loop plan files end with this.
pub const LOOP_SUFFIX: &str = ".loop.ron";
/// Decision record files end with this.
pub const DECISION_SUFFIX: &str = ".decision.ron";

/// A file that does not parse but changed less than this long ago is taken as still arriving
/// (a sync engine or a network share delivering it in pieces), not as damaged.
pub const SETTLE: Duration = Duration::from_secs(120);

/// Largest loop or decision file compared byte for byte with its conflict copy.
const MAX_COMPARE_BYTES: u64 = 64 * 1024 * 1024;

/// A problem of a loop plan with the line it is on.
#[derive(Clone, Debug, PartialEq)]
pub struct LocatedProblem {
    pub path: PathBuf,
    pub line: usize,
    pub problem: LoopProblem,
}

impl std::fmt::Display for LocatedProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.line, self.problem)
    }
}

/// A loop plan read from a file, with its problems.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedLoop {
    pub path: PathBuf,
    pub plan: LoopPlan,
    /// Errors first; see `model::loop_check`.
    pub problems: Vec<LocatedProblem>,
}

impl LoadedLoop {
    /// True when a problem makes the plan unusable.
    pub fn has_errors(&self) -> bool {
        self.problems
            .iter()
            .any(|p| p.problem.severity == crate::model::loop_check::Severity::Error)
    }
}

/// A decision record read from the folder.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedDecision {
    pub path: PathBuf,
    pub record: DecisionRecord,
    /// Its seal, judged against the key pinned for its chair.
    pub trust: Trust,
}

/// Everything in a loop folder.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LoopFolder {
    pub folder: PathBuf,
    /// Every loop plan that could be read (a folder may hold several loops).
    pub loops: Vec<LoadedLoop>,
    /// The scorecards, as the Panel loads them (signatures judged, duplicates and conflict
    /// copies set aside with reasons).
    pub panel: PanelLoad,
    pub decisions: Vec<LoadedDecision>,
    /// Loop plans and decision records that could not be used, with why (conflict copies
    /// included).
    pub rejected: Vec<Rejected>,
    /// Files still arriving: temporary names, and files that do not parse yet but changed
    /// within [`SETTLE`].
    pub arriving: Vec<PathBuf>,
}

impl LoopFolder {
    /// The loaded scorecards.
    pub fn sessions(&self) -> Vec<Session> {
        self.panel.sessions()
    }

    /// Expected vs received for loop `index` at `now`, over `sessions` (as given by
    /// [`LoopFolder::sessions`]).
    pub fn status(
        &self,
        index: usize,
        sessions: &[Session],
        now: DateTime<FixedOffset>,
    ) -> Option<Vec<CandidateStatus>> {
        let plan = &self.loops.get(index)?.plan;
        Some(expected_vs_received(plan, sessions, now))
    }

    /// Each candidate's decision and its amendments; records that do not count are set aside.
    pub fn decision_histories(&self) -> Vec<DecisionHistory> {
        let records: Vec<DecisionRecord> =
            self.decisions.iter().map(|d| d.record.clone()).collect();
        let counts: Vec<bool> = self.decisions.iter().map(|d| d.trust.counts()).collect();
        histories(&records, &counts)
    }

    /// Conflict copies found, of scorecards and of loop and decision files.
    pub fn conflicts(&self) -> impl Iterator<Item = &Rejected> {
        self.panel
            .rejected
            .iter()
            .chain(&self.rejected)
            .filter(|r| matches!(r.reason, RejectReason::ConflictCopy { .. }))
    }
}

/// Reads a loop plan and checks it; each problem carries its line in the file.
pub fn load_loop_plan(path: &Path) -> Result<LoadedLoop, StoreError> {
    let text = ron_file::read_text(path, "loop plan")?;
    let plan: LoopPlan = ron_file::parse(path, &text, LOOP_SCHEMA_VERSION, "loop plan")?;
    let problems = check(&plan)
        .into_iter()
        .map(|problem| LocatedProblem {
            path: path.to_path_buf(),
            line: locate(&text, &problem),
            problem,
        })
        .collect();
    Ok(LoadedLoop {
        path: path.to_path_buf(),
        plan,
        problems,
    })
}

/// Saves a loop plan atomically.
pub fn save_loop_plan(path: &Path, plan: &LoopPlan) -> Result<(), StoreError> {
    ron_file::save(path, plan)
}

/// The line (1-based) a problem refers to: the `occurrence`-th line holding its text (spaces
/// aside, as people space RON differently) after the line where its section starts, else
/// that line, else 1.
fn locate(text: &str, problem: &LoopProblem) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    let section = lines.iter().position(|line| {
        line.trim_start()
            .strip_prefix(problem.section)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    });
    let Some(start) = section else {
        return 1;
    };
    if let Some(needle) = &problem.value {
        let needle: String = needle.chars().filter(|c| *c != ' ').collect();
        if let Some((offset, _)) = lines[start..]
            .iter()
            .enumerate()
            .filter(|(_, line)| {
                let squeezed: String = line.chars().filter(|c| *c != ' ').collect();
                squeezed.contains(&needle)
            })
            .nth(problem.occurrence)
        {
            return start + offset + 1;
        }
    }
    start + 1
}

/// True when file `name` is a loop plan or decision record by its `suffix`
/// ([`LOOP_SUFFIX`], [`DECISION_SUFFIX`]): by its own name, or as a sync engine's copy of one
/// (`backend.loop.sync-conflict-….ron`, `backend.loop-LAPTOP.ron`, `backend.loop (1).ron`).
pub(crate) fn names_loop_file(name: &str, suffix: &str) -> bool {
    let is = |name: &str| name.to_ascii_lowercase().ends_with(suffix);
    is(&sync_names::base_name(name))
        || sync_names::possible_originals(name)
            .iter()
            .any(|(original, _)| is(original))
}

/// What the folder holds, by name.
#[derive(Default)]
struct Listing {
    loops: Vec<PathBuf>,
    decisions: Vec<PathBuf>,
    arriving: Vec<PathBuf>,
}

fn list(folder: &Path) -> std::io::Result<Listing> {
    let mut listing = Listing::default();
    for entry in std::fs::read_dir(folder)? {
        let path = entry?.path();
        if path.is_dir() {
            continue;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if matches!(sync_names::classify(&name), NameKind::InFlight { .. }) {
            listing.arriving.push(path);
            continue;
        }
        if names_loop_file(&name, LOOP_SUFFIX) {
            listing.loops.push(path);
        } else if names_loop_file(&name, DECISION_SUFFIX) {
            listing.decisions.push(path);
        }
    }
    listing.loops.sort();
    listing.decisions.sort();
    listing.arriving.sort();
    Ok(listing)
}

/// Loop plan and decision record files in `folder` (conflict copies included), for noticing
/// changes; an unreadable folder has none.
pub fn loop_files(folder: &Path) -> Vec<PathBuf> {
    list(folder)
        .map(|listing| listing.loops.into_iter().chain(listing.decisions).collect())
        .unwrap_or_default()
}

/// True when `path` changed within [`SETTLE`] of `now`.
fn is_fresh(path: &Path, now: SystemTime) -> bool {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .is_ok_and(|modified| {
            now.duration_since(modified)
                .map_or(true, |age| age < SETTLE)
        })
}

/// Splits off conflict copies whose original is in `paths`, reporting each. `id_of` reads a
/// file's document id (`None` when it does not parse): OneDrive and Google Drive name their
/// copies like ordinary files (`backend.loop-LAPTOP.ron`, `backend.loop (1).ron`), so such a
/// file is a copy only when its original is there and holds the same loop or decision.
fn without_conflicts(
    paths: Vec<PathBuf>,
    rejected: &mut Vec<Rejected>,
    id_of: impl Fn(&Path) -> Option<String>,
) -> Vec<PathBuf> {
    let listed: std::collections::HashSet<PathBuf> = paths.iter().cloned().collect();
    let same_document = |copy: &Path, original: &Path| {
        id_of(copy).is_some_and(|id| !id.is_empty() && id_of(original) == Some(id))
    };
    let mut kept = Vec::new();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let copy_of = match sync_names::classify(&name) {
            NameKind::ConflictCopy { original, by }
                if listed.contains(&path.with_file_name(&original)) =>
            {
                Some((path.with_file_name(original), by))
            }
            NameKind::Regular => sync_names::possible_originals(&name)
                .into_iter()
                .map(|(original, by)| (path.with_file_name(original), by))
                .find(|(original, _)| listed.contains(original) && same_document(&path, original)),
            _ => None,
        };
        let Some((original, by)) = copy_of else {
            kept.push(path);
            continue;
        };
        let read = |p: &Path| read_bounded(p, MAX_COMPARE_BYTES).ok();
        let identical = read(&path).is_some_and(|copy| read(&original) == Some(copy));
        rejected.push(Rejected {
            path,
            reason: RejectReason::ConflictCopy {
                original,
                identical,
                by,
            },
        });
    }
    kept
}

/// The id of the loop plan in `path`, if it reads as one.
fn loop_id_of(path: &Path) -> Option<String> {
    ron_file::load::<LoopPlan>(path, LOOP_SCHEMA_VERSION, "loop plan")
        .ok()
        .map(|plan| plan.id)
}

/// The id of the decision record in `path`, if it reads as one.
fn decision_id_of(path: &Path) -> Option<String> {
    ron_file::load::<DecisionRecord>(path, DECISION_SCHEMA_VERSION, "decision record")
        .ok()
        .map(|record| record.id)
}

/// Loads a loop folder as it stands at `now` (used to tell a file still arriving from a
/// damaged one). Never fails as a whole: what cannot be read is listed with its reason.
pub fn load_loop_folder(folder: &Path, now: SystemTime) -> LoopFolder {
    let mut out = LoopFolder {
        folder: folder.to_path_buf(),
        ..LoopFolder::default()
    };
    let listing = match list(folder) {
        Ok(listing) => listing,
        Err(err) => {
            out.rejected.push(Rejected {
                path: folder.to_path_buf(),
                reason: RejectReason::Unreadable(format!("the folder could not be listed: {err}")),
            });
            return out;
        }
    };
    out.arriving = listing.arriving;
    out.panel = panel_files::load_paths(&[folder.to_path_buf()]);
    // A scorecard that does not parse yet but just changed is still arriving.
    let (arriving, rejected): (Vec<Rejected>, Vec<Rejected>) =
        std::mem::take(&mut out.panel.rejected)
            .into_iter()
            .partition(|r| {
                matches!(
                    r.reason,
                    RejectReason::Corrupt(_) | RejectReason::NotAScorecard(_)
                ) && is_fresh(&r.path, now)
            });
    out.panel.rejected = rejected;
    out.arriving.extend(arriving.into_iter().map(|r| r.path));

    for path in without_conflicts(listing.loops, &mut out.rejected, loop_id_of) {
        match load_loop_plan(&path) {
            Ok(plan) => out.loops.push(plan),
            Err(_) if is_fresh(&path, now) => out.arriving.push(path),
            Err(err) => out.rejected.push(Rejected {
                path,
                reason: RejectReason::Corrupt(err.to_string()),
            }),
        }
    }

    let decisions = without_conflicts(listing.decisions, &mut out.rejected, decision_id_of);
    let read = parallel_map(&decisions, |path| {
        ron_file::load::<DecisionRecord>(path, DECISION_SCHEMA_VERSION, "decision record").map(
            |record| {
                let check = record.check();
                (record, check)
            },
        )
    });
    let mut pins = read_pins(folder);
    let mut pinned = false;
    for (path, result) in decisions.into_iter().zip(read) {
        match result {
            Ok((record, check)) => {
                let judged = judge(&mut pins, &record.chair, unsigned_is_draft(check), &path);
                pinned |= judged.pinned_now;
                out.decisions.push(LoadedDecision {
                    path,
                    record,
                    trust: judged.trust,
                });
            }
            Err(_) if is_fresh(&path, now) => out.arriving.push(path),
            Err(err) => out.rejected.push(Rejected {
                path,
                reason: RejectReason::Corrupt(err.to_string()),
            }),
        }
    }
    if pinned {
        write_pins(folder, &pins);
    }
    out.arriving.sort();
    out
}

/// A decision record has no older unsigned format: without a signature it is a draft.
fn unsigned_is_draft(check: SignatureCheck) -> SignatureCheck {
    match check {
        SignatureCheck::UnsignedOlder => SignatureCheck::NotSubmitted,
        other => other,
    }
}

/// The file a decision record is kept in.
pub fn decision_path(folder: &Path, record: &DecisionRecord) -> PathBuf {
    folder.join(format!("{}{DECISION_SUFFIX}", safe_file_stem(&record.id)))
}

/// Adds a sealed decision record (or amendment) to the loop folder as a new file, written
/// atomically. Refuses an unsealed record and never replaces an existing file.
pub fn append_decision(folder: &Path, record: &DecisionRecord) -> Result<PathBuf, StoreError> {
    let path = decision_path(folder, record);
    if !matches!(record.check(), SignatureCheck::Valid { .. }) {
        return Err(StoreError::Serialize {
            path,
            message: "the decision record is not sealed; seal it (sign it) before adding it to the loop folder".into(),
        });
    }
    if std::fs::symlink_metadata(&path).is_ok() {
        return Err(StoreError::Serialize {
            path,
            message: "a decision record with this id is already in the folder; records are never replaced, record the change as an amendment".into(),
        });
    }
    ron_file::save(&path, record)?;
    Ok(path)
}

/// Copies a scorecard file (a draft or a signed, submitted scorecard) into the loop folder
/// byte for byte, so its signature travels with it. Returns where it was written.
pub fn publish_scorecard(folder: &Path, session_file: &Path) -> Result<PathBuf, StoreError> {
    let session = super::sessions::load_session(session_file)?;
    let text = ron_file::read_text(session_file, "scorecard")?;
    let target = super::sessions::session_path(folder, &session);
    write_atomic(&target, text.as_bytes()).map_err(|err| StoreError::io(&target, err))?;
    Ok(target)
}
