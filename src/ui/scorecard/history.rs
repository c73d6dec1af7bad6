//! History: every interview and scorecard in the sessions folder, searchable, with open,
//! duplicate-as-plan and delete, and the retention offer (delete or anonymise scorecards
//! older than the chosen number of days).
//!
//! The list is read on a worker thread when History opens or is refreshed, never per frame;
//! deleting and anonymising also run off the UI thread.

use std::path::PathBuf;

use crate::model::session::SessionStatus;
use crate::store::history::{self, HistoryEntry};
use crate::store::plans;
use crate::ui::command::{Command, Commands, HistoryCommand};
use crate::ui::scorecard::ScorecardFrame;
use crate::ui::shared::{PlanDocument, View};
use crate::ui::tasks::{Polled, Task, take_finished};
use crate::ui::widgets::focus;

/// What a confirmation window is about to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Confirm {
    Delete {
        path: PathBuf,
        name: String,
    },
    RetentionDelete(Vec<PathBuf>),
    RetentionAnonymise(Vec<PathBuf>),
    /// Duplicating an interview as a plan would replace a plan that is not saved.
    ReplacePlan {
        path: PathBuf,
        title: String,
        questions: usize,
    },
}

/// What happened to each file of a bulk delete or anonymise.
type BulkResults = Vec<(PathBuf, Result<(), String>)>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Bulk {
    Delete,
    Anonymise,
}

/// UI state of History (kept in the Scorecard view's state).
#[derive(Default)]
pub struct HistoryState {
    pub open: bool,
    pub entries: Vec<HistoryEntry>,
    /// True once a load has finished; the empty state uses it to load only once.
    pub loaded: bool,
    pub query: String,
    /// `None` shows every state.
    pub status: Option<SessionStatus>,
    pub confirm: Option<Confirm>,
    loading: Option<Task<Vec<HistoryEntry>>>,
    working: Option<(Bulk, Task<BulkResults>)>,
    /// Rows matching the search, as indices into `entries`, and what they were computed for.
    filtered: Vec<usize>,
    filtered_for: Option<(String, Option<SessionStatus>, usize)>,
    generation: usize,
}

impl HistoryState {
    /// Starts reading the folder on a worker thread; the list updates when it is done.
    pub fn refresh(&mut self, dir: PathBuf) {
        let worker_dir = dir.clone();
        match Task::spawn("history-load", None, move || {
            history::list_history(&worker_dir)
        }) {
            Ok(task) => self.loading = Some(task),
            Err(_) => {
                // Without a thread the list is still worth having; it is a one-off read.
                self.loading = None;
                self.set_entries(history::list_history(&dir));
            }
        }
    }

    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    pub fn is_working(&self) -> bool {
        self.working.is_some()
    }

    fn set_entries(&mut self, entries: Vec<HistoryEntry>) {
        self.entries = entries;
        self.loaded = true;
        self.generation += 1;
        self.filtered_for = None;
    }

    /// Rows matching the current search and state filter.
    pub fn visible(&mut self) -> &[usize] {
        let key = (self.query.clone(), self.status, self.generation);
        if self.filtered_for.as_ref() != Some(&key) {
            self.filtered = self
                .entries
                .iter()
                .enumerate()
                .filter(|(_, e)| match &e.summary {
                    Ok(s) => s.matches(&self.query) && self.status.is_none_or(|st| st == s.status),
                    // Unreadable files show only when not filtering, so they can be found and removed.
                    Err(_) => self.query.trim().is_empty() && self.status.is_none(),
                })
                .map(|(i, _)| i)
                .collect();
            self.filtered_for = Some(key);
        }
        &self.filtered
    }
}

/// Loads the list if nothing was loaded yet (the first time History or the empty Scorecard
/// view is shown).
pub fn ensure_loaded(state: &mut ScorecardFrame<'_>) {
    let history = &mut state.view.history;
    if !history.loaded && !history.is_loading() {
        history.refresh(state.shared.dirs.sessions());
    }
}

/// Opens the History window and reloads the list.
pub fn open(state: &mut ScorecardFrame<'_>) {
    state.view.history.open = true;
    let dir = state.shared.dirs.sessions();
    state.view.history.refresh(dir);
}

