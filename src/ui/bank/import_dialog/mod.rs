//! Importing a guide or a spreadsheet from the Bank view: choose a file (the system's dialog on
//! a worker thread, a typed path, or a file dropped on the window), read and parse it on a
//! worker thread, preview what will be imported, and write it to the user's folder once the
//! user confirms, asking before an existing set is replaced.

mod preview;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::import::preview::{FormatChoice, Preview, Summary, preview_file};
use crate::import::{ImportResult, NEEDS_RUBRIC_TAG, files};
use crate::model::QuestionBank;
use crate::ui::bank::BankFrame;
use crate::ui::command::{Command, Commands};
use crate::ui::tasks::save_dialog::default_folder;
use crate::ui::tasks::{Polled, Task};

/// Work that finishes sooner than this shows no spinner, so small files do not flicker.
const SPINNER_AFTER_SECS: f64 = 0.15;
/// Longest list drawn in the preview; a damaged file can produce thousands of warnings.
const MAX_LISTED: usize = 200;

/// The import part of the Bank view state.
pub struct ImportState {
    pub dialog: Option<ImportDialog>,
    /// Offer the system's file dialog (turned off where none can be shown, and in tests).
    pub native_dialogs: bool,
}

impl Default for ImportState {
    fn default() -> Self {
        ImportState {
            dialog: None,
            native_dialogs: true,
        }
    }
}

impl ImportState {
    /// Advances the dialog's background work; a finished import closes the dialog.
    pub fn poll_tasks(&mut self, ctx: &egui::Context, commands: &mut Commands) {
        if let Some(dialog) = &mut self.dialog {
            if let Step::Close = dialog.poll(commands, ctx) {
                self.dialog = None;
            }
        }
    }

    pub fn is_open(&self) -> bool {
        self.dialog.is_some()
    }

    /// Opens the dialog; with system dialogs on, the file dialog opens at once.
    pub fn open(&mut self) {
        if self.dialog.is_none() {
            let mut dialog = ImportDialog::default();
            if self.native_dialogs {
                dialog.browse();
            }
            self.dialog = Some(dialog);
        }
    }
}

enum Phase {
    Choosing,
    Picking {
        task: Task<Option<PathBuf>>,
        started: Instant,
    },
    Parsing {
        task: Task<Result<Preview, String>>,
        started: Instant,
        path: PathBuf,
    },
    Preview(Box<Preview>),
    Writing {
        task: Task<Result<(), String>>,
        started: Instant,
        preview: Box<Preview>,
        /// The set as written, for the success message and the selection afterwards.
        set: Box<crate::model::QuestionSet>,
        target: PathBuf,
    },
}

/// The import window.
pub struct ImportDialog {
    /// The typed-path field.
    pub path_input: String,
    pub format: FormatChoice,
    phase: Phase,
    /// Why no dialog appeared, or a hint after a cancelled pick.
    note: Option<String>,
    /// Why the last preview or write failed.
    error: Option<String>,
    focus_path: bool,
    /// A file was chosen in the system dialog: preview it.
    picked: bool,
}

impl Default for ImportDialog {
    fn default() -> Self {
        ImportDialog {
            path_input: String::new(),
            format: FormatChoice::Detect,
            phase: Phase::Choosing,
            note: None,
            error: None,
            focus_path: true,
            picked: false,
        }
    }
}

/// Where a finished flow leaves the dialog.
enum Step {
    Stay,
    Close,
}

impl ImportDialog {
    /// The preview, once the file has been read.
    pub fn preview(&self) -> Option<&Preview> {
        match &self.phase {
            Phase::Preview(preview) => Some(preview),
            _ => None,
        }
    }

    /// Why the last preview or import failed.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// True while a file is being chosen, read or written.
    pub fn is_busy(&self) -> bool {
        matches!(
            self.phase,
            Phase::Picking { .. } | Phase::Parsing { .. } | Phase::Writing { .. }
        )
    }

