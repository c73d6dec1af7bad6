//! Reading an input file and writing the imported set. Writes go through
//! [`crate::store::write_atomic`], so an interrupted import never leaves half a file.

use std::path::{Path, PathBuf};

use super::{ImportError, MAX_IMPORT_BYTES};
use crate::model::QuestionSet;
use crate::model::load::{SetOrigin, SetSource, check_set, parse_set, set_to_ron};
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
/// reject is never written. One parse and one check of the whole text: both are linear in its
/// size, so a large import costs no more per question than a small one.
pub fn to_checked_ron(set: &QuestionSet, name: &str) -> Result<String, ImportError> {
    let text = set_to_ron(set).map_err(|err| {
        ImportError::whole_file(name, format!("could not write the question set: {err}"))
    })?;
    let source = source(name, text);
    let reparsed = parse_set(&source).map_err(|p| ImportError::whole_file(name, p.to_string()))?;
    if reparsed != *set {
        return Err(ImportError::whole_file(
            name,
            "the imported set did not read back unchanged; nothing was written",
        ));
    }
    // The read-back copy is no longer needed, so the check takes it instead of a clone.
    let checked = check_set(&source, reparsed);
    if let Some(problem) = checked.problems.first() {
        return Err(ImportError::whole_file(
            name,
            format!(
                "the imported set would not load ({}); nothing was written",
                problem.message
            ),
        ));
    }
    Ok(source.text)
}

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
