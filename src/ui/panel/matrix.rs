//! One candidate: the interviewers' calls side by side with the mechanical aggregate beside
//! them, and the questions × interviewers matrix (virtualised rows, notes on hover, cells that
//! expand, disagreement marked with colour and a symbol).

use egui_extras::{Column as TableColumn, TableBuilder};

use super::PanelViewState;
use crate::export::comparison::{disagreement_text, rank_of, score_text, share_text};
use crate::model::panel::{
    Access, CandidateComparison, Cell, Column, PanelComparison, QuestionRow, Standing, same_person,
};
use crate::model::session::{QuestionState, Rating, Recommendation};

/// Width of one interviewer's column.
/// Widest an interviewer's column gets, and narrowest before the table scrolls sideways.
const CELL_WIDTH: f32 = 168.0;
const CELL_MIN_WIDTH: f32 = 120.0;
const QUESTION_MIN_WIDTH: f32 = 200.0;
const SPREAD_WIDTH: f32 = 86.0;
const CATEGORY_ROW: f32 = 30.0;
const QUESTION_ROW: f32 = 46.0;
/// Space around the notes in an expanded cell.
const EXPANDED_EXTRA: f32 = 42.0;

/// Warm highlight for disagreement, readable in both themes.
pub fn disagreement_colour(ui: &egui::Ui) -> egui::Color32 {
    crate::ui::style::theme::tokens(ui).disagreement
}

fn disagreement_fill(ui: &egui::Ui) -> egui::Color32 {
    crate::ui::style::theme::tokens(ui).disagreement_fill
}

/// A symbol for each call, so the calls read without colour.
pub fn recommendation_symbol(recommendation: Option<Recommendation>) -> &'static str {
    match recommendation {
        Some(Recommendation::StrongYes) => "▲▲",
        Some(Recommendation::Yes) => "▲",
        Some(Recommendation::NoDecision) => "●",
        Some(Recommendation::No) => "▼",
        Some(Recommendation::StrongNo) => "▼▼",
        None => "○",
    }
}

fn recommendation_colour(ui: &egui::Ui, recommendation: Option<Recommendation>) -> egui::Color32 {
    let tokens = crate::ui::style::theme::tokens(ui);
    match recommendation {
        Some(r) if r.is_yes() => tokens.good,
        Some(r) if r.is_no() => tokens.bad,
        _ => ui.visuals().text_color(),
    }
}

fn standing_text(column: &Column) -> &'static str {
    match column.standing {
        Standing::Counted => "✔ Submitted",
        Standing::NotSubmitted => "✎ Draft, not counted",
        Standing::Tampered => "⚠ Changed after submission, not counted",
    }
}

/// Draws one candidate.
pub(super) fn candidate_ui(
    ui: &mut egui::Ui,
    view: &mut PanelViewState,
    comparison: &PanelComparison,
    candidate: &CandidateComparison,
    access: Access,
    local: &str,
) {
    let others = access.shows_others();
    let visible: Vec<bool> = candidate
        .columns
        .iter()
        .map(|c| others || same_person(&c.interviewer, local))
        .collect();

    ui.horizontal(|ui| {
        ui.heading(&candidate.name);
        if !candidate.role.is_empty() {
            ui.label(egui::RichText::new(format!("· {}", candidate.role)).weak());
        }
        let plans: Vec<&str> = candidate
            .plan_titles
            .iter()
            .map(String::as_str)
            .filter(|t| !t.is_empty())
            .collect();
        if !plans.is_empty() {
            ui.label(egui::RichText::new(format!("· plan {}", plans.join(" + "))).weak());
        }
        if others && let Some(rank) = rank_of(comparison, candidate) {
            ui.label(egui::RichText::new(format!("· rank {rank} by aggregate")).weak());
        }
    });
    if let Some((what, how)) = super::lock_message(access, &candidate.name, local) {
        lock_banner_ui(ui, &what, &how);
    }
    for column in candidate
        .columns
        .iter()
        .filter(|c| c.standing == Standing::Tampered)
    {
        ui.label(
            egui::RichText::new(format!(
                "⚠ {}'s scorecard changed after it was submitted: its content no longer matches the seal. It is shown, but not counted in the aggregate. Ask {} to amend it in the app instead of editing the file.",
                column.title, column.title
            ))
            .color(ui.visuals().error_fg_color),
        );
    }
    ui.add_space(4.0);
    calls_ui(ui, candidate, &visible, others, &view.sessions);
    if others {
        let text = disagreement_text(candidate);
        let colour = if candidate.has_disagreement() {
            disagreement_colour(ui)
        } else {
            ui.visuals().weak_text_color()
        };
        let symbol = if candidate.has_disagreement() {
            "⚠ "
        } else {
            "✔ "
        };
        ui.label(egui::RichText::new(format!("{symbol}Disagreements: {text}")).color(colour));
    }
    ui.add_space(4.0);
    matrix_ui(ui, view, candidate, &visible);
}

