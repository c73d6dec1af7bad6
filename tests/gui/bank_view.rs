//! The Bank view driven through its accessible labels: search, facets, plan editing, quick
//! build, saved plans, drift warnings, and snapshots.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use interview_scorecard::model::Level;
use interview_scorecard::model::plan::{InterviewPlan, QuestionSnapshot};
use interview_scorecard::store::plans;
use interview_scorecard::ui::View;

use crate::common;

#[test]
fn search_narrows_results_and_ranks_prompt_matches() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = common::harness(common::state_in(dir.path(), View::Bank), egui::Theme::Light);
    harness.run();
    let total = harness.state().shared.bank.len();
    assert_eq!(harness.state().bank_view.results().hits.len(), total);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    common::type_into(&mut harness, "Search", "decorator");
    let state = harness.state();
    let hits = &state.bank_view.results().hits;
    assert!(
        !hits.is_empty() && hits.len() < total / 10,
        "{} hits",
        hits.len()
    );
    let first = &state.shared.bank.entries()[hits[0].index()].question;
    assert!(
        first.prompt.to_lowercase().contains("decorator"),
        "{}",
        first.prompt
    );
}

#[test]
fn facets_filter_by_level_and_category() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = common::harness(common::state_in(dir.path(), View::Bank), egui::Theme::Light);
    harness.run();
    harness.get_by_label_contains("Expert · 10+ years").click();
    harness.run();
    harness.get_by_label_contains("Files and I/O").click();
    harness.run();
    let state = harness.state();
    let hits = &state.bank_view.results().hits;
    assert_eq!(hits.len(), 2, "Files and I/O has two Expert questions");
    for hit in hits {
        let q = &state.shared.bank.entries()[hit.index()].question;
        assert_eq!(q.level, Level::Expert);
        assert_eq!(q.category, "files-io");
    }
}

#[test]
fn keyboard_adds_and_buttons_reorder_and_remove() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = common::harness(common::state_in(dir.path(), View::Bank), egui::Theme::Light);
    harness.run();
    harness.get_by_label("Search").focus();
    harness.run();
    for _ in 0..3 {
        harness.key_press(Key::ArrowDown);
        harness.run();
        harness.key_press(Key::Enter);
        harness.run();
    }
    let plan = &harness.state().plan.plan;
    assert_eq!(plan.questions.len(), 3);
    let ids: Vec<String> = plan.questions.iter().map(|q| q.id.clone()).collect();
    let minutes: u32 = ids
        .iter()
        .map(|id| {
            harness
                .state()
                .shared
                .bank
                .get(id)
                .map_or(0, |q| q.minutes_or_default())
        })
        .sum();
    assert_eq!(plan.total_minutes(), minutes);

    harness.get_by_label("Move question 2 down").click();
    harness.run();
    let order: Vec<String> = harness
        .state()
        .plan
        .plan
        .questions
        .iter()
        .map(|q| q.id.clone())
        .collect();
    assert_eq!(order, [ids[0].clone(), ids[2].clone(), ids[1].clone()]);

    assert_eq!(
        harness.state().bank_view.plan.selected,
        Some(2),
        "the moved question stays selected"
    );
    // Alt+Up moves the selected plan question back up.
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    harness.run();
    let order: Vec<String> = harness
        .state()
        .plan
        .plan
        .questions
        .iter()
        .map(|q| q.id.clone())
        .collect();
    assert_eq!(order, ids);

    harness.get_by_label("Remove question 1").click();
    harness.run();
    let plan = &harness.state().plan.plan;
    assert_eq!(plan.questions.len(), 2);
    assert_eq!(plan.questions[0].id, ids[1]);
}

