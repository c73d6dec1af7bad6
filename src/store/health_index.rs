//! The question-health index: for each scorecard file read before, what question health took
//! from it, so that the next computation re-reads only the files that changed.
//!
//! One file in the data folder ([`crate::store::AppDirs::health_index`]), written with the
//! atomic writer. It is a cache, never a source of truth:
//!
//! - an entry is used only while its file's size, modification time, change time and inode
//!   are what they were when it was read; anything else and the file is read again;
//! - an entry whose file changed less than [`SETTLE_SECS`] before it was read is not trusted
//!   either (a second write within the file system's timestamp granularity would keep the
//!   same times), so such a file is read again next time;
//! - an index that cannot be read, does not parse, is from another format or extraction, or
//!   refers to versions it does not hold is ignored as a whole and rebuilt from the files.
//!
//! Signature verdicts are cached as the scorecard's own check (pin-independent); the folder's
//! pinned keys are applied afresh on every computation.

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::model::health::ScorecardFacts;
use crate::model::plan::QuestionSnapshot;
use crate::model::session::SESSION_SCHEMA_VERSION;

use super::input::read_bounded;

/// File name of the index in the data folder.
pub const INDEX_FILE: &str = "question-health-index.bin";

/// The index's name before it was stored compactly; removed when the new one is written, so
/// no stale copy of candidates' names is left behind.
pub const OLD_INDEX_FILE: &str = "question-health-index.json";

/// Tag at the start of the index; a change of layout gets a new tag.
const INDEX_FORMAT: &str = "interview-scorecard/question-health-index/v2";

/// Bumped whenever what is taken from a scorecard changes, so older entries are not reused.
const FACTS_VERSION: u32 = 1;

/// A file changed this recently before it was read may change again unseen (coarse
/// timestamps on network shares and FAT are 2 s): its entry is not reused.
pub const SETTLE_SECS: u64 = 3;

/// Largest index read back: far above 10,000 scorecards' worth (about 10 MB).
const MAX_INDEX_BYTES: u64 = 512 * 1024 * 1024;

/// What identifies a version of a file on disk without reading it.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
// A row `[size, modified, changed, inode]` in the index, one per file.
#[serde(from = "[u64; 4]", into = "[u64; 4]")]
pub struct FileStamp {
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub modified_ns: u64,
    /// Status change time (Unix), nanoseconds: it moves when a file is replaced even if the
    /// replacement carries the old modification time (as sync tools and `cp -p` do).
    pub changed_ns: u64,
    /// Inode number (Unix): a file renamed over the old one is another file.
    pub inode: u64,
}

impl From<[u64; 4]> for FileStamp {
    fn from([size, modified_ns, changed_ns, inode]: [u64; 4]) -> Self {
        FileStamp {
            size,
            modified_ns,
            changed_ns,
            inode,
        }
    }
}

impl From<FileStamp> for [u64; 4] {
    fn from(s: FileStamp) -> Self {
        [s.size, s.modified_ns, s.changed_ns, s.inode]
    }
}

impl FileStamp {
    /// The stamp of `metadata`.
    pub fn of(metadata: &std::fs::Metadata) -> FileStamp {
        let modified_ns = metadata.modified().map(nanos_since_epoch).unwrap_or(0);
        #[cfg(unix)]
        let (changed_ns, inode) = {
            use std::os::unix::fs::MetadataExt;
            let ns = u64::try_from(metadata.ctime())
                .unwrap_or(0)
                .saturating_mul(1_000_000_000)
                .saturating_add(u64::try_from(metadata.ctime_nsec()).unwrap_or(0));
            (ns, metadata.ino())
        };
        #[cfg(not(unix))]
        let (changed_ns, inode) = (0, 0);
        FileStamp {
            size: metadata.len(),
            modified_ns,
            changed_ns,
            inode,
        }
    }

    /// True when the file last changed at least [`SETTLE_SECS`] before `read_at`.
    pub fn settled_before(&self, read_at: SystemTime) -> bool {
        let latest = self.modified_ns.max(self.changed_ns);
        let margin = Duration::from_secs(SETTLE_SECS).as_nanos() as u64;
        latest.saturating_add(margin) <= nanos_since_epoch(read_at)
    }
}

