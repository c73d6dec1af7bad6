//! Atomic file writes: a reader, a crash or a power cut sees the old file or the new one,
//! never a torn mix; and no temporary file outlives its writer for long.
//!
//! A write goes to a temporary file beside the target, named
//! `.<target name>~<token>.scorecard-tmp`, which the writer holds an exclusive lock on until it
//! has been renamed over the target. A writer killed in between leaves that file behind, with
//! the candidate's data in it. [`clean_temp_files`] (run at start and whenever the sessions
//! folder is scanned for History and retention) finds such files by name, skips any whose
//! writer is still alive (its lock is held), moves a complete, valid one that is newer than its
//! target into place, and removes the rest. Files left by the earlier writer (the
//! `atomic-write-file` crate: `.<target name>.XXXXXX`) are recognised and cleaned too.

use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

/// The suffix every temporary file of ours ends with.
pub const TEMP_SUFFIX: &str = ".scorecard-tmp";

/// Largest temporary file read back for recovery.
const MAX_RECOVER_BYTES: u64 = 256 * 1024 * 1024;

/// Temporary files of the earlier writer carry no lock; they are only touched once this old,
/// so a write in progress by an older version of the app is never disturbed.
const LEGACY_MIN_AGE: Duration = Duration::from_secs(30);

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Writes `bytes` to `path` through a temporary file in the same folder, fsyncs it and renames
/// it over the target (and fsyncs the folder). An existing target's permissions are kept.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with_mode(path, bytes, None)
}

/// As [`write_atomic`], creating the file with Unix permissions `mode` (e.g. `0o600` for a
/// private key) instead of the target's or the default ones.
pub fn write_atomic_with_mode(path: &Path, bytes: &[u8], mode: Option<u32>) -> io::Result<()> {
    let parent = match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(parent) => {
            std::fs::create_dir_all(parent)?;
            parent.to_path_buf()
        }
        None => PathBuf::from("."),
    };
    let name = path.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} names no file", path.display()),
        )
    })?;
    // A cleanup that raced us between creating and locking the temporary file may have
    // removed it; then the rename fails with NotFound and writing again is all it takes.
    let mut attempt = 0;
    loop {
        attempt += 1;
        match write_once(&parent, name, path, bytes, mode) {
            Err(err) if err.kind() == io::ErrorKind::NotFound && attempt < 3 => continue,
            other => return other,
        }
    }
}

