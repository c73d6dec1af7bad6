//! Importing a guide or a spreadsheet from the Bank view: choose a file (the system's dialog on
//! a worker thread, a typed path, or a file dropped on the window), read and parse it on a
//! worker thread, preview what will be imported, and write it to the user's folder once the
//! user confirms, asking before an existing set is replaced.

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
            Phase::Preview(preview) => preview_ui(ui, preview, error.as_deref(), &mut action),
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

fn preview_ui(
    ui: &mut egui::Ui,
    preview: &mut Preview,
    error: Option<&str>,
    action: &mut Option<Action>,
) {
    let result = &preview.result;
    let set = &result.set;
    let file_name = preview
        .source
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    ui.label(
        egui::RichText::new(format!(
            "From {file_name} · {} · {}",
            preview.format.label(),
            size_text(preview.size_bytes)
        ))
        .weak(),
    );
    ui.add_space(4.0);
    ui.label(
        egui::RichText::new(format!(
            "{} · {} · {}",
            plural(set.questions.len(), "question", "questions"),
            plural(set.categories.len(), "category", "categories"),
            plural(result.rubric_points(), "rubric point", "rubric points")
        ))
        .size(18.0)
        .strong(),
    );
    ui.add_space(6.0);
    egui::Grid::new("import_meta")
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            let label = ui.label("Set title");
            ui.add(egui::TextEdit::singleline(&mut preview.title).desired_width(420.0))
                .labelled_by(label.id);
            ui.end_row();
            ui.label("Saved as");
            let file = preview
                .target
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            ui.label(format!("{file} in your question sets folder"))
                .on_hover_text(preview.target.display().to_string());
            ui.end_row();
        });
    ui.add_space(6.0);
    let mut fixes: Vec<Fix> = Vec::new();
    let list_height = (ui.ctx().content_rect().height() - 360.0).clamp(160.0, 420.0);
    egui::ScrollArea::vertical()
        .id_salt("import_preview_scroll")
        .max_height(list_height)
        // A modal's free space depends on where it was centred last frame; a fixed height keeps
        // it from growing over several frames.
        .min_scrolled_height(list_height)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            let summary = &preview.summary;
            ui.label(egui::RichText::new(format!("Levels: {}", summary.levels)).small().weak());
            understood_ui(ui, &preview.result, &summary.categories, &mut fixes);
            let summary = &preview.summary;
            if !summary.needs_rubric.is_empty() {
                section_heading(
                    ui,
                    &format!("Need a rubric ({})", summary.needs_rubric.len()),
                    &format!(
                        "Imported with a placeholder point and the tag “{NEEDS_RUBRIC_TAG}”; add real points in the editor."
                    ),
                );
                for (line, prompt) in summary.needs_rubric.iter().take(MAX_LISTED) {
                    line_row(ui, *line, prompt);
                }
            }
            if !preview.duplicates.is_empty() {
                section_heading(
                    ui,
                    &format!("Already in the bank ({})", preview.duplicates.len()),
                    "Imported anyway so nothing is lost; delete one copy if it is a duplicate.",
                );
                for warning in preview.duplicates.iter().take(MAX_LISTED) {
                    line_row(ui, warning.line, &warning.message);
                }
            }
            if !summary.warnings.is_empty() {
                section_heading(
                    ui,
                    &format!("Warnings ({})", summary.warnings.len()),
                    "The import went ahead; check these lines in the file.",
                );
                for warning in summary.warnings.iter().take(MAX_LISTED) {
                    line_row(ui, warning.line, &warning.message);
                }
            }
            let longest = [
                summary.categories.len(),
                summary.needs_rubric.len(),
                preview.duplicates.len(),
                summary.warnings.len(),
            ]
            .into_iter()
            .max()
            .unwrap_or(0);
            if longest > MAX_LISTED {
                ui.label(
                    egui::RichText::new(format!("Only the first {MAX_LISTED} of each list are shown."))
                        .weak(),
                );
            }
        });
    if !fixes.is_empty() {
        for fix in fixes {
            match fix {
                Fix::Level(index, level) => preview.result.set_level(index, level),
                Fix::Remove(index) => preview.result.remove_question(index),
                Fix::Accept(index) => preview.result.accept_proposed(index),
                Fix::Drop(index) => preview.result.drop_proposed(index),
            }
        }
        preview.summary = Summary::of(&preview.result, &preview.duplicates);
    }
    let result = &preview.result;
    let set = &result.set;
    if let Some(error) = error {
        ui.add_space(4.0);
        ui.label(egui::RichText::new(format!("⚠ {error}")).color(ui.visuals().error_fg_color));
    }
    ui.separator();
    if preview.confirm_replace {
        let name = preview
            .target
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let what = match &preview.existing {
            Some((title, count)) => {
                format!(" (“{title}”, {})", plural(*count, "question", "questions"))
            }
            None => String::new(),
        };
        ui.label(
            egui::RichText::new(format!(
                "Your questions already have a file named {name}{what}. Replace it, or keep both?"
            ))
            .color(ui.visuals().warn_fg_color),
        );
        let new_name = preview
            .new_name()
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        ui.horizontal(|ui| {
            if ui.button(format!("Replace {name}")).clicked() {
                *action = Some(Action::Replace);
            }
            if ui
                .button(format!("Keep both: save as {new_name}"))
                .clicked()
            {
                *action = Some(Action::KeepBoth);
            }
            if ui.button("Back").clicked() {
                *action = Some(Action::Back);
            }
        });
        return;
    }
    ui.horizontal(|ui| {
        let count = set.questions.len();
        let import = egui::Button::new(
            egui::RichText::new(format!("Import {}", plural(count, "question", "questions")))
                .strong(),
        );
        if ui.add_enabled(count > 0, import).clicked() {
            *action = Some(Action::Import);
        }
        if ui.button("Choose another file").clicked() {
            *action = Some(Action::ChooseAnother);
        }
        if ui.button("Cancel").clicked() {
            *action = Some(Action::Cancel);
        }
    });
}

