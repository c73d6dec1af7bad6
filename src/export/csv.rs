//! CSV for spreadsheets: one row per question, the scorecard's own fields repeated on every
//! row so rows from many scorecards can be pasted into one sheet.
//!
//! Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (and, in some, tab, CR, LF or
//! NUL) as a formula, so a note like `=HYPERLINK("http://x")` could run on opening (OWASP ASVS
//! 5.0, 1.2.10). Every such cell is prefixed with `'`, which spreadsheets show as text, also
//! when the formula character follows leading NULs or spaces (some programs skip them); the
//! full-width forms some locales also treat as formulas are neutralised too. Control characters
//! other than tab and line breaks are dropped. The file starts with a byte-order mark so
//! spreadsheet programs read it as UTF-8.

use crate::model::session::Session;

use super::{ExportError, candidate_name, format_datetime, interview_date, single_line};

/// Column names, in order.
pub const HEADER: [&str; 24] = [
    "candidate",
    "role",
    "interviewer",
    "date",
    "recommendation",
    "status",
    "question_number",
    "question_id",
    "category",
    "level",
    "prompt",
    "state",
    "rating",
    "rating_label",
    "points_ticked",
    "points_total",
    "points_covered",
    "points_missed",
    "red_flags_observed",
    "red_flags",
    "follow_ups_asked",
    "time_secs",
    "planned_minutes",
    "notes",
];

/// The scorecard as CSV text (UTF-8 with a byte-order mark, CRLF line ends).
pub fn csv(session: &Session) -> Result<String, ExportError> {
    let mut writer = writer();
    let err = |e: ::csv::Error| ExportError::Csv(e.to_string());
    writer.write_record(HEADER).map_err(err)?;
    let date = interview_date(session)
        .map(|d| format_datetime(&d))
        .unwrap_or_default();
    let recommendation = session.recommendation.map_or("", |r| r.label());
    let status = session.status().label();
    for (index, outcome) in session.questions.iter().enumerate() {
        let q = &outcome.question;
        let pick = |items: &[String], chosen: &dyn Fn(usize) -> bool, want: bool| -> String {
            items
                .iter()
                .enumerate()
                .filter(|(i, _)| chosen(*i) == want)
                .map(|(_, text)| single_line(text))
                .collect::<Vec<_>>()
                .join("\n")
        };
        let ticked = |i: usize| outcome.is_ticked(i);
        let observed = |i: usize| outcome.is_flag_observed(i);
        let asked = |i: usize| outcome.is_follow_up_asked(i);
        let row: Vec<String> = vec![
            candidate_name(session),
            single_line(&session.role),
            single_line(&session.interviewer),
            date.clone(),
            recommendation.to_string(),
            status.to_string(),
            (index + 1).to_string(),
            q.id.clone(),
            single_line(&q.category_title),
            q.level.label().to_string(),
            q.prompt.trim().to_string(),
            outcome.state.label().to_string(),
            outcome
                .rating
                .map(|r| r.value().to_string())
                .unwrap_or_default(),
            outcome
                .rating
                .map(|r| r.label().to_string())
                .unwrap_or_default(),
            outcome.ticked.len().to_string(),
            q.listen_for.len().to_string(),
            pick(&q.listen_for, &ticked, true),
            pick(&q.listen_for, &ticked, false),
            outcome.red_flags.len().to_string(),
            pick(&q.red_flags, &observed, true),
            pick(&q.follow_ups, &asked, true),
            format!("{:.0}", outcome.time_secs.max(0.0)),
            q.minutes.to_string(),
            outcome.notes.trim_end().replace("\r\n", "\n"),
        ];
        writer
            .write_record(row.iter().map(|cell| neutralise(cell)))
            .map_err(err)?;
    }
    finish(writer)
}

/// A CSV writer as every export uses it: CRLF line ends, quotes only where needed.
pub(crate) fn writer() -> ::csv::Writer<Vec<u8>> {
    ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .quote_style(::csv::QuoteStyle::Necessary)
        .from_writer(Vec::new())
}

/// The written table as text, with the byte-order mark spreadsheet programs need to read it
/// as UTF-8.
pub(crate) fn finish(writer: ::csv::Writer<Vec<u8>>) -> Result<String, ExportError> {
    let bytes = writer
        .into_inner()
        .map_err(|e| ExportError::Csv(e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|e| ExportError::Csv(e.to_string()))?;
    Ok(format!("\u{feff}{text}"))
}

/// Prefixes `'` to a cell a spreadsheet would read as a formula, and drops control characters
/// other than tab and line breaks.
pub fn neutralise(cell: &str) -> String {
    let starts_formula = match cell.chars().next() {
        Some('\t' | '\r' | '\n' | '\0') => true,
        _ => matches!(
            cell.trim_start_matches(|c: char| c == '\0' || c.is_whitespace())
                .chars()
                .next(),
            Some('=' | '+' | '-' | '@' | '＝' | '＋' | '－' | '＠')
        ),
    };
    let kept: String = cell
        .chars()
        .filter(|&c| !c.is_control() || matches!(c, '\t' | '\r' | '\n'))
        .collect();
    if starts_formula {
        format!("'{kept}")
    } else {
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        for cell in [
            "=1+1",
            "+1",
            "-2",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "\nx",
            "＝1",
            " =1",
            "\u{3000}-1",
        ] {
            assert_eq!(neutralise(cell), format!("'{cell}"));
        }
        // NUL is dropped, but a formula behind it is still neutralised.
        assert_eq!(neutralise("\0=1+1"), "'=1+1");
        assert_eq!(neutralise("\0\0 @x"), "' @x");
        assert_eq!(neutralise("\0plain"), "'plain");
        assert_eq!(neutralise("a\u{7}b"), "ab");
        for cell in ["", "plain", "1-2", "a=b", "'quoted", "a\tb\nc"] {
            assert_eq!(neutralise(cell), cell);
        }
    }
}
