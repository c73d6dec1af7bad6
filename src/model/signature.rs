//! Signed scorecards: the canonical bytes of a whole scorecard, an Ed25519 signature over them,
//! and checking one. No file IO: keys are read and written by `store::keys`.
//!
//! What is signed is the scorecard serialised as canonical JSON (object keys sorted, no
//! whitespace) with every field but the signature block itself and two navigation fields
//! (which question was on screen, whether the clock was paused) that change no figure and no
//! decision. Fields added to `Session` later are therefore covered without anyone listing
//! them. The bytes start with [`SIGNATURE_FORMAT`], so a later change of the scheme is
//! recognised instead of misread. The signer's public key is part of the signed bytes.
//!
//! A valid signature proves the content is what the holder of that key signed. It does not
//! prove who holds the key: the panel pins the first key it sees for each interviewer (trust
//! on first use) and warns when another key signs for the same name.

pub use ed25519_dalek::SigningKey;
use ed25519_dalek::{Signature, Signer, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};

use super::session::Session;

/// Version tag at the start of the signed bytes, and in the signature block.
pub const SIGNATURE_FORMAT: &str = "interview-scorecard/scorecard-signature/v1";

/// Fields left out of the signed bytes: the block itself, and navigation state.
const UNSIGNED_FIELDS: [&str; 3] = ["signature", "current", "paused"];

/// The signature stored in a submitted scorecard.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct SignatureBlock {
    /// [`SIGNATURE_FORMAT`] when signed.
    pub format: String,
    /// The signer's Ed25519 public key, 64 hex digits.
    pub public_key: String,
    /// The Ed25519 signature over [`canonical_bytes`], 128 hex digits.
    pub signature: String,
}

/// What checking a scorecard's own signature found (before any key pinning).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignatureCheck {
    /// Not submitted: nothing is signed yet.
    NotSubmitted,
    /// Signed, and the signature matches the content; `public_key` is the signer's (hex).
    Valid { public_key: String },
    /// Submitted before scorecards were signed: only the older content hash vouches for it,
    /// and that hash matches. Anyone can recompute such a hash, so it proves little.
    UnsignedOlder,
    /// The signature does not match the content, is malformed, or a submitted scorecard has
    /// neither a signature nor a matching older seal: changed after it was signed.
    Invalid { reason: String },
}

impl SignatureCheck {
    /// True when the scorecard's content is vouched for (validly signed or an older-format
    /// scorecard whose hash matches); such scorecards count in the panel's figures.
    pub fn counts(&self) -> bool {
        matches!(
            self,
            SignatureCheck::Valid { .. } | SignatureCheck::UnsignedOlder
        )
    }

    /// A short status for a badge.
    pub fn label(&self) -> String {
        match self {
            SignatureCheck::NotSubmitted => "Not submitted".to_string(),
            SignatureCheck::Valid { public_key } => {
                format!("Signed ({})", fingerprint_hex(public_key))
            }
            SignatureCheck::UnsignedOlder => "Unsigned (older format)".to_string(),
            SignatureCheck::Invalid { .. } => "Tampered: signature does not match".to_string(),
        }
    }
}

/// The bytes a scorecard's signature covers: [`SIGNATURE_FORMAT`], a newline, the signer's
/// public key in hex, a newline, and the scorecard as canonical JSON (see the module docs).
pub fn canonical_bytes(session: &Session, public_key_hex: &str) -> Vec<u8> {
    document_bytes(SIGNATURE_FORMAT, session, &UNSIGNED_FIELDS, public_key_hex)
}

/// The bytes a signature over any signed document covers (scorecards, decision records):
/// `format`, a newline, the signer's public key in hex, a newline, and the document as
/// canonical JSON without its top-level `unsigned` fields.
///
/// Every other field is covered, including fields added later. A field added to a signed
/// document must be left out of the serialisation while it has its default value
/// (`skip_serializing_if`), or documents signed before it existed stop verifying.
pub fn document_bytes<T: Serialize>(
    format: &str,
    document: &T,
    unsigned: &[&str],
    public_key_hex: &str,
) -> Vec<u8> {
    let mut value = serde_json::to_value(document).unwrap_or(serde_json::Value::Null);
    if let serde_json::Value::Object(fields) = &mut value {
        for field in unsigned {
            fields.remove(*field);
        }
    }
    // serde_json's map is a BTreeMap (no `preserve_order`), so keys come out sorted at every
    // level: the same content gives the same bytes whatever order the file lists fields in.
    let json = serde_json::to_string(&value).unwrap_or_default();
    let mut bytes = Vec::with_capacity(format.len() + json.len() + 80);
    bytes.extend_from_slice(format.as_bytes());
    bytes.push(b'\n');
    bytes.extend_from_slice(public_key_hex.as_bytes());
    bytes.push(b'\n');
    bytes.extend_from_slice(json.as_bytes());
    bytes
}

