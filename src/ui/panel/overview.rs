//! Across candidates: the ranked table and the per-category chart of candidates interviewed
//! with the same plan; and the calibration of the interviewers.

use egui_extras::{Column as TableColumn, TableBuilder};
use egui_plot::{Bar, BarChart, Legend, Plot};

use super::{PanelViewState, Section};
use crate::export::comparison::{recommendations_text, score_text, share_text};
use crate::model::panel::{Lean, PanelComparison};
use crate::ui::widgets::focus;

fn hidden_note(ui: &mut egui::Ui, comparison: &PanelComparison) {
    if comparison.excluded > 0 {
        ui.label(
            egui::RichText::new(format!(
                "🔒 {} candidate{} left out: independent scoring hides them until your own scorecard is submitted.",
                comparison.excluded,
                if comparison.excluded == 1 { "" } else { "s" }
            ))
            .weak(),
        );
    }
}

pub(super) fn ranking_ui(
    ui: &mut egui::Ui,
    view: &mut PanelViewState,
    comparison: &PanelComparison,
) {
    hidden_note(ui, comparison);
    if comparison.groups.is_empty() {
        if comparison.excluded == 0 {
            ui.label("No candidates to rank yet.");
        }
        return;
    }
    if view.plan_group >= comparison.groups.len() {
        view.plan_group = 0;
    }
    if comparison.groups.len() > 1 {
        ui.horizontal(|ui| {
            let label = ui.label("Plan");
            egui::ComboBox::from_id_salt("panel_plan_group")
                .selected_text(group_label(comparison, view.plan_group))
                .show_ui(ui, |ui| {
                    for index in 0..comparison.groups.len() {
                        ui.selectable_value(
                            &mut view.plan_group,
                            index,
                            group_label(comparison, index),
                        );
                    }
                })
                .response
                .labelled_by(label.id);
            ui.label(
                egui::RichText::new(
                    "Candidates are ranked only against others interviewed with the same plan.",
                )
                .small()
                .weak(),
            );
        });
    } else {
        ui.label(egui::RichText::new(group_label(comparison, 0)).strong());
    }
    let group = &comparison.groups[view.plan_group];
    ui.label(
        egui::RichText::new(
            "Ranked by the mechanical aggregate (weighted category means of submitted scorecards). It is one input to the decision; the interviewers' calls sit beside it.",
        )
        .small()
        .weak(),
    );
    let table_height = (ui.available_height() * 0.45).max(140.0);
    // Measured before the table: a table wider than the window scrolls sideways inside its own
    // area instead of widening the page (and the chart under it) past the window's edge.
    let page_width = ui.available_width();
    let mut open = None;
    ui.push_id(("panel_ranking", view.plan_group), |ui| {
        egui::ScrollArea::horizontal()
            .id_salt("panel_ranking_sideways")
            .max_width(page_width)
            .show(ui, |ui| {
                TableBuilder::new(ui)
                    .id_salt("panel_ranking_table")
                    .striped(true)
                    .resizable(true)
                    .max_scroll_height(table_height)
                    .min_scrolled_height(table_height.min(120.0))
                    .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                    .column(TableColumn::exact(48.0))
                    .column(TableColumn::initial(180.0).at_least(120.0).clip(true))
                    .column(TableColumn::exact(80.0))
                    .column(TableColumn::exact(76.0))
                    .columns(
                        TableColumn::initial(90.0).at_least(60.0).clip(true),
                        group.categories.len(),
                    )
                    .column(TableColumn::remainder().at_least(160.0).clip(true))
                    .header(24.0, |mut header| {
                        for title in ["Rank", "Candidate", "Score", "Yes share"] {
                            header.col(|ui| {
                                ui.strong(title);
                            });
                        }
                        for (_, title) in &group.categories {
                            header.col(|ui| {
                                ui.strong(title)
                                    .on_hover_text(format!("Mean rating in {title}"));
                            });
                        }
                        header.col(|ui| {
                            ui.strong("Calls");
                        });
                    })
                    .body(|body| {
                        body.rows(24.0, group.ranking.len(), |mut row| {
                            let entry = &group.ranking[row.index()];
                            let candidate = &comparison.candidates[entry.candidate];
                            row.col(|ui| {
                                ui.label(entry.rank.map_or("—".to_string(), |r| r.to_string()));
                            });
                            row.col(|ui| {
                                let mut text = candidate.name.clone();
                                if candidate.has_disagreement() {
                                    text.push_str(" ⚠");
                                }
                                if focus::follow(ui.link(text), ui)
                                    .on_hover_text("Open this candidate's matrix")
                                    .clicked()
                                {
                                    open = Some(candidate.key.clone());
                                }
                            });
                            row.col(|ui| {
                                ui.label(score_text(entry.weighted_score));
                            });
                            row.col(|ui| {
                                ui.label(share_text(entry.yes_share));
                            });
                            for mean in &entry.category_means {
                                row.col(|ui| {
                                    ui.label(score_text(*mean));
                                });
                            }
                            row.col(|ui| {
                                ui.label(recommendations_text(candidate));
                            });
                        });
                    });
            });
    });
    if let Some(key) = open {
        view.selected = Some(key);
        view.section = Section::Candidate;
    }
    ui.add_space(8.0);
    ui.strong("Mean rating per category");
    ui.label(
        egui::RichText::new("One group of bars per candidate, in rank order; one bar per category (see the legend). Hover a bar for its figure.")
            .small()
            .weak(),
    );
    chart_ui(ui, comparison, view.plan_group, page_width);
}

