//! What a file's name says in a folder that a sync engine keeps in step (Syncthing, Dropbox,
//! Nextcloud/ownCloud, Resilio, OneDrive, Google Drive, a network share) or an editor touches:
//! a file still being written under a temporary name, a conflict copy of another file, or an
//! ordinary file. Only names are read here, so a listing of thousands of files stays cheap.

use super::atomic::TEMP_SUFFIX;

/// What a name says about a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameKind {
    /// Being written or downloaded under a temporary name (ours or a sync engine's): ignore it
    /// until it is complete and renamed.
    InFlight { by: &'static str },
    /// A conflict copy the sync engine made when two machines changed `original` (a file name
    /// in the same folder) at once.
    ConflictCopy { original: String, by: &'static str },
    /// Anything else.
    Regular,
}

/// Suffixes of files that are still arriving, and who writes them.
const IN_FLIGHT_SUFFIXES: [(&str, &str); 8] = [
    (TEMP_SUFFIX, "Interview Scorecard"),
    (".!sync", "Resilio Sync"),
    (".part", "a download or sync client"),
    (".partial", "a download or sync client"),
    (".crdownload", "a browser download"),
    (".download", "a browser download"),
    (".tmp", "a sync client"),
    (".swp", "an editor"),
];

/// Classifies a file name (no folder).
pub fn classify(name: &str) -> NameKind {
    if let Some(by) = in_flight(name) {
        return NameKind::InFlight { by };
    }
    match conflict_original(name) {
        Some((original, by)) => NameKind::ConflictCopy { original, by },
        None => NameKind::Regular,
    }
}

fn in_flight(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    if lower.starts_with(".syncthing.") || lower.starts_with("~syncthing~") {
        return Some("Syncthing");
    }
    // Office and LibreOffice lock files, emacs locks, editor backups.
    if lower.starts_with("~$") || lower.starts_with(".~lock.") || lower.starts_with(".#") {
        return Some("an editor");
    }
    if lower.ends_with('~') {
        return Some("an editor");
    }
    // Nextcloud/ownCloud download into `.NAME.~XXXX`; Google Drive into `.tmp.drive…`.
    if lower.starts_with(".tmp.drive") || (lower.starts_with('.') && lower.contains(".~")) {
        return Some("a sync client");
    }
    IN_FLIGHT_SUFFIXES
        .iter()
        .find(|(suffix, _)| lower.ends_with(suffix))
        .map(|(_, by)| *by)
}

/// The name a conflict copy stands beside, and the engine whose naming it follows.
fn conflict_original(name: &str) -> Option<(String, &'static str)> {
    // Syncthing: `STEM.sync-conflict-20260302-101500-ABCDEFG.EXT`.
    if let Some(at) = name.find(".sync-conflict-") {
        let rest = &name[at + 1..];
        let after = rest.find('.').map_or("", |dot| &rest[dot..]);
        return Some((format!("{}{after}", &name[..at]), "Syncthing"));
    }
    // Dropbox: `STEM (Ann's conflicted copy 2026-03-02).EXT`; Nextcloud: `STEM (conflicted
    // copy 2026-03-02 101500).EXT`; Dropbox on case-insensitive disks: `(Case Conflict)`.
    // ASCII lower-casing keeps byte offsets, so positions found in `lower` slice `name`.
    let lower = name.to_ascii_lowercase();
    if let Some(marker) = lower
        .find("conflicted copy")
        .or_else(|| lower.find("case conflict"))
    {
        let open = lower[..marker].rfind(" (")?;
        let close = marker + lower[marker..].find(')')?;
        let by = if lower[open..marker].contains('\'') || lower.contains("case conflict") {
            "Dropbox"
        } else {
            "Nextcloud or Dropbox"
        };
        return Some((format!("{}{}", &name[..open], &name[close + 1..]), by));
    }
    // ownCloud: `STEM_conflict-20260302-101500.EXT`.
    if let Some(at) = lower.find("_conflict-") {
        let rest = &name[at + "_conflict-".len()..];
        let stamp_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '-'))
            .unwrap_or(rest.len());
        if stamp_len >= 8 {
            return Some((format!("{}{}", &name[..at], &rest[stamp_len..]), "ownCloud"));
        }
    }
    None
}

/// The name a file would have without any conflict marker: itself for ordinary names.
pub fn base_name(name: &str) -> String {
    match classify(name) {
        NameKind::ConflictCopy { original, .. } => original,
        _ => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn original(name: &str) -> Option<String> {
        match classify(name) {
            NameKind::ConflictCopy { original, .. } => Some(original),
            _ => None,
        }
    }

    #[test]
    fn temporaries_of_every_engine_are_in_flight() {
        for name in [
            ".syncthing.ann.ron.tmp",
            "~syncthing~ann.ron.tmp",
            ".ann.ron~123-0-0badf00d.scorecard-tmp",
            "ann.ron.!sync",
            "ann.ron.part",
            ".ann.ron.~1a2b",
            "~$ann.ron",
            ".~lock.ann.ron#",
            "ann.ron~",
            ".tmp.drivedownload",
        ] {
            assert!(
                matches!(classify(name), NameKind::InFlight { .. }),
                "{name} is in flight"
            );
        }
        assert_eq!(classify("ann.ron"), NameKind::Regular);
        assert_eq!(classify("backend.loop.ron"), NameKind::Regular);
    }

    #[test]
    fn conflict_copies_name_their_original() {
        assert_eq!(
            original("ann.sync-conflict-20260302-101500-ABCDEFG.ron").as_deref(),
            Some("ann.ron")
        );
        assert_eq!(
            original("x.decision.sync-conflict-20260302-101500-ABCDEFG.ron").as_deref(),
            Some("x.decision.ron")
        );
        assert_eq!(
            original("notes.sync-conflict-20260302-101500-ABCDEFG").as_deref(),
            Some("notes")
        );
        assert_eq!(
            original("ann (Bob Ng's conflicted copy 2026-03-02).ron").as_deref(),
            Some("ann.ron")
        );
        assert_eq!(
            original("ann (conflicted copy 2026-03-02 101500).ron").as_deref(),
            Some("ann.ron")
        );
        assert_eq!(
            original("ann_conflict-20260302-101500.ron").as_deref(),
            Some("ann.ron")
        );
        assert_eq!(original("Zoë (notes).ron"), None);
        assert_eq!(base_name("ann.ron"), "ann.ron");
    }
}
