//! A decision record as an A4 PDF, laid out with the scorecard PDF's builder, pagination and
//! fonts, from the same [`Report`] the Markdown export writes.

use super::text::FontPool;
use super::{
    ACCENT, BODY, Block, Builder, CONTENT_WIDTH, ExportError, KICKER, MARGIN_X, paginate, render,
};
use crate::export::decision::Report;

/// The report as PDF bytes. Takes a moment; call it off the UI thread.
pub fn pdf(report: &Report) -> Result<Vec<u8>, ExportError> {
    let fonts = FontPool::load().map_err(ExportError::Pdf)?;
    let builder = Builder::new(&fonts);
    let mut head = builder.title_block("DECISION RECORD", &report.candidate);
    for (label, value) in &report.facts {
        head.extend(builder.row(label, value, BODY, MARGIN_X));
    }
    let mut blocks = vec![Block {
        items: head,
        keep_together: true,
        space_after: 4.0,
        continued: None,
    }];
    for section in &report.sections {
        let mut items = builder.heading(&section.heading);
        if !section.text.trim().is_empty() || section.bullets.is_empty() {
            items.extend(builder.free_text(&section.text, MARGIN_X));
        }
        for bullet in &section.bullets {
            items.extend(builder.bullet("•", ACCENT, bullet, BODY, MARGIN_X));
        }
        let continued = format!("{} (continued)", section.heading);
        blocks.push(Block {
            items,
            keep_together: false,
            space_after: 2.0,
            continued: builder
                .lines(&continued, KICKER, MARGIN_X, CONTENT_WIDTH)
                .into_iter()
                .next(),
        });
    }
    render(&fonts, &report.title, paginate(blocks))
}
