//! Reading a file someone handed us, safely: only regular files, never more than a stated
//! number of bytes whatever the file system says, and never blocking on a FIFO or a device.
//!
//! Every reader of user-supplied files (question sets, scorecards, plans, imports) goes
//! through [`read_bounded`], so a FIFO, `/dev/zero` or a symlink loop gets a clear error at
//! once instead of a hang or unbounded memory.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Why a file could not be read. The `Display` text is a sentence fragment for after
/// "path: ", worded for the person who gave us the path.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("no such file; check the path")]
    NotFound,
    #[error(
        "this path is a symbolic link loop (a link that leads back to itself); fix or remove the link"
    )]
    Loop,
    #[error("this is a folder, not a file")]
    Folder,
    #[error("this is {0}, not a regular file; only regular files are read")]
    NotRegular(&'static str),
    #[error("permission denied; check who may read the file")]
    PermissionDenied,
    #[error("the file is larger than {}, the most this kind of file may be", size_text(*limit))]
    TooLarge { limit: u64 },
    #[error("could not read the file: {0}")]
    Io(io::Error),
}

impl InputError {
    fn from_io(err: io::Error) -> InputError {
        if is_loop(&err) {
            return InputError::Loop;
        }
        match err.kind() {
            io::ErrorKind::NotFound => InputError::NotFound,
            io::ErrorKind::PermissionDenied => InputError::PermissionDenied,
            _ => InputError::Io(err),
        }
    }
}

/// "64 MB", or bytes for small limits.
pub fn size_text(bytes: u64) -> String {
    if bytes >= 1_000_000 {
        format!("{} MB", bytes / 1_000_000)
    } else {
        format!("{bytes} bytes")
    }
}

/// True for ELOOP ("too many levels of symbolic links").
pub fn is_loop(err: &io::Error) -> bool {
    #[cfg(unix)]
    {
        err.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = err;
        false
    }
}

fn kind_name(file_type: &std::fs::FileType) -> Option<&'static str> {
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

fn check_type(file_type: &std::fs::FileType) -> Result<(), InputError> {
    match kind_name(file_type) {
        None => Ok(()),
        Some("a folder") => Err(InputError::Folder),
        Some(kind) => Err(InputError::NotRegular(kind)),
    }
}

/// Reads at most `limit` bytes of the regular file at `path` (following symlinks).
///
/// The type is checked before opening (so a device is never opened) and again on the open
/// handle (so a file swapped in between is caught); the open does not block on a FIFO; and
/// the read stops after `limit + 1` bytes, so a file that grows, or lies about its size, is
/// refused as too large rather than read without end.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, InputError> {
    let metadata = std::fs::metadata(path).map_err(InputError::from_io)?;
    check_type(&metadata.file_type())?;
    if metadata.len() > limit {
        return Err(InputError::TooLarge { limit });
    }
    let file = open_nonblocking(path).map_err(InputError::from_io)?;
    let opened = file.metadata().map_err(InputError::from_io)?;
    check_type(&opened.file_type())?;
    let mut bytes = Vec::with_capacity(opened.len().min(limit) as usize);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(InputError::from_io)?;
    if bytes.len() as u64 > limit {
        return Err(InputError::TooLarge { limit });
    }
    Ok(bytes)
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever. It has
    // no effect on regular files. O_NOCTTY: a terminal path never becomes our terminal.
    File::options()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_regular_file_and_refuses_one_over_the_limit() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.ron");
        std::fs::write(&path, b"hello").expect("write");
        assert_eq!(read_bounded(&path, 5).expect("read"), b"hello");
        assert!(matches!(
            read_bounded(&path, 4),
            Err(InputError::TooLarge { limit: 4 })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn fifo_device_loop_folder_and_missing_are_refused_at_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("pipe.ron");
        let c_path = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).expect("path");
        // SAFETY: a valid NUL-terminated path; mkfifo only creates a file system entry.
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
        let started = std::time::Instant::now();
        assert!(matches!(
            read_bounded(&fifo, 1024),
            Err(InputError::NotRegular("a named pipe (FIFO)"))
        ));
        let zero = dir.path().join("zero.ron");
        std::os::unix::fs::symlink("/dev/zero", &zero).expect("link");
        assert!(matches!(
            read_bounded(&zero, 1024),
            Err(InputError::NotRegular("a device"))
        ));
        let a = dir.path().join("a.ron");
        let b = dir.path().join("b.ron");
        std::os::unix::fs::symlink(&b, &a).expect("link a");
        std::os::unix::fs::symlink(&a, &b).expect("link b");
        assert!(matches!(read_bounded(&a, 1024), Err(InputError::Loop)));
        assert!(matches!(
            read_bounded(dir.path(), 1024),
            Err(InputError::Folder)
        ));
        assert!(matches!(
            read_bounded(&dir.path().join("gone.ron"), 1024),
            Err(InputError::NotFound)
        ));
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
    }
}
