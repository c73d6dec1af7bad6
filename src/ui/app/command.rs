//! Applying what screens asked for: interviews, templates, History's file work, bank
//! reloads, and every change to shared state. Every error becomes a notice the user can act on.

use std::path::PathBuf;
use std::sync::Arc;

use super::bank_reload::{BACKGROUND_FROM_QUESTIONS, Loaded, ReloadTarget};
use super::state::AppState;
use crate::model::Session;
use crate::store::paths::unique_path;
use crate::store::{history, plans, sessions};
use crate::ui::bank::plan_dialogs;
use crate::ui::command::{Command, HistoryCommand};
use crate::ui::session::ActiveSession;
use crate::ui::shared::{PlanDocument, View};

impl AppState {
    /// Carries out a command from a view. Every error becomes a notice the user can act on.
    pub fn apply(&mut self, command: Command) {
        match command {
            Command::StartInterview {
                candidate,
                role,
                interviewer,
            } => self.start_interview(&candidate, &role, &interviewer),
            Command::FinishInterview => {
                if let Some(active) = &mut self.active {
                    active.session.finish(chrono::Local::now().fixed_offset());
                    active.save_now();
                }
                self.shared.prefs.view = View::Scorecard;
            }
            Command::ResumeSession(path) => self.resume(path),
            Command::DismissResume => self.resumable.clear(),
            Command::SavePlan => self.save_plan(),
            Command::RefreshTemplates => self.refresh_templates(),
            Command::DuplicateTemplate(path) => {
                match plans::load_plan(&path) {
                    Ok(mut plan) => {
                        plan.title = format!("{} (copy)", plan.title);
                        let target =
                            unique_path(&plans::plan_path(&self.shared.dirs.plans(), &plan.title));
                        self.report(plans::save_plan(&target, &plan), "Plan duplicated", &target);
                    }
                    Err(err) => self
                        .notices
                        .error("The plan could not be duplicated", vec![err.to_string()]),
                }
                self.refresh_templates();
            }
            Command::RenameTemplate(path, title) => {
                match plans::load_plan(&path) {
                    Ok(mut plan) => {
                        plan.title = title.trim().to_string();
                        let target = plans::plan_path(&self.shared.dirs.plans(), &plan.title);
                        let target = if target == path {
                            target
                        } else {
                            unique_path(&target)
                        };
                        let saved = plans::save_plan(&target, &plan);
                        if saved.is_ok() && target != path {
                            let _ = plans::delete_plan(&path);
                        }
                        if self.plan.path.as_ref() == Some(&path) {
                            self.plan.path = Some(target.clone());
                            self.plan.plan.title = plan.title.clone();
                        }
                        self.report(saved, "Plan renamed", &target);
                    }
                    Err(err) => self
                        .notices
                        .error("The plan could not be renamed", vec![err.to_string()]),
                }
                self.refresh_templates();
            }
            Command::DeleteTemplate(path) => {
                if let Err(err) = plans::delete_plan(&path) {
                    self.notices
                        .error("The plan could not be deleted", vec![err.to_string()]);
                }
                if self.plan.path.as_ref() == Some(&path) {
                    self.plan.path = None;
                }
                self.refresh_templates();
            }
            Command::History(command) => self.apply_history(command),
            Command::ReloadBank { select, show_set } => {
                let target = ReloadTarget { select, show_set };
                if self.shared.bank.len() < BACKGROUND_FROM_QUESTIONS {
                    // A small bank reads in a few milliseconds: no need to wait a frame.
                    let loaded = self.bank_paths().load();
                    self.apply_reloaded((loaded, target));
                } else if let Some(loaded) =
                    self.bank_reload
                        .request(self.bank_paths(), target, self.waker.as_ref())
                {
                    self.apply_reloaded(loaded);
                }
            }
            Command::ShowView(view) => self.shared.prefs.view = view,
            Command::StartSession(session) => self.open_new_session(*session),
            Command::ShowQuestion { id } => self.show_question(&id),
            Command::SetTheme(choice) => self.shared.prefs.theme = choice,
            Command::ToggleCheatSheet => self.cheat_sheet = !self.cheat_sheet,
            Command::Notice(notice) => self.notices.add(notice),
            Command::UsePlan(plan) => {
                self.plan = plan;
                self.bank_view.plan.selected = None;
            }
            Command::SetInterviewer(name) => self.shared.prefs.interviewer = name,
            Command::SetRetentionDays(days) => self.shared.prefs.retention_days = days,
            Command::SetExportFolder(folder) => self.shared.prefs.export_folder = Some(folder),
            Command::SetPanelFolders(folders) => self.shared.panel_folders = folders,
            Command::NoteViewedOthers { candidate_key } => {
                if let Some(active) = &mut self.active {
                    crate::ui::panel::note_viewed_others(active, &candidate_key);
                }
            }
        }
    }

