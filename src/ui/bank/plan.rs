//! The plan being assembled: metadata, ordered questions, time budget, mix, weights, and the
//! dialogs for quick build, templates and starting the interview.

use crate::model::Level;
use crate::model::plan::{Drift, InterviewPlan};
use crate::ui::bank::BankFrame;
use crate::ui::bank::plan_dialogs::{self, QuickBuildForm, StartForm, TemplatesWindow};
use crate::ui::command::Command;
use crate::ui::shared::PlanDocument;
use crate::ui::widgets::{badges, buttons};

/// Target lengths offered; anything else is "custom".
pub const LENGTHS: [u32; 4] = [30, 45, 60, 90];

#[derive(Default)]
pub struct PlanPanelState {
    /// Position of the plan question with keyboard focus for Alt+Up/Down.
    pub selected: Option<usize>,
    pub quick: Option<QuickBuildForm>,
    pub templates: Option<TemplatesWindow>,
    pub start: Option<StartForm>,
    drift_cache: Option<DriftCache>,
}

/// The plan's question keys when drift was last computed, and the result.
type DriftCache = (Vec<String>, Vec<(usize, Drift)>);

pub fn any_dialog_open(state: &BankFrame<'_>) -> bool {
    let p = &state.view.plan;
    p.quick.is_some() || p.templates.is_some() || p.start.is_some()
}