fn lock_banner_ui(ui: &mut egui::Ui, what: &str, how: &str) {
    let stroke = ui.visuals().warn_fg_color;
    egui::Frame::new()
        .stroke(egui::Stroke::new(1.0, stroke))
        .corner_radius(6.0)
        .inner_margin(egui::Margin::symmetric(12, 8))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(egui::RichText::new("🔒").size(22.0));
                ui.add(
                    egui::Label::new(
                        egui::RichText::new(format!("Independent scoring · {what}")).strong(),
                    )
                    .wrap(),
                );
            });
            ui.label(format!("How to see them: {how}"));
        });
}

/// The recommendations side by side, then the mechanical aggregate beside them.
fn calls_ui(
    ui: &mut egui::Ui,
    candidate: &CandidateComparison,
    visible: &[bool],
    others: bool,
    sessions: &[crate::model::session::Session],
) {
    ui.horizontal_wrapped(|ui| {
        for (column, shown) in candidate.columns.iter().zip(visible) {
            card(ui, |ui| {
                ui.label(egui::RichText::new(&column.title).strong());
                if *shown {
                    let rec = column.recommendation;
                    ui.label(
                        egui::RichText::new(format!(
                            "{} {}",
                            recommendation_symbol(rec),
                            rec.map_or("No call yet", |r| r.label())
                        ))
                        .size(16.0)
                        .color(recommendation_colour(ui, rec)),
                    );
                } else {
                    ui.label(egui::RichText::new("🔒 Hidden").size(16.0).weak());
                }
                let colour = match column.standing {
                    Standing::Tampered => ui.visuals().error_fg_color,
                    _ => ui.visuals().weak_text_color(),
                };
                ui.label(egui::RichText::new(standing_text(column)).small().color(colour));
                // Recorded under the author's signature: whether this call was made after
                // seeing the others' (independent scoring on one screen, not a proof).
                if let Some(at) = sessions
                    .get(column.scorecard)
                    .and_then(|s| s.viewed_other_ratings_at)
                {
                    ui.label(
                        egui::RichText::new("saw others' ratings before submitting")
                            .small()
                            .color(ui.visuals().warn_fg_color),
                    )
                    .on_hover_text(format!(
                        "The app showed this interviewer the other ratings for this candidate at {}, before their scorecard was submitted.",
                        at.format("%Y-%m-%d %H:%M")
                    ));
                }
            });
        }
        ui.add_space(12.0);
        card(ui, |ui| {
            ui.label(egui::RichText::new("Mechanical aggregate").strong())
                .on_hover_text("Per-category means of the submitted scorecards, weighted by the plan's category weights, and the share of Yes or Strong Yes calls. Shown beside the interviewers' calls, not in their place.");
            if !others {
                ui.label(egui::RichText::new("🔒 Hidden").size(16.0).weak());
                ui.label(egui::RichText::new("Shown once your scorecard is submitted").small().weak());
                return;
            }
            let aggregate = &candidate.aggregate;
            ui.label(
                egui::RichText::new(format!(
                    "{} / 4 · {} Yes",
                    score_text(aggregate.weighted_score),
                    share_text(aggregate.yes_share)
                ))
                .size(16.0),
            );
            let categories: Vec<String> = aggregate
                .categories
                .iter()
                .map(|c| {
                    let weight = if (c.weight - 1.0).abs() > f32::EPSILON { format!(" ×{}", c.weight) } else { String::new() };
                    format!("{} {}{weight}", c.title, score_text(c.mean))
                })
                .collect();
            ui.label(egui::RichText::new(categories.join(" · ")).small());
            let mut counted = format!("{} of {} scorecards counted", aggregate.counted, candidate.columns.len());
            if aggregate.not_submitted > 0 {
                counted.push_str(&format!(", {} draft", aggregate.not_submitted));
            }
            if aggregate.tampered > 0 {
                counted.push_str(&format!(", {} changed after submission", aggregate.tampered));
            }
            ui.label(egui::RichText::new(counted).small().weak());
        });
    });
}

