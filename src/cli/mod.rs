//! The command line: `validate`, `bank`, `search`, `import`, `export`, `compare`, `loop`,
//! `decision`, `stats`, and the GUI when no subcommand is given.

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

mod compare_cmd;
mod export_cmd;
mod import_cmd;
mod loop_cmd;
mod stats_cmd;

pub use compare_cmd::CompareArgs;
pub use export_cmd::ExportArgs;
pub use import_cmd::ImportArgs;
pub use loop_cmd::{DecisionCommand, DecisionFormat, LoopCommand};
pub use stats_cmd::StatsArgs;

use crate::model::search::{Filter, Searcher};
use crate::model::{Level, QuestionBank};
use crate::store::AppDirs;
use crate::store::bank_files;

/// Interview Scorecard: structured technical interviews with a question bank, live scoring,
/// scorecards and panel comparison. Run without a command to open the app.
#[derive(Parser, Debug)]
#[command(name = "scorecard", version, about, long_about = None)]
pub struct Cli {
    /// Also load question sets from this folder or file (repeatable).
    #[arg(long = "bank", value_name = "DIR", global = true)]
    pub bank: Vec<PathBuf>,

    /// Keep user data (own question sets, plans, sessions) in this folder instead of the
    /// platform's data folder. Also settable with SCORECARD_DATA_DIR.
    #[arg(long, value_name = "DIR", global = true)]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check question-set files and list every error with file:line:column.
    ///
    /// Without paths, checks the bundled bank, your own sets and any --bank folders.
    Validate {
        /// Files or folders of `.ron` question sets.
        paths: Vec<PathBuf>,
    },
    /// Print question counts per set, category and level.
    Bank,
    /// Search the bank as the Bank view does and print the best matches.
    Search {
        /// Words to look for in prompts, tags and rubric points.
        query: String,
        /// Print at most this many questions.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Import questions from a Markdown/plain-text guide or a CSV file into a question set.
    Import(ImportArgs),
    /// Export a scorecard (session file) as Markdown, HTML, PDF, CSV or JSON.
    Export(ExportArgs),
    /// Compare scorecards of a panel: files or a folder. In a loop folder (one holding a
    /// NAME.loop.ron plan) it also lists every expected scorecard: submitted, in progress or
    /// missing, and how overdue.
    Compare(CompareArgs),
    /// Hiring loops: show a loop plan and its problems, or its coverage matrix.
    #[command(subcommand)]
    Loop(LoopCommand),
    /// Decision records of a loop's debrief.
    #[command(subcommand)]
    Decision(DecisionCommand),
    /// Question health: which questions separate candidates, and which need attention.
    Stats(StatsArgs),
    /// Writes a session through the autosaver in a loop until killed. Used by the durability
    /// test that kills the process at random moments.
    #[command(hide = true)]
    SoakAutosave {
        /// The session file to keep rewriting.
        path: PathBuf,
    },
}

/// Runs a subcommand, writing results to `out` and errors to `err`; returns the exit code.
pub fn run(cli: &Cli, command: &Command, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let result = match command {
        Command::Validate { paths } => validate(cli, paths, out),
        Command::Bank => print_bank(cli, out),
        Command::Search { query, limit } => search(cli, query, *limit, out, err),
        Command::Import(args) => import_cmd::run(cli, args, out, err),
        Command::Export(args) => export_cmd::run(args, out, err),
        Command::Compare(args) => compare_cmd::run(args, out, err),
        Command::Loop(command) => loop_cmd::run_loop(cli, command, out, err),
        Command::Decision(command) => loop_cmd::run_decision(command, out, err),
        Command::Stats(args) => stats_cmd::run(cli, args, out, err),
        Command::SoakAutosave { path } => soak_autosave(path),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            let _ = writeln!(err, "error: {error}");
            2
        }
    }
}

/// Writes an export to `target` atomically (saying so on `err`), or to `out` when there is no
/// target. Exit code 1 when the file cannot be written.
pub(crate) fn write_output(
    target: Option<PathBuf>,
    bytes: &[u8],
    label: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    match target {
        None => {
            out.write_all(bytes)?;
            out.flush()?;
        }
        Some(path) => {
            if let Err(error) = crate::store::write_atomic(&path, bytes) {
                writeln!(err, "error: could not write {}: {error}", path.display())?;
                return Ok(1);
            }
            writeln!(err, "Wrote {} ({label})", path.display())?;
        }
    }
    Ok(0)
}

pub(crate) fn user_sets_dir(cli: &Cli) -> Option<PathBuf> {
    AppDirs::discover(cli.data_dir.as_deref())
        .ok()
        .map(|dirs| dirs.question_sets())
}

