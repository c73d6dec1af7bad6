//! `scorecard stats [--folder DIR …] [--question ID] [--format text|md|csv|json]`: question health from the
//! submitted scorecards in History and in panel or loop folders — the questions that need
//! attention first, then every question's figures.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use crate::model::health::{
    self, HealthOptions, HealthReport, MIN_CANDIDATES_FOR_DISCRIMINATION, MIN_PAIRS_FOR_AGREEMENT,
    VersionHealth, minutes_text, percent,
};
use crate::store::health_sources::{self, HealthSources};
use crate::store::{AppDirs, bank_files};

use super::Cli;

#[derive(clap::Args, Debug)]
pub struct StatsArgs {
    /// A panel or loop folder whose scorecards count too (repeatable). History (your own
    /// scorecards in the data folder) is always read unless --no-history is given.
    #[arg(long = "folder", value_name = "DIR")]
    pub folders: Vec<PathBuf>,

    /// Show only this question (every rubric version of it).
    #[arg(long, value_name = "ID")]
    pub question: Option<String>,

    /// How to print the figures: text for people, md (Markdown) for a wiki page or a pull
    /// request, CSV for spreadsheets (one row per rubric version), JSON for tools.
    #[arg(long, value_enum, default_value_t = StatsFormat::Text)]
    pub format: StatsFormat,

    /// The same as `--format json`.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,

    /// Leave History out and read only the --folder folders.
    #[arg(long)]
    pub no_history: bool,
}

/// The output formats of `scorecard stats`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatsFormat {
    Text,
    /// The text report as a Markdown document, for a wiki page or a pull request.
    #[value(name = "md", alias = "markdown")]
    Md,
    Csv,
    Json,
}

/// What `--json` prints: where the figures come from, and the figures.
#[derive(Serialize)]
struct JsonOutput<'a> {
    folders: Vec<String>,
    files_not_read: Vec<String>,
    duplicate_copies: usize,
    report: &'a HealthReport,
}

/// Prints question health. Files that cannot be used are listed on `err`. Exit code 1 when
/// `--question` names a question no counted scorecard asked.
pub fn run(
    cli: &Cli,
    args: &StatsArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let dirs = AppDirs::discover(cli.data_dir.as_deref()).ok();
    let history = dirs
        .as_ref()
        .filter(|_| !args.no_history)
        .map(AppDirs::sessions);
    let index = dirs.as_ref().map(AppDirs::health_index);
    let mut sources =
        health_sources::gather_indexed(index.as_deref(), history.as_deref(), &args.folders);
    for rejected in &sources.rejected {
        writeln!(err, "skipped {rejected}")?;
    }
    let (bank, _problems) = bank_files::load_bank(super::user_sets_dir(cli).as_deref(), &cli.bank);
    let options = HealthOptions {
        now: Some(chrono::Local::now().fixed_offset()),
        current_rubrics: bank
            .entries()
            .iter()
            .map(|e| (e.question.id.clone(), e.question.rubric_hash()))
            .collect::<BTreeMap<_, _>>(),
        ..HealthOptions::default()
    };
    let mut report = health::compute_input(&sources.input, &options);
    if let Some(why) = &sources.finish().not_saved {
        writeln!(err, "the question-health index could not be updated: {why}")?;
    }
    if let Some(id) = &args.question {
        report.questions.retain(|q| q.id == *id);
        report.attention.retain(|a| a.id == *id);
        if report.questions.is_empty() {
            writeln!(
                err,
                "no counted scorecard asked `{id}` ({} scorecards read)",
                report.scorecards
            )?;
            return Ok(1);
        }
    }
    let format = if args.json {
        StatsFormat::Json
    } else {
        args.format
    };
    if format == StatsFormat::Csv {
        // Where the figures come from goes to stderr, so the output stays one table.
        writeln!(
            err,
            "{} submitted scorecards ({} candidates) from {} folder{}",
            report.scorecards,
            report.candidates,
            sources.folders.len(),
            plural(sources.folders.len())
        )?;
        let text = crate::export::health::health_csv(&report).map_err(std::io::Error::other)?;
        out.write_all(text.as_bytes())?;
        return Ok(0);
    }
    if format == StatsFormat::Json {
        let output = JsonOutput {
            folders: sources
                .folders
                .iter()
                .map(|f| f.display().to_string())
                .collect(),
            files_not_read: sources.rejected.iter().map(ToString::to_string).collect(),
            duplicate_copies: sources.duplicates,
            report: &report,
        };
        let text = serde_json::to_string_pretty(&output).map_err(std::io::Error::other)?;
        writeln!(out, "{text}")?;
        return Ok(0);
    }
    let style = if format == StatsFormat::Md {
        Style::Markdown
    } else {
        Style::Text
    };
    // History counts as read only when it was there to read (a new data folder has none).
    let read_history = history
        .as_deref()
        .is_some_and(|h| sources.folders.first().is_some_and(|f| f == h));
    print_report(&report, &sources, read_history, style, out)?;
    Ok(0)
}

