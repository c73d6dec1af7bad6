//! The scorecards question health is computed from: the History (the data folder's sessions
//! folder) and any panel or loop folders, read on the caller's thread (the app runs it on a
//! worker).
//!
//! With an index ([`crate::store::health_index`]), only files that are new or changed since
//! the last computation are read; the rest come from the index, checked against each file's
//! size and times first. Files are read on every core: parsing and checking the signatures of
//! thousands of scorecards is the bulk of the work.
//!
//! Reading never writes a scorecard folder: stale temporary files are left for History to
//! recover, and keys are checked against each folder's pinned keys without pinning new ones
//! (the Panel pins when it opens the folder). A scorecard found in several places (your
//! History and the panel's shared folder) counts once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::model::health::{HealthInput, ScorecardFacts, Standing};
use crate::model::plan::QuestionSnapshot;
use crate::model::signature;

use super::health_index::{self, FileStamp, HealthIndex, IndexEntry};
use super::panel_files::{self, FileKind, PinnedKeys, RejectReason, Rejected};

/// The scorecards found, and the files that could not be used.
#[derive(Debug, Default)]
pub struct HealthSources {
    /// What question health takes from every scorecard that loaded (drafts and tampered ones
    /// included: the model counts and leaves them out), each with its signature verdict under
    /// its folder's pinned keys.
    pub input: HealthInput,
    /// Files that could not be read as scorecards, with the reason.
    pub rejected: Vec<Rejected>,
    /// Copies of a scorecard already loaded from another place (counted once).
    pub duplicates: usize,
    /// Folders read (History first when it exists).
    pub folders: Vec<PathBuf>,
    /// How the index was used.
    pub index: IndexUse,
    /// The updated index, being written.
    saving: IndexWrite,
}

/// How the index served a computation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IndexUse {
    /// Files whose facts came from the index, unchanged since they were read.
    pub reused: usize,
    /// Scorecard files read (new, changed, or not in the index).
    pub read: usize,
    /// Why the index was set aside as a whole (then every file was read and it is rebuilt).
    pub ignored: Option<String>,
    /// Why the updated index could not be written (the figures are still right).
    pub not_saved: Option<String>,
}

/// Reads every scorecard in `history` (the sessions folder; a missing folder is an empty
/// history) and in each of `folders`, without an index. A folder that cannot be listed is
/// reported in [`HealthSources::rejected`]; sub-folders are not searched.
pub fn gather(history: Option<&Path>, folders: &[PathBuf]) -> HealthSources {
    gather_indexed(None, history, folders)
}

/// As [`gather`], reusing and then updating the index at `index` (normally
/// [`crate::store::AppDirs::health_index`]).
pub fn gather_indexed(
    index: Option<&Path>,
    history: Option<&Path>,
    folders: &[PathBuf],
) -> HealthSources {
    // Taken before anything is listed: a file changed after this moment is not "settled".
    gather_indexed_at(index, history, folders, SystemTime::now())
}

