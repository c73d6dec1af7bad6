//! The live interview: one question at a time, large and calm, with the rubric as checkboxes
//! that can be ticked from the keyboard while the notes field keeps focus.

mod dialogs;

use dialogs::{ad_hoc_ui, finish_ui};

use crate::model::scoring::{suggested_rating, suggestion_reason};
use crate::model::session::{QuestionState, Rating, Session};
use crate::ui::command::{Command, Commands};
use crate::ui::session::ActiveSession;
use crate::ui::shared::{Shared, View};
use crate::ui::shell::shortcuts::{self, Action};
use crate::ui::widgets::{badges, buttons, rating};

/// UI-only state of the Interview view.
#[derive(Default)]
pub struct InterviewViewState {
    /// The Shortcuts button was pressed this frame.
    toggle_cheat_sheet: bool,
    pub ad_hoc: Option<AdHocForm>,
    pub confirm_finish: bool,
    /// The question whose notes last received focus, so focus moves with the question.
    focused_for: Option<(String, usize)>,
}

#[derive(Default)]
pub struct AdHocForm {
    pub prompt: String,
    pub points: String,
    /// The Question field has been given focus once; after that the user moves it.
    focused: bool,
}

/// Id of the ad-hoc dialog's Question field.
pub fn ad_hoc_question_id() -> egui::Id {
    egui::Id::unique("ad_hoc_question")
}

/// Id of the ad-hoc dialog's rubric field.
pub fn ad_hoc_points_id() -> egui::Id {
    egui::Id::unique("ad_hoc_points")
}

/// Id of the notes field; tests and focus handling use it.
pub fn notes_id(question: usize) -> egui::Id {
    egui::Id::unique(("interview_notes", question))
}

/// What the Interview's parts draw with: their own state, what every screen shares, the open
/// interview (edited in place), and the commands for everything else.
pub struct InterviewFrame<'a> {
    pub view: &'a mut InterviewViewState,
    pub shared: &'a Shared,
    pub active: Option<&'a mut ActiveSession>,
    pub commands: &'a mut Commands,
}

pub fn ui(
    ui: &mut egui::Ui,
    view: &mut InterviewViewState,
    shared: &Shared,
    active: Option<&mut ActiveSession>,
    commands: &mut Commands,
) {
    let state = &mut InterviewFrame {
        view,
        shared,
        active,
        commands,
    };
    let Some(active) = state.active.as_mut() else {
        empty_ui(ui);
        return;
    };
    if active.session.finished_at.is_some() {
        // A finished interview is edited on the scorecard, where changes after submission
        // become amendments; the live screen must not change it behind the seal.
        let mut open_scorecard = false;
        egui::CentralPanel::default().show(ui, |ui| {
            ui.vertical_centered(|ui| {
                ui.add_space(80.0);
                ui.heading(format!(
                    "The interview with {} is finished",
                    active.session.candidate
                ));
                ui.label("Review ratings and notes, and make the call, on the scorecard.");
                ui.add_space(8.0);
                open_scorecard = ui.button("Open the scorecard").clicked();
            });
        });
        if open_scorecard {
            state.commands.push(Command::ShowView(View::Scorecard));
        }
        return;
    }
    if active.session.questions.is_empty() {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.vertical_centered(|ui| {
                ui.add_space(60.0);
                ui.heading("This interview has no questions");
                ui.label(
                    "Add an ad-hoc question (Ctrl+J), or go back to the Bank and build a plan.",
                );
                if ui.button("Add a question").clicked() {
                    state.view.ad_hoc = Some(AdHocForm::default());
                }
            });
        });
        ad_hoc_ui(ui, state);
        return;
    }
    handle_shortcuts(ui, state);
    let Some(active) = state.active.as_mut() else {
        return;
    };
    let view = &mut state.view;
    let mut changed = false;
    let mut finish = false;

    let save_status = active_status(&active.autosave_status(), active.has_unsaved_changes());
    let saved_hover = saved_ago(&active.autosave_status());
    egui::Panel::top("interview_header").show(ui, |ui| {
        ui.add_space(6.0);
        header_ui(
            ui,
            &mut active.session,
            view,
            &mut changed,
            &mut finish,
            save_status,
            &saved_hover,
        );
        ui.add_space(4.0);
        progress_ui(ui, &mut active.session, &mut changed);
        ui.add_space(6.0);
    });
    // The notes get their usual room in a normal window, and never more than half of a small
    // or zoomed one, so the question stays readable beside them.
    let width = ui.available_width();
    egui::Panel::right("interview_side")
        .resizable(true)
        .default_size((width * 0.38).clamp(260.0, 440.0))
        .min_size(240.0)
        .max_size((width * 0.5).max(240.0))
        .show(ui, |ui| {
            // Scrolls when short (a small window, a large zoom) so the rating and the buttons
            // stay within reach.
            egui::ScrollArea::vertical()
                .id_salt("interview_side_scroll")
                .show(ui, |ui| {
                    side_ui(ui, &mut active.session, view, &mut changed)
                });
        });
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical()
            .id_salt("interview_question")
            .auto_shrink(false)
            .show(ui, |ui| {
                question_ui(ui, &mut active.session, &mut changed);
            });
    });
    if changed {
        active.changed();
    }
    if finish || view.confirm_finish {
        finish_ui(ui, state);
    }
    ad_hoc_ui(ui, state);
    if std::mem::take(&mut state.view.toggle_cheat_sheet) {
        state.commands.push(Command::ToggleCheatSheet);
    }
}