    fn browse(&mut self) {
        let dialog = rfd::FileDialog::new()
            .set_title("Import questions")
            .add_filter(
                "Guides and spreadsheets",
                &["md", "markdown", "txt", "text", "csv", "tsv"],
            )
            .add_filter("All files", &["*"])
            .set_directory(default_folder());
        match Task::spawn("import-pick", None, move || dialog.pick_file()) {
            Ok(task) => {
                self.note = None;
                self.phase = Phase::Picking {
                    task,
                    started: Instant::now(),
                };
            }
            Err(_) => {
                self.note =
                    Some("No file dialog could be opened; type the file's path instead.".into());
                self.focus_path = true;
            }
        }
    }

    /// Reads and parses `path` on a worker thread, checking the result against `bank`.
    fn start_parsing(
        &mut self,
        path: PathBuf,
        bank: Arc<QuestionBank>,
        user_dir: PathBuf,
        extra: Vec<PathBuf>,
        ctx: &egui::Context,
    ) {
        self.error = None;
        self.path_input = path.display().to_string();
        let format = self.format;
        let job_path = path.clone();
        let work = move || preview_file(&job_path, format, &bank, &user_dir, &extra);
        match Task::spawn("import-parse", Some(ctx), work) {
            Ok(task) => {
                self.phase = Phase::Parsing {
                    task,
                    started: Instant::now(),
                    path,
                }
            }
            Err(err) => {
                self.error = Some(format!(
                    "The file could not be read: no worker thread ({err}). Try again."
                ))
            }
        }
    }

    fn start_writing(&mut self, mut preview: Box<Preview>, replace: bool, ctx: &egui::Context) {
        let (mut set, target) = if replace {
            let result = preview
                .replacing
                .as_ref()
                .map_or(&preview.result, |(r, _)| r);
            (result.set.clone(), preview.target.clone())
        } else {
            let target = if preview.target.exists() {
                preview.new_name()
            } else {
                preview.target.clone()
            };
            let mut set = preview.result.set.clone();
            if target != preview.target {
                // The set id names the file; a second file gets a second id.
                set.id = target
                    .file_stem()
                    .map(|s| s.to_string_lossy().to_string())
                    .unwrap_or(set.id);
            }
            (set, target)
        };
        let title = preview.title.trim();
        if !title.is_empty() {
            set.title = title.to_string();
        }
        preview.confirm_replace = false;
        let job_set = set.clone();
        let job_target = target.clone();
        let work =
            move || files::write_set(&job_target, &job_set, replace).map_err(|e| e.to_string());
        match Task::spawn("import-write", Some(ctx), work) {
            Ok(task) => {
                self.phase = Phase::Writing {
                    task,
                    started: Instant::now(),
                    preview,
                    set: Box::new(set),
                    target,
                }
            }
            Err(err) => {
                self.error = Some(format!(
                    "Nothing was written: no worker thread ({err}). Try again."
                ));
                self.phase = Phase::Preview(preview);
            }
        }
    }

    /// Advances the worker threads; a finished write is reported and closes the dialog.
    fn poll(&mut self, commands: &mut Commands, ctx: &egui::Context) -> Step {
        let phase = std::mem::replace(&mut self.phase, Phase::Choosing);
        self.phase = match phase {
            Phase::Picking { task, started } => match task.poll() {
                Polled::Done(Some(path)) => {
                    self.path_input = path.display().to_string();
                    self.focus_path = false;
                    // Parsing starts from `ui`, which holds the bank.
                    self.picked = true;
                    Phase::Choosing
                }
                Polled::Done(None) | Polled::Lost => {
                    if task.answered_without_a_dialog() {
                        self.note = Some("No file dialog could be shown on this system; type the file's path, or drop the file onto this window.".into());
                    }
                    self.focus_path = true;
                    Phase::Choosing
                }
                Polled::Running => {
                    ctx.request_repaint_after(Duration::from_millis(100));
                    Phase::Picking { task, started }
                }
            },
            Phase::Parsing {
                task,
                started,
                path,
            } => match task.poll() {
                Polled::Done(Ok(preview)) => Phase::Preview(Box::new(preview)),
                Polled::Done(Err(message)) => {
                    self.error = Some(message);
                    self.focus_path = true;
                    Phase::Choosing
                }
                Polled::Lost => {
                    self.error = Some(format!(
                        "{}: reading the file stopped unexpectedly; nothing was imported. Try again.",
                        path.display()
                    ));
                    Phase::Choosing
                }
                Polled::Running => {
                    ctx.request_repaint_after(Duration::from_millis(50));
                    Phase::Parsing {
                        task,
                        started,
                        path,
                    }
                }
            },
            Phase::Writing {
                task,
                started,
                preview,
                set,
                target,
            } => match task.poll() {
                Polled::Done(Ok(())) => {
                    let count = set.questions.len();
                    commands.success(
                        format!(
                            "Imported {count} question{} into “{}”, saved to {}",
                            if count == 1 { "" } else { "s" },
                            set.title,
                            target.display()
                        ),
                        target.parent().map(Path::to_path_buf),
                    );
                    commands.push(Command::ReloadBank {
                        select: set.questions.first().map(|q| q.id.clone()),
                        show_set: Some(target),
                    });
                    return Step::Close;
                }
                Polled::Done(Err(message)) => {
                    self.error = Some(message);
                    Phase::Preview(preview)
                }
                Polled::Lost => {
                    self.error =
                        Some("Writing stopped unexpectedly; check the file and try again.".into());
                    Phase::Preview(preview)
                }
                Polled::Running => {
                    ctx.request_repaint_after(Duration::from_millis(50));
                    Phase::Writing {
                        task,
                        started,
                        preview,
                        set,
                        target,
                    }
                }
            },
            other => other,
        };
        Step::Stay
    }
}

