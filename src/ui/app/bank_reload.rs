//! Reading the bank again after an edit or an import. A large bank is read on a worker thread
//! so the window keeps answering while it parses; a small one takes a few milliseconds and is
//! read at once, so the edit shows in the very next frame.

use std::path::PathBuf;

use crate::model::search::SearchIndex;
use crate::model::{LoadProblem, QuestionBank};
use crate::store::bank_files;
use crate::ui::tasks::{Polled, Task};

/// Banks at least this large are read again on a worker thread (about 30 ms of parsing here).
pub const BACKGROUND_FROM_QUESTIONS: usize = 2_000;

/// What to show once the bank is read again.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReloadTarget {
    /// A question to select by id; otherwise the selection follows the question it was on.
    pub select: Option<String>,
    /// Narrow the facets to this set file (after an import).
    pub show_set: Option<PathBuf>,
}

/// A bank read from disk, with the problems found on the way.
pub struct Loaded {
    pub bank: QuestionBank,
    pub problems: Vec<LoadProblem>,
    /// Built as the sets were read; the Bank view takes it.
    pub index: SearchIndex,
}

/// Where the files are: the user's question-set folder and any `--bank` paths.
#[derive(Clone, Debug)]
pub struct BankPaths {
    pub user_sets: PathBuf,
    pub extra: Vec<PathBuf>,
}

impl BankPaths {
    pub fn load(&self) -> Loaded {
        let (bank, problems, index) =
            bank_files::load_bank_indexed(Some(&self.user_sets), &self.extra);
        Loaded {
            bank,
            problems,
            index,
        }
    }
}

/// A read running on a worker thread.
struct Running {
    task: Task<Loaded>,
    paths: BankPaths,
    target: ReloadTarget,
}

/// A read in progress on a worker thread, and one asked for meanwhile.
#[derive(Default)]
pub struct BankReload {
    running: Option<Running>,
    /// Asked for while a read was running. Files may have changed after that read began, so
    /// another read follows it.
    queued: Option<(BankPaths, ReloadTarget)>,
}

impl BankReload {
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Starts reading on a worker thread, or queues the read if one is running. Returns the
    /// bank read at once instead if no thread could be started.
    pub fn request(
        &mut self,
        paths: BankPaths,
        target: ReloadTarget,
        ctx: Option<&egui::Context>,
    ) -> Option<(Loaded, ReloadTarget)> {
        if self.running.is_some() {
            // A later request's selection wins, but an import's set filter is kept.
            let show_set = target
                .show_set
                .clone()
                .or_else(|| self.queued.as_ref().and_then(|(_, t)| t.show_set.clone()));
            self.queued = Some((paths, ReloadTarget { show_set, ..target }));
            return None;
        }
        let worker_paths = paths.clone();
        match Task::spawn("bank reload", ctx, move || worker_paths.load()) {
            Ok(task) => {
                self.running = Some(Running {
                    task,
                    paths,
                    target,
                });
                None
            }
            Err(_) => Some((paths.load(), target)),
        }
    }

    /// A finished read, if there is one; starts the queued read then.
    pub fn poll(&mut self, ctx: Option<&egui::Context>) -> Option<(Loaded, ReloadTarget)> {
        let running = self.running.as_ref()?;
        let loaded = match running.task.poll() {
            Polled::Done(loaded) => loaded,
            Polled::Running => return None,
            // The worker died (a bug): read here rather than lose the edit's effect.
            Polled::Lost => running.paths.load(),
        };
        let finished = self.running.take()?;
        if let Some((paths, next)) = self.queued.take() {
            // Read at once only if no thread could start; that read is the newer one.
            if let Some(now) = self.request(paths, next, ctx) {
                return Some(now);
            }
        }
        Some((loaded, finished.target))
    }
}