impl HistoryState {
    /// Collects finished background work (called by the app every frame, whichever screen
    /// shows): the list, and deleting or anonymising, whose outcome becomes a notice.
    pub fn poll(
        &mut self,
        ctx: &egui::Context,
        sessions_dir: &std::path::Path,
        commands: &mut Commands,
    ) {
        match take_finished(&mut self.loading) {
            Some(Polled::Done(entries)) => self.set_entries(entries),
            Some(Polled::Lost) => self.loaded = true,
            Some(Polled::Running) | None => {}
        }
        let mut finished = None;
        if let Some((bulk, task)) = &self.working {
            match task.poll() {
                Polled::Done(results) => finished = Some((*bulk, results)),
                Polled::Lost => finished = Some((*bulk, Vec::new())),
                Polled::Running => {}
            }
        }
        if self.loading.is_some() || self.working.is_some() {
            // Started without the window at hand (e.g. from a command): look again shortly.
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        if let Some((bulk, results)) = finished {
            self.working = None;
            report_bulk(commands, sessions_dir, bulk, results);
            self.refresh(sessions_dir.to_path_buf());
        }
    }

    /// Deletes these scorecards on a worker thread; the outcome arrives through [`Self::poll`].
    pub fn start_delete(&mut self, paths: Vec<PathBuf>) -> std::io::Result<()> {
        self.start_bulk(Bulk::Delete, paths)
    }

    /// Anonymises these scorecards on a worker thread.
    pub fn start_anonymise(&mut self, paths: Vec<PathBuf>) -> std::io::Result<()> {
        self.start_bulk(Bulk::Anonymise, paths)
    }

    fn start_bulk(&mut self, bulk: Bulk, paths: Vec<PathBuf>) -> std::io::Result<()> {
        let work = move || {
            let results: Vec<(PathBuf, Result<(), String>)> = paths
                .into_iter()
                .map(|path| {
                    let result = match bulk {
                        Bulk::Delete => history::delete_session(&path),
                        Bulk::Anonymise => history::anonymise_file(&path).map(|_| ()),
                    };
                    (path, result.map_err(|e| e.to_string()))
                })
                .collect::<BulkResults>();
            results
        };
        self.working = Some((bulk, Task::spawn("history-work", None, work)?));
        Ok(())
    }
}

fn report_bulk(
    commands: &mut Commands,
    sessions_dir: &std::path::Path,
    bulk: Bulk,
    results: Vec<(PathBuf, Result<(), String>)>,
) {
    let done = results.iter().filter(|(_, r)| r.is_ok()).count();
    let failed: Vec<String> = results.into_iter().filter_map(|(_, r)| r.err()).collect();
    let (verb, what) = match bulk {
        Bulk::Delete => ("Deleted", "deleted"),
        Bulk::Anonymise => ("Anonymised", "anonymised"),
    };
    if done > 0 {
        commands.success(
            format!("{verb} {}", plural(done, "scorecard")),
            Some(sessions_dir.to_path_buf()),
        );
    }
    if !failed.is_empty() {
        let mut details = failed;
        details.push("The other files were left as they were.".into());
        commands.error(
            format!(
                "{} could not be {what}",
                plural(details.len() - 1, "scorecard")
            ),
            details,
        );
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// Draws the History window when it is open, and its confirmations.
pub fn window_ui(ui: &mut egui::Ui, state: &mut ScorecardFrame<'_>) {
    if !state.view.history.open {
        return;
    }
    let mut open = true;
    let mut commands = Vec::new();
    egui::Window::new("History")
        .open(&mut open)
        .collapsible(false)
        .default_size(egui::vec2(980.0, 560.0))
        .min_width(640.0)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ui.ctx(), |ui| {
            contents_ui(ui, state, &mut commands);
        });
    if !open {
        state.view.history.open = false;
    }
    confirm_ui(ui, state, &mut commands);
    state.commands.extend(commands);
}

fn contents_ui(ui: &mut egui::Ui, state: &mut ScorecardFrame<'_>, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let label = ui.label("Search");
        ui.add(
            egui::TextEdit::singleline(&mut state.view.history.query)
                .hint_text("Candidate, role, interviewer or date (2026-03-04)")
                .desired_width(320.0),
        )
        .labelled_by(label.id);
        ui.add_space(8.0);
        let history = &mut state.view.history;
        ui.selectable_value(&mut history.status, None, "All");
        for status in [
            SessionStatus::InProgress,
            SessionStatus::Finished,
            SessionStatus::Submitted,
        ] {
            ui.selectable_value(&mut history.status, Some(status), status.label());
        }
        let busy = history.is_loading();
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .add_enabled(!busy, egui::Button::new("Refresh"))
                .clicked()
            {
                let dir = state.shared.dirs.sessions();
                state.view.history.refresh(dir);
            }
            if busy {
                ui.spinner();
            }
        });
    });
    ui.add_space(4.0);
    retention_ui(ui, state);
    ui.separator();
    list_ui(ui, state, commands);
}

