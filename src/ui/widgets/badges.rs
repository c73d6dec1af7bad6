//! Coloured badges for levels, states and counts.

use crate::model::Level;

/// The accent hue for each level, distinguishable in both themes.
pub fn level_colour(level: Level, dark: bool) -> egui::Color32 {
    crate::ui::style::theme::palette(dark).level(level)
}

/// A rounded badge with `text` in `colour` on a faint fill of the same hue.
pub fn badge(ui: &mut egui::Ui, text: &str, colour: egui::Color32) -> egui::Response {
    egui::Frame::new()
        .fill(colour.gamma_multiply(0.15))
        .stroke(egui::Stroke::new(1.0, colour.gamma_multiply(0.6)))
        .corner_radius(8.0)
        .inner_margin(egui::Margin::symmetric(6, 1))
        .show(ui, |ui| {
            ui.label(egui::RichText::new(text).small().color(colour))
        })
        .response
        .on_hover_text(text)
}

pub fn level_badge(ui: &mut egui::Ui, level: Level) -> egui::Response {
    let colour = level_colour(level, ui.visuals().dark_mode);
    badge(ui, level.label(), colour).on_hover_text(format!("{} ({})", level.label(), level.years()))
}