fn card(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui)) {
    egui::Frame::group(ui.style())
        .inner_margin(egui::Margin::symmetric(10, 6))
        .show(ui, |ui| {
            ui.set_min_width(140.0);
            ui.vertical(add);
        });
}

/// One row of the matrix: a category heading or a question.
#[derive(Clone, Copy)]
enum RowRef {
    Category(usize),
    Question(usize, usize),
}

fn row_key(row: &QuestionRow, owner: Option<usize>) -> String {
    match owner {
        Some(col) if row.ad_hoc => format!("{}#{col}", row.id),
        _ => row.id.clone(),
    }
}

fn matrix_ui(
    ui: &mut egui::Ui,
    view: &mut PanelViewState,
    candidate: &CandidateComparison,
    visible: &[bool],
) {
    let others_visible = visible.iter().all(|v| *v);
    // Interviewer columns share what the question and spread columns leave, down to a
    // readable minimum; past that the table scrolls sideways.
    let columns = candidate.columns.len().max(1) as f32;
    let cell_width =
        ((ui.available_width() - QUESTION_MIN_WIDTH - SPREAD_WIDTH - 8.0 * (columns + 2.0))
            / columns)
            .clamp(CELL_MIN_WIDTH, CELL_WIDTH);
    let mut rows: Vec<RowRef> = Vec::new();
    for (b, block) in candidate.categories.iter().enumerate() {
        rows.push(RowRef::Category(b));
        rows.extend((0..block.questions.len()).map(|r| RowRef::Question(b, r)));
    }
    // Heights up front: the table lays out only the rows on screen.
    let font = egui::TextStyle::Body.resolve(ui.style());
    let heights: Vec<f32> = rows
        .iter()
        .map(|row| match *row {
            RowRef::Category(_) => CATEGORY_ROW,
            RowRef::Question(b, r) => {
                let question = &candidate.categories[b].questions[r];
                let mut height = QUESTION_ROW;
                for (col, cell) in question.cells.iter().enumerate() {
                    let Some(cell) = cell else { continue };
                    if visible[col]
                        && view
                            .expanded
                            .contains(&expanded_key(candidate, question, col))
                    {
                        let galley = ui.painter().layout(
                            expanded_text(cell),
                            font.clone(),
                            // Only the size is used: any colour measures the same.
                            ui.visuals().text_color(),
                            cell_width - 16.0,
                        );
                        height = height.max(galley.size().y + EXPANDED_EXTRA);
                    }
                }
                height
            }
        })
        .collect();

    let mut toggled: Option<(String, String, String)> = None;
    let fill = disagreement_fill(ui);
    let warn = disagreement_colour(ui);
    // Many interviewers make the table wider than the window: it scrolls sideways then.
    egui::ScrollArea::horizontal()
        .id_salt(("panel_matrix_sideways", &candidate.key))
        .show(ui, |ui| {
    TableBuilder::new(ui)
        .id_salt(("panel_matrix", &candidate.key))
        .striped(true)
        .resizable(false)
        .auto_shrink(false)
        // Top-aligned, so an expanded cell reads from the same line as the question.
        .cell_layout(egui::Layout::left_to_right(egui::Align::Min))
        .column(TableColumn::remainder().at_least(QUESTION_MIN_WIDTH).clip(true))
        .columns(TableColumn::exact(cell_width), candidate.columns.len())
        .column(TableColumn::exact(SPREAD_WIDTH))
        .header(40.0, |mut header| {
            header.col(|ui| {
                ui.strong("Question");
            });
            for (column, shown) in candidate.columns.iter().zip(visible) {
                header.col(|ui| {
                    ui.vertical(|ui| {
                        ui.strong(&column.title);
                        let status = if *shown {
                            standing_text(column)
                        } else {
                            "hidden until you submit"
                        };
                        ui.label(egui::RichText::new(status).small().weak());
                    });
                });
            }
            header.col(|ui| {
                ui.strong("Spread")
                    .on_hover_text("Highest minus lowest rating; ⚠ marks 2 or more");
            });
        })
        .body(|body| {
            body.heterogeneous_rows(heights.into_iter(), |mut row| match rows[row.index()] {
                RowRef::Category(b) => {
                    let block = &candidate.categories[b];
                    let flagged = others_visible && block.disagrees();
                    row.col(|ui| {
                        let weight = if block.is_ad_hoc() {
                            " (asked during the interview; not in the aggregate)".to_string()
                        } else if (block.weight - 1.0).abs() > f32::EPSILON {
                            format!(" · weight {}", block.weight)
                        } else {
                            String::new()
                        };
                        ui.label(
                            egui::RichText::new(format!("{}{weight}", block.title))
                                .strong()
                                .size(15.0),
                        );
                    });
                    for (col, shown) in visible.iter().enumerate() {
                        row.col(|ui| {
                            if flagged {
                                paint_fill(ui, fill);
                            }
                            let text = if *shown {
                                egui::RichText::new(
                                    block.means[col]
                                        .map_or("—".to_string(), |m| format!("mean {m:.1}")),
                                )
                                .strong()
                            } else {
                                egui::RichText::new("hidden").weak()
                            };
                            ui.label(text);
                        });
                    }
                    row.col(|ui| {
                        if !others_visible {
                            return;
                        }
                        match block.spread {
                            Some(spread) if flagged => {
                                paint_fill(ui, fill);
                                ui.label(
                                    egui::RichText::new(format!("⚠ {spread:.1}"))
                                        .strong()
                                        .color(warn),
                                )
                                .on_hover_text("Category means differ by 2 or more");
                            }
                            Some(spread) => {
                                ui.label(format!("{spread:.1}"));
                            }
                            None => {}
                        }
                    });
                }
                RowRef::Question(b, r) => {
                    let question = &candidate.categories[b].questions[r];
                    let flagged = others_visible && question.disagrees();
                    row.col(|ui| {
                        ui.vertical(|ui| {
                            // The question as people know it; the bank id is for the curious.
                            ui.add(egui::Label::new(&question.prompt).truncate())
                                .on_hover_text(format!("{}\n\nBank id: {}", question.prompt, question.id));
                        });
                    });
                    for (col, shown) in visible.iter().enumerate() {
                        let key = expanded_key(candidate, question, col);
                        row.col(|ui| {
                            if flagged {
                                paint_fill(ui, fill);
                            }
                            let column = &candidate.columns[col];
                            match (&question.cells[col], shown) {
                                (None, _) => {
                                    ui.label(egui::RichText::new("not asked").weak())
                                        .on_hover_text(format!(
                                            "{} did not have this question in their scorecard",
                                            column.title
                                        ));
                                }
                                (Some(_), false) => {
                                    ui.label(egui::RichText::new("hidden").weak())
                                        .on_hover_text("Hidden until your own scorecard for this candidate is submitted");
                                }
                                (Some(cell), true) => {
                                    let expanded = view.expanded.contains(&key);
                                    if cell_ui(ui, column, question, cell, expanded, flagged, cell_width) {
                                        toggled = Some(key);
                                    }
                                }
                            }
                        });
                    }
                    row.col(|ui| {
                        if !others_visible {
                            return;
                        }
                        match question.spread {
                            Some(spread) if flagged => {
                                paint_fill(ui, fill);
                                ui.label(
                                    egui::RichText::new(format!("⚠ {spread}"))
                                        .strong()
                                        .size(16.0)
                                        .color(warn),
                                )
                                .on_hover_text("Ratings differ by 2 or more: worth discussing");
                            }
                            Some(spread) => {
                                ui.label(spread.to_string());
                            }
                            None => {
                                ui.label(egui::RichText::new("—").weak())
                                    .on_hover_text("Fewer than two ratings");
                            }
                        }
                    });
                }
            });
        });
        });
    if let Some(key) = toggled
        && !view.expanded.remove(&key)
    {
        view.expanded.insert(key);
    }
}

