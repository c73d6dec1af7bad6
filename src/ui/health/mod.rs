//! The Question health screen: which questions work, from every submitted scorecard.
//!
//! The figures are computed on a worker thread (reading thousands of scorecards takes longer
//! than a frame) and kept in an `Arc`, so the Bank's preview can show a question's line without
//! computing anything.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use egui_extras::{Column, TableBuilder};

use crate::model::QuestionBank;
use crate::model::health::{
    self, HealthOptions, MIN_CANDIDATES_FOR_DISCRIMINATION, MIN_PAIRS_FOR_AGREEMENT,
    MIN_RATINGS_FOR_SPREAD, VersionHealth,
};
use crate::store::{AppDirs, health_sources};
use crate::ui::command::{Command, Commands};
use crate::ui::shared::{HealthFigures, Shared};
use crate::ui::tasks::{Polled, Task, take_finished};

/// How the table of question versions is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortBy {
    #[default]
    Question,
    Asked,
    LastAsked,
    Separation,
}

impl SortBy {
    const ALL: [SortBy; 4] = [
        SortBy::Question,
        SortBy::Asked,
        SortBy::LastAsked,
        SortBy::Separation,
    ];

    fn label(self) -> &'static str {
        match self {
            SortBy::Question => "question",
            SortBy::Asked => "times asked",
            SortBy::LastAsked => "last asked",
            SortBy::Separation => "weakest separation",
        }
    }
}

#[derive(Default)]
pub struct HealthViewState {
    /// "Now" for recent exposure; `None`: the clock at each computation (tests fix it).
    pub now: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// The last computed figures; the Bank reads them for its preview line.
    pub latest: Option<Arc<HealthFigures>>,
    /// A computation under way.
    running: Option<Task<HealthFigures>>,
    /// Set when the worker ended without an answer.
    failed: bool,
    sort: SortBy,
    /// Table rows: (question index, version index) in `latest`, in `sort` order.
    rows: Vec<(usize, usize)>,
}

impl HealthViewState {
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Starts computing on a worker thread, unless a computation is already under way.
    pub fn start(
        &mut self,
        ctx: &egui::Context,
        dirs: AppDirs,
        folders: Vec<PathBuf>,
        bank: Arc<QuestionBank>,
    ) {
        if self.running.is_some() {
            return;
        }
        let now = self
            .now
            .unwrap_or_else(|| chrono::Local::now().fixed_offset());
        let task = Task::spawn("question-health", Some(ctx), move || {
            compute(&dirs, &folders, &bank, now)
        });
        self.failed = task.is_err();
        self.running = task.ok();
    }

    /// Takes a finished computation, if one arrived; says whether `latest` changed.
    pub fn poll(&mut self) -> bool {
        match take_finished(&mut self.running) {
            Some(Polled::Done(computed)) => {
                self.failed = false;
                self.latest = Some(Arc::new(computed));
                self.sort_rows();
                true
            }
            Some(Polled::Lost) => {
                self.failed = true;
                false
            }
            Some(Polled::Running) | None => false,
        }
    }

    fn sort_rows(&mut self) {
        let Some(latest) = &self.latest else {
            self.rows.clear();
            return;
        };
        let questions = &latest.report.questions;
        let mut rows: Vec<(usize, usize)> = questions
            .iter()
            .enumerate()
            .flat_map(|(qi, q)| (0..q.versions.len()).map(move |vi| (qi, vi)))
            .collect();
        let version = |&(qi, vi): &(usize, usize)| &questions[qi].versions[vi];
        match self.sort {
            SortBy::Question => {}
            SortBy::Asked => rows.sort_by_key(|r| std::cmp::Reverse(version(r).usage.asked)),
            SortBy::LastAsked => {
                rows.sort_by_key(|r| std::cmp::Reverse(version(r).usage.last_asked));
            }
            // Weakest first: those are the ones to look at; no figure goes last.
            SortBy::Separation => rows.sort_by(|a, b| {
                let key = |r| {
                    version(r)
                        .discrimination
                        .rank_correlation
                        .unwrap_or(f64::MAX)
                };
                key(a).total_cmp(&key(b))
            }),
        }
        self.rows = rows;
    }
}

