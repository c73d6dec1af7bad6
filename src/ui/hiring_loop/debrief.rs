//! The debrief, for the meeting on a shared screen: competencies where the panel disagrees
//! most come first, each interviewer's rating with the evidence behind it side by side; the
//! overall calls are revealed together only when every expected scorecard is in (or the chair
//! proceeds without one, which the record keeps); the loop's pre-registered rule stands beside
//! the people's decision, which is sealed and added to the folder.

use super::recorded::AmendForm;
use super::{LoopFrame, Unsaved, seal_and_append};
use crate::model::debrief::{self, Reveal};
use crate::model::decision::{Decision, DecisionRecord, Dissent};
use crate::model::loop_status;
use crate::ui::style::theme;

/// The debrief's own state.
#[derive(Default)]
pub struct DebriefState {
    /// The candidate being discussed.
    pub candidate: Option<String>,
    /// The chair chose to reveal the calls although some scorecards are owed.
    pub proceed_without_missing: bool,
    /// The decision being written.
    pub draft: Option<DecisionRecord>,
    /// Which read of the folder the draft's evidence comes from (the address of that read's
    /// scorecard list), so a scorecard arriving mid-meeting updates it.
    drafted_with: usize,
    /// Names of attendees and of dissenters, as typed (comma-separated).
    pub attendees: String,
    pub dissent: String,
    /// An amendment of the decision on record being written.
    pub amend: Option<AmendForm>,
    /// "Amend decision…" was pressed; the form opens in the next frame.
    pub open_amend: bool,
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
    let sessions = state.view.sessions.clone();
    let statuses = state.view.statuses();
    if statuses.is_empty() {
        ui.label("No candidate has a scorecard of this loop yet.");
        return;
    }
    let debrief = &mut state.view.debrief;
    let chosen = debrief
        .candidate
        .clone()
        .filter(|c| statuses.iter().any(|s| &s.candidate == c))
        .unwrap_or_else(|| statuses[0].candidate.clone());
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Candidate");
        let mut selected = chosen.clone();
        egui::ComboBox::from_id_salt("debrief_candidate")
            .selected_text(&selected)
            .show_ui(ui, |ui| {
                for status in statuses.iter() {
                    ui.selectable_value(&mut selected, status.candidate.clone(), &status.candidate);
                }
            })
            .response
            .labelled_by(label.id);
        if selected != chosen {
            debrief.draft = None;
            debrief.proceed_without_missing = false;
            debrief.amend = None;
            debrief.open_amend = false;
        }
        debrief.candidate = Some(selected);
    });
    let Some(status) = statuses
        .iter()
        .find(|s| Some(&s.candidate) == debrief.candidate.as_ref())
    else {
        return;
    };
    let agenda = debrief::agenda(plan, status, &sessions, debrief.proceed_without_missing);
    let tokens = theme::tokens(ui);
    let decided = super::recorded::ui(ui, state, &folder, plan, status, &sessions);
    let debrief = &mut state.view.debrief;

    ui.add_space(6.0);
    ui.strong("Agenda: where the panel disagrees most comes first");
    for item in &agenda.items {
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new(&item.title).strong());
            match item.spread {
                Some(spread) if item.disagrees() => {
                    ui.colored_label(tokens.disagreement, format!("spread {spread:.1}: discuss"));
                }
                Some(spread) => {
                    ui.label(egui::RichText::new(format!("spread {spread:.1}")).weak());
                }
                None if item.evidence.is_empty() => {
                    ui.colored_label(tokens.warn, "nobody rated it");
                }
                None => {
                    ui.label(egui::RichText::new("one interviewer").weak());
                }
            }
        });
        if item.evidence.is_empty() {
            continue;
        }
        // Side by side, one column per interviewer.
        egui::ScrollArea::horizontal()
            .id_salt(("debrief_evidence", &item.competency_id))
            .show(ui, |ui| {
                ui.horizontal_top(|ui| {
                    for evidence in &item.evidence {
                        ui.group(|ui| {
                            ui.set_width(260.0);
                            ui.vertical(|ui| {
                                ui.strong(format!(
                                    "{} · {}",
                                    evidence.interviewer, evidence.interview_title
                                ));
                                let mean = evidence
                                    .mean
                                    .map(|m| format!("mean rating {m:.1}"))
                                    .unwrap_or_else(|| "no rating".into());
                                ui.label(mean);
                                if evidence.viewed_others_at.is_some() {
                                    ui.colored_label(
                                        tokens.warn,
                                        "saw others' ratings before submitting",
                                    );
                                }
                                for question in &evidence.questions {
                                    ui.separator();
                                    ui.label(egui::RichText::new(&question.prompt).small());
                                    let rating = question
                                        .rating
                                        .map(|r| r.label().to_string())
                                        .unwrap_or_else(|| {
                                            if question.skipped {
                                                "skipped".into()
                                            } else {
                                                "not rated".into()
                                            }
                                        });
                                    ui.label(format!(
                                        "{rating} · {} of {} points",
                                        question.points_ticked.len(),
                                        question.points_total
                                    ));
                                    for flag in &question.red_flags {
                                        ui.colored_label(tokens.bad, format!("⚑ {flag}"));
                                    }
                                    if !question.notes.trim().is_empty() {
                                        ui.label(
                                            egui::RichText::new(question.notes.trim())
                                                .small()
                                                .italics(),
                                        );
                                    }
                                }
                            });
                        });
                    }
                });
            });
    }

    ui.add_space(10.0);
    ui.strong("The calls");
    match &agenda.reveal {
        Reveal::Waiting(missing) => {
            ui.label("The overall calls stay hidden until every expected scorecard is in, so nobody anchors on the first one read.");
            for (interview, interviewer) in missing {
                ui.colored_label(
                    tokens.bad,
                    format!("Waiting for {interviewer} ({interview})"),
                );
            }
            if ui
                .button("Proceed without them")
                .on_hover_text("The decision record will say which scorecards were missing")
                .clicked()
            {
                debrief.proceed_without_missing = true;
            }
        }
        Reveal::ProceedingWithout(missing) => {
            for (interview, interviewer) in missing {
                ui.colored_label(
                    tokens.warn,
                    format!("Proceeding without {interviewer} ({interview}); the record says so"),
                );
            }
        }
        Reveal::Ready => {}
    }
    for call in &agenda.calls {
        let recommendation = call
            .recommendation
            .map(|r| r.label().to_string())
            .unwrap_or_else(|| "no call".into());
        let mut line = format!(
            "{} ({}): {recommendation}",
            call.interviewer, call.interview_title
        );
        if call.viewed_others_at.is_some() {
            line.push_str(" · saw others' ratings before submitting");
        }
        ui.label(line);
    }
    ui.add_space(6.0);
    let mechanical = &agenda.mechanical;
    ui.horizontal_wrapped(|ui| {
        ui.label("The loop's rule says:");
        ui.strong(mechanical.decision.label());
        if let Some(score) = mechanical.weighted_score {
            ui.label(format!(
                "(weighted score {score:.2} over {} scorecards)",
                mechanical.counted
            ));
        }
    });
    for reason in &mechanical.reasons {
        ui.label(egui::RichText::new(format!("• {reason}")).small().weak());
    }
    if !agenda.reveal.shows_calls() || decided {
        return;
    }
    let reading = std::sync::Arc::as_ptr(&sessions) as usize;
    decision_ui(ui, state, plan, status, &sessions, reading);
}

