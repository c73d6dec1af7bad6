//! The scorecard of an interview: the evidence per question, the aggregates per category, the
//! overall call, then submitting (which seals it) and amending (which never changes it
//! silently). Exports and History start here too.

pub mod export;
pub mod history;
pub mod overall;
pub mod questions;

mod seal;

use seal::{amendments_ui, seal_ui};

use std::path::PathBuf;

use crate::model::session::{QuestionState, Session, SessionStatus};
use crate::ui::command::Commands;
use crate::ui::session::ActiveSession;
use crate::ui::shared::{PlanDocument, Shared};
use export::ExportState;
use history::HistoryState;
use overall as scorecard_overall;
use questions as scorecard_questions;

/// State of the Scorecard view.
#[derive(Default)]
pub struct ScorecardViewState {
    /// An amendment being written on a copy of the submitted scorecard.
    pub amend: Option<AmendDraft>,
    /// Why the last Submit was refused.
    pub submit_error: Option<String>,
    /// Submit was pressed: the confirmation listing what is not rated is open.
    pub confirm_submit: bool,
    /// Why the last Save amendment was refused.
    pub amend_error: Option<String>,
    pub export: ExportState,
    pub history: HistoryState,
    /// Ask for a typed path instead of opening the system's save dialog (tests, headless use).
    pub typed_paths_only: bool,
    /// The session file this state belongs to; a different one resets the drafts.
    for_path: Option<PathBuf>,
}

/// A copy of a submitted scorecard being amended. The submitted one stays untouched (on
/// screen and on disk) until the amendment is saved with a reason.
pub struct AmendDraft {
    pub draft: Session,
    pub reason: String,
}

/// What the Scorecard's parts draw with: their own state, what every screen shares, the open
/// interview (edited in place), and the commands for everything else.
pub struct ScorecardFrame<'a> {
    pub view: &'a mut ScorecardViewState,
    pub shared: &'a Shared,
    pub active: Option<&'a mut ActiveSession>,
    /// The plan being built in the Bank, read by History before replacing it.
    pub plan: &'a PlanDocument,
    pub commands: &'a mut Commands,
}

impl ScorecardViewState {
    /// Collects History's and the exports' background work, whichever screen is showing.
    pub fn poll(&mut self, ctx: &egui::Context, shared: &Shared, commands: &mut Commands) {
        self.history.poll(ctx, &shared.dirs.sessions(), commands);
        export::poll(
            &mut self.export,
            self.typed_paths_only,
            shared.prefs.export_folder.as_deref(),
            commands,
        );
    }
}

pub fn ui(
    ui: &mut egui::Ui,
    view: &mut ScorecardViewState,
    shared: &Shared,
    active: Option<&mut ActiveSession>,
    plan: &PlanDocument,
    commands: &mut Commands,
) {
    let state = &mut ScorecardFrame {
        view,
        shared,
        active,
        plan,
        commands,
    };
    let current = state.active.as_ref().map(|a| a.path.clone());
    let view = &mut state.view;
    if view.for_path != current {
        view.amend = None;
        view.submit_error = None;
        view.amend_error = None;
        view.for_path = current;
    }
    if state.active.is_some() {
        scorecard_ui(ui, state);
    } else {
        empty_ui(ui, state);
    }
    export::save_ui(ui, state);
    history::window_ui(ui, state);
}

fn scorecard_ui(ui: &mut egui::Ui, state: &mut ScorecardFrame<'_>) {
    let ScorecardFrame {
        active,
        view,
        commands: notices,
        ..
    } = state;
    let Some(active) = active.as_mut() else {
        return;
    };
    let sealed = active.session.is_sealed();
    if !sealed {
        view.amend = None;
    }
    let editing_draft = view.amend.is_some();
    let editable = !sealed || editing_draft;
    let save_text = save_status_text(active);
    let mut open_history = false;
    let mut export = None;
    let mut changed = false;

    egui::Panel::top("scorecard_header").show(ui, |ui| {
        ui.add_space(6.0);
        let shown = match &view.amend {
            Some(amend) => &amend.draft,
            None => &active.session,
        };
        header_ui(ui, shown, editing_draft, &save_text, &mut open_history);
        ui.add_space(4.0);
        match export::bar_ui(ui, &view.export) {
            Some(export::BarAction::Export(format)) => export = Some(format),
            Some(export::BarAction::CopySummary) => {
                let shown = match &view.amend {
                    Some(amend) => &amend.draft,
                    None => &active.session,
                };
                ui.ctx().copy_text(crate::export::summary::summary(shown));
                notices.success(
                    format!(
                        "Summary of {}'s scorecard copied; paste it into the applicant-tracking system",
                        shown.candidate
                    ),
                    None,
                );
            }
            None => {}
        }
        ui.add_space(6.0);
    });
    egui::Panel::right("scorecard_overall")
        .resizable(true)
        .default_size(430.0)
        .min_size(340.0)
        .show(ui, |ui| {
            // Submit and amend stay in view however long the notes are.
            egui::Panel::bottom("scorecard_seal")
                .resizable(false)
                .show(ui, |ui| {
                    seal_ui(ui, active, view, notices);
                    ui.add_space(6.0);
                });
            egui::ScrollArea::vertical()
                .id_salt("scorecard_overall_scroll")
                .auto_shrink(false)
                .show(ui, |ui| {
                    let session = match &mut view.amend {
                        Some(amend) => &mut amend.draft,
                        None => &mut active.session,
                    };
                    changed |= scorecard_overall::ui(ui, session, editable);
                    amendments_ui(ui, &active.session);
                });
        });
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical()
            .id_salt("scorecard_questions")
            .auto_shrink(false)
            // The cards correct the offset as they are measured (see scorecard_questions), and
            // an animated correction would be overridden by the next wheel notch.
            .animated(false)
            .show_viewport(ui, |ui, viewport| {
                let session = match &mut view.amend {
                    Some(amend) => &mut amend.draft,
                    None => &mut active.session,
                };
                changed |= scorecard_questions::ui(ui, viewport, session, editable);
            });
    });
    if changed {
        view.submit_error = None;
        view.amend_error = None;
        // A draft amendment is not the scorecard: it reaches the file only when saved.
        if view.amend.is_none() {
            active.changed();
        }
    }
    if let Some(format) = export {
        let session = active.session.clone();
        view.export.start(ui.ctx(), session, format, notices);
    }
    if open_history {
        history::open(state);
    }
}

