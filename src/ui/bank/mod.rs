//! The question bank: facets on the left, matching questions in the middle, the selected
//! question's preview beside them, and the plan being assembled on the right.

pub mod editor;
pub mod editor_form;
pub mod import_dialog;
pub mod plan;
pub mod plan_dialogs;
pub mod search_worker;

mod facets;
mod preview;
mod results;

use facets::facets_ui;
use preview::preview_ui;
use results::results_ui;

use std::sync::Arc;

use crate::model::QuestionBank;
use crate::model::plan::{InterviewPlan, QuestionSnapshot};
use crate::model::search::{Filter, SearchIndex, SearchOutcome, Searcher};
use crate::ui::bank::search_worker::{SearchRequest, SearchWorker, WorkerGone};
use crate::ui::command::Commands;
use crate::ui::shared::{PlanDocument, Shared};
use crate::ui::widgets::question_preview;
use crate::ui::widgets::{badges, marked_text};
use plan::PlanPanelState;

/// State of the Bank view.
#[derive(Default)]
pub struct BankViewState {
    pub query: String,
    pub filter: Filter,
    /// Bank index of the question shown in the preview.
    pub selected: Option<usize>,
    pub plan: PlanPanelState,
    /// Focus the search box on the next frame.
    pub focus_search: bool,
    /// In a narrow window the filters fold away; this unfolds them.
    pub show_filters: bool,
    /// The import dialog.
    pub import: crate::ui::bank::import_dialog::ImportState,
    /// The question editor and undo for the last delete.
    pub editor: crate::ui::bank::editor::EditorState,
    search: SearchCache,
    /// The selection's position in the results, and the results and selection it was found
    /// for: finding it scans every hit, so it is done once per change, not per frame.
    position: std::cell::Cell<Option<(ResultsStamp, usize, Option<usize>)>>,
}

/// Above this many questions the search runs on a background thread. A keystroke's search
/// grows with the bank (about 4 ms median and 19 ms worst at 10,000 questions), which would
/// blow the frame budget; below this size it takes well under a millisecond, so searching on
/// the UI thread keeps results ready the same frame the query changes, which is simpler and
/// what the view's tests rely on.
pub const BACKGROUND_SEARCH_ABOVE: usize = 2_000;

/// Which results a cached position belongs to: the search shown, and the hit list's address
/// and length (the list is replaced, never edited in place, when results change).
type ResultsStamp = (u64, usize, usize);

/// What a search depends on: query, filter and the plan's question ids.
type SearchKey = (String, Filter, Vec<String>);

/// The index and last results, rebuilt only when the bank, query, filter or plan changes.
#[derive(Default)]
struct SearchCache {
    bank: Option<Arc<QuestionBank>>,
    /// The bank's index: built with the bank as it was read (see [`BankViewState::adopt_index`])
    /// or, failing that, here for a search on the UI thread or on the worker for a large bank.
    index: Option<Arc<SearchIndex>>,
    /// An index built with a bank as it was read, waiting for that bank to be shown.
    adopted: Option<(Arc<QuestionBank>, Arc<SearchIndex>)>,
    /// Highlights visible rows, and searches small banks.
    searcher: Searcher,
    /// What was last searched for (or asked of the worker).
    key: Option<SearchKey>,
    outcome: SearchOutcome,
    worker: Option<SearchWorker>,
    /// The worker could not be started or stopped; search on the UI thread from now on.
    worker_failed: bool,
    /// Number of the last search started, and of the one whose results are shown.
    requested: u64,
    shown: u64,
    /// The results were cleared because the bank changed and none for the new bank are in.
    awaiting_bank: bool,
}

/// What the Bank's parts draw with: their own state, what every screen shares, the plan
/// being built (edited in place), and the commands for everything else.
pub struct BankFrame<'a> {
    pub view: &'a mut BankViewState,
    pub shared: &'a Shared,
    pub plan: &'a mut PlanDocument,
    pub commands: &'a mut Commands,
}

impl BankViewState {
    /// Collects the import dialog's background work, whichever screen is showing.
    pub fn poll(&mut self, ctx: &egui::Context, commands: &mut Commands) {
        self.import.poll_tasks(ctx, commands);
    }

