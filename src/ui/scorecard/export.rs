//! Exporting the open scorecard: the bytes are made on a worker thread (a PDF takes a moment),
//! then the save flow asks where to put them.

use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::export::{self, Format};
use crate::model::session::Session;
use crate::ui::app::AppState;
use crate::ui::shell::notices::Notices;
use crate::ui::tasks::save_dialog::{self, SaveDialog, SaveStatus};

struct ExportJob {
    format: Format,
    file_name: String,
    receiver: Receiver<Result<Vec<u8>, String>>,
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
    pub fn start(&mut self, session: Session, format: Format, notices: &mut Notices) {
        if self.is_busy() {
            return;
        }
        let file_name = export::default_file_name(&session, format);
        let (sender, receiver) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("export".into())
            .spawn(move || {
                let _ = sender.send(export::export(&session, format).map_err(|e| e.to_string()));
            });
        match spawned {
            Ok(_) => {
                self.job = Some(ExportJob {
                    format,
                    file_name,
                    receiver,
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
pub fn poll(ui: &egui::Ui, state: &mut AppState) {
    let typed_only = state.scorecard_view.typed_paths_only;
    // A folder since removed (or a drive no longer mounted) is not proposed.
    let last_folder = state.prefs.export_folder.clone().filter(|f| f.is_dir());
    let export = &mut state.scorecard_view.export;
    let Some(job) = &export.job else { return };
    let result = match job.receiver.try_recv() {
        Ok(result) => result,
        Err(TryRecvError::Empty) => {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(50));
            return;
        }
        Err(TryRecvError::Disconnected) => Err("the export stopped unexpectedly".to_string()),
    };
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
        Err(err) => state.notices.error(
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
pub fn save_ui(ui: &mut egui::Ui, state: &mut AppState) {
    let AppState {
        scorecard_view,
        notices,
        prefs,
        ..
    } = state;
    let export = &mut scorecard_view.export;
    let Some(save) = &mut export.save else { return };
    match save.ui(ui, notices) {
        SaveStatus::Open => {}
        SaveStatus::Saved(path) => {
            prefs.export_folder = path.parent().map(std::path::Path::to_path_buf);
            export.save = None;
        }
        SaveStatus::Cancelled => export.save = None,
    }
}
