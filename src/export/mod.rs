//! Exporting scorecards for people and tools. No egui, no file IO: each exporter is a pure
//! function from a [`Session`] to bytes; the caller writes them (through `store`).
//!
//! - [`summary`]: a short note for an applicant-tracking system ("Copy summary").
//! - [`markdown`]: the full report as Markdown.
//! - [`html`]: one self-contained, printable page.
//! - [`pdf`]: A4 with real text in the bundled fonts. It takes a moment; run it off the UI thread.
//! - [`csv`]: one row per question, safe to open in a spreadsheet.
//! - [`json`]: a stable, documented structure (`docs/scorecard-json.md`).
//! - [`native_ron`]: the scorecard file itself.

pub mod comparison;
pub mod csv;
pub mod decision;
pub mod health;
pub mod html;
pub mod json;
pub mod loop_report;
pub mod markdown;
pub mod pdf;
pub mod summary;
pub mod text;

use chrono::{DateTime, FixedOffset};

use crate::model::names::safe_file_stem;
use crate::model::scoring::CategoryScore;
use crate::model::session::{QuestionOutcome, QuestionState, Session, SessionStatus};

/// The file formats a scorecard can be exported to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Markdown,
    Html,
    Pdf,
    Csv,
    Json,
    /// The native scorecard file.
    Ron,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Markdown,
        Format::Html,
        Format::Pdf,
        Format::Csv,
        Format::Json,
        Format::Ron,
    ];

    /// File extension without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Ron => "ron",
        }
    }

    /// Name shown on buttons and in save dialogs.
    pub fn label(self) -> &'static str {
        match self {
            Format::Markdown => "Markdown",
            Format::Html => "HTML",
            Format::Pdf => "PDF",
            Format::Csv => "CSV",
            Format::Json => "JSON",
            Format::Ron => "Scorecard file (RON)",
        }
    }

    /// True for formats that are text and can be printed to a terminal.
    pub fn is_text(self) -> bool {
        !matches!(self, Format::Pdf)
    }

    /// Reads an extension or common name (`md`, `markdown`, `htm`, …), ignoring case.
    pub fn parse(text: &str) -> Option<Format> {
        match text
            .trim()
            .trim_start_matches('.')
            .to_ascii_lowercase()
            .as_str()
        {
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            "pdf" => Some(Format::Pdf),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "ron" | "scorecard" => Some(Format::Ron),
            _ => None,
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// Why an export could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("could not write the scorecard as RON: {0}")]
    Ron(String),
    #[error("could not write the scorecard as JSON: {0}")]
    Json(String),
    #[error("could not write the scorecard as CSV: {0}")]
    Csv(String),
    #[error("could not create the PDF: {0}")]
    Pdf(String),
}

/// Choices for the full reports (Markdown, HTML, PDF); CSV and JSON always hold everything.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Show questions that were not asked or were skipped in full, rubric and all. By default
    /// they are summarised in one line, so the report is about the interview that happened.
    pub all_questions: bool,
}

/// Exports `session` in `format` with the default [`Options`].
pub fn export(session: &Session, format: Format) -> Result<Vec<u8>, ExportError> {
    export_with(session, format, &Options::default())
}

/// Exports `session` in `format`.
pub fn export_with(
    session: &Session,
    format: Format,
    options: &Options,
) -> Result<Vec<u8>, ExportError> {
    Ok(match format {
        Format::Markdown => markdown::markdown_with(session, options).into_bytes(),
        Format::Html => html::html_with(session, options).into_bytes(),
        Format::Pdf => pdf::pdf_with(session, options)?,
        Format::Csv => csv::csv(session)?.into_bytes(),
        Format::Json => json::json(session)?.into_bytes(),
        Format::Ron => native_ron(session)?.into_bytes(),
    })
}

/// The scorecard file as RON, exactly as the app saves it.
pub fn native_ron(session: &Session) -> Result<String, ExportError> {
    crate::store::ron_file::to_ron(session).map_err(|err| ExportError::Ron(err.to_string()))
}

/// A file name (no folder) for an export: `Scorecard-<candidate>-<date>.<ext>`, made safe for
/// every file system (no separators, `..`, control characters or reserved names) and for every
/// reader: bidi overrides and invisible characters are removed, so a name cannot disguise its
/// extension (`Scorecard-\u{202E}fdp.exe` would show as `Scorecard-exe.pdf`).
pub fn default_file_name(session: &Session, format: Format) -> String {
    let date = interview_date(session).map(|d| d.format("%Y-%m-%d").to_string());
    let candidate = single_line(&text::strip_invisible(&session.candidate));
    let parts: Vec<&str> = ["Scorecard", candidate.trim(), date.as_deref().unwrap_or("")]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect();
    format!(
        "{}.{}",
        safe_file_stem(&parts.join(" ")),
        format.extension()
    )
}