/// The decision form: the call, why, who was there, who disagreed, and an override reason
/// when the call differs from the rule; Seal signs it and adds it to the folder.
fn decision_ui(
    ui: &mut egui::Ui,
    state: &mut LoopFrame<'_>,
    plan: &crate::model::loop_plan::LoopPlan,
    status: &loop_status::CandidateStatus,
    sessions: &[crate::model::Session],
    reading: usize,
) {
    ui.add_space(10.0);
    ui.strong("Decision");
    let chair = state.shared.prefs.interviewer.clone();
    let now = state.view.now();
    let debrief = &mut state.view.debrief;
    if debrief.drafted_with != reading
        && let Some(draft) = &mut debrief.draft
    {
        // The folder was read again: the evidence and the rule's call follow it; what the
        // people wrote stays.
        draft.refresh_evidence(plan, status, sessions);
        if !debrief.proceed_without_missing {
            draft.proceeded_without.clear();
        }
    }
    debrief.drafted_with = reading;
    let draft = debrief.draft.get_or_insert_with(|| {
        let mut record = DecisionRecord::draft(plan, status, sessions, &chair, now);
        if !debrief.proceed_without_missing {
            record.proceeded_without.clear();
        }
        record
    });
    if draft.attendees.is_empty() && debrief.attendees.is_empty() {
        debrief.attendees = chair.clone();
    }
    ui.horizontal_wrapped(|ui| {
        for decision in Decision::ALL {
            ui.selectable_value(&mut draft.decision, Some(decision), decision.label());
        }
    });
    egui::Grid::new("decision_form")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            decision_rows(ui, draft, &mut debrief.attendees, &mut debrief.dissent);
        });
    draft.attendees = names(&debrief.attendees);
    draft.dissent = names(&debrief.dissent)
        .into_iter()
        .map(|name| Dissent {
            name,
            preferred: None,
            note: String::new(),
        })
        .collect();
    let problems = draft.problems(None);
    for problem in &problems {
        ui.colored_label(ui.visuals().warn_fg_color, problem);
    }
    let seal = ui
        .add_enabled(
            problems.is_empty(),
            egui::Button::new("Seal the decision and add it to the folder"),
        )
        .clicked();
    if seal
        && let Some(folder) = state.view.folder.as_ref().map(|f| f.folder.clone())
        && let Some(draft) = state.view.debrief.draft.take()
    {
        let keys_dir = state.shared.dirs.root.join("keys");
        let record = draft.clone();
        state
            .view
            .write_keeping(ui.ctx(), Unsaved::Decision(Box::new(draft)), move || {
                seal_and_append(keys_dir, folder, record, None, now)
            });
    }
}

