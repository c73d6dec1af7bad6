//! What the app checks in its data folder before anything else: that the folders exist and can
//! be written, and that no write interrupted by a crash left a temporary file behind.
//!
//! The UI shows the returned notices in its notices strip; the CLI can print them.

use std::path::{Path, PathBuf};

use crate::model::load::{SetOrigin, SetSource, parse_set};
use crate::model::plan::{InterviewPlan, PLAN_SCHEMA_VERSION};

use super::atomic::{TempCleanup, clean_temp_files};
use super::dirs::{AppDirs, DATA_DIR_ENV};
use super::ron_file;
use super::sessions;

/// Something to tell the user at start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StartupNotice {
    /// An error (work will be lost unless acted on) rather than a warning.
    pub error: bool,
    pub title: String,
    pub details: Vec<String>,
}

/// Creates the data folders, checks they can be written and cleans interrupted writes.
/// Returns what the user should be told; an empty list when all is well.
pub fn prepare(dirs: &AppDirs) -> Vec<StartupNotice> {
    let mut notices = Vec::new();
    if let Err(err) = dirs.ensure() {
        notices.push(StartupNotice {
            error: true,
            title: format!(
                "Your data folder {} could not be created; nothing can be saved",
                dirs.root.display()
            ),
            details: vec![err.to_string(), what_to_do(&dirs.root)],
        });
        return notices;
    }
    let folders = [
        dirs.root.clone(),
        dirs.sessions(),
        dirs.plans(),
        dirs.question_sets(),
    ];
    let unwritable: Vec<(PathBuf, std::io::Error)> = folders
        .iter()
        .filter_map(|dir| probe_writable(dir).err().map(|err| (dir.clone(), err)))
        .collect();
    if let Some((first, _)) = unwritable.first() {
        let mut details: Vec<String> = unwritable
            .iter()
            .map(|(dir, err)| format!("{}: {err}", dir.display()))
            .collect();
        details.push(
            "Interviews, plans and question sets you change now will not be saved.".to_string(),
        );
        details.push(what_to_do(&dirs.root));
        notices.push(StartupNotice {
            error: true,
            title: format!(
                "Your data folder cannot be written ({}); nothing can be saved",
                first.display()
            ),
            details,
        });
    }
    let cleanup = clean_data_folder(dirs);
    if !cleanup.recovered.is_empty() {
        notices.push(StartupNotice {
            error: false,
            title: format!(
                "Recovered {} file{} from a save that was interrupted (the app closed mid-write)",
                cleanup.recovered.len(),
                if cleanup.recovered.len() == 1 {
                    ""
                } else {
                    "s"
                }
            ),
            details: cleanup
                .recovered
                .iter()
                .map(|p| format!("{} now holds the newest copy", p.display()))
                .collect(),
        });
    }
    if !cleanup.failed.is_empty() {
        notices.push(StartupNotice {
            error: false,
            title: "Temporary files from an interrupted save could not be removed".to_string(),
            details: cleanup
                .failed
                .iter()
                .map(|(p, err)| {
                    format!(
                        "{}: {err}. It may hold candidate data; delete it by hand.",
                        p.display()
                    )
                })
                .collect(),
        });
    }
    notices
}

fn what_to_do(root: &Path) -> String {
    format!(
        "Make {} writable for your user (or free disk space), or start with --data-dir pointing to a writable folder (or set {DATA_DIR_ENV}).",
        root.display()
    )
}

/// Creates and removes a small file, the only sure test that a folder takes writes.
fn probe_writable(dir: &Path) -> std::io::Result<()> {
    let probe = dir.join(format!(".write-test-{}", std::process::id()));
    std::fs::File::options()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&probe)?;
    std::fs::remove_file(&probe)
}

/// Removes stale temporary files in every data folder, recovering complete, newer copies of
/// sessions, plans and question sets.
pub fn clean_data_folder(dirs: &AppDirs) -> TempCleanup {
    let mut report = sessions::clean_session_temps(&dirs.sessions(), None);
    report.merge(clean_temp_files(&dirs.plans(), None, &|path, bytes| {
        std::str::from_utf8(bytes).is_ok_and(|text| {
            ron_file::parse::<InterviewPlan>(path, text, PLAN_SCHEMA_VERSION, "plan").is_ok()
        })
    }));
    report.merge(clean_temp_files(
        &dirs.question_sets(),
        None,
        &|path, bytes| {
            std::str::from_utf8(bytes).is_ok_and(|text| {
                parse_set(&SetSource {
                    name: path.display().to_string(),
                    origin: SetOrigin::User(path.to_path_buf()),
                    text: text.to_string(),
                })
                .is_ok()
            })
        },
    ));
    // Other files in the root (the plan draft) are only removed: their owners rewrite them.
    report.merge(clean_temp_files(&dirs.root, None, &|_, _| false));
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_folder_gives_no_notice() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert_eq!(prepare(&AppDirs::at(dir.path())), []);
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_folder_is_named_with_what_to_do() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let dirs = AppDirs::at(dir.path());
        dirs.ensure().expect("folders");
        let sessions = dirs.sessions();
        std::fs::set_permissions(&sessions, std::fs::Permissions::from_mode(0o500)).expect("chmod");
        // Root ignores permissions: nothing to check then.
        if probe_writable(&sessions).is_ok() {
            return;
        }
        let notices = prepare(&dirs);
        std::fs::set_permissions(&sessions, std::fs::Permissions::from_mode(0o700))
            .expect("chmod back");
        assert_eq!(notices.len(), 1, "{notices:?}");
        assert!(notices[0].error);
        assert!(
            notices[0].title.contains("cannot be written"),
            "{notices:?}"
        );
        assert!(
            notices[0].title.contains(&sessions.display().to_string()),
            "{notices:?}"
        );
        assert!(
            notices[0].details.iter().any(|d| d.contains("--data-dir")),
            "{notices:?}"
        );
    }
}
