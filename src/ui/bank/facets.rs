//! The Bank's filters: not yet in plan, needs attention, levels, categories, sets, tags.

use super::*;

pub(super) fn facets_ui(ui: &mut egui::Ui, state: &mut BankFrame<'_>, bank: &QuestionBank) {
    let view = &mut state.view;
    let outcome = view.results().clone();
    egui::ScrollArea::vertical()
        .id_salt("facets_scroll")
        .show(ui, |ui| {
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                ui.strong("Filters");
                if !view.filter.is_empty() && ui.small_button("Reset").clicked() {
                    view.filter = Filter::default();
                }
            });
            ui.add_space(4.0);
            ui.checkbox(&mut view.filter.not_in_plan, "Not yet in plan");
            needs_attention_ui(ui, &mut view.filter, state.shared.health.as_deref());
            ui.add_space(6.0);

            facet_heading(ui, "Levels");
            for level in crate::model::Level::ALL {
                let count = outcome.level_counts.get(&level).copied().unwrap_or(0);
                let mut on = view.filter.levels.contains(&level);
                let text = format!("{} · {}  ({count})", level.label(), level.years());
                if ui.checkbox(&mut on, text).changed() {
                    toggle(&mut view.filter.levels, level, on);
                }
            }

            ui.add_space(6.0);
            facet_heading(ui, "Categories");
            for category in bank.categories() {
                let count = outcome
                    .category_counts
                    .get(&category.id)
                    .copied()
                    .unwrap_or(0);
                let mut on = view.filter.categories.contains(&category.id);
                let text = egui::RichText::new(format!("{}  ({count})", category.title));
                let text = if count == 0 && !on { text.weak() } else { text };
                if ui.checkbox(&mut on, text).changed() {
                    toggle(&mut view.filter.categories, category.id.clone(), on);
                }
            }

            ui.add_space(6.0);
            facet_heading(ui, "Question sets");
            for (index, set) in bank.sets().iter().enumerate() {
                let count = outcome.set_counts.get(&index).copied().unwrap_or(0);
                let mut on = view.filter.sets.contains(&index);
                let mut label = format!("{}  ({count})", set.title);
                if set.origin.is_editable() {
                    label.push_str("  · yours");
                }
                if ui
                    .checkbox(&mut on, label)
                    .on_hover_text(&set.source_name)
                    .changed()
                {
                    toggle(&mut view.filter.sets, index, on);
                }
            }

            ui.add_space(6.0);
            egui::CollapsingHeader::new("Tags")
                .default_open(!view.filter.tags.is_empty())
                .show(ui, |ui| {
                    for (tag, count) in bank.tag_counts() {
                        let mut on = view.filter.tags.contains(&tag);
                        if ui.checkbox(&mut on, format!("{tag}  ({count})")).changed() {
                            toggle(&mut view.filter.tags, tag, on);
                        }
                    }
                });
        });
}

/// "Needs attention": only the questions the last Question health computation flags. Shown
/// once figures exist; while it is on, the ids follow the newest figures.
fn needs_attention_ui(
    ui: &mut egui::Ui,
    filter: &mut Filter,
    health: Option<&crate::ui::shared::HealthFigures>,
) {
    let Some(health) = health else {
        return;
    };
    let ids: std::collections::BTreeSet<String> = health
        .report
        .attention
        .iter()
        .map(|a| a.id.clone())
        .collect();
    let mut on = filter.needs_attention.is_some();
    if ui
        .checkbox(&mut on, format!("Needs attention  ({})", ids.len()))
        .on_hover_text("Questions the Question health screen flags (Alt+5 has the reasons)")
        .changed()
        || (on && filter.needs_attention.as_ref() != Some(&ids))
    {
        filter.needs_attention = on.then_some(ids);
    }
}

fn facet_heading(ui: &mut egui::Ui, text: &str) {
    ui.label(egui::RichText::new(text).small().strong().weak());
}

fn toggle<T: Ord>(set: &mut std::collections::BTreeSet<T>, value: T, on: bool) {
    if on {
        set.insert(value);
    } else {
        set.remove(&value);
    }
}
