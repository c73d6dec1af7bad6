//! Question health as CSV for spreadsheets: one row per rubric version of each question, with
//! the same figures `scorecard stats` prints and the JSON holds, and what each rests on (times
//! asked, ratings, pairs, candidates, timed interviews).
//!
//! Text cells come from scorecards people wrote (prompts, rubric points, ids), so each goes
//! through [`super::csv::neutralise`] like every other CSV export; a cell that reads as a
//! plain number is ours and left as it is, so a negative correlation stays a number.

use crate::model::health::{HealthReport, VersionHealth};

use super::ExportError;
use super::csv::neutralise;

/// Column names, in order.
pub const HEADER: [&str; 36] = [
    "question_id",
    "rubric_hash",
    "version",
    "category",
    "prompt",
    "asked",
    "candidates",
    "interviewers",
    "first_asked",
    "last_asked",
    "rated",
    "ratings_1",
    "ratings_2",
    "ratings_3",
    "ratings_4",
    "rating_mean",
    "spread_warning",
    "agreement_candidates",
    "agreement_pairs",
    "agreement_exact",
    "agreement_within_one",
    "krippendorff_alpha",
    "discrimination_candidates",
    "discrimination_from_decisions",
    "rank_correlation",
    "points_tick_rates",
    "red_flag_rates",
    "timed",
    "suggested_secs",
    "median_secs",
    "median_over_secs",
    "recent_candidates",
    "exposure_window_days",
    "exposure_limit",
    "attention_score",
    "reasons",
];

/// The report as CSV text (UTF-8 with a byte-order mark, CRLF line ends), questions in id
/// order, each question's newest version first.
pub fn health_csv(report: &HealthReport) -> Result<String, ExportError> {
    let mut writer = super::csv::writer();
    let err = |e: ::csv::Error| ExportError::Csv(e.to_string());
    writer.write_record(HEADER).map_err(err)?;
    for question in &report.questions {
        for version in &question.versions {
            writer
                .write_record(row(version).iter().map(|c| cell(c)))
                .map_err(err)?;
        }
    }
    super::csv::finish(writer)
}

/// A number we formatted stays a number; anything else is neutralised.
fn cell(text: &str) -> String {
    if !text.is_empty() && text.parse::<f64>().is_ok_and(f64::is_finite) {
        text.to_string()
    } else {
        neutralise(text)
    }
}

fn row(v: &VersionHealth) -> Vec<String> {
    let opt = |x: Option<f64>, digits: usize| x.map_or(String::new(), |x| format!("{x:.digits$}"));
    let date = |d: Option<chrono::DateTime<chrono::FixedOffset>>| {
        d.map_or(String::new(), |d| d.format("%Y-%m-%d").to_string())
    };
    let version = match (v.current, v.newest) {
        (Some(true), _) => "current",
        (Some(false), _) => "older",
        (None, true) => "newest asked",
        (None, false) => "older",
    };
    // "1:0.52 2:0.00 …": one cell per question, however long its rubric.
    let rates = |items: &[crate::model::health::ItemRate]| {
        items
            .iter()
            .map(|i| format!("{}:{:.2}", i.number, i.rate()))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let r = &v.ratings;
    let a = &v.agreement;
    let d = &v.discrimination;
    let t = &v.time;
    let x = &v.exposure;
    vec![
        v.id.clone(),
        v.rubric_hash.clone(),
        version.to_string(),
        v.category_title.clone(),
        super::single_line(&v.prompt),
        v.usage.asked.to_string(),
        v.usage.candidates.to_string(),
        v.usage.interviewers.to_string(),
        date(v.usage.first_asked),
        date(v.usage.last_asked),
        r.rated.to_string(),
        r.counts[0].to_string(),
        r.counts[1].to_string(),
        r.counts[2].to_string(),
        r.counts[3].to_string(),
        opt(r.mean, 2),
        r.warning.map_or("", |w| w.label()).to_string(),
        a.candidates.to_string(),
        a.pairs.to_string(),
        opt(a.exact, 2),
        opt(a.within_one, 2),
        opt(a.alpha, 2),
        d.candidates.to_string(),
        d.from_decisions.to_string(),
        opt(d.rank_correlation, 2),
        rates(&v.points),
        rates(&v.red_flags),
        t.timed.to_string(),
        format!("{:.0}", t.suggested_secs),
        opt(t.median_secs, 0),
        opt(t.median_over_secs, 0),
        x.recent_candidates.to_string(),
        x.window_days.to_string(),
        x.limit.to_string(),
        v.attention_score().to_string(),
        v.reasons
            .iter()
            .map(|r| r.text.as_str())
            .collect::<Vec<_>>()
            .join("; "),
    ]
}