/// Reads the scorecards and computes the figures (on the worker thread).
fn compute(
    dirs: &AppDirs,
    folders: &[PathBuf],
    bank: &QuestionBank,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> HealthFigures {
    // The index in the data folder spares re-reading the scorecards that did not change.
    let mut sources =
        health_sources::gather_indexed(Some(&dirs.health_index()), Some(&dirs.sessions()), folders);
    let options = HealthOptions {
        now: Some(now),
        current_rubrics: bank
            .entries()
            .iter()
            .map(|e| (e.question.id.clone(), e.question.rubric_hash()))
            .collect(),
        ..HealthOptions::default()
    };
    let report = health::compute_input(&sources.input, &options);
    // The index is a cache: a failed write only makes the next computation slower.
    sources.finish();
    HealthFigures {
        report,
        files_not_read: sources.rejected.iter().map(ToString::to_string).collect(),
        duplicates: sources.duplicates,
        panel_folders: folders.len(),
    }
}

pub fn ui(ui: &mut egui::Ui, view: &mut HealthViewState, shared: &Shared, commands: &mut Commands) {
    let refresh = view.latest.is_none() && !view.is_running() && !view.failed;
    let mut refresh_clicked = false;
    egui::Panel::top("health_header").show(ui, |ui| {
        ui.add_space(6.0);
        refresh_clicked = header_ui(ui, view);
        ui.add_space(6.0);
    });
    if refresh || refresh_clicked {
        let folders = shared.panel_folders.clone();
        view.start(ui.ctx(), shared.dirs.clone(), folders, shared.bank.clone());
    }
    if view.is_running() {
        // The worker wakes the window when done; this is the fallback.
        ui.ctx().request_repaint_after(Duration::from_millis(100));
    }
    egui::CentralPanel::default().show(ui, |ui| {
        let Some(latest) = view.latest.clone() else {
            if view.is_running() {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Reading the submitted scorecards…");
                });
            }
            return;
        };
        if latest.report.scorecards == 0 {
            empty_ui(ui);
            return;
        }
        attention_ui(ui, &latest, commands);
        ui.add_space(8.0);
        table_ui(ui, view, &latest, commands);
    });
}

/// The title, what the figures rest on and what was left out, and Refresh. True when Refresh
/// was pressed.
fn header_ui(ui: &mut egui::Ui, view: &HealthViewState) -> bool {
    let mut clicked = false;
    ui.horizontal_wrapped(|ui| {
        ui.heading("Question health");
        ui.add_space(12.0);
        clicked = ui
            .add_enabled(!view.is_running(), egui::Button::new("Refresh"))
            .on_hover_text("Read History and the Panel's folders again")
            .clicked();
        if view.is_running() {
            ui.spinner();
            ui.label(egui::RichText::new("Computing…").weak());
        } else if let Some(at) = view.latest.as_ref().and_then(|l| l.report.as_of) {
            ui.label(egui::RichText::new(format!("as of {}", at.format("%Y-%m-%d %H:%M"))).weak());
        }
    });
    if view.failed {
        ui.colored_label(
            ui.visuals().error_fg_color,
            "The figures could not be computed. Press Refresh to try again.",
        );
    }
    let Some(latest) = &view.latest else {
        return clicked;
    };
    let report = &latest.report;
    let from = match latest.panel_folders {
        0 => "History".to_string(),
        n => format!("History and {n} panel folder{}", plural(n)),
    };
    ui.label(format!(
        "From {} submitted scorecard{} ({} candidate{}) in {from}. Outcome for \"separates candidates\": {}.",
        report.scorecards,
        plural(report.scorecards),
        report.candidates,
        plural(report.candidates),
        if report.candidates_with_decision > 0 {
            "the panel's decision where there is one, else the overall recommendations"
        } else {
            "the interviewers' overall recommendations"
        }
    ));
    let left_out = left_out(latest);
    if !left_out.is_empty() {
        ui.label(
            egui::RichText::new(format!("Left out: {}.", left_out.join("; ")))
                .color(ui.visuals().warn_fg_color),
        );
    }
    if !latest.files_not_read.is_empty() {
        egui::CollapsingHeader::new(format!(
            "{} file{} not read",
            latest.files_not_read.len(),
            plural(latest.files_not_read.len())
        ))
        .id_salt("health_files_not_read")
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .max_height(120.0)
                .show(ui, |ui| {
                    for file in &latest.files_not_read {
                        ui.label(egui::RichText::new(file).small());
                    }
                });
        });
    }
    clicked
}

