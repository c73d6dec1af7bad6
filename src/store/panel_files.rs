//! Loading a panel's scorecards from files and folders, with a reason for every file left out,
//! and noticing when a shared folder changes.
//!
//! Panels share scorecards through a folder (a synced drive or a git repository): one file per
//! interviewer per candidate. Such a folder also holds other things (exports, lock files, a
//! half-synced copy), so every file that is not loaded is listed with a reason a person can
//! act on, and the rest load.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, SystemTime};

use sha2::{Digest, Sha256};

use crate::model::session::{SESSION_SCHEMA_VERSION, Session};

use super::error::StoreError;
use super::input::{InputError, read_bounded, size_text};
use super::loop_folder::{DECISION_SUFFIX, LOOP_SUFFIX};
use super::sessions::{SESSION_EXTENSION, parse_session};
use super::sync_names::{self, NameKind};
pub use super::trust::{PINNED_KEYS_FILE, PinnedKey, PinnedKeys, Trust, read_pins};
use super::trust::{judge, write_pins};

/// Largest file we try to read as a scorecard.
const MAX_SCORECARD_BYTES: u64 = 64 * 1024 * 1024;

/// A scorecard that loaded, with the file it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedScorecard {
    pub path: PathBuf,
    pub session: Session,
    /// Its signature checked against the key pinned for its interviewer.
    pub trust: Trust,
}

/// Checks each scorecard's signature against the keys pinned in its folder, pinning keys seen
/// for the first time, and records the verdict in the session so the panel's figures leave
/// out what does not count.
fn check_trust(load: &mut PanelLoad) {
    let mut pins: HashMap<PathBuf, (PinnedKeys, bool)> = HashMap::new();
    for scorecard in &mut load.scorecards {
        let folder = scorecard
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let (folder_pins, changed) = pins
            .entry(folder.clone())
            .or_insert_with(|| (read_pins(&folder), false));
        let check = scorecard
            .session
            .checked_signature
            .take()
            .unwrap_or_else(|| crate::model::signature::check(&scorecard.session));
        let judged = judge(
            folder_pins,
            &scorecard.session.interviewer,
            check,
            &scorecard.path,
        );
        *changed |= judged.pinned_now;
        scorecard.session.checked_signature = Some(judged.verdict);
        scorecard.trust = judged.trust;
    }
    for (folder, (folder_pins, changed)) in pins {
        if changed && load.folders.contains(&folder) {
            write_pins(&folder, &folder_pins);
        }
    }
}

/// Why a file was not loaded.
#[derive(Clone, Debug, PartialEq)]
pub enum RejectReason {
    /// Written by a newer version of the app.
    NewerSchema { found: u32, supported: u32 },
    /// A format version this app never wrote.
    UnknownSchema { found: u32 },
    /// Byte for byte the same as a file already loaded.
    IdenticalTo(PathBuf),
    /// The same scorecard (same id) as one already loaded; `kept_because` says why the other
    /// copy was kept.
    SameScorecardAs {
        kept: PathBuf,
        kept_because: &'static str,
    },
    /// Not readable as a scorecard: a syntax error and where.
    Corrupt(String),
    /// Readable, but some other kind of file.
    NotAScorecard(String),
    /// Could not be read at all (missing, no permission).
    Unreadable(String),
    /// A sync engine's conflict copy of `original`, which is in the folder too: shown, never
    /// counted. `identical` when its bytes are the same as the original's.
    ConflictCopy {
        original: PathBuf,
        identical: bool,
        by: &'static str,
    },
}