fn validate(cli: &Cli, paths: &[PathBuf], out: &mut dyn Write) -> std::io::Result<i32> {
    let (bank, problems, described) = if paths.is_empty() {
        let user_dir = user_sets_dir(cli);
        let (bank, problems) = bank_files::load_bank(user_dir.as_deref(), &cli.bank);
        (bank, problems, "the bank".to_string())
    } else {
        let (sources, mut problems) = bank_files::read_paths(paths);
        let (bank, mut more) = QuestionBank::load(&sources);
        problems.append(&mut more);
        let described = if sources.len() == 1 {
            sources[0].name.clone()
        } else {
            format!("{} files", sources.len())
        };
        (bank, problems, described)
    };
    for problem in &problems {
        writeln!(out, "{problem}")?;
    }
    if problems.is_empty() {
        writeln!(
            out,
            "ok: {} questions in {} sets in {described}",
            bank.len(),
            bank.sets().len()
        )?;
        Ok(0)
    } else {
        let noun = if problems.len() == 1 {
            "error"
        } else {
            "errors"
        };
        writeln!(out, "{} {noun} in {described}", problems.len())?;
        Ok(1)
    }
}

fn search(
    cli: &Cli,
    query: &str,
    limit: usize,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    // The search matches words; a query of punctuation alone would list the whole bank.
    if !query.chars().any(|c| c.is_alphanumeric()) {
        writeln!(
            err,
            "nothing to search for in {query:?}: give a word, such as `scorecard search decorator`"
        )?;
        return Ok(2);
    }
    let user_dir = user_sets_dir(cli);
    let (bank, _problems, index) = bank_files::load_bank_indexed(user_dir.as_deref(), &cli.bank);
    let outcome = Searcher::default().search(&bank, &index, query, &Filter::default(), &|_| false);
    for hit in outcome.hits.iter().take(limit) {
        let q = &bank.entries()[hit.index()].question;
        writeln!(
            out,
            "{:<28} {:<12} {}",
            q.id,
            q.level.label(),
            q.prompt.lines().next().unwrap_or_default()
        )?;
    }
    let shown = outcome.hits.len().min(limit);
    writeln!(
        out,
        "{} of {} matching questions shown",
        shown,
        outcome.hits.len()
    )?;
    Ok(if outcome.hits.is_empty() { 1 } else { 0 })
}

fn print_bank(cli: &Cli, out: &mut dyn Write) -> std::io::Result<i32> {
    let user_dir = user_sets_dir(cli);
    let (bank, problems) = bank_files::load_bank(user_dir.as_deref(), &cli.bank);
    for (set_index, set) in bank.sets().iter().enumerate() {
        let in_set: Vec<_> = bank
            .entries()
            .iter()
            .filter(|e| e.set == set_index)
            .collect();
        writeln!(
            out,
            "{} ({}): {} questions",
            set.title,
            set.id,
            in_set.len()
        )?;
        for category in &set.categories {
            let mut per_level = [0usize; 4];
            for entry in in_set.iter().filter(|e| e.question.category == category.id) {
                per_level[entry.question.level.rank()] += 1;
            }
            let total: usize = per_level.iter().sum();
            let levels: Vec<String> = Level::ALL
                .iter()
                .map(|l| format!("{} {}", l.label(), per_level[l.rank()]))
                .collect();
            writeln!(
                out,
                "  {:<36} {:>4}   ({})",
                category.title,
                total,
                levels.join(", ")
            )?;
        }
    }
    writeln!(
        out,
        "total: {} questions in {} sets",
        bank.len(),
        bank.sets().len()
    )?;
    if !problems.is_empty() {
        writeln!(
            out,
            "{} problems while loading (run `scorecard validate`):",
            problems.len()
        )?;
        for problem in &problems {
            writeln!(out, "  {problem}")?;
        }
    }
    Ok(0)
}

/// The state written in round `n` of the soak: recognisable from its notes alone.
pub fn soak_session(n: u64) -> crate::model::Session {
    let mut session = crate::model::Session {
        id: "soak".into(),
        candidate: "Zoë Ødegård 李雷".into(),
        ..Default::default()
    };
    for q in 0..3 {
        let mut outcome = crate::model::QuestionOutcome::default();
        outcome.question.prompt = format!("Question {q}");
        outcome.notes = format!("round {n} question {q} ").repeat(1 + (n % 50) as usize);
        session.questions.push(outcome);
    }
    session.elapsed_secs = n as f64;
    session
}

fn soak_autosave(path: &std::path::Path) -> std::io::Result<i32> {
    let mut saver = crate::store::autosave::Autosaver::new();
    for n in 0.. {
        saver.save_now(path, &soak_session(n));
        if n % 8 == 0 {
            saver.flush();
        }
    }
    Ok(0)
}
