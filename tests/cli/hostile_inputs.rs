//! Inputs that are not regular files: a FIFO, `/dev/zero`, a symlink loop and a folder whose
//! `.ron` entries are such things. Each gets a clear error, quickly, and a non-zero exit; none
//! hangs or reads without end.
#![cfg(unix)]

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Runs the binary and kills it if it takes longer than `limit`: a hang fails the test rather
/// than the whole run.
fn run_within(args: &[&str], data: &Path, limit: Duration) -> (Output, Duration) {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_scorecard"))
        .args(args)
        .env("SCORECARD_DATA_DIR", data)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start scorecard");
    loop {
        if child.try_wait().expect("poll").is_some() {
            break;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let output = child.wait_with_output().expect("reap");
            panic!(
                "scorecard {args:?} still running after {limit:?}: {}",
                String::from_utf8_lossy(&output.stdout)
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let elapsed = started.elapsed();
    (child.wait_with_output().expect("collect output"), elapsed)
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("run mkfifo");
    assert!(status.success(), "mkfifo failed");
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

// The binary starts up (bundled bank parse) in well under a second in release, but a debug
// build on a loaded 2-core machine is slower; the measured time of the read itself is what the
// unit test in store::input checks against one second.
const LIMIT: Duration = Duration::from_secs(10);

#[test]
fn validate_refuses_a_fifo_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("set.ron");
    mkfifo(&fifo);
    let (output, _) = run_within(
        &["validate", fifo.to_str().expect("utf-8 path")],
        dir.path(),
        LIMIT,
    );
    let all = text(&output);
    assert_eq!(output.status.code(), Some(1), "{all}");
    assert!(all.contains("named pipe (FIFO)"), "{all}");
    assert!(all.contains("not a regular file"), "{all}");
}

#[test]
fn validate_refuses_a_link_to_dev_zero_without_reading_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let link = dir.path().join("zero.ron");
    std::os::unix::fs::symlink("/dev/zero", &link).expect("link");
    let (output, _) = run_within(
        &["validate", link.to_str().expect("utf-8 path")],
        dir.path(),
        LIMIT,
    );
    let all = text(&output);
    assert_eq!(output.status.code(), Some(1), "{all}");
    assert!(all.contains("a device, not a regular file"), "{all}");
}

#[test]
fn validate_reports_a_symlink_loop_as_a_loop() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = dir.path().join("a.ron");
    let b = dir.path().join("b.ron");
    std::os::unix::fs::symlink(&b, &a).expect("link a");
    std::os::unix::fs::symlink(&a, &b).expect("link b");
    let (output, _) = run_within(
        &["validate", a.to_str().expect("utf-8 path")],
        dir.path(),
        LIMIT,
    );
    let all = text(&output);
    assert_eq!(output.status.code(), Some(1), "{all}");
    assert!(all.contains("symbolic link loop"), "{all}");
    assert!(!all.contains("no such file"), "{all}");
}

#[test]
fn validate_of_a_folder_of_unreadable_entries_fails() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sets = dir.path().join("sets");
    std::fs::create_dir(&sets).expect("folder");
    mkfifo(&sets.join("pipe.ron"));
    std::os::unix::fs::symlink("/dev/zero", sets.join("zero.ron")).expect("link");
    std::os::unix::fs::symlink(sets.join("loop.ron"), sets.join("loop.ron")).expect("self link");
    let (output, _) = run_within(
        &["validate", sets.to_str().expect("utf-8 path")],
        dir.path(),
        LIMIT,
    );
    let all = text(&output);
    assert_eq!(output.status.code(), Some(1), "{all}");
    assert!(!all.contains("ok:"), "{all}");
    for expected in [
        "pipe.ron: this is a named pipe (FIFO)",
        "zero.ron: this is a device",
        "loop.ron: this path is a symbolic link loop",
    ] {
        assert!(all.contains(expected), "missing {expected:?} in:\n{all}");
    }
    assert!(all.contains("3 errors"), "{all}");
}

#[test]
fn import_dry_run_refuses_a_fifo_and_dev_zero() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("guide.md");
    mkfifo(&fifo);
    let (output, _) = run_within(
        &["import", "--dry-run", fifo.to_str().expect("utf-8 path")],
        dir.path(),
        LIMIT,
    );
    let all = text(&output);
    assert_ne!(output.status.code(), Some(0), "{all}");
    assert!(all.contains("named pipe (FIFO)"), "{all}");
    let (output, _) = run_within(&["import", "--dry-run", "/dev/zero"], dir.path(), LIMIT);
    let all = text(&output);
    assert_ne!(output.status.code(), Some(0), "{all}");
    assert!(all.contains("a device"), "{all}");
}

#[test]
fn compare_lists_a_fifo_in_the_panel_folder_with_its_reason() {
    let dir = tempfile::tempdir().expect("temp dir");
    let panel = dir.path().join("panel");
    std::fs::create_dir(&panel).expect("folder");
    mkfifo(&panel.join("ann.ron"));
    let (output, _) = run_within(
        &["compare", panel.to_str().expect("utf-8 path")],
        dir.path(),
        LIMIT,
    );
    let all = text(&output);
    assert_eq!(output.status.code(), Some(1), "{all}");
    assert!(
        all.contains("ann.ron: could not be read: this is a named pipe"),
        "{all}"
    );
}
