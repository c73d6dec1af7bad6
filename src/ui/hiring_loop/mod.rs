//! The hiring loop (Alt+6): open the panel's shared folder, plan the loop's interviews and see
//! what each covers, start your interview of it, see whose scorecard is still missing, and run
//! the debrief that ends in a sealed decision record.
//!
//! The folder is what a sync engine (Syncthing, Dropbox, a network share, a git checkout) keeps
//! in step between the panel's machines; `store::loop_folder` reads it as such engines leave it.

mod debrief;
mod plan;
mod recorded;
mod schedule;
mod status;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use chrono::{DateTime, FixedOffset};

use crate::model::Session;
use crate::model::decision::DecisionRecord;
use crate::model::decision_log::DecisionHistory;
use crate::model::loop_plan::LoopPlan;
use crate::model::loop_status::{self, CandidateStatus};
use crate::store::loop_folder::{self, LoopFolder};
use crate::store::panel_files::FolderWatch;
use crate::ui::command::Commands;
use crate::ui::shared::{PlanDocument, Shared};
use crate::ui::tasks::{Polled, Task, take_finished};

/// How often the open folder is checked for changed files (names, sizes, times), so
/// scorecards arriving through the sync engine appear without a click; it is read again only
/// when something changed.
pub const DEFAULT_REFRESH: Duration = Duration::from_secs(2);

/// The parts of the Loop screen.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Section {
    /// The interviews, who runs them, what they cover; starting yours.
    #[default]
    Plan,
    /// Expected and received scorecards per candidate.
    Scorecards,
    /// The meeting: disagreements first, then the decision.
    Debrief,
}

impl Section {
    pub const ALL: [Section; 3] = [Section::Plan, Section::Scorecards, Section::Debrief];

    pub fn label(self) -> &'static str {
        match self {
            Section::Plan => "Plan and coverage",
            Section::Scorecards => "Scorecards",
            Section::Debrief => "Debrief",
        }
    }
}

/// Expected vs received, and what it was computed for.
struct StatusCache {
    folder: Arc<LoopFolder>,
    selected: usize,
    minute: i64,
    statuses: Arc<Vec<CandidateStatus>>,
}

/// An export ready to save: what it is ("PDF"), the proposed file name, the bytes.
type RenderedExport = (String, String, Vec<u8>);

/// What a write in progress was made from. A write that fails gives it back to its form, so
/// nothing typed is lost.
enum Unsaved {
    /// The loop being edited.
    Plan(Box<plan::Draft>),
    /// A new decision, before sealing.
    Decision(Box<DecisionRecord>),
    /// An amendment of the decision on record.
    Amendment(Box<recorded::AmendForm>),
}

/// State of the Loop screen.
pub struct LoopViewState {
    /// The folder typed or dropped.
    pub folder_input: String,
    /// The folder as last read.
    pub folder: Option<Arc<LoopFolder>>,
    /// Its scorecards, as the model reads them.
    sessions: Arc<Vec<Session>>,
    /// Which of the folder's loops is shown.
    pub selected: usize,
    pub section: Section,
    /// The loop being edited; saved to the folder on Save.
    pub draft: Option<plan::Draft>,
    pub start: plan::StartForm,
    pub debrief: debrief::DebriefState,
    /// "Now" for overdue times; `None` is the clock (tests fix it).
    pub now: Option<DateTime<FixedOffset>>,
    /// How often the open folder is checked for changed files ([`DEFAULT_REFRESH`]).
    pub refresh_every: Duration,
    /// Offer only a typed path when saving exports (where no system dialog can be shown, and
    /// in tests).
    pub typed_paths_only: bool,
    /// The save window of an export.
    pub save: Option<crate::ui::tasks::save_dialog::SaveDialog>,
    /// A short line under the toolbar: what the last action did, or why it failed.
    pub note: Option<String>,
    loading: Option<Task<LoopFolder>>,
    /// Watches the open folder for changes.
    watch: Option<FolderWatch>,
    /// Expected vs received for the loop shown, computed once per read of the folder (and
    /// again each minute for the overdue times), not on every frame.
    statuses: Option<StatusCache>,
    /// A write to the folder (the loop plan, a decision record, published scorecards).
    writing: Option<Task<Result<String, String>>>,
    /// What the write in progress was made from, to give back if it fails.
    unsaved: Option<Unsaved>,
    /// Each candidate's decision and its amendments, for the folder as last read.
    histories: Option<(Arc<LoopFolder>, Arc<Vec<DecisionHistory>>)>,
    /// A decision record being rendered for export: (what, file name, bytes) or why not.
    exporting: Option<Task<Result<RenderedExport, String>>>,
}

