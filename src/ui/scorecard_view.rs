//! The scorecard of a finished interview.

use super::app::AppState;

/// State of the Scorecard view.
#[derive(Default)]
pub struct ScorecardViewState {}

pub fn ui(ui: &mut egui::Ui, _state: &mut AppState) {
    egui::CentralPanel::default().show(ui, |ui| {
        ui.centered_and_justified(|ui| {
            ui.label("No scorecard open. Finish an interview, or open one from History.");
        });
    });
}