/// As [`gather_indexed`], judging whether a file has settled
/// ([`health_index::SETTLE_SECS`]) as of `listed_at` rather than the clock: tests and benches
/// write their files just before reading them.
pub fn gather_indexed_at(
    index: Option<&Path>,
    history: Option<&Path>,
    folders: &[PathBuf],
    listed_at: SystemTime,
) -> HealthSources {
    let mut sources = HealthSources::default();
    // The index is parsed on another core while the folders are listed: the two take about
    // as long, and together most of an update's time.
    let (files, loaded) = std::thread::scope(|scope| {
        let loading = index.map(|path| scope.spawn(move || health_index::load(path)));
        let files = list(history, folders, &mut sources);
        let loaded = loading.map(|h| {
            h.join()
                .unwrap_or_else(|_| Err("the index could not be read".to_string()))
        });
        (files, loaded)
    });
    let (versions, mut known) = match loaded {
        Some(Ok(Some(loaded))) => (loaded.versions, loaded.entries),
        Some(Ok(None)) | None => (Vec::new(), Vec::new()),
        Some(Err(why)) => {
            sources.index.ignored = Some(why);
            (Vec::new(), Vec::new())
        }
    };
    // Paths are moved into the lookup, not copied, and given back to the entries reused.
    let by_path: HashMap<String, usize> = known
        .iter_mut()
        .enumerate()
        .map(|(i, e)| (std::mem::take(&mut e.path), i))
        .collect();
    let index_count = known.len();
    let mut input = HealthInput::with_versions(versions);

    // Reuse what is unchanged; read the rest.
    let mut slots: Vec<Option<Result<IndexEntry, RejectReason>>> = Vec::with_capacity(files.len());
    let mut to_read = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let reusable = file
            .path
            .to_str()
            .and_then(|p| Some((p, *by_path.get(p)?)))
            .filter(|(_, at)| known[*at].settled && Some(known[*at].stamp) == file.stamp);
        match reusable {
            Some((path, at)) => {
                sources.index.reused += 1;
                let mut entry = std::mem::replace(&mut known[at], IndexEntry::placeholder());
                entry.path = path.to_string();
                slots.push(Some(Ok(entry)));
            }
            None => {
                to_read.push(i);
                slots.push(None);
            }
        }
    }
    sources.index.read = to_read.len();
    for (i, read) in read_all(&files, &to_read, listed_at, &mut input) {
        slots[i] = Some(read);
    }

    // Copies of one scorecard count once, as the Panel counts them.
    let mut pins: HashMap<usize, PinnedKeys> = HashMap::new();
    let mut by_digest: HashMap<&str, ()> = HashMap::new();
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    let mut kept: Vec<(usize, &IndexEntry)> = Vec::new();
    let copies = copies_named_like_ordinary_files(&files, &slots);
    for (index, (file, slot)) in files.iter().zip(&slots).enumerate() {
        if copies.contains(&index) {
            sources.duplicates += 1;
            continue;
        }
        let entry = match slot {
            Some(Ok(entry)) => entry,
            Some(Err(reason)) => {
                sources.rejected.push(Rejected {
                    path: file.path.clone(),
                    reason: reason.clone(),
                });
                continue;
            }
            None => continue,
        };
        if by_digest.insert(&entry.digest, ()).is_some() {
            sources.duplicates += 1;
            continue;
        }
        let id = entry.facts.id.as_str();
        match by_id.get(id).copied() {
            Some(at) => {
                sources.duplicates += 1;
                let existing = kept[at].1;
                let (keep_new, _) = panel_files::prefer_copy(
                    (
                        existing.facts.standing != Standing::NotSubmitted,
                        existing.amendments,
                    ),
                    (
                        entry.facts.standing != Standing::NotSubmitted,
                        entry.amendments,
                    ),
                );
                if keep_new {
                    kept[at] = (file.folder, entry);
                }
            }
            None => {
                if !id.is_empty() {
                    by_id.insert(id, kept.len());
                }
                kept.push((file.folder, entry));
            }
        }
    }
    for (folder, entry) in kept {
        let mut facts: ScorecardFacts = entry.facts.clone();
        if facts.standing == Standing::UnsignedOlder {
            // As the Panel rules: stripping the signature must not turn a signed scorecard
            // into an "older" one that counts, so an interviewer whose key is pinned in this
            // folder gets no unsigned scorecards.
            let folder_pins = pins
                .entry(folder)
                .or_insert_with(|| panel_files::read_pins(&sources.folders[folder]));
            if folder_pins.keys.contains_key(&facts.interviewer) {
                facts.standing = Standing::Tampered;
            }
        }
        input.scorecards.push(facts);
    }

    if let Some(path) = index {
        let changed = sources.index.read > 0
            || sources.index.ignored.is_some()
            || sources.index.reused != index_count;
        if changed {
            let entries: Vec<IndexEntry> = slots
                .into_iter()
                .flatten()
                .filter_map(Result::ok)
                // Only paths that are text can be keyed in the index; others are read each time.
                .filter(|e| !e.path.is_empty())
                .collect();
            let versions = input.versions.clone();
            let path = path.to_path_buf();
            // Written on another core while the caller computes the figures; see
            // [`HealthSources::finish`].
            let write = move || {
                let index = HealthIndex::new(&versions, entries);
                health_index::save(&path, index).map_err(|err| {
                    log::warn!("{}: {err}", path.display());
                    err.to_string()
                })
            };
            match std::thread::Builder::new()
                .name("health-index".into())
                .spawn(write)
            {
                Ok(handle) => sources.saving = IndexWrite(Some(handle)),
                // A cache not written costs only time next run.
                Err(err) => sources.index.not_saved = Some(format!("no thread to write it: {err}")),
            }
        }
    }
    sources.input = input;
    sources
}

