//! The Panel view: a hiring panel's scorecards side by side. Files come in through file and
//! folder dialogs, a typed path, or by dropping them on the window; a shared folder is re-read
//! when its files change. Independent scoring keeps other interviewers' ratings hidden until
//! this interviewer's own scorecard is submitted.
//!
//! Reading files happens on worker threads through `store::panel_files`; this module only
//! draws and keeps state.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::model::panel::{self, Access, PanelComparison};
use crate::model::session::Session;
use crate::store::panel_files::{self, FolderWatch, PanelLoad, Rejected};
use crate::ui::command::Command;
use crate::ui::command::Commands;
use crate::ui::session::ActiveSession;
use crate::ui::shared::Shared;
use crate::ui::tasks::save_dialog::{SaveDialog, SaveStatus, default_folder};
use crate::ui::tasks::{Polled, Task, take_finished};
use crate::ui::widgets::focus;

pub mod matrix;
pub mod overview;

mod candidates;
mod sources;

use candidates::candidates_ui;
use sources::{load_bar_ui, take_dropped_files};

/// How often a loaded folder is checked for changes.
pub const DEFAULT_WATCH_INTERVAL: Duration = Duration::from_secs(2);

/// The parts of the Panel view.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Section {
    /// One candidate: the matrix, the calls and the aggregate.
    #[default]
    Candidate,
    /// Candidates interviewed with the same plan, ranked, with a chart.
    Ranking,
    /// How the interviewers rate compared with each other.
    Calibration,
}

impl Section {
    pub const ALL: [Section; 3] = [Section::Candidate, Section::Ranking, Section::Calibration];