fn nanos_since_epoch(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

/// What was taken from one scorecard file.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct IndexEntry {
    /// The file's path as listed (UTF-8 paths only; others are simply read every time).
    pub path: String,
    pub stamp: FileStamp,
    /// False when the file changed too shortly before it was read to trust its stamp.
    pub settled: bool,
    /// SHA-256 of the file's bytes (hex), to count byte-identical copies once.
    pub digest: String,
    /// Amendments in the scorecard, to choose between two copies of one scorecard.
    pub amendments: usize,
    /// The facts, with the standing from the scorecard's own signature check.
    pub facts: ScorecardFacts,
}

impl IndexEntry {
    /// An empty entry, left behind where an entry was taken out of a list.
    pub(crate) fn placeholder() -> IndexEntry {
        IndexEntry {
            path: String::new(),
            stamp: FileStamp::default(),
            settled: false,
            digest: String::new(),
            amendments: 0,
            facts: ScorecardFacts {
                id: String::new(),
                standing: crate::model::health::Standing::NotSubmitted,
                candidate: String::new(),
                interviewer: String::new(),
                date: None,
                recommendation: None,
                answers: Vec::new(),
                ad_hoc_answers: 0,
                skipped_answers: 0,
            },
        }
    }
}

/// The index as stored.
#[derive(Serialize, Deserialize, Debug, Default)]
pub struct HealthIndex {
    format: String,
    facts_version: u32,
    session_schema: u32,
    /// Rubric versions the entries' answers refer to, by position.
    pub versions: Vec<QuestionSnapshot>,
    pub entries: Vec<IndexEntry>,
}

impl HealthIndex {
    /// An index of `entries` over `versions`, keeping only the versions they refer to.
    pub fn new(versions: &[QuestionSnapshot], entries: Vec<IndexEntry>) -> HealthIndex {
        // Versions no entry uses any more (a file edited or removed) are dropped, so the index
        // does not grow with every change.
        let mut remap: Vec<Option<u32>> = vec![None; versions.len()];
        let mut kept = Vec::new();
        let mut entries = entries;
        for entry in &mut entries {
            for answer in &mut entry.facts.answers {
                let old = answer.version as usize;
                let Some(slot) = remap.get_mut(old) else {
                    continue;
                };
                let new = *slot.get_or_insert_with(|| {
                    kept.push(versions[old].clone());
                    (kept.len() - 1) as u32
                });
                answer.version = new;
            }
        }
        HealthIndex {
            format: INDEX_FORMAT.to_string(),
            facts_version: FACTS_VERSION,
            session_schema: SESSION_SCHEMA_VERSION,
            versions: kept,
            entries,
        }
    }
}

/// The index as written: compact binary ([postcard]) for the entries, which are nearly all of
/// it and read on every computation; the few rubric versions as JSON inside it, since their
/// optional fields are left out when empty, which only a self-describing format reads back.
#[derive(Serialize, Deserialize)]
struct StoredIndex {
    format: String,
    facts_version: u32,
    session_schema: u32,
    versions_json: String,
    entries: Vec<IndexEntry>,
}

/// Reads the index at `path`. `Err` says why it cannot be used (then the caller reads every
/// file and writes a new one); a missing index is `Ok(None)`.
pub fn load(path: &Path) -> Result<Option<HealthIndex>, String> {
    let bytes = match read_bounded(path, MAX_INDEX_BYTES) {
        Ok(bytes) => bytes,
        Err(super::input::InputError::NotFound) => return Ok(None),
        Err(err) => return Err(format!("the index could not be read: {err}")),
    };
    let stored: StoredIndex =
        postcard::from_bytes(&bytes).map_err(|err| format!("the index is damaged ({err})"))?;
    if stored.format != INDEX_FORMAT
        || stored.facts_version != FACTS_VERSION
        || stored.session_schema != SESSION_SCHEMA_VERSION
    {
        return Err("the index was written by another version of the app".into());
    }
    let versions: Vec<QuestionSnapshot> = serde_json::from_str(&stored.versions_json)
        .map_err(|err| format!("the index is damaged ({err})"))?;
    let index = HealthIndex {
        format: stored.format,
        facts_version: stored.facts_version,
        session_schema: stored.session_schema,
        versions,
        entries: stored.entries,
    };
    let versions = index.versions.len();
    let consistent = index.entries.iter().all(|e| {
        e.facts
            .answers
            .iter()
            .all(|a| (a.version as usize) < versions)
    });
    if !consistent {
        return Err("the index refers to questions it does not hold".into());
    }
    Ok(Some(index))
}