/// OneDrive and Google Drive name a conflict copy like an ordinary file (`ann-LAPTOP.ron`,
/// `ann (1).ron`): it is one when its original is beside it and holds the same scorecard, and
/// then, as with any engine's conflict copy, the original is the one read. Indices into
/// `files`.
fn copies_named_like_ordinary_files(
    files: &[Listed],
    slots: &[Option<Result<IndexEntry, RejectReason>>],
) -> std::collections::HashSet<usize> {
    let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, slot) in slots.iter().enumerate() {
        if let Some(Ok(entry)) = slot
            && !entry.facts.id.is_empty()
        {
            by_id
                .entry(entry.facts.id.as_str())
                .or_default()
                .push(index);
        }
    }
    let mut copies = std::collections::HashSet::new();
    for group in by_id.values().filter(|group| group.len() > 1) {
        let paths: Vec<&Path> = group.iter().map(|&i| files[i].path.as_path()).collect();
        for (copy, _, _) in crate::store::sync_names::copies_within(&paths) {
            copies.insert(group[copy]);
        }
    }
    copies
}

/// The index being written in the background; waited for when dropped.
#[derive(Debug, Default)]
struct IndexWrite(Option<std::thread::JoinHandle<Result<(), String>>>);

impl IndexWrite {
    /// Waits for the write; the reason it failed, if it did.
    fn wait(&mut self) -> Option<String> {
        let handle = self.0.take()?;
        match handle.join() {
            Ok(result) => result.err(),
            Err(_) => Some("writing the index failed unexpectedly".into()),
        }
    }
}

impl Drop for IndexWrite {
    fn drop(&mut self) {
        // A process ending mid-write would leave a temporary file for the next start to
        // clean up; waiting here costs nothing the caller has not already been given.
        self.wait();
    }
}

impl HealthSources {
    /// Waits until the updated index is written (it is written while the caller computes the
    /// figures) and records in [`IndexUse::not_saved`] why it could not be. Dropping the
    /// sources waits too.
    pub fn finish(&mut self) -> &IndexUse {
        if let Some(why) = self.saving.wait() {
            self.index.not_saved = Some(why);
        }
        &self.index
    }
}

/// A scorecard file found in a folder.
struct Listed {
    path: PathBuf,
    /// Position of its folder in [`HealthSources::folders`].
    folder: usize,
    /// `None` when its metadata could not be read (the read then says why).
    stamp: Option<FileStamp>,
}

/// The scorecard files of History and `folders`, each folder once, sorted within a folder.
fn list(history: Option<&Path>, folders: &[PathBuf], sources: &mut HealthSources) -> Vec<Listed> {
    let mut files = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let history = history.filter(|d| d.is_dir());
    for dir in history
        .into_iter()
        .chain(folders.iter().map(PathBuf::as_path))
    {
        // The same folder given twice (or History given as a panel folder) is read once.
        let canonical = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if !seen.insert(canonical) {
            continue;
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(err) => {
                sources.rejected.push(Rejected {
                    path: dir.to_path_buf(),
                    reason: RejectReason::Unreadable(format!(
                        "the folder could not be listed: {err}"
                    )),
                });
                continue;
            }
        };
        let folder = sources.folders.len();
        sources.folders.push(dir.to_path_buf());
        let mut named = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            // Named first, so files that are not scorecards cost no further system call.
            if panel_files::name_kind(&path) != FileKind::Scorecard {
                continue;
            }
            // A sync engine's conflict copy is a second version of a scorecard already here:
            // never counted twice. A file still arriving is read once it is complete.
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            match crate::store::sync_names::classify(&name) {
                crate::store::sync_names::NameKind::ConflictCopy { .. } => {
                    sources.duplicates += 1;
                    continue;
                }
                crate::store::sync_names::NameKind::InFlight { .. } => continue,
                crate::store::sync_names::NameKind::Regular => {}
            }
            named.push((entry, path));
        }
        // One system call per file is most of a listing's time on a large History: the
        // metadata is read on every core.
        let stamped = panel_files::parallel_map(&named, |(entry, path)| {
            // The entry's own metadata is read relative to the open folder (cheaper than
            // resolving the whole path again); a link is followed, as reading it will be.
            let metadata = match entry.file_type() {
                Ok(kind) if !kind.is_symlink() => entry.metadata(),
                _ => std::fs::metadata(path),
            };
            if metadata.as_ref().is_ok_and(|m| m.is_dir()) {
                return None;
            }
            Some(metadata.ok().map(|m| FileStamp::of(&m)))
        });
        let start = files.len();
        for ((_, path), stamp) in named.into_iter().zip(stamped) {
            if let Some(stamp) = stamp {
                files.push(Listed {
                    path,
                    folder,
                    stamp,
                });
            }
        }
        // The order `scorecard_files` gives ("found first" decides between copies). Within one
        // folder the paths differ only in the file name, so comparing the bytes gives the same
        // order as comparing components, at a fraction of the cost over 10,000 files.
        files[start..].sort_by(|a, b| a.path.as_os_str().cmp(b.path.as_os_str()));
    }
    files
}