impl std::fmt::Display for RejectReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RejectReason::NewerSchema { found, supported } => write!(
                f,
                "written by a newer version of Interview Scorecard (format {found}; this version reads up to {supported}). Update the app to include it."
            ),
            RejectReason::UnknownSchema { found } => write!(
                f,
                "format version {found} is not one Interview Scorecard writes; the file may have been edited by hand"
            ),
            RejectReason::IdenticalTo(other) => {
                write!(f, "an identical copy of {}; loaded once", file_name(other))
            }
            RejectReason::SameScorecardAs { kept, kept_because } => write!(
                f,
                "another copy of the scorecard in {} (same scorecard id); that copy was kept because {kept_because}. Remove the stale copy from the folder.",
                file_name(kept)
            ),
            RejectReason::Corrupt(message) => write!(f, "damaged or not valid: {message}"),
            RejectReason::NotAScorecard(message) => write!(f, "not a scorecard: {message}"),
            RejectReason::Unreadable(message) => write!(f, "could not be read: {message}"),
            RejectReason::ConflictCopy {
                original,
                identical: true,
                by,
            } => write!(
                f,
                "a conflict copy of {} made by {by}, identical to it; not counted. Delete the copy.",
                file_name(original)
            ),
            RejectReason::ConflictCopy {
                original,
                identical: false,
                by,
            } => write!(
                f,
                "a conflict copy of {} made by {by} when two machines changed it at once; not counted. Compare the two, keep the right content under the name {} and delete the copy.",
                file_name(original),
                file_name(original)
            ),
        }
    }
}

/// A file that was not loaded, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Rejected {
    pub path: PathBuf,
    pub reason: RejectReason,
}

impl std::fmt::Display for Rejected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)
    }
}

/// The result of loading files and folders for a panel.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PanelLoad {
    pub scorecards: Vec<LoadedScorecard>,
    pub rejected: Vec<Rejected>,
    /// Files in the folders that are not scorecard files by name (exports, notes), skipped
    /// without a fuss.
    pub ignored: usize,
    /// Folders that were read, so they can be watched.
    pub folders: Vec<PathBuf>,
}

impl PanelLoad {
    pub fn sessions(&self) -> Vec<Session> {
        self.scorecards.iter().map(|s| s.session.clone()).collect()
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| path.display().to_string())
}

/// What a file's name says it is, in a folder of scorecards.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FileKind {
    /// `*.ron`, not hidden: tried as a scorecard.
    Scorecard,
    /// Something else a person put there (an export, notes): counted, not read.
    Other,
    /// Hidden files, the pinned keys and lock files: not mentioned.
    Hidden,
}

/// The kind of file `path` names (by name only: folders are the caller's to skip).
///
/// A shared folder is also where sync engines work: a file still arriving under a temporary
/// name is not mentioned (it is about to become something else), a conflict copy of a
/// scorecard is a scorecard (so [`load_paths`] can report it), and loop plans
/// (`*.loop.ron`) and decision records (`*.decision.ron`) are not scorecards.
pub(crate) fn name_kind(path: &Path) -> FileKind {
    let name = file_name(path);
    if matches!(sync_names::classify(&name), NameKind::InFlight { .. }) {
        return FileKind::Hidden;
    }
    if super::loop_folder::names_loop_file(&name, LOOP_SUFFIX)
        || super::loop_folder::names_loop_file(&name, DECISION_SUFFIX)
    {
        return FileKind::Hidden;
    }
    let base = sync_names::base_name(&name);
    let hidden = base.starts_with('.') || base == PINNED_KEYS_FILE;
    let extension = Path::new(&base).extension().map(|e| e.to_os_string());
    if hidden {
        FileKind::Hidden
    } else if extension
        .as_ref()
        .is_some_and(|e| e.eq_ignore_ascii_case(SESSION_EXTENSION))
    {
        FileKind::Scorecard
    } else if extension.is_none_or(|e| e != "lock") {
        FileKind::Other
    } else {
        FileKind::Hidden
    }
}

