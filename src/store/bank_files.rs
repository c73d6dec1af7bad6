//! Reading question-set files from disk and the bundled sets from the binary.

use std::path::{Path, PathBuf};

use crate::model::search::SearchIndex;
use crate::model::{LoadProblem, QuestionBank, SetOrigin, SetSource};

use super::input::{InputError, read_bounded, size_text};

/// The bundled sets, embedded so the app works from any folder.
pub const BUNDLED_SETS: &[(&str, &str)] = &[
    ("python.ron", include_str!("../../question_sets/python.ron")),
    (
        "backend.ron",
        include_str!("../../question_sets/backend.ron"),
    ),
    ("coding.ron", include_str!("../../question_sets/coding.ron")),
    ("design.ron", include_str!("../../question_sets/design.ron")),
    (
        "behavioral.ron",
        include_str!("../../question_sets/behavioral.ron"),
    ),
];

/// Files larger than this are not question sets; refusing them keeps a stray file from
/// stalling startup.
const MAX_SET_BYTES: u64 = 64 * 1024 * 1024;

pub fn bundled_sources() -> Vec<SetSource> {
    BUNDLED_SETS
        .iter()
        .map(|(name, text)| SetSource {
            name: format!("question_sets/{name} (bundled)"),
            origin: SetOrigin::Bundled,
            text: (*text).to_string(),
        })
        .collect()
}

/// Reads every `.ron` file in `dir` (sorted by name, not recursive). A missing folder yields
/// nothing; unreadable files become problems.
pub fn read_set_dir(
    dir: &Path,
    origin: fn(PathBuf) -> SetOrigin,
) -> (Vec<SetSource>, Vec<LoadProblem>) {
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return (sources, problems),
        Err(err) => {
            problems.push(whole_file_problem(
                dir,
                format!("could not read this folder: {err}"),
            ));
            return (sources, problems);
        }
    };
    // Every `.ron` entry that is not a folder is read, so a FIFO, a device or a broken or
    // looping link named like a set is reported rather than silently skipped.
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|ext| ext.eq_ignore_ascii_case("ron"))
                && !p.is_dir()
        })
        .collect();
    paths.sort();
    for path in paths {
        match read_set_file(&path, origin(path.clone())) {
            Ok(source) => sources.push(source),
            Err(problem) => problems.push(problem),
        }
    }
    (sources, problems)
}

/// Reads one set file as UTF-8 text.
pub fn read_set_file(path: &Path, origin: SetOrigin) -> Result<SetSource, LoadProblem> {
    let bytes = read_bounded(path, MAX_SET_BYTES).map_err(|err| {
        let message = match err {
            InputError::TooLarge { limit } => format!(
                "the file is larger than {}, too large for a question set; split it",
                size_text(limit)
            ),
            other => other.to_string(),
        };
        whole_file_problem(path, message)
    })?;
    let text = String::from_utf8(bytes).map_err(|err| {
        let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
        LoadProblem {
            file: path.display().to_string(),
            line,
            column: 1,
            message: "the file is not UTF-8 text; save it as UTF-8".into(),
            field: None,
        }
    })?;
    Ok(SetSource {
        name: path.display().to_string(),
        origin,
        text,
    })
}

fn whole_file_problem(path: &Path, message: String) -> LoadProblem {
    LoadProblem {
        file: path.display().to_string(),
        line: 0,
        column: 0,
        message,
        field: None,
    }
}

/// Loads the whole bank: bundled sets, then the user's folder, then each extra folder or file.
pub fn load_bank(
    user_sets_dir: Option<&Path>,
    extra: &[PathBuf],
) -> (QuestionBank, Vec<LoadProblem>) {
    let (sources, mut problems) = read_sources(user_sets_dir, extra);
    let (bank, mut bank_problems) = QuestionBank::load(&sources);
    problems.append(&mut bank_problems);
    (bank, problems)
}

/// Every set's text: bundled sets, then the user's folder, then each extra folder or file.
fn read_sources(
    user_sets_dir: Option<&Path>,
    extra: &[PathBuf],
) -> (Vec<SetSource>, Vec<LoadProblem>) {
    let mut sources = bundled_sources();
    let mut problems = Vec::new();
    if let Some(dir) = user_sets_dir {
        let (mut found, mut errors) = read_set_dir(dir, SetOrigin::User);
        sources.append(&mut found);
        problems.append(&mut errors);
    }
    let (mut found, mut errors) = read_paths(extra);
    sources.append(&mut found);
    problems.append(&mut errors);
    (sources, problems)
}

/// [`load_bank`] with the bank's search index, built as each set is read (see
/// [`QuestionBank::load_indexed`]).
pub fn load_bank_indexed(
    user_sets_dir: Option<&Path>,
    extra: &[PathBuf],
) -> (QuestionBank, Vec<LoadProblem>, SearchIndex) {
    let (sources, mut problems) = read_sources(user_sets_dir, extra);
    let (bank, mut bank_problems, index) = QuestionBank::load_indexed(&sources);
    problems.append(&mut bank_problems);
    (bank, problems, index)
}

/// Reads files and folders given on the command line.
pub fn read_paths(paths: &[PathBuf]) -> (Vec<SetSource>, Vec<LoadProblem>) {
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.is_dir() {
            let (mut found, mut errors) = read_set_dir(path, SetOrigin::Extra);
            sources.append(&mut found);
            problems.append(&mut errors);
        } else {
            // The reader tells a missing path, a link loop, a FIFO and a device apart.
            match read_set_file(path, SetOrigin::Extra(path.clone())) {
                Ok(source) => sources.push(source),
                Err(problem) => problems.push(problem),
            }
        }
    }
    (sources, problems)
}
