//! Comparing scorecards across a panel.

use super::app::AppState;

/// State of the Panel view.
#[derive(Default)]
pub struct PanelViewState {}

pub fn ui(ui: &mut egui::Ui, _state: &mut AppState) {
    egui::CentralPanel::default().show(ui, |ui| {
        ui.centered_and_justified(|ui| {
            ui.label("Load scorecards to compare a panel.");
        });
    });
}
