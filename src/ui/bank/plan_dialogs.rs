//! Dialogs of the plan panel: quick build, templates, and starting an interview.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::model::Level;
use crate::model::plan::{InterviewPlan, QuickBuildSpec, quick_build};
use crate::ui::bank::BankFrame;
use crate::ui::command::Command;

pub struct QuickBuildForm {
    pub level: Level,
    pub minutes: u32,
    pub categories: BTreeSet<String>,
    pub seed: u64,
}

impl QuickBuildForm {
    pub fn from_plan(plan: &InterviewPlan) -> QuickBuildForm {
        QuickBuildForm {
            level: plan.target_level,
            minutes: plan.target_minutes,
            categories: BTreeSet::new(),
            seed: 1,
        }
    }

    pub fn spec(&self) -> QuickBuildSpec {
        QuickBuildSpec {
            level: self.level,
            minutes: self.minutes,
            categories: self.categories.iter().cloned().collect(),
            seed: self.seed,
        }
    }
}

/// A saved plan as listed in the templates window.
pub struct TemplateEntry {
    pub path: PathBuf,
    pub plan: Result<InterviewPlan, String>,
}

#[derive(Default)]
pub struct TemplatesWindow {
    pub entries: Vec<TemplateEntry>,
    pub renaming: Option<(usize, String)>,
    pub confirm_delete: Option<usize>,
}

pub struct StartForm {
    pub candidate: String,
    pub role: String,
    pub interviewer: String,
    pub error: Option<String>,
    /// The field to focus on the next frame: the first one on opening, the one an error
    /// names after a failed start.
    focus: Option<StartField>,
}