impl Default for LoopViewState {
    fn default() -> Self {
        LoopViewState {
            folder_input: String::new(),
            folder: None,
            sessions: Arc::default(),
            selected: 0,
            section: Section::default(),
            draft: None,
            start: Default::default(),
            debrief: Default::default(),
            now: None,
            refresh_every: DEFAULT_REFRESH,
            typed_paths_only: false,
            note: None,
            loading: None,
            watch: None,
            statuses: None,
            writing: None,
            unsaved: None,
            histories: None,
            exporting: None,
            save: None,
        }
    }
}

/// What the Loop's parts draw with.
pub struct LoopFrame<'a> {
    pub view: &'a mut LoopViewState,
    pub shared: &'a Shared,
    /// The plan being built in the Bank, which an interview of the loop can take.
    pub plan: &'a PlanDocument,
    pub commands: &'a mut Commands,
}

impl LoopViewState {
    /// Reads `folder` on a worker thread.
    pub fn open(&mut self, folder: PathBuf, ctx: &egui::Context) {
        self.folder_input = folder.display().to_string();
        self.read(folder, ctx);
    }

    fn read(&mut self, folder: PathBuf, ctx: &egui::Context) {
        if self.loading.is_some() {
            return;
        }
        let work = move || loop_folder::load_loop_folder(&folder, SystemTime::now());
        match Task::spawn("loop-read", Some(ctx), work) {
            Ok(task) => self.loading = Some(task),
            Err(err) => self.note = Some(format!("The folder could not be read: {err}")),
        }
    }

    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    pub fn is_writing(&self) -> bool {
        self.writing.is_some()
    }

    /// The loop shown, if the folder has one.
    pub fn current(&self) -> Option<&LoopPlan> {
        let folder = self.folder.as_deref()?;
        folder.loops.get(self.selected).map(|l| &l.plan)
    }

    /// Expected vs received for the loop shown, as of this minute.
    pub fn statuses(&mut self) -> Arc<Vec<CandidateStatus>> {
        let now = self.now();
        let minute = now.timestamp() / 60;
        let Some(folder) = self.folder.clone() else {
            return Arc::default();
        };
        let fresh = self.statuses.as_ref().is_some_and(|c| {
            Arc::ptr_eq(&c.folder, &folder) && c.selected == self.selected && c.minute == minute
        });
        if !fresh {
            let statuses = folder
                .loops
                .get(self.selected)
                .map(|l| loop_status::expected_vs_received(&l.plan, &self.sessions, now))
                .unwrap_or_default();
            self.statuses = Some(StatusCache {
                folder,
                selected: self.selected,
                minute,
                statuses: Arc::new(statuses),
            });
        }
        self.statuses
            .as_ref()
            .map(|c| Arc::clone(&c.statuses))
            .unwrap_or_default()
    }

    /// Each candidate's decision and its amendments in the folder shown, worked out once per
    /// read of the folder.
    fn histories(&mut self) -> Arc<Vec<DecisionHistory>> {
        let Some(folder) = self.folder.clone() else {
            return Arc::default();
        };
        match &self.histories {
            Some((read, histories)) if Arc::ptr_eq(read, &folder) => Arc::clone(histories),
            _ => {
                let histories = Arc::new(folder.decision_histories());
                self.histories = Some((folder, Arc::clone(&histories)));
                histories
            }
        }
    }

    fn now(&self) -> DateTime<FixedOffset> {
        self.now
            .unwrap_or_else(|| chrono::Local::now().fixed_offset())
    }

