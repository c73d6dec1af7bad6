//! The overall side of the scorecard: per-category bars, the recommendation (never
//! preselected), and the interviewer's strengths, concerns and summary.

use egui::accesskit::Role;

use crate::model::scoring::category_scores;
use crate::model::session::{Recommendation, Session};

/// Draws the overall panel; returns true when anything changed.
pub fn ui(ui: &mut egui::Ui, session: &mut Session, editable: bool) -> bool {
    let mut changed = false;
    ui.add_space(6.0);
    categories_ui(ui, session);
    ui.add_space(12.0);
    changed |= recommendation_ui(ui, session, editable);
    ui.add_space(12.0);
    for (title, hint, text) in [
        (
            "Strengths",
            "Where the candidate was strong, with evidence",
            &mut session.strengths,
        ),
        (
            "Concerns",
            "Gaps or risks, with evidence",
            &mut session.concerns,
        ),
        (
            "Summary",
            "Your call in a few sentences, for the hiring panel",
            &mut session.summary,
        ),
    ] {
        changed |= free_text_ui(ui, title, hint, text, editable);
        ui.add_space(6.0);
    }
    changed
}

fn categories_ui(ui: &mut egui::Ui, session: &Session) {
    ui.label(egui::RichText::new("By category").size(16.0).strong());
    let scores = category_scores(session);
    if scores.is_empty() {
        ui.label(egui::RichText::new("No questions asked.").weak());
        return;
    }
    let rating_colour = ui.visuals().hyperlink_color;
    let coverage_colour = crate::ui::style::theme::tokens(ui).good;
    // Two bars and their numbers share what the category names leave.
    let bar_width = ((ui.available_width() - 160.0) / 2.0 - 48.0).clamp(36.0, 120.0);
    egui::Grid::new("scorecard_categories")
        .num_columns(3)
        .spacing(egui::vec2(10.0, 6.0))
        .show(ui, |ui| {
            ui.label(egui::RichText::new("Category").small().weak());
            ui.label(egui::RichText::new("Mean rating").small().weak());
            ui.label(egui::RichText::new("Rubric covered").small().weak());
            ui.end_row();
            for score in &scores {
                let title = if score.title.is_empty() {
                    score.category.as_str()
                } else {
                    score.title.as_str()
                };
                let hover = format!(
                    "{title}\n{} of {} questions rated",
                    score.rated, score.questions
                );
                // A fixed width keeps the column steady; long names wrap rather than hide.
                ui.allocate_ui(egui::vec2(150.0, ui.spacing().interact_size.y), |ui| {
                    ui.set_width(150.0);
                    ui.add(egui::Label::new(title).wrap()).on_hover_text(hover);
                });
                match score.mean_rating {
                    Some(mean) => bar_ui(
                        ui,
                        bar_width,
                        mean / 4.0,
                        &format!("{mean:.1}"),
                        rating_colour,
                        &format!("{title}: mean rating {mean:.1} of 4"),
                    ),
                    None => {
                        ui.label(egui::RichText::new("not rated").weak());
                    }
                }
                if score.rubric_points == 0 {
                    ui.label(egui::RichText::new("no rubric").weak())
                        .on_hover_text("Ad-hoc questions without rubric points have no coverage");
                } else {
                    let percent = (score.coverage * 100.0).round();
                    bar_ui(
                        ui,
                        bar_width,
                        score.coverage,
                        &format!("{percent:.0}%"),
                        coverage_colour,
                        &format!("{title}: {percent:.0}% of rubric points covered"),
                    );
                }
                ui.end_row();
            }
        });
    ui.add_space(4.0);
    let figures = crate::model::scoring::figures(session);
    let rated = figures.rated;
    let mut text = match figures.overall_mean {
        Some(mean) => format!(
            "Overall mean rating {mean:.1} of 4 over {rated} rated question{}",
            if rated == 1 { "" } else { "s" }
        ),
        None => "No question rated yet".to_string(),
    };
    if figures.skipped_with_rating > 0 {
        // Say the rule where its effect shows, so no figure looks like an error.
        text.push_str(&format!(
            " · {} skipped question{} with a rating not counted",
            figures.skipped_with_rating,
            if figures.skipped_with_rating == 1 {
                ""
            } else {
                "s"
            }
        ));
    }
    ui.label(egui::RichText::new(text).weak());
}