impl StartForm {
    pub fn new(plan: &InterviewPlan, interviewer: &str) -> StartForm {
        StartForm {
            candidate: String::new(),
            role: plan.role.clone(),
            interviewer: interviewer.to_string(),
            error: None,
            focus: Some(StartField::Candidate),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum StartField {
    Candidate,
    Role,
    Interviewer,
}

impl StartField {
    const ORDER: [StartField; 3] = [
        StartField::Candidate,
        StartField::Role,
        StartField::Interviewer,
    ];

    fn id(self) -> egui::Id {
        egui::Id::unique(("start_field", self as u8))
    }
}

pub fn ui(ui: &mut egui::Ui, state: &mut BankFrame<'_>) {
    quick_build_ui(ui, state);
    templates_ui(ui, state);
    start_ui(ui, state);
}

fn quick_build_ui(ui: &mut egui::Ui, state: &mut BankFrame<'_>) {
    let bank = state.shared.bank.clone();
    let panel = &mut state.view.plan;
    let doc = &mut *state.plan;
    let Some(form) = &mut panel.quick else { return };
    let mut close = false;
    let mut apply = false;
    let modal = egui::Modal::new(egui::Id::unique("quick_build")).show(ui.ctx(), |ui| {
        ui.set_width(460.0);
        ui.heading("Quick build");
        ui.label("Proposes a balanced plan: questions spread over the chosen categories, levels around the target, within the time. Edit it afterwards.");
        ui.add_space(8.0);
        egui::Grid::new("quick_grid").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
            let label = ui.label("Level");
            egui::ComboBox::from_id_salt("quick_level")
                .selected_text(form.level.label())
                .show_ui(ui, |ui| {
                    for level in Level::ALL {
                        ui.selectable_value(&mut form.level, level, format!("{} ({})", level.label(), level.years()));
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label("Length");
            ui.horizontal(|ui| {
                for minutes in crate::ui::bank::plan::LENGTHS {
                    ui.selectable_value(&mut form.minutes, minutes, format!("{minutes}"));
                }
                ui.add(egui::DragValue::new(&mut form.minutes).range(5..=480).suffix(" min")).labelled_by(label.id);
            });
            ui.end_row();
            let label = ui.label("Variation");
            ui.add(egui::DragValue::new(&mut form.seed).range(1..=9999)).labelled_by(label.id)
                .on_hover_text("Same number, same plan; change it for a different selection under the same rules");
            ui.end_row();
        });
        ui.add_space(6.0);
        ui.label(egui::RichText::new("Categories (none ticked = all)").strong());
        // The list scrolls, and shrinks with the window so the buttons stay on screen when zoomed.
        let room = (ui.ctx().content_rect().height() * 0.4).clamp(120.0, 260.0);
        egui::ScrollArea::vertical().max_height(room).show(ui, |ui| {
            egui::Grid::new("quick_categories").num_columns(2).show(ui, |ui| {
                for (i, category) in bank.categories().iter().enumerate() {
                    let mut on = form.categories.contains(&category.id);
                    if ui.checkbox(&mut on, &category.title).changed() {
                        if on {
                            form.categories.insert(category.id.clone());
                        } else {
                            form.categories.remove(&category.id);
                        }
                    }
                    if i % 2 == 1 {
                        ui.end_row();
                    }
                }
            });
        });
        ui.add_space(8.0);
        // Return builds from anywhere in the dialog: no field here takes a line break.
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter)) {
            apply = true;
        }
        ui.horizontal(|ui| {
            if ui.button("Build plan").on_hover_text("Return").clicked() {
                apply = true;
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
    });
    if apply {
        let spec = form.spec();
        let questions = quick_build(&bank, &spec);
        doc.plan.questions = questions;
        doc.plan.target_level = spec.level;
        doc.plan.target_minutes = spec.minutes;
        panel.selected = None;
        close = true;
    }
    if close || modal.should_close() {
        panel.quick = None;
    }
}

fn templates_ui(ui: &mut egui::Ui, state: &mut BankFrame<'_>) {
    let panel = &mut state.view.plan;
    let doc = &mut *state.plan;
    let Some(window) = &mut panel.templates else {
        return;
    };
    let mut close = false;
    let mut load: Option<usize> = None;
    let commands = &mut state.commands;
    let modal = egui::Modal::new(egui::Id::unique("templates")).show(ui.ctx(), |ui| {
        ui.set_width(560.0);
        ui.heading("Saved plans");
        ui.add_space(6.0);
        if window.entries.is_empty() {
            ui.label(
                egui::RichText::new("No saved plans yet. Build a plan and press Save plan.").weak(),
            );
        }
        egui::ScrollArea::vertical()
            .max_height(380.0)
            .show(ui, |ui| {
                for (index, entry) in window.entries.iter().enumerate() {
                    ui.horizontal(|ui| match &entry.plan {
                        Ok(plan) => {
                            if let Some((rename_index, name)) = &mut window.renaming {
                                if *rename_index == index {
                                    let label = ui.label("New title");
                                    ui.add(egui::TextEdit::singleline(name).desired_width(200.0))
                                        .labelled_by(label.id);
                                    if ui.button("Rename").clicked() {
                                        commands.push(Command::RenameTemplate(
                                            entry.path.clone(),
                                            name.clone(),
                                        ));
                                    }
                                    return;
                                }
                            }
                            ui.vertical(|ui| {
                                ui.strong(if plan.title.is_empty() {
                                    "Untitled plan"
                                } else {
                                    &plan.title
                                });
                                ui.label(
                                    egui::RichText::new(format!(
                                        "{} questions · {} min · {}",
                                        plan.questions.len(),
                                        plan.total_minutes(),
                                        plan.target_level.label()
                                    ))
                                    .small()
                                    .weak(),
                                );
                            });
                            ui.with_layout(
                                egui::Layout::right_to_left(egui::Align::Center),
                                |ui| {
                                    if window.confirm_delete == Some(index) {
                                        if ui.button("Yes, delete").clicked() {
                                            commands
                                                .push(Command::DeleteTemplate(entry.path.clone()));
                                        }
                                        ui.label("Delete this plan?");
                                    } else {
                                        if ui.button("Delete").clicked() {
                                            window.confirm_delete = Some(index);
                                        }
                                        if ui.button("Rename").clicked() {
                                            window.renaming = Some((index, plan.title.clone()));
                                        }
                                        if ui.button("Duplicate").clicked() {
                                            commands.push(Command::DuplicateTemplate(
                                                entry.path.clone(),
                                            ));
                                        }
                                        if ui.button("Load").clicked() {
                                            load = Some(index);
                                        }
                                    }
                                },
                            );
                        }
                        Err(message) => {
                            ui.label(
                                egui::RichText::new(format!("⚠ {message}"))
                                    .color(ui.visuals().warn_fg_color),
                            );
                        }
                    });
                    ui.separator();
                }
            });
        if ui.button("Close").clicked() {
            close = true;
        }
    });
    if let Some(index) = load {
        if let Some(TemplateEntry {
            path,
            plan: Ok(plan),
        }) = window.entries.get(index)
        {
            doc.plan = plan.clone();
            doc.path = Some(path.clone());
            panel.selected = None;
            close = true;
        }
    }
    if close || modal.should_close() {
        panel.templates = None;
    }
}

fn start_ui(ui: &mut egui::Ui, state: &mut BankFrame<'_>) {
    let panel = &mut state.view.plan;
    let doc = &mut *state.plan;
    let Some(form) = &mut panel.start else { return };
    let mut close = false;
    let mut start = false;
    let modal = egui::Modal::new(egui::Id::unique("start_interview")).show(ui.ctx(), |ui| {
        ui.set_width(420.0);
        ui.heading("Start interview");
        let count = doc.plan.questions.len();
        ui.label(format!(
            "{count} question{} · {} min",
            if count == 1 { "" } else { "s" },
            doc.plan.total_minutes()
        ));
        ui.add_space(8.0);
        // Focus is set before the fields read this frame's keys, so nothing typed is lost, and
        // asked for again until it holds (a new dialog's first frame only measures itself).
        if let Some(field) = form.focus {
            if ui.memory(|m| m.has_focus(field.id())) {
                form.focus = None;
            } else {
                ui.memory_mut(|m| m.request_focus(field.id()));
            }
        }
        let focused = StartField::ORDER
            .into_iter()
            .find(|field| ui.memory(|m| m.has_focus(field.id())));
        egui::Grid::new("start_grid")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                for field in StartField::ORDER {
                    let (name, text, hint) = match field {
                        StartField::Candidate => ("Candidate", &mut form.candidate, "Full name"),
                        StartField::Role => ("Role", &mut form.role, ""),
                        StartField::Interviewer => {
                            ("Interviewer", &mut form.interviewer, "Your name")
                        }
                    };
                    let label = ui.label(name);
                    ui.add(
                        egui::TextEdit::singleline(text)
                            .id(field.id())
                            .hint_text(hint),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                }
            });
        // Return starts once both names are there; until then it moves to the next field, as
        // in a paper form, and only a click on Start with a name missing says what is missing.
        if ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            let complete = !form.candidate.trim().is_empty() && !form.interviewer.trim().is_empty();
            if complete {
                start = true;
            } else {
                let next = match focused {
                    Some(StartField::Candidate) if form.candidate.trim().is_empty() => {
                        StartField::Candidate
                    }
                    Some(StartField::Candidate) => StartField::Role,
                    Some(StartField::Role) => StartField::Interviewer,
                    _ if form.candidate.trim().is_empty() => StartField::Candidate,
                    _ => StartField::Interviewer,
                };
                form.focus = Some(next);
            }
        }
        if let Some(error) = &form.error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui
                .button(egui::RichText::new("▶ Start").strong())
                .on_hover_text("Return")
                .clicked()
            {
                start = true;
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
    });
    if start {
        if form.candidate.trim().is_empty() {
            form.error = Some("Enter the candidate's name.".into());
            form.focus = Some(StartField::Candidate);
        } else if form.interviewer.trim().is_empty() {
            form.error = Some("Enter your name as the interviewer.".into());
            form.focus = Some(StartField::Interviewer);
        } else {
            state.commands.push(Command::StartInterview {
                candidate: form.candidate.trim().to_string(),
                role: form.role.trim().to_string(),
                interviewer: form.interviewer.trim().to_string(),
            });
            close = true;
        }
    }
    if close || modal.should_close() {
        panel.start = None;
    }
}