fn empty_ui(ui: &mut egui::Ui) {
    egui::CentralPanel::default().show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(80.0);
            ui.heading("No interview in progress");
            ui.add_space(6.0);
            ui.label("Build a plan in the Bank view, then press Start interview.");
            ui.label(
                egui::RichText::new(
                    "Interviews you started earlier are offered for resuming when the app starts.",
                )
                .weak(),
            );
        });
    });
}

fn active_status(status: &crate::store::autosave::AutosaveStatus, dirty: bool) -> (String, bool) {
    // Short: the reason and what to do are in the notices strip, where they cannot cover a
    // button.
    if status.last_error.is_some() {
        return ("⚠ Not saved".to_string(), true);
    }
    // Two short words of near equal width, so the header does not shift as saves come and go;
    // how long ago is on hover.
    let text = if dirty { "Saving…" } else { "✔ Saved" };
    (text.to_string(), false)
}

/// The save status's hover text: when the interview last reached the disk.
fn saved_ago(status: &crate::store::autosave::AutosaveStatus) -> String {
    match status.last_saved {
        Some(at) => format!(
            "Everything typed is written to disk within a second; last written {} s ago",
            at.elapsed().as_secs()
        ),
        None => "Everything typed is written to disk within a second".to_string(),
    }
}

/// Room the header's right-hand group (save status, Shortcuts, Finish) needs; with less left
/// beside the candidate and the clock it moves to a row of its own instead of covering Pause.
const HEADER_RIGHT_GROUP_WIDTH: f32 = 270.0;

fn header_ui(
    ui: &mut egui::Ui,
    session: &mut Session,
    view: &mut InterviewViewState,
    changed: &mut bool,
    finish: &mut bool,
    (save_text, save_error): (String, bool),
    saved_hover: &str,
) {
    let mut wrapped = false;
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(&session.candidate).size(20.0).strong());
        if !session.role.is_empty() {
            ui.label(egui::RichText::new(format!("· {}", session.role)).weak());
        }
        ui.add_space(12.0);
        let planned = session.target_minutes as f64 * 60.0;
        let over = planned > 0.0 && session.elapsed_secs > planned;
        let clock = format!(
            "{} / {}",
            clock_text(session.elapsed_secs),
            clock_text(planned)
        );
        ui.label(
            egui::RichText::new(clock)
                .size(18.0)
                .monospace()
                .color(calm_colour(ui, over)),
        )
        .on_hover_text("Interview time, pauses excluded, against the plan");
        let pause_text = if session.paused {
            "▶ Resume clock"
        } else {
            "⏸ Pause"
        };
        if ui
            .button(pause_text)
            .on_hover_text(shortcuts::hint(Action::PauseClock))
            .clicked()
        {
            session.paused = !session.paused;
            *changed = true;
        }
        if session.paused {
            ui.label(egui::RichText::new("Paused").color(ui.visuals().warn_fg_color));
        }
        if ui.available_width() >= HEADER_RIGHT_GROUP_WIDTH {
            header_actions_ui(ui, view, finish, &save_text, save_error, saved_hover);
        } else {
            wrapped = true;
        }
    });
    if wrapped {
        ui.horizontal(|ui| {
            header_actions_ui(ui, view, finish, &save_text, save_error, saved_hover)
        });
    }
}