fn retention_ui(ui: &mut egui::Ui, state: &mut ScorecardFrame<'_>) {
    let now = chrono::Local::now().fixed_offset();
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Keep candidate data for");
        let mut days = state.shared.prefs.retention_days;
        ui.add(
            egui::DragValue::new(&mut days)
                .range(1..=3650)
                .suffix(" days"),
        )
        .labelled_by(label.id)
        .on_hover_text("Scorecards older than this are offered for deleting or anonymising");
        if days != state.shared.prefs.retention_days {
            state.commands.push(Command::SetRetentionDays(days));
        }
        let history = &state.view.history;
        if !history.loaded {
            return;
        }
        let expired = history::expired(&history.entries, state.shared.prefs.retention_days, now);
        if expired.is_empty() {
            ui.label(egui::RichText::new("· nothing is older than that").weak());
            return;
        }
        ui.label(
            egui::RichText::new(format!(
                "· {} older than that still {} the candidate's name and notes",
                plural(expired.len(), "scorecard"),
                if expired.len() == 1 { "holds" } else { "hold" }
            ))
            .color(ui.visuals().warn_fg_color),
        );
        let busy = history.is_working();
        let history = &mut state.view.history;
        if ui
            .add_enabled(!busy, egui::Button::new("Anonymise them…"))
            .clicked()
        {
            history.confirm = Some(Confirm::RetentionAnonymise(expired.clone()));
        }
        if ui
            .add_enabled(!busy, egui::Button::new("Delete them…"))
            .clicked()
        {
            history.confirm = Some(Confirm::RetentionDelete(expired));
        }
    });
}