fn write_once(
    parent: &Path,
    name: &OsStr,
    path: &Path,
    bytes: &[u8],
    mode: Option<u32>,
) -> io::Result<()> {
    let temp = parent.join(temp_name(name));
    let mut options = File::options();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        let mode = mode.or_else(|| {
            std::fs::metadata(path)
                .ok()
                .map(|m| m.permissions().mode() & 0o777)
        });
        options.mode(mode.unwrap_or(0o666));
    }
    #[cfg(not(unix))]
    let _ = mode;
    let mut file = options.open(&temp)?;
    let result = (|| {
        file.lock()?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)?;
        sync_dir(parent);
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

fn temp_name(target: &OsStr) -> std::ffi::OsString {
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let mut name = std::ffi::OsString::from(".");
    name.push(target);
    name.push(format!(
        "~{}-{}-{nanos:08x}{TEMP_SUFFIX}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    name
}

fn sync_dir(dir: &Path) {
    // Makes the rename itself durable; not possible (nor needed) on every platform.
    #[cfg(unix)]
    if let Ok(dir) = File::open(dir) {
        let _ = dir.sync_all();
    }
}

/// What kind of temporary file a name is, and the name of the file it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TempKind {
    /// `.<target>~<token>.scorecard-tmp`, written by this app with a lock held.
    Ours { target: String },
    /// `.<target>.XXXXXX` left by the earlier writer (only for `.ron` targets).
    Legacy { target: String },
}

/// Recognises a temporary file name; `None` for every other file.
pub fn temp_kind(file_name: &str) -> Option<TempKind> {
    let hidden = file_name.strip_prefix('.')?;
    if let Some(stem) = hidden.strip_suffix(TEMP_SUFFIX) {
        let (target, _token) = stem.rsplit_once('~')?;
        return (!target.is_empty()).then(|| TempKind::Ours {
            target: target.to_string(),
        });
    }
    let (target, random) = hidden.rsplit_once('.')?;
    let legacy = random.len() == 6
        && random.bytes().all(|b| b.is_ascii_alphanumeric())
        && target.len() > ".ron".len()
        && target.to_ascii_lowercase().ends_with(".ron");
    legacy.then(|| TempKind::Legacy {
        target: target.to_string(),
    })
}

/// What [`clean_temp_files`] did.
#[derive(Debug, Default)]
pub struct TempCleanup {
    /// Targets that were replaced by a newer, complete copy their writer never got to rename.
    pub recovered: Vec<PathBuf>,
    /// Temporary files removed.
    pub removed: Vec<PathBuf>,
    /// Temporary files still being written by a live process, left alone.
    pub in_use: Vec<PathBuf>,
    /// Temporary files that could not be removed, and why.
    pub failed: Vec<(PathBuf, io::Error)>,
}

impl TempCleanup {
    pub fn merge(&mut self, other: TempCleanup) {
        self.recovered.extend(other.recovered);
        self.removed.extend(other.removed);
        self.in_use.extend(other.in_use);
        self.failed.extend(other.failed);
    }
}

/// Cleans the temporary files in `dir` whose writer is gone (see the module docs).
///
/// `valid(target, bytes)` says whether a temporary file's bytes are a complete document of the
/// target's kind; only then, and only when the temporary file is newer than the target (or the
/// target is missing), is it moved into place. Otherwise it is removed. `only_target`, when
/// given, limits the cleanup to temporary files of that one file name.
pub fn clean_temp_files(
    dir: &Path,
    only_target: Option<&OsStr>,
    valid: &dyn Fn(&Path, &[u8]) -> bool,
) -> TempCleanup {
    let mut report = TempCleanup::default();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return report;
    };
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name();
        let Some(kind) = file_name.to_str().and_then(temp_kind) else {
            continue;
        };
        let (target, legacy) = match kind {
            TempKind::Ours { target } => (target, false),
            TempKind::Legacy { target } => (target, true),
        };
        if only_target.is_some_and(|only| only != OsStr::new(&target)) {
            continue;
        }
        let temp = entry.path();
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let Ok(file) = File::open(&temp) else {
            continue;
        };
        let temp_modified = file.metadata().and_then(|m| m.modified()).ok();
        if legacy {
            let young = temp_modified
                .and_then(|m| m.elapsed().ok())
                .is_none_or(|age| age < LEGACY_MIN_AGE);
            if young {
                report.in_use.push(temp);
                continue;
            }
        } else if file.try_lock().is_err() {
            // Its writer is alive and still writing: not an orphan.
            report.in_use.push(temp);
            continue;
        }
        let target_path = dir.join(&target);
        let target_modified = std::fs::symlink_metadata(&target_path)
            .ok()
            .map(|m| m.modified().ok());
        let newer = match (temp_modified, target_modified) {
            (_, None) => true,
            (Some(temp), Some(Some(target))) => temp > target,
            _ => false,
        };
        if newer {
            let complete = super::input::read_bounded(&temp, MAX_RECOVER_BYTES)
                .is_ok_and(|bytes| !bytes.is_empty() && valid(&target_path, &bytes));
            if complete && std::fs::rename(&temp, &target_path).is_ok() {
                sync_dir(dir);
                log::warn!(
                    "recovered {} from a write that was interrupted",
                    target_path.display()
                );
                report.recovered.push(target_path);
                continue;
            }
        }
        match std::fs::remove_file(&temp) {
            Ok(()) => report.removed.push(temp),
            Err(err) if err.kind() == io::ErrorKind::NotFound => {}
            Err(err) => report.failed.push((temp, err)),
        }
        drop(file);
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_creates_folders() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a/b/file.txt");
        write_atomic(&path, b"first").expect("first write");
        write_atomic(&path, b"second").expect("second write");
        assert_eq!(std::fs::read(&path).expect("read back"), b"second");
        let leftovers: Vec<_> = std::fs::read_dir(path.parent().expect("parent"))
            .expect("list")
            .collect();
        assert_eq!(leftovers.len(), 1, "no temporary files left behind");
    }

    #[cfg(unix)]
    #[test]
    fn mode_is_applied_and_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("key");
        write_atomic_with_mode(&path, b"secret", Some(0o600)).expect("write");
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        write_atomic(&path, b"again").expect("rewrite");
        assert_eq!(mode(&path), 0o600, "a rewrite keeps the permissions");
    }

    #[test]
    fn names_are_recognised() {
        assert_eq!(
            temp_kind(".s.ron~12-3-0000abcd.scorecard-tmp"),
            Some(TempKind::Ours {
                target: "s.ron".into()
            })
        );
        assert_eq!(
            temp_kind(".2026-ada.ron.Ab12Zx"),
            Some(TempKind::Legacy {
                target: "2026-ada.ron".into()
            })
        );
        assert_eq!(temp_kind("s.ron"), None);
        assert_eq!(temp_kind(".hidden.txt"), None);
        assert_eq!(temp_kind(".s.ron.lock"), None);
    }

    #[test]
    fn orphans_are_recovered_when_newer_and_valid_and_removed_otherwise() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        let valid = |_: &Path, bytes: &[u8]| bytes.starts_with(b"ok");
        // A complete write whose rename never happened: newer than the target, valid.
        std::fs::write(d.join("a.ron"), b"ok old").expect("target");
        std::thread::sleep(Duration::from_millis(20));
        std::fs::write(d.join(".a.ron~1-1-0.scorecard-tmp"), b"ok new").expect("temp");
        // A torn write: invalid.
        std::fs::write(d.join(".b.ron~1-2-0.scorecard-tmp"), b"o").expect("temp");
        // A write for a file that never existed yet: recovered.
        std::fs::write(d.join(".c.ron~1-3-0.scorecard-tmp"), b"ok first").expect("temp");
        // A live writer holds its lock: left alone.
        let live_path = d.join(".d.ron~1-4-0.scorecard-tmp");
        let live = File::create(&live_path).expect("live");
        live.lock().expect("lock");
        let report = clean_temp_files(d, None, &valid);
        assert_eq!(std::fs::read(d.join("a.ron")).expect("a"), b"ok new");
        assert_eq!(std::fs::read(d.join("c.ron")).expect("c"), b"ok first");
        assert!(!d.join("b.ron").exists());
        assert_eq!(report.recovered.len(), 2, "{report:?}");
        assert_eq!(report.removed.len(), 1, "{report:?}");
        assert_eq!(report.in_use, std::slice::from_ref(&live_path));
        drop(live);
        let report = clean_temp_files(d, None, &valid);
        assert_eq!(report.removed, [live_path]);
        let names: Vec<String> = std::fs::read_dir(d)
            .expect("list")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().to_string())
            .collect();
        assert!(names.iter().all(|n| !n.starts_with('.')), "{names:?}");
    }
}
