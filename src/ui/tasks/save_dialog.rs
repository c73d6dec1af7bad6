//! Saving bytes to a file the user chooses: the system's save dialog on a worker thread (so
//! the window keeps drawing), a typed path for systems where no dialog can be shown, and the
//! atomic write on a worker thread too. Success and failure end up in the notices.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use super::{Polled, Task};
use crate::ui::command::Commands;

/// What happened to a save this frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveStatus {
    /// Still choosing or writing: keep drawing it.
    Open,
    /// Written to this file.
    Saved(PathBuf),
    Cancelled,
}

enum Phase {
    /// The system dialog is open on a worker thread.
    Picking { task: Task<Option<PathBuf>> },
    /// Waiting for a typed path (or a click on Browse).
    Typing,
    /// The file is being written on a worker thread.
    Writing {
        task: Task<std::io::Result<()>>,
        path: PathBuf,
    },
}

/// One "save these bytes" flow, drawn as a small modal window.
pub struct SaveDialog {
    /// What is being saved, for titles and messages ("PDF", "Markdown").
    what: String,
    bytes: Arc<Vec<u8>>,
    file_name: String,
    folder: PathBuf,
    extension: String,
    native: bool,
    /// The typed-path fallback, prefilled with the default folder and name.
    pub typed_path: String,
    phase: Phase,
    /// A line shown in the window (why no dialog appeared, why the last write failed).
    note: Option<String>,
    /// A typed path that exists and waits for "Replace".
    confirm_replace: Option<PathBuf>,
}

impl SaveDialog {
    /// Starts saving `bytes` as `file_name` (no folder) proposed in `folder`. With `native`,
    /// the system's save dialog opens at once; without, only the typed path is offered.
    pub fn new(
        what: &str,
        bytes: Vec<u8>,
        file_name: &str,
        folder: &Path,
        native: bool,
    ) -> SaveDialog {
        let extension = Path::new(file_name)
            .extension()
            .map(|e| e.to_string_lossy().to_string())
            .unwrap_or_default();
        let mut dialog = SaveDialog {
            what: what.to_string(),
            bytes: Arc::new(bytes),
            file_name: file_name.to_string(),
            folder: folder.to_path_buf(),
            extension,
            native,
            typed_path: folder.join(file_name).display().to_string(),
            phase: Phase::Typing,
            note: None,
            confirm_replace: None,
        };
        if native {
            dialog.browse();
        }
        dialog
    }

    pub fn is_busy(&self) -> bool {
        !matches!(self.phase, Phase::Typing)
    }

    fn browse(&mut self) {
        let mut dialog = rfd::FileDialog::new()
            .set_title(format!("Save {}", self.what))
            .set_file_name(self.file_name.clone())
            .set_can_create_directories(true);
        if !self.extension.is_empty() {
            dialog = dialog.add_filter(self.what.clone(), std::slice::from_ref(&self.extension));
        }
        if self.folder.is_dir() {
            dialog = dialog.set_directory(&self.folder);
        }
        match Task::spawn("save-dialog", None, move || dialog.save_file()) {
            Ok(task) => {
                self.note = None;
                self.phase = Phase::Picking { task };
            }
            Err(_) => {
                self.note =
                    Some("No file dialog could be opened; type where to save instead.".into());
                self.phase = Phase::Typing;
            }
        }
    }

    fn write(&mut self, path: PathBuf) {
        let bytes = Arc::clone(&self.bytes);
        let target = path.clone();
        let task = match Task::spawn("save-file", None, move || {
            crate::store::write_atomic(&target, &bytes)
        }) {
            Ok(task) => task,
            // No thread: write here rather than not at all; the file is small next to the risk.
            Err(err) => Task::ready(crate::store::write_atomic(&path, &self.bytes).map_err(|e| {
                std::io::Error::new(e.kind(), format!("{e} (worker thread unavailable: {err})"))
            })),
        };
        self.phase = Phase::Writing { task, path };
    }