/// Turns what the user typed into a path: `~` is the home folder.
fn typed_path(typed: &str) -> Option<PathBuf> {
    crate::store::paths::typed_path(typed, crate::store::paths::home_folder().as_deref())
}

fn size_text(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} bytes"),
        1_000..1_000_000 => format!("{:.1} KB", bytes as f64 / 1_000.0),
        _ => format!("{:.1} MB", bytes as f64 / 1_000_000.0),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What the user clicked in the window this frame.
enum Action {
    Preview,
    Browse,
    Import,
    Replace,
    KeepBoth,
    Back,
    ChooseAnother,
    Cancel,
}

/// Draws the import window, if open, and carries out what the user asked for.
pub fn ui(ui: &mut egui::Ui, state: &mut BankFrame<'_>) {
    let ctx = ui.ctx().clone();
    let dropped = ui.input(|i| {
        i.raw
            .dropped_files
            .first()
            .map(|f| f.path().to_path_buf())
            .filter(|p| !p.as_os_str().is_empty())
    });
    // A guide dropped on the Bank view starts an import.
    if dropped.is_some() && state.view.import.dialog.is_none() && state.view.editor.window.is_none()
    {
        state.view.import.dialog = Some(ImportDialog::default());
    }
    let Some(dialog) = &mut state.view.import.dialog else {
        return;
    };
    let mut action = None;
    if std::mem::take(&mut dialog.picked) {
        action = Some(Action::Preview);
    }
    if matches!(dialog.phase, Phase::Choosing | Phase::Preview(_)) {
        if let Some(path) = dropped {
            dialog.path_input = path.display().to_string();
            action = Some(Action::Preview);
        }
    }
    let modal = egui::Modal::new(egui::Id::unique("import_dialog")).show(&ctx, |ui| {
        crate::ui::bank::editor_form::form_visuals(ui);
        ui.set_width(640.0);
        ui.heading("Import questions");
        ui.add_space(4.0);
        let error = dialog.error.clone();
        match &mut dialog.phase {
            Phase::Choosing | Phase::Picking { .. } => choose_ui(ui, dialog, &mut action),
            Phase::Parsing { started, path, .. } => {
                busy_ui(ui, *started, &format!("Reading {}…", path.display()));
                if ui.button("Cancel").clicked() {
                    action = Some(Action::Cancel);
                }
            }
            Phase::Preview(preview) => {
                preview::preview_ui(ui, preview, error.as_deref(), &mut action)
            }
            Phase::Writing {
                started, target, ..
            } => busy_ui(ui, *started, &format!("Saving to {}…", target.display())),
        }
    });
    let writing = matches!(dialog.phase, Phase::Writing { .. });
    if modal.should_close() && !writing && action.is_none() {
        action = Some(Action::Cancel);
    }
    let Some(action) = action else { return };
    let bank = state.shared.bank.clone();
    let user_dir = state.shared.dirs.question_sets();
    let extra = state.shared.extra_bank.clone();
    match action {
        Action::Cancel => state.view.import.dialog = None,
        Action::Browse => dialog.browse(),
        Action::Preview => match typed_path(&dialog.path_input) {
            Some(path) => dialog.start_parsing(path, bank, user_dir, extra, &ctx),
            None => {
                dialog.error = Some(
                    "Type the path of a .md, .txt or .csv file, or choose one with Browse….".into(),
                )
            }
        },
        Action::ChooseAnother => {
            dialog.error = None;
            dialog.phase = Phase::Choosing;
            dialog.focus_path = true;
        }
        Action::Import | Action::Replace | Action::KeepBoth | Action::Back => {
            let Phase::Preview(preview) = std::mem::replace(&mut dialog.phase, Phase::Choosing)
            else {
                return;
            };
            let mut preview = preview;
            dialog.error = None;
            match action {
                Action::Import if preview.target.exists() => {
                    preview.confirm_replace = true;
                    dialog.phase = Phase::Preview(preview);
                }
                Action::Back => {
                    preview.confirm_replace = false;
                    dialog.phase = Phase::Preview(preview);
                }
                Action::Replace => dialog.start_writing(preview, true, &ctx),
                _ => dialog.start_writing(preview, false, &ctx),
            }
        }
    }
}