    /// Collects reads and writes, whichever screen shows, and reads the folder again when its
    /// files changed.
    pub fn poll(&mut self, ctx: &egui::Context, commands: &mut Commands) {
        match take_finished(&mut self.loading) {
            Some(Polled::Done(folder)) => {
                self.sessions = Arc::new(folder.sessions());
                if self.selected >= folder.loops.len() {
                    self.selected = 0;
                }
                let watched = self.folder.as_ref().map(|f| f.folder.clone());
                if self.watch.is_none() || watched.as_ref() != Some(&folder.folder) {
                    let waker = ctx.clone();
                    self.watch = Some(FolderWatch::start(
                        vec![folder.folder.clone()],
                        self.refresh_every,
                        Box::new(move || waker.request_repaint()),
                    ));
                }
                self.folder = Some(Arc::new(folder));
            }
            Some(Polled::Lost) => {
                self.note = Some("Reading the folder stopped unexpectedly; try again.".into())
            }
            Some(Polled::Running) | None => {}
        }
        match take_finished(&mut self.writing) {
            Some(Polled::Done(Ok(message))) => {
                commands.success(message, self.folder.as_ref().map(|f| f.folder.clone()));
                self.note = None;
                self.unsaved = None;
                if let Some(folder) = self.folder.as_ref().map(|f| f.folder.clone()) {
                    self.read(folder, ctx);
                }
            }
            Some(Polled::Done(Err(message))) => {
                commands.error(
                    "Nothing was written to the loop folder",
                    vec![message.clone()],
                );
                self.give_back(&message);
                self.note = Some(message);
            }
            Some(Polled::Lost) => {
                let message = "Writing stopped unexpectedly; check the folder and try again.";
                self.give_back(message);
                self.note = Some(message.into());
            }
            Some(Polled::Running) | None => {}
        }
        match take_finished(&mut self.exporting) {
            Some(Polled::Done(Ok((what, file_name, bytes)))) => {
                let folder = crate::ui::tasks::save_dialog::default_folder();
                self.save = Some(crate::ui::tasks::save_dialog::SaveDialog::new(
                    &what,
                    bytes,
                    &file_name,
                    &folder,
                    !self.typed_paths_only,
                ));
            }
            Some(Polled::Done(Err(message))) => {
                commands.error("The decision record could not be exported", vec![message]);
            }
            Some(Polled::Lost) => {
                self.note = Some("The export stopped unexpectedly; try again.".into())
            }
            Some(Polled::Running) | None => {}
        }
        if self.watch.as_ref().is_some_and(FolderWatch::changed)
            && let Some(folder) = self.folder.as_ref().map(|f| f.folder.clone())
        {
            self.read(folder, ctx);
        }
    }

    /// Publishes a scorecard of `loop_id` just submitted in this window to the open loop
    /// folder, once its signed version is on disk. Does nothing when that loop is not open.
    pub fn publish_when_sealed(
        &mut self,
        ctx: &egui::Context,
        loop_id: &str,
        session_file: PathBuf,
    ) {
        let Some(folder) = self.folder.as_ref() else {
            return;
        };
        if !folder.loops.iter().any(|l| l.plan.id == loop_id) {
            return;
        }
        let target = folder.folder.clone();
        self.write(ctx, move || publish_signed(&target, &session_file));
    }

    /// Renders decision record `index` of the folder as Markdown or PDF on a worker thread,
    /// then offers to save it.
    fn export_decision(&mut self, ctx: &egui::Context, index: usize, pdf: bool) {
        let Some(folder) = self.folder.clone() else {
            return;
        };
        if self.exporting.is_some() || self.save.is_some() {
            return;
        }
        let work = move || {
            let report = crate::export::decision::report_in_folder(&folder, index);
            let record = &folder
                .decisions
                .get(index)
                .ok_or("the decision record is no longer in the folder")?
                .record;
            if pdf {
                let bytes =
                    crate::export::pdf::decision::pdf(&report).map_err(|e| e.to_string())?;
                Ok((
                    "PDF".to_string(),
                    crate::export::decision::file_name(record, "pdf"),
                    bytes,
                ))
            } else {
                let text = crate::export::decision::markdown(&report);
                Ok((
                    "Markdown".to_string(),
                    crate::export::decision::file_name(record, "md"),
                    text.into_bytes(),
                ))
            }
        };
        match Task::spawn("decision-export", Some(ctx), work) {
            Ok(task) => self.exporting = Some(task),
            Err(err) => self.note = Some(format!("The export could not start: {err}")),
        }
    }

    /// Gives what a failed write was made from back to its form, with why it failed.
    fn give_back(&mut self, why: &str) {
        match self.unsaved.take() {
            Some(Unsaved::Plan(draft)) => {
                self.draft.get_or_insert(*draft);
                self.section = Section::Plan;
            }
            Some(Unsaved::Decision(record)) => {
                self.debrief.draft.get_or_insert(*record);
            }
            Some(Unsaved::Amendment(mut form)) => {
                form.error = Some(format!(
                    "Not saved: {why}. Everything above is kept; try again."
                ));
                self.debrief.amend.get_or_insert(*form);
            }
            None => {}
        }
    }

