//! Path helpers shared by the app and the importers.

use std::path::PathBuf;

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

#[cfg(test)]
mod tests {
    use super::*;

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