fn expanded_key(
    candidate: &CandidateComparison,
    question: &QuestionRow,
    col: usize,
) -> (String, String, String) {
    let scorecard = candidate
        .columns
        .get(col)
        .map(|c| c.scorecard.to_string())
        .unwrap_or_default();
    (
        candidate.key.clone(),
        row_key(question, Some(col)),
        scorecard,
    )
}

fn paint_fill(ui: &egui::Ui, fill: egui::Color32) {
    let rect = ui
        .max_rect()
        .expand2(egui::vec2(ui.spacing().item_spacing.x / 2.0, 1.0));
    ui.painter().rect_filled(rect, 0.0, fill);
}

fn rating_short(rating: Option<Rating>, state: QuestionState) -> String {
    match (rating, state) {
        (Some(r), _) => format!("{} {}", r.value(), r.label()),
        (None, QuestionState::Skipped) => "skipped".into(),
        (None, QuestionState::NotAsked) => "not reached".into(),
        (None, _) => "not rated".into(),
    }
}

fn detail_line(cell: &Cell) -> String {
    let mut parts = Vec::new();
    if cell.points_total > 0 {
        parts.push(format!("{}/{} pts", cell.points_ticked, cell.points_total));
    }
    if cell.red_flags > 0 {
        parts.push(format!(
            "{} red flag{}",
            cell.red_flags,
            if cell.red_flags == 1 { "" } else { "s" }
        ));
    }
    if !cell.notes.trim().is_empty() {
        parts.push("✎ notes".into());
    }
    parts.join(" · ")
}

