//! A candidate's decision on record: the version that stands, the dated versions before it,
//! records set aside with why, and amending it. An amendment is a new signed record naming the
//! one it amends and why; nothing on record is ever overwritten, so a change of mind stays
//! visible.

use super::{LoopFrame, Unsaved, seal_and_append};
use crate::model::decision::{Decision, DecisionRecord, Dissent};
use crate::model::decision_log::DecisionHistory;
use crate::model::loop_plan::LoopPlan;
use crate::model::loop_status::CandidateStatus;
use crate::model::panel::person_key;
use crate::store::loop_folder::LoopFolder;
use crate::ui::style::theme;

/// An amendment being written.
pub struct AmendForm {
    /// The record that stands, as read from the folder: the one amended.
    pub previous: DecisionRecord,
    /// The new version, starting as everything the previous one says.
    pub draft: DecisionRecord,
    /// Attendees and dissenters as typed (comma-separated).
    pub attendees: String,
    pub dissent: String,
    /// Why the last attempt to save it failed.
    pub error: Option<String>,
    /// Just opened: the reason field, the one thing every amendment needs, takes the focus.
    focus_reason: bool,
}

impl AmendForm {
    /// A form prefilled from `previous`, with the scorecards as they stand now (one may have
    /// arrived since), signed by `chair` (the person amending).
    fn new(
        previous: &DecisionRecord,
        plan: &LoopPlan,
        status: &CandidateStatus,
        sessions: &[crate::model::Session],
        chair: &str,
        now: chrono::DateTime<chrono::FixedOffset>,
    ) -> AmendForm {
        let mut draft = previous.amend("", now);
        draft.refresh_evidence(plan, status, sessions);
        if !chair.trim().is_empty() {
            draft.chair = chair.trim().to_string();
        }
        AmendForm {
            attendees: previous.attendees.join(", "),
            dissent: previous
                .dissent
                .iter()
                .map(|d| d.name.trim())
                .collect::<Vec<_>>()
                .join(", "),
            previous: previous.clone(),
            draft,
            error: None,
            focus_reason: true,
        }
    }

    /// The amendment as it would be sealed at `now`: the names as typed, a dissenter's earlier
    /// note kept, and no override reason once the call agrees with the rule.
    fn record(&self, now: chrono::DateTime<chrono::FixedOffset>) -> DecisionRecord {
        let mut record = self.draft.clone();
        // Named when it is sealed, so a retry after a failed write gets a name of its own.
        record.id = self.previous.amend("", now).id;
        record.attendees = super::debrief::names(&self.attendees);
        record.dissent = super::debrief::names(&self.dissent)
            .into_iter()
            .map(|name| {
                let key = person_key(&name);
                self.previous
                    .dissent
                    .iter()
                    .find(|d| person_key(&d.name) == key)
                    .cloned()
                    .map(|earlier| Dissent {
                        name: name.clone(),
                        ..earlier
                    })
                    .unwrap_or(Dissent {
                        name,
                        preferred: None,
                        note: String::new(),
                    })
            })
            .collect();
        if !record.is_override() {
            record.override_reason.clear();
        }
        record
    }

    fn reason_mut(&mut self) -> &mut String {
        &mut self
            .draft
            .amends
            .get_or_insert_with(Default::default)
            .reason
    }
}

/// The history of `candidate`'s decision in loop `loop_id`, if any record names them.
fn history_of<'a>(
    histories: &'a [DecisionHistory],
    loop_id: &str,
    candidate: &str,
) -> Option<&'a DecisionHistory> {
    let key = person_key(candidate);
    histories
        .iter()
        .find(|h| h.loop_id == loop_id && person_key(&h.candidate) == key)
}

fn when(record: &DecisionRecord) -> String {
    record
        .decided_at
        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|| "undated".into())
}

fn call(record: &DecisionRecord) -> &'static str {
    record.decision.map_or("no decision", Decision::label)
}