fn left_out(latest: &HealthFigures) -> Vec<String> {
    let e = &latest.report.excluded;
    let mut parts = Vec::new();
    if e.not_submitted > 0 {
        parts.push(format!("{} not submitted (drafts)", e.not_submitted));
    }
    if e.tampered > 0 {
        parts.push(format!(
            "{} changed after submission (signature does not match: {})",
            e.tampered,
            e.tampered_ids.join(", ")
        ));
    }
    if e.skipped_answers > 0 {
        parts.push(format!(
            "{} skipped answer{}",
            e.skipped_answers,
            plural(e.skipped_answers)
        ));
    }
    if e.ad_hoc_answers > 0 {
        parts.push(format!(
            "{} answer{} to ad-hoc questions (not comparable)",
            e.ad_hoc_answers,
            plural(e.ad_hoc_answers)
        ));
    }
    if !latest.files_not_read.is_empty() {
        parts.push(format!(
            "{} file{} that could not be read",
            latest.files_not_read.len(),
            plural(latest.files_not_read.len())
        ));
    }
    if latest.duplicates > 0 {
        // A sync engine's conflict copy, or one scorecard in History and a panel folder.
        parts.push(format!(
            "{} further cop{} of a scorecard already read (not counted again)",
            latest.duplicates,
            if latest.duplicates == 1 { "y" } else { "ies" }
        ));
    }
    parts
}

fn empty_ui(ui: &mut egui::Ui) {
    ui.add_space(24.0);
    ui.vertical_centered(|ui| {
        ui.heading("No submitted scorecards yet");
        ui.add_space(6.0);
        ui.label(
            "Question health is computed from the scorecards you submitted (listed in History) and those in folders loaded in the Panel. Drafts do not count.",
        );
        ui.label(
            "Run an interview, submit its scorecard in the Scorecard view, then come back and press Refresh. Figures such as agreement and how well a question separates candidates need several scorecards per question.",
        );
    });
}

/// The questions that need attention, most urgent first, with their reasons in plain words.
fn attention_ui(ui: &mut egui::Ui, latest: &HealthFigures, commands: &mut Commands) {
    let attention = &latest.report.attention;
    ui.heading(format!("Needs attention ({})", attention.len()));
    if attention.is_empty() {
        ui.label(egui::RichText::new("Nothing stands out in the figures so far.").weak());
        return;
    }
    // The table below keeps most of the room; the list scrolls.
    let max_height = (ui.available_height() * 0.35).max(60.0);
    egui::ScrollArea::vertical()
        .id_salt("health_attention")
        .max_height(max_height)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for row in attention {
                ui.horizontal_wrapped(|ui| {
                    let text = egui::RichText::new(shorten(&row.prompt, 90)).strong();
                    let link = ui.add(egui::Button::new(text).frame(false));
                    if link
                        .on_hover_text(format!(
                            "{}\n{}\n\nClick to open it in the Bank",
                            row.id, row.prompt
                        ))
                        .clicked()
                    {
                        commands.push(Command::ShowQuestion { id: row.id.clone() });
                    }
                    ui.label(egui::RichText::new(format!("asked {}×", row.asked)).weak());
                });
                for reason in &row.reasons {
                    ui.horizontal_wrapped(|ui| {
                        ui.add_space(12.0);
                        ui.label(egui::RichText::new("•").color(ui.visuals().warn_fg_color));
                        ui.label(&reason.text);
                    });
                }
                ui.add_space(4.0);
            }
        });
}