    fn start_interview(&mut self, candidate: &str, role: &str, interviewer: &str) {
        let plan = &self.plan.plan;
        let session = Session::start(
            plan,
            candidate,
            role,
            interviewer,
            chrono::Local::now().fixed_offset(),
        );
        self.open_new_session(session);
    }

    /// Opens a session just started (from the plan, or from a loop's interview) and shows the
    /// Interview screen.
    fn open_new_session(&mut self, session: Session) {
        let interviewer = session.interviewer.clone();
        let path = unique_path(&sessions::session_path(
            &self.shared.dirs.sessions(),
            &session,
        ));
        // Close the previous session first so its last edits are on disk.
        self.active = None;
        match ActiveSession::open(session, path) {
            Ok(active) => {
                self.active = Some(active);
                self.shared.prefs.interviewer = interviewer;
                self.shared.prefs.view = View::Interview;
            }
            Err(err) => self.notices.error(
                "The interview could not be started",
                vec![
                    err.to_string(),
                    "Check that your data folder is writable.".into(),
                ],
            ),
        }
    }

    fn resume(&mut self, path: PathBuf) {
        if self.active.as_ref().is_some_and(|a| a.path == path) {
            self.shared.prefs.view = View::Interview;
            return;
        }
        self.active = None;
        match ActiveSession::resume(path.clone()) {
            Ok(active) => {
                self.shared.prefs.view = if active.session.finished_at.is_some() {
                    View::Scorecard
                } else {
                    View::Interview
                };
                self.active = Some(active);
                self.resumable.retain(|(p, _)| *p != path);
            }
            Err(err) => self
                .notices
                .error("The interview could not be reopened", vec![err.to_string()]),
        }
    }

    fn report(
        &mut self,
        result: Result<(), crate::store::StoreError>,
        success: &str,
        path: &std::path::Path,
    ) {
        match result {
            Ok(()) => self.notices.success(
                format!("{success}: {}", path.display()),
                path.parent().map(|p| p.to_path_buf()),
            ),
            Err(err) => self.notices.error(
                format!("{success} failed"),
                vec![
                    err.to_string(),
                    "Check that the folder is writable and try again.".into(),
                ],
            ),
        }
    }

    fn save_plan(&mut self) {
        let panel = &mut self.plan;
        if panel.plan.title.trim().is_empty() {
            panel.plan.title = format!("{} plan", panel.plan.target_level.label());
        }
        let wanted = plans::plan_path(&self.shared.dirs.plans(), &panel.plan.title);
        // Saving under the file it came from overwrites it; a new title never clobbers another plan.
        let path = match &panel.path {
            Some(existing) if *existing == wanted => wanted,
            _ => unique_path(&wanted),
        };
        let result = plans::save_plan(&path, &panel.plan);
        if result.is_ok() {
            if let Some(old) = panel.path.replace(path.clone()) {
                if old != path && old.parent() == path.parent() {
                    // The title changed: the old file was this plan under its old name.
                    let _ = plans::delete_plan(&old);
                }
            }
        }
        self.report(result, "Plan saved", &path);
    }

