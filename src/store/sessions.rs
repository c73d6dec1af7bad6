//! Session and scorecard files: one RON file per interview, with a lock so two windows never
//! write the same interview.

use std::fs::File;
use std::path::{Path, PathBuf};

use crate::model::session::{SESSION_SCHEMA_VERSION, Session};

use super::error::StoreError;
use super::ron_file;

pub const SESSION_EXTENSION: &str = "ron";

pub fn session_path(dir: &Path, session: &Session) -> PathBuf {
    dir.join(format!(
        "{}.{SESSION_EXTENSION}",
        crate::model::names::safe_file_stem(&session.id)
    ))
}

/// Saves a session. A submitted scorecard saved in the data folder's sessions folder is signed
/// with its interviewer's key first whenever its content changed since it was last signed
/// (submission, amendment, anonymisation); see [`super::keys::sign_for_save`].
pub fn save_session(path: &Path, session: &Session) -> Result<(), StoreError> {
    match super::keys::sign_for_save(path, session) {
        Some(signed) => ron_file::save(path, &signed),
        None => ron_file::save(path, session),
    }
}

pub fn load_session(path: &Path) -> Result<Session, StoreError> {
    ron_file::load(path, SESSION_SCHEMA_VERSION, "scorecard")
}

pub fn parse_session(path: &Path, text: &str) -> Result<Session, StoreError> {
    ron_file::parse(path, text, SESSION_SCHEMA_VERSION, "scorecard")
}

/// Removes stale temporary files of sessions in `dir` (all, or only those of the file named
/// `only`), moving a complete copy newer than its session into place unless that session is
/// open in a window. See [`super::atomic::clean_temp_files`].
pub fn clean_session_temps(
    dir: &Path,
    only: Option<&std::ffi::OsStr>,
) -> super::atomic::TempCleanup {
    super::atomic::clean_temp_files(dir, only, &|path, bytes| {
        let parses = std::str::from_utf8(bytes).is_ok_and(|text| parse_session(path, text).is_ok());
        // A window that has the session open holds the newest state; it will write it.
        parses && SessionLock::acquire(path).is_ok()
    })
}

/// Every session file in a folder, newest name first, each loaded or with its error.
pub fn list_sessions(dir: &Path) -> Vec<(PathBuf, Result<Session, StoreError>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == SESSION_EXTENSION) && p.is_file())
        .collect();
    paths.sort();
    paths.reverse();
    paths
        .into_iter()
        .map(|path| {
            let loaded = load_session(&path);
            (path, loaded)
        })
        .collect()
}

/// An exclusive lock on a session, held while a window has it open. Dropping it unlocks.
#[derive(Debug)]
pub struct SessionLock {
    _file: File,
    pub path: PathBuf,
}

impl SessionLock {
    /// Locks `session_path` through a `.lock` file beside it. The OS releases the lock if the
    /// process dies, so a crash never leaves an interview locked.
    pub fn acquire(session_path: &Path) -> Result<SessionLock, StoreError> {
        let lock_path = session_path.with_extension("lock");
        if let Some(parent) = lock_path.parent() {
            std::fs::create_dir_all(parent).map_err(|err| StoreError::io(parent, err))?;
        }
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|err| StoreError::io(&lock_path, err))?;
        match file.try_lock() {
            Ok(()) => Ok(SessionLock {
                _file: file,
                path: lock_path,
            }),
            Err(std::fs::TryLockError::WouldBlock) => Err(StoreError::Locked {
                path: session_path.to_path_buf(),
            }),
            Err(std::fs::TryLockError::Error(err)) => Err(StoreError::io(&lock_path, err)),
        }
    }
}

impl Drop for SessionLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("s.ron");
        let first = SessionLock::acquire(&path).expect("first lock");
        let second = SessionLock::acquire(&path);
        assert!(
            matches!(second, Err(StoreError::Locked { .. })),
            "{second:?}"
        );
        drop(first);
        SessionLock::acquire(&path).expect("lock after release");
    }

    #[test]
    fn newer_schema_is_refused_and_file_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("future.ron");
        let text = "Session(schema_version: 99, candidate: \"A\", hologram: true)";
        std::fs::write(&path, text).expect("write");
        let err = load_session(&path).expect_err("must refuse");
        assert!(
            matches!(err, StoreError::NewerSchema { found: 99, .. }),
            "{err}"
        );
        assert!(err.to_string().contains("newer version"));
        assert_eq!(std::fs::read_to_string(&path).expect("still there"), text);
    }

    #[test]
    fn corrupt_file_names_line() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("bad.ron");
        std::fs::write(
            &path,
            "Session(\n  candidate: \"A\",\n  questions: [oops],\n)",
        )
        .expect("write");
        let err = load_session(&path).expect_err("must fail");
        let text = err.to_string();
        assert!(text.contains("bad.ron:3:"), "{text}");
    }
}