    /// The bank was read again: keep the selection on the question it showed (or `select`),
    /// and narrow the facets to the set in file `show_set` when asked (e.g. after an import).
    pub fn bank_replaced(
        &mut self,
        old: &QuestionBank,
        new: &QuestionBank,
        select: Option<&str>,
        show_set: Option<&std::path::Path>,
    ) {
        let previous = self
            .selected
            .and_then(|i| old.entry(i))
            .map(|e| e.question.id.clone());
        self.selected = match select {
            Some(id) => new.index_of(id),
            None => previous.and_then(|id| new.index_of(&id)),
        };
        if new.sets().len() != old.sets().len() {
            // Set facets are kept by position, which a new or removed set shifts.
            self.filter.sets.clear();
        }
        if let Some(path) = show_set {
            let wanted = crate::model::SetOrigin::User(path.to_path_buf());
            if let Some(index) = new.sets().iter().position(|s| s.origin == wanted) {
                self.query.clear();
                self.filter = Default::default();
                self.filter.sets.insert(index);
            }
        }
    }

    /// Selects the question at `index` (e.g. asked for from Question health). The search and
    /// filters are cleared unless they already show it, so it is in the list as well as the
    /// preview.
    pub fn show_question(&mut self, bank: &Arc<QuestionBank>, plan: &InterviewPlan, index: usize) {
        let shown = self
            .refresh(bank, plan)
            .hits
            .iter()
            .any(|h| h.index() == index);
        if !shown {
            self.query.clear();
            self.filter = Filter::default();
        }
        self.selected = Some(index);
    }

    /// Takes the index built while `bank` was read, so neither this view nor its search worker
    /// indexes the bank again when it is shown.
    pub fn adopt_index(&mut self, bank: &Arc<QuestionBank>, index: SearchIndex) {
        let index = Arc::new(index);
        let cache = &mut self.search;
        if cache.bank.as_ref().is_some_and(|b| Arc::ptr_eq(b, bank)) {
            cache.index = Some(index);
        } else {
            cache.adopted = Some((bank.clone(), index));
        }
    }

    /// Runs the search if anything it depends on changed; returns the current results.
    ///
    /// On a bank larger than [`BACKGROUND_SEARCH_ABOVE`] the search runs in the background
    /// and this returns the results of the newest search finished so far.
    pub fn refresh(&mut self, bank: &Arc<QuestionBank>, plan: &InterviewPlan) -> &SearchOutcome {
        self.refresh_with(bank, plan, None)
    }

    /// As [`Self::refresh`]; `repaint` is asked to repaint when background results arrive.
    fn refresh_with(
        &mut self,
        bank: &Arc<QuestionBank>,
        plan: &InterviewPlan,
        repaint: Option<&egui::Context>,
    ) -> &SearchOutcome {
        let plan_ids: Vec<String> = if self.filter.not_in_plan {
            plan.questions.iter().map(|q| q.id.clone()).collect()
        } else {
            Vec::new()
        };
        let key = (self.query.clone(), self.filter.clone(), plan_ids);
        let cache = &mut self.search;
        let same_bank = cache.bank.as_ref().is_some_and(|b| Arc::ptr_eq(b, bank));
        if !same_bank {
            cache.index = cache
                .adopted
                .take()
                .filter(|(for_bank, _)| Arc::ptr_eq(for_bank, bank))
                .map(|(_, index)| index);
            cache.bank = Some(bank.clone());
            cache.key = None;
            // The old results index into the old bank: showing them would show the wrong
            // questions until the new ones arrive.
            cache.outcome = SearchOutcome::default();
            cache.awaiting_bank = true;
        }
        if bank.len() > BACKGROUND_SEARCH_ABOVE
            && cache.search_in_background(bank, key.clone(), repaint)
        {
            return &cache.outcome;
        }
        if cache.key.as_ref() != Some(&key) {
            let index = cache
                .index
                .get_or_insert_with(|| Arc::new(SearchIndex::build(bank)));
            let in_plan = |id: &str| key.2.iter().any(|p| p == id);
            cache.outcome = cache.searcher.search(bank, index, &key.0, &key.1, &in_plan);
            cache.requested += 1;
            cache.shown = cache.requested;
            cache.awaiting_bank = false;
            cache.key = Some(key);
        }
        &cache.outcome
    }

    /// Where the selected question is in the results shown, if it is there.
    pub fn selected_position(&self) -> Option<usize> {
        let selected = self.selected?;
        let hits = &self.search.outcome.hits;
        let shown = (self.search.shown, hits.as_ptr() as usize, hits.len());
        if let Some((for_shown, for_selected, position)) = self.position.get()
            && for_shown == shown
            && for_selected == selected
        {
            return position;
        }
        let position = hits.iter().position(|h| h.index() == selected);
        self.position.set(Some((shown, selected, position)));
        position
    }

    /// True while a background search is running whose results are not shown yet.
    pub fn is_searching(&self) -> bool {
        self.search.shown < self.search.requested
    }