/// A correction the user makes in the preview, applied after the frame's drawing.
enum Fix {
    Level(usize, crate::model::Level),
    Remove(usize),
    Accept(usize),
    Drop(usize),
}

/// What the reader understood: the guide's sections with their levels, the questions it was
/// unsure about (with a level to correct and a way to drop a heading taken as a question), and
/// rubric points it proposed from the answers, to accept or drop.
fn understood_ui(
    ui: &mut egui::Ui,
    result: &ImportResult,
    categories: &[(String, usize, usize)],
    fixes: &mut Vec<Fix>,
) {
    use crate::import::preview::RubricOrigin;
    use crate::model::Level;
    let sections = result.sections();
    if !sections.is_empty() {
        section_heading(
            ui,
            &format!("Categories, as the guide's sections ({})", sections.len()),
            "Levels are what the guide's headings, labels or cards say.",
        );
        egui::Grid::new("import_sections")
            .num_columns(3)
            .striped(true)
            .spacing([16.0, 2.0])
            .show(ui, |ui| {
                for section in sections.iter().take(MAX_LISTED) {
                    ui.label(&section.title);
                    let points = categories
                        .iter()
                        .find(|(title, _, _)| *title == section.title)
                        .map_or(0, |(_, _, points)| *points);
                    ui.label(
                        egui::RichText::new(format!(
                            "{} · {}",
                            plural(section.questions, "question", "questions"),
                            plural(points, "point", "points")
                        ))
                        .weak(),
                    );
                    let levels: Vec<String> = section
                        .levels
                        .iter()
                        .map(|(level, n)| format!("{} {n}", level.label()))
                        .collect();
                    ui.label(
                        egui::RichText::new(format!(
                            "{} · from line {}",
                            levels.join(", "),
                            section.first_line
                        ))
                        .small()
                        .weak(),
                    );
                    ui.end_row();
                }
            });
    }
    let unsure = result.unsure();
    let guessed_level: Vec<usize> = (0..result.set.questions.len())
        .filter(|&i| result.preview.get(i).is_some_and(|p| !p.level_given))
        .collect();
    if !unsure.is_empty() || !guessed_level.is_empty() {
        let mut shown: Vec<usize> = unsure.clone();
        shown.extend(guessed_level.iter().filter(|i| !unsure.contains(i)));
        shown.sort_unstable();
        section_heading(
            ui,
            &format!("Check these ({})", shown.len()),
            "The reader was unsure, or the guide gives no level. Correct the level, or remove a line that is not a question.",
        );
        for &index in shown.iter().take(MAX_LISTED) {
            let (Some(question), Some(seen)) =
                (result.set.questions.get(index), result.preview.get(index))
            else {
                continue;
            };
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    egui::RichText::new(format!("line {}", seen.line))
                        .monospace()
                        .weak(),
                );
                ui.add(egui::Label::new(&question.prompt).truncate());
            });
            ui.horizontal_wrapped(|ui| {
                let mut reasons = seen.unsure.clone();
                if !seen.level_given {
                    reasons.push("no level in the guide".to_string());
                }
                ui.label(
                    egui::RichText::new(reasons.join("; "))
                        .small()
                        .color(ui.visuals().warn_fg_color),
                );
                let mut level = question.level;
                let label = ui.label("Level");
                egui::ComboBox::from_id_salt(("import_level", index))
                    .selected_text(level.label())
                    .show_ui(ui, |ui| {
                        for option in Level::ALL {
                            ui.selectable_value(&mut level, option, option.label());
                        }
                    })
                    .response
                    .labelled_by(label.id);
                if level != question.level {
                    fixes.push(Fix::Level(index, level));
                }
                if ui
                    .small_button("Not a question: remove")
                    .on_hover_text("Leave this line out of the import")
                    .clicked()
                {
                    fixes.push(Fix::Remove(index));
                }
            });
        }
    }
    let proposed: Vec<usize> = (0..result.set.questions.len())
        .filter(|&i| {
            result
                .preview
                .get(i)
                .is_some_and(|p| p.rubric == RubricOrigin::Proposed)
        })
        .collect();
    if !proposed.is_empty() {
        section_heading(
            ui,
            &format!("Proposed rubric points ({})", proposed.len()),
            "The guide has answers but no rubric: these points are drawn from each answer's own sentences. Accept them, or drop them for a placeholder to write yourself (you can edit either in the editor).",
        );
        for &index in proposed.iter().take(MAX_LISTED) {
            let Some(question) = result.set.questions.get(index) else {
                continue;
            };
            let line = result.preview.get(index).map_or(0, |p| p.line);
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    egui::RichText::new(format!("line {line}"))
                        .monospace()
                        .weak(),
                );
                ui.add(egui::Label::new(&question.prompt).truncate());
            });
            for point in &question.listen_for {
                ui.label(egui::RichText::new(format!("• {point}")).small());
            }
            ui.horizontal(|ui| {
                if ui.small_button("Accept").clicked() {
                    fixes.push(Fix::Accept(index));
                }
                if ui.small_button("Drop").clicked() {
                    fixes.push(Fix::Drop(index));
                }
            });
        }
    }
}

fn section_heading(ui: &mut egui::Ui, title: &str, explanation: &str) {
    ui.add_space(8.0);
    ui.label(egui::RichText::new(title).strong());
    ui.label(egui::RichText::new(explanation).small().weak());
}

fn line_row(ui: &mut egui::Ui, line: usize, text: &str) {
    ui.horizontal_top(|ui| {
        let place = if line == 0 {
            "file".to_string()
        } else {
            format!("line {line}")
        };
        ui.add_sized(
            [64.0, 16.0],
            egui::Label::new(egui::RichText::new(place).monospace().small().weak()),
        );
        // Wrapped lines stay in the text's column, clear of the line numbers.
        ui.add(egui::Label::new(text).wrap());
    });
}
