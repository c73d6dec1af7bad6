//! Each interviewer's Ed25519 key pair, kept in the data folder (`keys/`), and signing
//! submitted scorecards when they are saved.
//!
//! A key is made on first use for each interviewer name and stored as 64 hex digits (the
//! private seed) in `keys/<name>.key`, readable by its owner only (0600, in a 0700 folder).
//! Anyone who can read that file can sign as that interviewer: back it up like a password and
//! move it by copying the `keys` folder to the same place in the other machine's data folder.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ed25519_dalek::SigningKey;

use crate::model::panel::person_key;
use crate::model::session::Session;
use crate::model::signature::{self, SignatureCheck};

use super::atomic::write_atomic_with_mode;
use super::error::StoreError;
use super::input::read_bounded;

/// Keys read or made in this process, by file, so autosave does not read the disk each time.
static CACHE: Mutex<Option<HashMap<PathBuf, SigningKey>>> = Mutex::new(None);

/// The keys folder of the data folder whose sessions folder holds `session_file`; `None` when
/// the file is not in a `sessions` folder (an export, a test file), so nothing is signed there.
pub fn keys_dir_for_session_file(session_file: &Path) -> Option<PathBuf> {
    let sessions = session_file.parent()?;
    if sessions.file_name()? != "sessions" {
        return None;
    }
    Some(sessions.parent()?.join("keys"))
}

/// The key file of `interviewer` in `keys_dir`.
pub fn key_path(keys_dir: &Path, interviewer: &str) -> PathBuf {
    let key = person_key(interviewer);
    let stem = if key.is_empty() {
        "unnamed".to_string()
    } else {
        crate::model::names::safe_file_stem(&key)
    };
    keys_dir.join(format!("{stem}.key"))
}

/// The interviewer's key, made and saved (0600) on first use.
pub fn load_or_create(keys_dir: &Path, interviewer: &str) -> Result<SigningKey, StoreError> {
    let path = key_path(keys_dir, interviewer);
    if let Ok(mut cache) = CACHE.lock() {
        if let Some(key) = cache.get_or_insert_with(HashMap::new).get(&path) {
            return Ok(key.clone());
        }
    }
    let key = if std::fs::symlink_metadata(&path).is_ok() {
        read_key(&path)?
    } else {
        let key = generate().map_err(|message| StoreError::Serialize {
            path: path.clone(),
            message,
        })?;
        create_private_dir(keys_dir)?;
        let text = format!("{}\n", signature::hex(key.as_bytes()));
        write_atomic_with_mode(&path, text.as_bytes(), Some(0o600))
            .map_err(|err| StoreError::io(&path, err))?;
        log::info!(
            "made a signing key for {interviewer} in {} (fingerprint {})",
            path.display(),
            signature::fingerprint(&key.verifying_key())
        );
        key
    };
    if let Ok(mut cache) = CACHE.lock() {
        cache
            .get_or_insert_with(HashMap::new)
            .insert(path, key.clone());
    }
    Ok(key)
}

fn read_key(path: &Path) -> Result<SigningKey, StoreError> {
    let bytes = read_bounded(path, 1024).map_err(|source| StoreError::Input {
        path: path.to_path_buf(),
        source,
    })?;
    restrict(path);
    let seed: [u8; 32] = std::str::from_utf8(&bytes)
        .ok()
        .and_then(signature::unhex)
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| StoreError::Parse {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: "this is not a signing key (64 hex digits); restore it from your backup"
                .into(),
        })?;
    Ok(SigningKey::from_bytes(&seed))
}

/// Keeps a key file private even if it was copied in with looser permissions.
fn restrict(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path) {
            if meta.permissions().mode() & 0o077 != 0 {
                log::warn!("{} was readable by others; made it 0600", path.display());
                let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

fn create_private_dir(dir: &Path) -> Result<(), StoreError> {
    std::fs::create_dir_all(dir).map_err(|err| StoreError::io(dir, err))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .map_err(|err| StoreError::io(dir, err))?;
    }
    Ok(())
}

fn generate() -> Result<SigningKey, String> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed)
        .map_err(|err| format!("the system gave no random numbers for a key: {err}"))?;
    Ok(SigningKey::from_bytes(&seed))
}

/// Signs a submitted scorecard about to be saved in `session_file`, when it needs it: it is
/// submitted, its content is what the app sealed (the seal's hash matches), and it carries no
/// valid signature (never signed, or amended or anonymised since). Returns the signed copy, or
/// `None` when the scorecard is to be saved as it is.
pub fn sign_for_save(session_file: &Path, session: &Session) -> Option<Session> {
    if session.submitted.is_none() || session.is_tampered() {
        return None;
    }
    if matches!(signature::check(session), SignatureCheck::Valid { .. }) {
        return None;
    }
    let keys_dir = keys_dir_for_session_file(session_file)?;
    match load_or_create(&keys_dir, &session.interviewer) {
        Ok(key) => {
            let mut signed = session.clone();
            signature::sign(&mut signed, &key);
            Some(signed)
        }
        Err(err) => {
            log::error!("could not sign {}: {err}", session_file.display());
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_key_is_made_once_private_and_read_back() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let keys = dir.path().join("keys");
        let first = load_or_create(&keys, "Ann Lee").expect("made");
        let path = key_path(&keys, "ann  lee");
        let mode = std::fs::metadata(&path)
            .expect("key file")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        let dir_mode = std::fs::metadata(&keys).expect("dir").permissions().mode();
        assert_eq!(dir_mode & 0o777, 0o700);
        if let Ok(mut cache) = CACHE.lock() {
            *cache = None;
        }
        let again = load_or_create(&keys, "Ann Lee").expect("read");
        assert_eq!(first.to_bytes(), again.to_bytes());
    }

    #[test]
    fn only_files_in_a_sessions_folder_are_signed() {
        assert_eq!(
            keys_dir_for_session_file(Path::new("/data/sessions/a.ron")),
            Some(PathBuf::from("/data/keys"))
        );
        assert_eq!(keys_dir_for_session_file(Path::new("/tmp/a.ron")), None);
    }
}
