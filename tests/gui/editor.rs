//! The question editor driven through its accessible labels: edit and save, validation as you
//! type, new, duplicate, reorder, delete and undo, read-only bundled questions with a copy to
//! the user's folder, and snapshots of the editor.

use egui_kittest::kittest::{NodeT, Queryable};
use interview_scorecard::store::user_sets;
use interview_scorecard::ui::View;
use interview_scorecard::ui::bank::editor_form::EditMode;

use crate::common;
use crate::editing_support::{replace_text, select, settle, with_team_set};

#[test]
fn an_edited_question_is_saved_to_its_file_and_the_bank_shows_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut state = common::state_in(dir.path(), View::Bank);
    let path = with_team_set(&mut state);
    select(&mut state, "team.incident");
    let mut harness = common::harness(state, egui::Theme::Light);
    harness.run();
    harness.get_by_label("Edit").click();
    settle(&mut harness);
    assert!(
        harness.state().bank_view.editor.window.is_some(),
        "the editor opened"
    );

    common::type_into(&mut harness, "Prompt", " What would you change?");
    harness.get_by_label("+ Add point").click();
    harness.run();
    common::type_into(&mut harness, "Rubric point 3", "Names one concrete change");
    harness.get_by_label("Remove red flag 1").click();
    harness.run();
    replace_text(&mut harness, "Minutes", "12");
    harness.get_by_label("Save").click();
    settle(&mut harness);

    assert!(
        harness.state().bank_view.editor.window.is_none(),
        "the editor closed after saving"
    );
    let set = user_sets::load_set(&path).expect("set reads back");
    let saved = set
        .questions
        .iter()
        .find(|q| q.id == "team.incident")
        .expect("same id after editing");
    assert_eq!(
        saved.prompt,
        "Walk me through the last incident you handled. What would you change?"
    );
    assert_eq!(
        saved.listen_for,
        [
            "Timeline",
            "Blameless follow-up",
            "Names one concrete change"
        ]
    );
    assert!(saved.red_flags.is_empty());
    assert_eq!(saved.minutes, Some(12));
    assert_eq!(
        set.questions[1].id, "team.incident",
        "the question keeps its place in the file"
    );

    let state = harness.state();
    let in_bank = state
        .shared
        .bank
        .get("team.incident")
        .expect("still in the bank");
    assert_eq!(in_bank, saved, "the bank was reloaded from disk");
    assert_eq!(
        state.bank_view.selected,
        state.shared.bank.index_of("team.incident"),
        "the edited question stays selected"
    );
    harness.get_by_label_contains("Saved “Walk me through");
}

#[test]
fn problems_show_beside_the_fields_as_you_type_and_block_saving() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = common::harness(common::state_in(dir.path(), View::Bank), egui::Theme::Light);
    harness.run();
    harness.get_by_label("New question").click();
    harness.run();
    harness.get_by_label_contains("This question has an empty `prompt`");
    harness.get_by_label_contains("This question has no `listen_for` points");
    assert!(
        harness.get_by_label("Save").accesskit_node().is_disabled(),
        "nothing to save yet"
    );

    common::type_into(
        &mut harness,
        "Prompt",
        "How would you find a memory leak in a long-running service?",
    );
    assert!(
        harness.query_by_label_contains("empty `prompt`").is_none(),
        "the prompt error went away as soon as it was typed"
    );
    common::type_into(&mut harness, "Minutes", "ninety");
    harness.get_by_label_contains("Type a whole number of minutes");
    replace_text(&mut harness, "Minutes", "90");
    harness.get_by_label_contains("suggests 90 minutes; use a number from 1 to 60");
    replace_text(&mut harness, "Minutes", "15");
    common::type_into(
        &mut harness,
        "Rubric point 1",
        "Measures before guessing: heap profiles over time",
    );
    // Enter after the last point starts the next one.
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert!(
        harness.get_by_label("Rubric point 2").is_focused(),
        "the new point has the focus"
    );
    harness
        .get_by_label("Rubric point 2")
        .type_text("Looks for caches and listeners that only grow");
    harness.run();
    harness.get_by_label("Move rubric point 2 up").click();
    harness.run();
    assert_eq!(
        harness
            .state()
            .bank_view
            .editor
            .window
            .as_ref()
            .expect("open")
            .draft
            .listen_for[0],
        "Looks for caches and listeners that only grow"
    );
    assert!(
        !harness.get_by_label("Save").accesskit_node().is_disabled(),
        "valid now"
    );
    harness.get_by_label("Save").click();
    settle(&mut harness);

    let path = user_sets::my_questions_path(&harness.state().shared.dirs.question_sets());
    let set = user_sets::load_set(&path).expect("my questions written");
    assert_eq!(set.title, user_sets::MY_QUESTIONS_TITLE);
    assert_eq!(set.questions.len(), 1);
    let q = &set.questions[0];
    assert_eq!(q.minutes, Some(15));
    assert_eq!(q.listen_for.len(), 2);
    assert_eq!(
        q.id, "fundamentals.how-would-you-find-a-memory-leak-in-a-long-runni",
        "category and prompt slug"
    );
    let state = harness.state();
    assert!(
        state.shared.bank.get(&q.id).is_some(),
        "the new question is in the bank"
    );
    assert!(
        state
            .shared
            .bank
            .sets()
            .iter()
            .any(|s| s.title == user_sets::MY_QUESTIONS_TITLE && s.origin.is_editable())
    );
    harness.get_by_label_contains("My questions  (1)  · yours");
}

