//! Work that runs off the UI thread: one small [`Task`] type for every background job (file
//! dialogs, exports, imports, bank reloads, folder scans, statistics), and the save dialog
//! with its typed-path fallback.
//!
//! A task runs its closure on a named worker thread, wakes the window when the result is
//! ready, and is polled by the app once per frame whichever screen is showing.

pub mod save_dialog;

use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

/// A system file dialog that answers faster than this never reached the user: no dialog
/// could be shown (no desktop portal, no zenity), so a typed path is offered instead of
/// treating the answer as Cancel.
pub const NO_DIALOG_SECS: f64 = 1.0;

/// Work running on a worker thread, with its result to collect.
pub struct Task<T> {
    receiver: Receiver<T>,
    started: Instant,
}

/// What a poll found.
#[derive(Debug, PartialEq, Eq)]
pub enum Polled<T> {
    /// Still running.
    Running,
    /// Finished with this result.
    Done(T),
    /// The worker stopped without a result (it panicked): the job's outcome is unknown.
    Lost,
}

impl<T: Send + 'static> Task<T> {
    /// Runs `work` on a worker thread named `name`. When it finishes the window is woken
    /// through `ctx` (when given), so the result shows without waiting for input.
    pub fn spawn(
        name: &str,
        ctx: Option<&egui::Context>,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> std::io::Result<Task<T>> {
        let (sender, receiver) = mpsc::channel();
        let waker = ctx.cloned();
        std::thread::Builder::new()
            .name(name.to_string())
            .spawn(move || {
                // The receiver is gone only if the window closed or the job was dropped;
                // nobody is waiting for the result then.
                let _ = sender.send(work());
                if let Some(ctx) = waker {
                    ctx.request_repaint();
                }
            })?;
        Ok(Task {
            receiver,
            started: Instant::now(),
        })
    }
}

impl<T> Task<T> {
    /// A task that is already done: for work that had to run on the calling thread.
    pub fn ready(result: T) -> Task<T> {
        let (sender, receiver) = mpsc::channel();
        // The receiver is right here, so the send cannot fail.
        let _ = sender.send(result);
        Task {
            receiver,
            started: Instant::now(),
        }
    }

    /// Takes the result if the work finished.
    pub fn poll(&self) -> Polled<T> {
        match self.receiver.try_recv() {
            Ok(result) => Polled::Done(result),
            Err(TryRecvError::Empty) => Polled::Running,
            Err(TryRecvError::Disconnected) => Polled::Lost,
        }
    }

    /// How long the work has been running.
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// For a file dialog: it answered too fast to have been shown to anyone.
    pub fn answered_without_a_dialog(&self) -> bool {
        self.elapsed().as_secs_f64() < NO_DIALOG_SECS
    }
}

/// Polls the task in `slot`; a finished or lost task leaves the slot empty.
pub fn take_finished<T>(slot: &mut Option<Task<T>>) -> Option<Polled<T>> {
    let polled = slot.as_ref()?.poll();
    match polled {
        Polled::Running => None,
        finished => {
            *slot = None;
            Some(finished)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait<T>(task: &Task<T>) -> Polled<T> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            match task.poll() {
                Polled::Running if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(2))
                }
                other => return other,
            }
        }
    }

    #[test]
    fn a_task_delivers_its_result_once() {
        let task = Task::spawn("test", None, || 6 * 7).expect("spawn");
        assert_eq!(wait(&task), Polled::Done(42));
        assert_eq!(task.poll(), Polled::Lost, "nothing more comes");
    }

    #[test]
    fn a_worker_that_panics_is_reported_lost_not_running_forever() {
        let task: Task<u8> = Task::spawn("test", None, || panic!("a bug")).expect("spawn");
        assert_eq!(wait(&task), Polled::Lost);
    }

    #[test]
    fn take_finished_empties_the_slot_only_when_done() {
        let (release, gate) = mpsc::channel::<()>();
        let mut slot = Some(
            Task::spawn("test", None, move || {
                let _ = gate.recv();
                "done"
            })
            .expect("spawn"),
        );
        assert!(take_finished(&mut slot).is_none());
        assert!(slot.is_some(), "still running");
        release.send(()).expect("release");
        let deadline = Instant::now() + Duration::from_secs(10);
        let finished = loop {
            if let Some(finished) = take_finished(&mut slot) {
                break finished;
            }
            assert!(Instant::now() < deadline, "the task never finished");
            std::thread::sleep(Duration::from_millis(2));
        };
        assert_eq!(finished, Polled::Done("done"));
        assert!(slot.is_none());
    }

    #[test]
    fn a_task_wakes_the_window_when_done() {
        let ctx = egui::Context::default();
        let task = Task::spawn("test", Some(&ctx), || ()).expect("spawn");
        assert_eq!(wait(&task), Polled::Done(()));
        // The worker asked for a repaint after sending; give it the moment to do so.
        let deadline = Instant::now() + Duration::from_secs(10);
        while !ctx.has_requested_repaint() {
            assert!(Instant::now() < deadline, "no repaint was requested");
            std::thread::sleep(Duration::from_millis(2));
        }
    }
}
