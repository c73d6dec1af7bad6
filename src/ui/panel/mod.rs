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

fn take_dropped_files(ui: &mut egui::Ui, view: &mut PanelViewState) {
    let (dropped, hovering) = ui.input(|i| {
        (
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect::<Vec<_>>(),
            !i.raw.hovered_files.is_empty(),
        )
    });
    if !dropped.is_empty() {
        view.add_sources(dropped, ui.ctx());
    }
    if hovering {
        let rect = ui.ctx().content_rect();
        let painter = ui.ctx().layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            egui::Id::unique("panel_drop"),
        ));
        let tokens = crate::ui::style::theme::tokens(ui);
        painter.rect_filled(rect, 0.0, tokens.scrim);
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            "Drop scorecard files or a folder to add them to the panel",
            egui::FontId::proportional(22.0),
            tokens.on_scrim,
        );
    }
}

fn load_bar_ui(
    ui: &mut egui::Ui,
    view: &mut PanelViewState,
    interviewer: &mut String,
    notices: &mut Commands,
) {
    let busy = view.picking.is_some();
    // Wraps onto a second row when narrow (a small window, a large zoom) instead of overlapping.
    ui.horizontal_wrapped(|ui| {
        if view.native_dialogs {
            if ui
                .add_enabled(!busy, egui::Button::new("Add files…"))
                .on_hover_text("Choose scorecard files (.ron); several at once")
                .clicked()
            {
                view.pick(PickKind::Files, ui.ctx());
            }
            if ui
                .add_enabled(!busy, egui::Button::new("Open folder…"))
                .on_hover_text("The panel's shared folder: every scorecard in it loads, and it is re-read when files change")
                .clicked()
            {
                view.pick(PickKind::Folder, ui.ctx());
            }
            ui.separator();
        }
        let label = ui.label("File or folder");
        let field = ui.add(
            egui::TextEdit::singleline(&mut view.path_input)
                .desired_width((ui.available_width() * 0.4).clamp(140.0, 320.0))
                .hint_text("e.g. ~/Shared/panel-backend"),
        );
        let field = field.labelled_by(label.id);
        if std::mem::take(&mut view.focus_path) {
            field.request_focus();
        }
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let typed = typed_path(&view.path_input);
        let add = ui.add_enabled(typed.is_some(), egui::Button::new("Add")).on_hover_text("Add this file or folder to the panel");
        if (add.clicked() || enter)
            && let Some(path) = typed
        {
            view.path_input.clear();
            view.add_sources(vec![path], ui.ctx());
        }
        if !view.sources.is_empty() {
            ui.separator();
            if ui
                .add_enabled(!view.is_loading(), egui::Button::new("Reload"))
                .on_hover_text("Read every file and folder again")
                .clicked()
            {
                view.reload(ui.ctx());
            }
            if ui.button("Clear").on_hover_text("Forget the loaded scorecards (the files stay)").clicked() {
                view.clear();
            }
        }
        if busy {
            ui.spinner();
            ui.label("Choose in the file dialog…");
        }
        ui.separator();
        export_buttons_ui(ui, view, interviewer, notices);
    });
    ui.horizontal_wrapped(|ui| {
        ui.checkbox(&mut view.independent, "Independent scoring").on_hover_text(
            "Hide other interviewers' ratings, notes and recommendations for a candidate until your own scorecard for that candidate is submitted, so nobody anchors on someone else's view.",
        );
        let label = ui.label("Your name as interviewer");
        ui.add(
            egui::TextEdit::singleline(interviewer)
                .desired_width(190.0)
                .hint_text("as on your scorecards"),
        )
        .labelled_by(label.id);
        ui.separator();
        status_ui(ui, view);
    });
    if let Some(note) = &view.note {
        ui.label(egui::RichText::new(note).color(ui.visuals().warn_fg_color));
    }
    rejected_ui(ui, view);
}

