//! The Bank's preview of the selected question, with its health line and the editor's actions.

use super::*;

pub(super) fn preview_ui(ui: &mut egui::Ui, state: &mut BankFrame<'_>, bank: &QuestionBank) {
    crate::ui::bank::editor::toolbar_ui(ui, state);
    // Figures from the last Question health computation, if any; never computed here.
    let health = state.shared.health.clone();
    let view = &mut state.view;
    let Some(index) = view.selected else {
        ui.add_space(24.0);
        ui.vertical_centered(|ui| {
            ui.label(egui::RichText::new("Select a question to preview it").weak());
            ui.label(
                egui::RichText::new("↑/↓ to move, Enter to add to the plan")
                    .weak()
                    .small(),
            );
        });
        return;
    };
    let Some(entry) = bank.entry(index) else {
        return;
    };
    let in_plan = state.plan.plan.contains(&entry.question.id);
    egui::ScrollArea::vertical()
        .id_salt("bank_preview")
        .auto_shrink(false)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                if in_plan {
                    ui.label(
                        egui::RichText::new("✔ In the plan").color(ui.visuals().hyperlink_color),
                    );
                } else if ui.button("+ Add to plan (Enter)").clicked() {
                    add_to_plan(&mut state.plan.plan, bank, index);
                }
            });
            crate::ui::bank::editor::question_actions_ui(ui, &mut view.editor, bank, index);
            ui.add_space(6.0);
            let set_title = bank.set_of(index).map(|s| s.title.as_str()).unwrap_or("");
            // The preview marks what the search matched, in the rubric and tags as well as the
            // prompt, so a result without a mark in its row shows why it is there.
            let (searcher, query) = (&mut view.search.searcher, view.query.as_str());
            question_preview::ui(
                ui,
                &entry.question,
                bank.category_title(&entry.question.category),
                set_title,
                &mut |text| searcher.highlight(query, text),
            );
            if let Some(health) = &health {
                health_line_ui(ui, health, &entry.question);
            }
        });
}

/// The question's figures in one line ("asked 14× · ratings mostly 3 · …"), from the last
/// Question health computation.
fn health_line_ui(
    ui: &mut egui::Ui,
    health: &crate::ui::shared::HealthFigures,
    question: &crate::model::Question,
) {
    ui.add_space(8.0);
    ui.separator();
    let hash = question.rubric_hash();
    let line = match health.version(&question.id, &hash) {
        Some(v) if v.rubric_hash == hash => crate::model::health::preview_line(v),
        Some(v) => format!(
            "{} (an earlier rubric; this version not asked yet)",
            crate::model::health::preview_line(v)
        ),
        None => "not asked in any submitted scorecard yet".to_string(),
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new("Health:").strong());
        ui.label(egui::RichText::new(line).weak());
    })
    .response
    .on_hover_text("From the Question health screen's last computation");
}
