//! `scorecard import`: turn an interview guide (Markdown/plain text) or a spreadsheet (CSV) into
//! a question set in the user's folder.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::import::{self, Format, ImportResult, files};
use crate::model::names::slug;
use crate::model::{Level, QuestionBank, SetOrigin, SetSource};
use crate::store::bank_files;

#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// The guide or spreadsheet to import: .md, .txt or .csv.
    pub file: PathBuf,

    /// Input format (md or csv); guessed from the file extension when not given.
    #[arg(long, value_name = "md|csv")]
    pub format: Option<String>,

    /// Write the set to this file instead of your question-set folder.
    #[arg(short = 'o', long = "output", value_name = "OUT.ron")]
    pub output: Option<PathBuf>,

    /// Replace the output file if it already exists.
    #[arg(long)]
    pub force: bool,

    /// Id of the new set (default: made from the file name). Also names the file.
    #[arg(long, value_name = "ID")]
    pub set_id: Option<String>,

    /// Title of the new set (default: the document's title or the file name).
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,

    /// Show what would be imported without writing anything.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(
    cli: &super::Cli,
    args: &ImportArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let name = args.file.display().to_string();
    let bytes = match files::read_input(&args.file) {
        Ok(bytes) => bytes,
        Err(error) => {
            writeln!(err, "error: {error}")?;
            return Ok(1);
        }
    };
    let format = match choose_format(args, &bytes) {
        Ok(format) => format,
        Err(message) => {
            writeln!(err, "error: {name}: {message}")?;
            return Ok(1);
        }
    };
    let mut result = match import::import_bytes(&bytes, &name, format) {
        Ok(result) => result,
        Err(error) => {
            writeln!(err, "error: {error}")?;
            return Ok(1);
        }
    };
    if let Some(id) = &args.set_id {
        result.set.id = slug(id, 40);
    }
    if let Some(title) = args
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        result.set.title = title.to_string();
    }

    let output = match &args.output {
        Some(path) => path.clone(),
        None => match super::user_sets_dir(cli) {
            Some(dir) => files::default_output(&dir, &result.set.id),
            None => {
                writeln!(
                    err,
                    "error: could not find your data folder; pass -o FILE to choose where the set goes"
                )?;
                return Ok(1);
            }
        },
    };

    let bank = bank_without(cli, &output);
    import::check_against_bank(&mut result, &bank);
    print_summary(out, &name, format, &result)?;

    if args.dry_run {
        writeln!(
            out,
            "Dry run: nothing was written (would write {}).",
            output.display()
        )?;
        return Ok(0);
    }
    let existed = output.exists();
    if existed && !args.force {
        writeln!(
            err,
            "error: {} already exists; nothing was written. Use --force to replace it, --set-id to choose another name, or -o to write elsewhere",
            output.display()
        )?;
        return Ok(1);
    }
    if let Err(error) = files::write_set(&output, &result.set, args.force) {
        writeln!(err, "error: {error}")?;
        return Ok(1);
    }
    let verb = if existed {
        "Replaced (--force)"
    } else {
        "Wrote"
    };
    writeln!(
        out,
        "{verb} {} with {}: set \"{}\" (id {}).",
        output.display(),
        plural(result.set.questions.len(), "question", "questions"),
        result.set.title,
        result.set.id
    )?;
    Ok(0)
}