fn status_ui(ui: &mut egui::Ui, view: &PanelViewState) {
    if view.is_loading() {
        ui.spinner();
        ui.label("Reading scorecards…");
        return;
    }
    if view.sources.is_empty() {
        ui.label(egui::RichText::new("No scorecards loaded").weak());
        return;
    }
    let candidates: HashSet<String> = view
        .sessions
        .iter()
        .map(|s| panel::person_key(&s.candidate))
        .collect();
    let mut text = format!(
        "{} scorecard{} for {} candidate{}",
        view.sessions.len(),
        plural(view.sessions.len()),
        candidates.len(),
        plural(candidates.len())
    );
    if !view.folders.is_empty() {
        text.push_str(" · watching ");
        text.push_str(
            &view
                .folders
                .iter()
                .map(|f| {
                    f.file_name().map_or_else(
                        || f.display().to_string(),
                        |n| n.to_string_lossy().to_string(),
                    )
                })
                .collect::<Vec<_>>()
                .join(", "),
        );
        text.push_str(" for changes");
    }
    if let Some(at) = view.last_read {
        text.push_str(&format!(" · read {}", at.format("%H:%M:%S")));
    }
    let sources: Vec<String> = view
        .sources
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    ui.label(text)
        .on_hover_text(format!("Loaded from:\n{}", sources.join("\n")));
}

fn rejected_ui(ui: &mut egui::Ui, view: &PanelViewState) {
    if view.rejected.is_empty() {
        return;
    }
    let n = view.rejected.len();
    let title = egui::RichText::new(format!("⚠ {n} file{} not loaded; the rest did", plural(n)))
        .color(ui.visuals().warn_fg_color);
    egui::CollapsingHeader::new(title)
        .id_salt("panel_rejected")
        .default_open(n <= 3)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("panel_rejected_list")
                .max_height(120.0)
                .show(ui, |ui| {
                    for rejected in &view.rejected {
                        ui.horizontal_wrapped(|ui| {
                            let name = rejected.path.file_name().map_or_else(
                                || rejected.path.display().to_string(),
                                |n| n.to_string_lossy().to_string(),
                            );
                            ui.label(egui::RichText::new(name).strong())
                                .on_hover_text(rejected.path.display().to_string());
                            ui.label(rejected.reason.to_string());
                        });
                    }
                });
        });
}

