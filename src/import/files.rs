//! Reading an input file and writing the imported set. Writes go through
//! [`crate::store::write_atomic`], so an interrupted import never leaves half a file.

use std::path::{Path, PathBuf};

use super::{ImportError, MAX_IMPORT_BYTES};
use crate::model::QuestionSet;
use crate::model::load::{SetOrigin, SetSource, parse_set, set_to_ron, validate_set};
use crate::model::names::safe_file_stem;

fn error_at(path: &Path, message: impl Into<String>) -> ImportError {
    ImportError::whole_file(&path.display().to_string(), message)
}

/// Reads the file to import, refusing folders, FIFOs, devices and files over
/// [`MAX_IMPORT_BYTES`] without blocking or reading more than the limit.
pub fn read_input(path: &Path) -> Result<Vec<u8>, ImportError> {
    use crate::store::input::{InputError, read_bounded};
    read_bounded(path, MAX_IMPORT_BYTES as u64).map_err(|err| match err {
        InputError::Folder => error_at(
            path,
            "this is a folder; give the path of a .md, .txt or .csv file",
        ),
        InputError::TooLarge { .. } => error_at(
            path,
            format!(
                "the file is larger than {} MB, too large for an interview guide; split it into smaller files",
                MAX_IMPORT_BYTES / 1_048_576
            ),
        ),
        other => error_at(path, other.to_string()),
    })
}

/// Where an imported set goes by default: `<user sets folder>/<set id>.ron`.
pub fn default_output(user_sets_dir: &Path, set_id: &str) -> PathBuf {
    user_sets_dir.join(format!("{}.ron", safe_file_stem(set_id)))
}

/// Serialises the set and checks that it loads back cleanly, so a file the bank would
/// reject is never written.
pub fn to_checked_ron(set: &QuestionSet, name: &str) -> Result<String, ImportError> {
    let text = set_to_ron(set).map_err(|err| {
        ImportError::whole_file(name, format!("could not write the question set: {err}"))
    })?;
    let reparsed = parse_set(&source(name, text.clone()))
        .map_err(|p| ImportError::whole_file(name, p.to_string()))?;
    if reparsed != *set {
        return Err(ImportError::whole_file(
            name,
            "the imported set did not read back unchanged; nothing was written",
        ));
    }
    // The bank's checks locate each question by searching the text from the top, which is
    // slow for thousands of questions; checking in slices keeps large imports quick.
    let mut seen = std::collections::HashSet::new();
    for chunk in set.questions.chunks(CHECK_CHUNK) {
        let part = QuestionSet {
            questions: chunk.to_vec(),
            ..set.clone()
        };
        let part_text = set_to_ron(&part).map_err(|err| {
            ImportError::whole_file(name, format!("could not write the question set: {err}"))
        })?;
        let (_, problems) = validate_set(&source(name, part_text), &part);
        if let Some(problem) = problems.first() {
            return Err(ImportError::whole_file(
                name,
                format!(
                    "the imported set would not load ({}); nothing was written",
                    problem.message
                ),
            ));
        }
        if let Some(twice) = chunk.iter().find(|q| !seen.insert(q.id.as_str())) {
            return Err(ImportError::whole_file(
                name,
                format!(
                    "question id `{}` is used twice; nothing was written",
                    twice.id
                ),
            ));
        }
    }
    Ok(text)
}

const CHECK_CHUNK: usize = 200;

fn source(name: &str, text: String) -> SetSource {
    SetSource {
        name: name.to_string(),
        origin: SetOrigin::Extra(PathBuf::from(name)),
        text,
    }
}

/// Writes the set to `path` atomically. An existing file is replaced only when `overwrite` is
/// set; otherwise nothing is written and the error says so.
pub fn write_set(path: &Path, set: &QuestionSet, overwrite: bool) -> Result<(), ImportError> {
    if path.exists() && !overwrite {
        return Err(error_at(
            path,
            "the file already exists; nothing was written",
        ));
    }
    let text = to_checked_ron(set, &path.display().to_string())?;
    crate::store::write_atomic(path, text.as_bytes())
        .map_err(|err| error_at(path, format!("could not write the file: {err}")))
}
