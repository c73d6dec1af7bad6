//! The scorecard as an A4 PDF with real, selectable text (krilla).
//!
//! krilla was chosen because it is pure Rust, maintained (it is Typst's PDF backend), embeds
//! and subsets TrueType fonts with proper text extraction, and builds in seconds; a full Typst
//! compiler would add minutes on two cores for features this page does not need.
//!
//! Layout works in two steps: the scorecard becomes blocks of lines (a question is one block),
//! then the blocks are placed on pages. A block that does not fit in the rest of a page moves
//! whole to the next page; only a block taller than a full page is split, between lines.
//!
//! The first page carries who, when, the recommendation and the figures; questions follow,
//! packed as tightly as their own height allows. Questions that were not asked are listed in
//! one line unless [`Options::all_questions`] asks for them in full.

pub mod decision;
mod text;

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::surface::Surface;

use crate::model::scoring::category_scores;
use crate::model::session::{QuestionOutcome, Recommendation, Session};

use super::{
    ExportError, Options, candidate_name, duration_text, format_datetime, interview_date,
    mean_text, overall_text, percent, question_time_text, rating_text, recommendation_text,
    single_line, status_text, unasked_line, was_asked,
};
use text::{Chain, FontPool, Line};

/// A4 in points.
const PAGE_WIDTH: f32 = 595.28;
const PAGE_HEIGHT: f32 = 841.89;
const MARGIN_X: f32 = 50.0;
const MARGIN_TOP: f32 = 50.0;
/// Room below the content for the footer.
const MARGIN_BOTTOM: f32 = 60.0;
const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN_X;
const CONTENT_BOTTOM: f32 = PAGE_HEIGHT - MARGIN_BOTTOM;
const CONTENT_HEIGHT: f32 = CONTENT_BOTTOM - MARGIN_TOP;
/// Width of the label column in "Label  value" rows.
const LABEL_WIDTH: f32 = 92.0;
const LINE_HEIGHT: f32 = 1.42;

type Rgb = (u8, u8, u8);
const INK: Rgb = (29, 35, 48);
const MUTED: Rgb = (96, 104, 120);
const ACCENT: Rgb = (47, 95, 179);
const GOOD: Rgb = (46, 125, 79);
const BAD: Rgb = (179, 57, 47);
const RULE: Rgb = (210, 215, 224);
const TRACK: Rgb = (230, 234, 240);
/// Behind inline code.
const CODE_BG: Rgb = (236, 239, 244);

/// The scorecard as PDF bytes, asked questions in full. Takes a moment for long scorecards;
/// call it off the UI thread.
pub fn pdf(session: &Session) -> Result<Vec<u8>, ExportError> {
    pdf_with(session, &Options::default())
}

/// The scorecard as PDF bytes.
pub fn pdf_with(session: &Session, options: &Options) -> Result<Vec<u8>, ExportError> {
    let fonts = FontPool::load().map_err(ExportError::Pdf)?;
    let blocks = Builder::new(&fonts).scorecard(session, options);
    let pages = paginate(blocks);
    render(
        &fonts,
        &format!("Interview scorecard: {}", candidate_name(session)),
        pages,
    )
}

#[derive(Clone, Copy)]
struct Style {
    chain: Chain,
    size: f32,
    color: Rgb,
}

const BODY: Style = Style {
    chain: Chain::Sans,
    size: 10.0,
    color: INK,
};
/// The small accent line above a title, and over a section continued on the next page.
const KICKER: Style = Style {
    chain: Chain::Bold,
    size: 9.0,
    color: ACCENT,
};
const LABEL: Style = Style {
    chain: Chain::Bold,
    size: 9.0,
    color: MUTED,
};

/// Something drawn, positioned relative to the top of its item.
#[derive(Clone)]
enum Op {
    Text {
        x: f32,
        baseline: f32,
        line: Line,
        size: f32,
        color: Rgb,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: Rgb,
    },
}

/// The unit the paginator places: usually one line of text.
#[derive(Clone)]
struct Item {
    height: f32,
    ops: Vec<Op>,
}

/// Items that belong together.
struct Block {
    items: Vec<Item>,
    /// Move the whole block to the next page rather than split it (when it fits on a page).
    keep_together: bool,
    space_after: f32,
    /// Shown at the top of a page when the block continues there, so the reader knows what
    /// they are reading.
    continued: Option<Item>,
}