fn list_ui(ui: &mut egui::Ui, state: &mut ScorecardFrame<'_>, commands: &mut Vec<Command>) {
    let active_path = state.active.as_ref().map(|a| a.path.clone());
    let rows: Vec<usize> = state.view.history.visible().to_vec();
    let history = &state.view.history;
    if history.loaded && history.entries.is_empty() {
        ui.add_space(20.0);
        ui.vertical_centered(|ui| {
            ui.label(
                "No interviews yet. Interviews you start are listed here, in progress or finished.",
            );
            ui.label(
                egui::RichText::new(state.shared.dirs.sessions().display().to_string())
                    .small()
                    .weak(),
            );
        });
        return;
    }
    if history.loaded && rows.is_empty() {
        ui.label("Nothing matches the search.");
        return;
    }
    let mut open_path = None;
    let mut duplicate = None;
    let mut delete = None;
    let row_height = ui.spacing().interact_size.y + 6.0;
    egui_extras::TableBuilder::new(ui)
        .id_salt("history_table")
        .striped(true)
        .auto_shrink(false)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(egui_extras::Column::exact(130.0))
        .column(egui_extras::Column::remainder().at_least(140.0).clip(true))
        .column(egui_extras::Column::initial(150.0).clip(true))
        .column(egui_extras::Column::initial(120.0).clip(true))
        .column(egui_extras::Column::exact(100.0))
        .column(egui_extras::Column::exact(100.0))
        .column(egui_extras::Column::exact(300.0))
        .header(22.0, |mut header| {
            for title in [
                "Date",
                "Candidate",
                "Role",
                "Interviewer",
                "State",
                "Call",
                "",
            ] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(row_height, rows.len(), |mut row| {
                let Some(entry) = rows.get(row.index()).and_then(|&i| history.entries.get(i))
                else {
                    return;
                };
                let is_active = active_path.as_ref() == Some(&entry.path);
                row.col(|ui| {
                    let date = entry
                        .date()
                        .map(|d| d.format("%Y-%m-%d %H:%M").to_string())
                        .unwrap_or_default();
                    ui.label(date);
                });
                match &entry.summary {
                    Ok(summary) => {
                        row.col(|ui| {
                            let name = if summary.candidate.trim().is_empty() {
                                "Unnamed"
                            } else {
                                summary.candidate.as_str()
                            };
                            ui.label(egui::RichText::new(name).strong());
                            if is_active {
                                ui.label(egui::RichText::new("(open)").small().weak());
                            }
                        });
                        row.col(|ui| {
                            ui.label(&summary.role);
                        });
                        row.col(|ui| {
                            ui.label(&summary.interviewer);
                        });
                        row.col(|ui| {
                            let mut text = if summary.anonymised {
                                format!("{} · anon.", summary.status.label())
                            } else {
                                summary.status.label().to_string()
                            };
                            use crate::model::signature::SignatureCheck;
                            match &summary.signature {
                                SignatureCheck::Invalid { .. } => text.push_str(" · ⚠ tampered"),
                                SignatureCheck::UnsignedOlder => text.push_str(" · unsigned"),
                                _ => {}
                            }
                            ui.label(text).on_hover_text(format!(
                                "{}. {} of {} questions rated{}",
                                summary.signature.label(),
                                summary.rated,
                                summary.questions,
                                if summary.amendments > 0 {
                                    format!(", {}", plural(summary.amendments, "amendment"))
                                } else {
                                    String::new()
                                }
                            ));
                        });
                        row.col(|ui| {
                            ui.label(summary.recommendation.map_or("—", |r| r.label()));
                        });
                    }
                    Err(error) => {
                        row.col(|ui| {
                            ui.label(
                                egui::RichText::new(
                                    entry
                                        .path
                                        .file_name()
                                        .map(|n| n.to_string_lossy().to_string())
                                        .unwrap_or_default(),
                                )
                                .color(ui.visuals().error_fg_color),
                            )
                            .on_hover_text(error);
                        });
                        row.col(|ui| {
                            ui.label(egui::RichText::new("Could not be read").weak());
                        });
                        row.col(|_| {});
                        row.col(|ui| {
                            ui.label("Unreadable");
                        });
                        row.col(|_| {});
                    }
                }
                row.col(|ui| {
                    let readable = entry.summary.is_ok();
                    if focus::follow(ui.add_enabled(readable, egui::Button::new("Open")), ui)
                        .clicked()
                    {
                        open_path = Some(entry.path.clone());
                    }
                    if focus::follow(
                        ui.add_enabled(readable, egui::Button::new("Duplicate as plan"))
                            .on_hover_text(
                                "A new plan with the same questions, for the next candidate",
                            ),
                        ui,
                    )
                    .clicked()
                    {
                        duplicate = Some(entry.path.clone());
                    }
                    if focus::follow(ui.button("Delete…"), ui).clicked() {
                        let name = match &entry.summary {
                            Ok(s) => s.candidate.clone(),
                            Err(_) => entry.path.display().to_string(),
                        };
                        delete = Some(Confirm::Delete {
                            path: entry.path.clone(),
                            name,
                        });
                    }
                });
            });
        });
    if let Some(path) = open_path {
        open_session(state, path);
    }
    if let Some(path) = duplicate {
        let current = state.plan;
        if current.plan.questions.is_empty() || plan_is_saved(current) {
            commands.push(Command::History(HistoryCommand::DuplicateAsPlan(path)));
        } else {
            delete = Some(Confirm::ReplacePlan {
                path,
                title: current.plan.title.clone(),
                questions: current.plan.questions.len(),
            });
        }
    }
    if delete.is_some() {
        state.view.history.confirm = delete;
    }
}

/// Whether the plan in the Bank view is exactly as saved in its template file, so replacing it
/// loses nothing.
fn plan_is_saved(panel: &PlanDocument) -> bool {
    panel
        .path
        .as_deref()
        .is_some_and(|path| plans::load_plan(path).is_ok_and(|saved| saved == panel.plan))
}

