//! The loop's plan: its interviews, who runs each and what each must cover, the coverage
//! matrix with gaps and overlaps, the editor, and starting your interview of the loop.

use std::path::{Path, PathBuf};

use super::schedule::{self, ScheduleText};
use super::{LoopFrame, Unsaved, loop_path, loop_title};
use crate::model::loop_check::{self, Severity};
use crate::model::loop_coverage::Coverage;
use crate::model::loop_plan::{Competency, LoopInterview, LoopPlan};
use crate::model::names::slug;
use crate::model::{Level, QuestionBank};
use crate::ui::command::Command;
use crate::ui::style::theme;

/// A loop being edited, and the file it is saved to.
pub struct Draft {
    pub plan: LoopPlan,
    pub path: PathBuf,
    /// The schedule's start times as typed.
    pub schedule: ScheduleText,
}

impl Draft {
    /// A new loop in `folder`, with the usual three interviews to start from and three
    /// competencies mapped to the bank's categories (those the bank has).
    pub fn new(folder: &Path, chair: &str, bank: &QuestionBank) -> Draft {
        let mut plan = LoopPlan {
            title: "New hiring loop".into(),
            ..LoopPlan::default()
        };
        plan.id = unique_id(folder, "new-hiring-loop");
        let in_bank = |ids: &[&str]| -> Vec<String> {
            ids.iter()
                .filter(|id| bank.categories().iter().any(|c| c.id == **id))
                .map(|id| id.to_string())
                .collect()
        };
        for (id, title, categories) in [
            ("python", "Python", STARTING_PYTHON),
            ("systems", "Backend systems", STARTING_SYSTEMS),
            ("collaboration", "Working together", STARTING_COLLABORATION),
        ] {
            plan.competencies.push(Competency {
                id: id.into(),
                title: title.into(),
                categories: in_bank(categories),
                tags: Vec::new(),
            });
        }
        for (n, title) in ["Coding", "System design", "Team fit"].iter().enumerate() {
            plan.interviews.push(LoopInterview {
                id: format!("interview-{}", n + 1),
                title: (*title).into(),
                interviewer: if n == 0 {
                    chair.trim().to_string()
                } else {
                    String::new()
                },
                covers: Vec::new(),
                minutes: 45,
                questions: Vec::new(),
            });
        }
        let path = loop_path(folder, &plan);
        Draft {
            plan,
            path,
            schedule: ScheduleText::default(),
        }
    }

    fn of(plan: &LoopPlan, path: &Path) -> Draft {
        Draft {
            plan: plan.clone(),
            path: path.to_path_buf(),
            schedule: ScheduleText::default(),
        }
    }
}

/// The bundled bank's categories a new loop's competencies start from; the editor changes them.
const STARTING_PYTHON: &[&str] = &[
    "fundamentals",
    "data-structures",
    "functions",
    "oop",
    "errors",
    "advanced",
    "testing",
    "practical",
    "algorithms",
];
const STARTING_SYSTEMS: &[&str] = &[
    "systems",
    "django",
    "sql",
    "apis",
    "async-tasks",
    "ops",
    "web",
    "diagnosis",
];
const STARTING_COLLABORATION: &[&str] = &["collaboration", "ownership", "growth", "ethics"];