    /// The results shown: those of the last [`Self::refresh`], or on a large bank of the
    /// newest background search finished by then.
    pub fn results(&self) -> &SearchOutcome {
        &self.search.outcome
    }
}

/// Adds the bank question at `index` to the plan.
pub fn add_to_plan(plan: &mut InterviewPlan, bank: &QuestionBank, index: usize) -> bool {
    let Some(entry) = bank.entry(index) else {
        return false;
    };
    let snapshot = QuestionSnapshot::of(
        &entry.question,
        bank.category_title(&entry.question.category),
    );
    plan.add(snapshot)
}

impl SearchCache {
    /// Takes in finished background results and asks for a new search if `key` changed.
    /// False if there is no worker, so the caller searches on the UI thread.
    fn search_in_background(
        &mut self,
        bank: &Arc<QuestionBank>,
        key: SearchKey,
        repaint: Option<&egui::Context>,
    ) -> bool {
        if self.worker_failed {
            return false;
        }
        if self.worker.is_none() {
            match SearchWorker::spawn() {
                Ok(worker) => self.worker = Some(worker),
                Err(_) => {
                    self.worker_failed = true;
                    return false;
                }
            }
        }
        let Some(worker) = &self.worker else {
            return false;
        };
        match worker.latest() {
            Ok(Some(result)) => {
                if Arc::ptr_eq(&result.bank, bank) && result.generation > self.shown {
                    self.outcome = result.outcome;
                    self.shown = result.generation;
                    self.awaiting_bank = false;
                }
            }
            Ok(None) => {}
            Err(WorkerGone) => {
                // Search on the UI thread from now on: slower, but the results stay right.
                self.worker = None;
                self.worker_failed = true;
                self.key = None;
                return false;
            }
        }
        if self.key.as_ref() != Some(&key) {
            self.requested += 1;
            worker.request(SearchRequest {
                bank: bank.clone(),
                index: self.index.clone(),
                query: key.0.clone(),
                filter: key.1.clone(),
                plan_ids: key.2.clone(),
                generation: self.requested,
                repaint: repaint.cloned(),
            });
            self.key = Some(key);
        }
        true
    }
}

/// Below this width (in points) the filters fold away behind a button.
const NARROW_BELOW_POINTS: f32 = 900.0;

/// Keeps the selection on a result that is shown: when a search or filter hides the selected
/// question, the first result takes its place, so the preview and Enter act on what is visible.
fn follow_filter(view: &mut BankViewState) {
    if view.is_searching() {
        return;
    }
    if view.selected.is_some() && view.selected_position().is_none() {
        view.selected = view.results().hits.first().map(|h| h.index());
    }
}

pub fn ui(
    ui: &mut egui::Ui,
    view: &mut BankViewState,
    shared: &Shared,
    plan: &mut PlanDocument,
    commands: &mut Commands,
) {
    let state = &mut BankFrame {
        view,
        shared,
        plan,
        commands,
    };
    use crate::ui::widgets::contain::contained;
    let bank = state.shared.bank.clone();
    state
        .view
        .refresh_with(&bank, &state.plan.plan, Some(ui.ctx()));
    // The selection follows the results first, so ↑/↓ and Enter act on what is on screen.
    follow_filter(state.view);
    handle_keys(ui, state, &bank);

    // Side panels share the width the window has (in points, so zoom counts): at 100 % in a
    // normal window they take their usual room; zoomed in or in a small window they shrink,
    // and below a threshold the filters fold away behind a button so the results stay legible.
    let width = ui.available_width();
    let narrow = width < NARROW_BELOW_POINTS;
    let selected = state.view.selected.is_some();
    if narrow {
        // Fixed shares, so no panel can grow to fit its contents and squeeze out the results.
        if state.view.show_filters {
            egui::Panel::left("bank_facets_narrow")
                .resizable(false)
                .exact_size(width * 0.24)
                .show(ui, |ui| contained(ui, |ui| facets_ui(ui, state, &bank)));
        }
        egui::Panel::right("bank_plan_narrow")
            .resizable(false)
            .exact_size(width * 0.3)
            .show(ui, |ui| contained(ui, |ui| plan::ui(ui, state)));
    } else {
        egui::Panel::left("bank_facets")
            .resizable(true)
            .default_size((width * 0.17).clamp(150.0, 220.0))
            .min_size(130.0)
            .max_size((width * 0.3).max(130.0))
            .show(ui, |ui| contained(ui, |ui| facets_ui(ui, state, &bank)));
        egui::Panel::right("bank_plan")
            .resizable(true)
            .default_size((width * 0.28).clamp(240.0, 380.0))
            .min_size(200.0)
            .max_size((width * 0.45).max(200.0))
            .show(ui, |ui| contained(ui, |ui| plan::ui(ui, state)));
        if selected {
            egui::Panel::right("bank_preview")
                .resizable(true)
                .default_size((width * 0.28).clamp(220.0, 360.0))
                .min_size(180.0)
                .max_size((width * 0.45).max(180.0))
                .show(ui, |ui| contained(ui, |ui| preview_ui(ui, state, &bank)));
        } else {
            // Nothing to preview: a narrow strip with the editor's actions and a hint, so the
            // results get the room.
            egui::Panel::right("bank_preview_empty")
                .resizable(false)
                .exact_size((width * 0.17).clamp(190.0, 230.0))
                .show(ui, |ui| contained(ui, |ui| preview_ui(ui, state, &bank)));
        }
    }
    egui::CentralPanel::default().show(ui, |ui| {
        if narrow {
            let label = if state.view.show_filters {
                "Hide filters"
            } else {
                "Filters…"
            };
            if ui.button(label).clicked() {
                state.view.show_filters = !state.view.show_filters;
            }
        }
        search_box_ui(ui, state);
        ui.add_space(6.0);
        if narrow {
            // Results above, the preview below: side by side there is no room for both.
            let results_height = if selected {
                ui.available_height() * 0.45
            } else {
                ui.available_height()
            };
            let size = egui::vec2(ui.available_width(), results_height);
            ui.allocate_ui(size, |ui| results_ui(ui, state, &bank));
            if selected {
                ui.separator();
                preview_ui(ui, state, &bank);
            }
        } else {
            results_ui(ui, state, &bank);
        }
    });
    crate::ui::bank::import_dialog::ui(ui, state);
    crate::ui::bank::editor::ui(ui, state);
}