#[test]
fn quick_build_fills_the_time_across_categories() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = common::harness(common::state_in(dir.path(), View::Bank), egui::Theme::Light);
    harness.run();
    harness.get_by_label("Quick build…").click();
    harness.run();
    harness.get_by_label("Build plan").click();
    harness.run();
    let plan = &harness.state().plan.plan;
    assert!(
        plan.total_minutes() <= 45,
        "{} minutes",
        plan.total_minutes()
    );
    assert!(
        plan.total_minutes() >= 35,
        "uses most of the time: {}",
        plan.total_minutes()
    );
    let categories: std::collections::BTreeSet<&str> =
        plan.questions.iter().map(|q| q.category.as_str()).collect();
    assert_eq!(
        categories.len(),
        plan.questions.len(),
        "one question per category before any repeats"
    );
    for q in &plan.questions {
        assert!(
            q.level.rank().abs_diff(Level::Intermediate.rank()) <= 1,
            "{} is {:?}",
            q.id,
            q.level
        );
    }
}

#[test]
fn saved_plan_loads_back_equal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = common::harness(common::state_in(dir.path(), View::Bank), egui::Theme::Light);
    harness.run();
    harness.get_by_label("Quick build…").click();
    harness.run();
    harness.get_by_label("Build plan").click();
    harness.run();
    common::type_into(&mut harness, "Title", "Onsite loop");
    harness.get_by_label("Save plan").click();
    harness.run();
    let saved_path = harness.state().shared.dirs.plans().join("Onsite-loop.ron");
    let saved = plans::load_plan(&saved_path).expect("plan file written");
    assert_eq!(saved, harness.state().plan.plan);

    harness.state_mut().plan.plan = InterviewPlan::default();
    harness.run();
    harness.get_by_label("Templates…").click();
    harness.run();
    harness.get_by_label("Load").click();
    harness.run();
    assert_eq!(harness.state().plan.plan, saved);
}

#[test]
fn a_plan_with_a_vanished_question_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut state = common::state_in(dir.path(), View::Bank);
    let kept = QuestionSnapshot::from_bank(&state.shared.bank, "py.fund.lists-vs-tuples")
        .or_else(|| {
            state
                .shared
                .bank
                .entries()
                .first()
                .map(|e| QuestionSnapshot::of(&e.question, "x"))
        })
        .expect("a bank question");
    let mut changed = kept.clone();
    changed.id = state.shared.bank.entries()[5].question.id.clone();
    changed.rubric_hash = "stale".into();
    let gone = QuestionSnapshot {
        id: "team.removed-question".into(),
        prompt: "A question our team has since deleted?".into(),
        listen_for: vec!["Something observable".into()],
        rubric_hash: "abc".into(),
        ..QuestionSnapshot::default()
    };
    state.plan.plan.questions = vec![kept, changed, gone];
    let mut harness = common::harness(state, egui::Theme::Light);
    harness.run();
    harness.get_by_label_contains("1 no longer in the bank");
    harness.get_by_label_contains("1 question changed in the bank");
    harness.get_by_label("not in bank");
    harness
        .get_by_label("Update changed questions from the bank")
        .click();
    harness.run();
    let plan = &harness.state().plan.plan;
    assert_ne!(
        plan.questions[1].rubric_hash, "stale",
        "the changed question was refreshed"
    );
    assert_eq!(
        plan.questions[2].prompt, "A question our team has since deleted?",
        "the vanished one is kept as saved"
    );
}

#[test]
fn snapshots_of_the_bank_view() {
    let mut results = egui_kittest::SnapshotResults::new();
    for (theme, suffix) in [(egui::Theme::Light, "light"), (egui::Theme::Dark, "dark")] {
        // A data folder each: the plan built in one would otherwise come back in the next.
        let dir = tempfile::tempdir().expect("temp dir");
        let mut harness = common::harness(common::state_in(dir.path(), View::Bank), theme);
        harness.run();
        harness.snapshot(format!("bank_empty_plan_{suffix}"));
        common::type_into(&mut harness, "Search", "copy");
        harness.key_press(Key::ArrowDown);
        harness.run();
        harness.snapshot(format!("bank_search_{suffix}"));
        harness.get_by_label("Clear").click();
        // Clearing the search scrolls the full list to keep the selected question in view.
        harness.run_steps(20);
        harness.get_by_label("Quick build…").click();
        harness.run();
        harness.get_by_label("Build plan").click();
        harness.run();
        harness.snapshot(format!("bank_full_plan_{suffix}"));
        results.extend_harness(&mut harness);
    }
}