fn save_status_text(active: &crate::ui::session::ActiveSession) -> (String, bool) {
    let status = active.autosave_status();
    match (&status.last_error, active.has_unsaved_changes()) {
        // The reason and what to do are in the notices strip.
        (Some(_), _) => ("⚠ Not saved".to_string(), true),
        (None, true) => ("Saving…".to_string(), false),
        (None, false) => ("✔ All changes saved".to_string(), false),
    }
}

fn header_ui(
    ui: &mut egui::Ui,
    session: &Session,
    amending: bool,
    (save_text, save_error): &(String, bool),
    open_history: &mut bool,
) {
    ui.horizontal(|ui| {
        let name = if session.candidate.trim().is_empty() {
            "Unnamed candidate"
        } else {
            session.candidate.as_str()
        };
        ui.label(egui::RichText::new(name).size(22.0).strong());
        if !session.role.trim().is_empty() {
            ui.label(
                egui::RichText::new(format!("· {}", session.role))
                    .size(16.0)
                    .weak(),
            );
        }
        ui.add_space(8.0);
        status_badge(ui, session);
        if amending {
            crate::ui::widgets::badges::badge(
                ui,
                "Amending · not saved yet",
                ui.visuals().warn_fg_color,
            );
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("History…")
                .on_hover_text("All interviews and scorecards on this computer")
                .clicked()
            {
                *open_history = true;
            }
            let colour = if *save_error {
                ui.visuals().error_fg_color
            } else {
                ui.visuals().weak_text_color()
            };
            ui.label(egui::RichText::new(save_text).small().color(colour));
        });
    });
    let mut facts = Vec::new();
    if !session.interviewer.trim().is_empty() {
        facts.push(format!("Interviewer {}", session.interviewer.trim()));
    }
    if let Some(start) = session.started_at {
        facts.push(start.format("%Y-%m-%d %H:%M").to_string());
    }
    let mut duration = format!("Duration {}", duration_text(session.elapsed_secs));
    if session.target_minutes > 0 {
        duration.push_str(&format!(" (planned {} min)", session.target_minutes));
    }
    facts.push(duration);
    if !session.plan_title.trim().is_empty() {
        facts.push(format!("Plan: {}", session.plan_title.trim()));
    }
    ui.label(egui::RichText::new(facts.join("  ·  ")).weak());
    if session.finished_at.is_none() {
        ui.label(
            egui::RichText::new(
                "This interview is still running in the Interview view. You can review it here; submitting finishes it.",
            )
            .color(ui.visuals().warn_fg_color),
        );
    }
    if session.is_tampered() {
        ui.label(
            egui::RichText::new(
                "⚠ This scorecard no longer matches its seal: the file was changed outside the app after it was submitted.",
            )
            .strong()
            .color(ui.visuals().error_fg_color),
        );
    }
}

fn status_badge(ui: &mut egui::Ui, session: &Session) {
    let tokens = crate::ui::style::theme::tokens(ui);
    let colour = match session.status() {
        SessionStatus::InProgress => ui.visuals().hyperlink_color,
        SessionStatus::Finished => tokens.warn,
        SessionStatus::Submitted => tokens.good,
    };
    let text = match session.status() {
        SessionStatus::Finished => "Finished · not submitted",
        status => status.label(),
    };
    crate::ui::widgets::badges::badge(ui, text, colour);
    if session.anonymised {
        crate::ui::widgets::badges::badge(ui, "Anonymised", ui.visuals().weak_text_color());
    }
}