    pub fn label(self) -> &'static str {
        match self {
            Section::Candidate => "Candidate",
            Section::Ranking => "Ranking and chart",
            Section::Calibration => "Calibration",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum PickKind {
    Files,
    Folder,
}

struct Picking {
    kind: PickKind,
    task: Task<Option<Vec<PathBuf>>>,
}

/// State of the Panel view.
pub struct PanelViewState {
    /// Independent scoring: hide other interviewers' ratings, notes and calls for a candidate
    /// until the local interviewer's own scorecard for that candidate is submitted.
    pub independent: bool,
    /// Offer the system's file dialogs (off where none can be shown, and in tests).
    pub native_dialogs: bool,
    /// How often loaded folders are checked for changes.
    pub watch_interval: Duration,
    /// The typed-path field.
    pub path_input: String,
    /// Files and folders the panel was loaded from; re-read together.
    pub sources: Vec<PathBuf>,
    /// The loaded scorecards and the files they came from (same order).
    pub sessions: Vec<Session>,
    pub paths: Vec<PathBuf>,
    pub rejected: Vec<Rejected>,
    /// Other files in the folders (exports, notes), skipped quietly.
    pub ignored: usize,
    /// Folders among the sources, watched for changes.
    pub folders: Vec<PathBuf>,
    /// The candidate shown, by `panel::person_key`.
    pub selected: Option<String>,
    pub section: Section,
    /// Expanded matrix cells: (candidate key, question row key, scorecard id).
    pub expanded: HashSet<(String, String, String)>,
    /// The plan group shown in the ranking, by index.
    pub plan_group: usize,
    /// A line about the last load or dialog, shown under the load controls.
    pub note: Option<String>,
    /// When the scorecards were last read.
    pub last_read: Option<chrono::DateTime<chrono::Local>>,
    /// Focus the typed-path field next frame (after a dialog could not be shown).
    focus_path: bool,
    loading: Option<Task<PanelLoad>>,
    reload_pending: bool,
    picking: Option<Picking>,
    watch: Option<FolderWatch>,
    save: Option<SaveDialog>,
    generation: u64,
    cache: Option<(CacheKey, Arc<PanelComparison>)>,
}

#[derive(Clone, PartialEq, Eq, Debug)]
struct CacheKey {
    generation: u64,
    independent: bool,
    local: String,
}

impl Default for PanelViewState {
    fn default() -> Self {
        PanelViewState {
            independent: true,
            native_dialogs: true,
            watch_interval: DEFAULT_WATCH_INTERVAL,
            path_input: String::new(),
            sources: Vec::new(),
            sessions: Vec::new(),
            paths: Vec::new(),
            rejected: Vec::new(),
            ignored: 0,
            folders: Vec::new(),
            selected: None,
            section: Section::default(),
            expanded: HashSet::new(),
            plan_group: 0,
            note: None,
            last_read: None,
            focus_path: false,
            loading: None,
            reload_pending: false,
            picking: None,
            watch: None,
            save: None,
            generation: 0,
            cache: None,
        }
    }
}

impl PanelViewState {
    /// True while files are being read.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Adds files or folders to the panel and reads everything again (on a worker thread).
    pub fn add_sources(&mut self, paths: Vec<PathBuf>, ctx: &egui::Context) {
        for path in paths {
            if !self.sources.contains(&path) {
                self.sources.push(path);
            }
        }
        self.reload(ctx);
    }

    /// Reads the sources again on a worker thread; a reload asked for while one runs follows it.
    pub fn reload(&mut self, ctx: &egui::Context) {
        if self.loading.is_some() {
            self.reload_pending = true;
            return;
        }
        let sources = self.sources.clone();
        match Task::spawn("panel-load", Some(ctx), move || {
            panel_files::load_paths(&sources)
        }) {
            Ok(task) => self.loading = Some(task),
            Err(err) => {
                self.note = Some(format!(
                    "The files could not be read: no worker thread ({err}). Try again."
                ))
            }
        }
    }

    /// Forgets every loaded scorecard and stops watching.
    pub fn clear(&mut self) {
        let native = self.native_dialogs;
        let independent = self.independent;
        let interval = self.watch_interval;
        *self = PanelViewState::default();
        self.native_dialogs = native;
        self.independent = independent;
        self.watch_interval = interval;
    }

    /// The comparison of the loaded scorecards, rebuilt when they or the visibility change.
    pub fn comparison(&mut self, local: &str) -> Arc<PanelComparison> {
        let key = CacheKey {
            generation: self.generation,
            independent: self.independent,
            local: panel::person_key(local),
        };
        if let Some((cached, comparison)) = &self.cache
            && *cached == key
        {
            return Arc::clone(comparison);
        }
        let independent = self.independent;
        let comparison = Arc::new(PanelComparison::build_with(&self.sessions, |c| {
            panel::access(c, local, independent).shows_others()
        }));
        self.cache = Some((key, Arc::clone(&comparison)));
        comparison
    }

    fn poll(&mut self, ctx: &egui::Context) {
        match take_finished(&mut self.loading) {
            Some(Polled::Done(load)) => {
                self.apply_load(load, ctx);
                if std::mem::take(&mut self.reload_pending) {
                    self.reload(ctx);
                }
            }
            Some(Polled::Lost) => {
                self.note = Some("Reading the files stopped unexpectedly; try again.".into());
            }
            Some(Polled::Running) | None => {}
        }
        if let Some(picking) = &self.picking {
            match picking.task.poll() {
                Polled::Done(Some(paths)) => {
                    let kind = picking.kind;
                    self.picking = None;
                    if kind == PickKind::Folder {
                        self.note = None;
                    }
                    self.add_sources(paths, ctx);
                }
                Polled::Done(None) | Polled::Lost => {
                    let quick = picking.task.answered_without_a_dialog();
                    self.picking = None;
                    if quick {
                        // rfd without a portal answers None at once: no dialog was shown.
                        self.native_dialogs = false;
                        self.focus_path = true;
                        self.note = Some("No file dialog could be shown on this system; type a file or folder path instead, or drop files onto the window.".into());
                    }
                }
                Polled::Running => {}
            }
        }
        if self.watch.as_ref().is_some_and(FolderWatch::changed) {
            self.reload(ctx);
        }
    }

    fn apply_load(&mut self, load: PanelLoad, ctx: &egui::Context) {
        if load.folders != self.folders || self.watch.is_none() {
            self.watch = (!load.folders.is_empty()).then(|| {
                let waker = ctx.clone();
                FolderWatch::start(
                    load.folders.clone(),
                    self.watch_interval,
                    Box::new(move || waker.request_repaint()),
                )
            });
        }
        self.folders = load.folders;
        self.ignored = load.ignored;
        self.rejected = load.rejected;
        self.paths = load.scorecards.iter().map(|s| s.path.clone()).collect();
        self.sessions = load.scorecards.into_iter().map(|s| s.session).collect();
        self.generation += 1;
        self.cache = None;
        self.last_read = Some(chrono::Local::now());
        self.note = None;
    }

    fn pick(&mut self, kind: PickKind, ctx: &egui::Context) {
        let folder = self.folders.first().cloned().unwrap_or_else(default_folder);
        let dialog = rfd::FileDialog::new().set_directory(&folder);
        let work = move || match kind {
            PickKind::Files => dialog
                .set_title("Add scorecard files")
                .add_filter("Scorecards", &["ron"])
                .pick_files(),
            PickKind::Folder => dialog
                .set_title("Open the panel's folder")
                .pick_folder()
                .map(|f| vec![f]),
        };
        match Task::spawn("panel-pick", Some(ctx), work) {
            Ok(task) => self.picking = Some(Picking { kind, task }),
            Err(_) => {
                self.native_dialogs = false;
                self.note = Some(
                    "No file dialog could be opened; type a file or folder path instead.".into(),
                );
            }
        }
    }
}

/// Records in the open, unsubmitted scorecard for this candidate that its author was shown the
/// other interviewers' ratings before submitting (kept under the signature; see the README).
/// The app calls this for [`Command::NoteViewedOthers`].
pub fn note_viewed_others(active: &mut ActiveSession, key: &str) {
    if panel::person_key(&active.session.candidate) == key
        && active
            .session
            .note_viewed_other_ratings(chrono::Local::now().fixed_offset())
    {
        active.changed();
    }
}

/// Asks for the note above when it would change anything, so the command is sent once.
fn ask_to_note_viewed_others(active: Option<&ActiveSession>, key: &str, commands: &mut Commands) {
    let Some(active) = active else { return };
    let session = &active.session;
    if panel::person_key(&session.candidate) == key
        && session.submitted.is_none()
        && session.viewed_other_ratings_at.is_none()
    {
        commands.push(Command::NoteViewedOthers {
            candidate_key: key.to_string(),
        });
    }
}

impl PanelViewState {
    /// Collects the folder reads and file pickers, whichever screen is showing, and tells the
    /// app which folders the Panel reads (question health reads them too).
    pub fn poll_tasks(&mut self, ctx: &egui::Context, shared: &Shared, commands: &mut Commands) {
        self.poll(ctx);
        if self.folders != shared.panel_folders {
            commands.push(Command::SetPanelFolders(self.folders.clone()));
        }
    }
}

/// Draws the Panel view.
pub fn ui(
    ui: &mut egui::Ui,
    view: &mut PanelViewState,
    shared: &Shared,
    active: Option<&ActiveSession>,
    commands: &mut Commands,
) {
    take_dropped_files(ui, view);

    egui::Panel::top("panel_load").show(ui, |ui| {
        ui.add_space(6.0);
        let mut interviewer = shared.prefs.interviewer.clone();
        load_bar_ui(ui, view, &mut interviewer, commands);
        if interviewer != shared.prefs.interviewer {
            commands.push(Command::SetInterviewer(interviewer));
        }
        ui.add_space(6.0);
    });

    if view.sessions.is_empty() {
        egui::CentralPanel::default().show(ui, |ui| empty_ui(ui, view));
    } else {
        let local = shared.prefs.interviewer.clone();
        let comparison = view.comparison(&local);
        if view
            .selected
            .as_ref()
            .is_none_or(|key| comparison.candidate(key).is_none())
        {
            view.selected = comparison.candidates.first().map(|c| c.key.clone());
        }
        egui::Panel::left("panel_candidates")
            .resizable(true)
            .default_size(230.0)
            .min_size(180.0)
            .show(ui, |ui| candidates_ui(ui, view, &comparison, &local));
        egui::CentralPanel::default().show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                for section in Section::ALL {
                    if ui
                        .selectable_label(view.section == section, section.label())
                        .clicked()
                    {
                        view.section = section;
                    }
                }
            });
            ui.separator();
            match view.section {
                Section::Candidate => {
                    let candidate = view
                        .selected
                        .as_ref()
                        .and_then(|key| comparison.candidate(key));
                    if let Some(candidate) = candidate {
                        let access = panel::access(candidate, &local, view.independent);
                        if access.shows_others() {
                            ask_to_note_viewed_others(active, &candidate.key, commands);
                        }
                        matrix::candidate_ui(ui, view, &comparison, candidate, access, &local);
                    }
                }
                Section::Ranking => {
                    // The ranking shows every visible candidate's figures.
                    for candidate in &comparison.candidates {
                        if panel::access(candidate, &local, view.independent).shows_others() {
                            ask_to_note_viewed_others(active, &candidate.key, commands);
                        }
                    }
                    overview::ranking_ui(ui, view, &comparison)
                }
                Section::Calibration => overview::calibration_ui(ui, &comparison),
            }
        });
    }

    if let Some(dialog) = &mut view.save {
        match dialog.ui(ui, commands) {
            SaveStatus::Open => {}
            SaveStatus::Saved(_) | SaveStatus::Cancelled => view.save = None,
        }
    }
}