/// A horizontal bar filled to `fraction` (0–1) with `text` after it.
fn bar_ui(
    ui: &mut egui::Ui,
    width: f32,
    fraction: f32,
    text: &str,
    colour: egui::Color32,
    description: &str,
) {
    ui.horizontal(|ui| {
        let (rect, response) =
            ui.allocate_exact_size(egui::vec2(width, 12.0), egui::Sense::hover());
        let painter = ui.painter();
        let radius = 3.0;
        painter.rect_filled(rect, radius, ui.visuals().extreme_bg_color);
        let fraction = if fraction.is_finite() {
            fraction.clamp(0.0, 1.0)
        } else {
            0.0
        };
        if fraction > 0.0 {
            let mut filled = rect;
            filled.set_width(rect.width() * fraction);
            painter.rect_filled(filled, radius, colour);
        }
        painter.rect_stroke(
            rect,
            radius,
            egui::Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color),
            egui::StrokeKind::Inside,
        );
        response.on_hover_text(description);
        ui.label(egui::RichText::new(text).monospace());
    });
}

fn recommendation_colour(ui: &egui::Ui, recommendation: Recommendation) -> egui::Color32 {
    let tokens = crate::ui::style::theme::tokens(ui);
    if recommendation.is_yes() {
        tokens.good
    } else if recommendation.is_no() {
        tokens.bad
    } else {
        ui.visuals().text_color()
    }
}

fn recommendation_ui(ui: &mut egui::Ui, session: &mut Session, editable: bool) -> bool {
    let mut changed = false;
    ui.label(egui::RichText::new("Recommendation").size(16.0).strong());
    if !editable {
        match session.recommendation {
            Some(r) => {
                ui.label(
                    egui::RichText::new(r.label())
                        .size(20.0)
                        .strong()
                        .color(recommendation_colour(ui, r)),
                );
            }
            None => {
                ui.label(egui::RichText::new("Not chosen").weak());
            }
        }
        return false;
    }
    if session.recommendation.is_none() {
        ui.label(
            egui::RichText::new("Choose one. Nothing is chosen for you, and a scorecard cannot be submitted without it.")
                .small()
                .color(ui.visuals().warn_fg_color),
        );
    }
    ui.horizontal_wrapped(|ui| {
        for option in Recommendation::ALL {
            let selected = session.recommendation == Some(option);
            let mut text = egui::RichText::new(option.label()).size(15.0);
            if selected {
                text = text.strong().color(recommendation_colour(ui, option));
            }
            let response = ui.add(
                egui::Button::selectable(selected, text)
                    .frame_when_inactive(true)
                    .min_size(egui::vec2(0.0, 30.0)),
            );
            response.widget_info(|| {
                egui::WidgetInfo::selected(Role::RadioButton, true, selected, option.label())
            });
            if response.clicked() && !selected {
                session.recommendation = Some(option);
                changed = true;
            }
        }
    });
    changed
}

fn free_text_ui(
    ui: &mut egui::Ui,
    title: &str,
    hint: &str,
    text: &mut String,
    editable: bool,
) -> bool {
    let label = ui.label(egui::RichText::new(title).strong());
    if editable {
        ui.add(
            egui::TextEdit::multiline(text)
                .id_salt(("scorecard_free_text", title))
                .hint_text(hint)
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id)
        .changed()
    } else {
        if text.trim().is_empty() {
            ui.label(egui::RichText::new("—").weak());
        } else {
            ui.label(text.as_str());
        }
        false
    }
}
