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
    /// The user changed something that has not been handed to the writer yet. The clock's
    /// ticks are saved too, but do not count: they must not make "Saving…" flicker.
    edit_pending: bool,
    /// The number of the copy that carried the newest edit to the writer, until it is on disk.
    edit_copy: Option<u64>,
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
            edit_pending: false,
            edit_copy: None,
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
            edit_pending: false,
            edit_copy: None,
        })
    }

    /// Call after every edit; the change reaches disk within a second.
    pub fn changed(&mut self) {
        self.autosaver.mark_dirty();
        self.edit_pending = true;
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
        let handed_before = self.autosaver.handed_over();
        match self.autosaver.poll(&self.path, &self.session) {
            Some(wait) => ctx.request_repaint_after(wait),
            None if self.autosaver.handed_over() != handed_before => self.edit_handed_over(),
            None => {}
        }
        if let Some(copy) = self.edit_copy {
            if self.autosaver.status().saved >= copy {
                self.edit_copy = None;
            } else {
                // Look again shortly, so "Saved" shows as soon as the write lands.
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
            }
        }
    }

    /// A copy went to the writer: if it carries an edit, that edit is on disk once it lands.
    fn edit_handed_over(&mut self) {
        if self.edit_pending {
            self.edit_pending = false;
            self.edit_copy = Some(self.autosaver.handed_over());
        }
    }

    pub fn save_now(&mut self) {
        self.autosaver.save_now(&self.path, &self.session);
        self.edit_handed_over();
    }

    /// Writes now and waits for the disk (closing the window, switching sessions).
    pub fn flush(&mut self) {
        self.save_now();
        self.autosaver.flush();
    }

    pub fn autosave_status(&self) -> AutosaveStatus {
        self.autosaver.status()
    }

    /// Whether the user's newest change is not yet on disk. Clock ticks are not changes here.
    pub fn has_unsaved_changes(&self) -> bool {
        if self.edit_pending {
            return true;
        }
        self.edit_copy.is_some_and(|copy| {
            let status = self.autosaver.status();
            status.saved < copy && status.last_error.is_none()
        })
    }
}

impl Drop for ActiveSession {
    fn drop(&mut self) {
        self.flush();
    }
}
