//! `scorecard export SESSION.ron --format summary|md|html|pdf|csv|json|ron [--all-questions]
//! [-o FILE]`.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::export::{self, Format, Options};
use crate::store::sessions::load_session;

/// Formats accepted on the command line.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormatArg {
    /// A short note for an applicant-tracking system: plain text that also renders as Markdown.
    Summary,
    /// The full report as Markdown.
    Md,
    /// One self-contained, printable HTML page.
    Html,
    /// A4 PDF (needs -o FILE, or is written under its default name in the current folder).
    Pdf,
    /// One row per question, safe to open in a spreadsheet.
    Csv,
    /// Documented JSON (schema interview-scorecard/1).
    Json,
    /// The scorecard file itself, re-saved.
    Ron,
}

impl FormatArg {
    /// The file format, or None for the summary (text, not a file format of its own).
    fn format(self) -> Option<Format> {
        match self {
            FormatArg::Summary => None,
            FormatArg::Md => Some(Format::Markdown),
            FormatArg::Html => Some(Format::Html),
            FormatArg::Pdf => Some(Format::Pdf),
            FormatArg::Csv => Some(Format::Csv),
            FormatArg::Json => Some(Format::Json),
            FormatArg::Ron => Some(Format::Ron),
        }
    }
}

#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// The scorecard (session) file to export.
    #[arg(value_name = "SESSION.ron")]
    pub path: PathBuf,

    /// Output format.
    #[arg(short, long, value_enum)]
    pub format: FormatArg,

    /// In Markdown, HTML and PDF, show questions that were not asked or were skipped in full
    /// (by default they are listed in one line).
    #[arg(long)]
    pub all_questions: bool,

    /// Write to this file (`-` for standard output). Without it, text formats go to standard
    /// output and a PDF is written under its default name in the current folder.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Exports one scorecard. Exit code 1 when the file is missing or unreadable, or the export
/// cannot be written.
pub fn run(args: &ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<i32> {
    let session = match load_session(&args.path) {
        Ok(session) => session,
        Err(error) => {
            writeln!(err, "error: cannot export: {error}")?;
            if !args.path.exists() {
                writeln!(err, "Check the path; scorecard files end in .ron.")?;
            }
            return Ok(1);
        }
    };
    let options = Options {
        all_questions: args.all_questions,
    };
    let (bytes, is_text, label) = match args.format.format() {
        None => (
            export::summary::summary(&session).into_bytes(),
            true,
            "ATS summary",
        ),
        Some(format) => match export::export_with(&session, format, &options) {
            Ok(bytes) => (bytes, format.is_text(), format.label()),
            Err(error) => {
                writeln!(err, "error: {}: {error}", args.path.display())?;
                return Ok(1);
            }
        },
    };
    let target = match (&args.output, is_text) {
        // `-o -` asks for standard output explicitly, even for a PDF (for piping).
        (Some(path), _) if path == Path::new("-") => None,
        (Some(path), _) => Some(path.clone()),
        (None, true) => None,
        (None, false) => {
            let format = args.format.format().unwrap_or(Format::Pdf);
            let name = export::default_file_name(&session, format);
            writeln!(
                err,
                "A PDF is not printed to the terminal; writing it to {name} in the current folder (use -o FILE to choose)."
            )?;
            Some(PathBuf::from(name))
        }
    };
    super::write_output(target, &bytes, label, out, err)
}