fn expanded_text(cell: &Cell) -> String {
    if cell.notes.trim().is_empty() {
        "No notes.".to_string()
    } else {
        cell.notes.trim().to_string()
    }
}

/// One interviewer's cell; returns true when clicked (to expand or collapse it).
fn cell_ui(
    ui: &mut egui::Ui,
    column: &Column,
    question: &QuestionRow,
    cell: &Cell,
    expanded: bool,
    flagged: bool,
    cell_width: f32,
) -> bool {
    let strong = ui.visuals().strong_text_color();
    let weak = ui.visuals().weak_text_color();
    let body = egui::TextStyle::Body.resolve(ui.style());
    let small = egui::TextStyle::Small.resolve(ui.style());
    let mut job = egui::text::LayoutJob::default();
    let rating = rating_short(cell.rating, cell.state);
    let rating_format = egui::TextFormat {
        font_id: egui::FontId::proportional(body.size + 1.0),
        color: if flagged {
            disagreement_colour(ui)
        } else {
            strong
        },
        ..Default::default()
    };
    job.append(&rating, 0.0, rating_format);
    let detail = detail_line(cell);
    if !detail.is_empty() {
        job.append(
            &format!("\n{detail}"),
            0.0,
            egui::TextFormat::simple(small.clone(), weak),
        );
    }
    if expanded {
        job.append("\n", 0.0, egui::TextFormat::simple(small, weak));
        let mut notes = egui::TextFormat::simple(body, ui.visuals().text_color());
        notes.line_height = None;
        job.append(&expanded_text(cell), 0.0, notes);
    }
    job.wrap.max_width = cell_width - 16.0;
    let name = format!(
        "{} on {}: {}{}{}",
        column.title,
        question.id,
        rating,
        if detail.is_empty() {
            String::new()
        } else {
            format!(", {detail}")
        },
        if expanded {
            format!(", expanded. Notes: {}", expanded_text(cell))
        } else {
            String::new()
        }
    );
    let response = ui.add(
        egui::Button::new(job)
            .wrap_mode(egui::TextWrapMode::Wrap)
            .right_text("")
            .frame(expanded)
            .frame_when_inactive(expanded)
            .min_size(egui::vec2(cell_width - 8.0, 0.0)),
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
    let hover = if cell.notes.trim().is_empty() {
        format!("{}: no notes. Click to expand.", column.title)
    } else {
        format!(
            "{}'s notes:\n{}\n\nClick to {}.",
            column.title,
            cell.notes.trim(),
            if expanded { "collapse" } else { "expand" }
        )
    };
    response.on_hover_text(hover).clicked()
}
