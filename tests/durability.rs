//! Autosave survives SIGKILL: a child process rewrites a session through the real autosaver as
//! fast as it can; we kill it at random moments and check that the file on disk always parses
//! and equals one of the states the child wrote, never a torn or empty file.

use std::process::{Command, Stdio};
use std::time::Duration;

use interview_scorecard::cli::soak_session;
use interview_scorecard::store::sessions::load_session;

/// Small deterministic generator, so a failure can be replayed.
fn next_random(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
fn killed_writer_never_leaves_a_torn_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("session.ron");
    let mut random = 0x9e37_79b9_7f4a_7c15u64;
    let mut checked = 0;
    for round in 0..100 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_scorecard"))
            .args(["soak-autosave"])
            .arg(&path)
            .env("SCORECARD_DATA_DIR", dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the writer");
        // Kill somewhere between 2 and 60 ms after start: before, during and after writes.
        let wait_ms = 2 + next_random(&mut random) % 58;
        std::thread::sleep(Duration::from_millis(wait_ms));
        child.kill().expect("SIGKILL the writer");
        child.wait().expect("reap the writer");
        if !path.exists() {
            // Killed before its first write completed: nothing on disk is fine, a torn file is not.
            continue;
        }
        let session = load_session(&path)
            .unwrap_or_else(|err| panic!("round {round}: file does not parse: {err}"));
        let n = session.elapsed_secs as u64;
        assert_eq!(
            session,
            soak_session(n),
            "round {round}: file is not exactly state {n}"
        );
        checked += 1;
    }
    assert!(
        checked >= 50,
        "only {checked} of 100 rounds got as far as writing a file"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|name| name != "session.ron" && name != "session.lock")
        .collect();
    // Temporary files from killed writes may remain; they must never replace the real file.
    assert!(
        leftovers.iter().all(|name| name.starts_with('.')),
        "unexpected files: {leftovers:?}"
    );
}
