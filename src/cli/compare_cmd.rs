//! `scorecard compare FILES…|DIR [--format md|csv] [-o FILE]`: a panel's scorecards compared,
//! for the debrief or a spreadsheet.

use std::io::Write;
use std::path::PathBuf;

use crate::export::comparison;
use crate::model::panel::PanelComparison;
use crate::store::panel_files;

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
    let sessions = load.sessions();
    let compared = PanelComparison::build(&sessions);
    let text = match args.format {
        CompareFormat::Md => comparison::markdown(&compared),
        CompareFormat::Csv => match comparison::csv(&compared) {
            Ok(text) => text,
            Err(error) => {
                writeln!(err, "error: {error}")?;
                return Ok(1);
            }
        },
    };
    let tampered: Vec<&panel_files::LoadedScorecard> = load
        .scorecards
        .iter()
        .filter(|s| s.session.submitted.is_some() && s.session.is_tampered())
        .collect();
    for scorecard in tampered {
        writeln!(
            err,
            "warning: {} changed after it was submitted (its content no longer matches the seal); it is listed but not counted",
            scorecard.path.display()
        )?;
    }
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