    /// Draws the window and advances the flow; reports successes and failures to `notices`.
    pub fn ui(&mut self, ui: &mut egui::Ui, notices: &mut Commands) -> SaveStatus {
        if let Some(status) = self.poll(notices) {
            return status;
        }
        if self.is_busy() {
            ui.ctx().request_repaint_after(Duration::from_millis(100));
        }
        let mut status = SaveStatus::Open;
        let modal = egui::Modal::new(egui::Id::unique("save_dialog")).show(ui.ctx(), |ui| {
            ui.set_width(520.0);
            ui.heading(format!("Save {}", self.what));
            ui.add_space(4.0);
            match &self.phase {
                Phase::Picking { .. } => {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label("Choose where to save it in the file dialog…");
                    });
                }
                Phase::Writing { path, .. } => {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(format!("Saving to {}…", path.display()));
                    });
                }
                Phase::Typing => {}
            }
            if let Some(note) = &self.note {
                ui.label(egui::RichText::new(note).color(ui.visuals().warn_fg_color));
            }
            ui.add_space(6.0);
            let writing = matches!(self.phase, Phase::Writing { .. });
            let label = ui.label(if matches!(self.phase, Phase::Picking { .. }) {
                "Or type where to save it"
            } else {
                "Save to this file"
            });
            let field = ui.add_enabled(
                !writing,
                egui::TextEdit::singleline(&mut self.typed_path)
                    .desired_width(f32::INFINITY)
                    .hint_text("A file path, e.g. ~/Documents/scorecard.pdf"),
            );
            let field = field.labelled_by(label.id);
            if field.changed() {
                self.confirm_replace = None;
            }
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.label(
                egui::RichText::new("A folder saves under the suggested name; a relative path is taken from the folder shown.")
                    .small()
                    .weak(),
            );
            ui.add_space(6.0);
            if let Some(existing) = self.confirm_replace.clone() {
                ui.label(
                    egui::RichText::new(format!("{} already exists.", existing.display()))
                        .color(ui.visuals().warn_fg_color),
                );
                ui.horizontal(|ui| {
                    if ui.button("Replace it").clicked() {
                        self.confirm_replace = None;
                        self.write(existing.clone());
                    }
                    if ui.button("Choose another name").clicked() {
                        self.confirm_replace = None;
                    }
                });
                return;
            }
            ui.horizontal(|ui| {
                let typed = resolve_typed_path(&self.typed_path, &self.folder, &self.file_name, home_dir().as_deref());
                let can_save = !writing && typed.is_some();
                let clicked = ui
                    .add_enabled(can_save, egui::Button::new(egui::RichText::new("Save").strong()))
                    .clicked();
                if (clicked || (enter && can_save))
                    && let Some(path) = typed
                {
                    if path.exists() {
                        self.confirm_replace = Some(path);
                    } else {
                        self.write(path);
                    }
                }
                if self.native && matches!(self.phase, Phase::Typing) && ui.button("Browse…").clicked() {
                    self.browse();
                }
                if ui.add_enabled(!writing, egui::Button::new("Cancel")).clicked() {
                    status = SaveStatus::Cancelled;
                }
            });
        });
        if modal.should_close() && !matches!(self.phase, Phase::Writing { .. }) {
            status = SaveStatus::Cancelled;
        }
        status
    }

    fn poll(&mut self, notices: &mut Commands) -> Option<SaveStatus> {
        match &self.phase {
            Phase::Typing => None,
            Phase::Picking { task } => match task.poll() {
                Polled::Done(Some(path)) => {
                    // The system dialog already asked about replacing an existing file.
                    self.write(path);
                    None
                }
                Polled::Done(None) | Polled::Lost => {
                    let quick = task.answered_without_a_dialog();
                    self.phase = Phase::Typing;
                    if quick {
                        self.native = false;
                        self.note = Some("No file dialog could be shown on this system; type where to save instead.".into());
                        None
                    } else {
                        Some(SaveStatus::Cancelled)
                    }
                }
                Polled::Running => None,
            },
            Phase::Writing { task, path } => {
                let result = match task.poll() {
                    Polled::Done(result) => result,
                    Polled::Running => return None,
                    Polled::Lost => Err(std::io::Error::other("the writer stopped unexpectedly")),
                };
                let path = path.clone();
                match result {
                    Ok(()) => {
                        notices.success(
                            format!("Saved to {}", path.display()),
                            path.parent().map(Path::to_path_buf),
                        );
                        Some(SaveStatus::Saved(path))
                    }
                    Err(err) => {
                        let line = format!("{}: {err}", path.display());
                        notices.error(
                            format!("The {} could not be saved", self.what),
                            vec![line.clone(), "Choose another folder, or check that this one exists and is writable.".into()],
                        );
                        self.note = Some(format!("Not saved: {line}"));
                        self.phase = Phase::Typing;
                        None
                    }
                }
            }
        }
    }
}

/// Turns what the user typed into the file to write: `~` is the home folder, a relative path
/// is taken from `folder`, a folder gets `file_name`, and a name without extension gets the one
/// from `file_name`. `None` for an empty entry.
pub fn resolve_typed_path(
    typed: &str,
    folder: &Path,
    file_name: &str,
    home: Option<&Path>,
) -> Option<PathBuf> {
    let mut path = crate::store::paths::typed_path(typed, home)?;
    let typed = typed.trim().trim_matches('"').trim();
    if path.is_relative() {
        path = folder.join(path);
    }
    if typed == "~" || typed.ends_with(['/', '\\']) || path.is_dir() {
        return Some(path.join(file_name));
    }
    let wanted = Path::new(file_name).extension();
    if path.extension().is_none()
        && let Some(extension) = wanted
    {
        path.set_extension(extension);
    }
    Some(path)
}

/// The folder a save is first proposed in: the user's Documents folder, else home, else the
/// current folder.
pub fn default_folder() -> PathBuf {
    directories::UserDirs::new()
        .and_then(|dirs| {
            dirs.document_dir()
                .filter(|d| d.is_dir())
                .map(Path::to_path_buf)
        })
        .or_else(home_dir)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn home_dir() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_path_buf())
}
