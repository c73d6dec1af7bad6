//! `scorecard compare` run as a user would run it, on a panel's folder.

use std::path::Path;

use crate::panel_support::{ADA, ANN, panel, reject_fixtures, write_panel};

use crate::run::{scorecard, text};

#[test]
fn compare_folder_prints_markdown_with_aggregate_and_ranking() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("panel");
    write_panel(&folder, &panel(None));
    let output = scorecard(
        &["compare", "--show-all", &folder.display().to_string()],
        dir.path(),
    );
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr
            .lines()
            .all(|l| l.starts_with("note: 6 scorecards are unsigned")),
        "{stderr}"
    );
    assert!(
        stdout.starts_with(
            "# Panel comparison\n\n2 candidates, 6 scorecards (6 submitted and counted)."
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("## Ada Park (Backend engineer)"),
        "{stdout}"
    );
    // Ada: Python (3.5 + 3 + 4)/3 = 3.5 (×2), design (3 + 1.5 + 3)/3 = 2.5 (×1.5),
    // behavioural (3.5 + 3 + 4)/3 = 3.5 → (7 + 3.75 + 3.5)/4.5 = 3.1667; Yes from Ann and Cleo.
    assert!(
        stdout.contains("**Mechanical aggregate:** weighted score 3.17 · Yes or Strong Yes 67% (3 of 3 scorecards counted)"),
        "{stdout}"
    );
    // Bob rated sd.cache 1 where Ann and Cleo gave 3.
    assert!(
        stdout.contains("| sd.cache: Design a cache in front of a slow product-catalogue API. | 3 · 4/5 pts | 1 · 2/5 pts | 3 · 4/5 pts | ⚠ 2 |"),
        "{stdout}"
    );
    // Ben: (2 × 2 + 1.5 × 2.5 + 8.5/3)/4.5 = 2.3519.
    assert!(stdout.contains("| 1 | Ada Park | 3.17 | 67% |"), "{stdout}");
    assert!(stdout.contains("| 2 | Ben Ortiz | 2.35 | 0% |"), "{stdout}");
    assert!(stdout.contains("## Calibration"), "{stdout}");
}

#[test]
fn compare_reports_rejected_files_with_reasons_and_still_compares() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("panel");
    let paths = write_panel(&folder, &panel(None));
    let copy = folder.join("copy-of-ann.ron");
    std::fs::copy(&paths[0], &copy).expect("copy");
    let fixtures = reject_fixtures();
    let output = scorecard(
        &[
            "compare",
            "--show-all",
            &folder.display().to_string(),
            &fixtures.display().to_string(),
        ],
        dir.path(),
    );
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    for expected in [
        "copy-of-ann.ron: an identical copy of",
        "damaged.ron: damaged or not valid: line",
        "from-newer-app.ron: written by a newer version of Interview Scorecard (format 9",
        "backend-plan.ron: not a scorecard: it is an interview plan",
    ] {
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with("skipped ") && l.contains(expected)),
            "missing {expected:?} in:\n{stderr}"
        );
    }
    assert!(stdout.contains("6 scorecards"), "{stdout}");
}

