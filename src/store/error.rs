//! Errors from reading and writing the app's files, worded for the person who sees them.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Not a readable regular file (missing, a FIFO, a device, a link loop, no permission).
    #[error("{path}: {source}")]
    Input {
        path: PathBuf,
        #[source]
        source: super::input::InputError,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{path} was written by a newer version of Interview Scorecard (format {found}; this version reads up to {supported}). Update the app to open it; the file was left untouched."
    )]
    NewerSchema {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error(
        "{path} is open in another Interview Scorecard window. Close it there, then try again."
    )]
    Locked { path: PathBuf },
    #[error("{path}: could not write the file: {message}")]
    Serialize { path: PathBuf, message: String },
}

impl StoreError {
    pub fn io(path: &std::path::Path, source: std::io::Error) -> StoreError {
        StoreError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub fn parse(path: &std::path::Path, err: &ron::error::SpannedError, what: &str) -> StoreError {
        StoreError::Parse {
            path: path.to_path_buf(),
            line: err.span.start.line,
            column: err.span.start.col,
            message: format!("{}; this is not a valid {what} file", err.code),
        }
    }
}