/// Writes the index atomically, readable by the owner only (it holds candidates' names), and
/// removes an index left in the older format beside it.
pub fn save(path: &Path, index: HealthIndex) -> std::io::Result<()> {
    let stored = StoredIndex {
        versions_json: serde_json::to_string(&index.versions).map_err(std::io::Error::other)?,
        format: index.format,
        facts_version: index.facts_version,
        session_schema: index.session_schema,
        entries: index.entries,
    };
    let bytes = postcard::to_stdvec(&stored).map_err(std::io::Error::other)?;
    super::atomic::write_atomic_with_mode(path, &bytes, Some(0o600))?;
    if let Some(folder) = path.parent() {
        match std::fs::remove_file(folder.join(OLD_INDEX_FILE)) {
            Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
                log::warn!("{}: {err}", folder.join(OLD_INDEX_FILE).display());
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::health::{AnswerFacts, Standing};

    fn entry(version: u32) -> IndexEntry {
        let mut entry = IndexEntry::placeholder();
        entry.path = "/h/a.ron".into();
        entry.digest = "ab".into();
        entry.settled = true;
        entry.stamp = FileStamp::from([1, 2, 3, 4]);
        entry.facts.id = "a".into();
        entry.facts.standing = Standing::Signed;
        entry.facts.date = chrono::DateTime::parse_from_rfc3339("2026-11-02T10:00:00+01:00").ok();
        entry.facts.answers.push(AnswerFacts {
            version,
            rating: Some(3),
            time_secs: 61.5,
            ticked: vec![0, 2],
            red_flags: vec![1],
        });
        entry
    }

    #[test]
    fn the_index_reads_back_what_was_written_and_replaces_the_older_file() {
        let dir = tempfile::tempdir().expect("temp");
        let path = dir.path().join(INDEX_FILE);
        std::fs::write(dir.path().join(OLD_INDEX_FILE), "{}").expect("older index");
        let version = QuestionSnapshot {
            id: "py.gil".into(),
            rubric_hash: "h1".into(),
            ..QuestionSnapshot::default()
        };
        save(
            &path,
            HealthIndex::new(std::slice::from_ref(&version), vec![entry(0)]),
        )
        .expect("saved");
        let loaded = load(&path).expect("readable").expect("present");
        assert_eq!(loaded.versions, vec![version]);
        assert_eq!(loaded.entries, vec![entry(0)]);
        assert!(!dir.path().join(OLD_INDEX_FILE).exists());
    }

    #[test]
    fn a_damaged_or_inconsistent_index_is_refused_with_a_reason() {
        let dir = tempfile::tempdir().expect("temp");
        let path = dir.path().join(INDEX_FILE);
        for damage in [&b"not an index"[..], b"", &[0xff; 64]] {
            std::fs::write(&path, damage).expect("damage");
            assert!(load(&path).is_err(), "{damage:?} is refused");
        }
        // Written by hand so that an answer points past the versions held.
        let stored = StoredIndex {
            format: INDEX_FORMAT.into(),
            facts_version: FACTS_VERSION,
            session_schema: SESSION_SCHEMA_VERSION,
            versions_json: "[]".into(),
            entries: vec![entry(7)],
        };
        std::fs::write(&path, postcard::to_stdvec(&stored).expect("bytes")).expect("write");
        assert_eq!(
            load(&path).err().as_deref(),
            Some("the index refers to questions it does not hold")
        );
        assert!(matches!(load(&dir.path().join("none")), Ok(None)));
    }
}
