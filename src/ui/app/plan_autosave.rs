//! Keeps the plan in the Bank view on disk, so a crash never loses a plan being built.

use std::path::PathBuf;

use crate::model::plan::InterviewPlan;
use crate::store::autosave::Autosaver;
use crate::store::plan_draft::{self, PlanDraft};

pub struct PlanAutosave {
    path: PathBuf,
    /// The draft as last handed to the writer; a frame whose plan differs marks it dirty.
    last: PlanDraft,
    autosaver: Autosaver<PlanDraft>,
}

impl PlanAutosave {
    /// Watches for changes starting from `current` (what is on disk, or an empty plan).
    pub fn new(root: &std::path::Path, current: PlanDraft) -> PlanAutosave {
        PlanAutosave {
            path: plan_draft::draft_path(root),
            last: current,
            autosaver: Autosaver::with(plan_draft::save_draft),
        }
    }

    /// Per frame: notices a changed plan and hands it to the writer within the debounce.
    pub fn frame(&mut self, ctx: &egui::Context, plan: &InterviewPlan, template: &Option<PathBuf>) {
        if self.last.plan != *plan || self.last.template != *template {
            self.last = PlanDraft::new(plan.clone(), template.clone());
            self.autosaver.mark_dirty();
        }
        if let Some(wait) = self.autosaver.poll(&self.path, &self.last) {
            ctx.request_repaint_after(wait);
        }
    }

    /// Writes now and waits for the disk (closing the window).
    pub fn flush(&mut self) {
        if self.autosaver.is_dirty() {
            self.autosaver.save_now(&self.path, &self.last);
        }
        self.autosaver.flush();
    }

    /// The last write's error, if it failed.
    pub fn error(&self) -> Option<String> {
        self.autosaver.status().last_error
    }
}

impl Drop for PlanAutosave {
    fn drop(&mut self) {
        self.flush();
    }
}
