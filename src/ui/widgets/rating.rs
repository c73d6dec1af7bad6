//! The anchored 1–4 rating scale, with the app's suggestion shown but never applied silently.

use crate::model::session::Rating;

/// Draws the scale; returns true when the rating changed.
pub fn rating_ui(
    ui: &mut egui::Ui,
    rating: &mut Option<Rating>,
    suggestion: Option<(Rating, String)>,
) -> bool {
    let mut changed = false;
    ui.label(egui::RichText::new("Rating").strong());
    for option in Rating::ALL {
        let selected = *rating == Some(option);
        let text =
            egui::RichText::new(format!("{}  {}", option.value(), option.label())).size(16.0);
        let text = if selected { text.strong() } else { text };
        ui.horizontal(|ui| {
            let response = ui
                .selectable_label(selected, text)
                .on_hover_text(format!("Ctrl+Alt+{}", option.value()));
            if response.clicked() {
                *rating = if selected { None } else { Some(option) };
                changed = true;
            }
            // The anchor wraps, so a narrow side panel never grows to fit it.
            ui.add(egui::Label::new(egui::RichText::new(option.anchor()).small().weak()).wrap());
        });
    }
    match suggestion {
        Some((suggested, reason)) if Some(suggested) != *rating => {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    egui::RichText::new(format!(
                        "Suggested from the rubric: {} {} ({reason})",
                        suggested.value(),
                        suggested.label()
                    ))
                    .italics()
                    .color(ui.visuals().hyperlink_color),
                );
                if ui.small_button("Use").clicked() {
                    *rating = Some(suggested);
                    changed = true;
                }
            });
        }
        _ => {}
    }
    changed
}