    /// As [`LoopViewState::write`], for a write made from a form: `unsaved` goes back to the
    /// form if the write fails or cannot start.
    fn write_keeping(
        &mut self,
        ctx: &egui::Context,
        unsaved: Unsaved,
        work: impl FnOnce() -> Result<String, String> + Send + 'static,
    ) {
        if self.writing.is_some() {
            // The write in progress keeps its own unsaved form; this one goes straight back.
            let why = "Still writing the last change; try again in a moment.";
            let in_progress = self.unsaved.replace(unsaved);
            self.give_back(why);
            self.unsaved = in_progress;
            self.note = Some(why.into());
            return;
        }
        self.unsaved = Some(unsaved);
        self.write(ctx, work);
        if self.writing.is_none() {
            let why = self.note.clone().unwrap_or_default();
            self.give_back(&why);
        }
    }

    /// Runs a write to the folder on a worker thread; its message becomes a notice.
    fn write(
        &mut self,
        ctx: &egui::Context,
        work: impl FnOnce() -> Result<String, String> + Send + 'static,
    ) {
        if self.writing.is_some() {
            self.note = Some("Still writing the last change; try again in a moment.".into());
            return;
        }
        match Task::spawn("loop-write", Some(ctx), work) {
            Ok(task) => self.writing = Some(task),
            Err(err) => self.note = Some(format!("Nothing was written: no worker thread ({err})")),
        }
    }
}

pub fn ui(
    ui: &mut egui::Ui,
    view: &mut LoopViewState,
    shared: &Shared,
    plan: &PlanDocument,
    commands: &mut Commands,
) {
    let state = &mut LoopFrame {
        view,
        shared,
        plan,
        commands,
    };
    take_dropped_folder(ui, state.view);
    egui::Panel::top("loop_toolbar").show(ui, |ui| {
        ui.add_space(6.0);
        toolbar_ui(ui, state);
        ui.add_space(6.0);
    });
    egui::CentralPanel::default().show(ui, |ui| {
        if state.view.folder.is_none() && state.view.draft.is_none() {
            empty_ui(ui, state.view.is_loading());
            return;
        }
        ui.horizontal_wrapped(|ui| {
            for section in Section::ALL {
                if ui
                    .selectable_label(state.view.section == section, section.label())
                    .clicked()
                {
                    state.view.section = section;
                }
            }
        });
        ui.separator();
        match state.view.section {
            // Lays out only the rows in view, in its own scroll area.
            Section::Scorecards => status::ui(ui, state),
            section => {
                egui::ScrollArea::vertical()
                    .id_salt("loop_scroll")
                    .auto_shrink(false)
                    .show(ui, |ui| {
                        if section == Section::Plan {
                            plan::ui(ui, state)
                        } else {
                            debrief::ui(ui, state)
                        }
                    });
            }
        }
    });
    if let Some(save) = &mut state.view.save {
        use crate::ui::tasks::save_dialog::SaveStatus;
        match save.ui(ui, state.commands) {
            SaveStatus::Open => {}
            SaveStatus::Saved(_) | SaveStatus::Cancelled => state.view.save = None,
        }
    }
}

fn toolbar_ui(ui: &mut egui::Ui, state: &mut LoopFrame<'_>) {
    let view = &mut *state.view;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Loop folder");
        if view.folder.is_none() && !view.is_loading() && view.draft.is_none() {
            // Nothing else to do on this screen yet: typing goes straight into the folder.
            crate::ui::widgets::focus::request_when_free(ui, folder_field_id());
        }
        let response = ui.add(
            egui::TextEdit::singleline(&mut view.folder_input)
                .id(folder_field_id())
                .hint_text("The panel's shared folder, e.g. ~/Sync/backend-loop")
                .desired_width(320.0),
        );
        let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        response.labelled_by(label.id);
        let open = ui
            .add_enabled(!view.is_loading(), egui::Button::new("Open"))
            .clicked();
        if (open || entered)
            && let Some(path) = crate::store::paths::typed_path(
                &view.folder_input,
                crate::store::paths::home_folder().as_deref(),
            )
        {
            view.draft = None;
            view.open(path, ui.ctx());
        }
        if view.folder.is_some()
            && ui
                .add_enabled(!view.is_loading(), egui::Button::new("Read again"))
                .clicked()
            && let Some(folder) = view.folder.as_ref().map(|f| f.folder.clone())
        {
            view.read(folder, ui.ctx());
        }
        if view.is_loading() || view.is_writing() {
            ui.spinner();
        }
        if let Some(folder) = view.folder.clone() {
            if folder.loops.len() > 1 {
                egui::ComboBox::from_id_salt("loop_choice")
                    .selected_text(
                        folder
                            .loops
                            .get(view.selected)
                            .map(|l| loop_title(&l.plan))
                            .unwrap_or_default(),
                    )
                    .show_ui(ui, |ui| {
                        for (index, loaded) in folder.loops.iter().enumerate() {
                            ui.selectable_value(
                                &mut view.selected,
                                index,
                                loop_title(&loaded.plan),
                            );
                        }
                    });
            }
            if view.draft.is_none() && ui.button("New loop…").clicked() {
                view.draft = Some(plan::Draft::new(
                    &folder.folder,
                    &state.shared.prefs.interviewer,
                    &state.shared.bank,
                ));
                view.section = Section::Plan;
            }
        }
    });
    if let Some(folder) = &view.folder {
        let arriving = folder.arriving.len();
        let conflicts = folder.conflicts().count();
        let mut facts = vec![format!(
            "{} · {} scorecard{}",
            folder.folder.display(),
            view.sessions.len(),
            if view.sessions.len() == 1 { "" } else { "s" }
        )];
        if arriving > 0 {
            facts.push(format!(
                "{arriving} file{} still arriving (not read yet)",
                if arriving == 1 { "" } else { "s" }
            ));
        }
        if conflicts > 0 {
            facts.push(format!(
                "{conflicts} set aside (conflict copies or unreadable; see Scorecards)"
            ));
        }
        ui.label(egui::RichText::new(facts.join(" · ")).small().weak());
    }
    if let Some(note) = &view.note {
        ui.colored_label(ui.visuals().warn_fg_color, note);
    }
}

