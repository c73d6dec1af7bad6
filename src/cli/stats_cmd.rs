//! `scorecard stats [--folder DIR …] [--question ID] [--format text|csv|json]`: question health from the
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

    /// How to print the figures: text for people, CSV for spreadsheets (one row per rubric
    /// version), JSON for tools.
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
    print_text(&report, &sources, history.is_some(), out)?;
    Ok(0)
}

fn print_text(
    report: &HealthReport,
    sources: &HealthSources,
    with_history: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
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
        writeln!(out, "Left out: {}.", left_out.join("; "))?;
    }
    if sources.duplicates > 0 {
        writeln!(
            out,
            "{} copies of scorecards found in more than one place counted once.",
            sources.duplicates
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
        writeln!(out, "Needs attention: nothing.")?;
    } else {
        writeln!(
            out,
            "Needs attention ({} question{}, most urgent first)",
            report.attention.len(),
            plural(report.attention.len())
        )?;
        for (rank, row) in report.attention.iter().enumerate() {
            writeln!(
                out,
                "{:>3}. {}  \"{}\"  (asked {}×, rubric {})",
                rank + 1,
                row.id,
                first_line(&row.prompt, 70),
                row.asked,
                short_hash(&row.rubric_hash)
            )?;
            for reason in &row.reasons {
                writeln!(out, "       - {}", reason.text)?;
            }
        }
    }

    writeln!(out)?;
    writeln!(out, "Per question")?;
    for question in &report.questions {
        for version in &question.versions {
            writeln!(out)?;
            print_version(version, out)?;
        }
    }
    Ok(())
}

fn print_version(v: &VersionHealth, out: &mut dyn Write) -> std::io::Result<()> {
    let status = match (v.newest, v.current) {
        (_, Some(true)) => "current bank version",
        (_, Some(false)) => "older rubric version",
        (true, None) => "newest version asked",
        (false, None) => "older version",
    };
    writeln!(
        out,
        "{}  [rubric {}, {status}]  \"{}\"",
        v.id,
        short_hash(&v.rubric_hash),
        first_line(&v.prompt, 70)
    )?;
    writeln!(out, "  line:        {}", health::preview_line(v))?;
    let u = &v.usage;
    let date = |d: Option<chrono::DateTime<chrono::FixedOffset>>| {
        d.map_or("unknown".to_string(), |d| d.format("%Y-%m-%d").to_string())
    };
    writeln!(
        out,
        "  asked:       {}× to {} candidate{} by {} interviewer{}; first {}, last {}",
        u.asked,
        u.candidates,
        plural(u.candidates),
        u.interviewers,
        plural(u.interviewers),
        date(u.first_asked),
        date(u.last_asked)
    )?;
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
    writeln!(
        out,
        "  ratings:     1: {}  2: {}  3: {}  4: {}  ({} rated{}){spread}",
        r.counts[0],
        r.counts[1],
        r.counts[2],
        r.counts[3],
        r.rated,
        r.mean.map_or(String::new(), |m| format!(", mean {m:.2}"))
    )?;
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
    writeln!(out, "  agreement:   {agreement}")?;
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
    writeln!(out, "  separates:   {separation}")?;
    if !v.points.is_empty() {
        writeln!(out, "  points ticked (of {} interviews):", u.asked)?;
        for p in &v.points {
            writeln!(
                out,
                "    {:>2}. {:>4}  {}",
                p.number,
                percent(p.rate()),
                first_line(&p.text, 70)
            )?;
        }
    }
    if !v.red_flags.is_empty() {
        writeln!(out, "  red flags observed:")?;
        for f in &v.red_flags {
            writeln!(
                out,
                "    {:>2}. {:>4}  {}",
                f.number,
                percent(f.rate()),
                first_line(&f.text, 70)
            )?;
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
    writeln!(out, "  time:        {time}")?;
    let x = &v.exposure;
    writeln!(
        out,
        "  exposure:    {} candidate{} in the last {} days (flagged at {}){}",
        x.recent_candidates,
        plural(x.recent_candidates),
        x.window_days,
        x.limit,
        if x.overexposed {
            " — OVEREXPOSED"
        } else {
            ""
        }
    )?;
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn short_hash(hash: &str) -> &str {
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
