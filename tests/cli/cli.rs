//! The built binary's command line, run as a user would run it.

use std::path::Path;
use std::process::Command;

fn scorecard() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_scorecard"));
    // Keep the user's real data folder out of the tests.
    let data = std::env::temp_dir().join(format!("scorecard-cli-test-{}", std::process::id()));
    command.env("SCORECARD_DATA_DIR", data);
    command
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sets")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn validate_broken_file_lists_every_error_and_exits_1() {
    let output = scorecard()
        .args(["validate", &fixture("broken.ron")])
        .output()
        .expect("run scorecard");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    for line in [
        "broken.ron:19:",
        "broken.ron:27:",
        "broken.ron:31:",
        "broken.ron:42:",
    ] {
        assert!(stdout.contains(line), "missing {line} in:\n{stdout}");
    }
    assert!(stdout.contains("4 errors"), "{stdout}");
}

#[test]
fn validate_syntax_error_names_file_line_and_column() {
    let output = scorecard()
        .args(["validate", &fixture("syntax_error.ron")])
        .output()
        .expect("run scorecard");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1));
    let first = stdout.lines().next().unwrap_or_default();
    assert!(first.contains("syntax_error.ron:13:"), "{stdout}");
}

#[test]
fn validate_good_file_exits_0() {
    let output = scorecard()
        .args(["validate", &fixture("good.ron")])
        .output()
        .expect("run scorecard");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("ok: 1 questions"), "{stdout}");
}

#[test]
fn bundled_bank_validates() {
    let output = scorecard().arg("validate").output().expect("run scorecard");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
}

#[test]
fn bank_prints_counts_per_set() {
    let output = scorecard().arg("bank").output().expect("run scorecard");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success());
    assert!(stdout.contains("Python core (python)"), "{stdout}");
    assert!(stdout.contains("total:"), "{stdout}");
}

#[test]
fn version_and_help_work() {
    let version = scorecard()
        .arg("--version")
        .output()
        .expect("run scorecard");
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("scorecard "));
    let help = scorecard().arg("--help").output().expect("run scorecard");
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(text.contains("validate") && text.contains("bank"), "{text}");
}

#[test]
fn search_prints_the_best_matches_and_exits_1_when_nothing_matches() {
    let output = scorecard()
        .args(["search", "decrator", "--limit", "2"])
        .output()
        .expect("run scorecard");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "two questions and a count:\n{stdout}");
    assert!(
        lines[..2]
            .iter()
            .all(|l| l.to_lowercase().contains("decorator")),
        "a typo still finds decorators:\n{stdout}"
    );
    assert!(lines[2].starts_with("2 of "), "{stdout}");

    let output = scorecard()
        .args(["search", "zzqxv"])
        .output()
        .expect("run scorecard");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("0 of 0 matching questions"), "{stdout}");

    let output = scorecard()
        .args(["search", "?!"])
        .output()
        .expect("run scorecard");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("nothing to search for"), "{stderr}");
}
