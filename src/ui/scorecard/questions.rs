//! The evidence per question on the scorecard: prompt, rubric points covered, red flags,
//! rating with its anchor, notes and time. Editable until the scorecard is submitted.

use egui::accesskit::Role;

use crate::model::scoring::suggested_rating;
use crate::model::session::{QuestionOutcome, QuestionState, Rating, Session};
use crate::ui::scorecard::duration_text;
use crate::ui::widgets::{badges, buttons};

/// Height given to a card not yet drawn at the current width.
const ESTIMATED_CARD_HEIGHT: f32 = 320.0;

/// Space between cards.
const CARD_GAP: f32 = 8.0;

/// Each card's height when last drawn, at the width it was drawn at: cards out of view take
/// that much space without being laid out, so a long interview costs what a short one does.
#[derive(Clone, Default)]
struct CardHeights {
    width: f32,
    /// `None` for a card not drawn at this width yet.
    heights: Vec<Option<f32>>,
    /// The card holding the focused widget last frame: it is always drawn, so typing in it or
    /// tabbing through it survives scrolling it out of view.
    focused_card: Option<usize>,
    /// The focused widget last frame, to tell when the focus moves.
    focused_widget: Option<egui::Id>,
}

/// Draws the questions in view (and a screen's worth above and below, so Tab and scrolling find
/// the next card ready); returns true when anything changed. `viewport` is the visible part of
/// the scroll area's content, as [`egui::ScrollArea::show_viewport`] gives it.
pub fn ui(ui: &mut egui::Ui, viewport: egui::Rect, session: &mut Session, editable: bool) -> bool {
    let at_secs = session.elapsed_secs;
    let mut changed = false;
    ui.add_space(6.0);
    if session.questions.is_empty() {
        ui.label(egui::RichText::new("This interview had no questions.").weak());
    }
    let cache_id = ui.scope_id().with("card_heights");
    let width = ui.available_width();
    let mut cache: CardHeights = ui.data(|d| d.get_temp(cache_id)).unwrap_or_default();
    if (cache.width - width).abs() > 0.5 {
        cache = CardHeights {
            width,
            ..CardHeights::default()
        };
    }
    cache.heights.resize(session.questions.len(), None);
    // A fixed guess rather than an average of the cards drawn: a guess that moved would move
    // every card below one not drawn yet, above the view as well, and the view with them.
    let estimate = ESTIMATED_CARD_HEIGHT;
    let drawn = viewport.expand2(egui::vec2(0.0, viewport.height()));
    let focused = ui.ctx().memory(|m| m.focused());
    let focused_card = cache.focused_card.take();
    let focus_moved = focused != cache.focused_widget;
    cache.focused_widget = focused;
    let origin = ui.max_rect().top();
    // How much cards starting above the view grew or shrank when measured: the view follows,
    // so what the reader is looking at stays where it is.
    let mut shift_above = 0.0;
    for (index, outcome) in session.questions.iter_mut().enumerate() {
        let top = ui.cursor().top();
        let height = cache.heights[index].unwrap_or(estimate);
        let content_range = egui::Rangef::new(top - origin, top - origin + height);
        let in_view = content_range.intersects(drawn.y_range());
        let holds_focus = focused.is_some() && focused_card == Some(index);
        // Each card gets its own id scope, so the ids inside it stay the same whichever cards
        // before it were drawn.
        ui.push_id(index, |ui| {
            if in_view || holds_focus {
                let card = egui::Frame::group(ui.style())
                    .inner_margin(egui::Margin::same(12))
                    .corner_radius(6.0)
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        question_ui(ui, index, outcome, at_secs, editable)
                    });
                changed |= card.inner;
                let measured = card.response.rect.height();
                if content_range.min < viewport.min.y {
                    shift_above += measured - height;
                }
                cache.heights[index] = Some(measured);
                // Widgets drawn this pass report this pass's rectangles.
                let focused_rect = focused
                    .and_then(|id| ui.ctx().read_response(id))
                    .map(|r| r.rect)
                    .filter(|rect| card.response.rect.contains(rect.center()));
                if let Some(rect) = focused_rect {
                    cache.focused_card = Some(index);
                    // Tab moved the focus onto a widget out of view: bring it in, which also
                    // brings the next cards within reach of the next Tab. Only when the focus
                    // moves, so scrolling away from notes being typed is left alone.
                    if focus_moved && !ui.clip_rect().contains_rect(rect) {
                        ui.scroll_to_rect(rect, None);
                    }
                }
            } else {
                ui.allocate_space(egui::vec2(width, height));
            }
        });
        ui.add_space(CARD_GAP);
    }
    ui.data_mut(|d| d.insert_temp(cache_id, cache));
    if shift_above.abs() > 0.5 {
        ui.scroll_with_delta_animation(
            egui::vec2(0.0, -shift_above),
            egui::style::ScrollAnimation::none(),
        );
        // Lay the frame out again with the corrected offset instead of showing it jump.
        ui.ctx()
            .request_discard("scorecard cards above the view were measured");
    }
    changed
}