/// The decision on record for `status`'s candidate, its earlier versions and the amendment
/// form. Returns true when a decision stands (then a new one is recorded as an amendment).
pub fn ui(
    ui: &mut egui::Ui,
    state: &mut LoopFrame<'_>,
    folder: &std::sync::Arc<LoopFolder>,
    plan: &LoopPlan,
    status: &CandidateStatus,
    sessions: &[crate::model::Session],
) -> bool {
    let histories = state.view.histories();
    let Some(history) = history_of(&histories, &plan.id, &status.candidate) else {
        return false;
    };
    let tokens = theme::tokens(ui);
    let records = &folder.decisions;
    ui.add_space(4.0);
    let standing = history
        .current()
        .and_then(|i| records.get(i).map(|d| (i, d)));
    if let Some((index, current)) = standing {
        ui.strong("Decision on record");
        ui.group(|ui| {
            ui.set_min_width(ui.available_width().min(720.0));
            current_ui(ui, state, index, current, tokens);
        });
        if state.view.debrief.amend.is_some() {
            amend_ui(ui, state);
        }
    }
    let earlier = history.chain.len().saturating_sub(1);
    if earlier > 0 {
        ui.add_space(6.0);
        ui.strong(format!("Earlier versions ({earlier})"));
        for position in (0..earlier).rev() {
            let (Some(record), Some(next)) = (
                records.get(history.chain[position]).map(|d| &d.record),
                records.get(history.chain[position + 1]).map(|d| &d.record),
            ) else {
                continue;
            };
            let what = if position == 0 {
                "Original decision"
            } else {
                "Amendment"
            };
            ui.label(format!(
                "{} · {what}: {} · chair {}",
                when(record),
                call(record),
                record.chair.trim()
            ));
            let changes = history.changes.get(position).cloned().unwrap_or_default();
            ui.label(
                egui::RichText::new(format!(
                    "Amended {}: {}",
                    when(next),
                    if changes.is_empty() {
                        "no change recorded".to_string()
                    } else {
                        changes.join("; ")
                    }
                ))
                .small()
                .weak(),
            );
        }
    }
    for (index, why) in &history.set_aside {
        if let Some(record) = records.get(*index) {
            let file = record
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            ui.colored_label(
                tokens.warn,
                format!(
                    "Set aside: {file} ({}, {}): {why}",
                    call(&record.record),
                    when(&record.record)
                ),
            );
        }
    }
    ui.add_space(6.0);
    if standing.is_some() && state.view.debrief.amend.is_none() {
        // The form that would start a second, separate decision is not offered: amending keeps
        // the change on record.
        ui.label(
            egui::RichText::new("To change this decision, amend it: the decision on record stays, dated, with the amendment after it.")
                .small()
                .weak(),
        );
    }
    // Opened here rather than in the button's frame, so the form has the scorecards of this
    // read of the folder.
    if state.view.debrief.open_amend
        && let Some((_, current)) = standing
    {
        state.view.debrief.open_amend = false;
        let chair = state.shared.prefs.interviewer.clone();
        let now = state.view.now();
        state.view.debrief.amend = Some(AmendForm::new(
            &current.record,
            plan,
            status,
            sessions,
            &chair,
            now,
        ));
    }
    standing.is_some()
}

