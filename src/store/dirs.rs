//! Where the app keeps the user's files (XDG data folder via `directories`).

use std::io;
use std::path::{Path, PathBuf};

/// Environment variable that moves all user data elsewhere (tests, portable installs).
pub const DATA_DIR_ENV: &str = "SCORECARD_DATA_DIR";

/// The user's data folders. Everything the app writes lives below `root`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppDirs {
    pub root: PathBuf,
}

impl AppDirs {
    /// Uses `explicit` if given, else `$SCORECARD_DATA_DIR`, else the platform's data folder
    /// (`~/.local/share/interview-scorecard` on Linux).
    pub fn discover(explicit: Option<&Path>) -> io::Result<AppDirs> {
        if let Some(path) = explicit {
            return Ok(AppDirs::at(path));
        }
        if let Some(path) = std::env::var_os(DATA_DIR_ENV).filter(|p| !p.is_empty()) {
            return Ok(AppDirs::at(Path::new(&path)));
        }
        let project =
            directories::ProjectDirs::from("", "", "interview-scorecard").ok_or_else(|| {
                io::Error::new(
                    io::ErrorKind::NotFound,
                    format!(
                        "could not find a home folder for user data; set {DATA_DIR_ENV} to a folder"
                    ),
                )
            })?;
        Ok(AppDirs::at(project.data_dir()))
    }

    pub fn at(root: &Path) -> AppDirs {
        AppDirs {
            root: root.to_path_buf(),
        }
    }

    /// The user's own question sets (editable).
    pub fn question_sets(&self) -> PathBuf {
        self.root.join("question_sets")
    }

    /// Saved interview plans (templates).
    pub fn plans(&self) -> PathBuf {
        self.root.join("plans")
    }

    /// Interview sessions and scorecards, one file each.
    pub fn sessions(&self) -> PathBuf {
        self.root.join("sessions")
    }

    /// The question-health index (a cache of what was read from scorecard files).
    pub fn health_index(&self) -> PathBuf {
        self.root.join(super::health_index::INDEX_FILE)
    }

    /// Creates every folder; safe to call on every start.
    pub fn ensure(&self) -> io::Result<()> {
        for dir in [self.question_sets(), self.plans(), self.sessions()] {
            std::fs::create_dir_all(&dir).map_err(|err| {
                io::Error::new(
                    err.kind(),
                    format!("could not create {}: {err}", dir.display()),
                )
            })?;
        }
        Ok(())
    }
}