#[test]
fn compare_with_nothing_loadable_exits_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fixtures = reject_fixtures();
    let output = scorecard(
        &[
            "compare",
            &fixtures.join("damaged.ron").display().to_string(),
        ],
        dir.path(),
    );
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("damaged.ron: damaged or not valid"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: no scorecard could be loaded"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn compare_csv_to_file_writes_one_row_per_interviewer_per_question() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("panel");
    let paths = write_panel(&folder, &panel(None));
    let out = dir.path().join("out/comparison.csv");
    let mut args = vec![
        "compare".to_string(),
        "--show-all".into(),
        "--format".into(),
        "csv".into(),
        "-o".into(),
        out.display().to_string(),
    ];
    args.extend(paths.iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = scorecard(&args, dir.path());
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("Wrote ") && stderr.contains("6 scorecards for 2 candidates"),
        "{stderr}"
    );
    let written = std::fs::read_to_string(&out).expect("csv written");
    let mut reader = csv::Reader::from_reader(written.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("rows");
    assert_eq!(
        rows.len(),
        36,
        "2 candidates × 3 interviewers × 6 questions"
    );
    let ann_gil = rows
        .iter()
        .find(|r| &r[0] == ADA && &r[3] == ANN && &r[8] == "py.gil")
        .expect("Ann's py.gil row");
    assert_eq!(&ann_gil[11], "3");
    assert_eq!(&ann_gil[7], "2", "the plan's Python weight");
}

/// The panel saved as the app saves submitted scorecards: in a data folder's `sessions`
/// folder, so each is signed with its interviewer's key (made in `data/keys`).
fn signed_panel(dir: &Path) -> (std::path::PathBuf, Vec<std::path::PathBuf>) {
    let folder = dir.join("data/sessions");
    let paths = write_panel(&folder, &panel(None));
    for path in &paths {
        let session = interview_scorecard::store::sessions::load_session(path).expect("load");
        assert!(session.signature.is_some(), "{} is signed", path.display());
    }
    (folder, paths)
}

fn compare_all(folder: &Path, data: &Path) -> (String, String) {
    let output = scorecard(
        &["compare", "--show-all", &folder.display().to_string()],
        data,
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    (text(&output.stdout), text(&output.stderr))
}

fn edit_file(path: &Path, edit: impl Fn(&mut interview_scorecard::model::Session)) {
    use interview_scorecard::store::ron_file;
    let mut session = interview_scorecard::store::sessions::load_session(path).expect("load");
    edit(&mut session);
    // A forger recomputes the older content hash, as the probe did.
    let hash = session.content_hash();
    if let Some(submission) = &mut session.submitted {
        submission.content_hash = hash;
    }
    let text = ron_file::to_ron(&session).expect("ron");
    std::fs::write(path, text).expect("write forged file");
}

#[test]
fn signed_scorecards_are_pinned_and_every_forged_edit_is_flagged_and_not_counted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (folder, paths) = signed_panel(dir.path());
    let (clean, stderr) = compare_all(&folder, dir.path());
    assert!(
        stderr.contains("note: pinned the key of Ann Lee"),
        "{stderr}"
    );
    assert!(!stderr.contains("warning"), "{stderr}");
    assert!(
        folder.join("panel-keys.ron").exists(),
        "keys pinned in the folder"
    );
    assert!(
        clean.contains("6 scorecards (6 submitted and counted)"),
        "{clean}"
    );
    type Edit = Box<dyn Fn(&mut interview_scorecard::model::Session)>;
    let edits: Vec<(&str, Edit)> = vec![
        (
            "a rating",
            Box::new(|s| s.questions[0].rating = interview_scorecard::model::Rating::from_value(4)),
        ),
        (
            "a category weight",
            Box::new(|s| {
                s.category_weights.insert("python".into(), 9.0);
            }),
        ),
        (
            "a question's category",
            Box::new(|s| s.questions[0].question.category = "behavioural".into()),
        ),
        (
            "submitted.at",
            Box::new(|s| {
                if let Some(sub) = &mut s.submitted {
                    sub.at -= chrono::Duration::days(3);
                }
            }),
        ),
        (
            "the candidate",
            Box::new(|s| s.candidate = "Ben Ortiz".into()),
        ),
        ("the signature removed", Box::new(|s| s.signature = None)),
    ];
    for (what, edit) in edits {
        let original = std::fs::read(&paths[0]).expect("read");
        edit_file(&paths[0], edit);
        let (stdout, stderr) = compare_all(&folder, dir.path());
        assert!(
            stderr.contains("warning:") && stderr.contains("TAMPERED"),
            "{what}: not flagged:\n{stderr}"
        );
        assert!(
            stdout.contains("6 scorecards (5 submitted and counted)"),
            "{what}: still counted:\n{stdout}"
        );
        std::fs::write(&paths[0], original).expect("restore");
    }
}

#[test]
fn a_scorecard_signed_with_another_key_warns_of_a_new_key() {
    use interview_scorecard::model::signature::{SigningKey, sign};
    let dir = tempfile::tempdir().expect("temp dir");
    let (folder, paths) = signed_panel(dir.path());
    compare_all(&folder, dir.path());
    let mut session = interview_scorecard::store::sessions::load_session(&paths[0]).expect("load");
    sign(&mut session, &SigningKey::from_bytes(&[42; 32]));
    let text = interview_scorecard::store::ron_file::to_ron(&session).expect("ron");
    std::fs::write(&paths[0], text).expect("write");
    let (stdout, stderr) = compare_all(&folder, dir.path());
    assert!(stderr.contains("signed with a NEW key"), "{stderr}");
    assert!(
        stdout.contains("6 scorecards (6 submitted and counted)"),
        "a new key warns but counts:\n{stdout}"
    );
}

#[test]
fn compare_hides_other_interviewers_until_your_own_is_submitted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("panel");
    // Ann has not submitted for Ada yet; she has for Ben.
    write_panel(&folder, &panel(Some((ADA, ANN))));
    let folder_arg = folder.display().to_string();
    let nobody = scorecard(&["compare", &folder_arg], dir.path());
    assert_eq!(nobody.status.code(), Some(1));
    assert!(
        text(&nobody.stderr).contains("hidden until you submit your own"),
        "{}",
        text(&nobody.stderr)
    );
    let ann = scorecard(&["compare", "--as", ANN, &folder_arg], dir.path());
    let (stdout, stderr) = (text(&ann.stdout), text(&ann.stderr));
    assert_eq!(ann.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("note: 2 scorecards by other interviewers hidden"),
        "{stderr}"
    );
    // Ada's section shows Ann's own draft only; Ben's shows all three.
    assert!(stdout.contains("4 scorecards"), "{stdout}");
    assert!(
        !stdout.contains("Bob Stone")
            || stdout
                .split("## Ben Ortiz")
                .next()
                .is_some_and(|ada| !ada.contains("Bob Stone")),
        "{stdout}"
    );
    let all = scorecard(&["compare", "--show-all", &folder_arg], dir.path());
    assert!(text(&all.stdout).contains("6 scorecards"));
}