#[test]
fn ctrl_f_and_a_query_in_the_same_frame_search_for_the_whole_query() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = common::harness(common::state_in(dir.path(), View::Bank), egui::Theme::Light);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.event(egui::Event::Text("GIL".into()));
    harness.run();
    assert_eq!(harness.state().bank_view.query, "GIL");
}

#[test]
fn enter_adds_only_a_result_that_is_shown() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = common::harness(common::state_in(dir.path(), View::Bank), egui::Theme::Light);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    common::type_into(&mut harness, "Search", "decorator");
    harness.key_press(Key::ArrowDown);
    harness.run();
    let chosen = harness
        .state()
        .bank_view
        .selected
        .expect("a result selected");
    // A new search hides the selected question: the selection follows the results.
    common::type_into(&mut harness, "Search", " sqlalchemy session");
    let state = harness.state();
    let shown: Vec<usize> = state
        .bank_view
        .results()
        .hits
        .iter()
        .map(|h| h.index())
        .collect();
    let selected = state.bank_view.selected;
    assert!(
        selected.is_none_or(|s| shown.contains(&s)),
        "{selected:?} is not shown"
    );
    harness.key_press(Key::Enter);
    harness.run();
    let plan = &harness.state().plan.plan;
    let chosen_id = &harness.state().shared.bank.entries()[chosen].question.id;
    if !shown.contains(&chosen) {
        assert!(!plan.contains(chosen_id), "a hidden question was added");
    }
    for question in &plan.questions {
        let index = harness
            .state()
            .shared
            .bank
            .entries()
            .iter()
            .position(|e| e.question.id == question.id)
            .expect("from the bank");
        assert!(shown.contains(&index), "{} was not shown", question.id);
    }
}

#[test]
fn the_plan_being_built_survives_a_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = common::harness(common::state_in(dir.path(), View::Bank), egui::Theme::Light);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    common::type_into(&mut harness, "Search", "closure");
    harness.key_press(Key::ArrowDown);
    harness.key_press(Key::Enter);
    harness.run();
    let built = harness.state().plan.plan.clone();
    assert_eq!(built.questions.len(), 1);
    // Within a second the plan is on disk, without any explicit save.
    let draft = interview_scorecard::store::plan_draft::draft_path(dir.path());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(1);
    while !draft.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.step();
    }
    let on_disk = interview_scorecard::store::plan_draft::load_draft(&draft)
        .expect("draft written within a second")
        .expect("readable");
    assert_eq!(on_disk.plan, built);
    // A new start (as after a crash) finds the plan where it was.
    let restarted = common::state_in(dir.path(), View::Bank);
    assert_eq!(restarted.plan.plan, built);
}

#[test]
fn the_bank_at_150_percent_stays_usable() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = common::harness(common::state_in(dir.path(), View::Bank), egui::Theme::Light);
    harness.ctx.set_zoom_factor(1.5);
    harness.run();
    harness.get_by_label("Quick build…").click();
    harness.run();
    harness.get_by_label("Build plan").click();
    harness.run();
    common::type_into(&mut harness, "Search", "generator");
    harness.key_press(Key::ArrowDown);
    harness.run();
    // The filters fold away to leave the results room; they come back on request.
    assert!(harness.query_by_label("Not yet in plan").is_none());
    harness.get_by_label("Filters…").click();
    harness.run();
    harness.get_by_label("Not yet in plan");
    harness.get_by_label("Hide filters").click();
    harness.run();
    harness.snapshot("bank_zoom150");
}

