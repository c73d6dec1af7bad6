//! `scorecard loop show|coverage LOOP.ron` and `scorecard decision export RECORD.decision.ron`.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Subcommand;

use crate::export::decision as decision_export;
use crate::model::loop_coverage::Coverage;
use crate::model::loop_plan::{Candidates, LoopPlan};
use crate::store::loop_folder::{LoadedLoop, load_loop_folder, load_loop_plan};

use super::Cli;

#[derive(Subcommand, Debug)]
pub enum LoopCommand {
    /// Print a loop plan (interviews, interviewers, competencies, weights, rule) and every
    /// problem in it with file:line; exit 1 when it has errors.
    Show {
        #[arg(value_name = "LOOP.ron")]
        path: PathBuf,
    },
    /// Print the coverage matrix (competency × interview) with gaps, overlaps and questions
    /// planned twice; exit 1 when a competency is not covered or an interview misses one it
    /// must cover.
    Coverage {
        #[arg(value_name = "LOOP.ron")]
        path: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
pub enum DecisionCommand {
    /// Export a decision record (with its amendments, read from the same folder) as Markdown
    /// or PDF.
    Export {
        #[arg(value_name = "RECORD.decision.ron")]
        path: PathBuf,
        #[arg(short, long, value_enum, default_value_t = DecisionFormat::Md)]
        format: DecisionFormat,
        /// Write to this file (`-` for standard output). Without it, Markdown goes to standard
        /// output and a PDF is written under its default name in the current folder.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// Formats of a decision record export.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecisionFormat {
    Md,
    Pdf,
}

/// A terminal line from user text: one line, no control characters.
fn plain(text: &str) -> String {
    crate::export::text::strip_invisible(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn load_or_report(path: &Path, err: &mut dyn Write) -> std::io::Result<Option<LoadedLoop>> {
    match load_loop_plan(path) {
        Ok(loaded) => Ok(Some(loaded)),
        Err(error) => {
            writeln!(err, "error: {error}")?;
            if !path.exists() {
                writeln!(
                    err,
                    "Check the path; loop plans are RON files named NAME.loop.ron in the panel's shared folder."
                )?;
            }
            Ok(None)
        }
    }
}

pub fn run_loop(
    cli: &Cli,
    command: &LoopCommand,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    match command {
        LoopCommand::Show { path } => show(path, out, err),
        LoopCommand::Coverage { path } => coverage(cli, path, out, err),
    }
}

fn show(path: &Path, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<i32> {
    let Some(loaded) = load_or_report(path, err)? else {
        return Ok(1);
    };
    let plan = &loaded.plan;
    writeln!(out, "{} ({})", plain(&plan.title), plain(&plan.id))?;
    writeln!(
        out,
        "Role: {}, level {}",
        plain(&plan.role),
        plan.level.label()
    )?;
    match &plan.candidates {
        Candidates::Any => writeln!(out, "Candidates: any")?,
        Candidates::Named(list) => {
            let names: Vec<String> = list.iter().map(|c| plain(&c.name)).collect();
            writeln!(out, "Candidates: {}", names.join(", "))?;
        }
    }
    writeln!(out, "Interviews:")?;
    for interview in &plan.interviews {
        writeln!(
            out,
            "  {:<12} {} — {} — {} min, {} question{} ({} min); covers {}",
            plain(&interview.id),
            plain(&interview.display_title()),
            plain(&interview.interviewer),
            interview.minutes,
            interview.questions.len(),
            if interview.questions.len() == 1 {
                ""
            } else {
                "s"
            },
            interview.planned_minutes(),
            if interview.covers.is_empty() {
                "nothing named".to_string()
            } else {
                plain(&interview.covers.join(", "))
            }
        )?;
    }
    writeln!(out, "Competencies and pre-registered weights:")?;
    for competency in &plan.competency_map().competencies {
        writeln!(
            out,
            "  {:<12} {} — weight {}",
            plain(&competency.id),
            plain(&competency.display_title()),
            plan.weight(&competency.id)
        )?;
    }
    let rule = &plan.rule;
    writeln!(
        out,
        "Rule: Hire at {:.2} or more, No hire below {:.2}{}; scorecards due {} h after each interview",
        rule.hire_at_least,
        rule.no_hire_below,
        rule.floor
            .map(|f| format!(", No hire when a weighted competency is below {f:.2}"))
            .unwrap_or_default(),
        plan.scorecard_due_hours
    )?;
    for problem in &loaded.problems {
        writeln!(err, "{problem}")?;
    }
    Ok(if loaded.has_errors() { 1 } else { 0 })
}

fn coverage(
    cli: &Cli,
    path: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let Some(loaded) = load_or_report(path, err)? else {
        return Ok(1);
    };
    let mut plan: LoopPlan = loaded.plan;
    // Competencies mapped to tags need the questions' tags; snapshots saved without them take
    // them from the bank for this view (the file is not changed).
    if plan.competencies.iter().any(|c| !c.tags.is_empty()) {
        let user_dir = super::user_sets_dir(cli);
        let (bank, _) = crate::store::bank_files::load_bank(user_dir.as_deref(), &cli.bank);
        plan.attach_tags(&bank);
    }
    let coverage = Coverage::of(&plan);
    let titles: Vec<String> = coverage
        .rows
        .iter()
        .map(|r| plain(&r.title).chars().take(28).collect())
        .collect();
    let width = titles
        .iter()
        .map(|t| t.chars().count())
        .max()
        .unwrap_or(10)
        .max(10);
    write!(out, "{:<width$}", "")?;
    for (index, _) in coverage.interviews.iter().enumerate() {
        write!(out, " | {:<14}", format!("{}", index + 1))?;
    }
    writeln!(out)?;
    for (row, title) in coverage.rows.iter().zip(&titles) {
        write!(out, "{title:<width$}")?;
        for cell in &row.cells {
            let text = match (cell.covered(), cell.assigned) {
                (true, assigned) => format!(
                    "{}{} q, {} min",
                    if assigned { "*" } else { "" },
                    cell.questions.len(),
                    cell.minutes
                ),
                (false, true) => "* MISSING".to_string(),
                (false, false) => "—".to_string(),
            };
            write!(out, " | {text:<14}")?;
        }
        let mark = if row.is_gap() {
            "  GAP"
        } else if row.is_overlap() {
            "  overlap"
        } else {
            ""
        };
        writeln!(out, "{mark}")?;
    }
    for (index, column) in coverage.interviews.iter().enumerate() {
        writeln!(
            out,
            "{}: {} ({})",
            index + 1,
            plain(&column.title),
            plain(&column.interviewer)
        )?;
    }
    writeln!(out, "* = the interview must cover it")?;
    let findings = coverage.findings();
    for finding in &findings {
        writeln!(out, "{}", plain(finding))?;
    }
    if findings.is_empty() {
        writeln!(out, "Every competency is covered, once.")?;
    }
    let broken =
        coverage.gaps().next().is_some() || coverage.rows.iter().any(|r| !r.unmet().is_empty());
    Ok(if broken { 1 } else { 0 })
}

pub fn run_decision(
    command: &DecisionCommand,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let DecisionCommand::Export {
        path,
        format,
        output,
    } = command;
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // The whole folder is read so the seal is judged against the pinned keys and the
    // amendments are found.
    let loaded = load_loop_folder(folder, std::time::SystemTime::now());
    let same_file = |p: &Path| std::fs::canonicalize(p).ok() == std::fs::canonicalize(path).ok();
    let Some(index) = loaded.decisions.iter().position(|d| same_file(&d.path)) else {
        let why = loaded
            .rejected
            .iter()
            .find(|r| same_file(&r.path))
            .map(|r| r.reason.to_string())
            .unwrap_or_else(|| {
                "no such decision record; decision records are files named NAME.decision.ron in a loop folder".into()
            });
        writeln!(err, "error: {}: {why}", path.display())?;
        return Ok(1);
    };
    let decision = &loaded.decisions[index];
    let report = decision_export::report_in_folder(&loaded, index);
    let bytes = match format {
        DecisionFormat::Md => decision_export::markdown(&report).into_bytes(),
        DecisionFormat::Pdf => match crate::export::pdf::decision::pdf(&report) {
            Ok(bytes) => bytes,
            Err(error) => {
                writeln!(err, "error: {}: {error}", path.display())?;
                return Ok(1);
            }
        },
    };
    let target = match (output, format) {
        (Some(p), _) if p == Path::new("-") => None,
        (Some(p), _) => Some(p.clone()),
        (None, DecisionFormat::Md) => None,
        (None, DecisionFormat::Pdf) => {
            let name = decision_export::file_name(&decision.record, "pdf");
            writeln!(
                err,
                "A PDF is not printed to the terminal; writing it to {name} in the current folder (use -o FILE to choose)."
            )?;
            Some(PathBuf::from(name))
        }
    };
    let label = match format {
        DecisionFormat::Md => "Markdown",
        DecisionFormat::Pdf => "PDF",
    };
    super::write_output(target, &bytes, label, out, err)
}