fn group_label(comparison: &PanelComparison, index: usize) -> String {
    comparison.groups.get(index).map_or_else(String::new, |g| {
        format!(
            "{} · {} candidate{}",
            g.plan_title,
            g.ranking.len(),
            if g.ranking.len() == 1 { "" } else { "s" }
        )
    })
}

/// Grouped bars: one group per candidate (in rank order), one bar per category.
fn chart_ui(ui: &mut egui::Ui, comparison: &PanelComparison, group_index: usize, page_width: f32) {
    let Some(group) = comparison.groups.get(group_index) else {
        return;
    };
    let categories = group.categories.len().max(1);
    let bar_width = 0.8 / categories as f64;
    let names: Vec<String> = group
        .ranking
        .iter()
        .map(|r| comparison.candidates[r.candidate].name.clone())
        .collect();
    // Wide enough for the names: scroll sideways with many candidates rather than squeeze.
    let width = page_width.max(names.len() as f32 * (24.0 + 14.0 * categories as f32));
    let height = ui.available_height().max(200.0);
    egui::ScrollArea::horizontal()
        .id_salt("panel_chart_scroll")
        .max_width(page_width)
        .show(ui, |ui| {
            let axis_names = names.clone();
            let tokens = crate::ui::style::theme::tokens(ui);
            Plot::new(("panel_chart", group_index))
                .width(width)
                .height(height)
                .legend(
                    Legend::default()
                        .title("Categories")
                        .follow_insertion_order(true),
                )
                .show_grid([false, true])
                .allow_zoom(false)
                .allow_drag(false)
                .allow_scroll(false)
                .allow_boxed_zoom(false)
                .show_x(false)
                .include_y(0.0)
                .include_y(4.0)
                .y_axis_label("Mean rating (1–4)")
                .x_grid_spacer(move |_| {
                    (0..axis_names.len())
                        .map(|i| egui_plot::GridMark {
                            value: i as f64,
                            step_size: 1.0,
                        })
                        .collect()
                })
                .x_axis_formatter(move |mark, _| {
                    let index = mark.value.round();
                    if (mark.value - index).abs() > 1e-6 || index < 0.0 {
                        return String::new();
                    }
                    names.get(index as usize).cloned().unwrap_or_default()
                })
                .show(ui, |plot| {
                    for (c, (_, title)) in group.categories.iter().enumerate() {
                        let offset = (c as f64 - (categories as f64 - 1.0) / 2.0) * bar_width;
                        let bars: Vec<Bar> = group
                            .ranking
                            .iter()
                            .enumerate()
                            .filter_map(|(i, entry)| {
                                let mean = entry.category_means.get(c).copied().flatten()?;
                                let name = format!(
                                    "{}: {title} {mean:.2}",
                                    comparison.candidates[entry.candidate].name
                                );
                                Some(
                                    Bar::new(i as f64 + offset, f64::from(mean))
                                        .width(bar_width * 0.92)
                                        .name(name),
                                )
                            })
                            .collect();
                        let colour = tokens.series(c);
                        plot.bar_chart(BarChart::new(title.clone(), bars).color(colour));
                    }
                });
        });
}