/// A file's position in the listing, and what reading it gave.
type ReadResult = (usize, Result<IndexEntry, RejectReason>);

/// Reads the files at `which` on every core; returns each one's entry or the reason it was
/// left out. New rubric versions are added to `input`.
fn read_all(
    files: &[Listed],
    which: &[usize],
    listed_at: SystemTime,
    input: &mut HealthInput,
) -> Vec<ReadResult> {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(8)
        // A thread per few files would cost more than it saves.
        .min(which.len().div_ceil(32))
        .max(1);
    let chunk = which.len().div_ceil(threads).max(1);
    let parts: Vec<(HealthInput, Vec<ReadResult>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = which
            .chunks(chunk)
            .map(|part| (part, scope.spawn(move || read_part(files, part, listed_at))))
            .collect();
        handles
            .into_iter()
            .map(|(part, handle)| {
                handle.join().unwrap_or_else(|_| {
                    // A reader that panicked leaves its files out with a reason, rather
                    // than dropping them from the figures unseen.
                    let failed = RejectReason::Unreadable("reading it failed unexpectedly".into());
                    let results = part.iter().map(|&i| (i, Err(failed.clone()))).collect();
                    (HealthInput::default(), results)
                })
            })
            .collect()
    });
    let mut out = Vec::with_capacity(which.len());
    for (local, results) in parts {
        // Each thread numbered its versions itself; renumber them into the shared table.
        let remap: Vec<u32> = local.versions.iter().map(|v| input.intern(v)).collect();
        for (i, mut result) in results {
            if let Ok(entry) = &mut result {
                for answer in &mut entry.facts.answers {
                    answer.version = remap[answer.version as usize];
                }
            }
            out.push((i, result));
        }
    }
    out
}