/// Scorecard files in `dir` (`*.ron`, not hidden), sorted, and how many other files it holds.
///
/// A shared folder is also where sync engines work, so files still arriving under a temporary
/// name are skipped (and not counted: they are about to become something else), and a conflict
/// copy of a scorecard is listed so [`load_paths`] can report it. Loop plans
/// (`*.loop.ron`) and decision records (`*.decision.ron`) are not scorecards.
pub fn scorecard_files(dir: &Path) -> std::io::Result<(Vec<PathBuf>, usize)> {
    let mut files = Vec::new();
    let mut others = 0;
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        // Folders are skipped; anything else named like a scorecard (a FIFO, a device, a
        // looping link) is tried, so it is reported with its reason instead of vanishing.
        if path.is_dir() {
            continue;
        }
        match name_kind(&path) {
            FileKind::Scorecard => files.push(path),
            FileKind::Other => others += 1,
            FileKind::Hidden => {}
        }
    }
    files.sort();
    Ok((files, others))
}

/// Runs `f` over `items` on every core, keeping their order: reading and verifying is most of
/// the time it takes to open a folder of thousands of scorecards.
pub(crate) fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8)
        .min(items.len() / 16 + 1);
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(|| part.iter().map(&f).collect::<Vec<R>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// Reads a scorecard and checks its own signature (the costly part, so it runs on the
/// workers); the verdict waits in `checked_signature` until [`check_trust`] weighs it against
/// the pinned keys.
fn read_and_check(path: &Path) -> Result<(Session, [u8; 32]), RejectReason> {
    read_scorecard(path).map(|(mut session, digest)| {
        session.checked_signature = Some(crate::model::signature::check(&session));
        (session, digest)
    })
}

/// Loads every scorecard among `paths` (files, or folders whose `*.ron` files are read).
/// Files named directly are tried whatever their extension; duplicates (identical bytes, or the
/// same scorecard id) load once, and a sync engine's conflict copy of a file that is also there
/// is reported, never counted.
pub fn load_paths(paths: &[PathBuf]) -> PanelLoad {
    let mut load = PanelLoad::default();
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            match scorecard_files(path) {
                Ok((found, others)) => {
                    files.extend(found);
                    load.ignored += others;
                    load.folders.push(path.clone());
                }
                Err(err) => load.rejected.push(Rejected {
                    path: path.clone(),
                    reason: RejectReason::Unreadable(format!(
                        "the folder could not be listed: {err}"
                    )),
                }),
            }
        } else {
            files.push(path.clone());
        }
    }
    // The same file picked twice (a folder and a file in it) is no duplicate to report.
    let mut seen_paths = std::collections::HashSet::new();
    files.retain(|path| {
        seen_paths.insert(std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()))
    });
    let listed: std::collections::HashSet<&PathBuf> = files.iter().collect();
    let mut conflicts: Vec<(PathBuf, PathBuf, &'static str)> = Vec::new();
    let mut regular: Vec<PathBuf> = Vec::new();
    for path in &files {
        match sync_names::classify(&file_name(path)) {
            NameKind::ConflictCopy { original, by }
                if listed.contains(&path.with_file_name(&original)) =>
            {
                conflicts.push((path.clone(), path.with_file_name(original), by));
            }
            _ => regular.push(path.clone()),
        }
    }
    let read = parallel_map(&regular, |path| read_and_check(path));
    let mut named_like_ordinary_files = copies_of_the_same_scorecard(&regular, &read);
    let mut by_digest: HashMap<[u8; 32], PathBuf> = HashMap::new();
    let mut digest_of: HashMap<PathBuf, [u8; 32]> = HashMap::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for (index, (path, result)) in regular.into_iter().zip(read).enumerate() {
        if let Some(reason) = named_like_ordinary_files.remove(&index) {
            load.rejected.push(Rejected { path, reason });
            continue;
        }
        let (session, digest) = match result {
            Ok(read) => read,
            Err(reason) => {
                load.rejected.push(Rejected { path, reason });
                continue;
            }
        };
        digest_of.insert(path.clone(), digest);
        if let Some(first) = by_digest.get(&digest) {
            load.rejected.push(Rejected {
                path,
                reason: RejectReason::IdenticalTo(first.clone()),
            });
            continue;
        }
        by_digest.insert(digest, path.clone());
        let incoming = LoadedScorecard {
            path,
            session,
            trust: Trust::NotSubmitted,
        };
        match by_id.get(&incoming.session.id).copied() {
            Some(existing) => {
                let (keep_new, because) =
                    prefer(&load.scorecards[existing].session, &incoming.session);
                let (kept, dropped) = if keep_new {
                    let old = std::mem::replace(&mut load.scorecards[existing], incoming);
                    (load.scorecards[existing].path.clone(), old.path)
                } else {
                    (load.scorecards[existing].path.clone(), incoming.path)
                };
                load.rejected.push(Rejected {
                    path: dropped,
                    reason: RejectReason::SameScorecardAs {
                        kept,
                        kept_because: because,
                    },
                });
            }
            None => {
                if !incoming.session.id.is_empty() {
                    by_id.insert(incoming.session.id.clone(), load.scorecards.len());
                }
                load.scorecards.push(incoming);
            }
        }
    }
    for (path, original, by) in conflicts {
        let digest = read_bounded(&path, MAX_SCORECARD_BYTES)
            .ok()
            .map(|bytes| <[u8; 32]>::from(Sha256::digest(&bytes)));
        let identical = digest.is_some() && digest.as_ref() == digest_of.get(&original);
        load.rejected.push(Rejected {
            path,
            reason: RejectReason::ConflictCopy {
                original,
                identical,
                by,
            },
        });
    }
    check_trust(&mut load);
    load
}