pub fn ui(ui: &mut egui::Ui, state: &mut BankFrame<'_>) {
    let bank = state.shared.bank.clone();
    let panel = &mut state.view.plan;
    let doc = &mut *state.plan;
    ui.add_space(6.0);
    // Wraps in a narrow panel rather than widening it.
    ui.horizontal_wrapped(|ui| {
        ui.heading("Plan");
        ui.add_space(8.0);
        if ui.button("Quick build…").clicked() {
            panel.quick = Some(QuickBuildForm::from_plan(&doc.plan));
        }
        if ui.button("Templates…").clicked() {
            panel.templates = Some(TemplatesWindow::default());
            state.commands.push(Command::RefreshTemplates);
        }
    });
    ui.add_space(4.0);
    egui::Grid::new("plan_meta")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            let label = ui.label("Title");
            ui.add(
                egui::TextEdit::singleline(&mut doc.plan.title)
                    .hint_text("e.g. Python backend, onsite 1")
                    // The panel's width, never more: a wider field would push the panel's
                    // neighbours aside instead of wrapping.
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            ui.end_row();
            let label = ui.label("Role");
            ui.add(
                egui::TextEdit::singleline(&mut doc.plan.role)
                    .hint_text("e.g. Senior Python developer")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            ui.end_row();
            let label = ui.label("Level");
            egui::ComboBox::from_id_salt("plan_level")
                .selected_text(doc.plan.target_level.label())
                .show_ui(ui, |ui| {
                    for level in Level::ALL {
                        ui.selectable_value(
                            &mut doc.plan.target_level,
                            level,
                            format!("{} ({})", level.label(), level.years()),
                        );
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
            let length_label = ui.label("Length");
            ui.horizontal_wrapped(|ui| {
                for minutes in LENGTHS {
                    ui.selectable_value(
                        &mut doc.plan.target_minutes,
                        minutes,
                        format!("{minutes}"),
                    );
                }
                ui.add(
                    egui::DragValue::new(&mut doc.plan.target_minutes)
                        .range(5..=480)
                        .suffix(" min"),
                )
                .labelled_by(length_label.id)
                .on_hover_text("Custom length");
            });
            ui.end_row();
        });
    ui.add_space(6.0);
    budget_ui(ui, &doc.plan);
    ui.add_space(6.0);

    // Drift against the bank, recomputed only when the plan's questions change.
    // Keyed by the bank too, so editing a question in the bank refreshes the warning.
    let mut ids: Vec<String> = doc
        .plan
        .questions
        .iter()
        .map(|q| format!("{}#{}", q.id, q.rubric_hash))
        .collect();
    ids.push(format!("bank@{:p}", std::sync::Arc::as_ptr(&bank)));
    if panel.drift_cache.as_ref().map(|(k, _)| k) != Some(&ids) {
        panel.drift_cache = Some((ids, doc.plan.drift(&bank)));
    }
    let drift = panel
        .drift_cache
        .as_ref()
        .map(|(_, d)| d.clone())
        .unwrap_or_default();
    if !drift.is_empty() {
        drift_notice_ui(ui, doc, &drift, &bank);
    }

    let footer_height = 150.0;
    let list_height = (ui.available_height() - footer_height).max(120.0);
    egui::ScrollArea::vertical()
        .id_salt("plan_list")
        .max_height(list_height)
        .auto_shrink([false, true])
        .show(ui, |ui| plan_list_ui(ui, panel, doc, &drift));
    ui.separator();
    mix_ui(ui, doc);
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let can_save = !doc.plan.questions.is_empty();
        if ui
            .add_enabled(can_save, egui::Button::new("Save plan"))
            .clicked()
        {
            state.commands.push(Command::SavePlan);
        }
        let start = egui::Button::new(egui::RichText::new("▶ Start interview").strong());
        if ui
            .add_enabled(can_save, start)
            .on_hover_text(crate::ui::shell::shortcuts::hint(
                crate::ui::shell::shortcuts::Action::StartInterview,
            ))
            .on_disabled_hover_text("Add questions to the plan first")
            .clicked()
        {
            open_start(panel, doc, &state.shared.prefs.interviewer);
        }
    });
    plan_dialogs::ui(ui, state);
}

/// Opens the start dialog when the plan has questions.
pub fn open_start(panel: &mut PlanPanelState, doc: &mut PlanDocument, interviewer: &str) {
    if !doc.plan.questions.is_empty() {
        panel.start = Some(StartForm::new(&doc.plan, interviewer));
    }
}

/// Moves the selected plan question one place down (or up), keeping it selected.
pub fn move_selected(panel: &mut PlanPanelState, doc: &mut PlanDocument, down: bool) {
    let Some(selected) = panel.selected else {
        return;
    };
    let target = if down {
        selected + 1
    } else {
        selected.wrapping_sub(1)
    };
    if doc.plan.move_question(selected, target) {
        panel.selected = Some(target);
    }
}

pub fn remove_selected(panel: &mut PlanPanelState, doc: &mut PlanDocument) {
    if let Some(selected) = panel.selected.take() {
        doc.plan.remove(selected);
    }
}

fn budget_ui(ui: &mut egui::Ui, plan: &InterviewPlan) {
    let total = plan.total_minutes();
    let target = plan.target_minutes.max(1);
    let over = plan.minutes_over_target();
    let fraction = total as f32 / target as f32;
    let (text, colour) = if over > 0 {
        (
            format!("{total} of {target} min · {over} min over"),
            ui.visuals().warn_fg_color,
        )
    } else if over < -5 {
        (
            format!("{total} of {target} min · {} min left", -over),
            ui.visuals().text_color(),
        )
    } else {
        (
            format!("{total} of {target} min · fits"),
            crate::ui::style::theme::tokens(ui).good,
        )
    };
    ui.add(
        egui::ProgressBar::new(fraction.min(1.0))
            .fill(if over > 0 {
                ui.visuals().warn_fg_color
            } else {
                ui.visuals().selection.bg_fill
            })
            .desired_height(8.0),
    );
    ui.label(egui::RichText::new(text).color(colour).strong());
}

fn drift_notice_ui(
    ui: &mut egui::Ui,
    doc: &mut PlanDocument,
    drift: &[(usize, Drift)],
    bank: &crate::model::QuestionBank,
) {
    let changed = drift.iter().filter(|(_, d)| *d == Drift::Changed).count();
    let missing = drift.len() - changed;
    egui::Frame::new()
        .stroke(egui::Stroke::new(1.0, ui.visuals().warn_fg_color))
        .corner_radius(4.0)
        .inner_margin(6.0)
        .show(ui, |ui| {
            let mut parts = Vec::new();
            if changed > 0 {
                parts.push(format!(
                    "{changed} question{} changed in the bank",
                    if changed == 1 { "" } else { "s" }
                ));
            }
            if missing > 0 {
                parts.push(format!("{missing} no longer in the bank (kept as saved)"));
            }
            ui.label(egui::RichText::new(parts.join("; ")).color(ui.visuals().warn_fg_color));
            if changed > 0
                && ui
                    .button("Update changed questions from the bank")
                    .clicked()
            {
                for (index, kind) in drift {
                    if *kind == Drift::Changed {
                        doc.plan.refresh_from_bank(*index, bank);
                    }
                }
            }
        });
    ui.add_space(4.0);
}

fn plan_list_ui(
    ui: &mut egui::Ui,
    panel: &mut PlanPanelState,
    doc: &mut PlanDocument,
    drift: &[(usize, Drift)],
) {
    if doc.plan.questions.is_empty() {
        ui.add_space(12.0);
        ui.vertical_centered(|ui| {
            ui.label(egui::RichText::new("The plan is empty").strong());
            ui.label(
                egui::RichText::new("Select questions and press Enter, or use Quick build.").weak(),
            );
        });
        return;
    }
    let mut action: Option<(usize, PlanAction)> = None;
    let mut clicked_row = None;
    let count = doc.plan.questions.len();
    for (index, q) in doc.plan.questions.iter().enumerate() {
        let selected = panel.selected == Some(index);
        let mut frame = egui::Frame::new()
            .inner_margin(egui::Margin::symmetric(6, 4))
            .corner_radius(4.0);
        if selected {
            frame = frame.fill(ui.visuals().selection.bg_fill.gamma_multiply(0.35));
        }
        frame.show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(egui::RichText::new(format!("{}.", index + 1)).weak());
                ui.vertical(|ui| {
                    // Clicking the prompt selects the row for Alt+↑/↓; the buttons below keep
                    // their own clicks.
                    if ui
                        .add(
                            egui::Label::new(&q.prompt)
                                .wrap()
                                .sense(egui::Sense::click()),
                        )
                        .clicked()
                    {
                        clicked_row = Some(index);
                    }
                    ui.horizontal(|ui| {
                        badges::level_badge(ui, q.level);
                        ui.label(egui::RichText::new(&q.category_title).small().weak());
                        ui.label(
                            egui::RichText::new(format!("{} min", q.minutes))
                                .small()
                                .weak(),
                        );
                        match drift.iter().find(|(i, _)| *i == index).map(|(_, d)| d) {
                            Some(Drift::Changed) => {
                                ui.label(
                                    egui::RichText::new("changed in bank")
                                        .small()
                                        .color(ui.visuals().warn_fg_color),
                                );
                            }
                            Some(Drift::Missing) => {
                                ui.label(
                                    egui::RichText::new("not in bank")
                                        .small()
                                        .color(ui.visuals().warn_fg_color),
                                );
                            }
                            None => {}
                        }
                    });
                    ui.horizontal(|ui| {
                        if buttons::icon_button_enabled(
                            ui,
                            index > 0,
                            "⬆",
                            &format!("Move question {} up", index + 1),
                        )
                        .clicked()
                        {
                            action = Some((index, PlanAction::Up));
                        }
                        if buttons::icon_button_enabled(
                            ui,
                            index + 1 < count,
                            "⬇",
                            &format!("Move question {} down", index + 1),
                        )
                        .clicked()
                        {
                            action = Some((index, PlanAction::Down));
                        }
                        if buttons::icon_button(ui, "✖", &format!("Remove question {}", index + 1))
                            .clicked()
                        {
                            action = Some((index, PlanAction::Remove));
                        }
                    });
                });
            });
        });
    }
    if let Some(index) = clicked_row {
        panel.selected = Some(index);
    }
    if let Some((index, act)) = action {
        match act {
            PlanAction::Up => {
                doc.plan.move_question(index, index.saturating_sub(1));
                panel.selected = Some(index.saturating_sub(1));
            }
            PlanAction::Down => {
                doc.plan.move_question(index, index + 1);
                panel.selected = Some((index + 1).min(count - 1));
            }
            PlanAction::Remove => {
                doc.plan.remove(index);
                panel.selected = None;
            }
        }
    }
}

