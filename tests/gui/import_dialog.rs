//! The Import dialog driven like a user would: type a path, preview what will be imported,
//! confirm, and find the set in the bank; asking before an existing set is replaced; broken
//! files refused with a reason; and snapshots of the preview.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use interview_scorecard::store::user_sets;
use interview_scorecard::ui::{AppState, View};

use crate::common;
use crate::editing_support::{fixture, settle, wait_until};

fn harness_in(dir: &std::path::Path, theme: egui::Theme) -> Harness<'static, AppState> {
    let mut state = common::state_in(dir, View::Bank);
    // No system dialog in tests: the typed path is the way in.
    state.bank_view.import.native_dialogs = false;
    let mut harness = common::harness(state, theme);
    harness.run();
    harness
}

/// Opens the dialog, types the fixture's path and waits for the preview.
fn preview(harness: &mut Harness<'static, AppState>, name: &str) {
    harness.get_by_label("Import…").click();
    harness.run();
    common::type_into(
        harness,
        "File to import",
        &fixture(name).display().to_string(),
    );
    harness.get_by_label("Preview").click();
    settle(harness);
    wait_until(harness, "the preview", |s| {
        s.bank_view
            .import
            .dialog
            .as_ref()
            .is_some_and(|d| !d.is_busy())
    });
}

fn confirm(harness: &mut Harness<'static, AppState>, button: &str) {
    harness.get_by_label(button).click();
    settle(harness);
    wait_until(harness, "the import to be written", |s| {
        s.bank_view
            .import
            .dialog
            .as_ref()
            .is_none_or(|d| !d.is_busy())
    });
    if let Some(dialog) = &harness.state().bank_view.import.dialog {
        panic!("not imported: {:?}", dialog.error());
    }
    settle(harness);
}

#[test]
fn preview_then_confirm_writes_the_set_and_the_bank_has_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = harness_in(dir.path(), egui::Theme::Light);
    let bank_before = harness.state().shared.bank.len();
    preview(&mut harness, "guide.md");

    let dialog = harness
        .state()
        .bank_view
        .import
        .dialog
        .as_ref()
        .expect("open");
    let shown = dialog
        .preview()
        .unwrap_or_else(|| panic!("a preview, not {:?}", dialog.error()));
    assert_eq!(shown.result.set.questions.len(), 6);
    assert_eq!(shown.result.set.categories.len(), 3);
    assert_eq!(shown.result.rubric_points(), 17);
    assert_eq!(shown.result.needs_rubric.len(), 1);
    assert_eq!(shown.result.line_of(&shown.result.needs_rubric[0]), 64);
    let target = harness
        .state()
        .shared
        .dirs
        .question_sets()
        .join("guide.ron");
    assert_eq!(shown.target, target);
    assert!(!target.exists(), "nothing is written before confirming");

    // What the user reads: totals, categories, the question needing a rubric, the warnings
    // with their lines, and the duplicate of a bundled question.
    harness.get_by_label("6 questions · 3 categories · 17 rubric points");
    harness.get_by_label("Databases");
    harness.get_by_label("3 questions · 9 points");
    harness.get_by_label("Need a rubric (1)");
    // Listed under "Need a rubric", and under "Check these" when the guide gives no level.
    assert!(
        harness
            .query_all_by_label("Tell me about a time a deploy went wrong.")
            .count()
            >= 1
    );
    assert!(harness.query_all_by_label("line 64").count() >= 1);
    harness.get_by_label("line 74");
    harness.get_by_label_contains("comes after the closing text that starts on line 70");
    assert!(
        shown.duplicates.is_empty(),
        "none of these is bundled: {:?}",
        shown.duplicates
    );
    assert!(
        harness
            .query_by_label_contains("Already in the bank")
            .is_none()
    );

    common::type_into(&mut harness, "Set title", " (2024)");
    confirm(&mut harness, "Import 6 questions");

    let set = user_sets::load_set(&target).expect("the set file was written");
    assert_eq!(set.title, "Acme Backend Interview Guide (2024)");
    assert_eq!(set.questions.len(), 6);
    let state = harness.state();
    assert!(
        state.shared.load_problems.is_empty(),
        "{:?}",
        state.shared.load_problems
    );
    assert_eq!(state.shared.bank.len(), bank_before + 6);
    for q in &set.questions {
        assert_eq!(
            state.shared.bank.get(&q.id),
            Some(q),
            "{} is in the bank",
            q.id
        );
    }
    let index = state
        .shared
        .bank
        .sets()
        .iter()
        .position(|s| s.title == set.title)
        .expect("the set is in the bank");
    assert!(state.shared.bank.sets()[index].origin.is_editable());
    assert_eq!(
        state
            .bank_view
            .filter
            .sets
            .iter()
            .copied()
            .collect::<Vec<_>>(),
        [index],
        "the facets show the new set"
    );
    assert_eq!(state.bank_view.results().hits.len(), 6);
    assert_eq!(
        state.bank_view.selected,
        state.shared.bank.index_of(&set.questions[0].id)
    );
    harness.get_by_label_contains("Acme Backend Interview Guide (2024)  (6)  · yours");
    harness.get_by_label_contains(&format!(
        "Imported 6 questions into “Acme Backend Interview Guide (2024)”, saved to {}",
        target.display()
    ));
}

