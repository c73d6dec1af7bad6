//! A question shown in full: prompt, rubric, red flags, follow-ups, and the reference answer and
//! example collapsed so they are not read aloud by accident.

use super::widgets::badges;
use crate::model::Question;

pub fn ui(ui: &mut egui::Ui, q: &Question, category_title: &str, set_title: &str) {
    ui.horizontal_wrapped(|ui| {
        badges::level_badge(ui, q.level);
        ui.label(egui::RichText::new(category_title).weak());
        ui.label(egui::RichText::new(format!("· {} min", q.minutes_or_default())).weak());
        if !set_title.is_empty() {
            ui.label(egui::RichText::new(format!("· {set_title}")).weak());
        }
    });
    ui.add_space(6.0);
    ui.label(egui::RichText::new(&q.prompt).size(18.0).strong());
    ui.add_space(8.0);
    list_ui(ui, "What to listen for", &q.listen_for, true);
    if !q.red_flags.is_empty() {
        list_ui(ui, "Red flags", &q.red_flags, false);
    }
    if !q.follow_ups.is_empty() {
        list_ui(ui, "Follow-ups", &q.follow_ups, false);
    }
    reference_ui(ui, &q.id, &q.answer, &q.example);
    if !q.tags.is_empty() {
        ui.add_space(6.0);
        ui.label(
            egui::RichText::new(format!("Tags: {}", q.tags.join(", ")))
                .small()
                .weak(),
        );
    }
    ui.label(egui::RichText::new(&q.id).small().weak().monospace());
}

/// A titled list; numbered when `numbered`.
pub fn list_ui(ui: &mut egui::Ui, title: &str, items: &[String], numbered: bool) {
    ui.label(egui::RichText::new(title).strong());
    for (i, item) in items.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            let marker = if numbered {
                format!("{}.", i + 1)
            } else {
                "•".to_string()
            };
            ui.label(egui::RichText::new(marker).weak());
            ui.label(item);
        });
    }
    ui.add_space(8.0);
}

/// Reference answer and example code, collapsed by default.
pub fn reference_ui(ui: &mut egui::Ui, id_salt: &str, answer: &str, example: &str) {
    if !answer.trim().is_empty() {
        egui::CollapsingHeader::new("Reference answer")
            .id_salt(("answer", id_salt))
            .default_open(false)
            .show(ui, |ui| {
                ui.label(answer);
            });
    }
    if !example.trim().is_empty() {
        egui::CollapsingHeader::new("Example code")
            .id_salt(("example", id_salt))
            .default_open(false)
            .show(ui, |ui| {
                egui::Frame::new()
                    .fill(ui.visuals().extreme_bg_color)
                    .corner_radius(4.0)
                    .inner_margin(8.0)
                    .show(ui, |ui| {
                        ui.add(
                            egui::Label::new(egui::RichText::new(example).monospace())
                                .wrap_mode(egui::TextWrapMode::Extend),
                        );
                    });
            });
    }
}