fn folder_field_id() -> egui::Id {
    egui::Id::unique("loop_folder_field")
}

fn empty_ui(ui: &mut egui::Ui, loading: bool) {
    ui.vertical_centered(|ui| {
        ui.add_space(48.0);
        if loading {
            ui.spinner();
            ui.label("Reading the folder…");
            return;
        }
        ui.heading("Plan a hiring loop with your panel");
        ui.label("Open the folder your panel shares (Syncthing, Dropbox, a network share or a git checkout), or drop it onto this window.");
        ui.label(
            egui::RichText::new(
                "A loop lists the interviews a candidate gets, who runs each and what each must cover. Everyone's scorecards and the decision record are kept in that folder.",
            )
            .weak(),
        );
    });
}

/// A folder dropped on the Loop screen opens it.
fn take_dropped_folder(ui: &mut egui::Ui, view: &mut LoopViewState) {
    let dropped = ui.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .find(|p| !p.as_os_str().is_empty() && p.is_dir())
    });
    if let Some(folder) = dropped {
        view.draft = None;
        view.open(folder, ui.ctx());
    }
}

/// The loop's name as people read it.
pub fn loop_title(plan: &LoopPlan) -> String {
    if plan.title.trim().is_empty() {
        plan.id.clone()
    } else {
        plan.title.clone()
    }
}

/// Where a new loop's file goes in `folder`.
fn loop_path(folder: &Path, plan: &LoopPlan) -> PathBuf {
    let stem = crate::model::names::safe_file_stem(&plan.id);
    folder.join(format!("{stem}{}", loop_folder::LOOP_SUFFIX))
}

/// Copies `session_file` into `folder` once the file on disk is submitted and signed (the
/// autosave writes it within a second of submitting), on a worker thread.
fn publish_signed(folder: &Path, session_file: &Path) -> Result<String, String> {
    use crate::model::signature::SignatureCheck;
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let session =
            crate::store::sessions::load_session(session_file).map_err(|e| e.to_string())?;
        if session.is_sealed() && matches!(session.signature_check(), SignatureCheck::Valid { .. })
        {
            let path =
                loop_folder::publish_scorecard(folder, session_file).map_err(|e| e.to_string())?;
            return Ok(format!(
                "Your scorecard for {} is in the loop folder: {}",
                session.candidate,
                path.display()
            ));
        }
        if std::time::Instant::now() >= deadline {
            return Err(format!(
                "{}: the signed scorecard did not reach the disk in time; use \u{201c}Publish my submitted scorecards\u{201d} on the Loop screen",
                session_file.display()
            ));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Seals `record` with the chair's key and adds it to `folder` (on a worker thread).
fn seal_and_append(
    keys_dir: PathBuf,
    folder: PathBuf,
    mut record: DecisionRecord,
    previous: Option<DecisionRecord>,
    now: DateTime<FixedOffset>,
) -> Result<String, String> {
    let key =
        crate::store::keys::load_or_create(&keys_dir, &record.chair).map_err(|e| e.to_string())?;
    record
        .seal(previous.as_ref(), &key, now)
        .map_err(|e| e.to_string())?;
    let path = loop_folder::append_decision(&folder, &record).map_err(|e| e.to_string())?;
    Ok(format!(
        "Decision for {} sealed and added to the loop folder: {}",
        record.candidate,
        path.display()
    ))
}
