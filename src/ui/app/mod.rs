//! The eframe app: owns the state, draws the shell and the current view, applies commands.

pub mod bank_reload;
pub mod plan_autosave;
pub mod session;

use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::model::{LoadProblem, QuestionBank, Session};
use crate::store::{AppDirs, bank_files, plans, sessions};
use crate::ui::app::session::ActiveSession;
use crate::ui::shell::notices::Notices;
use crate::ui::style::theme::{self, ThemeChoice};
use crate::ui::{
    bank as bank_view, bank::plan_dialogs, health as health_view, interview as interview_view,
    panel as panel_view, scorecard as scorecard_view, shell::shortcuts,
};

/// The five top-level screens.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum View {
    #[default]
    Bank,
    Interview,
    Scorecard,
    Panel,
    Health,
}

impl View {
    pub const ALL: [View; 5] = [
        View::Bank,
        View::Interview,
        View::Scorecard,
        View::Panel,
        View::Health,
    ];

    pub fn label(self) -> &'static str {
        match self {
            View::Bank => "Bank",
            View::Interview => "Interview",
            View::Scorecard => "Scorecard",
            View::Panel => "Panel",
            View::Health => "Health",
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

/// Everything the views read and change. Built without eframe so tests can drive it.
pub struct AppState {
    pub prefs: Prefs,
    pub dirs: AppDirs,
    pub bank: Arc<QuestionBank>,
    pub load_problems: Vec<LoadProblem>,
    pub notices: Notices,
    pub bank_view: bank_view::BankViewState,
    pub interview_view: interview_view::InterviewViewState,
    pub scorecard_view: scorecard_view::ScorecardViewState,
    pub panel_view: panel_view::PanelViewState,
    /// Question health; its last figures also feed the Bank's preview line.
    pub health_view: health_view::HealthViewState,
    /// The interview or scorecard open in this window.
    pub active: Option<ActiveSession>,
    /// Interviews left unfinished (a crash, a closed window), offered for resuming.
    pub resumable: Vec<(PathBuf, Session)>,
    /// Actions views asked for this frame; applied after drawing.
    pub commands: Vec<Command>,
    /// Question-set folders and files given with `--bank`, read again when the bank reloads.
    pub extra_bank: Vec<PathBuf>,
    /// A large bank being read again after an edit or import.
    pub bank_reload: crate::ui::app::bank_reload::BankReload,
    /// Keeps the plan being built on disk.
    pub plan_autosave: crate::ui::app::plan_autosave::PlanAutosave,
    /// The save error last shown in the notices, so it is said once, not every frame.
    save_error_reported: Option<String>,
}

/// Something a view asks the app to do: anything touching files or another view.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    StartInterview {
        candidate: String,
        role: String,
        interviewer: String,
    },
    FinishInterview,
    /// Reopen an unfinished interview from its file.
    ResumeSession(PathBuf),
    /// Forget the offer to resume (the file stays).
    DismissResume,
    SavePlan,
    RefreshTemplates,
    DuplicateTemplate(PathBuf),
    RenameTemplate(PathBuf, String),
    DeleteTemplate(PathBuf),
    /// Delete, anonymise or duplicate sessions from History.
    History(crate::ui::scorecard::history::HistoryCommand),
    /// Read the bank again after a question set changed on disk; select question `select`,
    /// and show only the set in file `show_set` (e.g. after an import).
    ReloadBank {
        select: Option<String>,
        show_set: Option<PathBuf>,
    },
}

/// One press of a zoom key changes the zoom by this much (as browsers do).
const ZOOM_STEP: f32 = 0.1;

