//! The scorecards question health is computed from: the History (the data folder's sessions
//! folder) and any panel or loop folders, read on the caller's thread (the app runs it on a
//! worker).
//!
//! Reading never writes: stale temporary files are left for History to recover, and keys are
//! checked against each folder's pinned keys without pinning new ones (the Panel pins when it
//! opens the folder). A scorecard found in several places (your History and the panel's shared
//! folder) counts once.

use std::path::{Path, PathBuf};

use crate::model::session::Session;

use super::panel_files::{self, RejectReason, Rejected};

/// The scorecards found, and the files that could not be used.
#[derive(Clone, Debug, Default)]
pub struct HealthSources {
    /// Every scorecard that loaded (drafts and tampered ones included: the model counts and
    /// leaves them out), each with the store's signature verdict recorded in it.
    pub sessions: Vec<Session>,
    /// Files that could not be read as scorecards, with the reason.
    pub rejected: Vec<Rejected>,
    /// Copies of a scorecard already loaded from another place (counted once).
    pub duplicates: usize,
    /// Folders read (History first when it exists).
    pub folders: Vec<PathBuf>,
}

/// Reads every scorecard in `history` (the sessions folder; a missing folder is an empty
/// history) and in each of `folders`. A folder that cannot be listed is reported in
/// [`HealthSources::rejected`]; sub-folders are not searched.
pub fn gather(history: Option<&Path>, folders: &[PathBuf]) -> HealthSources {
    let mut sources = HealthSources::default();
    let mut files = Vec::new();
    if let Some(dir) = history.filter(|d| d.is_dir()) {
        list_into(dir, &mut files, &mut sources);
    }
    for folder in folders {
        list_into(folder, &mut files, &mut sources);
    }
    // Files, not folders, are passed so the loader checks signatures against the pinned keys
    // without writing new pins into a shared folder.
    let load = panel_files::load_paths(&files);
    for rejected in load.rejected {
        match rejected.reason {
            RejectReason::IdenticalTo(_)
            | RejectReason::SameScorecardAs { .. }
            | RejectReason::ConflictCopy { .. } => {
                sources.duplicates += 1;
            }
            _ => sources.rejected.push(rejected),
        }
    }
    sources.sessions = load.scorecards.into_iter().map(|s| s.session).collect();
    sources
}

fn list_into(dir: &Path, files: &mut Vec<PathBuf>, sources: &mut HealthSources) {
    match panel_files::scorecard_files(dir) {
        Ok((found, _others)) => {
            files.extend(found);
            sources.folders.push(dir.to_path_buf());
        }
        Err(err) => sources.rejected.push(Rejected {
            path: dir.to_path_buf(),
            reason: RejectReason::Unreadable(format!("the folder could not be listed: {err}")),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::session::{Rating, Recommendation};

    fn submitted(id: &str, candidate: &str) -> Session {
        let mut session = Session {
            id: id.into(),
            candidate: candidate.into(),
            interviewer: "Ann".into(),
            recommendation: Some(Recommendation::Yes),
            ..Session::default()
        };
        let mut outcome = crate::model::session::QuestionOutcome::default();
        outcome.question.id = "q".into();
        outcome.rating = Some(Rating::Solid);
        session.questions.push(outcome);
        let at = chrono::DateTime::parse_from_rfc3339("2026-03-02T10:00:00+01:00").expect("date");
        session.submit(at).expect("submit");
        session
    }

    fn write(dir: &Path, name: &str, session: &Session) {
        let text = super::super::ron_file::to_ron(session).expect("ron");
        std::fs::write(dir.join(name), text).expect("write");
    }

    #[test]
    fn history_and_folders_are_read_once_each_without_writing() {
        let history = tempfile::tempdir().expect("temp");
        let panel = tempfile::tempdir().expect("temp");
        let a = submitted("a", "Ada");
        write(history.path(), "a.ron", &a);
        write(panel.path(), "a-copy.ron", &a);
        write(panel.path(), "b.ron", &submitted("b", "Ben"));
        std::fs::write(panel.path().join("broken.ron"), "Session(oops").expect("write");
        std::fs::write(panel.path().join("notes.txt"), "hello").expect("write");
        let missing = panel.path().join("no-such-folder");
        let sources = gather(Some(history.path()), &[panel.path().to_path_buf(), missing]);
        assert_eq!(sources.sessions.len(), 2);
        assert_eq!(sources.duplicates, 1);
        assert_eq!(sources.rejected.len(), 2, "{:?}", sources.rejected);
        assert!(
            !panel.path().join(panel_files::PINNED_KEYS_FILE).exists(),
            "gathering pins no keys"
        );
        // A missing History is simply empty.
        let sources = gather(Some(&history.path().join("none")), &[]);
        assert!(sources.sessions.is_empty() && sources.rejected.is_empty());
    }
}