fn choose_format(args: &ImportArgs, bytes: &[u8]) -> Result<Format, String> {
    if let Some(name) = &args.format {
        return Format::parse_name(name)
            .ok_or_else(|| format!("unknown format \"{name}\"; use --format md or --format csv"));
    }
    let name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    if let Some(format) = Format::from_extension(&name) {
        return Ok(format);
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_string();
    Ok(Format::sniff(&head))
}

/// The bank as it will be once the import is written: the file about to be replaced is left
/// out, so re-importing a guide does not report every question as a duplicate of itself.
fn bank_without(cli: &super::Cli, output: &Path) -> QuestionBank {
    let same = |path: &Path| match (path.canonicalize(), output.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => path == output,
    };
    let keep = |source: &SetSource| match &source.origin {
        SetOrigin::User(path) | SetOrigin::Extra(path) => !same(path),
        SetOrigin::Bundled => true,
    };
    let mut sources = bank_files::bundled_sources();
    if let Some(dir) = super::user_sets_dir(cli) {
        let (found, _) = bank_files::read_set_dir(&dir, SetOrigin::User);
        sources.extend(found.into_iter().filter(|s| keep(s)));
    }
    let (found, _) = bank_files::read_paths(&cli.bank);
    sources.extend(found.into_iter().filter(|s| keep(s)));
    QuestionBank::load(&sources).0
}

/// Longest list printed in a summary; a damaged file can produce thousands of warnings.
const MAX_LISTED: usize = 100;

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn print_summary(
    out: &mut dyn Write,
    name: &str,
    format: Format,
    result: &ImportResult,
) -> std::io::Result<()> {
    let set = &result.set;
    writeln!(
        out,
        "{name} ({}): {}, {}, {}",
        format.label(),
        plural(set.questions.len(), "question", "questions"),
        plural(set.categories.len(), "category", "categories"),
        plural(result.rubric_points(), "rubric point", "rubric points")
    )?;
    let needing: std::collections::HashSet<&str> =
        result.needs_rubric.iter().map(String::as_str).collect();
    let proposed: std::collections::HashSet<&str> =
        result.proposed_rubric.iter().map(String::as_str).collect();
    let sections = result.sections();
    for category in &set.categories {
        let questions: Vec<_> = set
            .questions
            .iter()
            .filter(|q| q.category == category.id)
            .collect();
        let points: usize = questions
            .iter()
            .filter(|q| !needing.contains(q.id.as_str()) && !proposed.contains(q.id.as_str()))
            .map(|q| q.listen_for.len())
            .sum();
        let proposed_points: usize = questions
            .iter()
            .filter(|q| proposed.contains(q.id.as_str()))
            .map(|q| q.listen_for.len())
            .sum();
        let levels = sections
            .iter()
            .find(|s| s.title == category.title)
            .map(|s| {
                s.levels
                    .iter()
                    .map(|(l, n)| format!("{} {n}", l.label()))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        let proposed_note = if proposed_points > 0 {
            format!(" (+{proposed_points} proposed)")
        } else {
            String::new()
        };
        writeln!(
            out,
            "  {:<32} {:>13}, {}{proposed_note} · {levels}",
            category.title,
            plural(questions.len(), "question", "questions"),
            plural(points, "point", "points")
        )?;
    }
    let levels: Vec<String> = Level::ALL
        .iter()
        .map(|level| {
            let count = set.questions.iter().filter(|q| q.level == *level).count();
            format!("{} {count}", level.label())
        })
        .collect();
    writeln!(out, "  Levels: {}", levels.join(", "))?;
    let layout = layout_notes(&result.shape);
    if !layout.is_empty() {
        writeln!(out, "  Read as: {}", layout.join("; "))?;
    }

    if !result.proposed_rubric.is_empty() {
        writeln!(
            out,
            "{} had an answer but no rubric: points were proposed from the answer and tagged \"{}\"; accept, edit or drop them in the app:",
            plural(result.proposed_rubric.len(), "question", "questions"),
            import::PROPOSED_RUBRIC_TAG
        )?;
        let listed = set
            .questions
            .iter()
            .zip(&result.question_lines)
            .filter(|(q, _)| proposed.contains(q.id.as_str()));
        for (shown, (question, line)) in listed.enumerate() {
            if shown == MAX_LISTED {
                writeln!(out, "  … and {} more", proposed.len() - MAX_LISTED)?;
                break;
            }
            writeln!(
                out,
                "  {}: {} ({})",
                location(name, *line),
                excerpt(&question.prompt, 60),
                plural(question.listen_for.len(), "point", "points")
            )?;
        }
    }
    let unsure = result.unsure();
    if !unsure.is_empty() {
        writeln!(
            out,
            "Check {}:",
            plural(unsure.len(), "question", "questions")
        )?;
        for (shown, index) in unsure.iter().enumerate() {
            if shown == MAX_LISTED {
                writeln!(out, "  … and {} more", unsure.len() - MAX_LISTED)?;
                break;
            }
            let (Some(question), Some(preview)) =
                (set.questions.get(*index), result.preview.get(*index))
            else {
                continue;
            };
            writeln!(
                out,
                "  {}: {} — {}",
                location(name, preview.line),
                excerpt(&question.prompt, 60),
                preview.unsure.join("; ")
            )?;
        }
    }

    if !result.needs_rubric.is_empty() {
        writeln!(
            out,
            "{} without a rubric got the point \"{}\" and the tag \"{}\"; add real points in the app:",
            plural(result.needs_rubric.len(), "question", "questions"),
            import::PLACEHOLDER_POINT,
            import::NEEDS_RUBRIC_TAG
        )?;
        let needing: std::collections::HashSet<&str> =
            result.needs_rubric.iter().map(String::as_str).collect();
        let listed = set
            .questions
            .iter()
            .zip(&result.question_lines)
            .filter(|(q, _)| needing.contains(q.id.as_str()));
        for (shown, (question, line)) in listed.enumerate() {
            if shown == MAX_LISTED {
                writeln!(out, "  … and {} more", needing.len() - MAX_LISTED)?;
                break;
            }
            writeln!(
                out,
                "  {}: {} ({})",
                location(name, *line),
                excerpt(&question.prompt, 70),
                question.id
            )?;
        }
    }
    if !result.warnings.is_empty() {
        writeln!(
            out,
            "{}:",
            plural(result.warnings.len(), "warning", "warnings")
        )?;
        for warning in result.warnings.iter().take(MAX_LISTED) {
            writeln!(
                out,
                "  {}: {}",
                location(name, warning.line),
                warning.message
            )?;
        }
        if result.warnings.len() > MAX_LISTED {
            writeln!(out, "  … and {} more", result.warnings.len() - MAX_LISTED)?;
        }
    }
    Ok(())
}

/// What the reader recognised in the document's layout, for the summary.
fn layout_notes(shape: &import::Shape) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some((first, last)) = shape.contents {
        notes.push(format!(
            "table of contents on lines {first}–{last} (not imported; {} naming sections)",
            shape.contents_sections
        ));
    }
    if shape.card_labels > 0 {
        notes.push(plural(
            shape.card_labels,
            "level card label",
            "level card labels",
        ));
    }
    if shape.question_labels > 0 {
        notes.push(plural(
            shape.question_labels,
            "question label line",
            "question label lines",
        ));
    }
    if shape.plain_headings > 0 {
        notes.push(plural(
            shape.plain_headings,
            "plain section heading",
            "plain section headings",
        ));
    }
    if shape.inline_questions > 0 {
        notes.push(format!(
            "{} found inside long lines",
            plural(shape.inline_questions, "question", "questions")
        ));
    }
    if shape.unfenced_code_blocks > 0 {
        notes.push(plural(
            shape.unfenced_code_blocks,
            "code block without fences",
            "code blocks without fences",
        ));
    }
    if shape.bullets_are_answers {
        notes.push("bullets under questions as answers".to_string());
    }
    notes
}

fn location(name: &str, line: usize) -> String {
    if line == 0 {
        name.to_string()
    } else {
        format!("{name}:{line}")
    }
}

fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        format!("\"{text}\"")
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("\"{}…\"", cut.trim_end())
    }
}
