//! Debounced background writer: the UI hands over a copy of the session, a worker thread
//! serialises it and writes it atomically, so typing never waits for the disk.

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

enum Job {
    Save(PathBuf, Box<Session>),
    Flush(Sender<()>),
}

/// What the last write did, for the status line.
#[derive(Clone, Debug, Default)]
pub struct AutosaveStatus {
    pub last_saved: Option<Instant>,
    pub last_error: Option<String>,
    pub writes: u64,
}

pub struct Autosaver {
    sender: Option<Sender<Job>>,
    worker: Option<JoinHandle<()>>,
    status: Arc<Mutex<AutosaveStatus>>,
    pending_since: Option<Instant>,
}

impl Default for Autosaver {
    fn default() -> Self {
        Autosaver::new()
    }
}

impl Autosaver {
    pub fn new() -> Autosaver {
        let (sender, receiver) = mpsc::channel();
        let status = Arc::new(Mutex::new(AutosaveStatus::default()));
        let worker_status = status.clone();
        let worker = std::thread::Builder::new()
            .name("autosave".into())
            .spawn(move || run_worker(receiver, worker_status))
            .ok();
        Autosaver {
            sender: worker.as_ref().map(|_| sender),
            worker,
            status,
            pending_since: None,
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
    pub fn poll(&mut self, path: &std::path::Path, session: &Session) -> Option<Duration> {
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
    pub fn save_now(&mut self, path: &std::path::Path, session: &Session) {
        self.pending_since = None;
        let job = Job::Save(path.to_path_buf(), Box::new(session.clone()));
        let sent = self.sender.as_ref().is_some_and(|s| s.send(job).is_ok());
        if !sent {
            // No worker thread could be started: write here rather than lose the notes.
            let result = save_session(path, session);
            record(&self.status, result.map_err(|e| e.to_string()));
        }
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

impl Drop for Autosaver {
    fn drop(&mut self) {
        self.sender = None;
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

fn run_worker(receiver: Receiver<Job>, status: Arc<Mutex<AutosaveStatus>>) {
    while let Ok(first) = receiver.recv() {
        // Coalesce: only the newest copy of each file needs writing.
        let mut jobs = vec![first];
        jobs.extend(receiver.try_iter());
        let mut latest: Vec<(PathBuf, Box<Session>)> = Vec::new();
        let mut flushes = Vec::new();
        for job in jobs {
            match job {
                Job::Save(path, session) => {
                    latest.retain(|(p, _)| *p != path);
                    latest.push((path, session));
                }
                Job::Flush(done) => flushes.push(done),
            }
        }
        for (path, session) in latest {
            let result = save_session(&path, &session);
            record(&status, result.map_err(|e| e.to_string()));
        }
        for done in flushes {
            let _ = done.send(());
        }
    }
}

fn record(status: &Mutex<AutosaveStatus>, result: Result<(), String>) {
    if let Ok(mut status) = status.lock() {
        match result {
            Ok(()) => {
                status.last_saved = Some(Instant::now());
                status.last_error = None;
                status.writes += 1;
            }
            Err(err) => {
                log::error!("autosave failed: {err}");
                status.last_error = Some(err);
            }
        }
    }
}