fn question_ui(
    ui: &mut egui::Ui,
    index: usize,
    outcome: &mut QuestionOutcome,
    at_secs: f64,
    editable: bool,
) -> bool {
    let n = index + 1;
    let mut changed = false;
    let q = &outcome.question;
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(format!("Q{n}")).size(16.0).strong());
        if !q.category_title.is_empty() {
            ui.label(egui::RichText::new(&q.category_title).weak());
        }
        badges::level_badge(ui, q.level);
        if q.ad_hoc {
            badges::badge(ui, "Ad-hoc", ui.visuals().weak_text_color());
        }
        if matches!(
            outcome.state,
            QuestionState::Skipped | QuestionState::NotAsked
        ) {
            badges::badge(ui, outcome.state.label(), ui.visuals().weak_text_color());
        }
        if outcome.flagged {
            ui.label(egui::RichText::new("⚑ Flagged").color(ui.visuals().warn_fg_color));
        }
        // In the flow, not right-aligned: a right-aligned label in a wrapping row is drawn
        // over the badges when the card is narrow (a large zoom).
        ui.add_space(8.0);
        {
            let planned_secs = f64::from(q.minutes) * 60.0;
            let over = outcome.time_secs > planned_secs && planned_secs > 0.0;
            let colour = if over {
                ui.visuals().warn_fg_color
            } else {
                ui.visuals().weak_text_color()
            };
            ui.label(
                egui::RichText::new(format!(
                    "{} of {} min",
                    duration_text(outcome.time_secs),
                    q.minutes
                ))
                .monospace()
                .color(colour),
            )
            .on_hover_text(
                "Time spent on this question, pauses excluded, against its suggested minutes",
            );
        }
    });
    if outcome.state == QuestionState::Skipped && outcome.rating.is_some() {
        ui.label(
            egui::RichText::new(
                "Skipped: its rating is kept on record but not counted in any figure",
            )
            .small()
            .color(ui.visuals().warn_fg_color),
        );
    }
    ui.add_space(2.0);
    ui.label(egui::RichText::new(&q.prompt).size(16.0).strong());
    ui.add_space(6.0);
    ui.columns(2, |columns| {
        // Columns lay out justified, which would stretch a short wrapped line of text letter
        // by letter across the column; text reads left-aligned.
        let plain = egui::Layout::top_down(egui::Align::Min);
        changed |= columns[0]
            .with_layout(plain, |ui| evidence_ui(ui, outcome, at_secs, editable))
            .inner;
        changed |= columns[1]
            .with_layout(plain, |ui| judgement_ui(ui, n, outcome, editable))
            .inner;
    });
    changed
}

