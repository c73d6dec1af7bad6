//! Whose key signed a scorecard or a decision record, judged against the keys a panel folder
//! has pinned for each person (trust on first use, in `panel-keys.ron`).

use std::path::Path;

use crate::model::panel::person_key;
use crate::model::signature::{SignatureCheck, fingerprint_hex};

use super::input::read_bounded;

/// File in a panel folder that pins each interviewer's public key on first sight.
pub const PINNED_KEYS_FILE: &str = "panel-keys.ron";

/// What the signature of a loaded scorecard says, with the panel's pinned keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Trust {
    /// A draft: nothing is signed yet.
    NotSubmitted,
    /// Validly signed with the key pinned for this interviewer (`first_sight`: pinned now).
    Pinned {
        fingerprint: String,
        first_sight: bool,
    },
    /// Validly signed, but with another key than the one pinned for this interviewer: a new
    /// machine or a restored backup, or someone else signing under their name. Counted, with
    /// a warning.
    NewKey { fingerprint: String, pinned: String },
    /// Submitted before scorecards were signed (its older hash seal matches). Counted and
    /// marked: such a seal can be recomputed by anyone.
    UnsignedOlder,
    /// The signature does not match, or is missing although the interviewer signs: not
    /// counted.
    Tampered { reason: String },
}

impl Trust {
    /// A short status for a badge or a line of output.
    pub fn label(&self) -> String {
        match self {
            Trust::NotSubmitted => "not submitted".to_string(),
            Trust::Pinned { fingerprint, .. } => format!("signed, key {fingerprint}"),
            Trust::NewKey {
                fingerprint,
                pinned,
            } => format!(
                "signed with a NEW key {fingerprint} (pinned key for this interviewer: {pinned})"
            ),
            Trust::UnsignedOlder => "unsigned (older format)".to_string(),
            Trust::Tampered { reason } => format!("TAMPERED: {reason}; not counted"),
        }
    }

    /// True when the scorecard counts in figures.
    pub fn counts(&self) -> bool {
        !matches!(self, Trust::NotSubmitted | Trust::Tampered { .. })
    }
}

/// One interviewer's pinned key.
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct PinnedKey {
    pub interviewer: String,
    pub public_key: String,
    pub fingerprint: String,
    /// The scorecard file the key was first seen in.
    pub first_seen_in: String,
}

/// The pinned keys of a panel folder, by [`crate::model::panel::person_key`].
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(default)]
pub struct PinnedKeys {
    pub keys: std::collections::BTreeMap<String, PinnedKey>,
}

/// Reads a folder's pinned keys; a missing or unreadable file pins nothing.
pub fn read_pins(folder: &Path) -> PinnedKeys {
    let path = folder.join(PINNED_KEYS_FILE);
    read_bounded(&path, 4 * 1024 * 1024)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| match ron::from_str(&text) {
            Ok(pins) => Some(pins),
            Err(err) => {
                log::warn!("{}: {err}; no keys are pinned", path.display());
                None
            }
        })
        .unwrap_or_default()
}

/// The verdict on one signed document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Judged {
    pub trust: Trust,
    /// The signature check as the panel sees it: a signature stripped from a document of
    /// someone known to sign becomes invalid.
    pub verdict: SignatureCheck,
    /// `signer`'s key was pinned by this call (the pins need saving).
    pub pinned_now: bool,
}

/// Judges a document signed (or not) for `signer`, whose own signature check gave `check`,
/// against `pins`, pinning a valid key seen for the first time for a named signer. `file` is
/// recorded as where the key was first seen.
pub fn judge(pins: &mut PinnedKeys, signer: &str, check: SignatureCheck, file: &Path) -> Judged {
    let who = person_key(signer);
    let pinned = pins.keys.get(&who).cloned();
    let mut pinned_now = false;
    let (trust, verdict) = match check {
        SignatureCheck::NotSubmitted => (Trust::NotSubmitted, SignatureCheck::NotSubmitted),
        SignatureCheck::Invalid { reason } => (
            Trust::Tampered {
                reason: reason.clone(),
            },
            SignatureCheck::Invalid { reason },
        ),
        SignatureCheck::UnsignedOlder => match pinned {
            // Stripping the signature must not turn a signed scorecard into an "older" one
            // that counts: someone known to sign gets no unsigned documents.
            Some(pin) => {
                let reason = format!(
                    "it has no signature, but {} signs scorecards (key {})",
                    pin.interviewer, pin.fingerprint
                );
                (
                    Trust::Tampered {
                        reason: reason.clone(),
                    },
                    SignatureCheck::Invalid { reason },
                )
            }
            None => (Trust::UnsignedOlder, SignatureCheck::UnsignedOlder),
        },
        SignatureCheck::Valid { public_key } => {
            let fingerprint = fingerprint_hex(&public_key);
            let trust = match pinned {
                Some(pin) if pin.public_key.eq_ignore_ascii_case(&public_key) => Trust::Pinned {
                    fingerprint,
                    first_sight: false,
                },
                Some(pin) => Trust::NewKey {
                    fingerprint,
                    pinned: pin.fingerprint,
                },
                None if who.is_empty() => Trust::Pinned {
                    fingerprint,
                    first_sight: false,
                },
                None => {
                    pins.keys.insert(
                        who,
                        PinnedKey {
                            interviewer: signer.trim().to_string(),
                            public_key: public_key.clone(),
                            fingerprint: fingerprint.clone(),
                            first_seen_in: file
                                .file_name()
                                .map(|n| n.to_string_lossy().into_owned())
                                .unwrap_or_else(|| file.display().to_string()),
                        },
                    );
                    pinned_now = true;
                    Trust::Pinned {
                        fingerprint,
                        first_sight: true,
                    }
                }
            };
            (trust, SignatureCheck::Valid { public_key })
        }
    };
    Judged {
        trust,
        verdict,
        pinned_now,
    }
}

/// Saves a folder's pinned keys (atomically); a failure is logged, as pinning again on the
/// next load does no harm.
pub fn write_pins(folder: &Path, pins: &PinnedKeys) {
    let path = folder.join(PINNED_KEYS_FILE);
    match super::ron_file::to_ron(pins) {
        Ok(text) => {
            if let Err(err) = super::write_atomic(&path, text.as_bytes()) {
                log::warn!("could not pin keys in {}: {err}", path.display());
            }
        }
        Err(err) => log::warn!("could not pin keys in {}: {err}", path.display()),
    }
}