/// Lists who the scorecards about to change are about, so nobody deletes blindly.
fn affected_ui(ui: &mut egui::Ui, entries: &[HistoryEntry], paths: &[PathBuf]) {
    const SHOWN: usize = 8;
    ui.add_space(4.0);
    for path in paths.iter().take(SHOWN) {
        let entry = entries.iter().find(|e| &e.path == path);
        let text = match entry.map(|e| (&e.summary, e.date())) {
            Some((Ok(summary), date)) => format!(
                "• {} · {}{}",
                summary.candidate,
                date.map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                if summary.role.is_empty() {
                    String::new()
                } else {
                    format!(" · {}", summary.role)
                }
            ),
            _ => format!("• {}", path.display()),
        };
        ui.label(egui::RichText::new(text).small());
    }
    if paths.len() > SHOWN {
        ui.label(egui::RichText::new(format!("… and {} more", paths.len() - SHOWN)).small());
    }
}

/// Opens a session from History: the open one is just shown, others are loaded by the app.
pub fn open_session(state: &mut ScorecardFrame<'_>, path: PathBuf) {
    state.view.history.open = false;
    match &state.active {
        Some(active) if active.path == path => {
            let view = if active.session.finished_at.is_some() {
                View::Scorecard
            } else {
                View::Interview
            };
            state.commands.push(Command::ShowView(view));
        }
        _ => state.commands.push(Command::ResumeSession(path)),
    }
}

fn confirm_ui(ui: &mut egui::Ui, state: &mut ScorecardFrame<'_>, commands: &mut Vec<Command>) {
    let Some(confirm) = state.view.history.confirm.clone() else {
        return;
    };
    let days = state.shared.prefs.retention_days;
    let mut close = false;
    let modal = egui::Modal::new(egui::Id::unique("history_confirm")).show(ui.ctx(), |ui| {
        ui.set_width(460.0);
        let (heading, body, action, command) = match confirm {
            Confirm::Delete { path, name } => (
                format!("Delete the interview with {name}?"),
                format!("The file {} is removed. This cannot be undone.", path.display()),
                "Delete".to_string(),
                HistoryCommand::Delete(vec![path]),
            ),
            Confirm::RetentionDelete(paths) => (
                format!("Delete {} older than {days} days?", plural(paths.len(), "scorecard")),
                "The files are removed from your data folder. This cannot be undone.".to_string(),
                format!("Delete {}", plural(paths.len(), "scorecard")),
                HistoryCommand::Delete(paths),
            ),
            Confirm::RetentionAnonymise(paths) => (
                format!("Anonymise {} older than {days} days?", plural(paths.len(), "scorecard")),
                "The candidate's name, the notes, strengths, concerns, summary and amendment reasons are removed. \
                 Ratings, ticked rubric points and the recommendation stay, for calibrating interviewers. \
                 This cannot be undone."
                    .to_string(),
                format!("Anonymise {}", plural(paths.len(), "scorecard")),
                HistoryCommand::Anonymise(paths),
            ),
            Confirm::ReplacePlan {
                path,
                title,
                questions,
            } => {
                let name = if title.trim().is_empty() {
                    "The current plan".to_string()
                } else {
                    format!("The plan \u{201c}{}\u{201d}", title.trim())
                };
                (
                    "Replace the plan you are building?".to_string(),
                    format!(
                        "{name} has {} that are not saved as a template. Duplicating this \
                         interview replaces it. Cancel and press Save plan first to keep it.",
                        plural(questions, "question")
                    ),
                    "Replace plan".to_string(),
                    HistoryCommand::DuplicateAsPlan(path),
                )
            }
        };
        ui.heading(heading);
        ui.add_space(4.0);
        ui.label(body);
        if let HistoryCommand::Delete(paths) | HistoryCommand::Anonymise(paths) = &command
            && (paths.len() > 1 || matches!(command, HistoryCommand::Anonymise(_)))
        {
            affected_ui(ui, &state.view.history.entries, paths);
        }
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            if ui.button(egui::RichText::new(action).strong()).clicked() {
                commands.push(Command::History(command));
                close = true;
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
    });
    if close || modal.should_close() {
        state.view.history.confirm = None;
    }
}