/// Every question version, one row each; only the visible rows are laid out.
fn table_ui(
    ui: &mut egui::Ui,
    view: &mut HealthViewState,
    latest: &HealthFigures,
    commands: &mut Commands,
) {
    ui.horizontal_wrapped(|ui| {
        ui.heading("All questions");
        let label = ui.label(egui::RichText::new("Sort by").weak());
        let before = view.sort;
        egui::ComboBox::from_id_salt("health_sort")
            .selected_text(view.sort.label())
            .show_ui(ui, |ui| {
                for sort in SortBy::ALL {
                    ui.selectable_value(&mut view.sort, sort, sort.label());
                }
            })
            .response
            .labelled_by(label.id);
        if before != view.sort {
            view.sort_rows();
        }
    });
    let questions = &latest.report.questions;
    let row_height = ui.spacing().interact_size.y + 4.0;
    egui::ScrollArea::horizontal()
        .id_salt("health_table_scroll")
        .show(ui, |ui| {
            TableBuilder::new(ui)
                .id_salt("health_table")
                .striped(true)
                .auto_shrink(false)
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .column(Column::remainder().at_least(220.0).clip(true))
                .column(Column::exact(52.0))
                .column(Column::exact(88.0))
                .column(Column::exact(110.0).clip(true))
                .column(Column::exact(90.0).clip(true))
                .column(Column::exact(170.0).clip(true))
                .column(Column::exact(100.0).clip(true))
                .column(Column::exact(90.0).clip(true))
                .header(22.0, |mut header| {
                    for (title, hover) in [
                        ("Question", "The prompt; its id and rubric version on hover"),
                        ("Asked", "Times asked in counted scorecards"),
                        ("Last asked", "Date of the newest interview that asked it"),
                        ("Ratings", "How many got each rating, 1 to 4"),
                        (
                            "Agreement",
                            "Krippendorff's alpha between interviewers who rated the same candidate",
                        ),
                        (
                            "Separation",
                            "Rank correlation between the rating and the candidate's outcome",
                        ),
                        ("Time", "Median time spent / suggested minutes"),
                        ("Exposure", "Candidates who heard it recently"),
                    ] {
                        header.col(|ui| {
                            ui.strong(title).on_hover_text(hover);
                        });
                    }
                })
                .body(|body| {
                    body.rows(row_height, view.rows.len(), |mut row| {
                        let Some(v) = view
                            .rows
                            .get(row.index())
                            .and_then(|&(qi, vi)| questions.get(qi)?.versions.get(vi))
                        else {
                            return;
                        };
                        row.col(|ui| {
                            if question_cell(ui, v) {
                                commands.push(Command::ShowQuestion { id: v.id.clone() });
                            }
                        });
                        row.col(|ui| {
                            ui.label(v.usage.asked.to_string());
                        });
                        row.col(|ui| {
                            ui.label(v.usage.last_asked.map_or("—".to_string(), |d| {
                                d.format("%Y-%m-%d").to_string()
                            }));
                        });
                        row.col(|ui| spread_cell(ui, v));
                        row.col(|ui| agreement_cell(ui, v));
                        row.col(|ui| separation_cell(ui, v));
                        row.col(|ui| time_cell(ui, v));
                        row.col(|ui| exposure_cell(ui, v));
                    });
                });
        });
}

