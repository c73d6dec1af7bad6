//! The plan being built, kept on disk like a session so that a crash or a closed window never
//! loses it: written atomically within a second of each change, read back on the next start.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::plan::InterviewPlan;

use super::error::StoreError;
use super::ron_file;

/// Format version of the draft file.
pub const PLAN_DRAFT_VERSION: u32 = 1;

/// The plan in the Bank view and the template file it came from, if any.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct PlanDraft {
    pub schema_version: u32,
    pub plan: InterviewPlan,
    /// The saved plan (template) this one was loaded from or last saved to.
    pub template: Option<PathBuf>,
}

impl PlanDraft {
    pub fn new(plan: InterviewPlan, template: Option<PathBuf>) -> PlanDraft {
        PlanDraft {
            schema_version: PLAN_DRAFT_VERSION,
            plan,
            template,
        }
    }
}

/// Where the draft lives in the data folder.
pub fn draft_path(root: &Path) -> PathBuf {
    root.join("plan-in-progress.ron")
}

/// Writes the draft atomically (the autosaver calls this on its worker thread).
pub fn save_draft(path: &Path, draft: &PlanDraft) -> Result<(), StoreError> {
    ron_file::save(path, draft)
}

/// Reads the draft: `None` when there is none, an error when it cannot be read (the file is
/// then left alone, so nothing is lost by a failed read).
pub fn load_draft(path: &Path) -> Option<Result<PlanDraft, StoreError>> {
    match std::fs::symlink_metadata(path) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        _ => Some(ron_file::load(path, PLAN_DRAFT_VERSION, "plan draft")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_comes_back_as_it_was_written() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = draft_path(dir.path());
        assert!(
            load_draft(&path).is_none(),
            "no draft before the first save"
        );
        let mut plan = InterviewPlan {
            title: "Backend, senior".into(),
            target_minutes: 60,
            ..InterviewPlan::default()
        };
        plan.category_weights.insert("sql".into(), 2.0);
        let draft = PlanDraft::new(plan, Some(dir.path().join("plans/backend.ron")));
        save_draft(&path, &draft).expect("saved");
        let loaded = load_draft(&path).expect("present").expect("readable");
        assert_eq!(loaded, draft);
    }

    #[test]
    fn an_unreadable_draft_is_an_error_and_stays_on_disk() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = draft_path(dir.path());
        std::fs::write(&path, "PlanDraft(plan: [unfinished").expect("written");
        assert!(matches!(load_draft(&path), Some(Err(_))));
        assert!(path.exists());
    }
}
