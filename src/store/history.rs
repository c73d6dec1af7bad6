//! The history of interviews: every session file in the sessions folder with what a list needs
//! (who, what role, when, where it stands), plus delete, anonymise and the retention scan.
//!
//! Candidate data is personal data: [`expired`] finds scorecards older than the retention
//! period so the user can delete them or [`anonymise_file`] them (ratings stay for calibration).

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use chrono::{DateTime, FixedOffset};

use crate::model::plan::InterviewPlan;
use crate::model::session::{Recommendation, Session, SessionStatus};

use super::error::StoreError;
use super::sessions::{self, SessionLock};

/// Retention period used until the user picks another, in days.
pub const DEFAULT_RETENTION_DAYS: u32 = 180;

/// What the history list shows about one session, without keeping the whole session.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionSummary {
    pub id: String,
    pub candidate: String,
    pub role: String,
    pub interviewer: String,
    pub plan_title: String,
    pub started_at: Option<DateTime<FixedOffset>>,
    pub finished_at: Option<DateTime<FixedOffset>>,
    pub submitted_at: Option<DateTime<FixedOffset>>,
    pub status: SessionStatus,
    pub recommendation: Option<Recommendation>,
    pub questions: usize,
    pub rated: usize,
    pub amendments: usize,
    pub anonymised: bool,
    /// Whether the scorecard's signature matches its content (see `model::signature`).
    pub signature: crate::model::signature::SignatureCheck,
}

impl SessionSummary {
    pub fn of(session: &Session) -> SessionSummary {
        SessionSummary {
            id: session.id.clone(),
            candidate: session.candidate.clone(),
            role: session.role.clone(),
            interviewer: session.interviewer.clone(),
            plan_title: session.plan_title.clone(),
            started_at: session.started_at,
            finished_at: session.finished_at,
            submitted_at: session.submitted.as_ref().map(|s| s.at),
            status: session.status(),
            recommendation: session.recommendation,
            questions: session.questions.len(),
            rated: crate::model::scoring::rated_count(session),
            amendments: session.amendments.len(),
            anonymised: session.anonymised,
            signature: crate::model::signature::check(session),
        }
    }

    /// When the interview took place: its start, else its end, else the submission.
    pub fn date(&self) -> Option<DateTime<FixedOffset>> {
        self.started_at.or(self.finished_at).or(self.submitted_at)
    }

    /// True when every word of `query` appears (ignoring case) in the candidate, role,
    /// interviewer, plan title or the date written as `YYYY-MM-DD`. An empty query matches all.
    pub fn matches(&self, query: &str) -> bool {
        let date = self
            .date()
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        let haystack = [
            self.candidate.as_str(),
            self.role.as_str(),
            self.interviewer.as_str(),
            self.plan_title.as_str(),
            date.as_str(),
        ]
        .join("\n")
        .to_lowercase();
        query
            .split_whitespace()
            .all(|word| haystack.contains(&word.to_lowercase()))
    }
}

/// One file in the sessions folder: its summary, or why it could not be read.
#[derive(Clone, Debug)]
pub struct HistoryEntry {
    pub path: PathBuf,
    /// Last modification of the file; the date of last resort for unreadable files.
    pub modified: Option<SystemTime>,
    /// The summary, or the error (worded for people, naming file and line).
    pub summary: Result<SessionSummary, String>,
}

impl HistoryEntry {
    /// The date used for sorting and retention: the interview's, else the file's.
    pub fn date(&self) -> Option<DateTime<FixedOffset>> {
        match &self.summary {
            Ok(summary) => summary.date(),
            Err(_) => None,
        }
        .or_else(|| {
            self.modified
                .map(|m| DateTime::<chrono::Utc>::from(m).fixed_offset())
        })
    }
}

/// Reads every session file in `dir`, newest interview first. Unreadable files are listed
/// with their error and left untouched. A missing folder is an empty history.
///
/// Stale temporary files from interrupted saves are cleaned first (recovered into their
/// session when complete and newer), so no copy of a candidate's data hides from retention.
pub fn list_history(dir: &Path) -> Vec<HistoryEntry> {
    sessions::clean_session_temps(dir, None);
    let mut entries: Vec<HistoryEntry> = sessions::list_sessions(dir)
        .into_iter()
        .map(|(path, loaded)| {
            let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
            HistoryEntry {
                summary: loaded
                    .map(|s| SessionSummary::of(&s))
                    .map_err(|e| e.to_string()),
                path,
                modified,
            }
        })
        .collect();
    entries.sort_by(|a, b| b.date().cmp(&a.date()).then_with(|| a.path.cmp(&b.path)));
    entries
}

/// Deletes a session file. Refuses while the session is open in a window (its lock is held).
pub fn delete_session(path: &Path) -> Result<(), StoreError> {
    let _lock = SessionLock::acquire(path)?;
    std::fs::remove_file(path).map_err(|err| StoreError::io(path, err))?;
    // Copies left by an interrupted save go with it.
    remove_temps_of(path);
    Ok(())
}