/// OneDrive and Google Drive name a conflict copy like an ordinary file
/// (`ann-LAPTOP.ron`, `ann (1).ron`), so one is recognised by its folder: its original is
/// beside it and holds the same scorecard. The original stands; each copy's reason, by its
/// index in `paths`.
fn copies_of_the_same_scorecard(
    paths: &[PathBuf],
    read: &[Result<(Session, [u8; 32]), RejectReason>],
) -> HashMap<usize, RejectReason> {
    let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, result) in read.iter().enumerate() {
        if let Ok((session, _)) = result
            && !session.id.is_empty()
        {
            by_id.entry(session.id.as_str()).or_default().push(index);
        }
    }
    let digest = |index: usize| read[index].as_ref().ok().map(|(_, digest)| *digest);
    let mut copies = HashMap::new();
    // Only a scorecard found more than once can have a copy, so a folder of thousands of
    // distinct scorecards costs one lookup each.
    for group in by_id.values().filter(|group| group.len() > 1) {
        let group_paths: Vec<&Path> = group.iter().map(|&i| paths[i].as_path()).collect();
        for (copy, original, by) in sync_names::copies_within(&group_paths) {
            let (copy, original) = (group[copy], group[original]);
            copies.insert(
                copy,
                RejectReason::ConflictCopy {
                    original: paths[original].clone(),
                    identical: digest(copy) == digest(original),
                    by,
                },
            );
        }
    }
    copies
}

/// Which of two copies of one scorecard to keep: the submitted one, then the one with more
/// amendments (the later record), then the first found. Returns (keep the new one, why).
fn prefer(existing: &Session, new: &Session) -> (bool, &'static str) {
    prefer_copy(
        (existing.submitted.is_some(), existing.amendments.len()),
        (new.submitted.is_some(), new.amendments.len()),
    )
}

/// [`prefer`] by what it looks at, (submitted, amendments), for callers that keep only that.
pub(crate) fn prefer_copy(existing: (bool, usize), new: (bool, usize)) -> (bool, &'static str) {
    match (existing.0, new.0) {
        (false, true) => return (true, "it is submitted"),
        (true, false) => return (false, "it is submitted"),
        _ => {}
    }
    if new.1 > existing.1 {
        return (true, "it has later amendments");
    }
    if existing.1 > new.1 {
        return (false, "it has later amendments");
    }
    (false, "it was found first")
}

