//! Text with some characters marked, such as the letters a search matched. The text is laid out
//! plain, so egui reuses its layout while the marks change from keystroke to keystroke, and each
//! run of marked characters gets a tint behind it and a line under it.

/// Adds `text` as a label with the characters at `marks` (character positions, ascending)
/// marked in `accent`. `truncate` keeps it on one row with an ellipsis; otherwise it wraps.
pub fn label(
    ui: &mut egui::Ui,
    text: egui::RichText,
    marks: &[usize],
    truncate: bool,
    accent: egui::Color32,
) -> egui::Response {
    // For sections without a colour of their own, as a plain label would draw them.
    let colour = ui.visuals().text_color();
    let label = egui::Label::new(text).selectable(false);
    let label = if truncate {
        label.truncate()
    } else {
        label.wrap()
    };
    let (pos, galley, response) = label.layout_in_ui(ui);
    paint_marks(ui.painter(), pos, &galley, marks, accent);
    ui.painter().galley(pos, galley, colour);
    response
}

/// Like [`label`], but wraps to at most `max_rows` rows and ends with an ellipsis beyond them:
/// for list rows of a fixed height that should still show as much of the text as fits.
pub fn label_rows(
    ui: &mut egui::Ui,
    text: egui::RichText,
    marks: &[usize],
    max_rows: usize,
    accent: egui::Color32,
) -> egui::Response {
    let colour = ui.visuals().text_color();
    let mut job = std::sync::Arc::unwrap_or_clone(egui::WidgetText::from(text).into_layout_job(
        ui.style(),
        egui::FontSelection::Default,
        egui::Align::LEFT,
    ));
    job.wrap = egui::text::TextWrapping {
        max_width: ui.available_width(),
        max_rows,
        break_anywhere: false,
        overflow_character: Some('…'),
    };
    let galley = ui.painter().layout_job(job);
    let (rect, response) = ui.allocate_exact_size(galley.size(), egui::Sense::hover());
    paint_marks(ui.painter(), rect.min, &galley, marks, accent);
    ui.painter().galley(rect.min, galley, colour);
    response
}

/// Paints the marks for a galley drawn at `pos` (before the galley itself, so the text stays on
/// top). Characters cut off by an ellipsis are not marked.
pub fn paint_marks(
    painter: &egui::Painter,
    pos: egui::Pos2,
    galley: &egui::Galley,
    marks: &[usize],
    accent: egui::Color32,
) {
    if marks.is_empty() {
        return;
    }
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &i in marks {
        match runs.last_mut() {
            Some((_, end)) if *end == i => *end = i + 1,
            _ => runs.push((i, i + 1)),
        }
    }
    let rows = galley.rows.len();
    // Character position of each row's first glyph: a row holds a glyph per character, and the
    // newline that ends a paragraph belongs to no row.
    let mut row_start = 0;
    for (index, row) in galley.rows.iter().enumerate() {
        let glyphs = row.glyphs.len();
        // An elided galley ends with the ellipsis glyph, which is not a character of the text.
        let visible = glyphs - usize::from(galley.elided && index + 1 == rows && glyphs > 0);
        let row_end = row_start + visible;
        let origin = pos + row.pos.to_vec2();
        for &(start, end) in &runs {
            let (from, to) = (start.max(row_start), end.min(row_end));
            if from >= to {
                continue;
            }
            let (Some(first), Some(last)) = (
                row.glyphs.get(from - row_start),
                row.glyphs.get(to - 1 - row_start),
            ) else {
                continue;
            };
            let rect = egui::Rect::from_x_y_ranges(
                first.logical_rect().left()..=last.logical_rect().right(),
                0.0..=row.size.y,
            )
            .translate(origin.to_vec2());
            painter.rect_filled(rect, 2.0, accent.gamma_multiply(0.22));
            painter.hline(
                rect.x_range(),
                rect.bottom() - 0.5,
                egui::Stroke::new(1.5, accent),
            );
        }
        row_start += glyphs + usize::from(row.ends_with_newline);
    }
}
