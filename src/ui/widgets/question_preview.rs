//! A question shown in full: prompt, rubric, red flags, follow-ups, and the reference answer and
//! example collapsed so they are not read aloud by accident.

use crate::model::Question;
use crate::ui::widgets::{badges, marked_text};

/// Character positions to mark in a text (what a search matched); empty for none.
pub type Marks<'a> = dyn FnMut(&str) -> Vec<usize> + 'a;

/// Shows `q`, marking in its prompt, rubric points and tags what `marks` says.
pub fn ui(
    ui: &mut egui::Ui,
    q: &Question,
    category_title: &str,
    set_title: &str,
    marks: &mut Marks<'_>,
) {
    ui.horizontal_wrapped(|ui| {
        badges::level_badge(ui, q.level);
        ui.label(egui::RichText::new(category_title).weak());
        ui.label(egui::RichText::new(format!("· {} min", q.minutes_or_default())).weak());
        if !set_title.is_empty() {
            ui.label(egui::RichText::new(format!("· {set_title}")).weak());
        }
    });
    ui.add_space(6.0);
    let accent = ui.visuals().warn_fg_color;
    let prompt_marks = marks(&q.prompt);
    marked_text::label(
        ui,
        egui::RichText::new(&q.prompt).size(18.0).strong(),
        &prompt_marks,
        false,
        accent,
    );
    ui.add_space(8.0);
    marked_list_ui(ui, "What to listen for", &q.listen_for, marks);
    if !q.red_flags.is_empty() {
        list_ui(ui, "Red flags", &q.red_flags, false);
    }
    if !q.follow_ups.is_empty() {
        list_ui(ui, "Follow-ups", &q.follow_ups, false);
    }
    reference_ui(ui, &q.id, &q.answer, &q.example);
    if !q.tags.is_empty() {
        ui.add_space(6.0);
        let tags = format!("Tags: {}", q.tags.join(", "));
        let tag_marks = marks(&tags);
        marked_text::label(
            ui,
            egui::RichText::new(tags).small().weak(),
            &tag_marks,
            false,
            accent,
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

/// The numbered rubric, with marks.
fn marked_list_ui(ui: &mut egui::Ui, title: &str, items: &[String], marks: &mut Marks<'_>) {
    ui.label(egui::RichText::new(title).strong());
    let accent = ui.visuals().warn_fg_color;
    for (i, item) in items.iter().enumerate() {
        let item_marks = marks(item);
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new(format!("{}.", i + 1)).weak());
            marked_text::label(ui, egui::RichText::new(item), &item_marks, false, accent);
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