/// Asks before sealing, naming what is unrated or unasked. `Some(true)` submits, `Some(false)`
/// goes back, `None` while the question is open.
fn confirm_submit_ui(ui: &mut egui::Ui, session: &Session) -> Option<bool> {
    let unrated: Vec<String> = session
        .questions
        .iter()
        .enumerate()
        .filter(|(_, o)| o.awaits_rating() && o.state != QuestionState::NotAsked)
        .map(|(i, o)| format!("{}. {}", i + 1, o.question.prompt))
        .collect();
    let unasked: Vec<String> = session
        .questions
        .iter()
        .enumerate()
        .filter(|(_, o)| matches!(o.state, QuestionState::NotAsked | QuestionState::Skipped))
        .map(|(i, o)| format!("{}. {}", i + 1, o.question.prompt))
        .collect();
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::unique("confirm_submit")).show(ui.ctx(), |ui| {
        ui.set_width(520.0);
        ui.heading("Submit this scorecard?");
        ui.label("After submitting, changes can only be added as dated amendments.");
        for (heading, items) in [
            ("Asked but not rated", &unrated),
            ("Not asked or skipped (they count for nothing)", &unasked),
        ] {
            if items.is_empty() {
                continue;
            }
            ui.add_space(6.0);
            ui.label(egui::RichText::new(format!("{heading}: {}", items.len())).strong());
            egui::ScrollArea::vertical()
                .id_salt(heading)
                .max_height(120.0)
                .show(ui, |ui| {
                    for item in items {
                        ui.add(egui::Label::new(egui::RichText::new(item).small()).truncate());
                    }
                });
        }
        if session.recommendation.is_none() {
            ui.add_space(6.0);
            ui.label(
                egui::RichText::new("No overall recommendation is set yet.")
                    .color(ui.visuals().warn_fg_color),
            );
        }
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            if ui
                .button(egui::RichText::new("Submit").strong())
                .on_hover_text("Return")
                .clicked()
                || ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter))
            {
                answer = Some(true);
            }
            if ui.button("Go back").on_hover_text("Escape").clicked() {
                answer = Some(false);
            }
        });
    });
    if answer.is_none() && modal.should_close() {
        answer = Some(false);
    }
    answer
}

/// First letter upper-case, final full stop: errors from the model read as sentences here.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let mut out: String = chars
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default();
    out.push_str(chars.as_str());
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

/// `45 s`, `6 min 10 s`, `1 h 5 min`.
pub fn duration_text(secs: f64) -> String {
    crate::model::format::duration_text(secs)
}

fn empty_ui(ui: &mut egui::Ui, state: &mut ScorecardFrame<'_>) {
    history::ensure_loaded(state);
    let mut open_history = false;
    let mut open = None;
    egui::CentralPanel::default().show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(60.0);
            ui.heading("No scorecard open");
            ui.add_space(6.0);
            ui.label("Finish an interview to review, submit and export its scorecard here, or open an earlier one from History.");
            ui.add_space(10.0);
            if ui.button(egui::RichText::new("Open History…").strong()).clicked() {
                open_history = true;
            }
        });
        let history = &state.view.history;
        if !history.loaded {
            return;
        }
        let expired = crate::store::history::expired(
            &history.entries,
            state.shared.prefs.retention_days,
            chrono::Local::now().fixed_offset(),
        );
        ui.add_space(16.0);
        if !expired.is_empty() {
            ui.vertical_centered(|ui| {
                ui.label(
                    egui::RichText::new(format!(
                        "{} older than {} days still hold{} candidate data. Review them in History to delete or anonymise them.",
                        if expired.len() == 1 { "1 scorecard".to_string() } else { format!("{} scorecards", expired.len()) },
                        state.shared.prefs.retention_days,
                        if expired.len() == 1 { "s" } else { "" }
                    ))
                    .color(ui.visuals().warn_fg_color),
                );
            });
            ui.add_space(8.0);
        }
        let recent: Vec<_> = history.entries.iter().filter(|e| e.summary.is_ok()).take(6).collect();
        if recent.is_empty() {
            return;
        }
        ui.vertical_centered(|ui| {
            ui.set_max_width(640.0);
            ui.label(egui::RichText::new("Recent interviews").strong());
            ui.add_space(4.0);
            for entry in recent {
                let Ok(summary) = &entry.summary else { continue };
                ui.horizontal(|ui| {
                    let date = entry.date().map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
                    let name = if summary.candidate.trim().is_empty() { "Unnamed" } else { summary.candidate.as_str() };
                    ui.label(egui::RichText::new(name).strong());
                    let mut detail = vec![date, summary.status.label().to_string()];
                    if !summary.role.is_empty() {
                        detail.insert(0, summary.role.clone());
                    }
                    ui.label(egui::RichText::new(detail.join(" · ")).weak());
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        let response = ui.button("Open");
                        response.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Open the interview with {name}"))
                        });
                        if response.clicked() {
                            open = Some(entry.path.clone());
                        }
                    });
                });
            }
        });
    });
    if open_history {
        history::open(state);
    }
    if let Some(path) = open {
        history::open_session(state, path);
    }
}