fn read_part(
    files: &[Listed],
    part: &[usize],
    listed_at: SystemTime,
) -> (HealthInput, Vec<ReadResult>) {
    let mut local = HealthInput::with_versions(Vec::<QuestionSnapshot>::new());
    let results = part
        .iter()
        .map(|&i| {
            let file = &files[i];
            let read = panel_files::read_scorecard(&file.path).map(|(session, digest)| {
                // The scorecard's own verdict, before any pinned key: the index keeps this, and
                // the pins are applied on every computation.
                let standing = Standing::of(&signature::check(&session));
                IndexEntry {
                    path: file.path.to_str().unwrap_or_default().to_string(),
                    stamp: file.stamp.unwrap_or_default(),
                    settled: file.stamp.is_some_and(|s| s.settled_before(listed_at)),
                    digest: hex(&digest),
                    amendments: session.amendments.len(),
                    facts: local.extract(&session, standing),
                }
            });
            (i, read)
        })
        .collect();
    (local, results)
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::health::{HealthOptions, compute, compute_input};
    use crate::model::session::{Rating, Recommendation, Session};
    use std::time::Duration;

    fn submitted(id: &str, candidate: &str) -> Session {
        let mut session = Session {
            id: id.into(),
            candidate: candidate.into(),
            interviewer: "Ann".into(),
            recommendation: Some(Recommendation::Yes),
            ..Session::default()
        };
        let mut outcome = crate::model::session::QuestionOutcome::default();
        outcome.question.id = "q".into();
        outcome.question.rubric_hash = "h1".into();
        outcome.rating = Some(Rating::Solid);
        session.questions.push(outcome);
        let at = chrono::DateTime::parse_from_rfc3339("2026-03-02T10:00:00+01:00").expect("date");
        session.submit(at).expect("submit");
        session
    }

    fn write(dir: &Path, name: &str, session: &Session) {
        let text = super::super::ron_file::to_ron(session).expect("ron");
        std::fs::write(dir.join(name), text).expect("write");
    }

    /// "Later": every file written by the test has settled.
    fn later() -> SystemTime {
        SystemTime::now() + Duration::from_secs(health_index::SETTLE_SECS + 1)
    }

    #[test]
    fn history_and_folders_are_read_once_each_without_writing() {
        let history = tempfile::tempdir().expect("temp");
        let panel = tempfile::tempdir().expect("temp");
        let a = submitted("a", "Ada");
        write(history.path(), "a.ron", &a);
        write(panel.path(), "a-copy.ron", &a);
        write(panel.path(), "b.ron", &submitted("b", "Ben"));
        std::fs::write(panel.path().join("broken.ron"), "Session(oops").expect("write");
        std::fs::write(panel.path().join("notes.txt"), "hello").expect("write");
        let missing = panel.path().join("no-such-folder");
        let folders = [
            panel.path().to_path_buf(),
            missing,
            panel.path().to_path_buf(),
        ];
        let sources = gather(Some(history.path()), &folders);
        assert_eq!(sources.input.scorecards.len(), 2);
        assert_eq!(sources.duplicates, 1);
        assert_eq!(sources.rejected.len(), 2, "{:?}", sources.rejected);
        assert_eq!(
            sources.folders.len(),
            2,
            "a folder given twice is read once"
        );
        assert!(
            !panel.path().join(panel_files::PINNED_KEYS_FILE).exists(),
            "gathering pins no keys"
        );
        // A missing History is simply empty.
        let sources = gather(Some(&history.path().join("none")), &[]);
        assert!(sources.input.scorecards.is_empty() && sources.rejected.is_empty());
    }

    #[test]
    fn the_index_is_reused_only_for_unchanged_files_and_rebuilt_when_damaged() {
        let data = tempfile::tempdir().expect("temp");
        let history = tempfile::tempdir().expect("temp");
        let index = data.path().join(health_index::INDEX_FILE);
        for i in 0..5 {
            write(
                history.path(),
                &format!("s{i}.ron"),
                &submitted(&format!("s{i}"), "Ada"),
            );
        }
        let run = |at: SystemTime| {
            let mut sources = gather_indexed_at(Some(&index), Some(history.path()), &[], at);
            assert_eq!(sources.finish().not_saved, None);
            sources
        };
        let first = run(later());
        assert_eq!((first.index.reused, first.index.read), (0, 5));
        assert!(index.exists(), "the index is written");
        let second = run(later());
        assert_eq!((second.index.reused, second.index.read), (5, 0));
        let options = HealthOptions::default();
        assert_eq!(
            compute_input(&second.input, &options),
            compute_input(&first.input, &options),
            "the same figures from the index"
        );

        // A file changed in place is read again, whatever the index says.
        let mut changed = submitted("s1", "Ada");
        changed.questions[0].rating = Some(Rating::Exceptional);
        write(history.path(), "s1.ron", &changed);
        let third = run(later());
        assert_eq!((third.index.reused, third.index.read), (4, 1));
        assert_eq!(
            compute_input(&third.input, &options).excluded.tampered,
            1,
            "its new content counts: here, a changed rating breaks the seal"
        );

        // A file that changed just before it was read is read again next time too.
        write(history.path(), "s5.ron", &submitted("s5", "Ben"));
        let fresh = run(SystemTime::now());
        assert_eq!(fresh.index.read, 1);
        let again = run(SystemTime::now());
        assert_eq!(again.index.read, 1, "not settled: not trusted");

        // A removed file leaves the index.
        std::fs::remove_file(history.path().join("s0.ron")).expect("remove");
        let removed = run(later());
        assert_eq!(removed.input.scorecards.len(), 5);

        // A damaged index is set aside and rebuilt.
        for damage in ["{\"format\": 3", "not an index at all", ""] {
            std::fs::write(&index, damage).expect("damage the index");
            let rebuilt = run(later());
            assert!(rebuilt.index.ignored.is_some(), "{damage:?}");
            assert_eq!(rebuilt.index.read, 5);
            assert_eq!(rebuilt.input.scorecards.len(), 5);
            assert_eq!(run(later()).index.reused, 5, "rebuilt after {damage:?}");
        }
    }

    #[test]
    fn an_index_entry_pointing_outside_its_versions_is_not_trusted() {
        let data = tempfile::tempdir().expect("temp");
        let history = tempfile::tempdir().expect("temp");
        let index = data.path().join(health_index::INDEX_FILE);
        write(history.path(), "a.ron", &submitted("a", "Ada"));
        gather_indexed_at(Some(&index), Some(history.path()), &[], later()).finish();
        let mut stored = health_index::load(&index).expect("index").expect("present");
        for entry in &mut stored.entries {
            for answer in &mut entry.facts.answers {
                answer.version = 7;
            }
        }
        health_index::save(&index, HealthIndex::new(&stored.versions, stored.entries))
            .expect("write the edited index");
        let sources = gather_indexed_at(Some(&index), Some(history.path()), &[], later());
        assert!(sources.index.ignored.is_some());
        let report = compute_input(&sources.input, &HealthOptions::default());
        assert_eq!(
            report,
            compute(&[submitted("a", "Ada")], &HealthOptions::default())
        );
    }
}