/// Names from a comma-separated list, trimmed, blanks left out.
/// The rows of a decision form inside its grid (chair, why, attendees, dissent, and the
/// override reason when the call differs from the rule), shared by a new decision and an
/// amendment. Attendees and dissent are edited as the comma-separated text people type.
pub(super) fn decision_rows(
    ui: &mut egui::Ui,
    draft: &mut DecisionRecord,
    attendees: &mut String,
    dissent: &mut String,
) {
    let label = ui.label("Chair");
    ui.text_edit_singleline(&mut draft.chair)
        .labelled_by(label.id);
    ui.end_row();
    let label = ui.label("Why");
    ui.add(
        egui::TextEdit::multiline(&mut draft.rationale)
            .desired_rows(3)
            .hint_text("The evidence the decision rests on"),
    )
    .labelled_by(label.id);
    ui.end_row();
    let label = ui.label("Attendees");
    ui.add(egui::TextEdit::singleline(attendees).hint_text("Names, separated by commas"))
        .labelled_by(label.id);
    ui.end_row();
    let label = ui.label("Dissent");
    ui.add(egui::TextEdit::singleline(dissent).hint_text("Who disagreed, separated by commas"))
        .labelled_by(label.id);
    ui.end_row();
    if draft.is_override() {
        let label = ui.label("Override reason");
        ui.add(
            egui::TextEdit::multiline(&mut draft.override_reason)
                .desired_rows(2)
                .hint_text("Required: why the decision differs from the loop's rule"),
        )
        .labelled_by(label.id);
        ui.end_row();
    }
}

pub(super) fn names(text: &str) -> Vec<String> {
    text.split([',', ';'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect()
}
