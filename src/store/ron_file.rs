//! Reading and writing versioned RON documents (plans, sessions) atomically.

use std::path::Path;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::atomic::write_atomic;
use super::error::StoreError;
use super::input::{InputError, read_bounded, size_text};

/// Largest document we agree to parse; a 100 KB note per question still fits many times over.
const MAX_DOCUMENT_BYTES: u64 = 256 * 1024 * 1024;

#[derive(serde::Deserialize)]
struct VersionProbe {
    #[serde(default)]
    schema_version: u32,
}

pub fn to_ron<T: Serialize>(value: &T) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("  ".to_string());
    ron::ser::to_string_pretty(value, config)
}

/// Serialises and writes atomically.
pub fn save<T: Serialize>(path: &Path, value: &T) -> Result<(), StoreError> {
    let text = to_ron(value).map_err(|err| StoreError::Serialize {
        path: path.to_path_buf(),
        message: err.to_string(),
    })?;
    write_atomic(path, text.as_bytes()).map_err(|err| StoreError::io(path, err))
}

/// Reads a document, refusing files from a newer schema before trying to interpret them.
pub fn load<T: DeserializeOwned>(path: &Path, supported: u32, what: &str) -> Result<T, StoreError> {
    let text = read_text(path, what)?;
    parse(path, &text, supported, what)
}

/// Reads a document's text (bounded, UTF-8), with errors that name the file and `what` it
/// should have been.
pub fn read_text(path: &Path, what: &str) -> Result<String, StoreError> {
    let bytes = read_bounded(path, MAX_DOCUMENT_BYTES).map_err(|err| match err {
        InputError::Io(source) => StoreError::io(path, source),
        InputError::TooLarge { limit } => StoreError::Parse {
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            message: format!(
                "the file is larger than {}, too large to be a {what} file",
                size_text(limit)
            ),
        },
        other => StoreError::Input {
            path: path.to_path_buf(),
            source: other,
        },
    })?;
    String::from_utf8(bytes).map_err(|_| StoreError::Parse {
        path: path.to_path_buf(),
        line: 0,
        column: 0,
        message: format!("the file is not UTF-8 text, so it is not a {what} file"),
    })
}

/// Parses document text; `path` is only used in messages.
pub fn parse<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    supported: u32,
    what: &str,
) -> Result<T, StoreError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(StoreError::Parse {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: format!("the file is empty, so it is not a {what} file"),
        });
    }
    // The probe reads the outer struct without its name (names differ between documents),
    // ignoring every field but the version, so a newer file is recognised before anything
    // else about it can fail.
    let body = text.find('(').map_or(text, |open| &text[open..]);
    if let Ok(probe) = ron::from_str::<VersionProbe>(body) {
        if probe.schema_version > supported {
            return Err(StoreError::NewerSchema {
                path: path.to_path_buf(),
                found: probe.schema_version,
                supported,
            });
        }
    }
    ron::from_str(text).map_err(|err| StoreError::parse(path, &err, what))
}