/// Removes every stale temporary copy of the file at `path`.
fn remove_temps_of(path: &Path) {
    if let (Some(dir), Some(name)) = (path.parent(), path.file_name()) {
        super::atomic::clean_temp_files(dir, Some(name), &|_, _| false);
    }
}

/// Anonymises the session in `path` ([`Session::anonymise`]: the candidate's name and every
/// free-text note go, ratings and ticks stay) and saves it in place. Refuses while the
/// session is open in a window.
pub fn anonymise_file(path: &Path) -> Result<Session, StoreError> {
    let _lock = SessionLock::acquire(path)?;
    // A stale temporary copy would keep the name and notes that anonymising removes.
    remove_temps_of(path);
    let mut session = sessions::load_session(path)?;
    if !session.anonymised {
        session.anonymise();
        sessions::save_session(path, &session)?;
        // What is on disk now: saving signs the anonymised scorecard afresh.
        return sessions::load_session(path);
    }
    Ok(session)
}

/// Entries whose interview is older than `days` before `now` and that still hold personal
/// data (not anonymised). Unreadable files are never offered: nobody can tell what they hold.
pub fn expired(entries: &[HistoryEntry], days: u32, now: DateTime<FixedOffset>) -> Vec<PathBuf> {
    let cutoff = now - chrono::Duration::days(i64::from(days));
    entries
        .iter()
        .filter(|e| e.summary.as_ref().is_ok_and(|s| !s.anonymised))
        .filter(|e| e.date().is_some_and(|d| d < cutoff))
        .map(|e| e.path.clone())
        .collect()
}

/// A new plan with the questions of an earlier interview, for interviewing the next candidate
/// the same way. Nothing about the candidate is carried over.
pub fn plan_from_session(session: &Session) -> InterviewPlan {
    let title = if session.plan_title.trim().is_empty() {
        match &session.role {
            role if !role.trim().is_empty() => format!("{} interview", role.trim()),
            _ => "Interview plan".to_string(),
        }
    } else {
        session.plan_title.trim().to_string()
    };
    InterviewPlan {
        title: format!("{title} (copy)"),
        role: session.role.clone(),
        target_level: session.target_level,
        target_minutes: session.target_minutes,
        category_weights: session.category_weights.clone(),
        questions: session
            .questions
            .iter()
            .map(|o| o.question.clone())
            .collect(),
        ..InterviewPlan::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, mo: u32, d: u32) -> DateTime<FixedOffset> {
        FixedOffset::east_opt(0)
            .and_then(|tz| tz.with_ymd_and_hms(y, mo, d, 10, 0, 0).single())
            .expect("valid date")
    }

    fn summary(candidate: &str, role: &str, started: DateTime<FixedOffset>) -> SessionSummary {
        SessionSummary::of(&Session {
            candidate: candidate.into(),
            role: role.into(),
            interviewer: "Ann Lee".into(),
            started_at: Some(started),
            ..Session::default()
        })
    }

    #[test]
    fn search_matches_every_word_in_any_field() {
        let s = summary("Zoë Ødegård", "Backend engineer", at(2026, 3, 4));
        assert!(s.matches(""));
        assert!(s.matches("zoë"));
        assert!(s.matches("BACKEND ann"));
        assert!(s.matches("2026-03"));
        assert!(!s.matches("frontend"));
        assert!(!s.matches("zoë frontend"));
    }

    #[test]
    fn expired_skips_recent_anonymised_and_unreadable() {
        let now = at(2026, 12, 1);
        let entry = |name: &str, summary: Result<SessionSummary, String>| HistoryEntry {
            path: PathBuf::from(name),
            modified: None,
            summary,
        };
        let mut anonymised = summary("A", "", at(2025, 1, 1));
        anonymised.anonymised = true;
        let entries = vec![
            entry("old.ron", Ok(summary("A", "", at(2026, 5, 1)))),
            entry("recent.ron", Ok(summary("B", "", at(2026, 11, 1)))),
            entry("anon.ron", Ok(anonymised)),
            entry("broken.ron", Err("bad".into())),
        ];
        assert_eq!(expired(&entries, 180, now), vec![PathBuf::from("old.ron")]);
        assert_eq!(expired(&entries, 10, now).len(), 2);
    }

    #[test]
    fn plan_copy_keeps_questions_not_the_candidate() {
        let mut plan = InterviewPlan {
            title: "Backend".into(),
            ..InterviewPlan::default()
        };
        plan.questions.push(crate::model::plan::QuestionSnapshot {
            id: "q.one".into(),
            prompt: "Explain".into(),
            ..Default::default()
        });
        let session = Session::start(&plan, "Zoë", "Engineer", "Ann", at(2026, 1, 1));
        let copy = plan_from_session(&session);
        assert_eq!(copy.title, "Backend (copy)");
        assert_eq!(copy.questions, plan.questions);
        assert_eq!(copy.role, "Engineer");
        assert!(!format!("{copy:?}").contains("Zoë"));
    }
}
