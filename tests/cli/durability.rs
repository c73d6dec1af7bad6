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
    // Temporary files from killed writes may remain until the next start (see below); they
    // must never replace the real file.
    assert!(
        leftovers.iter().all(|name| name.starts_with('.')),
        "unexpected files: {leftovers:?}"
    );
}

/// Names of the files in `dir` that are temporary copies from a write (ours or the earlier
/// writer's).
fn temp_files(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("list")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|name| interview_scorecard::store::atomic::temp_kind(name).is_some())
        .collect()
}

#[test]
fn no_orphan_survives_the_next_start_after_200_kills() {
    use interview_scorecard::store::{AppDirs, startup};
    let dir = tempfile::tempdir().expect("temp dir");
    let dirs = AppDirs::at(dir.path());
    dirs.ensure().expect("folders");
    let path = dirs.sessions().join("soak.ron");
    let mut random = 0x2545_f491_4f6c_dd1du64;
    let mut orphans_seen = 0;
    for round in 0..200 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_scorecard"))
            .args(["soak-autosave"])
            .arg(&path)
            .env("SCORECARD_DATA_DIR", dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the writer");
        let wait_ms = 2 + next_random(&mut random) % 58;
        std::thread::sleep(Duration::from_millis(wait_ms));
        child.kill().expect("SIGKILL the writer");
        child.wait().expect("reap the writer");
        orphans_seen += temp_files(&dirs.sessions()).len();
        // Every fifth round starts the app in between, as a user restarting after a crash would.
        if round % 5 == 4 {
            startup::prepare(&dirs);
            assert_eq!(temp_files(&dirs.sessions()), Vec::<String>::new());
        }
    }
    let notices = startup::prepare(&dirs);
    assert!(
        notices.iter().all(|n| !n.error),
        "no error at start: {notices:?}"
    );
    let left = temp_files(&dirs.sessions());
    assert!(left.is_empty(), "orphans after the next start: {left:?}");
    // Whatever was recovered or kept is a whole state the writer wrote.
    let session = load_session(&path).expect("the session file parses");
    assert_eq!(session, soak_session(session.elapsed_secs as u64));
    let names: Vec<String> = std::fs::read_dir(dirs.sessions())
        .expect("list")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    assert!(
        names.iter().all(|n| n == "soak.ron" || n == "soak.lock"),
        "only the session is left: {names:?}"
    );
    eprintln!("temporary files seen right after the kills: {orphans_seen}");
}
