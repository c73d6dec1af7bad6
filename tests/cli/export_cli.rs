//! `scorecard export`, run as a user would run it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn scorecard(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_scorecard"));
    command
        .current_dir(dir)
        .env("SCORECARD_DATA_DIR", dir.join("data"));
    command
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scorecards/hostile.ron")
}

fn run(dir: &Path, args: &[&str]) -> Output {
    scorecard(dir)
        .arg("export")
        .args(args)
        .output()
        .expect("run scorecard")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn text_formats_go_to_standard_output() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fixture = fixture();
    let fixture = fixture.to_str().expect("utf-8 path");
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    for (format, golden_name) in [
        ("md", "hostile.md"),
        ("html", "hostile.html"),
        ("csv", "hostile.csv"),
        ("json", "hostile.json"),
    ] {
        let output = run(dir.path(), &[fixture, "--format", format]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{format}: {}",
            text(&output.stderr)
        );
        let expected = std::fs::read(golden.join(golden_name)).expect("golden file");
        assert_eq!(
            output.stdout, expected,
            "{format} on stdout differs from {golden_name}"
        );
    }
}

#[test]
fn output_file_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("out/card.json");
    let output = run(
        dir.path(),
        &[
            fixture().to_str().expect("path"),
            "--format",
            "json",
            "-o",
            target.to_str().expect("path"),
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(output.stdout.is_empty());
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&target).expect("written")).expect("valid JSON");
    assert_eq!(json["candidate"], "Zoë Ødegård");
    assert!(text(&output.stderr).contains("card.json"));
}

#[test]
fn pdf_without_output_uses_the_default_name_in_the_current_folder_and_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = run(
        dir.path(),
        &[fixture().to_str().expect("path"), "--format", "pdf"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(
        output.stdout.is_empty(),
        "a PDF must not be printed to the terminal"
    );
    let name = "Scorecard-Zoë-Ødegård-2026-11-21.pdf";
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains(name) && stderr.contains("-o FILE"),
        "{stderr}"
    );
    let pdf = std::fs::read(dir.path().join(name)).expect("pdf written under its default name");
    assert!(pdf.starts_with(b"%PDF-"));
}

#[test]
fn missing_file_exits_1_and_names_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = run(dir.path(), &["no-such-scorecard.ron", "--format", "md"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("no-such-scorecard.ron"), "{stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn corrupt_file_exits_1_and_names_file_and_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("broken.ron");
    std::fs::write(
        &path,
        "Session(\n  candidate: \"A\",\n  questions: [oops],\n)",
    )
    .expect("write");
    let output = run(
        dir.path(),
        &[path.to_str().expect("path"), "--format", "html"],
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("broken.ron:3:"), "{stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn unknown_format_is_refused_by_the_parser() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = run(
        dir.path(),
        &[fixture().to_str().expect("path"), "--format", "docx"],
    );
    assert_ne!(output.status.code(), Some(0));
    assert!(text(&output.stderr).contains("docx"));
}

fn five_of_nine() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/five-of-nine.ron")
}

#[test]
fn summary_goes_to_standard_output_and_matches_its_golden() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = run(
        dir.path(),
        &[
            five_of_nine().to_str().expect("path"),
            "--format",
            "summary",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let golden =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/five-of-nine.summary.txt");
    assert_eq!(
        text(&output.stdout),
        text(&std::fs::read(golden).expect("golden summary"))
    );
}

#[test]
fn all_questions_shows_the_unasked_ones_in_full() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fixture = five_of_nine();
    let fixture = fixture.to_str().expect("path");
    let default = run(dir.path(), &[fixture, "--format", "md"]);
    let all = run(dir.path(), &[fixture, "--format", "md", "--all-questions"]);
    assert_eq!(all.status.code(), Some(0), "{}", text(&all.stderr));
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    assert_eq!(
        default.stdout,
        std::fs::read(golden.join("five-of-nine.md")).expect("golden")
    );
    assert_eq!(
        all.stdout,
        std::fs::read(golden.join("five-of-nine-all.md")).expect("golden")
    );
}
