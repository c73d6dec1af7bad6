//! The Bank's results: matching questions, three lines each, laid out only where in view.

use super::*;

pub(super) fn results_ui(ui: &mut egui::Ui, state: &mut BankFrame<'_>, bank: &QuestionBank) {
    let view = &mut *state.view;
    // Borrowed, not copied: a bank of 100,000 questions has as many hits for an empty query.
    let hits = &view.search.outcome.hits;
    if hits.is_empty() && view.search.awaiting_bank && view.search.shown < view.search.requested {
        ui.add_space(24.0);
        ui.vertical_centered(|ui| ui.label(egui::RichText::new("Searching…").weak()));
        return;
    }
    if hits.is_empty() {
        ui.add_space(24.0);
        ui.vertical_centered(|ui| {
            ui.label(egui::RichText::new("No questions match").heading());
            ui.label("Try fewer words, or clear the filters on the left.");
            if ui.button("Clear search and filters").clicked() {
                view.query.clear();
                view.filter = Filter::default();
            }
        });
        return;
    }
    // Room for a prompt of up to three lines and the line of badges under it.
    let row_height =
        ui.text_style_height(&egui::TextStyle::Body) * (PROMPT_ROWS as f32 + 1.0) + 16.0;
    let query = view.query.clone();
    let selected_position = view.selected_position();
    let hits = &view.search.outcome.hits;
    let mut scroll = egui::ScrollArea::vertical()
        .id_salt("bank_results")
        .auto_shrink(false);
    // Keep the keyboard selection on screen.
    if let Some(position) = selected_position {
        if ui.memory(|m| {
            m.data
                .get_temp::<usize>(egui::Id::unique("last_selected_pos"))
        }) != Some(position)
        {
            let top = ui
                .memory(|m| m.data.get_temp::<f32>(egui::Id::unique("results_offset")))
                .unwrap_or(0.0);
            let y = position as f32 * (row_height + ui.spacing().item_spacing.y);
            let visible = ui.available_height();
            if y < top || y + row_height > top + visible {
                scroll = scroll.vertical_scroll_offset((y - visible / 2.0).max(0.0));
            }
            ui.memory_mut(|m| {
                m.data
                    .insert_temp(egui::Id::unique("last_selected_pos"), position)
            });
        }
    }
    let output = scroll.show_rows(ui, row_height, hits.len(), |ui, rows| {
        for row in rows {
            let index = hits[row].index();
            let Some(entry) = bank.entry(index) else {
                continue;
            };
            let in_plan = state.plan.plan.contains(&entry.question.id);
            let selected = view.selected == Some(index);
            let response = result_row_ui(
                ui,
                &mut view.search.searcher,
                &query,
                entry,
                bank,
                selected,
                in_plan,
                row_height,
            );
            if response.clicked() {
                view.selected = Some(index);
            }
            if response.double_clicked() {
                add_to_plan(&mut state.plan.plan, bank, index);
            }
        }
    });
    ui.memory_mut(|m| {
        m.data.insert_temp(
            egui::Id::unique("results_offset"),
            output.state.clamped_offset().y,
        )
    });
}

/// A result shows its prompt on up to this many lines; longer ones end with "…".
const PROMPT_ROWS: usize = 3;

#[allow(clippy::too_many_arguments)]
fn result_row_ui(
    ui: &mut egui::Ui,
    searcher: &mut Searcher,
    query: &str,
    entry: &crate::model::BankEntry,
    bank: &QuestionBank,
    selected: bool,
    in_plan: bool,
    row_height: f32,
) -> egui::Response {
    let q = &entry.question;
    let width = ui.available_width();
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(width, row_height), egui::Sense::click());
    let visuals = ui.visuals().clone();
    if selected {
        ui.painter()
            .rect_filled(rect, 4.0, visuals.selection.bg_fill);
    } else if response.hovered() {
        ui.painter()
            .rect_filled(rect, 4.0, visuals.widgets.hovered.weak_bg_fill);
    }
    let mut content =
        ui.new_child(egui::UiBuilder::new().max_rect(rect.shrink2(egui::vec2(8.0, 5.0))));
    content.spacing_mut().item_spacing.y = 2.0;
    let text_colour = if selected {
        visuals.selection.stroke.color
    } else {
        visuals.text_color()
    };
    let matched = searcher.highlight(query, &q.prompt);
    marked_text::label_rows(
        &mut content,
        egui::RichText::new(&q.prompt).color(text_colour),
        &matched,
        PROMPT_ROWS,
        crate::ui::style::theme::palette(visuals.dark_mode).search_mark,
    );
    content.horizontal(|ui| {
        badges::level_badge(ui, q.level);
        ui.label(
            egui::RichText::new(bank.category_title(&q.category))
                .small()
                .weak(),
        );
        ui.label(
            egui::RichText::new(format!("{} min", q.minutes_or_default()))
                .small()
                .weak(),
        );
        if in_plan {
            ui.label(
                egui::RichText::new("✔ in plan")
                    .small()
                    .color(visuals.hyperlink_color),
            );
        }
    });
    let label = format!(
        "{}. {}, {}, {} minutes{}",
        q.prompt,
        q.level.label(),
        bank.category_title(&q.category),
        q.minutes_or_default(),
        if in_plan { ", in plan" } else { "" }
    );
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, &label));
    response.on_hover_text(&q.prompt)
}