/// Reads one file as a scorecard, with the digest of its bytes.
pub fn read_scorecard(path: &Path) -> Result<(Session, [u8; 32]), RejectReason> {
    let bytes = read_bounded(path, MAX_SCORECARD_BYTES).map_err(|err| match err {
        InputError::Folder => RejectReason::NotAScorecard("it is a folder".into()),
        InputError::TooLarge { limit } => RejectReason::NotAScorecard(format!(
            "the file is larger than {}, far larger than any scorecard",
            size_text(limit)
        )),
        other => RejectReason::Unreadable(other.to_string()),
    })?;
    let digest: [u8; 32] = Sha256::digest(&bytes).into();
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let Ok(text) = String::from_utf8(bytes) else {
        return Err(RejectReason::NotAScorecard(
            if extension.is_empty() || extension == SESSION_EXTENSION {
                "the file is not text".to_string()
            } else {
                format!("a .{extension} file; scorecards are .{SESSION_EXTENSION} files")
            },
        ));
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if let Some(name) = leading_struct_name(text) {
        if name != "Session" {
            let what = match name.as_str() {
                "InterviewPlan" => "it is an interview plan".to_string(),
                "QuestionSet" => "it is a question set".to_string(),
                other => format!("it holds a {other}, not a Session"),
            };
            return Err(RejectReason::NotAScorecard(what));
        }
    } else if !text.trim_start().starts_with('(') {
        return Err(RejectReason::NotAScorecard(
            if extension == SESSION_EXTENSION || extension.is_empty() {
                "the file does not start like a scorecard file".to_string()
            } else {
                format!("a .{extension} file; scorecards are .{SESSION_EXTENSION} files")
            },
        ));
    }
    // Checked here as well as in the parser: a newer format may not parse at all, and then
    // "update the app" is the useful message, not a syntax error.
    if let Some(found) = declared_schema_version(text).filter(|v| *v > SESSION_SCHEMA_VERSION) {
        return Err(RejectReason::NewerSchema {
            found,
            supported: SESSION_SCHEMA_VERSION,
        });
    }
    let session = parse_session(path, text).map_err(|err| match err {
        StoreError::NewerSchema {
            found, supported, ..
        } => RejectReason::NewerSchema { found, supported },
        StoreError::Parse {
            line,
            column,
            message,
            ..
        } => RejectReason::Corrupt(format!("line {line}, column {column}: {message}")),
        other => RejectReason::Corrupt(other.to_string()),
    })?;
    if session.schema_version == 0 {
        return Err(RejectReason::UnknownSchema { found: 0 });
    }
    if session.schema_version > SESSION_SCHEMA_VERSION {
        return Err(RejectReason::NewerSchema {
            found: session.schema_version,
            supported: SESSION_SCHEMA_VERSION,
        });
    }
    if session.questions.is_empty()
        && session.candidate.trim().is_empty()
        && session.interviewer.trim().is_empty()
    {
        return Err(RejectReason::NotAScorecard(
            "it names no candidate or interviewer and has no questions".into(),
        ));
    }
    Ok((session, digest))
}

/// The struct name a RON document starts with (`Session(`), skipping comments and `#![…]`
/// attributes; `None` for an unnamed `(` or anything else.
fn leading_struct_name(text: &str) -> Option<String> {
    let mut rest = text.trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, r)| r).trim_start();
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, r)| r).trim_start();
        } else if let Some(after) = rest.strip_prefix("#![") {
            rest = after.split_once(']').map_or("", |(_, r)| r).trim_start();
        } else {
            break;
        }
    }
    let name: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    let after = rest[name.len()..].trim_start();
    (!name.is_empty() && after.starts_with('(')).then_some(name)
}