/// Rubric points, red flags and follow-ups.
fn evidence_ui(
    ui: &mut egui::Ui,
    outcome: &mut QuestionOutcome,
    at_secs: f64,
    editable: bool,
) -> bool {
    let mut changed = false;
    let points = outcome.question.listen_for.clone();
    let ticked = (0..points.len()).filter(|&i| outcome.is_ticked(i)).count();
    ui.label(
        egui::RichText::new(format!(
            "What to listen for · {ticked} of {} covered",
            points.len()
        ))
        .strong(),
    );
    if points.is_empty() {
        ui.label(egui::RichText::new("No rubric points.").weak());
    }
    for (i, point) in points.iter().enumerate() {
        let mut on = outcome.is_ticked(i);
        if editable {
            if ui.checkbox(&mut on, point.as_str()).changed() {
                changed |= outcome.toggle_point(i, at_secs);
            }
        } else {
            mark_ui(ui, on, point, ui.visuals().text_color());
        }
    }
    let flags = outcome.question.red_flags.clone();
    if !flags.is_empty() {
        let observed = (0..flags.len())
            .filter(|&i| outcome.is_flag_observed(i))
            .count();
        ui.add_space(6.0);
        let colour = if observed > 0 {
            ui.visuals().warn_fg_color
        } else {
            ui.visuals().text_color()
        };
        ui.label(
            egui::RichText::new(format!("Red flags · {observed} observed"))
                .strong()
                .color(colour),
        );
        for (i, flag) in flags.iter().enumerate() {
            let mut on = outcome.is_flag_observed(i);
            if editable {
                if ui.checkbox(&mut on, flag.as_str()).changed() {
                    changed |= outcome.toggle_red_flag(i, at_secs);
                }
            } else {
                mark_ui(ui, on, flag, ui.visuals().warn_fg_color);
            }
        }
    }
    let asked: Vec<&str> = outcome
        .question
        .follow_ups
        .iter()
        .enumerate()
        .filter(|(i, _)| outcome.is_follow_up_asked(*i))
        .map(|(_, f)| f.as_str())
        .collect();
    if !asked.is_empty() {
        ui.add_space(6.0);
        ui.label(egui::RichText::new("Follow-ups asked").strong());
        for follow_up in asked {
            ui.label(egui::RichText::new(format!("• {follow_up}")).weak());
        }
    }
    changed
}

/// A read-only rubric line: ✔ and the text for a ticked one, a faint ○ for the others.
fn mark_ui(ui: &mut egui::Ui, on: bool, text: &str, colour: egui::Color32) {
    let line = if on {
        egui::RichText::new(format!("✔ {text}")).color(colour)
    } else {
        egui::RichText::new(format!("○ {text}")).color(ui.visuals().weak_text_color())
    };
    ui.label(line);
}

/// Rating with its anchor, and notes.
fn judgement_ui(
    ui: &mut egui::Ui,
    n: usize,
    outcome: &mut QuestionOutcome,
    editable: bool,
) -> bool {
    let mut changed = false;
    ui.label(egui::RichText::new("Rating").strong());
    if editable {
        ui.horizontal_wrapped(|ui| {
            for option in Rating::ALL {
                let selected = outcome.rating == Some(option);
                let text = egui::RichText::new(format!("{} {}", option.value(), option.label()));
                let response = ui.add(
                    egui::Button::selectable(selected, if selected { text.strong() } else { text })
                        .frame_when_inactive(true),
                );
                let name = format!("Question {n} rating {} {}", option.value(), option.label());
                response.widget_info(|| {
                    egui::WidgetInfo::selected(Role::Button, true, selected, &name)
                });
                let response = response.on_hover_text(option.anchor());
                if response.clicked() {
                    outcome.rating = if selected { None } else { Some(option) };
                    changed = true;
                }
            }
        });
    } else if let Some(rating) = outcome.rating {
        ui.label(
            egui::RichText::new(format!("{}/4 {}", rating.value(), rating.label()))
                .size(15.0)
                .strong(),
        );
    }
    match outcome.rating {
        Some(rating) => {
            ui.label(egui::RichText::new(rating.anchor()).italics().weak());
        }
        None => {
            ui.label(egui::RichText::new("Not rated").color(ui.visuals().warn_fg_color));
        }
    }
    if editable
        && let Some(suggested) = suggested_rating(outcome).filter(|s| Some(*s) != outcome.rating)
    {
        let reason = crate::model::scoring::suggestion_reason(outcome).unwrap_or_default();
        ui.horizontal_wrapped(|ui| {
            ui.label(
                egui::RichText::new(format!(
                    "The rubric suggests {} {} ({reason})",
                    suggested.value(),
                    suggested.label()
                ))
                .small()
                .color(ui.visuals().hyperlink_color),
            );
            if buttons::icon_button(
                ui,
                "Use",
                &format!("Use the suggested rating for question {n}"),
            )
            .clicked()
            {
                outcome.rating = Some(suggested);
                changed = true;
            }
        });
    }
    ui.add_space(6.0);
    let label = ui.label(egui::RichText::new("Notes").strong());
    if editable {
        let response = ui
            .add(
                egui::TextEdit::multiline(&mut outcome.notes)
                    .id_salt(("scorecard_notes", n))
                    .hint_text("What the candidate said and did…")
                    .desired_rows(3)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        changed |= response.changed();
    } else if outcome.notes.trim().is_empty() {
        ui.label(egui::RichText::new("No notes").weak());
    } else {
        ui.label(&outcome.notes);
    }
    changed
}
