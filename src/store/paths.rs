//! Path helpers shared by the app and the importers.

use std::path::{Path, PathBuf};

/// `path`, or `path` with -2, -3… before the extension if a file is already there.
pub fn unique_path(path: &std::path::Path) -> PathBuf {
    if !path.exists() {
        return path.to_path_buf();
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_string())
        .unwrap_or_default();
    (2..10_000)
        .map(|n| path.with_file_name(format!("{stem}-{n}.{extension}")))
        .find(|candidate| !candidate.exists())
        .unwrap_or_else(|| path.to_path_buf())
}

/// What a user typed as a path, with `~` as the home folder and surrounding quotes (as a file
/// manager's "copy path" adds them) removed; `None` for an empty entry.
pub fn typed_path(typed: &str, home: Option<&Path>) -> Option<PathBuf> {
    let typed = typed.trim().trim_matches('"').trim();
    if typed.is_empty() {
        return None;
    }
    match (typed.strip_prefix('~'), home) {
        (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with(['/', '\\']) => {
            Some(home.join(rest.trim_start_matches(['/', '\\'])))
        }
        _ => Some(PathBuf::from(typed)),
    }
}

/// The user's home folder, for [`typed_path`].
pub fn home_folder() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_paths_expand_the_home_folder_only_at_the_start() {
        let home = Path::new("/home/sam");
        assert_eq!(typed_path("  ", Some(home)), None);
        assert_eq!(typed_path("~", Some(home)), Some(home.to_path_buf()));
        assert_eq!(
            typed_path("\"~/guides/q.md\"", Some(home)),
            Some(home.join("guides/q.md"))
        );
        assert_eq!(
            typed_path("~sam/x", Some(home)),
            Some(PathBuf::from("~sam/x"))
        );
        assert_eq!(typed_path("~/x", None), Some(PathBuf::from("~/x")));
        assert_eq!(
            typed_path("/tmp/a b", Some(home)),
            Some(PathBuf::from("/tmp/a b"))
        );
    }

    #[test]
    fn a_taken_name_gets_the_next_free_number() {
        let dir = tempfile::tempdir().expect("temp dir");
        let wanted = dir.path().join("plan.ron");
        assert_eq!(unique_path(&wanted), wanted);
        std::fs::write(&wanted, "x").expect("write");
        assert_eq!(unique_path(&wanted), dir.path().join("plan-2.ron"));
        std::fs::write(dir.path().join("plan-2.ron"), "x").expect("write");
        assert_eq!(unique_path(&wanted), dir.path().join("plan-3.ron"));
    }
}