/// Finish, the cheat sheet and the save status, right-aligned.
fn header_actions_ui(
    ui: &mut egui::Ui,
    view: &mut InterviewViewState,
    finish: &mut bool,
    save_text: &str,
    save_error: bool,
    saved_hover: &str,
) {
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        if ui
            .button(egui::RichText::new("Finish ✔").strong())
            .on_hover_text(shortcuts::hint(Action::Finish))
            .clicked()
        {
            *finish = true;
        }
        if ui.button("Shortcuts (F1)").clicked() {
            view.toggle_cheat_sheet = true;
        }
        let colour = if save_error {
            ui.visuals().error_fg_color
        } else {
            ui.visuals().weak_text_color()
        };
        ui.label(egui::RichText::new(save_text).small().color(colour))
            .on_hover_text(saved_hover);
    });
}

/// Grey while on time, a muted amber when over: noticeable to the interviewer, not alarming.
fn calm_colour(ui: &egui::Ui, over: bool) -> egui::Color32 {
    if over {
        crate::ui::style::theme::tokens(ui).over_time
    } else {
        ui.visuals().text_color()
    }
}

pub fn clock_text(secs: f64) -> String {
    let secs = secs.max(0.0) as u64;
    format!("{}:{:02}", secs / 60, secs % 60)
}

fn progress_ui(ui: &mut egui::Ui, session: &mut Session, changed: &mut bool) {
    let mut go_to = None;
    let mut moves: Option<(usize, usize)> = None;
    let current = session.current;
    let len = session.questions.len();
    ui.horizontal_wrapped(|ui| {
        for (index, outcome) in session.questions.iter().enumerate() {
            let (symbol, colour) = state_style(ui, outcome.state);
            let mut text = format!("{} {}", index + 1, symbol);
            if outcome.flagged {
                text.push_str(" ⚑");
            }
            let rich = egui::RichText::new(text).color(colour);
            let rich = if index == current {
                rich.strong().underline()
            } else {
                rich
            };
            let name = format!(
                "Question {}: {}{}",
                index + 1,
                outcome.state.label(),
                if outcome.flagged { ", flagged" } else { "" }
            );
            let response = ui
                .selectable_label(index == current, rich)
                .on_hover_text(format!("{name}\n{}", outcome.question.prompt));
            response.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::Button, true, index == current, &name)
            });
            if response.clicked() {
                go_to = Some(index);
            }
            if index > current {
                response.context_menu(|ui| {
                    if ui
                        .add_enabled(index > current + 1, egui::Button::new("Move earlier"))
                        .clicked()
                    {
                        moves = Some((index, index - 1));
                        ui.close();
                    }
                    if ui
                        .add_enabled(index + 1 < len, egui::Button::new("Move later"))
                        .clicked()
                    {
                        moves = Some((index, index + 1));
                        ui.close();
                    }
                });
            }
        }
        ui.label(
            egui::RichText::new("Right-click a later question to reorder")
                .small()
                .weak(),
        );
    });
    if let Some(index) = go_to {
        *changed |= session.go_to(index);
    }
    if let Some((from, to)) = moves {
        *changed |= session.move_remaining(from, to);
    }
}

fn state_style(ui: &egui::Ui, state: QuestionState) -> (&'static str, egui::Color32) {
    match state {
        QuestionState::NotAsked => ("○", ui.visuals().weak_text_color()),
        QuestionState::InProgress => ("◐", ui.visuals().hyperlink_color),
        QuestionState::Covered => ("●", crate::ui::style::theme::tokens(ui).good),
        QuestionState::Skipped => ("–", ui.visuals().weak_text_color()),
    }
}

