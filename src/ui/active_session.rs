//! The interview or scorecard open in this window: the session, its file, its lock, its
//! autosave and its clock.

use std::path::PathBuf;
use std::time::Instant;

use crate::model::session::Session;
use crate::store::StoreError;
use crate::store::autosave::{AutosaveStatus, Autosaver};
use crate::store::sessions::{self, SessionLock};

pub struct ActiveSession {
    pub session: Session,
    pub path: PathBuf,
    _lock: SessionLock,
    autosaver: Autosaver,
    last_clock: Option<Instant>,
}

impl ActiveSession {
    /// Locks the file (refusing if another window has it) and writes the session at once, so
    /// even an interview that crashes in its first second can be resumed.
    pub fn open(session: Session, path: PathBuf) -> Result<ActiveSession, StoreError> {
        let lock = SessionLock::acquire(&path)?;
        sessions::save_session(&path, &session)?;
        Ok(ActiveSession {
            session,
            path,
            _lock: lock,
            autosaver: Autosaver::new(),
            last_clock: None,
        })
    }

    /// Locks and loads an existing file.
    pub fn resume(path: PathBuf) -> Result<ActiveSession, StoreError> {
        let lock = SessionLock::acquire(&path)?;
        let session = sessions::load_session(&path)?;
        Ok(ActiveSession {
            session,
            path,
            _lock: lock,
            autosaver: Autosaver::new(),
            last_clock: None,
        })
    }

    /// Call after every edit; the change reaches disk within a second.
    pub fn changed(&mut self) {
        self.autosaver.mark_dirty();
    }

    /// Per frame: advances the clocks by wall time and hands pending edits to the writer.
    pub fn frame(&mut self, ctx: &egui::Context, clock_running: bool) {
        let now = Instant::now();
        if clock_running && !self.session.paused && self.session.finished_at.is_none() {
            if let Some(last) = self.last_clock {
                // Long gaps (a suspended laptop) are not interview time.
                let secs = now.duration_since(last).as_secs_f64().min(5.0);
                self.session.tick_clock(secs);
                self.autosaver.mark_dirty();
            }
            self.last_clock = Some(now);
            ctx.request_repaint_after(std::time::Duration::from_millis(500));
        } else {
            self.last_clock = None;
        }
        if let Some(wait) = self.autosaver.poll(&self.path, &self.session) {
            ctx.request_repaint_after(wait);
        }
    }

    pub fn save_now(&mut self) {
        self.autosaver.save_now(&self.path, &self.session);
    }

    /// Writes now and waits for the disk (closing the window, switching sessions).
    pub fn flush(&mut self) {
        self.save_now();
        self.autosaver.flush();
    }

    pub fn autosave_status(&self) -> AutosaveStatus {
        self.autosaver.status()
    }

    pub fn has_unsaved_changes(&self) -> bool {
        self.autosaver.is_dirty()
    }
}

impl Drop for ActiveSession {
    fn drop(&mut self) {
        self.flush();
    }
}