/// An id no other loop file in `folder` uses.
fn unique_id(folder: &Path, base: &str) -> String {
    let mut id = base.to_string();
    let mut n = 2;
    while folder
        .join(format!("{id}{}", crate::store::loop_folder::LOOP_SUFFIX))
        .exists()
    {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// Starting your interview of the loop.
#[derive(Default)]
pub struct StartForm {
    pub interview: usize,
    pub candidate: String,
    pub error: Option<String>,
}

pub fn ui(ui: &mut egui::Ui, state: &mut LoopFrame<'_>) {
    if state.view.draft.is_some() {
        editor_ui(ui, state);
        return;
    }
    let Some(folder) = state.view.folder.clone() else {
        return;
    };
    let Some(loaded) = folder.loops.get(state.view.selected) else {
        ui.label("This folder has no loop plan yet. Press \u{201c}New loop…\u{201d} to plan one.");
        for rejected in &folder.rejected {
            ui.label(
                egui::RichText::new(format!("Not read: {}", rejected))
                    .small()
                    .weak(),
            );
        }
        return;
    };
    let plan = &loaded.plan;
    ui.horizontal_wrapped(|ui| {
        ui.heading(loop_title(plan));
        ui.label(egui::RichText::new(format!("{} · {}", plan.role, plan.level.label())).weak());
        if ui.button("Edit the loop…").clicked() {
            state.view.draft = Some(Draft::of(plan, &loaded.path));
        }
    });
    for problem in &loaded.problems {
        let colour = match problem.problem.severity {
            Severity::Error => ui.visuals().error_fg_color,
            _ => ui.visuals().warn_fg_color,
        };
        ui.colored_label(colour, problem.to_string());
    }
    ui.add_space(6.0);
    start_ui(ui, state, plan);
    ui.add_space(10.0);
    coverage_ui(ui, plan);
}

/// "Start my interview": pick the interview and the candidate; the scorecard records the loop.
fn start_ui(ui: &mut egui::Ui, state: &mut LoopFrame<'_>, plan: &LoopPlan) {
    ui.strong("Start your interview of this loop");
    let me = state.shared.prefs.interviewer.trim().to_string();
    let form = &mut state.view.start;
    if form.interview >= plan.interviews.len() {
        // Your own interview first, when you are assigned one.
        form.interview = plan
            .interviews
            .iter()
            .position(|i| {
                !me.is_empty()
                    && crate::model::panel::person_key(&i.interviewer)
                        == crate::model::panel::person_key(&me)
            })
            .unwrap_or(0);
    }
    if plan.interviews.is_empty() {
        ui.label("The loop has no interviews yet; edit the loop to add them.");
        return;
    }
    let mut start = false;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Interview");
        egui::ComboBox::from_id_salt("loop_start_interview")
            .selected_text(interview_label(&plan.interviews[form.interview]))
            .show_ui(ui, |ui| {
                for (index, interview) in plan.interviews.iter().enumerate() {
                    ui.selectable_value(&mut form.interview, index, interview_label(interview));
                }
            })
            .response
            .labelled_by(label.id);
        let label = ui.label("Candidate");
        let response = ui.add(
            egui::TextEdit::singleline(&mut form.candidate)
                .hint_text("Full name")
                .desired_width(200.0),
        );
        let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        response.labelled_by(label.id);
        start = ui.button("▶ Start interview").clicked() || entered;
    });
    if start {
        let interview = &plan.interviews[form.interview];
        let stand_in = (!me.is_empty()).then_some(me.as_str());
        match plan.start_session(
            &interview.id,
            &form.candidate,
            stand_in,
            chrono::Local::now().fixed_offset(),
        ) {
            Ok(session) => {
                form.error = None;
                form.candidate.clear();
                state
                    .commands
                    .push(Command::StartSession(Box::new(session)));
            }
            Err(err) => form.error = Some(format!("Not started: {err}")),
        }
    }
    if let Some(error) = &form.error {
        ui.colored_label(ui.visuals().error_fg_color, error);
    }
}

fn interview_label(interview: &LoopInterview) -> String {
    let who = if interview.interviewer.trim().is_empty() {
        "nobody assigned"
    } else {
        interview.interviewer.trim()
    };
    format!(
        "{} ({who}, {} min)",
        interview.display_title(),
        interview.minutes
    )
}

/// The coverage matrix: competency × interview, with gaps, overlaps and unmet assignments.
pub fn coverage_ui(ui: &mut egui::Ui, plan: &LoopPlan) {
    let coverage = Coverage::of(plan);
    ui.strong("Coverage");
    ui.label(
        egui::RichText::new(
            "What each interview's questions cover. A competency nobody covers is a gap; one covered twice is asked twice.",
        )
        .small()
        .weak(),
    );
    let tokens = theme::tokens(ui);
    egui::ScrollArea::horizontal()
        .id_salt("loop_coverage_scroll")
        .show(ui, |ui| {
            egui::Grid::new("loop_coverage")
                .striped(true)
                .spacing([16.0, 6.0])
                .show(ui, |ui| {
                    ui.strong("Competency");
                    for column in &coverage.interviews {
                        ui.vertical(|ui| {
                            ui.strong(&column.title);
                            let who = if column.interviewer.trim().is_empty() {
                                "nobody assigned".to_string()
                            } else {
                                column.interviewer.clone()
                            };
                            ui.label(egui::RichText::new(who).small().weak());
                        });
                    }
                    ui.strong("Finding");
                    ui.end_row();
                    for row in &coverage.rows {
                        ui.label(format!("{} (weight {})", row.title, row.weight));
                        for cell in &row.cells {
                            let text = match (cell.covered(), cell.assigned) {
                                (true, _) => format!(
                                    "✔ {} question{} · {} min",
                                    cell.questions.len(),
                                    if cell.questions.len() == 1 { "" } else { "s" },
                                    cell.minutes
                                ),
                                (false, true) => "assigned, no question".to_string(),
                                (false, false) => "—".to_string(),
                            };
                            let colour = match (cell.covered(), cell.assigned) {
                                (true, _) => tokens.good,
                                (false, true) => tokens.bad,
                                (false, false) => ui.visuals().weak_text_color(),
                            };
                            ui.colored_label(colour, text);
                        }
                        let (finding, colour) = if row.is_gap() {
                            ("Gap: nobody covers it", tokens.bad)
                        } else if row.is_overlap() {
                            ("Asked in more than one interview", tokens.warn)
                        } else {
                            ("Covered once", tokens.good)
                        };
                        ui.colored_label(colour, finding);
                        ui.end_row();
                    }
                });
        });
    for line in coverage.findings() {
        ui.label(egui::RichText::new(format!("• {line}")).small());
    }
}

