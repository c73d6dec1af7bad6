//! Debounced background writer: the UI hands over a copy of the document (a session, the plan
//! being built), a worker thread serialises it and writes it atomically, so typing never waits
//! for the disk.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::model::session::Session;

use super::sessions::save_session;

/// Longest the UI waits between a change and handing it to the writer. With the write itself
/// taking milliseconds, every change is on disk well within a second.
pub const DEBOUNCE: Duration = Duration::from_millis(300);

enum Job<T> {
    /// Write this copy; the number counts the copies handed over, for [`AutosaveStatus::saved`].
    Save(PathBuf, Box<T>, u64),
    Flush(Sender<()>),
}

/// How a document of type `T` is written to a file (atomically).
pub type SaveFn<T> = fn(&std::path::Path, &T) -> Result<(), super::StoreError>;

/// What the last write did, for the status line.
#[derive(Clone, Debug, Default)]
pub struct AutosaveStatus {
    pub last_saved: Option<Instant>,
    pub last_error: Option<String>,
    pub writes: u64,
    /// The number of the newest copy on disk (see [`Autosaver::handed_over`]).
    pub saved: u64,
}

pub struct Autosaver<T = Session> {
    sender: Option<Sender<Job<T>>>,
    worker: Option<JoinHandle<()>>,
    status: Arc<Mutex<AutosaveStatus>>,
    pending_since: Option<Instant>,
    save: SaveFn<T>,
    handed_over: u64,
}

impl Default for Autosaver<Session> {
    fn default() -> Self {
        Autosaver::new()
    }
}

impl Autosaver<Session> {
    /// The writer for interview sessions.
    pub fn new() -> Autosaver<Session> {
        Autosaver::with(save_session)
    }
}

impl<T: Clone + Send + 'static> Autosaver<T> {
    /// A writer that stores each document with `save`.
    pub fn with(save: SaveFn<T>) -> Autosaver<T> {
        let (sender, receiver) = mpsc::channel();
        let status = Arc::new(Mutex::new(AutosaveStatus::default()));
        let worker_status = status.clone();
        let worker = std::thread::Builder::new()
            .name("autosave".into())
            .spawn(move || run_worker(receiver, worker_status, save))
            .ok();
        Autosaver {
            sender: worker.as_ref().map(|_| sender),
            worker,
            status,
            pending_since: None,
            save,
            handed_over: 0,
        }
    }

    /// Notes that the session changed; it will be written within [`DEBOUNCE`].
    pub fn mark_dirty(&mut self) {
        self.pending_since.get_or_insert_with(Instant::now);
    }

    pub fn is_dirty(&self) -> bool {
        self.pending_since.is_some()
    }

    /// Call every frame: hands the session to the writer once the debounce has passed.
    /// Returns how long until it should be called again, if a write is pending.
    pub fn poll(&mut self, path: &std::path::Path, session: &T) -> Option<Duration> {
        let since = self.pending_since?;
        let waited = since.elapsed();
        if waited >= DEBOUNCE {
            self.save_now(path, session);
            None
        } else {
            Some(DEBOUNCE - waited)
        }
    }

    /// Queues a write immediately (on finish, on navigation, before closing).
    pub fn save_now(&mut self, path: &std::path::Path, session: &T) {
        self.pending_since = None;
        self.handed_over += 1;
        let job = Job::Save(
            path.to_path_buf(),
            Box::new(session.clone()),
            self.handed_over,
        );
        let sent = self.sender.as_ref().is_some_and(|s| s.send(job).is_ok());
        if !sent {
            // No worker thread could be started: write here rather than lose the notes.
            let result = (self.save)(path, session);
            record(
                &self.status,
                result.map_err(|e| e.to_string()),
                self.handed_over,
            );
        }
    }

    /// How many copies have been handed to the writer; once [`AutosaveStatus::saved`] reaches
    /// this number, everything handed over so far is on disk.
    pub fn handed_over(&self) -> u64 {
        self.handed_over
    }

    /// Blocks until every queued write is on disk.
    pub fn flush(&self) {
        if let Some(sender) = &self.sender {
            let (done, wait) = mpsc::channel();
            if sender.send(Job::Flush(done)).is_ok() {
                let _ = wait.recv_timeout(Duration::from_secs(10));
            }
        }
    }

    pub fn status(&self) -> AutosaveStatus {
        self.status.lock().map(|s| s.clone()).unwrap_or_default()
    }
}

impl<T> Drop for Autosaver<T> {
    fn drop(&mut self) {
        self.sender = None;
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

fn run_worker<T>(receiver: Receiver<Job<T>>, status: Arc<Mutex<AutosaveStatus>>, save: SaveFn<T>) {
    while let Ok(first) = receiver.recv() {
        // Coalesce: only the newest copy of each file needs writing.
        let mut jobs = vec![first];
        jobs.extend(receiver.try_iter());
        let mut latest: Vec<(PathBuf, Box<T>, u64)> = Vec::new();
        let mut flushes = Vec::new();
        for job in jobs {
            match job {
                Job::Save(path, session, number) => {
                    latest.retain(|(p, _, _)| *p != path);
                    latest.push((path, session, number));
                }
                Job::Flush(done) => flushes.push(done),
            }
        }
        for (path, session, number) in latest {
            let result = save(&path, &session);
            record(&status, result.map_err(|e| e.to_string()), number);
        }
        for done in flushes {
            let _ = done.send(());
        }
    }
}

fn record(status: &Mutex<AutosaveStatus>, result: Result<(), String>, number: u64) {
    if let Ok(mut status) = status.lock() {
        match result {
            Ok(()) => {
                status.last_saved = Some(Instant::now());
                status.last_error = None;
                status.writes += 1;
                status.saved = status.saved.max(number);
            }
            Err(err) => {
                log::error!("autosave failed: {err}");
                status.last_error = Some(err);
            }
        }
    }
}