#[test]
fn an_existing_set_is_replaced_only_when_asked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = harness_in(dir.path(), egui::Theme::Light);
    preview(&mut harness, "questions.csv");
    confirm(&mut harness, "Import 5 questions");
    let first = dir.path().join("question_sets/questions.ron");
    let original = user_sets::load_set(&first).expect("first import");
    let original_text = std::fs::read_to_string(&first).expect("reads");

    // The same file again: every question is now in the bank.
    preview(&mut harness, "questions.csv");
    let shown = harness
        .state()
        .bank_view
        .import
        .dialog
        .as_ref()
        .and_then(|d| d.preview())
        .expect("preview");
    assert_eq!(
        shown.duplicates.len(),
        5,
        "each question is reported as already in the bank"
    );
    harness.get_by_label("Import 5 questions").click();
    harness.run();
    harness.get_by_label_contains(
        "Your questions already have a file named questions.ron (“Questions”, 5 questions)",
    );
    assert_eq!(
        std::fs::read_to_string(&first).expect("reads"),
        original_text,
        "not touched while asking"
    );

    harness.get_by_label("Back").click();
    harness.run();
    harness.get_by_label("Import 5 questions").click();
    harness.run();
    confirm(&mut harness, "Keep both: save as questions-2.ron");
    let second = dir.path().join("question_sets/questions-2.ron");
    let kept = user_sets::load_set(&second).expect("second file written");
    assert_eq!(kept.id, "questions-2");
    assert!(
        kept.questions.iter().all(|q| q.id.ends_with("-2")),
        "renamed so both load"
    );
    assert_eq!(
        std::fs::read_to_string(&first).expect("reads"),
        original_text,
        "the first set is untouched"
    );
    assert!(
        harness.state().shared.load_problems.is_empty(),
        "{:?}",
        harness.state().shared.load_problems
    );
    assert_eq!(
        harness
            .state()
            .shared
            .bank
            .sets()
            .iter()
            .filter(|s| s.origin.is_editable())
            .count(),
        2
    );

    // Replacing keeps the ids: the questions are compared with the rest of the bank.
    std::fs::remove_file(&second).expect("remove the second copy");
    preview(&mut harness, "questions.csv");
    harness.get_by_label("Import 5 questions").click();
    harness.run();
    confirm(&mut harness, "Replace questions.ron");
    let replaced = user_sets::load_set(&first).expect("replaced");
    assert_eq!(replaced, original, "same questions under the same ids");
    assert!(
        harness.state().shared.load_problems.is_empty(),
        "{:?}",
        harness.state().shared.load_problems
    );
}