/// Signs `bytes_for(public key hex)` with `key` and returns the block to store, tagged
/// `format`.
pub fn sign_with(
    key: &SigningKey,
    format: &str,
    bytes_for: impl FnOnce(&str) -> Vec<u8>,
) -> SignatureBlock {
    let public_key = hex(key.verifying_key().as_bytes());
    let signature = key.sign(&bytes_for(&public_key));
    SignatureBlock {
        format: format.to_string(),
        public_key,
        signature: hex(&signature.to_bytes()),
    }
}

/// Signs the whole scorecard with `key`, replacing any earlier signature (an amendment is
/// signed the same way: the new signature covers the amendments too).
pub fn sign(session: &mut Session, key: &SigningKey) {
    session.signature = None;
    let block = sign_with(key, SIGNATURE_FORMAT, |public_key| {
        canonical_bytes(session, public_key)
    });
    session.signature = Some(block);
}

/// Checks a scorecard's signature against its content.
pub fn check(session: &Session) -> SignatureCheck {
    if session.submitted.is_none() {
        // A draft carries no valid signature; a leftover block is not trusted either.
        return SignatureCheck::NotSubmitted;
    }
    let Some(block) = &session.signature else {
        return if session.is_tampered() || session.sealed_hash().is_none() {
            SignatureCheck::Invalid {
                reason: "it has no signature and its content does not match its seal".into(),
            }
        } else {
            SignatureCheck::UnsignedOlder
        };
    };
    match verify_block(session, block) {
        Ok(()) => SignatureCheck::Valid {
            public_key: block.public_key.to_ascii_lowercase(),
        },
        Err(reason) => SignatureCheck::Invalid { reason },
    }
}

fn verify_block(session: &Session, block: &SignatureBlock) -> Result<(), String> {
    verify_with(block, SIGNATURE_FORMAT, |public_key| {
        canonical_bytes(session, public_key)
    })
}

/// Checks that `block` is a `format` signature over `bytes_for(its public key)`; the error
/// says why not, worded for after "… because".
pub fn verify_with(
    block: &SignatureBlock,
    format: &str,
    bytes_for: impl FnOnce(&str) -> Vec<u8>,
) -> Result<(), String> {
    if block.format != format {
        return Err(format!(
            "its signature is in an unknown format `{}`",
            block.format
        ));
    }
    let key_bytes: [u8; 32] = unhex(&block.public_key)
        .and_then(|b| b.try_into().ok())
        .ok_or("its public key is not 64 hex digits")?;
    let key = VerifyingKey::from_bytes(&key_bytes).map_err(|_| "its public key is not valid")?;
    let signature_bytes: [u8; 64] = unhex(&block.signature)
        .and_then(|b| b.try_into().ok())
        .ok_or("its signature is not 128 hex digits")?;
    let signature = Signature::from_bytes(&signature_bytes);
    let bytes = bytes_for(&block.public_key);
    key.verify_strict(&bytes, &signature)
        .or_else(|_| key.verify(&bytes, &signature))
        .map_err(|_| "its content was changed after it was signed".to_string())
}