/// How the report is laid out: aligned text for a terminal, or Markdown, where everything
/// people wrote (ids, prompts, rubric points) is escaped so it cannot become markup or a link.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Text,
    Markdown,
}

impl Style {
    /// Text someone wrote, on one line.
    fn user(self, text: &str) -> String {
        match self {
            Style::Text => text.to_string(),
            Style::Markdown => {
                crate::export::text::md_inline(text, crate::export::text::CodeSpans::Keep)
            }
        }
    }

    /// A section heading (Markdown only; text shows it as a plain line).
    fn heading(self, level: usize, text: &str) -> String {
        match self {
            Style::Text => text.to_string(),
            Style::Markdown => format!("{} {text}", "#".repeat(level)),
        }
    }

    /// One labelled figure of a question.
    fn field(self, label: &str, value: &str) -> String {
        match self {
            Style::Text => format!("  {:<13}{value}", format!("{label}:")),
            Style::Markdown => format!("- **{label}:** {value}"),
        }
    }

    /// A numbered rubric point or red flag under a figure, with its rate.
    fn item(self, number: usize, rate: &str, text: &str) -> String {
        match self {
            Style::Text => format!("    {number:>2}. {rate:>4}  {text}"),
            Style::Markdown => format!("    {number}. {rate} — {text}"),
        }
    }
}

fn print_report(
    report: &HealthReport,
    sources: &HealthSources,
    with_history: bool,
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    if style == Style::Markdown {
        writeln!(out, "# Question health")?;
        writeln!(out)?;
    }
    let folders = sources.folders.len();
    let from = match (with_history, folders) {
        (true, 0) | (true, 1) => "History".to_string(),
        (true, n) => format!("History and {} folder{}", n - 1, plural(n - 1)),
        (false, n) => format!("{n} folder{}", plural(n)),
    };
    writeln!(
        out,
        "Question health from {} submitted scorecard{} ({} candidate{}) in {from}.",
        report.scorecards,
        plural(report.scorecards),
        report.candidates,
        plural(report.candidates)
    )?;
    let e = &report.excluded;
    let mut left_out = Vec::new();
    if e.not_submitted > 0 {
        left_out.push(format!("{} not submitted", e.not_submitted));
    }
    if e.tampered > 0 {
        left_out.push(format!(
            "{} changed after submission (signature does not match: {})",
            e.tampered,
            e.tampered_ids.join(", ")
        ));
    }
    if e.skipped_answers > 0 {
        left_out.push(format!("{} skipped answers", e.skipped_answers));
    }
    if e.ad_hoc_answers > 0 {
        left_out.push(format!("{} answers to ad-hoc questions", e.ad_hoc_answers));
    }
    if !sources.rejected.is_empty() {
        left_out.push(format!(
            "{} file{} that could not be read (listed on stderr)",
            sources.rejected.len(),
            plural(sources.rejected.len())
        ));
    }
    if !left_out.is_empty() {
        // Tampered ids are people's text in a Markdown document.
        writeln!(out, "Left out: {}.", style.user(&left_out.join("; ")))?;
    }
    if sources.duplicates > 0 {
        let (count, verb) = if sources.duplicates == 1 {
            ("1 further copy".to_string(), "was")
        } else {
            (format!("{} further copies", sources.duplicates), "were")
        };
        writeln!(
            out,
            "{count} of a scorecard already read (a sync engine's conflict copy, or the same scorecard in two folders) {verb} not counted again."
        )?;
    }
    writeln!(
        out,
        "Outcome used for \"separates candidates\": {}.",
        if report.candidates_with_decision > 0 {
            format!(
                "the panel's decision for {} candidates, the interviewers' overall recommendations for the rest",
                report.candidates_with_decision
            )
        } else {
            "the interviewers' overall recommendations (no decision records)".to_string()
        }
    )?;
    if report.scorecards == 0 {
        writeln!(
            out,
            "No submitted scorecards yet: figures appear once interviews are submitted."
        )?;
        return Ok(());
    }

    writeln!(out)?;
    if report.attention.is_empty() {
        writeln!(out, "{}", style.heading(2, "Needs attention: nothing."))?;
    } else {
        let title = format!(
            "Needs attention ({} question{}, most urgent first)",
            report.attention.len(),
            plural(report.attention.len())
        );
        writeln!(out, "{}", style.heading(2, &title))?;
        if style == Style::Markdown {
            writeln!(out)?;
        }
        for (rank, row) in report.attention.iter().enumerate() {
            let (id, prompt) = (
                style.user(&row.id),
                style.user(&first_line(&row.prompt, 70)),
            );
            let (asked, rubric) = (row.asked, short_hash(&row.rubric_hash));
            match style {
                Style::Text => writeln!(
                    out,
                    "{:>3}. {id}  \"{prompt}\"  (asked {asked}×, rubric {rubric})",
                    rank + 1
                )?,
                Style::Markdown => writeln!(
                    out,
                    "{}. **{id}** “{prompt}” (asked {asked}×, rubric {})",
                    rank + 1,
                    code(rubric)
                )?,
            }
            for reason in &row.reasons {
                match style {
                    Style::Text => writeln!(out, "       - {}", reason.text)?,
                    Style::Markdown => writeln!(out, "    - {}", style.user(&reason.text))?,
                }
            }
        }
    }

    writeln!(out)?;
    writeln!(out, "{}", style.heading(2, "Per question"))?;
    for question in &report.questions {
        for version in &question.versions {
            writeln!(out)?;
            print_version(version, style, out)?;
        }
    }
    Ok(())
}

