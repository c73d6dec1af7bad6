//! What every screen may read: the bank, the preferences, the folders, the latest question
//! health figures. A screen gets `&Shared` while it draws and asks for every change to it with
//! a [`Command`](crate::ui::command::Command); the app applies the commands after the frame.
//!
//! Two documents are edited in place by the screen that owns the editing, because text fields
//! edit their strings directly: the plan being built ([`PlanDocument`], the Bank) and the open
//! interview ([`ActiveSession`](crate::ui::session::ActiveSession), Interview and
//! Scorecard). Everything else changes through commands.

use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::model::health::{HealthReport, VersionHealth};
use crate::model::plan::InterviewPlan;
use crate::model::{LoadProblem, QuestionBank};
use crate::store::AppDirs;
use crate::ui::style::theme::ThemeChoice;

/// Read-only state shared by every screen.
pub struct Shared {
    pub prefs: Prefs,
    pub dirs: AppDirs,
    pub bank: Arc<QuestionBank>,
    /// Problems met while reading the bank's files.
    pub load_problems: Vec<LoadProblem>,
    /// Question-set folders and files given with `--bank`, read again when the bank reloads.
    pub extra_bank: Vec<PathBuf>,
    /// The question health figures last computed; the Bank's preview line reads them.
    pub health: Option<Arc<HealthFigures>>,
    /// Files and folders the Panel reads scorecards from; question health reads them too.
    pub panel_folders: Vec<PathBuf>,
    /// A large bank is being read again in the background.
    pub bank_reloading: bool,
}

/// The plan being built in the Bank, and the template file it came from or was saved to.
#[derive(Default, Clone, Debug, PartialEq)]
pub struct PlanDocument {
    pub plan: InterviewPlan,
    pub path: Option<PathBuf>,
}

/// The five top-level screens.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum View {
    #[default]
    Bank,
    Interview,
    Scorecard,
    Panel,
    Health,
    Loop,
}

impl View {
    pub const ALL: [View; 6] = [
        View::Bank,
        View::Interview,
        View::Scorecard,
        View::Panel,
        View::Health,
        View::Loop,
    ];

    pub fn label(self) -> &'static str {
        match self {
            View::Bank => "Bank",
            View::Interview => "Interview",
            View::Scorecard => "Scorecard",
            View::Panel => "Panel",
            View::Health => "Health",
            View::Loop => "Loop",
        }
    }
}

/// UI preferences, persisted through eframe's storage. Interview data never lives here.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default)]
pub struct Prefs {
    pub view: View,
    pub theme: ThemeChoice,
    pub zoom: f32,
    /// The local interviewer's name, remembered for new interviews and independent scoring.
    pub interviewer: String,
    /// Scorecards older than this many days are offered for deleting or anonymising.
    pub retention_days: u32,
    /// Where the last scorecard export was saved; the next one is proposed there.
    pub export_folder: Option<PathBuf>,
}

impl Prefs {
    /// The preferences as a new start uses them. No interview is running yet, so reopening the
    /// Interview view would greet the user with an empty screen; the Bank opens instead (and
    /// unfinished interviews are offered over it).
    pub fn for_new_start(self) -> Prefs {
        let view = match self.view {
            View::Interview => View::Bank,
            other => other,
        };
        Prefs { view, ..self }
    }
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            view: View::Bank,
            theme: ThemeChoice::System,
            zoom: 1.0,
            interviewer: String::new(),
            retention_days: crate::store::history::DEFAULT_RETENTION_DAYS,
            export_folder: None,
        }
    }
}

/// Question health figures: the report and what was read to make it.
#[derive(Clone, Debug, Default)]
pub struct HealthFigures {
    pub report: HealthReport,
    /// Files that could not be used, each with its reason, for people.
    pub files_not_read: Vec<String>,
    /// Copies of a scorecard found in more than one place (counted once).
    pub duplicates: usize,
    /// Panel or loop folders read besides History.
    pub panel_folders: usize,
}

impl HealthFigures {
    /// The figures for the bank's version of a question (matched by rubric hash), else for the
    /// newest version asked.
    pub fn version(&self, id: &str, rubric_hash: &str) -> Option<&VersionHealth> {
        let question = self.report.question(id)?;
        question
            .versions
            .iter()
            .find(|v| v.rubric_hash == rubric_hash)
            .or_else(|| question.newest())
    }
}