fn export_buttons_ui(
    ui: &mut egui::Ui,
    view: &mut PanelViewState,
    interviewer: &str,
    notices: &mut Commands,
) {
    let enabled = !view.sessions.is_empty() && view.save.is_none();
    let mut wanted = None;
    if ui
        .add_enabled(enabled, egui::Button::new("Export CSV…"))
        .on_hover_text("One row per interviewer per question")
        .clicked()
    {
        wanted = Some(false);
    }
    if ui
        .add_enabled(enabled, egui::Button::new("Export Markdown…"))
        .on_hover_text(
            "Recommendations, aggregate, matrix, ranking and calibration, for the debrief",
        )
        .clicked()
    {
        wanted = Some(true);
    }
    let Some(markdown) = wanted else { return };
    // Export what this interviewer may see: candidates still hidden by independent scoring
    // are left out entirely.
    let visible: Vec<Session> = {
        let all = PanelComparison::build(&view.sessions);
        let shown: HashSet<&str> = all
            .candidates
            .iter()
            .filter(|c| panel::access(c, interviewer, view.independent).shows_others())
            .map(|c| c.key.as_str())
            .collect();
        view.sessions
            .iter()
            .filter(|s| shown.contains(panel::person_key(&s.candidate).as_str()))
            .cloned()
            .collect()
    };
    if visible.is_empty() {
        notices.warning(
            "Nothing to export yet: independent scoring hides every candidate",
            vec!["Submit your own scorecards (or turn off Independent scoring if you did not interview), then export.".into()],
        );
        return;
    }
    let comparison = PanelComparison::build(&visible);
    let (what, bytes, name) = if markdown {
        (
            "panel comparison (Markdown)",
            crate::export::comparison::markdown(&comparison).into_bytes(),
            "Panel-comparison.md",
        )
    } else {
        match crate::export::comparison::csv(&comparison) {
            Ok(text) => (
                "panel comparison (CSV)",
                text.into_bytes(),
                "Panel-comparison.csv",
            ),
            Err(err) => {
                notices.error(
                    "The comparison could not be exported",
                    vec![err.to_string()],
                );
                return;
            }
        }
    };
    let hidden = view.sessions.len() - visible.len();
    if hidden > 0 {
        view.note = Some(format!(
            "The export leaves out {hidden} scorecard{} of candidates still hidden by independent scoring.",
            plural(hidden)
        ));
    }
    // Not the shared folder: an export there would show every rating to interviewers who
    // have not submitted theirs yet.
    let folder = default_folder();
    view.save = Some(SaveDialog::new(
        what,
        bytes,
        name,
        &folder,
        view.native_dialogs,
    ));
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

fn candidates_ui(
    ui: &mut egui::Ui,
    view: &mut PanelViewState,
    comparison: &PanelComparison,
    local: &str,
) {
    ui.add_space(6.0);
    ui.strong(format!("Candidates ({})", comparison.candidates.len()));
    ui.add_space(4.0);
    let row_height = 40.0;
    egui::ScrollArea::vertical()
        .id_salt("panel_candidate_list")
        .auto_shrink(false)
        .show_rows(ui, row_height, comparison.candidates.len(), |ui, range| {
            for candidate in &comparison.candidates[range] {
                let access = panel::access(candidate, local, view.independent);
                let visible = access.shows_others();
                let mut marks = String::new();
                if !visible {
                    marks.push_str(" 🔒");
                } else if candidate.has_disagreement() {
                    marks.push_str(" ⚠");
                }
                if candidate
                    .columns
                    .iter()
                    .any(|c| c.standing == panel::Standing::Tampered)
                {
                    marks.push_str(" ✗");
                }
                let submitted = candidate.columns.iter().filter(|c| c.submitted).count();
                let detail = format!("{submitted} of {} submitted", candidate.columns.len());
                let shown_detail = if visible {
                    detail.clone()
                } else {
                    format!("{detail} · hidden")
                };
                let selected = view.selected.as_deref() == Some(candidate.key.as_str());
                let mut job = egui::text::LayoutJob::default();
                let style = ui.style();
                job.append(
                    &format!("{}\n", candidate.name),
                    0.0,
                    egui::TextFormat::simple(
                        egui::TextStyle::Body.resolve(style),
                        ui.visuals().strong_text_color(),
                    ),
                );
                job.append(
                    &shown_detail,
                    0.0,
                    egui::TextFormat::simple(
                        egui::TextStyle::Small.resolve(style),
                        ui.visuals().weak_text_color(),
                    ),
                );
                let name = format!(
                    "{}: {detail}{}{}",
                    candidate.name,
                    if visible {
                        ""
                    } else {
                        ", hidden until you submit your own scorecard"
                    },
                    if visible && candidate.has_disagreement() {
                        ", panel disagrees"
                    } else {
                        ""
                    }
                );
                let response = focus::follow(
                    ui.add_sized(
                        [
                            ui.available_width(),
                            row_height - ui.spacing().item_spacing.y,
                        ],
                        egui::Button::new(job)
                            .right_text(egui::RichText::new(marks.trim()).size(18.0))
                            .selected(selected)
                            .frame_when_inactive(selected),
                    ),
                    ui,
                );
                response.widget_info(|| {
                    egui::WidgetInfo::selected(egui::Role::Button, true, selected, &name)
                });
                if response.clicked() {
                    view.selected = Some(candidate.key.clone());
                    view.section = Section::Candidate;
                }
            }
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