enum PlanAction {
    Up,
    Down,
    Remove,
}

fn mix_ui(ui: &mut egui::Ui, doc: &mut PlanDocument) {
    let plan = &mut doc.plan;
    if plan.questions.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(format!(
        "Mix and weights · {} question{}",
        plan.questions.len(),
        if plan.questions.len() == 1 { "" } else { "s" }
    ))
    .id_salt("plan_mix")
    .default_open(false)
    .show(ui, |ui| {
        let levels: Vec<String> = plan
            .mix_by_level()
            .iter()
            .map(|r| format!("{} {}", r.label, r.count))
            .collect();
        ui.add(egui::Label::new(format!("Levels: {}", levels.join(" · "))).wrap());
        ui.add_space(4.0);
        ui.label(
            egui::RichText::new(
                "Category weights for the panel's aggregate (set before interviewing)",
            )
            .small()
            .weak(),
        );
        // Names get a fixed share of the panel and wrap, so opening this section never widens
        // the panel or shifts the columns around it.
        let name_width = (ui.available_width() * 0.45).max(80.0);
        egui::Grid::new("plan_weights")
            .num_columns(3)
            .show(ui, |ui| {
                for row in plan.mix_by_category() {
                    let id = plan
                        .questions
                        .iter()
                        .find(|q| q.category_title == row.label)
                        .map(|q| q.category.clone())
                        .unwrap_or_default();
                    let label = ui
                        .allocate_ui(egui::vec2(name_width, 0.0), |ui| {
                            ui.set_width(name_width);
                            ui.add(egui::Label::new(&row.label).wrap())
                        })
                        .inner;
                    ui.label(
                        egui::RichText::new(format!("{} q · {} min", row.count, row.minutes))
                            .weak(),
                    );
                    let mut weight = plan.weight(&id);
                    let response = ui
                        .add(
                            egui::DragValue::new(&mut weight)
                                .range(0.0..=10.0)
                                .speed(0.1)
                                .prefix("×"),
                        )
                        .labelled_by(label.id);
                    if response.changed() {
                        plan.category_weights.insert(id, weight);
                    }
                    ui.end_row();
                }
            });
    });
}
