//! The typed-path fallback of the save window turns what people type into the file to write.

use std::path::Path;

use interview_scorecard::ui::tasks::save_dialog::resolve_typed_path;

#[test]
fn typed_paths_resolve_against_home_folder_and_default_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("exports");
    std::fs::create_dir_all(&folder).expect("folder");
    let home = Path::new("/home/ann");
    let name = "Scorecard-Zoë-2026-03-04.pdf";
    let resolve = |typed: &str| resolve_typed_path(typed, &folder, name, Some(home));

    assert_eq!(resolve("   "), None);
    assert_eq!(resolve("~/x.pdf"), Some(home.join("x.pdf")));
    assert_eq!(
        resolve("~"),
        Some(home.join(name)),
        "the home folder itself gets the suggested name"
    );
    assert_eq!(
        resolve("out.pdf"),
        Some(folder.join("out.pdf")),
        "relative to the folder shown"
    );
    assert_eq!(
        resolve("report"),
        Some(folder.join("report.pdf")),
        "the extension is added"
    );
    assert_eq!(
        resolve("notes.txt"),
        Some(folder.join("notes.txt")),
        "a chosen extension is kept"
    );
    assert_eq!(
        resolve(&folder.display().to_string()),
        Some(folder.join(name)),
        "an existing folder"
    );
    assert_eq!(
        resolve("new/"),
        Some(folder.join("new").join(name)),
        "a trailing slash means a folder"
    );
    let absolute = dir.path().join("a.pdf");
    assert_eq!(resolve(&absolute.display().to_string()), Some(absolute));
    assert_eq!(
        resolve("~ann/x.pdf"),
        Some(folder.join("~ann/x.pdf")),
        "only ~ alone or ~/ means home"
    );
}