#[test]
fn a_new_category_is_declared_in_the_set() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut state = common::state_in(dir.path(), View::Bank);
    let path = with_team_set(&mut state);
    select(&mut state, "team.estimates");
    let mut harness = common::harness(state, egui::Theme::Light);
    harness.run();
    harness.get_by_label("New question").click();
    harness.run();
    let window = harness
        .state()
        .bank_view
        .editor
        .window
        .as_ref()
        .expect("open");
    assert_eq!(
        window.path(),
        Some(&path),
        "a new question goes to the selected question's set"
    );
    assert_eq!(window.draft.category, "team");
    // From the keyboard, as a user without a mouse would: focus the list, open it, pick.
    harness.get_by_label("Category").focus();
    harness.run();
    harness.key_press(egui::Key::Space);
    harness.run();
    harness.get_by_label("New category…").click_accesskit();
    harness.run();
    harness.get_by_label_contains("Name the new category");
    common::type_into(&mut harness, "Name", "On-call");
    common::type_into(&mut harness, "Prompt", "What makes a good runbook?");
    common::type_into(&mut harness, "Rubric point 1", "Written for a tired reader");
    harness.get_by_label("Save").click();
    settle(&mut harness);
    let set = user_sets::load_set(&path).expect("reads back");
    assert!(
        set.categories
            .iter()
            .any(|c| c.id == "on-call" && c.title == "On-call"),
        "{:?}",
        set.categories
    );
    assert_eq!(
        set.questions.last().map(|q| q.category.as_str()),
        Some("on-call")
    );
    assert!(
        harness
            .state()
            .shared
            .bank
            .categories()
            .iter()
            .any(|c| c.title == "On-call"),
        "the facets list the new category"
    );
}

#[test]
fn delete_then_undo_puts_the_question_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut state = common::state_in(dir.path(), View::Bank);
    let path = with_team_set(&mut state);
    let before = user_sets::load_set(&path).expect("reads");
    select(&mut state, "team.incident");
    let mut harness = common::harness(state, egui::Theme::Light);
    harness.run();
    harness.get_by_label("Delete").click();
    settle(&mut harness);
    let after = user_sets::load_set(&path).expect("reads");
    assert_eq!(after.questions.len(), 2);
    assert!(
        harness.state().shared.bank.get("team.incident").is_none(),
        "gone from the bank"
    );
    harness.get_by_label_contains("Deleted “Walk me through the last incident you handled.”");

    harness.get_by_label("Undo delete").click();
    settle(&mut harness);
    assert_eq!(
        user_sets::load_set(&path).expect("reads"),
        before,
        "the file is as it was"
    );
    let state = harness.state();
    assert!(state.shared.bank.get("team.incident").is_some());
    assert_eq!(
        state.bank_view.selected,
        state.shared.bank.index_of("team.incident"),
        "the restored question is selected"
    );
    assert!(state.bank_view.editor.undo.is_none(), "undo is used up");
}

#[test]
fn duplicate_saves_a_copy_right_after_the_original() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut state = common::state_in(dir.path(), View::Bank);
    let path = with_team_set(&mut state);
    select(&mut state, "team.code-review");
    let mut harness = common::harness(state, egui::Theme::Light);
    harness.run();
    harness.get_by_label("Duplicate").click();
    settle(&mut harness);
    let mode = harness
        .state()
        .bank_view
        .editor
        .window
        .as_ref()
        .expect("open")
        .mode
        .clone();
    assert_eq!(
        mode,
        EditMode::New {
            after: Some("team.code-review".into())
        }
    );
    common::type_into(&mut harness, "Prompt", " In a language you don't know?");
    harness.get_by_label("Save").click();
    settle(&mut harness);
    let set = user_sets::load_set(&path).expect("reads");
    let prompts: Vec<&str> = set.questions.iter().map(|q| q.prompt.as_str()).collect();
    assert_eq!(
        prompts,
        [
            "How do you review a colleague's code?",
            "How do you review a colleague's code? In a language you don't know?",
            "Walk me through the last incident you handled.",
            "How do you estimate a task you have never done?",
        ]
    );
    assert_eq!(set.questions[1].listen_for, set.questions[0].listen_for);
    assert_ne!(set.questions[1].id, set.questions[0].id);
}