pub(super) fn calibration_ui(ui: &mut egui::Ui, comparison: &PanelComparison) {
    hidden_note(ui, comparison);
    let c = &comparison.calibration;
    if c.ratings == 0 {
        if comparison.excluded < comparison.candidates.len() {
            ui.label("No submitted ratings yet: calibration needs submitted scorecards.");
        }
        return;
    }
    egui::Grid::new("panel_calibration_summary").num_columns(2).spacing([16.0, 4.0]).show(ui, |ui| {
        ui.label("Ratings");
        ui.label(format!(
            "{} from {} interviewer{} (submitted scorecards only)",
            c.ratings,
            c.raters.len(),
            if c.raters.len() == 1 { "" } else { "s" }
        ));
        ui.end_row();
        ui.label("Panel mean");
        ui.label(format!(
            "{} (spread {})",
            c.panel_mean.map_or("—".to_string(), |m| format!("{m:.2}")),
            c.panel_spread.map_or("—".to_string(), |s| format!("{s:.2}"))
        ));
        ui.end_row();
        ui.label("Within one point");
        ui.label(format!(
            "{} of {} pairs of ratings of the same answer",
            c.within_one.map_or("—".to_string(), |w| format!("{:.0}%", w * 100.0)),
            c.pairs
        ));
        ui.end_row();
        ui.label("Krippendorff's alpha");
        ui.label(format!(
            "ordinal {} · interval {}",
            c.alpha_ordinal.map_or("—".to_string(), |a| format!("{a:.2}")),
            c.alpha_interval.map_or("—".to_string(), |a| format!("{a:.2}"))
        ))
        .on_hover_text(
            "Agreement between interviewers beyond chance: 1 is perfect, 0 no better than chance. 0.667 is a common minimum for drawing conclusions; 0.8 is good. Ordinal treats the scale as ordered steps.",
        );
        ui.end_row();
    });
    ui.add_space(8.0);
    ui.label(
        egui::RichText::new(
            "Lenient or harsh: rates at least half a point above or below the other interviewers on the same answers (needs 3 or more shared answers). Comparing on the same answers keeps an interviewer who met stronger candidates from looking lenient.",
        )
        .small()
        .weak(),
    );
    ui.add_space(4.0);
    let warn = super::matrix::disagreement_colour(ui);
    TableBuilder::new(ui)
        .id_salt("panel_calibration_table")
        .striped(true)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(TableColumn::initial(170.0).at_least(120.0).clip(true))
        .columns(TableColumn::exact(84.0), 7)
        .column(TableColumn::remainder().at_least(140.0))
        .header(36.0, |mut header| {
            for (title, hint) in [
                ("Interviewer", ""),
                ("Scorecards", "Submitted scorecards counted"),
                ("Ratings", "Ratings given in them"),
                ("Mean", "Their mean rating"),
                ("Spread", "Standard deviation of their ratings"),
                ("vs panel", "Their mean minus the panel's mean"),
                ("vs others", "Mean of (their rating − the others' mean) on the same answers"),
                ("Within 1", "Share of their ratings within one point of another interviewer's rating of the same answer"),
                ("Flag", ""),
            ] {
                header.col(|ui| {
                    let response = ui.strong(title);
                    if !hint.is_empty() {
                        response.on_hover_text(hint);
                    }
                });
            }
        })
        .body(|body| {
            body.rows(24.0, c.raters.len(), |mut row| {
                let rater = &c.raters[row.index()];
                row.col(|ui| {
                    ui.label(&rater.interviewer);
                });
                row.col(|ui| {
                    ui.label(rater.scorecards.to_string());
                });
                row.col(|ui| {
                    ui.label(rater.ratings.to_string());
                });
                row.col(|ui| {
                    ui.label(format!("{:.2}", rater.mean));
                });
                row.col(|ui| {
                    ui.label(format!("{:.2}", rater.spread));
                });
                row.col(|ui| {
                    ui.label(format!("{:+.2}", rater.vs_panel));
                });
                row.col(|ui| {
                    ui.label(rater.offset.map_or("—".to_string(), |o| format!("{o:+.2}")));
                });
                row.col(|ui| {
                    ui.label(rater.within_one.map_or("—".to_string(), |w| format!("{:.0}%", w * 100.0)));
                });
                row.col(|ui| {
                    let (text, colour) = match rater.lean {
                        Lean::Lenient => ("▲ Lenient", warn),
                        Lean::Harsh => ("▼ Harsh", warn),
                        Lean::InLine => ("In line", ui.visuals().text_color()),
                        Lean::TooFewShared => ("Too few shared", ui.visuals().weak_text_color()),
                    };
                    ui.label(egui::RichText::new(text).color(colour));
                });
            });
        });
}