fn handle_keys(ui: &mut egui::Ui, state: &mut BankFrame<'_>, bank: &QuestionBank) {
    use crate::ui::shell::shortcuts::{self, Action};
    if plan::any_dialog_open(state) || crate::ui::bank::editor::blocks_keys(state) {
        return;
    }
    // Arrow keys and Enter browse the results unless another text field owns them; the search
    // box passes them through so you can type and pick.
    let typing_elsewhere = ui
        .ctx()
        .memory(|m| m.focused())
        .is_some_and(|id| id != search_id());
    let wanted = |action: Action| {
        !(typing_elsewhere && matches!(action, Action::BrowseResults | Action::AddToPlan))
    };
    let view = &mut state.view;
    for triggered in shortcuts::take_only(ui, shortcuts::Scope::Bank, &wanted) {
        let count = view.results().hits.len();
        match triggered.action {
            Action::FocusSearch => view.focus_search = true,
            Action::BrowseResults if count > 0 => {
                let next = match (view.selected_position(), triggered.arg) {
                    (None, _) => 0,
                    (Some(p), 0) => p.saturating_sub(1),
                    (Some(p), _) => (p + 1).min(count - 1),
                };
                view.selected = view.results().hits.get(next).map(|h| h.index());
            }
            // Only a result on screen is added: never one selected under an earlier search.
            Action::AddToPlan => {
                if let Some(selected) = view.selected.filter(|_| view.selected_position().is_some())
                {
                    add_to_plan(&mut state.plan.plan, bank, selected);
                }
            }
            Action::MovePlanQuestion => {
                plan::move_selected(&mut view.plan, state.plan, triggered.arg == 1)
            }
            Action::RemovePlanQuestion => plan::remove_selected(&mut view.plan, state.plan),
            Action::StartInterview => {
                plan::open_start(&mut view.plan, state.plan, &state.shared.prefs.interviewer)
            }
            _ => {}
        }
    }
}

fn search_id() -> egui::Id {
    egui::Id::unique("bank_search")
}

