//! `scorecard compare FILES…|DIR [--format md|csv] [-o FILE]`: a panel's scorecards compared,
//! for the debrief or a spreadsheet.

use std::io::Write;
use std::path::PathBuf;

use crate::export::comparison;
use crate::model::Session;
use crate::model::panel::PanelComparison;
use crate::model::panel::{self as panel_model};
use crate::store::panel_files::{self, Trust};

/// The scorecards `local` may see under independent scoring, as the Panel shows them: for each
/// candidate, other interviewers' scorecards only once `local`'s own is submitted. Returns them
/// and how many were hidden.
pub fn independent_view(sessions: &[Session], local: Option<&str>) -> (Vec<Session>, usize) {
    let local = local.unwrap_or("");
    let candidates = panel_model::compare_candidates(sessions);
    let mut hidden_indices = std::collections::HashSet::new();
    for candidate in &candidates {
        if panel_model::access(candidate, local, true).shows_others() {
            continue;
        }
        for column in &candidate.columns {
            if !panel_model::same_person(&column.interviewer, local) {
                hidden_indices.insert(column.scorecard);
            }
        }
    }
    let visible = sessions
        .iter()
        .enumerate()
        .filter(|(i, _)| !hidden_indices.contains(i))
        .map(|(_, s)| s.clone())
        .collect();
    (visible, hidden_indices.len())
}

/// Formats `compare` writes.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum CompareFormat {
    /// Markdown: recommendations, aggregate, ratings matrix, ranking and calibration.
    #[default]
    Md,
    /// CSV: one row per interviewer per question, for pivot tables.
    Csv,
}

#[derive(clap::Args, Debug)]
pub struct CompareArgs {
    /// Scorecard files, or folders whose `.ron` scorecards are all read (a panel's shared
    /// folder).
    #[arg(value_name = "FILES|DIR", required = true)]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = CompareFormat::Md)]
    pub format: CompareFormat,

    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Your name as it appears on your scorecards. Other interviewers' scorecards for a
    /// candidate are shown once your own scorecard for that candidate is submitted, as in the
    /// Panel (independent scoring).
    #[arg(long = "as", value_name = "NAME")]
    pub as_interviewer: Option<String>,

    /// Show every scorecard, including other interviewers' ratings before you submit your own.
    #[arg(long)]
    pub show_all: bool,

    /// For a loop folder: the time to measure overdue scorecards against (RFC 3339, e.g.
    /// 2026-03-04T13:45:00+01:00); now by default.
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
}

