//! The Bank's filters: not yet in plan, needs attention, levels, categories, sets, tags.

use super::*;

pub(super) fn facets_ui(ui: &mut egui::Ui, state: &mut BankFrame<'_>, bank: &QuestionBank) {
    // The counts are borrowed beside the filter they are shown with: the outcome also holds
    // every hit (100,000 on a large bank), far too much to copy each frame.
    let BankViewState {
        filter,
        search: SearchCache { outcome, .. },
        ..
    } = &mut *state.view;
    let outcome = &*outcome;
    egui::ScrollArea::vertical()
        .id_salt("facets_scroll")
        .show(ui, |ui| {
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                ui.strong("Filters");
                if !filter.is_empty() && ui.small_button("Reset").clicked() {
                    *filter = Filter::default();
                }
            });
            ui.add_space(4.0);
            ui.checkbox(&mut filter.not_in_plan, "Not yet in plan");
            needs_attention_ui(ui, filter, state.shared.health.as_deref());
            ui.add_space(6.0);

            facet_heading(ui, "Levels");
            for level in crate::model::Level::ALL {
                let count = outcome.level_counts.get(&level).copied().unwrap_or(0);
                let mut on = filter.levels.contains(&level);
                let text = format!("{} · {}  ({count})", level.label(), level.years());
                if ui.checkbox(&mut on, text).changed() {
                    toggle(&mut filter.levels, level, on);
                }
            }

            ui.add_space(6.0);
            facet_heading(ui, "Categories");
            let categories = bank.categories();
            facet_rows(ui, "facet_categories", categories.len(), |ui, row| {
                let Some(category) = categories.get(row) else {
                    return;
                };
                let count = outcome
                    .category_counts
                    .get(&category.id)
                    .copied()
                    .unwrap_or(0);
                let mut on = filter.categories.contains(&category.id);
                let text = egui::RichText::new(format!("{}  ({count})", category.title));
                let text = if count == 0 && !on { text.weak() } else { text };
                if ui
                    .checkbox(&mut on, text)
                    .on_hover_text(format!("{}  ({count})", category.title))
                    .changed()
                {
                    toggle(&mut filter.categories, category.id.clone(), on);
                }
            });

            ui.add_space(6.0);
            facet_heading(ui, "Question sets");
            let sets = bank.sets();
            facet_rows(ui, "facet_sets", sets.len(), |ui, index| {
                let Some(set) = sets.get(index) else {
                    return;
                };
                let count = outcome.set_counts.get(&index).copied().unwrap_or(0);
                let mut on = filter.sets.contains(&index);
                let mut label = format!("{}  ({count})", set.title);
                if set.origin.is_editable() {
                    label.push_str("  · yours");
                }
                if ui
                    .checkbox(&mut on, &label)
                    .on_hover_text(format!("{label}\n{}", set.source_name))
                    .changed()
                {
                    toggle(&mut filter.sets, index, on);
                }
            });

            ui.add_space(6.0);
            egui::CollapsingHeader::new("Tags")
                .default_open(!filter.tags.is_empty())
                .show(ui, |ui| {
                    for (tag, count) in bank.tag_counts() {
                        let mut on = filter.tags.contains(tag);
                        if ui.checkbox(&mut on, format!("{tag}  ({count})")).changed() {
                            toggle(&mut filter.tags, tag.clone(), on);
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

/// Facet values past this many are shown in a list of their own that lays out only the rows
/// in view: a bank of hundreds of sets would otherwise lay out hundreds of checkboxes every
/// frame, and lay their labels out anew whenever a search changes the counts. Up to this many
/// (the bundled bank has about twenty categories) every label is shown whole.
const FACET_ROWS_IN_FULL: usize = 40;

/// How many rows tall the list of many facet values is.
const FACET_ROWS_SHOWN: usize = 12;

/// Draws `rows` facet values with `row`: all of them when they are few; otherwise in a
/// scrolling list as tall as [`FACET_ROWS_SHOWN`] rows, each row one line (long labels are
/// cut short; the tooltip has them whole).
fn facet_rows(ui: &mut egui::Ui, id: &str, rows: usize, mut row: impl FnMut(&mut egui::Ui, usize)) {
    if rows <= FACET_ROWS_IN_FULL {
        (0..rows).for_each(|i| row(ui, i));
        return;
    }
    let row_height = ui.spacing().interact_size.y;
    let height = FACET_ROWS_SHOWN as f32 * (row_height + ui.spacing().item_spacing.y);
    // Both bounds: inside the filters' own scroll area the room left would otherwise shrink
    // the list to a row or two.
    egui::ScrollArea::vertical()
        .id_salt(id)
        .max_height(height)
        .min_scrolled_height(height)
        .auto_shrink([false, true])
        .show_rows(ui, row_height, rows, |ui, shown| {
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            for i in shown {
                row(ui, i);
            }
        });
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