/// The prompt, as a link that opens the question in the Bank; true when clicked.
fn question_cell(ui: &mut egui::Ui, v: &VersionHealth) -> bool {
    let status = match (v.newest, v.current) {
        (_, Some(true)) => "current bank version",
        (_, Some(false)) => "older rubric version",
        (true, None) => "newest version asked",
        (false, None) => "older version",
    };
    let mut text = egui::RichText::new(first_line(&v.prompt));
    if !v.newest {
        text = text.weak();
    }
    let label = ui
        .add(egui::Button::new(text).frame(false).truncate())
        .on_hover_text(format!(
            "{}\nid {} · rubric {} ({status})\n{}\n\nClick to open it in the Bank",
            v.prompt,
            v.id,
            v.rubric_hash.chars().take(8).collect::<String>(),
            health::preview_line(v)
        ));
    let label = if v.reasons.is_empty() {
        label
    } else {
        label.on_hover_text(
            v.reasons
                .iter()
                .map(|r| r.text.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
        )
    };
    label.clicked()
}

/// The spread as a small histogram, one bar per rating, e.g. `1▂2▅3█4▃`.
fn spread_cell(ui: &mut egui::Ui, v: &VersionHealth) {
    const BARS: [char; 9] = ['·', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let r = &v.ratings;
    let most = r.counts.iter().copied().max().unwrap_or(0);
    let mut text = String::new();
    for (i, &count) in r.counts.iter().enumerate() {
        let eighths = if most == 0 || count == 0 {
            0
        } else {
            ((count * 8).div_ceil(most)).clamp(1, 8)
        };
        text.push_str(&format!("{}{}", i + 1, BARS[eighths]));
    }
    let mut rich = egui::RichText::new(text).monospace();
    if r.warning.is_some() {
        rich = rich.color(ui.visuals().warn_fg_color);
    }
    let hover = format!(
        "1: {}  2: {}  3: {}  4: {}  ({} rated{}){}",
        r.counts[0],
        r.counts[1],
        r.counts[2],
        r.counts[3],
        r.rated,
        r.mean.map_or(String::new(), |m| format!(", mean {m:.2}")),
        match (r.warning, r.mode) {
            (Some(w), Some((value, share))) =>
                format!("\n{}: {} rated {value}", w.label(), health::percent(share)),
            _ if r.rated < MIN_RATINGS_FOR_SPREAD =>
                format!("\nToo few ratings to judge the spread (need {MIN_RATINGS_FOR_SPREAD})"),
            _ => String::new(),
        }
    );
    ui.label(rich).on_hover_text(hover);
}

fn agreement_cell(ui: &mut egui::Ui, v: &VersionHealth) {
    let a = &v.agreement;
    match a.alpha {
        Some(alpha) => {
            let mut text = egui::RichText::new(format!("α {alpha:.2}"));
            if alpha < health::LOW_AGREEMENT_ALPHA {
                text = text.color(ui.visuals().warn_fg_color);
            }
            ui.label(text).on_hover_text(format!(
                "Krippendorff's alpha over {} pairs on {} candidates (same rating {}, within one {})",
                a.pairs,
                a.candidates,
                a.exact.map_or("—".into(), health::percent),
                a.within_one.map_or("—".into(), health::percent)
            ));
        }
        None => {
            ui.label(egui::RichText::new(format!("{} pairs", a.pairs)).weak())
                .on_hover_text(if a.pairs >= MIN_PAIRS_FOR_AGREEMENT {
                    "Undefined: every rating the same".to_string()
                } else {
                    format!(
                        "Not enough data: {} pairs of interviewers rated the same candidate (need {MIN_PAIRS_FOR_AGREEMENT})",
                        a.pairs
                    )
                });
        }
    }
}

fn separation_cell(ui: &mut egui::Ui, v: &VersionHealth) {
    let d = &v.discrimination;
    match d.rank_correlation {
        Some(rho) => {
            let mut text = egui::RichText::new(format!("ρ {rho:+.2} ({})", d.candidates));
            if rho < health::WEAK_DISCRIMINATION {
                text = text.color(ui.visuals().warn_fg_color);
            }
            ui.label(text).on_hover_text(format!(
                "Rank correlation with the outcome over {} candidates",
                d.candidates
            ));
        }
        None if d.enough_data() => {
            ui.label(egui::RichText::new("undefined").weak())
                .on_hover_text("No spread in ratings or outcomes");
        }
        None => {
            ui.label(
                egui::RichText::new(format!(
                    "not enough data ({}/{MIN_CANDIDATES_FOR_DISCRIMINATION})",
                    d.candidates
                ))
                .weak(),
            );
        }
    }
}

fn time_cell(ui: &mut egui::Ui, v: &VersionHealth) {
    let t = &v.time;
    let suggested = (t.suggested_secs / 60.0).round();
    match t.median_secs {
        Some(median) => {
            let mut text =
                egui::RichText::new(format!("{:.1} / {suggested:.0} min", median / 60.0));
            if v.reasons
                .iter()
                .any(|r| r.kind == health::ReasonKind::OverTime)
            {
                text = text.color(ui.visuals().warn_fg_color);
            }
            ui.label(text).on_hover_text(format!(
                "Median {} over {} timed interviews; {suggested:.0} min suggested",
                health::minutes_text(median),
                t.timed
            ));
        }
        None => {
            ui.label(egui::RichText::new(format!("— / {suggested:.0} min")).weak());
        }
    }
}

fn exposure_cell(ui: &mut egui::Ui, v: &VersionHealth) {
    let e = &v.exposure;
    let mut text = egui::RichText::new(format!("{} in {} d", e.recent_candidates, e.window_days));
    if e.overexposed {
        text = text.color(ui.visuals().warn_fg_color);
    }
    ui.label(text).on_hover_text(format!(
        "{} candidates heard it in the last {} days; flagged at {} or more (it may have leaked)",
        e.recent_candidates, e.window_days, e.limit
    ));
}

fn first_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `max` characters of `text`, on one line.
fn shorten(text: &str, max: usize) -> String {
    let line = first_line(text);
    if line.chars().count() <= max {
        line
    } else {
        let cut: String = line.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