#[test]
fn broken_files_are_refused_with_a_reason_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = harness_in(dir.path(), egui::Theme::Light);
    preview(&mut harness, "binary.md");
    let dialog = harness
        .state()
        .bank_view
        .import
        .dialog
        .as_ref()
        .expect("still open");
    assert!(dialog.preview().is_none());
    harness.get_by_label_contains("binary.md:");

    common::type_into(&mut harness, "File to import", "");
    harness.get_by_label("File to import").focus();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness
        .get_by_label("File to import")
        .type_text(&fixture("no_prompt.csv").display().to_string());
    harness.run();
    harness.get_by_label("Preview").click();
    settle(&mut harness);
    wait_until(&mut harness, "the error", |s| {
        s.bank_view
            .import
            .dialog
            .as_ref()
            .is_some_and(|d| !d.is_busy())
    });
    harness.get_by_label_contains("no_prompt.csv:1:");

    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.state().bank_view.import.dialog.is_none());
    let written = std::fs::read_dir(dir.path().join("question_sets"))
        .expect("folder")
        .count();
    assert_eq!(written, 0, "nothing was imported");
}

#[test]
fn the_dialog_is_reachable_from_the_keyboard() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = harness_in(dir.path(), egui::Theme::Light);
    harness.get_by_label("Import…").click();
    harness.run();
    assert!(
        harness.get_by_label("File to import").is_focused(),
        "the path field takes the focus"
    );
    harness
        .get_by_label("File to import")
        .type_text(&fixture("levels.txt").display().to_string());
    harness.key_press(egui::Key::Enter);
    settle(&mut harness);
    wait_until(&mut harness, "the preview", |s| {
        s.bank_view
            .import
            .dialog
            .as_ref()
            .is_some_and(|d| d.preview().is_some())
    });
    harness.get_by_label("7 questions · 1 category · 15 rubric points");
}

#[test]
fn snapshots_of_the_import_preview() {
    let mut results = egui_kittest::SnapshotResults::new();
    for (theme, suffix) in [(egui::Theme::Light, "light"), (egui::Theme::Dark, "dark")] {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut harness = harness_in(dir.path(), theme);
        preview(&mut harness, "guide.md");
        harness.snapshot(format!("import_preview_{suffix}"));
        results.extend_harness(&mut harness);
    }
}

#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_file_dropped_on_the_bank_opens_its_preview() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = harness_in(dir.path(), egui::Theme::Light);
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(fixture("qa.md"))));
    harness.step();
    wait_until(&mut harness, "the preview", |s| {
        s.bank_view
            .import
            .dialog
            .as_ref()
            .is_some_and(|d| !d.is_busy())
    });
    let dialog = harness
        .state()
        .bank_view
        .import
        .dialog
        .as_ref()
        .expect("opened");
    let preview = dialog
        .preview()
        .unwrap_or_else(|| panic!("a preview, not {:?}", dialog.error()));
    assert_eq!(preview.result.set.questions.len(), 4);
    harness.get_by_label("4 questions · 1 category · 2 rubric points");
}

#[test]
fn the_preview_shows_what_was_understood_and_takes_corrections() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = harness_in(dir.path(), egui::Theme::Light);
    preview(&mut harness, "blog_index.txt");
    harness.get_by_label("Categories, as the guide's sections (1)");
    harness.get_by_label_contains("Proposed rubric points (8)");
    // The guide names no level: every question is listed for a check, with its level to set.
    harness.get_by_label("Check these (8)");
    let result = |h: &Harness<'static, AppState>| {
        h.state()
            .bank_view
            .import
            .dialog
            .as_ref()
            .and_then(|d| d.preview())
            .map(|p| p.result.clone())
            .expect("a preview")
    };
    let first = result(&harness).set.questions[0].id.clone();
    // Accept the first question's proposed points, drop the second's.
    // The lists are long: the buttons are pressed as a screen reader or the keyboard would.
    harness
        .get_all_by_label("Accept")
        .next()
        .expect("an Accept button")
        .click_accesskit();
    harness.run();
    harness
        .get_all_by_label("Drop")
        .nth(1)
        .expect("a Drop button")
        .click_accesskit();
    harness.run();
    let after = result(&harness);
    assert!(!after.proposed_rubric.contains(&first), "accepted");
    assert_eq!(after.proposed_rubric.len(), 6);
    assert_eq!(
        after.needs_rubric.len(),
        1,
        "the dropped one gets the placeholder"
    );
    // A line that is not a question is removed before anything is written.
    harness
        .get_all_by_label("Not a question: remove")
        .next()
        .expect("a remove button")
        .click_accesskit();
    harness.run();
    assert_eq!(result(&harness).set.questions.len(), 7);
    harness.get_by_label("Import 7 questions");
}
