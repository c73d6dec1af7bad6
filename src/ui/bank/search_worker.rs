//! Question search off the UI thread, for banks large enough that matching a keystroke would
//! take longer than a frame.
//!
//! The worker owns its own [`SearchIndex`] and [`Searcher`], so the UI thread never waits on a
//! lock held during a search. Requests go into a single slot: a newer request replaces one the
//! worker has not started yet, because only the newest query matters while someone types.

use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::{Arc, Condvar, Mutex, PoisonError};

use crate::model::QuestionBank;
use crate::model::search::{Filter, SearchIndex, SearchOutcome, Searcher};

/// What to search for, and where.
pub struct SearchRequest {
    pub bank: Arc<QuestionBank>,
    /// The bank's index if it was built with the bank; otherwise the worker builds one.
    pub index: Option<Arc<SearchIndex>>,
    pub query: String,
    pub filter: Filter,
    /// Ids of the questions already in the plan, for the "not yet in plan" filter.
    pub plan_ids: Vec<String>,
    /// Increases with every request, so the view can tell newer results from older ones.
    pub generation: u64,
    /// Asked to repaint when the results are ready, so they appear without waiting for input.
    pub repaint: Option<egui::Context>,
}

/// The results of one request.
pub struct SearchResult {
    /// The bank searched; results for a bank that has since been replaced must be ignored,
    /// because their indexes point into the old one.
    pub bank: Arc<QuestionBank>,
    pub generation: u64,
    pub outcome: SearchOutcome,
}

/// What the worker has been asked to do.
#[derive(Default)]
struct Slot {
    request: Option<SearchRequest>,
    closed: bool,
}

#[derive(Default)]
struct Shared {
    slot: Mutex<Slot>,
    wake: Condvar,
}

/// Handle to the background search thread; the thread ends when the handle is dropped.
pub struct SearchWorker {
    shared: Arc<Shared>,
    results: Receiver<SearchResult>,
}

/// Why results stopped coming.
#[derive(Debug, PartialEq, Eq)]
pub struct WorkerGone;

impl SearchWorker {
    /// Starts the thread. Fails only if the system cannot start a thread; the caller then
    /// searches on its own thread.
    pub fn spawn() -> std::io::Result<SearchWorker> {
        let shared = Arc::new(Shared::default());
        let (send, results) = mpsc::channel();
        let worker_shared = shared.clone();
        std::thread::Builder::new()
            .name("question search".into())
            .spawn(move || run(&worker_shared, &send))?;
        Ok(SearchWorker { shared, results })
    }

    /// Queues a search, replacing any request the worker has not started.
    pub fn request(&self, request: SearchRequest) {
        let mut slot = self
            .shared
            .slot
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        slot.request = Some(request);
        self.shared.wake.notify_one();
    }

    /// The newest results that arrived since the last call, if any. `Err` when the worker has
    /// stopped (it panicked), so the caller can search on its own thread instead.
    pub fn latest(&self) -> Result<Option<SearchResult>, WorkerGone> {
        let mut newest = None;
        loop {
            match self.results.try_recv() {
                Ok(result) => newest = Some(result),
                Err(TryRecvError::Empty) => return Ok(newest),
                // Results that arrived before it stopped are still good.
                Err(TryRecvError::Disconnected) => return newest.map(Some).ok_or(WorkerGone),
            }
        }
    }
}

impl Drop for SearchWorker {
    fn drop(&mut self) {
        let mut slot = self
            .shared
            .slot
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        slot.closed = true;
        self.shared.wake.notify_one();
    }
}

fn run(shared: &Shared, results: &Sender<SearchResult>) {
    let mut indexed: Option<(Arc<QuestionBank>, Arc<SearchIndex>)> = None;
    let mut searcher = Searcher::default();
    loop {
        let request = {
            let mut slot = shared.slot.lock().unwrap_or_else(PoisonError::into_inner);
            loop {
                if slot.closed {
                    return;
                }
                if let Some(request) = slot.request.take() {
                    break request;
                }
                slot = shared
                    .wake
                    .wait(slot)
                    .unwrap_or_else(PoisonError::into_inner);
            }
        };
        let stale = !indexed
            .as_ref()
            .is_some_and(|(bank, _)| Arc::ptr_eq(bank, &request.bank));
        if stale {
            // Drop the old index first so two never live at once.
            drop(indexed.take());
            let index = match request.index.clone() {
                Some(index) if index.len() == request.bank.len() => index,
                _ => Arc::new(SearchIndex::build_beside_the_ui(&request.bank)),
            };
            indexed = Some((request.bank.clone(), index));
        }
        let Some((_, index)) = &indexed else {
            continue;
        };
        let in_plan = |id: &str| request.plan_ids.iter().any(|p| p == id);
        let outcome = searcher.search(
            &request.bank,
            index,
            &request.query,
            &request.filter,
            &in_plan,
        );
        let result = SearchResult {
            bank: request.bank,
            generation: request.generation,
            outcome,
        };
        if results.send(result).is_err() {
            return;
        }
        if let Some(ctx) = request.repaint {
            ctx.request_repaint();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn bank() -> Arc<QuestionBank> {
        Arc::new(crate::model::search::test_support::three_question_bank())
    }

    fn request(bank: &Arc<QuestionBank>, query: &str, generation: u64) -> SearchRequest {
        SearchRequest {
            bank: bank.clone(),
            index: None,
            query: query.into(),
            filter: Filter::default(),
            plan_ids: Vec::new(),
            generation,
            repaint: None,
        }
    }

    /// Waits for results of `generation` or newer, returning the newest seen.
    fn wait_for(worker: &SearchWorker, generation: u64) -> SearchResult {
        let start = Instant::now();
        loop {
            if let Some(result) = worker.latest().expect("the worker is running")
                && result.generation >= generation
            {
                return result;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "no results for request {generation}"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    #[test]
    fn results_match_searching_on_the_calling_thread() {
        let bank = bank();
        let worker = SearchWorker::spawn().expect("start the search thread");
        let index = SearchIndex::build(&bank);
        let mut searcher = Searcher::default();
        for (generation, query) in ["decorator", "copy", "", "zzzz"].into_iter().enumerate() {
            let generation = generation as u64 + 1;
            worker.request(request(&bank, query, generation));
            let result = wait_for(&worker, generation);
            let expected = searcher.search(&bank, &index, query, &Filter::default(), &|_| false);
            assert_eq!(result.outcome, expected, "query {query:?}");
            assert!(Arc::ptr_eq(&result.bank, &bank));
        }
    }

    #[test]
    fn newest_request_wins_and_a_new_bank_is_indexed() {
        let first = bank();
        let worker = SearchWorker::spawn().expect("start the search thread");
        for (generation, query) in ["d", "de", "dec", "deco"].into_iter().enumerate() {
            worker.request(request(&first, query, generation as u64 + 1));
        }
        let result = wait_for(&worker, 4);
        assert_eq!(
            result.generation, 4,
            "the newest request's results come last"
        );
        let index = SearchIndex::build(&first);
        let deco =
            Searcher::default().search(&first, &index, "deco", &Filter::default(), &|_| false);
        assert_eq!(result.outcome, deco, "results of the newest query");

        let second = bank();
        worker.request(request(&second, "copy", 5));
        let result = wait_for(&worker, 5);
        assert!(Arc::ptr_eq(&result.bank, &second));
        let copy = second.index_of("t.copy").expect("t.copy is in the bank");
        assert_eq!(result.outcome.hits.first().map(|h| h.index()), Some(copy));
    }
}