const PREFS_KEY: &str = "interview-scorecard-prefs";

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
        let (bank, problems) = bank_files::load_bank(Some(&dirs.question_sets()), extra_bank);
        let mut state = AppState::with_bank(dirs, bank, problems, prefs, notices);
        state.extra_bank = extra_bank.to_vec();
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
        let plan_autosave =
            crate::ui::app::plan_autosave::PlanAutosave::new(&dirs.root, draft.clone());
        let mut bank_view = bank_view::BankViewState::default();
        bank_view.plan.plan = draft.plan;
        bank_view.plan.path = draft.template;
        AppState {
            prefs,
            dirs,
            bank: Arc::new(bank),
            load_problems,
            notices,
            bank_view,
            interview_view: Default::default(),
            scorecard_view: Default::default(),
            panel_view: Default::default(),
            health_view: Default::default(),
            active: None,
            resumable: Vec::new(),
            commands: Vec::new(),
            extra_bank: Vec::new(),
            bank_reload: Default::default(),
            plan_autosave,
            save_error_reported: None,
        }
    }

    /// Draws the whole window: top bar, notices, current view.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        if let Some(loaded) = self.bank_reload.poll() {
            self.apply_reloaded(loaded);
        }
        if self.bank_reload.is_running() {
            // The worker cannot wake the window, so look again shortly.
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(50));
        }
        let view_at_start = self.prefs.view;
        self.handle_global_keys(ui);
        egui::Panel::top("top_bar").show(ui, |ui| {
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                // In a narrow window (or at a large zoom) the views and the theme come first.
                if ui.available_width() >= 860.0 {
                    ui.heading("Interview Scorecard");
                    ui.add_space(16.0);
                }
                for view in View::ALL {
                    let selected = self.prefs.view == view;
                    if ui.selectable_label(selected, view.label()).clicked() {
                        self.prefs.view = view;
                    }
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let before = self.prefs.theme;
                    let reloading = self.bank_reload.is_running();
                    let combo = egui::ComboBox::from_id_salt("theme_choice")
                        .selected_text(self.prefs.theme.label())
                        .show_ui(ui, |ui| {
                            for choice in ThemeChoice::ALL {
                                ui.selectable_value(&mut self.prefs.theme, choice, choice.label());
                            }
                        })
                        .response;
                    let label = ui.label("Theme");
                    combo.labelled_by(label.id);
                    if before != self.prefs.theme {
                        theme::apply(ui.ctx(), self.prefs.theme, self.prefs.zoom);
                    }
                    if reloading {
                        ui.add_space(12.0);
                        ui.label(egui::RichText::new("Reading the question bank…").weak());
                        ui.spinner();
                    }
                });
            });
            ui.add_space(4.0);
        });
        if self.notices.has_lasting() {
            egui::Panel::top("notices").show(ui, |ui| {
                ui.add_space(4.0);
                self.notices.ui(ui);
            });
        }
        let clock_running = self.prefs.view == View::Interview;
        if let Some(active) = &mut self.active {
            active.frame(ui.ctx(), clock_running);
        }
        self.report_save_errors();
        match self.prefs.view {
            View::Bank => bank_view::ui(ui, self),
            View::Interview => interview_view::ui(ui, self),
            View::Scorecard => scorecard_view::ui(ui, self),
            View::Panel => panel_view::ui(ui, self),
            View::Health => health_view::ui(ui, self),
        }
        self.notices.confirmations_ui(ui.ctx());
        self.resume_offer_ui(ui);
        // The one place the sheet is drawn: F1 opens it on every screen, the Interview header's
        // button too.
        if self.interview_view.cheat_sheet {
            shortcuts::cheat_sheet_window(ui.ctx(), &mut self.interview_view.cheat_sheet);
        }
        let commands = std::mem::take(&mut self.commands);
        for command in commands {
            self.apply(command);
        }
        self.plan_autosave.frame(
            ui.ctx(),
            &self.bank_view.plan.plan,
            &self.bank_view.plan.path,
        );
        if self.prefs.view != view_at_start {
            // The new screen gives a field focus when it is first drawn; keys wait for it.
            crate::ui::shell::input_hold::focus_will_move(ui.ctx());
        }
    }

    /// Says once, in the notices strip, when the open interview's file cannot be written, and
    /// again when writing works again.
    fn report_save_errors(&mut self) {
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
    pub fn bank_paths(&self) -> crate::ui::app::bank_reload::BankPaths {
        crate::ui::app::bank_reload::BankPaths {
            user_sets: self.dirs.question_sets(),
            extra: self.extra_bank.clone(),
        }
    }

    fn apply_reloaded(
        &mut self,
        (loaded, target): (
            crate::ui::app::bank_reload::Loaded,
            crate::ui::app::bank_reload::ReloadTarget,
        ),
    ) {
        crate::ui::bank::editor::apply_reloaded(
            self,
            loaded,
            target.select.as_deref(),
            target.show_set.as_deref(),
        );
    }

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
                self.prefs.view = View::Scorecard;
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
                            unique_path(&plans::plan_path(&self.dirs.plans(), &plan.title));
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
                        let target = plans::plan_path(&self.dirs.plans(), &plan.title);
                        let target = if target == path {
                            target
                        } else {
                            unique_path(&target)
                        };
                        let saved = plans::save_plan(&target, &plan);
                        if saved.is_ok() && target != path {
                            let _ = plans::delete_plan(&path);
                        }
                        if self.bank_view.plan.path.as_ref() == Some(&path) {
                            self.bank_view.plan.path = Some(target.clone());
                            self.bank_view.plan.plan.title = plan.title.clone();
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
                if self.bank_view.plan.path.as_ref() == Some(&path) {
                    self.bank_view.plan.path = None;
                }
                self.refresh_templates();
            }
            Command::History(command) => crate::ui::scorecard::history::apply(self, command),
            Command::ReloadBank { select, show_set } => {
                if self.bank.len() < crate::ui::app::bank_reload::BACKGROUND_FROM_QUESTIONS {
                    crate::ui::bank::editor::reload_bank(
                        self,
                        select.as_deref(),
                        show_set.as_deref(),
                    );
                    return;
                }
                let target = crate::ui::app::bank_reload::ReloadTarget { select, show_set };
                if let Some(loaded) = self.bank_reload.request(self.bank_paths(), target) {
                    self.apply_reloaded(loaded);
                }
            }
        }
    }

    fn start_interview(&mut self, candidate: &str, role: &str, interviewer: &str) {
        let plan = &self.bank_view.plan.plan;
        let session = Session::start(
            plan,
            candidate,
            role,
            interviewer,
            chrono::Local::now().fixed_offset(),
        );
        let path = unique_path(&sessions::session_path(&self.dirs.sessions(), &session));
        // Close the previous session first so its last edits are on disk.
        self.active = None;
        match ActiveSession::open(session, path) {
            Ok(active) => {
                self.active = Some(active);
                self.prefs.interviewer = interviewer.to_string();
                self.prefs.view = View::Interview;
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
            self.prefs.view = View::Interview;
            return;
        }
        self.active = None;
        match ActiveSession::resume(path.clone()) {
            Ok(active) => {
                self.prefs.view = if active.session.finished_at.is_some() {
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

    /// Lists unfinished interviews in the sessions folder.
    pub fn find_resumable(&mut self) {
        let mut unreadable = Vec::new();
        self.resumable = sessions::list_sessions(&self.dirs.sessions())
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

    fn resume_offer_ui(&mut self, ui: &mut egui::Ui) {
        if self.resumable.is_empty() || self.active.is_some() {
            return;
        }
        let mut command = None;
        egui::Modal::new(egui::Id::unique("resume_offer")).show(ui.ctx(), |ui| {
            let room = ui.ctx().content_rect().size();
            ui.set_width((room.x - 64.0).clamp(240.0, 480.0));
            ui.heading("Resume an unfinished interview?");
            ui.label("These interviews were not finished, for example because the app closed. Everything typed up to the last second was kept.");
            ui.add_space(8.0);
            egui::ScrollArea::vertical()
                .max_height((room.y - 220.0).max(120.0))
                .show(ui, |ui| {
                    for (path, session) in &self.resumable {
                        // Text first, wrapping, with the button under it: at any zoom the
                        // button never covers the description.
                        let answered = session
                            .questions
                            .iter()
                            .filter(|o| o.rating.is_some() || !o.notes.is_empty())
                            .count();
                        ui.strong(&session.candidate);
                        ui.label(
                            egui::RichText::new(format!(
                                "{} · started {} · question {} of {} · {} with notes or ratings",
                                if session.role.is_empty() { "No role" } else { &session.role },
                                session
                                    .started_at
                                    .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                                    .unwrap_or_default(),
                                session.current + 1,
                                session.questions.len(),
                                answered
                            ))
                            .small()
                            .weak(),
                        );
                        if ui.button("Resume").clicked() {
                            command = Some(Command::ResumeSession(path.clone()));
                        }
                        ui.separator();
                    }
                });
            if ui.button("Not now").clicked() {
                command = Some(Command::DismissResume);
            }
        });
        if let Some(command) = command {
            self.commands.push(command);
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
        let panel = &mut self.bank_view.plan;
        if panel.plan.title.trim().is_empty() {
            panel.plan.title = format!("{} plan", panel.plan.target_level.label());
        }
        let wanted = plans::plan_path(&self.dirs.plans(), &panel.plan.title);
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
        let entries = plans::list_plans(&self.dirs.plans())
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

    fn handle_global_keys(&mut self, ui: &mut egui::Ui) {
        let mut zoom = self.prefs.zoom;
        for triggered in shortcuts::take(ui, shortcuts::Scope::Everywhere) {
            match triggered.action {
                shortcuts::Action::CheatSheet => {
                    self.interview_view.cheat_sheet = !self.interview_view.cheat_sheet
                }
                shortcuts::Action::SwitchView => {
                    if let Some(view) = View::ALL.get(triggered.arg.saturating_sub(1)) {
                        self.prefs.view = *view;
                    }
                }
                shortcuts::Action::ZoomIn => zoom += ZOOM_STEP,
                shortcuts::Action::ZoomOut => zoom -= ZOOM_STEP,
                shortcuts::Action::ZoomReset => zoom = 1.0,
                _ => {}
            }
        }
        let zoom = theme::clamp_zoom(zoom);
        if (zoom - self.prefs.zoom).abs() > f32::EPSILON {
            self.prefs.zoom = zoom;
            ui.ctx().set_zoom_factor(zoom);
        }
    }
}

/// The eframe wrapper: persistence and window integration around [`AppState`].
pub struct ScorecardApp {
    pub state: AppState,
}

impl ScorecardApp {
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        data_dir: Option<PathBuf>,
        extra_bank: Vec<PathBuf>,
    ) -> Self {
        let prefs = cc
            .storage
            .and_then(|storage| eframe::get_value::<Prefs>(storage, PREFS_KEY))
            .unwrap_or_default()
            .for_new_start();
        theme::apply(&cc.egui_ctx, prefs.theme, prefs.zoom);
        crate::ui::setup_context(&cc.egui_ctx);
        let dirs = match AppDirs::discover(data_dir.as_deref()) {
            Ok(dirs) => dirs,
            Err(err) => {
                log::error!("{err}");
                AppDirs::at(&std::env::temp_dir().join("interview-scorecard"))
            }
        };
        ScorecardApp {
            state: AppState::load(dirs, &extra_bank, prefs),
        }
    }
}

impl eframe::App for ScorecardApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.state.ui(ui);
    }

    fn on_exit(&mut self) {
        if let Some(active) = &mut self.state.active {
            active.flush();
        }
        self.state.plan_autosave.flush();
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.state.prefs);
    }
}

/// `path`, or `path` with -2, -3… before the extension if a file is already there.
pub fn unique_path(path: &std::path::Path) -> PathBuf {
    if !path.exists() {
        return path.to_path_buf();
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_string())
        .unwrap_or_default();
    (2..10_000)
        .map(|n| path.with_file_name(format!("{stem}-{n}.{extension}")))
        .find(|candidate| !candidate.exists())
        .unwrap_or_else(|| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_start_opens_the_bank_instead_of_an_empty_interview_view() {
        let last = Prefs {
            view: View::Interview,
            zoom: 1.25,
            interviewer: "Sam Lee".into(),
            ..Prefs::default()
        };
        let start = last.clone().for_new_start();
        assert_eq!(start.view, View::Bank);
        assert_eq!(
            Prefs {
                view: View::Interview,
                ..start
            },
            last,
            "everything else is kept"
        );
        for view in [View::Bank, View::Scorecard, View::Panel] {
            let prefs = Prefs {
                view,
                ..Prefs::default()
            };
            assert_eq!(prefs.for_new_start().view, view, "{view:?} reopens");
        }
    }
}