/// A short fingerprint of a public key for people to compare: the first 16 hex digits of its
/// SHA-256, in groups of four (`1a2b-3c4d-5e6f-7a8b`).
pub fn fingerprint_hex(public_key_hex: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(public_key_hex.to_ascii_lowercase().as_bytes());
    let digits = hex(&digest[..8]);
    digits
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// Fingerprint of a key pair's public half.
pub fn fingerprint(key: &VerifyingKey) -> String {
    fingerprint_hex(&hex(key.as_bytes()))
}

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Bytes from hex (either case); `None` for anything else.
pub fn unhex(text: &str) -> Option<Vec<u8>> {
    let text = text.trim();
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::session::{Rating, Recommendation};

    fn key(seed: u8) -> SigningKey {
        SigningKey::from_bytes(&[seed; 32])
    }

    fn submitted() -> Session {
        let mut session = Session {
            id: "s".into(),
            candidate: "Ada".into(),
            interviewer: "Ann".into(),
            recommendation: Some(Recommendation::Yes),
            ..Session::default()
        };
        session.category_weights.insert("python".into(), 1.0);
        let mut outcome = crate::model::session::QuestionOutcome::default();
        outcome.question.id = "q".into();
        outcome.question.category = "python".into();
        outcome.rating = Some(Rating::Solid);
        session.questions.push(outcome);
        let at = chrono::DateTime::parse_from_rfc3339("2026-03-02T10:00:00+01:00").expect("date");
        session.submit(at).expect("submit");
        session
    }

    #[test]
    fn a_signed_scorecard_verifies_and_any_change_is_caught() {
        let mut session = submitted();
        sign(&mut session, &key(7));
        assert!(matches!(check(&session), SignatureCheck::Valid { .. }));
        type Change = Box<dyn Fn(&mut Session)>;
        let changes: Vec<(&str, Change)> = vec![
            (
                "rating",
                Box::new(|s| s.questions[0].rating = Some(Rating::Exceptional)),
            ),
            (
                "weight",
                Box::new(|s| {
                    s.category_weights.insert("python".into(), 3.0);
                }),
            ),
            (
                "category",
                Box::new(|s| s.questions[0].question.category = "sql".into()),
            ),
            (
                "submitted.at",
                Box::new(|s| {
                    if let Some(sub) = &mut s.submitted {
                        sub.at += chrono::Duration::days(1);
                    }
                }),
            ),
            ("time", Box::new(|s| s.questions[0].time_secs = 99.0)),
            ("candidate", Box::new(|s| s.candidate = "Bob".into())),
            ("interviewer", Box::new(|s| s.interviewer = "Eve".into())),
            (
                "seal re-hashed",
                Box::new(|s| {
                    s.recommendation = Some(Recommendation::StrongYes);
                    let hash = s.content_hash();
                    if let Some(sub) = &mut s.submitted {
                        sub.content_hash = hash;
                    }
                }),
            ),
        ];
        for (what, change) in changes {
            let mut changed = session.clone();
            change(&mut changed);
            let result = check(&changed);
            assert!(
                !result.counts(),
                "{what}: changed content still verifies: {result:?}"
            );
        }
        // Without its signature it reads as an older unsigned scorecard, never as signed; the
        // panel treats it as tampered once it has pinned a key for the interviewer.
        let mut stripped = session.clone();
        stripped.signature = None;
        assert_eq!(check(&stripped), SignatureCheck::UnsignedOlder);
        // Navigation only: still valid.
        let mut moved = session.clone();
        moved.current = 3;
        moved.paused = true;
        assert!(matches!(check(&moved), SignatureCheck::Valid { .. }));
    }

    #[test]
    fn a_re_signature_with_another_key_is_valid_but_shows_another_key() {
        let mut session = submitted();
        sign(&mut session, &key(1));
        let first = check(&session);
        session.candidate = "Changed".into();
        sign(&mut session, &key(2));
        let second = check(&session);
        assert!(second.counts());
        assert_ne!(first, second, "the public key differs");
    }

    #[test]
    fn an_older_hash_sealed_scorecard_is_unsigned_not_tampered() {
        let session = submitted();
        assert_eq!(check(&session), SignatureCheck::UnsignedOlder);
        let mut edited = session.clone();
        edited.questions[0].rating = Some(Rating::Partial);
        assert!(matches!(check(&edited), SignatureCheck::Invalid { .. }));
    }

    #[test]
    fn signature_survives_a_ron_round_trip() {
        let mut session = submitted();
        session.questions[0].time_secs = 12.345_678_901;
        session.elapsed_secs = 0.1 + 0.2;
        session.category_weights.insert("sql".into(), 0.3);
        sign(&mut session, &key(9));
        let text = crate::store::ron_file::to_ron(&session).expect("ron");
        let back: Session = ron::from_str(&text).expect("parse");
        assert!(matches!(check(&back), SignatureCheck::Valid { .. }));
    }

    #[test]
    fn fingerprints_are_short_and_stable() {
        let fp = fingerprint(&key(1).verifying_key());
        assert_eq!(fp.len(), 19);
        assert_eq!(fp, fingerprint(&key(1).verifying_key()));
        assert_ne!(fp, fingerprint(&key(2).verifying_key()));
        assert_eq!(unhex("0aFf"), Some(vec![0x0a, 0xff]));
        assert_eq!(unhex("0g"), None);
    }
}