/// The version that stands, with its actions.
fn current_ui(
    ui: &mut egui::Ui,
    state: &mut LoopFrame<'_>,
    index: usize,
    current: &crate::store::loop_folder::LoadedDecision,
    tokens: &theme::Palette,
) {
    let record = &current.record;
    ui.label(
        egui::RichText::new(format!("Decision: {}", call(record)))
            .strong()
            .size(18.0),
    );
    let verb = if record.amends.is_some() {
        "Amended"
    } else {
        "Decided"
    };
    ui.label(
        egui::RichText::new(format!(
            "{verb} {} · chair {} · {}",
            when(record),
            record.chair.trim(),
            current.trust.label()
        ))
        .small()
        .weak(),
    );
    if let Some(amends) = &record.amends {
        ui.label(format!(
            "Reason for the amendment: {}",
            amends.reason.trim()
        ));
    }
    ui.label(format!("Why: {}", record.rationale.trim()));
    let mut people = format!("Attendees: {}", record.attendees.join(", "));
    if !record.dissent.is_empty() {
        let names: Vec<&str> = record.dissent.iter().map(|d| d.name.trim()).collect();
        people.push_str(&format!(" · Dissent: {}", names.join(", ")));
    }
    ui.label(people);
    if record.is_override() {
        let rule = record
            .mechanical
            .as_ref()
            .map_or("", |m| m.decision.label());
        ui.colored_label(
            tokens.warn,
            format!(
                "Overrides the rule's call ({rule}): {}",
                record.override_reason.trim()
            ),
        );
    }
    if !current.trust.counts() {
        ui.colored_label(
            tokens.bad,
            "This record does not count: its seal does not hold.",
        );
    }
    ui.horizontal_wrapped(|ui| {
        let amending = state.view.debrief.amend.is_some() || state.view.is_writing();
        if ui
            .add_enabled(!amending, egui::Button::new("Amend decision…"))
            .on_hover_text(
                "Record a change of decision, with its reason; this version stays on record",
            )
            .clicked()
        {
            state.view.debrief.open_amend = true;
        }
        if ui.button("Export Markdown…").clicked() {
            state.view.export_decision(ui.ctx(), index, false);
        }
        if ui.button("Export PDF…").clicked() {
            state.view.export_decision(ui.ctx(), index, true);
        }
    });
}

/// The amendment: prefilled from the decision on record; the reason is required; Save seals
/// it with the local key and adds it to the folder as a new file.
fn amend_ui(ui: &mut egui::Ui, state: &mut LoopFrame<'_>) {
    let now = state.view.now();
    let writing = state.view.is_writing();
    let Some(form) = state.view.debrief.amend.as_mut() else {
        return;
    };
    let mut save = false;
    let mut cancel = false;
    ui.add_space(6.0);
    ui.group(|ui| {
        ui.set_min_width(ui.available_width().min(720.0));
        ui.strong(format!(
            "Amend the decision of {} ({})",
            when(&form.previous),
            call(&form.previous)
        ));
        ui.horizontal_wrapped(|ui| {
            for decision in Decision::ALL {
                ui.selectable_value(&mut form.draft.decision, Some(decision), decision.label());
            }
        });
        egui::Grid::new("amend_form")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                let label = ui.label("Reason for the amendment");
                let reason = ui
                    .add(
                        egui::TextEdit::multiline(form.reason_mut())
                            .desired_rows(2)
                            .hint_text(
                                "Required: what changed, e.g. the reference check came back",
                            ),
                    )
                    .labelled_by(label.id);
                if std::mem::take(&mut form.focus_reason) {
                    reason.request_focus();
                }
                ui.end_row();
                super::debrief::decision_rows(
                    ui,
                    &mut form.draft,
                    &mut form.attendees,
                    &mut form.dissent,
                );
            });
        let record = form.record(now);
        let problems = record.problems(Some(&form.previous));
        let warn = ui.visuals().warn_fg_color;
        for problem in &problems {
            ui.colored_label(warn, problem);
        }
        let changes = record.changes_from(&form.previous);
        if !changes.is_empty() {
            ui.label(
                egui::RichText::new(format!("This amendment records: {}", changes.join("; ")))
                    .small()
                    .weak(),
            );
        }
        if let Some(error) = &form.error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        ui.horizontal_wrapped(|ui| {
            save = ui
                .add_enabled(
                    problems.is_empty() && !writing,
                    egui::Button::new("Seal the amendment and add it to the folder"),
                )
                .clicked();
            cancel = ui.button("Cancel the amendment").clicked();
        });
    });
    if cancel {
        state.view.debrief.amend = None;
    } else if save
        && let Some(folder) = state.view.folder.as_ref().map(|f| f.folder.clone())
        && let Some(mut form) = state.view.debrief.amend.take()
    {
        form.error = None;
        let record = form.record(now);
        let previous = form.previous.clone();
        let keys_dir = state.shared.dirs.root.join("keys");
        state
            .view
            .write_keeping(ui.ctx(), Unsaved::Amendment(Box::new(form)), move || {
                seal_and_append(keys_dir, folder, record, Some(previous), now)
            });
    }
}