/// A bank of many sets lays out only the set filters in view, in a list of their own that
/// scrolls, and each one still filters.
#[test]
fn many_sets_are_listed_in_a_scrolling_list_that_still_filters() {
    use interview_scorecard::model::{QuestionBank, SetOrigin, SetSource};
    use interview_scorecard::store::AppDirs;
    use interview_scorecard::ui::shell::notices::Notices;
    use interview_scorecard::ui::{AppState, Prefs};

    let dir = tempfile::tempdir().expect("temp dir");
    let mut sources = interview_scorecard::store::bank_files::bundled_sources();
    for n in 0..60 {
        sources.push(SetSource {
            name: format!("many-{n:02}.ron"),
            origin: SetOrigin::User(dir.path().join(format!("many-{n:02}.ron"))),
            text: format!(
                r#"QuestionSet(id: "many{n}", title: "Many set {n:02}", categories: [Category(id: "many", title: "Many")], questions: [Question(id: "many.q{n}", category: "many", level: Entry, prompt: "Question number {n} of many?", listen_for: ["says {n}"])])"#
            ),
        });
    }
    let (bank, problems) = QuestionBank::load(&sources);
    assert!(problems.is_empty(), "{problems:?}");
    let dirs = AppDirs::at(dir.path());
    dirs.ensure().expect("data folders");
    let prefs = Prefs {
        view: View::Bank,
        ..Prefs::default()
    };
    let state = AppState::with_bank(dirs, bank, Vec::new(), prefs, Notices::default());
    let mut harness = common::harness(state, egui::Theme::Light);
    harness.run();
    let wheel = |harness: &mut egui_kittest::Harness<'static, AppState>, at: egui::Pos2| {
        harness.hover_at(at);
        for _ in 0..20 {
            harness.event(egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: egui::vec2(0.0, -200.0),
                phase: egui::TouchPhase::Move,
                modifiers: egui::Modifiers::NONE,
                source: egui::MouseWheelSource::Wheel,
            });
        }
        harness.run();
    };
    // The filters' own scrolling brings the sets, below the categories, into view.
    let levels = harness.get_by_label_contains("Expert · 10+ years").rect();
    wheel(&mut harness, levels.center());
    let shown =
        |harness: &egui_kittest::Harness<'static, interview_scorecard::ui::AppState>,
         label: &str| { harness.query_all_by_label_contains(label).count() };
    assert_eq!(
        shown(&harness, "Many set 00"),
        1,
        "the first sets are shown"
    );
    assert_eq!(
        shown(&harness, "Many set 59"),
        0,
        "sets out of view are not laid out"
    );

    // The wheel over the list scrolls it to the last sets.
    let first = harness.get_by_label_contains("Many set 00").rect();
    wheel(&mut harness, first.center());
    assert_eq!(shown(&harness, "Many set 59"), 1, "the list scrolled");
    assert_eq!(
        shown(&harness, "Many set 00"),
        0,
        "the first sets scrolled away"
    );

    // A set far down the list filters the results to its one question.
    harness.get_by_label_contains("Many set 59").click();
    harness.run();
    let state = harness.state();
    let hits = &state.bank_view.results().hits;
    assert_eq!(hits.len(), 1);
    assert_eq!(
        state.shared.bank.entries()[hits[0].index()].question.id,
        "many.q59"
    );
}

/// In a narrow window at 200 % the theme menu moves to a row of its own instead of covering
/// the screens' tabs, and comes back beside them when the window is wide again.
#[test]
fn the_theme_menu_never_covers_the_screens() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = common::harness(common::state_in(dir.path(), View::Bank), egui::Theme::Light);
    harness.ctx.set_zoom_factor(2.0);
    harness.step();
    harness.set_size(egui::vec2(640.0, 480.0) / 2.0);
    harness.run();
    let rect = |harness: &egui_kittest::Harness<'static, interview_scorecard::ui::AppState>,
                label: &str| harness.get_by_label(label).rect();
    let (loop_tab, theme) = (rect(&harness, "Loop"), rect(&harness, "Theme"));
    assert!(
        !loop_tab.intersects(theme),
        "the theme label {theme:?} covers the Loop tab {loop_tab:?}"
    );
    assert!(
        theme.top() >= loop_tab.bottom(),
        "the theme moved below the tabs: {theme:?} under {loop_tab:?}"
    );
    harness.set_size(egui::vec2(1400.0, 480.0));
    harness.run();
    let (loop_tab, theme) = (rect(&harness, "Loop"), rect(&harness, "Theme"));
    assert!(theme.left() > loop_tab.right(), "back beside the tabs");
    assert!(
        (theme.center().y - loop_tab.center().y).abs() < 4.0,
        "on the same row: {theme:?} and {loop_tab:?}"
    );
}