fn question_ui(ui: &mut egui::Ui, session: &mut Session, changed: &mut bool) {
    let at = session.elapsed_secs;
    let index = session.current;
    let total = session.questions.len();
    let Some(outcome) = session.current_outcome_mut() else {
        return;
    };
    let q = outcome.question.clone();
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(format!("Question {} of {}", index + 1, total)).weak());
        badges::level_badge(ui, q.level);
        ui.label(egui::RichText::new(&q.category_title).weak());
        let over = outcome.time_secs > q.minutes as f64 * 60.0;
        ui.label(
            egui::RichText::new(format!(
                "{} / {}:00",
                clock_text(outcome.time_secs),
                q.minutes
            ))
            .monospace()
            .color(calm_colour(ui, over)),
        )
        .on_hover_text("Time on this question against its suggested minutes");
        if outcome.flagged {
            ui.label(egui::RichText::new("⚑ Flagged").color(ui.visuals().warn_fg_color));
        }
    });
    ui.add_space(8.0);
    ui.label(egui::RichText::new(&q.prompt).size(26.0).strong());
    ui.add_space(16.0);

    ui.label(
        egui::RichText::new("What to listen for")
            .size(15.0)
            .strong(),
    );
    ui.add_space(4.0);
    for (i, point) in q.listen_for.iter().enumerate() {
        let mut ticked = outcome.is_ticked(i);
        let text = egui::RichText::new(format!("{}. {point}", i + 1)).size(18.0);
        let response = ui
            .add(egui::Checkbox::new(&mut ticked, text))
            .on_hover_text(format!("Ctrl+{}", i + 1));
        if response.changed() {
            outcome.toggle_point(i, at);
            *changed = true;
        }
        ui.add_space(2.0);
    }
    if q.listen_for.is_empty() {
        ui.label(egui::RichText::new("No rubric points: rate from your notes.").weak());
    }
    if !q.red_flags.is_empty() {
        ui.add_space(12.0);
        ui.label(
            egui::RichText::new("Red flags")
                .size(15.0)
                .strong()
                .color(ui.visuals().warn_fg_color),
        );
        for (i, flag) in q.red_flags.iter().enumerate() {
            let mut observed = outcome.is_flag_observed(i);
            let text = egui::RichText::new(format!("{}. {flag}", i + 1)).size(16.0);
            if ui
                .add(egui::Checkbox::new(&mut observed, text))
                .on_hover_text(format!("Observed · Ctrl+Shift+{}", i + 1))
                .changed()
            {
                outcome.toggle_red_flag(i, at);
                *changed = true;
            }
        }
    }
    if !q.follow_ups.is_empty() {
        ui.add_space(12.0);
        ui.label(egui::RichText::new("Follow-ups").size(15.0).strong());
        for (i, follow_up) in q.follow_ups.iter().enumerate() {
            let mut asked = outcome.is_follow_up_asked(i);
            if ui
                .checkbox(&mut asked, egui::RichText::new(follow_up).size(16.0))
                .on_hover_text("Mark as asked")
                .changed()
            {
                outcome.toggle_follow_up(i, at);
                *changed = true;
            }
        }
    }
    ui.add_space(12.0);
    crate::ui::widgets::question_preview::reference_ui(ui, &q.id, &q.answer, &q.example);
}