    fn refresh_templates(&mut self) {
        let entries = plans::list_plans(&self.shared.dirs.plans())
            .into_iter()
            .map(|(path, plan)| plan_dialogs::TemplateEntry {
                path,
                plan: plan.map_err(|e| e.to_string()),
            })
            .collect();
        if let Some(window) = &mut self.bank_view.plan.templates {
            window.entries = entries;
            window.renaming = None;
            window.confirm_delete = None;
        }
    }

    /// Carries out a History command.
    /// Switches to the Bank with question `id` selected. A question no longer in the bank (a
    /// health row can outlive it) gets a notice instead.
    fn show_question(&mut self, id: &str) {
        let Some(index) = self.shared.bank.index_of(id) else {
            self.notices.warning(
                format!("`{id}` is no longer in the bank"),
                vec!["Its figures stay on the Question health screen.".into()],
            );
            return;
        };
        self.shared.prefs.view = View::Bank;
        self.bank_view
            .show_question(&self.shared.bank, &self.plan.plan, index);
    }

    fn apply_history(&mut self, command: HistoryCommand) {
        match command {
            HistoryCommand::Delete(paths) | HistoryCommand::Anonymise(paths)
                if paths.is_empty() => {}
            HistoryCommand::Delete(paths) => {
                self.close_if_open(&paths);
                let started = self.scorecard_view.history.start_delete(paths);
                self.say_if_not_started(started);
            }
            HistoryCommand::Anonymise(paths) => {
                self.close_if_open(&paths);
                let started = self.scorecard_view.history.start_anonymise(paths);
                self.say_if_not_started(started);
            }
            HistoryCommand::DuplicateAsPlan(path) => self.duplicate_as_plan(&path),
        }
    }

    /// The open scorecard holds its file's lock: close it (saving its last edits) before
    /// History changes its file.
    fn close_if_open(&mut self, paths: &[PathBuf]) {
        if self
            .active
            .as_ref()
            .is_some_and(|a| paths.contains(&a.path))
        {
            self.active = None;
            self.scorecard_view.amend = None;
        }
    }

    fn say_if_not_started(&mut self, started: std::io::Result<()>) {
        if let Err(err) = started {
            self.notices.error(
                "Nothing was changed: a background task could not be started",
                vec![err.to_string()],
            );
        }
    }

    fn duplicate_as_plan(&mut self, path: &std::path::Path) {
        let loaded = match &self.active {
            Some(active) if active.path == path => Ok(active.session.clone()),
            _ => sessions::load_session(path),
        };
        match loaded {
            Ok(session) => {
                let plan = history::plan_from_session(&session);
                let count = plan.questions.len();
                let title = plan.title.clone();
                self.plan = PlanDocument { plan, path: None };
                self.bank_view.plan.selected = None;
                self.scorecard_view.history.open = false;
                self.shared.prefs.view = View::Bank;
                self.notices.success(
                    format!(
                        "New plan \u{201c}{title}\u{201d} with {count} question{}; save it to keep it as a template",
                        if count == 1 { "" } else { "s" }
                    ),
                    None,
                );
            }
            Err(err) => self.notices.error(
                "The plan could not be made from this interview",
                vec![err.to_string()],
            ),
        }
    }

    /// Puts a bank read again in place of the current one. `select` chooses a question by
    /// id (else the selection follows the question it was on); `show_set` narrows the facets
    /// to that set file, e.g. after an import. New load problems become a notice.
    pub(super) fn apply_reloaded(&mut self, (loaded, target): (Loaded, ReloadTarget)) {
        let Loaded {
            bank,
            problems,
            index,
        } = loaded;
        if !problems.is_empty() && problems != self.shared.load_problems {
            self.notices.error(
                format!(
                    "{} problem{} in question-set files; the rest of the bank loaded",
                    problems.len(),
                    if problems.len() == 1 { "" } else { "s" }
                ),
                problems.iter().map(ToString::to_string).collect(),
            );
        }
        self.shared.load_problems = problems;
        let bank = Arc::new(bank);
        self.bank_view.bank_replaced(
            &self.shared.bank,
            &bank,
            target.select.as_deref(),
            target.show_set.as_deref(),
        );
        self.bank_view.adopt_index(&bank, index);
        self.shared.bank = bank;
    }
}