fn empty_ui(ui: &mut egui::Ui, view: &PanelViewState) {
    ui.vertical_centered(|ui| {
        ui.add_space(70.0);
        ui.heading("Compare a panel's scorecards");
        ui.add_space(8.0);
        ui.label("Open the panel's shared folder, add scorecard files, type a path above, or drop files onto this window.");
        ui.label("One file per interviewer per candidate; everyone's files can sit in one synced folder.");
        ui.add_space(12.0);
        let text = if view.independent {
            "Independent scoring is on: you see the others' ratings for a candidate once your own scorecard for that candidate is submitted."
        } else {
            "Independent scoring is off: every rating is shown."
        };
        ui.label(egui::RichText::new(text).weak());
    });
}

/// A path typed by the user: `~` is the home folder; `None` when empty.
fn typed_path(typed: &str) -> Option<PathBuf> {
    crate::store::paths::typed_path(typed, crate::store::paths::home_folder().as_deref())
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The name shown for the local interviewer's access to a candidate, and how to unlock it.
fn lock_message(access: Access, candidate: &str, local: &str) -> Option<(String, String)> {
    match access {
        Access::Open | Access::Unlocked => None,
        Access::NameUnknown => Some((
            format!("Other interviewers' ratings, notes and recommendations for {candidate} are hidden: the app does not know who you are."),
            "Type your name as interviewer above, exactly as on your scorecards. If you did not interview this candidate, turn off Independent scoring.".into(),
        )),
        Access::NoOwnScorecard => Some((
            format!("Other interviewers' ratings, notes and recommendations for {candidate} are hidden until your own scorecard is submitted."),
            format!("No scorecard by {local} for {candidate} is loaded. Add your submitted scorecard (or put it in the shared folder). If you did not interview {candidate}, turn off Independent scoring."),
        )),
        Access::OwnNotSubmitted => Some((
            format!("Other interviewers' ratings, notes and recommendations for {candidate} are hidden until your own scorecard is submitted."),
            format!("Your scorecard for {candidate} is loaded but not submitted. Submit it in the Scorecard view; the panel unlocks as soon as the submitted file is read again."),
        )),
    }
}
