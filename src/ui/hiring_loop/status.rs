//! Expected and received scorecards: for each candidate, every interview's scorecard as
//! submitted (signed, when), in progress or missing, and how long it is overdue; a line to
//! paste into a chat naming who still owes one; and publishing your own submitted scorecards
//! to the folder.

use super::LoopFrame;
use crate::model::loop_status::{self, Receipt};
use crate::model::session::SessionStatus;
use crate::store::loop_folder;
use crate::ui::style::theme;

/// One line of the list: a candidate's heading or one of their expected scorecards.
#[derive(Clone, Copy)]
enum Row {
    Candidate(usize),
    Expected(usize, usize),
}

pub fn ui(ui: &mut egui::Ui, state: &mut LoopFrame<'_>) {
    let Some(folder) = state.view.folder.clone() else {
        return;
    };
    let Some(loaded) = folder.loops.get(state.view.selected) else {
        ui.label("This folder has no loop plan yet.");
        return;
    };
    let plan = &loaded.plan;
    let now = state.view.now();
    let statuses = state.view.statuses();
    let summary = loop_status::owed_summary(plan, &statuses, now);
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(&summary).strong());
        if ui
            .button("Copy")
            .on_hover_text("Copy this line to paste into a chat or an email")
            .clicked()
        {
            ui.ctx().copy_text(summary.clone());
            state
                .commands
                .success("Copied who still owes a scorecard", None);
        }
    });
    ui.horizontal_wrapped(|ui| {
        let dir = state.shared.dirs.sessions();
        let me = state.shared.prefs.interviewer.clone();
        if ui
            .button("Publish my submitted scorecards of this loop")
            .on_hover_text(
                "Copies your submitted scorecards of this loop, signature and all, into the shared folder",
            )
            .clicked()
        {
            let loop_id = plan.id.clone();
            let target = folder.folder.clone();
            state
                .view
                .write(ui.ctx(), move || publish_mine(&dir, &target, &loop_id, &me));
        }
    });
    let conflicts: Vec<String> = folder.conflicts().map(ToString::to_string).collect();
    if !conflicts.is_empty() {
        ui.collapsing(
            format!(
                "{} file{} set aside: conflict copies made by the sync engine and files that could not be used; none is counted",
                conflicts.len(),
                if conflicts.len() == 1 { "" } else { "s" }
            ),
            |ui| {
                for line in &conflicts {
                    ui.label(egui::RichText::new(line).small());
                }
            },
        );
    }
    ui.add_space(6.0);
    if statuses.is_empty() {
        ui.label("No candidate yet: scorecards of this loop appear here as they arrive.");
        return;
    }
    // One line per candidate and per expected scorecard, laid out only where in view: a loop
    // folder can hold hundreds of candidates.
    let rows: Vec<Row> = statuses
        .iter()
        .enumerate()
        .flat_map(|(c, status)| {
            std::iter::once(Row::Candidate(c))
                .chain((0..status.expected.len()).map(move |e| Row::Expected(c, e)))
        })
        .collect();
    let tokens = theme::tokens(ui);
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    egui::ScrollArea::vertical()
        .id_salt("loop_expected_rows")
        .auto_shrink(false)
        .show_rows(ui, row_height, rows.len(), |ui, range| {
            for row in &rows[range] {
                ui.horizontal(|ui| {
                    ui.set_height(row_height);
                    match *row {
                        Row::Candidate(c) => {
                            let status = &statuses[c];
                            let owed = status.owed().count();
                            ui.label(egui::RichText::new(&status.candidate).strong().size(16.0));
                            let (text, colour) = if owed == 0 {
                                ("all scorecards in".to_string(), tokens.good)
                            } else {
                                (format!("{owed} still owed"), tokens.bad)
                            };
                            ui.colored_label(colour, text);
                        }
                        Row::Expected(c, e) => {
                            let expected = &statuses[c].expected[e];
                            ui.add_space(16.0);
                            ui.label(format!(
                                "{} · {}",
                                expected.interview_title, expected.interviewer
                            ));
                            let (text, colour) = match &expected.receipt {
                                Receipt::Submitted { at } => (
                                    format!("Submitted and signed {}", at.format("%Y-%m-%d %H:%M")),
                                    tokens.good,
                                ),
                                Receipt::Tampered { .. } => {
                                    ("Changed after sealing: not counted".to_string(), tokens.bad)
                                }
                                Receipt::InProgress { .. } => {
                                    ("In progress".to_string(), tokens.warn)
                                }
                                Receipt::Missing => ("Missing".to_string(), tokens.bad),
                            };
                            ui.colored_label(colour, text);
                            let mut notes = Vec::new();
                            if expected.receipt.is_owed() {
                                notes.push(loop_status::owed_text(expected, now));
                            }
                            if expected.viewed_others_at.is_some() {
                                notes.push("saw others' ratings before submitting".to_string());
                            }
                            if !expected.others.is_empty() {
                                notes.push(format!(
                                    "{} more copies not counted",
                                    expected.others.len()
                                ));
                            }
                            ui.label(egui::RichText::new(notes.join(" · ")).small().weak());
                        }
                    }
                });
            }
        });
}

/// Copies the local interviewer's submitted scorecards of `loop_id` from `sessions_dir` into
/// the loop folder (on a worker thread).
fn publish_mine(
    sessions_dir: &std::path::Path,
    folder: &std::path::Path,
    loop_id: &str,
    me: &str,
) -> Result<String, String> {
    let me = crate::model::panel::person_key(me);
    let mut published = 0;
    let mut failed = Vec::new();
    for (path, loaded) in crate::store::sessions::list_sessions(sessions_dir) {
        let Ok(session) = loaded else { continue };
        let mine = me.is_empty() || crate::model::panel::person_key(&session.interviewer) == me;
        let of_loop = session
            .loop_ref
            .as_ref()
            .is_some_and(|r| r.loop_id == loop_id);
        if mine && of_loop && session.status() == SessionStatus::Submitted {
            match loop_folder::publish_scorecard(folder, &path) {
                Ok(_) => published += 1,
                Err(err) => failed.push(err.to_string()),
            }
        }
    }
    if !failed.is_empty() {
        return Err(failed.join("; "));
    }
    match published {
        0 => Err("None of your scorecards of this loop is submitted yet; submit it on the Scorecard screen first".to_string()),
        1 => Ok("Published 1 scorecard to the loop folder".to_string()),
        n => Ok(format!("Published {n} scorecards to the loop folder")),
    }
}