/// The loop editor: title, role, level, competencies and interviews; Save writes the file.
fn editor_ui(ui: &mut egui::Ui, state: &mut LoopFrame<'_>) {
    let bank_plan = state.plan.plan.clone();
    let categories: Vec<(String, String)> = state
        .shared
        .bank
        .categories()
        .iter()
        .map(|c| (c.id.clone(), c.title.clone()))
        .collect();
    let Some(draft) = state.view.draft.as_mut() else {
        return;
    };
    let mut save = false;
    let mut cancel = false;
    ui.horizontal_wrapped(|ui| {
        ui.heading("Edit the loop");
        save = ui.button("Save to the folder").clicked();
        cancel = ui.button("Cancel").clicked();
        ui.label(
            egui::RichText::new(draft.path.display().to_string())
                .small()
                .weak(),
        );
    });
    let Draft {
        plan,
        schedule: schedule_text,
        ..
    } = draft;
    egui::Grid::new("loop_meta")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            let label = ui.label("Title");
            ui.text_edit_singleline(&mut plan.title)
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label("Role");
            ui.text_edit_singleline(&mut plan.role)
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label("Level");
            egui::ComboBox::from_id_salt("loop_level")
                .selected_text(plan.level.label())
                .show_ui(ui, |ui| {
                    for level in Level::ALL {
                        ui.selectable_value(&mut plan.level, level, level.label());
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
            ui.label("Scorecards due");
            ui.add(
                egui::DragValue::new(&mut plan.scorecard_due_hours)
                    .range(0..=720)
                    .suffix(" h after the interview"),
            );
            ui.end_row();
        });
    ui.add_space(8.0);
    ui.strong("Competencies");
    let mut remove_competency = None;
    for (index, competency) in plan.competencies.iter_mut().enumerate() {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(format!("{}.", index + 1));
            let before = competency.title.clone();
            ui.add(egui::TextEdit::singleline(&mut competency.title).desired_width(180.0))
                .labelled_by(label.id);
            if competency.title != before && competency.id.starts_with("competency-") {
                competency.id = slug(&competency.title, 40);
            }
            let name = format!("Bank categories of {}", competency.display_title());
            let combo = egui::ComboBox::from_id_salt(("competency_categories", index))
                .selected_text(if competency.categories.is_empty() {
                    "Categories…".to_string()
                } else {
                    format!(
                        "{} categor{}",
                        competency.categories.len(),
                        if competency.categories.len() == 1 {
                            "y"
                        } else {
                            "ies"
                        }
                    )
                })
                .show_ui(ui, |ui| {
                    for (id, title) in &categories {
                        let mut on = competency.categories.contains(id);
                        if ui.checkbox(&mut on, title).changed() {
                            if on {
                                competency.categories.push(id.clone());
                            } else {
                                competency.categories.retain(|c| c != id);
                            }
                        }
                    }
                });
            combo.response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::accesskit::Role::ComboBox, true, &name)
            });
            if ui.small_button("Remove").clicked() {
                remove_competency = Some(index);
            }
        });
    }
    if let Some(index) = remove_competency {
        plan.competencies.remove(index);
    }
    if ui.button("+ Competency").clicked() {
        let n = plan.competencies.len() + 1;
        plan.competencies.push(Competency {
            id: format!("competency-{n}"),
            title: format!("Competency {n}"),
            categories: Vec::new(),
            tags: Vec::new(),
        });
    }
    ui.add_space(8.0);
    ui.strong("Interviews");
    let competencies: Vec<(String, String)> = plan
        .competencies
        .iter()
        .map(|c| (c.id.clone(), c.display_title()))
        .collect();
    let mut remove_interview = None;
    for (index, interview) in plan.interviews.iter_mut().enumerate() {
        ui.group(|ui| {
            ui.horizontal_wrapped(|ui| {
                let label = ui.label("Title");
                ui.add(egui::TextEdit::singleline(&mut interview.title).desired_width(160.0))
                    .labelled_by(label.id);
                let label = ui.label("Interviewer");
                ui.add(egui::TextEdit::singleline(&mut interview.interviewer).desired_width(160.0))
                    .labelled_by(label.id);
                ui.add(
                    egui::DragValue::new(&mut interview.minutes)
                        .range(5..=240)
                        .suffix(" min"),
                );
                if ui.small_button("Remove").clicked() {
                    remove_interview = Some(index);
                }
            });
            ui.horizontal_wrapped(|ui| {
                ui.label("Must cover:");
                for (id, title) in &competencies {
                    let mut on = interview.covers.contains(id);
                    if ui.checkbox(&mut on, title).changed() {
                        if on {
                            interview.covers.push(id.clone());
                        } else {
                            interview.covers.retain(|c| c != id);
                        }
                    }
                }
            });
            ui.horizontal_wrapped(|ui| {
                ui.label(format!(
                    "{} question{} planned",
                    interview.questions.len(),
                    if interview.questions.len() == 1 {
                        ""
                    } else {
                        "s"
                    }
                ));
                let use_plan = egui::Button::new(format!(
                    "Use the Bank's plan ({} question{})",
                    bank_plan.questions.len(),
                    if bank_plan.questions.len() == 1 {
                        ""
                    } else {
                        "s"
                    }
                ));
                if ui
                    .add_enabled(!bank_plan.questions.is_empty(), use_plan)
                    .on_disabled_hover_text("Build a plan in the Bank view first")
                    .clicked()
                {
                    interview.set_plan(&bank_plan);
                }
            });
        });
    }
    if let Some(index) = remove_interview {
        let removed = plan.interviews.remove(index);
        schedule::unschedule_interview(plan, schedule_text, &removed.id);
    }
    if ui.button("+ Interview").clicked() {
        let n = plan.interviews.len() + 1;
        // The first free number: after a removal, `n` may be taken, and a schedule (and every
        // scorecard) names its interview by id.
        let id = (1..)
            .map(|k| format!("interview-{k}"))
            .find(|id| plan.interview(id).is_none())
            .unwrap_or_default();
        plan.interviews.push(LoopInterview {
            id,
            title: format!("Interview {n}"),
            minutes: 45,
            ..LoopInterview::default()
        });
    }
    ui.add_space(10.0);
    schedule::ui(ui, plan, schedule_text);
    let unreadable_times = !schedule_text.problems(plan).is_empty();
    ui.add_space(10.0);
    coverage_ui(ui, plan);
    let problems = loop_check::check(plan);
    for problem in &problems {
        let colour = match problem.severity {
            Severity::Error => ui.visuals().error_fg_color,
            _ => ui.visuals().warn_fg_color,
        };
        ui.colored_label(colour, problem.to_string());
    }
    if cancel {
        state.view.draft = None;
    } else if save {
        let errors = problems.iter().any(|p| p.severity == Severity::Error);
        if unreadable_times {
            state.view.note = Some(format!(
                "Fix the start times marked in red before saving: type them as {}.",
                crate::model::loop_schedule::START_TIME_FORM
            ));
        } else if errors {
            state.view.note = Some("Fix the problems marked in red before saving.".into());
        } else if let Some(draft) = state.view.draft.take() {
            let plan = draft.plan.clone();
            let path = draft.path.clone();
            state.view.note = None;
            state
                .view
                .write_keeping(ui.ctx(), Unsaved::Plan(Box::new(draft)), move || {
                    crate::store::loop_folder::save_loop_plan(&path, &plan)
                        .map(|()| {
                            format!(
                                "Loop \u{201c}{}\u{201d} saved to {}",
                                loop_title(&plan),
                                path.display()
                            )
                        })
                        .map_err(|e| e.to_string())
                });
        }
    }
}
