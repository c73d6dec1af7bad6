//! The loop editor's candidates and their interview schedule: one start-time field per
//! candidate and interview. The Scorecards section counts a scorecard overdue from the end of
//! its scheduled interview, so these times are what "overdue" is measured from.
//!
//! What is typed stays as typed until it reads as a time: a half-typed or mistyped time is
//! shown with the form to use and never saved in place of the last good one.

use std::collections::HashMap;

use crate::model::loop_plan::{Candidates, LoopCandidate, LoopPlan};
use crate::model::loop_schedule::{self, START_TIME_FORM};

/// The start-time fields' text, by candidate (its place in the plan's list) and interview id.
#[derive(Default)]
pub struct ScheduleText {
    typed: HashMap<(usize, String), String>,
}

impl ScheduleText {
    /// Every field whose text does not read as a time: (candidate, interview, why).
    pub fn problems(&self, plan: &LoopPlan) -> Vec<(String, String, String)> {
        let Candidates::Named(list) = &plan.candidates else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (index, candidate) in list.iter().enumerate() {
            for interview in &plan.interviews {
                let Some(text) = self.typed.get(&(index, interview.id.clone())) else {
                    continue;
                };
                if let Err(err) = read(text) {
                    out.push((
                        candidate_name(candidate, index),
                        interview.display_title(),
                        err.to_string(),
                    ));
                }
            }
        }
        out
    }

    /// Forgets the fields of candidate `index`; those after it move up one place.
    fn remove_candidate(&mut self, index: usize) {
        self.typed = std::mem::take(&mut self.typed)
            .into_iter()
            .filter(|((candidate, _), _)| *candidate != index)
            .map(|((candidate, interview), text)| {
                let candidate = if candidate > index {
                    candidate - 1
                } else {
                    candidate
                };
                ((candidate, interview), text)
            })
            .collect();
    }

    /// Forgets the fields of the interview with id `interview`.
    pub fn remove_interview(&mut self, interview: &str) {
        self.typed.retain(|(_, id), _| id != interview);
    }
}

/// An empty field clears the start; anything else must read as a time.
fn read(text: &str) -> Result<Option<chrono::DateTime<chrono::FixedOffset>>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    loop_schedule::parse_local_start_time(text)
        .map(Some)
        .map_err(|err| err.to_string())
}

fn candidate_name(candidate: &LoopCandidate, index: usize) -> String {
    if candidate.name.trim().is_empty() {
        format!("Candidate {}", index + 1)
    } else {
        candidate.name.trim().to_string()
    }
}

/// Removes interview `id` from every candidate's schedule (the interview is being removed).
pub fn unschedule_interview(plan: &mut LoopPlan, text: &mut ScheduleText, id: &str) {
    if let Candidates::Named(list) = &mut plan.candidates {
        for candidate in list {
            candidate.schedule.remove(id);
        }
    }
    text.remove_interview(id);
}

/// The candidates, each with a start-time field per interview; typing a time that reads
/// changes the plan at once, and the problems of the rest are listed under the fields.
pub fn ui(ui: &mut egui::Ui, plan: &mut LoopPlan, text: &mut ScheduleText) {
    ui.strong("Candidates and schedule");
    let offset = chrono::Local::now().format("%:z");
    ui.label(
        egui::RichText::new(format!(
            "When each interview starts, in your time zone (UTC{offset}), e.g. {START_TIME_FORM}; add an offset such as +01:00 for another zone. A scorecard is overdue from the end of its interview plus the time allowed above."
        ))
        .small()
        .weak(),
    );
    if matches!(plan.candidates, Candidates::Any) {
        ui.label("Open to any candidate: a scorecard of this loop is expected for whoever has one in the folder. Name the candidates to schedule their interviews.");
        if ui.button("+ Candidate").clicked() {
            plan.candidates = Candidates::Named(vec![LoopCandidate::default()]);
        }
        return;
    }
    let interviews: Vec<(String, String, u32)> = plan
        .interviews
        .iter()
        .map(|i| (i.id.clone(), i.display_title(), i.minutes))
        .collect();
    let Candidates::Named(list) = &mut plan.candidates else {
        return;
    };
    let mut remove = None;
    egui::ScrollArea::horizontal()
        .id_salt("loop_schedule_scroll")
        .show(ui, |ui| {
            egui::Grid::new("loop_schedule")
                .num_columns(interviews.len() + 2)
                .spacing([10.0, 6.0])
                .show(ui, |ui| {
                    ui.strong("Candidate");
                    for (_, title, minutes) in &interviews {
                        ui.strong(format!("{title} ({minutes} min)"));
                    }
                    ui.label("");
                    ui.end_row();
                    for (index, candidate) in list.iter_mut().enumerate() {
                        candidate_row_ui(ui, index, candidate, &interviews, text);
                        if ui.small_button("Remove").clicked() {
                            remove = Some(index);
                        }
                        ui.end_row();
                    }
                });
        });
    if let Some(index) = remove {
        list.remove(index);
        text.remove_candidate(index);
    }
    if ui.button("+ Candidate").clicked() {
        list.push(LoopCandidate::default());
    }
    if list.is_empty() {
        // A named list with nobody on it would admit no one; with the last name gone the loop
        // is open to any candidate again, as it says above.
        plan.candidates = Candidates::Any;
        return;
    }
    let error = ui.visuals().error_fg_color;
    for (candidate, interview, why) in text.problems(plan) {
        ui.colored_label(error, format!("{candidate}, {interview}: {why}"));
    }
}

fn candidate_row_ui(
    ui: &mut egui::Ui,
    index: usize,
    candidate: &mut LoopCandidate,
    interviews: &[(String, String, u32)],
    text: &mut ScheduleText,
) {
    // Sized explicitly: in a grid a text field would take the width its column had the frame
    // before, which starts narrow and stays so.
    let height = ui.spacing().interact_size.y;
    ui.add_sized(
        [160.0, height],
        egui::TextEdit::singleline(&mut candidate.name).hint_text("Full name"),
    )
    .accessible_name(format!("Name of candidate {}", index + 1));
    let who = candidate_name(candidate, index);
    for (id, title, _) in interviews {
        let field = text.typed.entry((index, id.clone())).or_insert_with(|| {
            candidate
                .schedule
                .get(id)
                .map(|at| loop_schedule::local_start_time_text(*at))
                .unwrap_or_default()
        });
        let bad = read(field).is_err();
        let mut edit = egui::TextEdit::singleline(field).hint_text(START_TIME_FORM);
        if bad {
            edit = edit.text_color(ui.visuals().error_fg_color);
        }
        // Wide enough for a time with its offset, `2026-12-04 14:00 +01:00`.
        let response = ui
            .add_sized([200.0, height], edit)
            .accessible_name(format!("{title} start for {who}"));
        if response.changed() {
            match read(field) {
                Ok(Some(at)) => {
                    candidate.schedule.insert(id.clone(), at);
                }
                Ok(None) => {
                    candidate.schedule.remove(id);
                }
                // Kept as typed and listed under the fields; the last good time stays until
                // this one reads.
                Err(_) => {}
            }
        }
    }
}