fn search_box_ui(ui: &mut egui::Ui, state: &mut BankFrame<'_>) {
    let view = &mut state.view;
    ui.horizontal(|ui| {
        let label = ui.label("Search");
        if view.focus_search {
            // Before the box reads this frame's keys, so "Ctrl+F GIL" searches for "GIL"; the
            // old query is selected, so typing replaces it, as in a browser.
            ui.memory_mut(|m| m.request_focus(search_id()));
            let mut edit =
                egui::text_edit::TextEditState::load(ui.ctx(), search_id()).unwrap_or_default();
            edit.cursor
                .set_char_range(Some(egui::text::CCursorRange::two(
                    egui::text::CCursor::new(0),
                    egui::text::CCursor::new(view.query.chars().count()),
                )));
            edit.store(ui.ctx(), search_id());
            view.focus_search = false;
        }
        let response = ui.add(
            egui::TextEdit::singleline(&mut view.query)
                .id(search_id())
                .hint_text("Prompt, rubric or tag… (Ctrl+F)")
                .desired_width((ui.available_width() - 70.0).max(80.0)),
        );
        response.labelled_by(label.id);
        if !view.query.is_empty() && ui.button("Clear").clicked() {
            view.query.clear();
        }
    });
    let hits = view.results().hits.len();
    let mut summary = format!("{hits} question{}", if hits == 1 { "" } else { "s" });
    if !view.filter.is_empty() || !view.query.trim().is_empty() {
        summary.push_str(" match");
    }
    ui.label(egui::RichText::new(summary).weak());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load::{SetOrigin, SetSource};
    use std::time::{Duration, Instant};

    /// A bank just over the background threshold.
    fn large_bank() -> Arc<QuestionBank> {
        bank_of(BACKGROUND_SEARCH_ABOVE + 500)
    }

    /// `size` questions; every tenth is about decorators.
    fn bank_of(size: usize) -> Arc<QuestionBank> {
        let mut text = String::from(
            r#"QuestionSet(id: "big", title: "Big", categories: [Category(id: "a", title: "A")], questions: ["#,
        );
        for i in 0..size {
            let topic = if i % 10 == 0 {
                "decorator"
            } else {
                "migration"
            };
            text.push_str(&format!(
                r#"Question(id: "big.q{i}", category: "a", level: Entry, prompt: "Question {i} about a {topic}?", listen_for: ["Point {i}"]),"#
            ));
        }
        text.push_str("])");
        let (bank, problems) = QuestionBank::load(&[SetSource {
            name: "big.ron".into(),
            origin: SetOrigin::Bundled,
            text,
        }]);
        assert!(problems.is_empty(), "{:?}", problems.first());
        Arc::new(bank)
    }

    fn settle(view: &mut BankViewState, bank: &Arc<QuestionBank>) -> SearchOutcome {
        let start = Instant::now();
        loop {
            let outcome = view.refresh(bank, &InterviewPlan::default()).clone();
            if !view.is_searching() {
                return outcome;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "the background search never finished"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    fn expected(bank: &QuestionBank, query: &str) -> SearchOutcome {
        let index = SearchIndex::build(bank);
        Searcher::default().search(bank, &index, query, &Filter::default(), &|_| false)
    }

    #[test]
    fn large_bank_searches_in_the_background_and_keeps_the_newest_query() {
        let bank = large_bank();
        let mut view = BankViewState::default();
        let all = settle(&mut view, &bank);
        assert_eq!(all.hits.len(), bank.len());
        assert!(view.search.worker.is_some(), "a large bank uses the worker");

        // Typing faster than the worker searches: earlier queries may be dropped, but the
        // results end up those of the last one.
        for query in ["d", "de", "dec", "deco", "decorator"] {
            view.query = query.into();
            view.refresh(&bank, &InterviewPlan::default());
        }
        let outcome = settle(&mut view, &bank);
        assert_eq!(outcome, expected(&bank, "decorator"));
        assert_eq!(outcome.hits.len(), bank.len() / 10);
        assert_eq!(view.results(), &outcome);
    }

    #[test]
    fn a_new_bank_clears_results_until_its_own_arrive() {
        let first = large_bank();
        let mut view = BankViewState {
            query: "decorator".into(),
            ..BankViewState::default()
        };
        assert!(!settle(&mut view, &first).hits.is_empty());

        let second = large_bank();
        let shown = view.refresh(&second, &InterviewPlan::default()).clone();
        assert!(
            shown.hits.is_empty() && view.is_searching(),
            "results of the old bank are never shown for the new one"
        );
        let outcome = settle(&mut view, &second);
        assert_eq!(outcome, expected(&second, "decorator"));
    }

    #[test]
    fn small_bank_searches_on_the_calling_thread() {
        let small = bank_of(BACKGROUND_SEARCH_ABOVE);
        let mut view = BankViewState {
            query: "decorator".into(),
            ..BankViewState::default()
        };
        let outcome = view.refresh(&small, &InterviewPlan::default()).clone();
        assert!(!view.is_searching(), "results are ready at once");
        assert!(view.search.worker.is_none(), "no thread for a small bank");
        assert_eq!(outcome, expected(&small, "decorator"));
        assert_eq!(outcome.hits.len(), small.len() / 10);
    }
}