fn print_version(v: &VersionHealth, style: Style, out: &mut dyn Write) -> std::io::Result<()> {
    let status = match (v.newest, v.current) {
        (_, Some(true)) => "current bank version",
        (_, Some(false)) => "older rubric version",
        (true, None) => "newest version asked",
        (false, None) => "older version",
    };
    let (id, prompt) = (style.user(&v.id), style.user(&first_line(&v.prompt, 70)));
    let rubric = short_hash(&v.rubric_hash);
    match style {
        Style::Text => writeln!(out, "{id}  [rubric {rubric}, {status}]  \"{prompt}\"")?,
        Style::Markdown => {
            writeln!(out, "### {id}")?;
            writeln!(out)?;
            writeln!(out, "“{prompt}” — rubric {}, {status}", code(rubric))?;
            writeln!(out)?;
        }
    }
    // The preview line quotes rubric points people wrote.
    let line = style.user(&health::preview_line(v));
    writeln!(out, "{}", style.field("line", &line))?;
    let u = &v.usage;
    let date = |d: Option<chrono::DateTime<chrono::FixedOffset>>| {
        d.map_or("unknown".to_string(), |d| d.format("%Y-%m-%d").to_string())
    };
    let asked = format!(
        "{}× to {} candidate{} by {} interviewer{}; first {}, last {}",
        u.asked,
        u.candidates,
        plural(u.candidates),
        u.interviewers,
        plural(u.interviewers),
        date(u.first_asked),
        date(u.last_asked)
    );
    writeln!(out, "{}", style.field("asked", &asked))?;
    let r = &v.ratings;
    let spread = match (r.warning, r.mode) {
        (Some(warning), Some((value, share))) => {
            format!("  — {}: {} rated {value}", warning.label(), percent(share))
        }
        _ if r.rated < health::MIN_RATINGS_FOR_SPREAD => format!(
            "  — too few ratings to judge the spread (need {})",
            health::MIN_RATINGS_FOR_SPREAD
        ),
        _ => String::new(),
    };
    let ratings = format!(
        "1: {}  2: {}  3: {}  4: {}  ({} rated{}){spread}",
        r.counts[0],
        r.counts[1],
        r.counts[2],
        r.counts[3],
        r.rated,
        r.mean.map_or(String::new(), |m| format!(", mean {m:.2}"))
    );
    writeln!(out, "{}", style.field("ratings", &ratings))?;
    let a = &v.agreement;
    let agreement = match a.alpha {
        Some(alpha) => format!(
            "Krippendorff's alpha {alpha:.2} over {} pairs on {} candidates (same rating {}, within one {})",
            a.pairs,
            a.candidates,
            a.exact.map_or("—".into(), percent),
            a.within_one.map_or("—".into(), percent)
        ),
        None if a.pairs >= MIN_PAIRS_FOR_AGREEMENT => {
            format!("undefined: every rating the same ({} pairs)", a.pairs)
        }
        None => format!(
            "not enough data: {} pair{} of interviewers rated the same candidate (need {MIN_PAIRS_FOR_AGREEMENT})",
            a.pairs,
            plural(a.pairs)
        ),
    };
    writeln!(out, "{}", style.field("agreement", &agreement))?;
    let d = &v.discrimination;
    let separation = match d.rank_correlation {
        Some(rho) => format!(
            "rank correlation {rho:+.2} with the outcome over {} candidates",
            d.candidates
        ),
        None if d.enough_data() => format!(
            "undefined: no spread in ratings or outcomes over {} candidates",
            d.candidates
        ),
        None => format!(
            "not enough data: {} candidate{} (need {MIN_CANDIDATES_FOR_DISCRIMINATION})",
            d.candidates,
            plural(d.candidates)
        ),
    };
    writeln!(out, "{}", style.field("separates", &separation))?;
    if !v.points.is_empty() {
        let label = format!("points ticked (of {} interviews)", u.asked);
        writeln!(out, "{}", style.field(&label, "").trim_end())?;
        for p in &v.points {
            let text = style.user(&first_line(&p.text, 70));
            writeln!(out, "{}", style.item(p.number, &percent(p.rate()), &text))?;
        }
    }
    if !v.red_flags.is_empty() {
        writeln!(out, "{}", style.field("red flags observed", "").trim_end())?;
        for f in &v.red_flags {
            let text = style.user(&first_line(&f.text, 70));
            writeln!(out, "{}", style.item(f.number, &percent(f.rate()), &text))?;
        }
    }
    let t = &v.time;
    let time = match (t.median_secs, t.median_over_secs) {
        (Some(median), Some(over)) => format!(
            "median {} against {} suggested ({}{}) over {} timed interview{}",
            minutes_text(median),
            minutes_text(t.suggested_secs),
            if over >= 0.0 { "+" } else { "−" },
            minutes_text(over.abs()),
            t.timed,
            plural(t.timed)
        ),
        _ => format!(
            "no recorded time ({} suggested)",
            minutes_text(t.suggested_secs)
        ),
    };
    writeln!(out, "{}", style.field("time", &time))?;
    let x = &v.exposure;
    let exposure = format!(
        "{} candidate{} in the last {} days (flagged at {}){}",
        x.recent_candidates,
        plural(x.recent_candidates),
        x.window_days,
        x.limit,
        if x.overexposed {
            " — OVEREXPOSED"
        } else {
            ""
        }
    );
    writeln!(out, "{}", style.field("exposure", &exposure))?;
    Ok(())
}

/// A rubric hash as Markdown code; the words for a missing one stay plain text.
fn code(rubric: &str) -> String {
    if rubric.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        format!("`{rubric}`")
    } else {
        rubric.to_string()
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The first characters of a rubric hash, enough to tell versions apart; older scorecards
/// without one say so.
fn short_hash(hash: &str) -> &str {
    if hash.is_empty() {
        return "not recorded";
    }
    hash.get(..8).unwrap_or(hash)
}

fn first_line(text: &str, max: usize) -> String {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let line = line.trim();
    if line.chars().count() <= max {
        line.to_string()
    } else {
        let cut: String = line.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rubric_hash_is_shortened_and_a_missing_one_said_in_words() {
        assert_eq!(short_hash("0123456789abcdef"), "01234567");
        assert_eq!(code(short_hash("0123456789abcdef")), "`01234567`");
        assert_eq!(short_hash(""), "not recorded");
        assert_eq!(code(short_hash("")), "not recorded");
    }
}