fn side_ui(
    ui: &mut egui::Ui,
    session: &mut Session,
    view: &mut InterviewViewState,
    changed: &mut bool,
) {
    let index = session.current;
    let session_id = session.id.clone();
    let len = session.questions.len();
    let Some(outcome) = session.current_outcome_mut() else {
        return;
    };
    ui.add_space(8.0);
    let label = ui.label(egui::RichText::new("Notes").strong());
    let notes = egui::TextEdit::multiline(&mut outcome.notes)
        .id(notes_id(index))
        .hint_text("What the candidate said and did…")
        .desired_rows(12)
        .desired_width(f32::INFINITY)
        .font(egui::TextStyle::Body);
    let response = egui::ScrollArea::vertical()
        .id_salt("notes_scroll")
        .max_height(ui.available_height() * 0.5)
        .show(ui, |ui| ui.add(notes).labelled_by(label.id))
        .inner;
    if response.changed() {
        *changed = true;
    }
    // The notes take focus whenever a question opens (after Start, after moving on), unless a
    // dialog on top is taking the keys. Keys typed meanwhile wait for it (see `input_hold`).
    let key = (session_id, index);
    if view.focused_for.as_ref() != Some(&key) && view.ad_hoc.is_none() {
        response.request_focus();
        view.focused_for = Some(key);
    }
    ui.add_space(10.0);
    let suggestion = suggested_rating(outcome).zip(suggestion_reason(outcome));
    if rating::rating_ui(ui, &mut outcome.rating, suggestion) {
        *changed = true;
    }
    ui.add_space(10.0);
    ui.horizontal_wrapped(|ui| {
        if buttons::icon_button_enabled(ui, index > 0, "◀ Previous", "Previous question")
            .on_hover_text(shortcuts::hint(Action::PreviousQuestion))
            .clicked()
        {
            *changed |= session.previous_question();
        }
        if ui
            .button("Skip")
            .on_hover_text(shortcuts::hint(Action::SkipQuestion))
            .clicked()
        {
            session.skip_current();
            *changed = true;
        }
        let flagged = session.current_outcome().is_some_and(|o| o.flagged);
        if ui
            .selectable_label(flagged, "⚑ Flag")
            .on_hover_text(shortcuts::hint(Action::FlagQuestion))
            .clicked()
        {
            if let Some(o) = session.current_outcome_mut() {
                o.flagged = !o.flagged;
            }
            *changed = true;
        }
        if ui
            .button("+ Ad-hoc")
            .on_hover_text(shortcuts::hint(Action::AddAdHoc))
            .clicked()
        {
            view.ad_hoc = Some(AdHocForm::default());
        }
        if buttons::icon_button_enabled(ui, index + 1 < len, "Next ▶", "Next question")
            .on_hover_text(shortcuts::hint(Action::NextQuestion))
            .clicked()
        {
            *changed |= session.next_question();
        }
    });
    ui.add_space(8.0);
    ui.label(
        egui::RichText::new("Ctrl+1…8 tick points · Ctrl+Shift+1…8 red flags · Ctrl+Alt+1…4 rate · Alt+←/→ move · F1 all keys")
            .small()
            .weak(),
    );
}

fn handle_shortcuts(ui: &mut egui::Ui, state: &mut InterviewFrame<'_>) {
    let triggered = shortcuts::take(ui, shortcuts::Scope::Interview);
    if triggered.is_empty() {
        return;
    }
    let Some(active) = state.active.as_mut() else {
        return;
    };
    let at = active.session.elapsed_secs;
    let mut changed = false;
    for t in triggered {
        let session = &mut active.session;
        match t.action {
            Action::TogglePoint => {
                if let Some(o) = session.current_outcome_mut() {
                    changed |= o.toggle_point(t.arg - 1, at);
                }
            }
            Action::ToggleRedFlag => {
                if let Some(o) = session.current_outcome_mut() {
                    changed |= o.toggle_red_flag(t.arg - 1, at);
                }
            }
            Action::Rate => {
                if let Some(o) = session.current_outcome_mut() {
                    let rating = Rating::from_value(t.arg as u8);
                    o.rating = if o.rating == rating { None } else { rating };
                    changed = true;
                }
            }
            Action::NextQuestion => changed |= session.next_question(),
            Action::PreviousQuestion => changed |= session.previous_question(),
            Action::SkipQuestion => {
                session.skip_current();
                changed = true;
            }
            Action::FlagQuestion => {
                if let Some(o) = session.current_outcome_mut() {
                    o.flagged = !o.flagged;
                    changed = true;
                }
            }
            Action::PauseClock => {
                session.paused = !session.paused;
                changed = true;
            }
            Action::AddAdHoc => state.view.ad_hoc = Some(AdHocForm::default()),
            Action::Finish => state.view.confirm_finish = true,
            _ => {}
        }
    }
    if changed {
        active.changed();
    }
}