impl Block {
    fn height(&self) -> f32 {
        self.items.iter().map(|i| i.height).sum()
    }
}

struct Builder<'a> {
    fonts: &'a FontPool,
}

impl<'a> Builder<'a> {
    fn new(fonts: &'a FontPool) -> Builder<'a> {
        Builder { fonts }
    }

    /// One item per line of `text`, left edge at `x`, at most `width` wide.
    fn lines(&self, text: &str, style: Style, x: f32, width: f32) -> Vec<Item> {
        let height = style.size * LINE_HEIGHT;
        self.fonts
            .layout(style.chain, text, style.size, width)
            .into_iter()
            .map(|line| {
                let left = if line.rtl { x + width - line.width } else { x };
                Item {
                    height,
                    ops: vec![text_op(left, style, line, height)],
                }
            })
            .collect()
    }

    /// A label in the left column and a wrapped value beside it.
    fn row(&self, label: &str, value: &str, style: Style, x: f32) -> Vec<Item> {
        let mut items = self.lines(
            value,
            style,
            x + LABEL_WIDTH,
            CONTENT_WIDTH - (x - MARGIN_X) - LABEL_WIDTH,
        );
        self.add_label(label, x, &mut items);
        items
    }

    /// Puts `label` in the left column beside the first lines of `items`.
    fn add_label(&self, label: &str, x: f32, items: &mut Vec<Item>) {
        let label_lines = self
            .fonts
            .layout(LABEL.chain, label, LABEL.size, LABEL_WIDTH - 6.0);
        for (index, line) in label_lines.into_iter().enumerate() {
            if index >= items.len() {
                items.push(space(BODY.size * LINE_HEIGHT));
            }
            let item = &mut items[index];
            // Share the value line's baseline so label and value read as one line.
            let mut op = text_op(x, LABEL, line, item.height);
            if let (Op::Text { baseline, .. }, Some(value_baseline)) =
                (&mut op, first_baseline(item))
            {
                *baseline = value_baseline;
            }
            item.ops.push(op);
        }
    }

    /// A bullet list entry: a marker, then the wrapped text with a hanging indent.
    fn bullet(
        &self,
        marker: &str,
        marker_color: Rgb,
        text: &str,
        style: Style,
        x: f32,
    ) -> Vec<Item> {
        let indent = 14.0;
        let width = CONTENT_WIDTH - (x - MARGIN_X) - indent;
        let mut items = self.lines(text, style, x + indent, width);
        let marker_style = Style {
            color: marker_color,
            ..style
        };
        if let (Some(first), Some(line)) = (
            items.first_mut(),
            self.fonts
                .layout(Chain::Bold, marker, style.size, indent)
                .into_iter()
                .next(),
        ) {
            first.ops.push(text_op(x, marker_style, line, first.height));
        }
        items
    }

    fn heading(&self, text: &str) -> Vec<Item> {
        let style = Style {
            chain: Chain::Bold,
            size: 13.0,
            color: INK,
        };
        let mut items = vec![space(10.0)];
        items.extend(self.lines(text, style, MARGIN_X, CONTENT_WIDTH));
        items.push(Item {
            height: 8.0,
            ops: vec![Op::Rect {
                x: MARGIN_X,
                y: 2.0,
                w: CONTENT_WIDTH,
                h: 1.0,
                color: RULE,
            }],
        });
        items
    }

    /// A small accent line saying what the document is, then its subject in large type.
    fn title_block(&self, kicker: &str, title: &str) -> Vec<Item> {
        let mut items = self.lines(kicker, KICKER, MARGIN_X, CONTENT_WIDTH);
        items.extend(self.lines(
            title,
            Style {
                chain: Chain::Bold,
                size: 20.0,
                color: INK,
            },
            MARGIN_X,
            CONTENT_WIDTH,
        ));
        items.push(space(6.0));
        items
    }

    fn scorecard(&self, session: &Session, options: &Options) -> Vec<Block> {
        let mut blocks = Vec::new();
        let mut head = self.title_block("INTERVIEW SCORECARD", &candidate_name(session));
        // Two columns of facts: who on the left, when and how long on the right.
        let left: Vec<(&str, String)> = [
            ("Role", single_line(&session.role)),
            ("Interviewer", single_line(&session.interviewer)),
            ("Interview plan", single_line(&session.plan_title)),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .collect();
        let mut right: Vec<(&str, String)> = Vec::new();
        if let Some(date) = interview_date(session) {
            right.push(("Date", format_datetime(&date)));
        }
        right.push(("Duration", duration_text(session)));
        right.push(("Level", session.target_level.label().to_string()));
        head.extend(self.two_columns(&left, &right));
        let status_style = if session.is_tampered() {
            Style { color: BAD, ..BODY }
        } else {
            BODY
        };
        head.extend(self.row("Status", &status_text(session), status_style, MARGIN_X));
        if session.anonymised {
            head.extend(self.row(
                "Anonymised",
                "name and notes removed under the retention policy",
                BODY,
                MARGIN_X,
            ));
        }
        blocks.push(Block {
            items: head,
            keep_together: true,
            space_after: 4.0,
            continued: None,
        });

        let mut call = self.heading("Recommendation");
        let color = match session.recommendation {
            Some(r) if r.is_yes() => GOOD,
            Some(r) if r.is_no() => BAD,
            Some(Recommendation::NoDecision) | None => ACCENT,
            Some(_) => ACCENT,
        };
        call.extend(self.lines(
            recommendation_text(session),
            Style {
                chain: Chain::Bold,
                size: 15.0,
                color,
            },
            MARGIN_X,
            CONTENT_WIDTH,
        ));
        let scores = category_scores(session);
        call.extend(self.lines(
            &overall_text(session, &scores),
            BODY,
            MARGIN_X,
            CONTENT_WIDTH,
        ));
        blocks.push(Block {
            items: call,
            keep_together: true,
            space_after: 2.0,
            continued: None,
        });
        if !scores.is_empty() {
            let mut items = self.heading("Categories");
            items.push(self.category_header());
            for score in &scores {
                items.extend(self.category_row(
                    &single_line(&score.title),
                    &mean_text(score.mean_rating),
                    score.coverage,
                    &format!("{} of {}", score.rated, score.questions),
                ));
            }
            blocks.push(Block {
                items,
                keep_together: true,
                space_after: 4.0,
                continued: None,
            });
        }

        for (title, text) in [
            ("Strengths", &session.strengths),
            ("Concerns", &session.concerns),
            ("Summary", &session.summary),
        ] {
            let mut items = vec![space(6.0)];
            items.extend(self.lines(title, LABEL, MARGIN_X, CONTENT_WIDTH));
            items.extend(self.free_text(text, MARGIN_X));
            blocks.push(Block {
                items,
                keep_together: false,
                space_after: 0.0,
                continued: None,
            });
        }

        let mut first = true;
        for (index, outcome) in session.questions.iter().enumerate() {
            if !options.all_questions && !was_asked(outcome) {
                continue;
            }
            let question = self.question(index + 1, outcome);
            let items = if first {
                // The heading's rule stands in for the first question's own.
                let mut items = self.heading("Questions");
                items.extend(question.into_iter().skip(1));
                items
            } else {
                question
            };
            first = false;
            let continued = self
                .lines(
                    &format!("Q{} (continued)", index + 1),
                    Style {
                        color: MUTED,
                        ..LABEL
                    },
                    MARGIN_X,
                    CONTENT_WIDTH,
                )
                .into_iter()
                .next();
            blocks.push(Block {
                items,
                keep_together: true,
                space_after: 10.0,
                continued,
            });
        }

        if let Some(line) = unasked_line(session).filter(|_| !options.all_questions) {
            let mut items = if first {
                self.heading("Questions")
            } else {
                Vec::new()
            };
            items.extend(self.lines(
                &line,
                Style {
                    color: MUTED,
                    ..BODY
                },
                MARGIN_X,
                CONTENT_WIDTH,
            ));
            blocks.push(Block {
                items,
                keep_together: true,
                space_after: 6.0,
                continued: None,
            });
        }

        if !session.amendments.is_empty() {
            let mut items = self.heading("Amendments after submission");
            for amendment in &session.amendments {
                let reason = single_line(&amendment.reason);
                let reason = if reason.is_empty() {
                    "no reason given".to_string()
                } else {
                    reason
                };
                items.extend(self.lines(
                    &format_datetime(&amendment.at),
                    Style {
                        chain: Chain::Bold,
                        size: 10.0,
                        color: INK,
                    },
                    MARGIN_X,
                    CONTENT_WIDTH,
                ));
                items.extend(self.row("Reason", &reason, BODY, MARGIN_X));
                let mut changes: Vec<Item> = Vec::new();
                for change in &amendment.changes {
                    changes.extend(self.bullet(
                        "•",
                        MUTED,
                        &single_line(change),
                        BODY,
                        MARGIN_X + LABEL_WIDTH,
                    ));
                }
                if !changes.is_empty() {
                    self.add_label("Changes", MARGIN_X, &mut changes);
                }
                items.extend(changes);
                items.push(space(4.0));
            }
            blocks.push(Block {
                items,
                keep_together: false,
                space_after: 0.0,
                continued: None,
            });
        }
        blocks
    }

    /// Label-value rows in two columns side by side, each half the content width.
    fn two_columns(&self, left: &[(&str, String)], right: &[(&str, String)]) -> Vec<Item> {
        let half = CONTENT_WIDTH / 2.0;
        let column = |rows: &[(&str, String)], x: f32| -> Vec<Item> {
            let mut items = Vec::new();
            for (label, value) in rows {
                let mut lines = self.lines(value, BODY, x + LABEL_WIDTH, half - LABEL_WIDTH - 8.0);
                self.add_label(label, x, &mut lines);
                items.extend(lines);
            }
            items
        };
        let left = column(left, MARGIN_X);
        let right = column(right, MARGIN_X + half);
        let rows = left.len().max(right.len());
        let mut left = left.into_iter();
        let mut right = right.into_iter();
        (0..rows)
            .map(|_| {
                let a = left.next();
                let b = right.next();
                let height = a
                    .as_ref()
                    .map_or(0.0, |i| i.height)
                    .max(b.as_ref().map_or(0.0, |i| i.height));
                let mut ops = Vec::new();
                ops.extend(a.map(|i| i.ops).unwrap_or_default());
                ops.extend(b.map(|i| i.ops).unwrap_or_default());
                Item { height, ops }
            })
            .collect()
    }

    /// Text a person wrote, or a muted "None written."
    fn free_text(&self, text: &str, x: f32) -> Vec<Item> {
        if text.trim().is_empty() {
            self.lines(
                "None written.",
                Style {
                    color: MUTED,
                    ..BODY
                },
                x,
                CONTENT_WIDTH - (x - MARGIN_X),
            )
        } else {
            self.lines(text.trim_end(), BODY, x, CONTENT_WIDTH - (x - MARGIN_X))
        }
    }

    fn category_columns() -> [f32; 4] {
        [
            MARGIN_X,
            MARGIN_X + 230.0,
            MARGIN_X + 310.0,
            MARGIN_X + 440.0,
        ]
    }

    fn category_header(&self) -> Item {
        let cols = Self::category_columns();
        let height = LABEL.size * LINE_HEIGHT + 2.0;
        let mut ops = Vec::new();
        for (x, label) in cols
            .iter()
            .zip(["Category", "Mean", "Rubric coverage", "Rated"])
        {
            if let Some(line) = self
                .fonts
                .layout(LABEL.chain, label, LABEL.size, 120.0)
                .into_iter()
                .next()
            {
                ops.push(text_op(*x, LABEL, line, height));
            }
        }
        Item { height, ops }
    }

    fn category_row(&self, title: &str, mean: &str, coverage: f32, rated: &str) -> Vec<Item> {
        let cols = Self::category_columns();
        let mut items = self.lines(title, BODY, cols[0], cols[1] - cols[0] - 10.0);
        let Some(first) = items.first_mut() else {
            return items;
        };
        let height = first.height;
        for (x, text) in [(cols[1], mean), (cols[3], rated)] {
            if let Some(line) = self
                .fonts
                .layout(BODY.chain, text, BODY.size, 120.0)
                .into_iter()
                .next()
            {
                first.ops.push(text_op(x, BODY, line, height));
            }
        }
        let bar_width = 80.0;
        let bar_y = (height - 6.0) / 2.0;
        first.ops.push(Op::Rect {
            x: cols[2],
            y: bar_y,
            w: bar_width,
            h: 6.0,
            color: TRACK,
        });
        let filled = bar_width * coverage.clamp(0.0, 1.0);
        if filled > 0.0 {
            first.ops.push(Op::Rect {
                x: cols[2],
                y: bar_y,
                w: filled,
                h: 6.0,
                color: ACCENT,
            });
        }
        if let Some(line) = self
            .fonts
            .layout(BODY.chain, &percent(coverage), BODY.size, 60.0)
            .into_iter()
            .next()
        {
            first
                .ops
                .push(text_op(cols[2] + bar_width + 6.0, BODY, line, height));
        }
        if let Some(last) = items.last_mut() {
            last.height += 3.0;
        }
        items
    }

    fn question(&self, number: usize, outcome: &QuestionOutcome) -> Vec<Item> {
        let q = &outcome.question;
        let mut items = vec![Item {
            height: 8.0,
            ops: vec![Op::Rect {
                x: MARGIN_X,
                y: 0.0,
                w: CONTENT_WIDTH,
                h: 0.6,
                color: RULE,
            }],
        }];
        let title = format!(
            "Q{number}. {} · {}{}",
            single_line(&q.category_title),
            q.level.label(),
            if q.ad_hoc { " · ad-hoc" } else { "" }
        );
        items.extend(self.lines(
            &title,
            Style {
                chain: Chain::Bold,
                size: 11.0,
                color: ACCENT,
            },
            MARGIN_X,
            CONTENT_WIDTH,
        ));
        items.extend(self.lines(
            q.prompt.trim(),
            Style {
                chain: Chain::Bold,
                size: 10.5,
                color: INK,
            },
            MARGIN_X,
            CONTENT_WIDTH,
        ));
        items.push(space(3.0));
        let rating = match outcome.rating {
            Some(rating) => format!("{} — {}", rating_text(outcome), rating.anchor()),
            None => "Not rated".to_string(),
        };
        items.extend(self.row(
            "Rating",
            &rating,
            Style {
                chain: Chain::Bold,
                ..BODY
            },
            MARGIN_X,
        ));
        let list_x = MARGIN_X + LABEL_WIDTH;
        let mut rubric: Vec<Item> = Vec::new();
        for (i, point) in q.listen_for.iter().enumerate() {
            if outcome.is_ticked(i) {
                rubric.extend(self.bullet("✓", GOOD, &single_line(point), BODY, list_x));
            } else {
                rubric.extend(self.bullet(
                    "–",
                    MUTED,
                    &single_line(point),
                    Style {
                        color: MUTED,
                        ..BODY
                    },
                    list_x,
                ));
            }
        }
        if rubric.is_empty() {
            rubric.extend(self.lines(
                "No rubric points.",
                BODY,
                list_x,
                CONTENT_WIDTH - LABEL_WIDTH,
            ));
        }
        self.add_label(
            &format!("Rubric {}/{}", outcome.ticked.len(), q.listen_for.len()),
            MARGIN_X,
            &mut rubric,
        );
        items.extend(rubric);
        if !q.red_flags.is_empty() {
            let observed: Vec<&String> = outcome.observed_red_flags();
            if observed.is_empty() {
                items.extend(self.row("Red flags", "none observed", BODY, MARGIN_X));
            } else {
                let mut flags: Vec<Item> = Vec::new();
                for flag in observed {
                    flags.extend(self.bullet(
                        "!",
                        BAD,
                        &single_line(flag),
                        Style { color: BAD, ..BODY },
                        list_x,
                    ));
                }
                self.add_label("Red flags", MARGIN_X, &mut flags);
                items.extend(flags);
            }
        }
        let asked: Vec<&String> = outcome.asked_follow_ups();
        if !asked.is_empty() {
            let mut follow_ups: Vec<Item> = Vec::new();
            for follow_up in asked {
                follow_ups.extend(self.bullet("•", MUTED, &single_line(follow_up), BODY, list_x));
            }
            self.add_label("Follow-ups", MARGIN_X, &mut follow_ups);
            items.extend(follow_ups);
        }
        if outcome.notes.trim().is_empty() {
            items.extend(self.row(
                "Notes",
                "No notes.",
                Style {
                    color: MUTED,
                    ..BODY
                },
                MARGIN_X,
            ));
        } else {
            let mut notes = self.row("Notes", outcome.notes.trim_end(), BODY, MARGIN_X);
            // A bar beside the notes marks them as the interviewer's words.
            for item in &mut notes {
                let height = item.height;
                item.ops.push(Op::Rect {
                    x: MARGIN_X + LABEL_WIDTH - 7.0,
                    y: 0.0,
                    w: 2.0,
                    h: height,
                    color: RULE,
                });
            }
            items.extend(notes);
        }
        let time = format!(
            "{} · {}{}",
            question_time_text(outcome),
            outcome.state.label(),
            if outcome.flagged {
                " · flagged to revisit"
            } else {
                ""
            }
        );
        items.extend(self.row(
            "Time",
            &time,
            Style {
                color: MUTED,
                ..BODY
            },
            MARGIN_X,
        ));
        items
    }
}

fn text_op(x: f32, style: Style, line: Line, height: f32) -> Op {
    // Centre the em box in the line: baseline sits at about 0.8 em below the em box's top.
    let baseline = (height - style.size) / 2.0 + style.size * 0.86;
    Op::Text {
        x,
        baseline,
        line,
        size: style.size,
        color: style.color,
    }
}

fn first_baseline(item: &Item) -> Option<f32> {
    item.ops.iter().find_map(|op| match op {
        Op::Text { baseline, .. } => Some(*baseline),
        Op::Rect { .. } => None,
    })
}

fn space(height: f32) -> Item {
    Item {
        height,
        ops: Vec::new(),
    }
}

/// Items placed on pages: (top y, item).
type Page = Vec<(f32, Item)>;

fn paginate(blocks: Vec<Block>) -> Vec<Page> {
    let mut pages: Vec<Page> = vec![Vec::new()];
    let mut y = MARGIN_TOP;
    for block in blocks {
        let height = block.height();
        let at_top = y <= MARGIN_TOP;
        let lead: f32 = block.items.iter().take(4).map(|i| i.height).sum();
        let move_whole = if block.keep_together && height <= CONTENT_HEIGHT {
            y + height > CONTENT_BOTTOM
        } else {
            // Never leave a heading alone at the bottom of a page.
            y + lead > CONTENT_BOTTOM
        };
        if move_whole && !at_top {
            pages.push(Vec::new());
            y = MARGIN_TOP;
        }
        let mut placed_any = false;
        for item in block.items {
            if y + item.height > CONTENT_BOTTOM && y > MARGIN_TOP {
                pages.push(Vec::new());
                y = MARGIN_TOP;
                if let (true, Some(label), Some(page)) =
                    (placed_any, &block.continued, pages.last_mut())
                {
                    page.push((y, label.clone()));
                    y += label.height;
                }
            }
            placed_any = true;
            let h = item.height;
            if let Some(page) = pages.last_mut() {
                page.push((y, item));
            }
            y += h;
        }
        y += block.space_after;
    }
    pages
}

fn fill(color: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

fn draw_rect(surface: &mut Surface<'_>, x: f32, y: f32, w: f32, h: f32, color: Rgb) {
    let Some(rect) = Rect::from_xywh(x, y, w.max(0.01), h.max(0.01)) else {
        return;
    };
    let mut path = PathBuilder::new();
    path.push_rect(rect);
    if let Some(path) = path.finish() {
        surface.set_fill(Some(fill(color)));
        surface.draw_path(&path);
    }
}

fn draw_line(
    surface: &mut Surface<'_>,
    fonts: &FontPool,
    x: f32,
    baseline: f32,
    line: &Line,
    size: f32,
    color: Rgb,
) {
    // Code gets a light box behind it, so it reads as code without its backticks.
    let mut cursor = x;
    for run in &line.runs {
        if fonts.is_code_font(run.font) && !run.glyphs.is_empty() {
            draw_rect(
                surface,
                cursor - 1.5,
                baseline - size * 0.86,
                run.width + 3.0,
                size * 1.16,
                CODE_BG,
            );
        }
        cursor += run.width;
    }
    surface.set_fill(Some(fill(color)));
    let mut cursor = x;
    for run in &line.runs {
        if !run.glyphs.is_empty() {
            surface.draw_glyphs(
                Point::from_xy(cursor, baseline),
                &run.glyphs,
                fonts.font(run.font).clone(),
                &run.text,
                size,
                false,
            );
        }
        cursor += run.width;
    }
}

/// Draws the pages, with `title` in the document's metadata and in every page's footer.
fn render(fonts: &FontPool, title: &str, pages: Vec<Page>) -> Result<Vec<u8>, ExportError> {
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(title.to_string())
            .creator("Interview Scorecard".to_string())
            .language("en".to_string()),
    );
    let footer_style = Style {
        chain: Chain::Sans,
        size: 8.0,
        color: MUTED,
    };
    let total = pages.len();
    for (number, page_items) in pages.into_iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
            .ok_or_else(|| ExportError::Pdf("invalid page size".to_string()))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for (top, item) in page_items {
            for op in item.ops {
                match op {
                    Op::Text {
                        x,
                        baseline,
                        line,
                        size,
                        color,
                    } => draw_line(&mut surface, fonts, x, top + baseline, &line, size, color),
                    Op::Rect { x, y, w, h, color } => {
                        draw_rect(&mut surface, x, top + y, w, h, color)
                    }
                }
            }
        }
        let footer_y = PAGE_HEIGHT - 36.0;
        draw_rect(
            &mut surface,
            MARGIN_X,
            footer_y - 12.0,
            CONTENT_WIDTH,
            0.5,
            RULE,
        );
        if let Some(line) = fonts
            .layout(footer_style.chain, title, footer_style.size, 380.0)
            .into_iter()
            .next()
        {
            draw_line(
                &mut surface,
                fonts,
                MARGIN_X,
                footer_y,
                &line,
                footer_style.size,
                footer_style.color,
            );
        }
        let right = format!("Page {} of {total}", number + 1);
        if let Some(line) = fonts
            .layout(footer_style.chain, &right, footer_style.size, 100.0)
            .into_iter()
            .next()
        {
            let x = MARGIN_X + CONTENT_WIDTH - line.width;
            draw_line(
                &mut surface,
                fonts,
                x,
                footer_y,
                &line,
                footer_style.size,
                footer_style.color,
            );
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|err| ExportError::Pdf(format!("{err:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(lines: usize, keep_together: bool) -> Block {
        Block {
            items: (0..lines).map(|_| space(14.0)).collect(),
            keep_together,
            space_after: 0.0,
            continued: None,
        }
    }

    fn page_of_each_item(pages: &[Page]) -> Vec<usize> {
        pages
            .iter()
            .enumerate()
            .flat_map(|(p, items)| items.iter().map(move |_| p))
            .collect()
    }

    #[test]
    fn a_block_that_does_not_fit_moves_whole_to_the_next_page() {
        let per_page = (CONTENT_HEIGHT / 14.0) as usize;
        let pages = paginate(vec![block(per_page - 3, true), block(5, true)]);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[1].len(), 5, "the second block must not be split");
    }

    #[test]
    fn only_a_block_taller_than_a_page_is_split() {
        let per_page = (CONTENT_HEIGHT / 14.0) as usize;
        let pages = paginate(vec![block(3, true), block(per_page + 10, true)]);
        let owners = page_of_each_item(&pages);
        // The tall block starts right after the short one rather than on a new page.
        assert_eq!(owners[3], 0);
        assert!(pages.len() >= 2);
        for (top, item) in pages.iter().flatten() {
            assert!(top + item.height <= CONTENT_BOTTOM + 0.01);
        }
    }

    #[test]
    fn a_split_block_says_it_continues() {
        let per_page = (CONTENT_HEIGHT / 14.0) as usize;
        let mut tall = block(per_page + 5, true);
        tall.continued = Some(space(9.0));
        let pages = paginate(vec![tall]);
        assert_eq!(pages.len(), 2);
        assert_eq!(
            pages[1][0].1.height, 9.0,
            "the continuation label comes first"
        );
        assert_eq!(pages[1].len(), 6);
        // A block that moves whole to a new page gets no label.
        let mut short = block(3, true);
        short.continued = Some(space(9.0));
        let pages = paginate(vec![block(per_page - 1, true), short]);
        assert_eq!(pages[1].len(), 3);
    }

    #[test]
    fn split_blocks_keep_their_first_lines_together() {
        let per_page = (CONTENT_HEIGHT / 14.0) as usize;
        let pages = paginate(vec![block(per_page - 2, true), block(20, false)]);
        assert_eq!(pages[1].len(), 20, "heading and first lines move together");
    }
}
