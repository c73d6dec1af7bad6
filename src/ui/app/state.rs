//! The app's state: what every screen shares, the two documents being edited, and each
//! screen's own state.

use std::path::PathBuf;
use std::sync::Arc;

use super::bank_reload::{BankPaths, BankReload};
use super::plan_autosave::PlanAutosave;
use crate::model::{LoadProblem, QuestionBank, Session};
use crate::store::{AppDirs, bank_files, sessions};
use crate::ui::command::Commands;
use crate::ui::session::ActiveSession;
use crate::ui::shared::{PlanDocument, Prefs, Shared};
use crate::ui::shell::notices::Notices;
use crate::ui::{bank, health, hiring_loop, interview, panel, scorecard};

/// Everything the window holds. Built without eframe so tests can drive it.
pub struct AppState {
    /// What every screen reads.
    pub shared: Shared,
    /// The plan being built; the Bank edits it, Start interview reads it.
    pub plan: PlanDocument,
    /// The interview or scorecard open in this window.
    pub active: Option<ActiveSession>,
    pub notices: Notices,
    /// The keyboard cheat sheet is showing.
    pub cheat_sheet: bool,
    pub bank_view: bank::BankViewState,
    pub interview_view: interview::InterviewViewState,
    pub scorecard_view: scorecard::ScorecardViewState,
    pub panel_view: panel::PanelViewState,
    pub health_view: health::HealthViewState,
    pub loop_view: hiring_loop::LoopViewState,
    /// Interviews left unfinished (a crash, a closed window), offered for resuming.
    pub resumable: Vec<(PathBuf, Session)>,
    /// What screens asked for this frame; applied after drawing.
    pub commands: Commands,
    /// A large bank being read again after an edit or import.
    pub bank_reload: BankReload,
    /// Keeps the plan being built on disk.
    pub plan_autosave: PlanAutosave,
    /// The open session's file and whether it was sealed at the last frame, to notice a
    /// submission.
    pub(super) seal_seen: Option<(PathBuf, bool)>,
    /// The window's context, for background work started while applying commands.
    pub(super) waker: Option<egui::Context>,
    /// The save error last shown in the notices, so it is said once, not every frame.
    pub(super) save_error_reported: Option<String>,
}

impl AppState {
    /// Loads the bank (bundled, user folder, extra paths) and reports problems as a notice.
    pub fn load(dirs: AppDirs, extra_bank: &[PathBuf], prefs: Prefs) -> AppState {
        let mut notices = Notices::default();
        // Creates the folders, says if they cannot be written, cleans interrupted saves.
        for notice in crate::store::startup::prepare(&dirs) {
            if notice.error {
                notices.error(notice.title, notice.details);
            } else {
                notices.warning(notice.title, notice.details);
            }
        }
        let (bank, problems, index) =
            bank_files::load_bank_indexed(Some(&dirs.question_sets()), extra_bank);
        let mut state = AppState::with_bank(dirs, bank, problems, prefs, notices);
        let bank = state.shared.bank.clone();
        state.bank_view.adopt_index(&bank, index);
        state.shared.extra_bank = extra_bank.to_vec();
        state.find_resumable();
        state
    }

    pub fn with_bank(
        dirs: AppDirs,
        bank: QuestionBank,
        load_problems: Vec<LoadProblem>,
        prefs: Prefs,
        mut notices: Notices,
    ) -> AppState {
        if !load_problems.is_empty() {
            let files: std::collections::BTreeSet<&str> =
                load_problems.iter().map(|p| p.file.as_str()).collect();
            notices.error(
                format!(
                    "{} problem{} in {} question-set file{}; the rest of the bank loaded. Fix the file and restart.",
                    load_problems.len(),
                    if load_problems.len() == 1 { "" } else { "s" },
                    files.len(),
                    if files.len() == 1 { "" } else { "s" },
                ),
                load_problems.iter().map(ToString::to_string).collect(),
            );
        }
        // The plan being built when the app last closed (or crashed) comes back as it was.
        let draft = match crate::store::plan_draft::load_draft(
            &crate::store::plan_draft::draft_path(&dirs.root),
        ) {
            Some(Ok(draft)) => draft,
            Some(Err(err)) => {
                notices.warning(
                    "The plan you were building could not be read back; the Bank starts with an empty plan",
                    vec![
                        err.to_string(),
                        "The file is left as it is; the next change to the plan replaces it.".into(),
                    ],
                );
                Default::default()
            }
            None => Default::default(),
        };
        let plan_autosave = PlanAutosave::new(&dirs.root, draft.clone());
        AppState {
            shared: Shared {
                prefs,
                dirs,
                bank: Arc::new(bank),
                load_problems,
                extra_bank: Vec::new(),
                health: None,
                panel_folders: Vec::new(),
                bank_reloading: false,
            },
            plan: PlanDocument {
                plan: draft.plan,
                path: draft.template,
            },
            active: None,
            notices,
            cheat_sheet: false,
            bank_view: Default::default(),
            interview_view: Default::default(),
            scorecard_view: Default::default(),
            panel_view: Default::default(),
            health_view: Default::default(),
            loop_view: Default::default(),
            resumable: Vec::new(),
            commands: Commands::default(),
            bank_reload: Default::default(),
            plan_autosave,
            save_error_reported: None,
            waker: None,
            seal_seen: None,
        }
    }

    /// Lists unfinished interviews in the sessions folder.
    pub fn find_resumable(&mut self) {
        let mut unreadable = Vec::new();
        self.resumable = sessions::list_sessions(&self.shared.dirs.sessions())
            .into_iter()
            .filter_map(|(path, loaded)| match loaded {
                Ok(session) if session.finished_at.is_none() => Some((path, session)),
                Ok(_) => None,
                Err(err) => {
                    unreadable.push(err.to_string());
                    None
                }
            })
            .collect();
        if !unreadable.is_empty() {
            self.notices.warning(
                "Some interview files could not be read; they were left untouched",
                unreadable,
            );
        }
    }

    /// Says once, in the notices strip, when the open interview's file cannot be written, and
    /// again when writing works again.
    pub(super) fn report_save_errors(&mut self) {
        let error = self
            .active
            .as_ref()
            .and_then(|active| active.autosave_status().last_error)
            .or_else(|| self.plan_autosave.error());
        if error == self.save_error_reported {
            return;
        }
        match &error {
            Some(message) => self.notices.error(
                "Your changes are not being saved",
                vec![
                    message.clone(),
                    "Free some disk space or make the data folder writable. Everything is still in this window, and each new change tries again.".into(),
                ],
            ),
            None => self.notices.success("Saving works again; everything is on disk", None),
        }
        self.save_error_reported = error;
    }

    /// Where the bank's files are, for reading it again.
    pub fn bank_paths(&self) -> BankPaths {
        BankPaths {
            user_sets: self.shared.dirs.question_sets(),
            extra: self.shared.extra_bank.clone(),
        }
    }
}
