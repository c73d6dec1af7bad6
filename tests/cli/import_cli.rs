//! `scorecard import` run as a user would run it: the built binary, a private data folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
        .display()
        .to_string()
}

fn scorecard(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scorecard"))
        .env("SCORECARD_DATA_DIR", data)
        .args(args)
        .output()
        .expect("run scorecard")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).to_string()
}

fn sets_dir(data: &Path) -> PathBuf {
    data.join("question_sets")
}

#[test]
fn import_guide_writes_a_set_the_bank_loads() {
    let data = tempfile::tempdir().expect("temp dir");
    let guide = fixture("guide.md");
    let output = scorecard(data.path(), &["import", &guide]);
    let stdout = text(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{stdout}\n{}",
        text(&output.stderr)
    );
    assert!(
        stdout.contains("6 questions, 3 categories, 17 rubric points"),
        "{stdout}"
    );
    assert!(stdout.contains("Python fundamentals"), "{stdout}");
    assert!(
        stdout.contains("Levels: Entry 2, Intermediate 4, Advanced 0, Expert 0"),
        "{stdout}"
    );
    assert!(
        stdout.contains("1 question without a rubric got the point"),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "{guide}:64: \"Tell me about a time a deploy went wrong.\""
        )),
        "{stdout}"
    );
    assert!(stdout.contains("2 warnings:"), "{stdout}");
    assert!(
        stdout.contains(&format!("{guide}:74: this looks like interview content")),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("{guide}: 1 question gives no level")),
        "{stdout}"
    );

    let written = sets_dir(data.path()).join("guide.ron");
    assert!(written.is_file(), "{stdout}");
    assert!(
        stdout.contains(&format!("Wrote {}", written.display())),
        "{stdout}"
    );

    // The written file validates, and the bank lists it with the other sets.
    let validate = scorecard(data.path(), &["validate", &written.display().to_string()]);
    assert_eq!(
        validate.status.code(),
        Some(0),
        "{}",
        text(&validate.stdout)
    );
    assert!(
        text(&validate.stdout).contains("ok: 6 questions"),
        "{}",
        text(&validate.stdout)
    );
    let bank = scorecard(data.path(), &["bank"]);
    let bank_out = text(&bank.stdout);
    assert!(
        bank_out.contains("Acme Backend Interview Guide (guide): 6 questions"),
        "{bank_out}"
    );
    assert!(!bank_out.contains("problems while loading"), "{bank_out}");
}

#[test]
fn existing_set_is_kept_unless_forced() {
    let data = tempfile::tempdir().expect("temp dir");
    let levels = fixture("levels.txt");
    assert_eq!(
        scorecard(data.path(), &["import", &levels]).status.code(),
        Some(0)
    );
    let written = sets_dir(data.path()).join("levels.ron");
    let before = std::fs::read_to_string(&written).expect("written");

    let again = scorecard(data.path(), &["import", &levels, "--title", "Changed"]);
    assert_eq!(again.status.code(), Some(1));
    let stderr = text(&again.stderr);
    assert!(
        stderr.contains("already exists; nothing was written"),
        "{stderr}"
    );
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&written).expect("still there"),
        before
    );

    let forced = scorecard(
        data.path(),
        &["import", &levels, "--title", "Changed", "--force"],
    );
    let stdout = text(&forced.stdout);
    assert_eq!(
        forced.status.code(),
        Some(0),
        "{stdout}{}",
        text(&forced.stderr)
    );
    assert!(stdout.contains("Replaced (--force)"), "{stdout}");
    // Replacing a set does not report its own questions as duplicates.
    assert!(!stdout.contains("already in the bank"), "{stdout}");
    assert!(
        std::fs::read_to_string(&written)
            .expect("replaced")
            .contains("title: \"Changed\"")
    );
}

#[test]
fn second_import_under_another_id_reports_duplicates() {
    let data = tempfile::tempdir().expect("temp dir");
    let levels = fixture("levels.txt");
    assert_eq!(
        scorecard(data.path(), &["import", &levels]).status.code(),
        Some(0)
    );
    let output = scorecard(data.path(), &["import", &levels, "--set-id", "JS copy"]);
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert_eq!(stdout.matches("already in the bank").count(), 7, "{stdout}");
    assert!(
        stdout.contains(&format!(
            "{levels}:6: the same question is already in the bank"
        )),
        "{stdout}"
    );
    assert!(sets_dir(data.path()).join("js-copy.ron").is_file());
    // Both sets load side by side: the copies were renamed.
    let bank = scorecard(data.path(), &["bank"]);
    assert!(
        !text(&bank.stdout).contains("problems while loading"),
        "{}",
        text(&bank.stdout)
    );
}

#[test]
fn csv_to_chosen_file_with_id_and_title() {
    let data = tempfile::tempdir().expect("temp dir");
    let out = data.path().join("elsewhere/team.ron");
    let csv = fixture("questions.csv");
    let output = scorecard(
        data.path(),
        &[
            "import",
            &csv,
            "-o",
            &out.display().to_string(),
            "--set-id",
            "team-csv",
            "--title",
            "Team sheet",
        ],
    );
    let stdout = text(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{stdout}{}",
        text(&output.stderr)
    );
    assert!(
        stdout.contains("(CSV): 5 questions, 3 categories, 11 rubric points"),
        "{stdout}"
    );
    for line in [6, 7, 8] {
        assert!(
            stdout.contains(&format!("{csv}:{line}: ")),
            "missing line {line} in {stdout}"
        );
    }
    let written = std::fs::read_to_string(&out).expect("written to -o");
    assert!(written.contains("id: \"team-csv\""), "{written}");
    assert!(written.contains("title: \"Team sheet\""), "{written}");
    assert!(
        !sets_dir(data.path()).exists(),
        "nothing written to the data folder"
    );
}

#[test]
fn format_flag_overrides_the_extension_and_dry_run_writes_nothing() {
    let data = tempfile::tempdir().expect("temp dir");
    let copy = data.path().join("sheet.txt");
    std::fs::copy(fixture("questions.csv"), &copy).expect("copy");
    let output = scorecard(
        data.path(),
        &[
            "import",
            &copy.display().to_string(),
            "--format",
            "csv",
            "--dry-run",
        ],
    );
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("5 questions"), "{stdout}");
    assert!(stdout.contains("Dry run: nothing was written"), "{stdout}");
    assert!(!sets_dir(data.path()).exists());

    let bad = scorecard(
        data.path(),
        &["import", &copy.display().to_string(), "--format", "pdf"],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        text(&bad.stderr).contains("unknown format \"pdf\""),
        "{}",
        text(&bad.stderr)
    );
}

#[test]
fn broken_inputs_exit_1_with_a_reason() {
    let data = tempfile::tempdir().expect("temp dir");
    let no_prompt = fixture("no_prompt.csv");
    let cases = [
        (fixture("binary.md"), "binary data".to_string()),
        (fixture("empty.md"), "the file is empty".to_string()),
        (fixture("guide.docx"), "Word".to_string()),
        (
            no_prompt.clone(),
            format!("{no_prompt}:1: the header row has no `prompt` column"),
        ),
        (fixture("does-not-exist.md"), "no such file".to_string()),
    ];
    for (path, expected) in cases {
        let output = scorecard(data.path(), &["import", &path]);
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{path}: {stderr}");
        assert!(
            stderr.contains(&expected),
            "{path}: expected {expected:?} in {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    assert!(!sets_dir(data.path()).exists());
}