/// When the interview took place: its start, else its end, else the submission.
pub fn interview_date(session: &Session) -> Option<DateTime<FixedOffset>> {
    session
        .started_at
        .or(session.finished_at)
        .or(session.submitted.as_ref().map(|s| s.at))
}

/// A date and time as people read it, in the offset it was recorded in.
pub(crate) fn format_datetime(at: &DateTime<FixedOffset>) -> String {
    at.format("%Y-%m-%d %H:%M %:z").to_string()
}

/// `45 s`, `6 min 10 s`, `1 h 5 min`.
pub(crate) fn format_duration(secs: f64) -> String {
    crate::model::format::duration_text(secs)
}

/// Text for a one-line context (a heading, a table cell title): line breaks become spaces.
pub(crate) fn single_line(text: &str) -> String {
    text.split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The seal line people read: when it was submitted, and what its signature check found
/// (the same check the Panel, History and `compare` make).
pub(crate) fn status_text(session: &Session) -> String {
    use crate::model::signature::SignatureCheck;
    match (session.status(), &session.submitted) {
        (SessionStatus::Submitted, Some(submission)) => {
            let mut text = format!("Submitted {}", format_datetime(&submission.at));
            if !session.amendments.is_empty() {
                let n = session.amendments.len();
                text.push_str(&format!(", {n} amendment{}", if n == 1 { "" } else { "s" }));
            }
            match session.signature_check() {
                SignatureCheck::Valid { public_key } => text.push_str(&format!(
                    ", signed by key {}",
                    crate::model::signature::fingerprint_hex(&public_key)
                )),
                SignatureCheck::UnsignedOlder => {
                    text.push_str(", unsigned (older format: only a content hash, which anyone can recompute)")
                }
                SignatureCheck::Invalid { .. } => text.push_str(
                    " — WARNING: the signature does not match the content; it was changed after it was signed",
                ),
                SignatureCheck::NotSubmitted => {}
            }
            text
        }
        (status, _) => format!("{} (not submitted)", status.label()),
    }
}

/// "Duration 52 min (planned 60 min)".
pub(crate) fn duration_text(session: &Session) -> String {
    let mut text = format_duration(session.elapsed_secs);
    if session.target_minutes > 0 {
        text.push_str(&format!(" (planned {} min)", session.target_minutes));
    }
    text
}

/// True when the question was put to the candidate; the model's rule (see
/// [`crate::model::scoring::was_asked`]). Exports list these in full; the others in one line.
pub(crate) fn was_asked(outcome: &QuestionOutcome) -> bool {
    crate::model::scoring::was_asked(outcome)
}

/// Questions not shown in full, numbered as in the plan: (not asked, skipped).
pub(crate) fn unasked_numbers(session: &Session) -> (Vec<usize>, Vec<usize>) {
    let mut not_asked = Vec::new();
    let mut skipped = Vec::new();
    for (index, outcome) in session.questions.iter().enumerate() {
        if was_asked(outcome) {
            continue;
        }
        if outcome.state == QuestionState::Skipped {
            skipped.push(index + 1);
        } else {
            not_asked.push(index + 1);
        }
    }
    (not_asked, skipped)
}

/// "Not asked: Q6, Q7. Skipped: Q9." or None when every question was asked.
pub(crate) fn unasked_line(session: &Session) -> Option<String> {
    let (not_asked, skipped) = unasked_numbers(session);
    let list = |numbers: &[usize]| {
        numbers
            .iter()
            .map(|n| format!("Q{n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut parts = Vec::new();
    if !not_asked.is_empty() {
        parts.push(format!("Not asked: {}.", list(&not_asked)));
    }
    if !skipped.is_empty() {
        parts.push(format!("Skipped: {}.", list(&skipped)));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// Questions rated, as the model counts them in its category figures (so a rule for skipped
/// questions there applies here too).
pub(crate) fn rated_count(scores: &[CategoryScore]) -> usize {
    scores.iter().map(|s| s.rated).sum()
}

/// "Mean rating 2.8/4 over 4 rated questions (5 of 9 asked)."
pub(crate) fn overall_text(session: &Session, scores: &[CategoryScore]) -> String {
    let rated = rated_count(scores);
    let asked = session.questions.iter().filter(|o| was_asked(o)).count();
    format!(
        "Mean rating {} over {rated} rated question{} ({asked} of {} asked).",
        mean_text(crate::model::scoring::overall_mean(session)),
        if rated == 1 { "" } else { "s" },
        session.questions.len()
    )
}

/// "3/4 Solid".
pub(crate) fn rating_text(outcome: &QuestionOutcome) -> String {
    match outcome.rating {
        Some(rating) => format!("{}/4 {}", rating.value(), rating.label()),
        None => "Not rated".to_string(),
    }
}

/// "Time 6 min 10 s (planned 5 min)".
pub(crate) fn question_time_text(outcome: &QuestionOutcome) -> String {
    format!(
        "{} (planned {} min)",
        format_duration(outcome.time_secs),
        outcome.question.minutes
    )
}

/// "Mean 2.8/4" or "No ratings".
pub(crate) fn mean_text(mean: Option<f32>) -> String {
    match mean {
        Some(mean) => format!("{mean:.1}/4"),
        None => "not rated".to_string(),
    }
}

pub(crate) fn percent(share: f32) -> String {
    format!("{:.0}%", (share * 100.0).clamp(0.0, 100.0))
}

pub(crate) fn recommendation_text(session: &Session) -> &'static str {
    session
        .recommendation
        .map_or("Not chosen yet", |r| r.label())
}

/// What the candidate is called in exports; never empty.
pub(crate) fn candidate_name(session: &Session) -> String {
    let name = single_line(&session.candidate);
    if name.is_empty() {
        "Unnamed candidate".to_string()
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, mo: u32, d: u32) -> DateTime<FixedOffset> {
        FixedOffset::east_opt(3600)
            .and_then(|tz| tz.with_ymd_and_hms(y, mo, d, 14, 5, 0).single())
            .expect("valid date")
    }

    #[test]
    fn the_status_line_says_what_the_signature_check_found() {
        use crate::model::session::Recommendation;
        use crate::model::signature::{self, SigningKey};
        let mut session = Session {
            candidate: "Ada".into(),
            recommendation: Some(Recommendation::Yes),
            ..Session::default()
        };
        session.submit(at(2026, 11, 21)).expect("submits");
        let key = SigningKey::from_bytes(&[7; 32]);
        signature::sign(&mut session, &key);
        let signed = status_text(&session);
        assert!(signed.contains(", signed by key "), "{signed}");
        assert!(!signed.contains("WARNING"), "{signed}");
        // Change a figure behind the signature, and recompute the older content hash too: the
        // signature still gives it away.
        session.recommendation = Some(Recommendation::StrongYes);
        let recomputed = session.content_hash();
        if let Some(submitted) = session.submitted.as_mut() {
            submitted.content_hash = recomputed;
        }
        let changed = status_text(&session);
        assert!(
            changed.contains("WARNING: the signature does not match"),
            "{changed}"
        );
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(format_duration(0.0), "0 s");
        assert_eq!(format_duration(f64::NAN), "0 s");
        assert_eq!(format_duration(44.6), "45 s");
        assert_eq!(format_duration(360.0), "6 min");
        assert_eq!(format_duration(370.0), "6 min 10 s");
        assert_eq!(format_duration(3900.0), "1 h 5 min");
        assert_eq!(format_duration(7200.0), "2 h");
    }

    #[test]
    fn file_names_come_from_candidate_and_date_and_are_safe() {
        let mut session = Session {
            candidate: "Zoë Ødegård".into(),
            started_at: Some(at(2026, 11, 21)),
            ..Session::default()
        };
        assert_eq!(
            default_file_name(&session, Format::Pdf),
            "Scorecard-Zoë-Ødegård-2026-11-21.pdf"
        );
        session.candidate = "../../etc/passwd".into();
        let name = default_file_name(&session, Format::Csv);
        assert!(!name.contains('/') && !name.contains(".."), "{name}");
        assert!(name.ends_with("-2026-11-21.csv"), "{name}");
        session.candidate = "a\u{0}b\nc\\d:e".into();
        let name = default_file_name(&session, Format::Html);
        assert!(
            !name
                .chars()
                .any(|c| c.is_control() || matches!(c, '\\' | ':')),
            "{name}"
        );
        session.candidate = "李雷".into();
        session.started_at = None;
        assert_eq!(
            default_file_name(&session, Format::Json),
            "Scorecard-李雷.json"
        );
        session.candidate = String::new();
        assert_eq!(
            default_file_name(&session, Format::Markdown),
            "Scorecard.md"
        );
    }

    #[test]
    fn formats_parse_from_extensions_and_names() {
        for format in Format::ALL {
            assert_eq!(Format::parse(format.extension()), Some(format));
        }
        assert_eq!(Format::parse("Markdown"), Some(Format::Markdown));
        assert_eq!(Format::parse(".HTM"), Some(Format::Html));
        assert_eq!(Format::parse("docx"), None);
    }

    #[test]
    fn single_line_joins_lines() {
        assert_eq!(single_line("  a\r\n b \n\n c "), "a b c");
    }
}