/// The `schema_version: N` a document declares, found by scanning rather than parsing.
fn declared_schema_version(text: &str) -> Option<u32> {
    let at = text.find("schema_version")?;
    let rest = text[at + "schema_version".len()..]
        .trim_start()
        .strip_prefix(':')?
        .trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// A cheap summary of a folder's scorecard files (names, sizes, modification times): when it
/// changes, the folder needs reading again.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Fingerprint(Vec<(PathBuf, u64, Option<SystemTime>)>);

/// Fingerprint of the scorecard, loop plan and decision record files in `folders`;
/// unreadable folders count as empty.
pub fn fingerprint(folders: &[PathBuf]) -> Fingerprint {
    let mut entries = Vec::new();
    for folder in folders {
        if let Ok((mut files, _)) = scorecard_files(folder) {
            files.extend(super::loop_folder::loop_files(folder));
            for file in files {
                if let Ok(metadata) = std::fs::metadata(&file) {
                    entries.push((file, metadata.len(), metadata.modified().ok()));
                }
            }
        }
    }
    entries.sort();
    Fingerprint(entries)
}

/// Watches folders for changes to their scorecard files by polling a [`Fingerprint`] on a
/// background thread (works on network and synced drives, where change notifications are
/// unreliable). Dropping the watch stops the thread.
pub struct FolderWatch {
    changes: mpsc::Receiver<()>,
    stop: Arc<AtomicBool>,
}

impl FolderWatch {
    /// Starts polling `folders` every `interval`; `on_change` runs on the watcher thread after
    /// each change (for example to wake the UI).
    pub fn start(
        folders: Vec<PathBuf>,
        interval: Duration,
        on_change: Box<dyn Fn() + Send>,
    ) -> FolderWatch {
        let (sender, changes) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        // Taken before the thread starts, so a file written right after `start` returns is
        // seen as a change rather than as the starting state.
        let mut last = fingerprint(&folders);
        let spawned = std::thread::Builder::new()
            .name("panel-folder-watch".into())
            .spawn(move || {
                // Sleep in short steps so dropping the watch ends the thread promptly.
                let step = Duration::from_millis(100).min(interval);
                loop {
                    let mut slept = Duration::ZERO;
                    while slept < interval {
                        if stopped.load(Ordering::Relaxed) {
                            return;
                        }
                        std::thread::sleep(step);
                        slept += step;
                    }
                    let now = fingerprint(&folders);
                    if now != last {
                        last = now;
                        if sender.send(()).is_err() {
                            return;
                        }
                        on_change();
                    }
                }
            });
        if let Err(err) = spawned {
            log::warn!("could not start watching the panel folder: {err}");
        }
        FolderWatch { changes, stop }
    }

    /// True if the folders changed since the last call.
    pub fn changed(&self) -> bool {
        let mut any = false;
        while self.changes.try_recv().is_ok() {
            any = true;
        }
        any
    }
}

impl Drop for FolderWatch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

impl std::fmt::Debug for FolderWatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FolderWatch")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::session::Submission;
    use crate::store::ron_file::to_ron;

    fn session(id: &str, candidate: &str, interviewer: &str) -> Session {
        Session {
            id: id.into(),
            candidate: candidate.into(),
            interviewer: interviewer.into(),
            ..Session::default()
        }
    }

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("write fixture");
        path
    }

    fn reason_of<'a>(load: &'a PanelLoad, name: &str) -> &'a RejectReason {
        &load
            .rejected
            .iter()
            .find(|r| r.path.file_name().is_some_and(|n| n == name))
            .unwrap_or_else(|| panic!("{name} not rejected: {:?}", load.rejected))
            .reason
    }

    #[test]
    fn folder_loads_good_files_and_gives_reasons_for_the_rest() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        let a = to_ron(&session("a", "Ada", "Ann")).expect("ron");
        write(d, "a.ron", &a);
        // Named the way no sync engine names a copy (`a-copy.ron` would be OneDrive's).
        write(d, "Copy of a.ron", &a);
        let mut b = session("b", "Ada", "Bob");
        write(d, "b-draft.ron", &to_ron(&b).expect("ron"));
        b.recommendation = Some(crate::model::Recommendation::Yes);
        b.submitted = Some(Submission {
            at: chrono::DateTime::parse_from_rfc3339("2026-03-02T10:00:00+01:00").expect("date"),
            content_hash: b.content_hash(),
        });
        write(d, "b-submitted.ron", &to_ron(&b).expect("ron"));
        write(
            d,
            "future.ron",
            "Session(schema_version: 7, candidate: \"X\")",
        );
        write(
            d,
            "zero.ron",
            "Session(schema_version: 0, candidate: \"X\")",
        );
        write(
            d,
            "broken.ron",
            "Session(\n  candidate: \"Ada\",\n  questions: [oops],\n)",
        );
        write(
            d,
            "plan.ron",
            "InterviewPlan(title: \"Backend\", questions: [])",
        );
        write(d, "empty-session.ron", "Session()");
        write(d, "export.md", "# Scorecard");
        write(d, "a.lock", "");
        let load = load_paths(&[d.to_path_buf()]);
        let mut loaded: Vec<&str> = load
            .scorecards
            .iter()
            .map(|s| s.session.id.as_str())
            .collect();
        loaded.sort();
        assert_eq!(loaded, ["a", "b"]);
        let kept_b = load
            .scorecards
            .iter()
            .find(|s| s.session.id == "b")
            .expect("b");
        assert!(
            kept_b.session.submitted.is_some(),
            "the submitted copy wins"
        );
        assert!(
            matches!(reason_of(&load, "a.ron"), RejectReason::IdenticalTo(p) if p.ends_with("Copy of a.ron"))
        );
        assert!(matches!(
            reason_of(&load, "b-draft.ron"),
            RejectReason::SameScorecardAs {
                kept_because: "it is submitted",
                ..
            }
        ));
        assert_eq!(
            reason_of(&load, "future.ron"),
            &RejectReason::NewerSchema {
                found: 7,
                supported: SESSION_SCHEMA_VERSION
            }
        );
        assert_eq!(
            reason_of(&load, "zero.ron"),
            &RejectReason::UnknownSchema { found: 0 }
        );
        let broken = reason_of(&load, "broken.ron").to_string();
        assert!(
            broken.starts_with("damaged or not valid: line 3,"),
            "{broken}"
        );
        assert_eq!(
            reason_of(&load, "plan.ron").to_string(),
            "not a scorecard: it is an interview plan"
        );
        assert!(matches!(
            reason_of(&load, "empty-session.ron"),
            RejectReason::NotAScorecard(_)
        ));
        assert_eq!(load.rejected.len(), 7);
        assert_eq!(
            load.ignored, 1,
            "export.md is skipped quietly, the lock file is not counted"
        );
        assert_eq!(load.folders, [d.to_path_buf()]);
    }

    #[test]
    fn a_copy_named_like_an_ordinary_file_is_a_conflict_only_beside_the_same_scorecard() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        let mut ann = session("ann-1", "Ada", "Ann");
        write(d, "ann.ron", &to_ron(&ann).expect("ron"));
        // The other machine's version is further along; it is still the copy.
        ann.recommendation = Some(crate::model::Recommendation::Yes);
        write(d, "ann (1).ron", &to_ron(&ann).expect("ron"));
        write(d, "ann-LAPTOP.ron", &to_ron(&ann).expect("ron"));
        // Named like copies, but other scorecards.
        write(
            d,
            "ann-2.ron",
            &to_ron(&session("ann-2", "Ada", "Bob")).expect("ron"),
        );
        write(
            d,
            "bob (1).ron",
            &to_ron(&session("bob", "Ada", "Bob")).expect("ron"),
        );
        let load = load_paths(&[d.to_path_buf()]);
        let mut loaded: Vec<&str> = load
            .scorecards
            .iter()
            .map(|s| s.session.id.as_str())
            .collect();
        loaded.sort();
        assert_eq!(loaded, ["ann-1", "ann-2", "bob"]);
        let kept = load
            .scorecards
            .iter()
            .find(|s| s.session.id == "ann-1")
            .expect("ann");
        assert!(kept.path.ends_with("ann.ron"), "the original stands");
        for (name, by) in [
            ("ann (1).ron", "Google Drive"),
            ("ann-LAPTOP.ron", "OneDrive"),
        ] {
            assert!(
                matches!(
                    reason_of(&load, name),
                    RejectReason::ConflictCopy { original, identical: false, by: found }
                        if original.ends_with("ann.ron") && *found == by
                ),
                "{name}: {:?}",
                reason_of(&load, name)
            );
        }
        assert_eq!(load.rejected.len(), 2);
    }

    #[test]
    fn files_named_directly_are_tried_and_explained() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        let good = write(
            d,
            "x.txt",
            &to_ron(&session("x", "Ada", "Ann")).expect("ron"),
        );
        let pdf = d.join("s.pdf");
        std::fs::write(&pdf, [0x25, 0x50, 0x44, 0x46, 0xff, 0xfe]).expect("write");
        let md = write(d, "s.md", "# Scorecard: Ada");
        let missing = d.join("gone.ron");
        let load = load_paths(&[good.clone(), good.clone(), pdf, md, missing]);
        assert_eq!(
            load.scorecards.len(),
            1,
            "picked twice, loaded once and not called a duplicate"
        );
        assert_eq!(
            reason_of(&load, "s.pdf").to_string(),
            "not a scorecard: a .pdf file; scorecards are .ron files"
        );
        assert_eq!(
            reason_of(&load, "s.md").to_string(),
            "not a scorecard: a .md file; scorecards are .ron files"
        );
        assert!(matches!(
            reason_of(&load, "gone.ron"),
            RejectReason::Unreadable(_)
        ));
    }

    #[test]
    fn declared_versions_are_read_without_parsing() {
        assert_eq!(
            declared_schema_version("Session(\n  schema_version: 12,\n  x: [oops"),
            Some(12)
        );
        assert_eq!(
            declared_schema_version("Session(schema_version:3)"),
            Some(3)
        );
        assert_eq!(declared_schema_version("Session(candidate: \"A\")"), None);
    }

    #[test]
    fn struct_names_are_found_past_comments_and_attributes() {
        assert_eq!(
            leading_struct_name("// note\n#![enable(implicit_some)]\nSession(x: 1)").as_deref(),
            Some("Session")
        );
        assert_eq!(
            leading_struct_name("/* c */ QuestionSet ( )").as_deref(),
            Some("QuestionSet")
        );
        assert_eq!(leading_struct_name("(candidate: \"A\")"), None);
        assert_eq!(leading_struct_name("hello world"), None);
    }

    #[test]
    fn fingerprint_changes_when_a_scorecard_is_added_or_edited() {
        let dir = tempfile::tempdir().expect("temp dir");
        let folders = vec![dir.path().to_path_buf()];
        let empty = fingerprint(&folders);
        let path = write(dir.path(), "a.ron", "Session()");
        let one = fingerprint(&folders);
        assert_ne!(empty, one);
        write(dir.path(), "notes.txt", "not watched");
        assert_eq!(fingerprint(&folders), one);
        std::fs::write(&path, "Session(candidate: \"Ada\")").expect("edit");
        assert_ne!(fingerprint(&folders), one, "size changed");
    }

    #[test]
    fn watch_reports_a_new_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (woke, woken) = mpsc::channel();
        let watch = FolderWatch::start(
            vec![dir.path().to_path_buf()],
            Duration::from_millis(50),
            Box::new(move || {
                let _ = woke.send(());
            }),
        );
        assert!(!watch.changed());
        write(dir.path(), "a.ron", "Session()");
        woken
            .recv_timeout(Duration::from_secs(5))
            .expect("watcher noticed the new file");
        assert!(watch.changed());
        assert!(!watch.changed(), "each change is reported once");
    }
}
