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

/// The names `name` may be a conflict copy of under the naming of engines whose copies look
/// like ordinary names, shortest first: OneDrive's `STEM-COMPUTERNAME.EXT` (and
/// `STEM-COMPUTERNAME-2.EXT` for further copies) and Google Drive's `STEM (1).EXT`.
///
/// A name alone cannot tell: `ann-2026-12-01.ron` may be a copy of `ann.ron` or a file of its
/// own. So such a file is a conflict copy only when one of these originals is in the same folder
/// and holds the same document (the same scorecard, loop or decision id); the folder loaders
/// decide that (`loop_folder`, `panel_files`, `health_sources`).
pub fn possible_originals(name: &str) -> Vec<(String, &'static str)> {
    let mut found: Vec<(String, &'static str)> = Vec::new();
    // Every dot after the first character may start the extension the engine kept: OneDrive
    // and Google Drive mark before the last one (`x.decision-PC.ron`), a person may have
    // renamed before an inner one (`x (1).decision.ron`).
    for (dot, _) in name.match_indices('.').filter(|(at, _)| *at > 0) {
        let (stem, extension) = name.split_at(dot);
        if let Some(open) = stem.strip_suffix(')').and_then(|s| s.rfind(" (")) {
            let number = &stem[open + 2..stem.len() - 1];
            if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) && open > 0 {
                found.push((format!("{}{extension}", &stem[..open]), "Google Drive"));
            }
        }
        for (dash, _) in stem.match_indices('-').filter(|(at, _)| *at > 0) {
            let machine = &stem[dash + 1..];
            let is_machine_name = !machine.is_empty()
                && machine
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if is_machine_name {
                found.push((format!("{}{extension}", &stem[..dash]), "OneDrive"));
            }
        }
    }
    found.sort_by(|a, b| a.0.len().cmp(&b.0.len()).then_with(|| a.0.cmp(&b.0)));
    found.dedup_by(|a, b| a.0 == b.0);
    found
}

/// Among `paths` that hold one and the same document (the same scorecard, loop or decision
/// id), those whose name marks them as a OneDrive or Google Drive copy of another of them in
/// the same folder: `(copy, original, engine)` as indices into `paths`. Each original is the
/// shortest name that fits, so a copy of a copy points at the first file.
pub fn copies_within(paths: &[&std::path::Path]) -> Vec<(usize, usize, &'static str)> {
    let mut found = Vec::new();
    if paths.len() < 2 {
        return found;
    }
    for (copy, path) in paths.iter().enumerate() {
        let Some(name) = path.file_name().map(|n| n.to_string_lossy()) else {
            continue;
        };
        let original = possible_originals(&name)
            .into_iter()
            .find_map(|(name, by)| {
                let beside = path.with_file_name(&name);
                paths
                    .iter()
                    .position(|other| *other == beside.as_path())
                    .map(|at| (at, by))
            });
        if let Some((original, by)) = original {
            found.push((copy, original, by));
        }
    }
    found
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
        assert_eq!(
            original("ann-2026-12-01-LAPTOP-7Q2.ron"),
            None,
            "a OneDrive copy looks ordinary: only its folder can tell"
        );
        assert_eq!(base_name("ann.ron"), "ann.ron");
    }

    #[test]
    fn names_that_may_be_onedrive_or_google_drive_copies_name_their_possible_originals() {
        let names = |name: &str| -> Vec<String> {
            possible_originals(name)
                .into_iter()
                .map(|(n, _)| n)
                .collect()
        };
        assert!(names("ann-2026-12-01-LAPTOP-7Q2.ron").contains(&"ann-2026-12-01.ron".into()));
        assert!(
            names("ann-2026-12-01-LAPTOP-7Q2-2.ron").contains(&"ann-2026-12-01.ron".into()),
            "a second OneDrive copy adds -2"
        );
        assert_eq!(
            possible_originals("ann (1).ron"),
            [("ann.ron".to_string(), "Google Drive")]
        );
        assert!(names("x.decision-LAPTOP.ron").contains(&"x.decision.ron".into()));
        assert!(names("backend.loop (2).ron").contains(&"backend.loop.ron".into()));
        assert!(names("backend (2).loop.ron").contains(&"backend.loop.ron".into()));
        assert_eq!(names("ann.ron"), Vec::<String>::new());
        assert_eq!(names("-x.ron"), Vec::<String>::new(), "no stem left");
        assert_eq!(names(" (1).ron"), Vec::<String>::new(), "no stem left");
        assert_eq!(names("ann (one).ron"), Vec::<String>::new());
        assert_eq!(
            names("a-b.c-d.ron"),
            ["a-b.c.ron", "a.c-d.ron"],
            "a machine name has no dot"
        );
        let shortest = names("a-X-2.ron");
        assert_eq!(shortest.first().map(String::as_str), Some("a.ron"));
    }
}