fn busy_ui(ui: &mut egui::Ui, started: Instant, text: &str) {
    let elapsed = started.elapsed().as_secs_f64();
    ui.horizontal(|ui| {
        if elapsed >= SPINNER_AFTER_SECS {
            ui.spinner();
        }
        ui.label(text);
        if elapsed >= 1.0 {
            ui.label(egui::RichText::new(format!("{elapsed:.0} s")).weak());
        }
    });
}

fn choose_ui(ui: &mut egui::Ui, dialog: &mut ImportDialog, action: &mut Option<Action>) {
    ui.label("Bring in questions from an interview guide (Markdown or plain text) or a spreadsheet saved as CSV. You see what will be imported before anything is saved.");
    ui.add_space(6.0);
    let picking = matches!(dialog.phase, Phase::Picking { .. });
    if picking {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Choose the file in the file dialog…");
        });
    }
    if let Some(note) = &dialog.note {
        ui.label(egui::RichText::new(note).color(ui.visuals().warn_fg_color));
    }
    ui.add_space(4.0);
    let label = ui.label(if picking {
        "Or type the file's path"
    } else {
        "File to import"
    });
    let field = ui
        .add(
            egui::TextEdit::singleline(&mut dialog.path_input)
                .desired_width(f32::INFINITY)
                .hint_text("e.g. ~/Documents/interview-guide.md"),
        )
        .labelled_by(label.id);
    if std::mem::take(&mut dialog.focus_path) {
        field.request_focus();
    }
    let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    ui.horizontal(|ui| {
        let label = ui.label("Format");
        egui::ComboBox::from_id_salt("import_format")
            .selected_text(dialog.format.label())
            .show_ui(ui, |ui| {
                for choice in FormatChoice::ALL {
                    ui.selectable_value(&mut dialog.format, choice, choice.label());
                }
            })
            .response
            .labelled_by(label.id);
    });
    ui.label(
        egui::RichText::new("Markdown: category headings, numbered questions, and “What to listen for:” bullets. CSV: a header row with prompt, category, level, listen_for (points split by | or new lines), and optional red_flags, follow_ups, answer, minutes, tags.")
            .small()
            .weak(),
    );
    if let Some(error) = &dialog.error {
        ui.add_space(4.0);
        ui.label(egui::RichText::new(format!("⚠ {error}")).color(ui.visuals().error_fg_color));
    }
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        let can = !dialog.path_input.trim().is_empty();
        if ui
            .add_enabled(
                can,
                egui::Button::new(egui::RichText::new("Preview").strong()),
            )
            .clicked()
            || (enter && can)
        {
            *action = Some(Action::Preview);
        }
        if !picking && ui.button("Browse…").clicked() {
            *action = Some(Action::Browse);
        }
        if ui.button("Cancel").clicked() {
            *action = Some(Action::Cancel);
        }
    });
}
