//! Exporting the open scorecard: the bytes are made on a worker thread (a PDF takes a moment),
//! then the save flow asks where to put them.

use crate::export::{self, Format};
use crate::model::session::Session;
use std::path::Path;

use crate::ui::command::{Command, Commands};
use crate::ui::scorecard::ScorecardFrame;
use crate::ui::tasks::save_dialog::{self, SaveDialog, SaveStatus};
use crate::ui::tasks::{Polled, Task};

struct ExportJob {
    format: Format,
    file_name: String,
    task: Task<Result<Vec<u8>, String>>,
}

/// Export in progress and the save window. The folder last saved to is kept in the
/// preferences, so it is proposed again after a restart.
#[derive(Default)]
pub struct ExportState {
    job: Option<ExportJob>,
    pub save: Option<SaveDialog>,
}

impl ExportState {
    /// The format being computed, if any.
    pub fn exporting(&self) -> Option<Format> {
        self.job.as_ref().map(|job| job.format)
    }

    /// True while an export is computed or waiting to be saved.
    pub fn is_busy(&self) -> bool {
        self.job.is_some() || self.save.is_some()
    }

    /// Starts computing `format` from a copy of the scorecard on a worker thread.
    pub fn start(
        &mut self,
        ctx: &egui::Context,
        session: Session,
        format: Format,
        notices: &mut Commands,
    ) {
        if self.is_busy() {
            return;
        }
        let file_name = export::default_file_name(&session, format);
        let work = move || export::export(&session, format).map_err(|e| e.to_string());
        match Task::spawn("export", Some(ctx), work) {
            Ok(task) => {
                self.job = Some(ExportJob {
                    format,
                    file_name,
                    task,
                })
            }
            Err(err) => notices.error(
                format!("The {} export could not start", format.label()),
                vec![
                    err.to_string(),
                    "Close other programs and try again.".into(),
                ],
            ),
        }
    }
}

/// What the export bar asks for.
pub enum BarAction {
    Export(Format),
    /// Put the short ATS summary on the clipboard.
    CopySummary,
}

/// The export buttons, one per format, and Copy summary; returns the one clicked.
pub fn bar_ui(ui: &mut egui::Ui, export: &ExportState) -> Option<BarAction> {
    let mut clicked = None;
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("Copy summary")
            .on_hover_text(
                "A short note for the applicant-tracking system (Greenhouse, Lever, Ashby…): the call, the figures, strengths, concerns and one line per question asked. Plain text that reads well as Markdown too.",
            )
            .clicked()
        {
            clicked = Some(BarAction::CopySummary);
        }
        ui.separator();
        ui.label(egui::RichText::new("Export").strong());
        let busy = export.is_busy();
        for format in Format::ALL {
            let button = ui.add_enabled(!busy, egui::Button::new(format.label()));
            let hover = match format {
                Format::Markdown => "For the notes of an applicant-tracking system",
                Format::Html => "One self-contained page, for reading and printing",
                Format::Pdf => "A4, for people",
                Format::Csv => "One row per question, for spreadsheets",
                Format::Json => "Structured data for other tools",
                Format::Ron => "A copy of the scorecard file itself",
            };
            if button.on_hover_text(hover).clicked() {
                clicked = Some(BarAction::Export(format));
            }
        }
        if let Some(format) = export.exporting() {
            ui.spinner();
            ui.label(format!("Exporting {}…", format.label()));
        }
    });
    clicked
}

/// Collects a finished export and opens the save window for it.
pub fn poll(
    export: &mut ExportState,
    typed_only: bool,
    last_folder: Option<&Path>,
    commands: &mut Commands,
) {
    let Some(job) = &export.job else { return };
    let result = match job.task.poll() {
        Polled::Done(result) => result,
        Polled::Running => return,
        Polled::Lost => Err("the export stopped unexpectedly".to_string()),
    };
    // A folder since removed (or a drive no longer mounted) is not proposed.
    let last_folder = last_folder.filter(|f| f.is_dir()).map(Path::to_path_buf);
    let Some(job) = export.job.take() else { return };
    match result {
        Ok(bytes) => {
            let folder = last_folder.unwrap_or_else(save_dialog::default_folder);
            export.save = Some(SaveDialog::new(
                job.format.label(),
                bytes,
                &job.file_name,
                &folder,
                !typed_only,
            ));
        }
        Err(err) => commands.error(
            format!("The {} export failed", job.format.label()),
            vec![
                err,
                "Nothing was saved. Other formats may still work; please report this problem."
                    .into(),
            ],
        ),
    }
}

/// Draws the save window while one is open.
pub fn save_ui(ui: &mut egui::Ui, state: &mut ScorecardFrame<'_>) {
    let export = &mut state.view.export;
    let Some(save) = &mut export.save else { return };
    match save.ui(ui, state.commands) {
        SaveStatus::Open => {}
        SaveStatus::Saved(path) => {
            if let Some(folder) = path.parent() {
                state
                    .commands
                    .push(Command::SetExportFolder(folder.to_path_buf()));
            }
            export.save = None;
        }
        SaveStatus::Cancelled => export.save = None,
    }
}
