//! What a screen asks the app to do. Screens never change shared state themselves: they push
//! commands, and the app applies them after the frame (see `ui::app::command`).

use std::path::PathBuf;

use crate::ui::shared::{PlanDocument, View};
use crate::ui::shell::notices::{Notice, NoticeKind};

/// Something a view asks the app to do: anything touching files or another view.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    StartInterview {
        candidate: String,
        role: String,
        interviewer: String,
    },
    FinishInterview,
    /// Reopen an unfinished interview from its file.
    ResumeSession(PathBuf),
    /// Forget the offer to resume (the file stays).
    DismissResume,
    SavePlan,
    RefreshTemplates,
    DuplicateTemplate(PathBuf),
    RenameTemplate(PathBuf, String),
    DeleteTemplate(PathBuf),
    /// Delete, anonymise or duplicate sessions from History.
    History(HistoryCommand),
    /// Read the bank again after a question set changed on disk; select question `select`,
    /// and show only the set in file `show_set` (e.g. after an import).
    ReloadBank {
        select: Option<String>,
        show_set: Option<PathBuf>,
    },
    /// Switch to another screen.
    ShowView(View),
    /// Open this newly started interview (e.g. one interview of a hiring loop).
    StartSession(Box<crate::model::Session>),
    /// Open the Bank on the question with this id (e.g. from a Question health row): the
    /// search and filters are cleared when they would hide it, and it is selected so the
    /// preview shows it with its health line.
    ShowQuestion {
        id: String,
    },
    /// Draw in another theme.
    SetTheme(crate::ui::style::theme::ThemeChoice),
    /// Show or hide the keyboard cheat sheet.
    ToggleCheatSheet,
    /// Tell the user something in the notices.
    Notice(Notice),
    /// Replace the plan being built (e.g. with one from History).
    UsePlan(PlanDocument),
    /// Remember the local interviewer's name.
    SetInterviewer(String),
    /// Keep scorecards this many days before offering to delete or anonymise them.
    SetRetentionDays(u32),
    /// Propose this folder for the next export.
    SetExportFolder(PathBuf),
    /// The Panel now reads these files and folders.
    SetPanelFolders(Vec<PathBuf>),
    /// The Panel showed the local interviewer others' ratings for this candidate while their
    /// own scorecard for them is open and not yet submitted.
    NoteViewedOthers {
        candidate_key: String,
    },
}

/// Something History asks the app to do with files.
#[derive(Clone, Debug, PartialEq)]
pub enum HistoryCommand {
    Delete(Vec<PathBuf>),
    Anonymise(Vec<PathBuf>),
    DuplicateAsPlan(PathBuf),
}

/// The commands pushed during one frame, with shorthands for notices.
#[derive(Default, Debug)]
pub struct Commands(Vec<Command>);

impl Commands {
    pub fn push(&mut self, command: Command) {
        self.0.push(command);
    }

    /// An error that stays until dismissed.
    pub fn error(&mut self, title: impl Into<String>, details: Vec<String>) {
        self.notice(NoticeKind::Error, title.into(), details, None);
    }

    /// A warning that stays until dismissed.
    pub fn warning(&mut self, title: impl Into<String>, details: Vec<String>) {
        self.notice(NoticeKind::Warning, title.into(), details, None);
    }

    /// A brief confirmation, with a folder to open.
    pub fn success(&mut self, title: impl Into<String>, folder: Option<PathBuf>) {
        self.notice(NoticeKind::Success, title.into(), Vec::new(), folder);
    }

    fn notice(
        &mut self,
        kind: NoticeKind,
        title: String,
        details: Vec<String>,
        folder: Option<PathBuf>,
    ) {
        self.push(Command::Notice(Notice::new(kind, title, details, folder)));
    }

    /// Takes the commands out, in the order they were pushed.
    pub fn take(&mut self) -> Vec<Command> {
        std::mem::take(&mut self.0)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Command> {
        self.0.iter()
    }
}

impl Extend<Command> for Commands {
    fn extend<T: IntoIterator<Item = Command>>(&mut self, iter: T) {
        self.0.extend(iter);
    }
}