#[test]
fn bundled_questions_are_read_only_and_copy_to_my_questions() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut state = common::state_in(dir.path(), View::Bank);
    let original = state.shared.bank.entries()[0].question.clone();
    select(&mut state, &original.id);
    let mut harness = common::harness(state, egui::Theme::Light);
    harness.run();
    assert!(
        harness.query_by_label("Edit").is_none(),
        "a bundled question has no Edit"
    );
    assert!(harness.query_by_label("Delete").is_none(), "nor Delete");
    harness.get_by_label("Copy to my questions").click();
    settle(&mut harness);

    let path = user_sets::my_questions_path(&harness.state().shared.dirs.question_sets());
    let set = user_sets::load_set(&path).expect("copy written");
    assert_eq!(set.questions.len(), 1);
    let copy = &set.questions[0];
    assert_eq!(copy.prompt, original.prompt);
    assert_eq!(copy.listen_for, original.listen_for);
    assert_ne!(copy.id, original.id, "a new id, so both load");
    let state = harness.state();
    assert!(
        state.shared.load_problems.is_empty(),
        "{:?}",
        state.shared.load_problems
    );
    assert!(
        state.shared.bank.get(&original.id).is_some(),
        "the original stays"
    );
    let index = state
        .shared
        .bank
        .index_of(&copy.id)
        .expect("copy in the bank");
    assert!(
        state
            .shared
            .bank
            .set_of(index)
            .expect("set")
            .origin
            .is_editable()
    );
    let window = state
        .bank_view
        .editor
        .window
        .as_ref()
        .expect("the copy opens in the editor");
    assert_eq!(
        window.mode,
        EditMode::Edit {
            original_id: copy.id.clone()
        }
    );
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.state().bank_view.editor.window.is_none());
    harness.get_by_label("Edit");
}

#[test]
fn copy_whole_set_makes_an_editable_set() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut state = common::state_in(dir.path(), View::Bank);
    let last = state
        .shared
        .bank
        .entries()
        .last()
        .expect("questions")
        .clone();
    let set_title = state.shared.bank.sets()[last.set].title.clone();
    let in_set = state
        .shared
        .bank
        .entries()
        .iter()
        .filter(|e| e.set == last.set)
        .count();
    select(&mut state, &last.question.id);
    let mut harness = common::harness(state, egui::Theme::Light);
    harness.run();
    harness.get_by_label("Copy whole set").click();
    settle(&mut harness);
    let state = harness.state();
    assert!(
        state.shared.load_problems.is_empty(),
        "{:?}",
        state.shared.load_problems
    );
    let copy = state
        .shared
        .bank
        .sets()
        .iter()
        .position(|s| s.title == format!("{set_title} (my copy)"))
        .expect("copy loaded");
    assert!(state.shared.bank.sets()[copy].origin.is_editable());
    assert_eq!(
        state
            .shared
            .bank
            .entries()
            .iter()
            .filter(|e| e.set == copy)
            .count(),
        in_set
    );
    assert_eq!(
        state
            .bank_view
            .filter
            .sets
            .iter()
            .copied()
            .collect::<Vec<_>>(),
        [copy],
        "the copy is shown"
    );
}

#[test]
fn unsaved_changes_are_not_lost_to_a_stray_cancel() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut state = common::state_in(dir.path(), View::Bank);
    let path = with_team_set(&mut state);
    let before = std::fs::read_to_string(&path).expect("reads");
    select(&mut state, "team.incident");
    let mut harness = common::harness(state, egui::Theme::Light);
    harness.run();
    harness.get_by_label("Edit").click();
    settle(&mut harness);
    common::type_into(&mut harness, "Prompt", " Really?");
    harness.get_by_label("Cancel").click();
    harness.run();
    harness.get_by_label("Keep editing").click();
    harness.run();
    assert!(
        harness.state().bank_view.editor.window.is_some(),
        "still editing"
    );
    harness.get_by_label("Cancel").click();
    harness.run();
    harness.get_by_label("Discard changes").click();
    settle(&mut harness);
    assert!(harness.state().bank_view.editor.window.is_none());
    assert_eq!(
        std::fs::read_to_string(&path).expect("reads"),
        before,
        "nothing written"
    );
}

#[test]
fn snapshots_of_the_editor() {
    let mut results = egui_kittest::SnapshotResults::new();
    for (theme, suffix) in [(egui::Theme::Light, "light"), (egui::Theme::Dark, "dark")] {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut state = common::state_in(dir.path(), View::Bank);
        with_team_set(&mut state);
        select(&mut state, "team.incident");
        let mut harness = common::harness(state, theme);
        harness.run();
        harness.snapshot(format!("editor_preview_actions_{suffix}"));
        harness.get_by_label("Edit").click();
        settle(&mut harness);
        common::type_into(&mut harness, "Minutes", "0");
        harness.snapshot(format!("editor_edit_{suffix}"));
        results.extend_harness(&mut harness);
    }
}

#[test]
fn typing_straight_after_new_question_lands_in_the_prompt() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = common::harness(common::state_in(dir.path(), View::Bank), egui::Theme::Light);
    harness.run();
    // The click that opens the editor and the first words arrive in the same frame.
    harness.get_by_label("New question").click();
    harness.event(egui::Event::Text("What does a good runbook hold?".into()));
    harness.run();
    assert!(
        harness.query_by_label_contains("empty `prompt`").is_none(),
        "the prompt got the text"
    );
    use egui_kittest::kittest::NodeT;
    let prompt = harness.get_by_label("Prompt");
    assert_eq!(
        prompt.accesskit_node().value().as_deref(),
        Some("What does a good runbook hold?")
    );
}