/// Compares the scorecards. Files that cannot be used are listed on `err` with the reason;
/// exit code 1 when no scorecard loaded or the output cannot be written.
pub fn run(args: &CompareArgs, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<i32> {
    let load = panel_files::load_paths(&args.paths);
    for rejected in &load.rejected {
        writeln!(err, "skipped {rejected}")?;
    }
    if load.scorecards.is_empty() {
        writeln!(
            err,
            "error: no scorecard could be loaded from {}. Pass scorecard files (.ron) or the folder that holds them.",
            args.paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )?;
        return Ok(1);
    }
    for scorecard in &load.scorecards {
        match &scorecard.trust {
            Trust::Tampered { .. } | Trust::NewKey { .. } => writeln!(
                err,
                "warning: {}: {}",
                scorecard.path.display(),
                scorecard.trust.label()
            )?,
            Trust::Pinned {
                first_sight: true, ..
            } => writeln!(
                err,
                "note: pinned the key of {} ({}) on first sight, from {}",
                scorecard.session.interviewer,
                scorecard.trust.label(),
                scorecard.path.display()
            )?,
            _ => {}
        }
    }
    let unsigned = load
        .scorecards
        .iter()
        .filter(|s| s.trust == Trust::UnsignedOlder)
        .count();
    if unsigned > 0 {
        writeln!(
            err,
            "note: {unsigned} scorecard{} unsigned (older format): counted, but nothing proves {} unchanged",
            if unsigned == 1 { " is" } else { "s are" },
            if unsigned == 1 { "it is" } else { "they are" },
        )?;
    }
    let all_sessions = load.sessions();
    // Who owes which scorecard reveals no rating, so it covers every scorecard loaded.
    let loops = match loop_status(args, &all_sessions, err)? {
        Some(loops) => loops,
        None => return Ok(2),
    };
    let sessions = if args.show_all {
        all_sessions
    } else {
        let (visible, hidden) = independent_view(&all_sessions, args.as_interviewer.as_deref());
        if hidden > 0 {
            writeln!(
                err,
                "note: {hidden} scorecard{} by other interviewers hidden: independent scoring shows them once your own scorecard for that candidate is submitted ({}). Use --show-all to show everything.",
                if hidden == 1 { "" } else { "s" },
                match &args.as_interviewer {
                    Some(name) => format!("you are {name}"),
                    None => "say who you are with --as NAME".to_string(),
                }
            )?;
        }
        visible
    };
    if sessions.is_empty() {
        writeln!(
            err,
            "error: nothing to show: every scorecard is hidden until you submit your own. Use --as NAME or --show-all."
        )?;
        return Ok(1);
    }
    let compared = PanelComparison::build(&sessions);
    let text = match args.format {
        CompareFormat::Md if loops.is_empty() => comparison::markdown(&compared),
        CompareFormat::Md => format!("{loops}\n{}", comparison::markdown(&compared)),
        CompareFormat::Csv => match comparison::csv(&compared) {
            Ok(text) => text,
            Err(error) => {
                writeln!(err, "error: {error}")?;
                return Ok(1);
            }
        },
    };
    match &args.output {
        None => {
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
        Some(path) => {
            if let Err(error) = crate::store::write_atomic(path, text.as_bytes()) {
                writeln!(err, "error: could not write {}: {error}", path.display())?;
                return Ok(1);
            }
            writeln!(
                err,
                "Wrote {} ({} scorecard{} for {} candidate{})",
                path.display(),
                sessions.len(),
                if sessions.len() == 1 { "" } else { "s" },
                compared.candidates.len(),
                if compared.candidates.len() == 1 {
                    ""
                } else {
                    "s"
                }
            )?;
        }
    }
    Ok(0)
}

/// Expected vs received for every loop plan (`*.loop.ron`) in the folders compared, as
/// Markdown (empty when there is none). The "who still owes" lines also go to `err`, so a CSV
/// comparison shows them too. `None` when `--at` is not a time (the error is on `err`).
fn loop_status(
    args: &CompareArgs,
    sessions: &[Session],
    err: &mut dyn Write,
) -> std::io::Result<Option<String>> {
    use crate::model::loop_status::{expected_vs_received, owed_summary};
    use crate::store::loop_folder::{LOOP_SUFFIX, load_loop_plan, loop_files};
    let now = match &args.at {
        None => chrono::Local::now().fixed_offset(),
        Some(text) => match chrono::DateTime::parse_from_rfc3339(text.trim()) {
            Ok(at) => at,
            Err(error) => {
                writeln!(
                    err,
                    "error: --at {text:?} is not a time ({error}); write it like 2026-03-04T13:45:00+01:00"
                )?;
                return Ok(None);
            }
        },
    };
    let mut markdown = String::new();
    for folder in args.paths.iter().filter(|p| p.is_dir()) {
        let plans = loop_files(folder).into_iter().filter(|p| {
            p.file_name()
                .map(|n| n.to_string_lossy().to_ascii_lowercase())
                .is_some_and(|n| n.ends_with(LOOP_SUFFIX))
        });
        for path in plans {
            match load_loop_plan(&path) {
                Ok(loaded) => {
                    for problem in loaded
                        .problems
                        .iter()
                        .filter(|p| p.problem.severity == crate::model::loop_check::Severity::Error)
                    {
                        writeln!(err, "{problem}")?;
                    }
                    let statuses = expected_vs_received(&loaded.plan, sessions, now);
                    writeln!(err, "{}", owed_summary(&loaded.plan, &statuses, now))?;
                    markdown.push_str(&crate::export::loop_report::status_markdown(
                        &loaded.plan,
                        &statuses,
                        now,
                    ));
                }
                Err(error) => writeln!(err, "skipped {}: {error}", path.display())?,
            }
        }
    }
    Ok(Some(markdown))
}
